# shellcheck shell=bash
# bench/lib.sh - shell helpers of the bench suite (issue 5), sourced by
# bench/run.sh: packages, timing, recording results, cache dropping, mounts.
#
# Expects from the caller: WORK (scratch dir), RES (results dir), TMO (timeout
# in seconds for every command), IS_ROOT, SRC (the SOURCE tree).
# Results are plain files in RES: t.NAME holds one figure per line (seconds
# for timings; or whatever `rec` was given), "FAIL" when a run failed;
# cmd.NAME holds the command that produced NAME; meta holds KEY<TAB>VALUE
# lines and notes one line per note. bench/report.py reads them.

MOUNTS=()

# step TEXT: announce a section on stderr, with the seconds since the start.
step() { echo "run.sh: [$(( $(date +%s) - ${T_START:-$(date +%s)} ))s] $*" >&2; }

note() { printf '%s\n' "$*" >>"$RES/notes"; echo "run.sh: $*" >&2; }
meta() { printf '%s\t%s\n' "$1" "$2" >>"$RES/meta"; }

# need_pkg CMD PKG: true when CMD exists, installing PKG with apt-get as root.
need_pkg() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$IS_ROOT" = 1 ]; then
		echo "run.sh: installing $2" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" </dev/null >/dev/null 2>&1 ||
			{ apt-get update -q </dev/null >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" </dev/null >/dev/null 2>&1; }
	fi
	command -v "$1" >/dev/null 2>&1
}

# drop: empty the page, dentry and inode caches (root only). Sets DROP_OK.
# shellcheck disable=SC2034 # DROP_OK and LAST_OUT are read by run.sh
DROP_OK=0
drop() {
	[ "$IS_ROOT" = 1 ] || return 0
	sync
	# shellcheck disable=SC2034 # read by run.sh
	if echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then DROP_OK=1; fi
	return 0
}

# cmdrec NAME CMD...: remember the first command line that produced NAME,
# each word shell-quoted ('...') when it needs it.
cmdrec() {
	local name=$1 w out=""; shift
	[ -e "$RES/cmd.$name" ] && return 0
	for w in "$@"; do
		if [[ "$w" =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then out+="$w "
		else out+="'${w//\'/\'\\\'\'}' "
		fi
	done
	printf '%s\n' "${out% }" >"$RES/cmd.$name"
}
# cmdnote NAME TEXT: the command of NAME, written out by hand (for commands
# whose literal form is unreadable: the rg alternation, 100 file names).
cmdnote() { [ -e "$RES/cmd.$1" ] || printf '%s\n' "$2" >"$RES/cmd.$1"; }

# rec NAME VALUE: append a figure (VALUE empty or FAIL: a failed run).
rec() { printf '%s\n' "${2:-FAIL}" >>"$RES/t.$1"; }

# tm [--ok1] NAME CMD...: run CMD under timeout (stdout discarded), append
# the elapsed seconds to t.NAME; exit status 0 is success (--ok1: 1 too, for
# rg's "no match"). A failure is recorded as FAIL and reported on stderr.
tm() {
	local ok1=0
	[ "$1" = --ok1 ] && { ok1=1; shift; }
	local name=$1; shift
	local t0 t1 rc
	cmdrec "$name" "$@"
	t0=$(date +%s%N)
	timeout "$TMO" "$@" >/dev/null 2>"$WORK/err.$name"; rc=$?
	t1=$(date +%s%N)
	if [ "$rc" != 0 ] && { [ "$ok1" = 0 ] || [ "$rc" != 1 ]; }; then
		echo "run.sh: $name failed (rc=$rc): $(head -c 300 "$WORK/err.$name")" >&2
		rec "$name" FAIL; return 1
	fi
	rec "$name" "$(printf '%d.%09d' $(((t1 - t0) / 1000000000)) $(((t1 - t0) % 1000000000)))"
}

# field KEY LINE: the word after KEY in "key value key value" output.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$2"; }

# run_rec NAME KEY CMD...: run CMD under timeout, record the value that
# follows KEY in its output (pread, rss.py), or FAIL.
run_rec() {
	local name=$1 key=$2; shift 2
	local out rc
	cmdrec "$name" "$@"
	out=$(timeout "$TMO" "$@" 2>"$WORK/err.$name"); rc=$?
	if [ "$rc" != 0 ]; then
		echo "run.sh: $name failed (rc=$rc): $(head -c 300 "$WORK/err.$name")" >&2
		rec "$name" FAIL; return 1
	fi
	# shellcheck disable=SC2034 # read by run.sh
	LAST_OUT=$out
	rec "$name" "$(field "$key" "$out")"
}

# mount_fs KIND MNT [POLICY]: mount SRC at MNT read-only with redactfs,
# bindfs or passthrough_ll; waits until it is up. Registered for cleanup.
mount_fs() {
	local kind=$1 mnt=$2 pol=${3:-}
	mkdir -p "$mnt"
	MOUNTS+=("$mnt")
	local cmd=()
	case "$kind" in
	redactfs) cmd=("$REDACTFS" -o "policy=$pol" "$SRC" "$mnt") ;;
	bindfs) cmd=(bindfs -r "$SRC" "$mnt") ;;
	passthrough_ll) cmd=("$PASSTHROUGH" -o "source=$SRC,ro" "$mnt") ;;
	*) echo "run.sh: unknown mount kind $kind" >&2; return 1 ;;
	esac
	cmdrec "mount_$kind${pol:+_$(basename "$pol" .ini)}" "${cmd[@]}"
	"${cmd[@]}" 2>"$WORK/mount.err" || {
		echo "run.sh: mount $kind failed: $(head -c 300 "$WORK/mount.err")" >&2; return 1; }
	for _ in $(seq 100); do timeout 5 mountpoint -q "$mnt" && return 0; sleep 0.05; done
	echo "run.sh: $kind did not come up at $mnt" >&2
	return 1
}

# umount_fs MNT: unmount (retrying while busy, then lazily).
umount_fs() {
	local mnt=$1
	timeout 5 mountpoint -q "$mnt" 2>/dev/null || return 0
	for _ in 1 2 3 4 5; do
		fusermount3 -u "$mnt" 2>/dev/null && return 0
		sleep 0.2
	done
	fusermount3 -uz "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
}

cleanup_mounts() {
	local m
	for m in "${MOUNTS[@]}"; do umount_fs "$m"; done
}

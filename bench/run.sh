#!/usr/bin/env bash
# bench/run.sh - the measuring stick of issue 5 (first version).
#
# Usage: bash bench/run.sh [--quick] [--keep]
# Builds redactfs (build-bench/, release) if needed, generates invented data
# with a fixed seed (bench/gen.py) into a temp dir, measures A/B interleaved
# (median of >=5 runs, --quick: >=3) and writes bench/out/benchmarks.md.
# Invariants: every mount is unmounted on exit (trap EXIT: fusermount3 -u,
# then -z); every read of a mount runs under `timeout`; SOURCE data is only
# ever read; a baseline that cannot run is reported as SKIPPED, never as met.
set -u
set -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
QUICK=0
KEEP=0
for a in "$@"; do
	case "$a" in
	--quick) QUICK=1 ;;
	--keep) KEEP=1 ;;
	-h|--help) sed -n '2,10p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $a" >&2; exit 2 ;;
	esac
done

if [ "$QUICK" = 1 ]; then
	SIZE=$((16 << 20)); NTREE=500; RUNS=3; TMO=120
else
	SIZE=$((1 << 30)); NTREE=10000; RUNS=5; TMO=1800
fi
IS_ROOT=0; [ "$(id -u)" = 0 ] && IS_ROOT=1

OUT="$HERE/out"; mkdir -p "$OUT"
REPORT="$OUT/benchmarks.md"
WORK=$(mktemp -d /tmp/redactfs-bench.XXXXXX)
MOUNTS=()
NOTES=()
note() { NOTES+=("$*"); echo "run.sh: $*" >&2; }

cleanup() {
	local m
	for m in "${MOUNTS[@]}"; do
		if mountpoint -q "$m" 2>/dev/null; then
			fusermount3 -u "$m" 2>/dev/null || fusermount3 -uz "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
		fi
	done
	[ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- prerequisites -------------------------------------------------------
need_pkg() { # need_pkg CMD PKG
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$IS_ROOT" = 1 ]; then
		echo "run.sh: installing $2" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1; }
	fi
	command -v "$1" >/dev/null 2>&1
}
HAVE_BINDFS=0; need_pkg bindfs bindfs && HAVE_BINDFS=1 || note "bindfs missing (not root or install failed): mount baselines SKIPPED"
HAVE_RG=0; need_pkg rg ripgrep && HAVE_RG=1 || note "ripgrep missing: rg baseline SKIPPED"
[ "$IS_ROOT" = 1 ] || note "not root: cannot drop caches; cold-read figures are NOT cold"

BUILD="$ROOT/build-bench"
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" "$ROOT" -Dbuildtype=release >"$WORK/setup.log" 2>&1 ||
		{ cat "$WORK/setup.log" >&2; echo "run.sh: meson setup failed" >&2; exit 1; }
fi
ninja -C "$BUILD" >"$WORK/ninja.log" 2>&1 ||
	{ tail -30 "$WORK/ninja.log" >&2; echo "run.sh: build failed" >&2; exit 1; }
REDACT="$BUILD/cli/redact"
REDACTFS="$BUILD/fs/redactfs"

# ---- data ---------------------------------------------------------------
SRC="$WORK/src"; mkdir -p "$SRC"
echo "run.sh: generating data ($SIZE bytes each, $NTREE-file tree) in $WORK" >&2
python3 "$HERE/gen.py" dense "$SRC/dense.csv" "$SIZE" 5 || exit 1
python3 "$HERE/gen.py" sparse "$SRC/sparse.txt" "$SIZE" 6 || exit 1
python3 "$HERE/gen.py" tree "$SRC/tree" "$NTREE" 7 || exit 1
POL_REDACT="$WORK/redact.ini"; POL_ALLOW="$WORK/allow.ini"
printf '[global]\ndefault = redact\nbinary = deny\n' >"$POL_REDACT"
printf '[global]\ndefault = allow\nbinary = deny\n' >"$POL_ALLOW"
chmod 600 "$POL_REDACT" "$POL_ALLOW"

# Patterns equivalent (in shape, no checksum validation) to the default
# detectors that the generated data exercises, for rg and sed -E.
PATS=(
	'[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'
	'\+?1?[ -]?\(?[0-9]{3}\)?[ -][0-9]{3}-[0-9]{4}'
	'1[3-9][0-9]{9}'
	'[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}'
	'[0-9]{3}-[0-9]{2}-[0-9]{4}'
	'[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}'
	'[0-9]{17}[0-9Xx]'
	'[A-Z]{2}[0-9]{2}( ?[A-Z0-9]{4}){3,7}'
	'[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}'
)
ALT=$(IFS='|'; echo "${PATS[*]}")
SED_ARGS=(); for p in "${PATS[@]}"; do SED_ARGS+=(-e "s/$p/***/g"); done

# ---- timing helpers -----------------------------------------------------
now() { date +%s.%N; }
drop() { [ "$IS_ROOT" = 1 ] && { sync; echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; return 0; }
# tm NAME CMD...: runs CMD under timeout, appends elapsed seconds to $WORK/t.NAME
tm() {
	local name=$1; shift
	local t0 t1 rc
	t0=$(now)
	timeout "$TMO" "$@" >/dev/null 2>"$WORK/err.$name"; rc=$?
	t1=$(now)
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then   # rg exits 1 on "no match"
		echo "run.sh: $name failed (rc=$rc): $(head -c 200 "$WORK/err.$name")" >&2
		echo "FAIL" >>"$WORK/t.$name"; return 1
	fi
	echo "$t1 - $t0" | bc -l >>"$WORK/t.$name"
}
median() { # median NAME -> seconds, or empty when missing/failed
	local f="$WORK/t.$1"
	[ -s "$f" ] || return 0
	grep -q FAIL "$f" && return 0
	sort -g "$f" | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'
}
command -v bc >/dev/null || { echo "run.sh: needs bc" >&2; exit 1; }

mount_fs() { # mount_fs KIND MNT [POLICY]
	local kind=$1 mnt=$2 pol=${3:-}
	mkdir -p "$mnt"; MOUNTS+=("$mnt")
	case "$kind" in
	redactfs) "$REDACTFS" -o "policy=$pol" "$SRC" "$mnt" 2>"$WORK/mount.err" ;;
	bindfs) bindfs -r "$SRC" "$mnt" 2>"$WORK/mount.err" ;;
	esac || { echo "run.sh: mount $kind failed: $(head -c 300 "$WORK/mount.err")" >&2; return 1; }
	local i
	for i in $(seq 50); do mountpoint -q "$mnt" && return 0; sleep 0.1; done
	echo "run.sh: $kind did not come up at $mnt" >&2; return 1
}

# ---- (1) engine ---------------------------------------------------------
echo "run.sh: (1) engine, $RUNS rounds" >&2
for f in dense sparse; do
	file="$SRC/$f.csv"; [ "$f" = sparse ] && file="$SRC/sparse.txt"
	cat "$file" >/dev/null  # warm the page cache: this measures the engine
	for i in $(seq "$RUNS"); do
		tm "redact_$f" "$REDACT" -p "$POL_REDACT" --path "/$(basename "$file")" "$file"
		[ "$HAVE_RG" = 1 ] && tm "rg_$f" rg --count-matches -e "$ALT" "$file"
		tm "cat_$f" cat "$file"
		# sed is slow: at full size run it on a 64 MiB prefix and scale
		if [ "$i" = 1 ] || [ "$QUICK" = 1 ]; then
			head -c $((64 << 20)) "$file" >"$WORK/sedin"
			tm "sed_$f" sed -E "${SED_ARGS[@]}" "$WORK/sedin"
		fi
	done
done
SEDSIZE=$(stat -c %s "$WORK/sedin")

# ---- (2) cold and (3) warm reads through mounts --------------------------
M_R="$WORK/m-redact"; M_A="$WORK/m-allow"; M_B="$WORK/m-bind"
MOUNT_OK=1
mount_fs redactfs "$M_R" "$POL_REDACT" || MOUNT_OK=0
mount_fs redactfs "$M_A" "$POL_ALLOW" || MOUNT_OK=0
[ "$HAVE_BINDFS" = 1 ] && { mount_fs bindfs "$M_B" || HAVE_BINDFS=0; }
if [ "$MOUNT_OK" = 1 ]; then
	echo "run.sh: (2) cold reads, (3) warm reads, $RUNS rounds" >&2
	for i in $(seq "$RUNS"); do
		for f in dense.csv sparse.txt; do
			k=${f%%.*}
			drop; tm "cold_redact_$k" cat "$M_R/$f"
			drop; tm "cold_allow_$k" cat "$M_A/$f"
			[ "$HAVE_BINDFS" = 1 ] && { drop; tm "cold_bind_$k" cat "$M_B/$f"; }
		done
	done
	# warm: one priming read, then interleaved repeat reads vs raw cat
	for f in dense.csv sparse.txt; do
		timeout "$TMO" cat "$M_R/$f" >/dev/null; cat "$SRC/$f" >/dev/null
	done
	for i in $(seq "$RUNS"); do
		for f in dense.csv sparse.txt; do
			k=${f%%.*}
			tm "warm_redact_$k" cat "$M_R/$f"
			tm "warm_raw_$k" cat "$SRC/$f"
		done
	done
else
	note "redactfs mount failed: mount figures missing"
fi

# ---- report -------------------------------------------------------------
MB=$(echo "$SIZE / 1000000" | bc -l)
SEDMB=$(echo "$SEDSIZE / 1000000" | bc -l)
mbps() { [ -n "$2" ] && echo "$1 / $2" | bc -l | xargs printf '%.1f' || echo "-"; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" != "-" ] && [ "$2" != "-" ] && echo "$1 / $2" | bc -l | xargs printf '%.3f' || echo "-"; }
secs() { [ -n "$1" ] && printf '%.3f' "$1" || echo "-"; }
verdict() { # verdict VALUE OP TARGET
	[ "$1" = "-" ] && { echo "SKIPPED"; return; }
	if [ "$(echo "$1 $2 $3" | bc -l)" = 1 ]; then echo "met"; else echo "**missed**"; fi
}
row() { echo "| $1 | $2 | $3 | $4 | $5 |" >>"$REPORT"; }

{
	echo "# redactfs benchmarks ($( [ "$QUICK" = 1 ] && echo quick || echo full ) run)"
	echo
	echo "Generated by \`bash bench/run.sh$( [ "$QUICK" = 1 ] && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo
	echo "## Machine"
	echo
	echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
	echo "- Kernel: $(uname -srm); memory $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "- Root: $IS_ROOT (caches dropped before cold reads: $IS_ROOT)"
	echo "- Tools: $(rg --version 2>/dev/null | head -1 || echo 'rg missing'); $(sed --version | head -1); $(bindfs --version 2>/dev/null | head -1 || echo 'bindfs missing')"
	echo
	echo "## Data and method"
	echo
	echo "- dense.csv: $SIZE bytes CSV/log mix, ~1 invented value per 200 bytes; sparse.txt: $SIZE bytes prose, ~1 value per 10 KB (bench/gen.py, fixed seeds; an 8 MiB unique chunk repeated)."
	echo "- tree: $NTREE small files generated (not yet measured)."
	echo "- Median of $RUNS runs, A/B interleaved in each round. Engine runs read from the page cache."
	[ "$QUICK" = 1 ] || echo "- sed runs once (round 1) on a 64 MiB prefix at full size: it is too slow to repeat; its figure is one run, not a median."
	echo "- redact: \`$REDACT -p POLICY --path /FILE FILE\` with default redact, all built-in detectors, mask."
	echo "- rg: \`rg --count-matches -e ALT FILE\`; sed: \`sed -E -e 's/P/***/g' ...\` on a ${SEDSIZE}-byte prefix. ALT / P:"
	echo
	for p in "${PATS[@]}"; do echo "    $p"; done
	echo
	echo "- cold: \`echo 3 > /proc/sys/vm/drop_caches\` then \`cat MOUNT/FILE\`; mounts: \`redactfs -o policy=P SRC MNT\` (redact / allow policy), \`bindfs -r SRC MNT\`."
	echo "- warm: one priming read, then \`cat MOUNT/FILE\` (redact mode) vs \`cat SRC/FILE\`."
	echo
	echo "## Figures"
	echo
	echo "| measurement | median s | MB/s | ratio | target (issue 5) |"
	echo "|---|---|---|---|---|"
} >"$REPORT"

TARGETS=()
for k in dense sparse; do
	r=$(median "redact_$k"); g=$(median "rg_$k"); c=$(median "cat_$k"); s=$(median "sed_$k")
	rm_=$(mbps "$MB" "$r"); gm=$(mbps "$MB" "$g"); cm=$(mbps "$MB" "$c"); sm=$(mbps "$SEDMB" "$s")
	row "engine $k: redact" "$(secs "$r")" "$rm_" "" ""
	row "engine $k: rg --count-matches" "$(secs "$g")" "$gm" "" ""
	row "engine $k: sed -E (prefix)" "$(secs "$s")" "$sm" "" ""
	row "engine $k: cat" "$(secs "$c")" "$cm" "" ""
	if [ "$k" = dense ]; then
		q=$(ratio "$rm_" "$gm"); [ "$gm" = "-" ] && q="-"
		row "redact/rg throughput, dense" "" "" "$q" "≥ 1.00: $(verdict "$q" '>=' 1)"
		TARGETS+=("1a redact ≥ rg (dense): $q → $(verdict "$q" '>=' 1)")
		q=$(ratio "$rm_" "$sm")
		row "redact/sed throughput, dense" "" "" "$q" "≥ 20: $(verdict "$q" '>=' 20)"
		TARGETS+=("1b redact ≥ 20x sed (dense): $q → $(verdict "$q" '>=' 20)")
	else
		q=$(ratio "$rm_" "$cm")
		row "redact/cat throughput, sparse" "" "" "$q" "≥ 0.25: $(verdict "$q" '>=' 0.25)"
		TARGETS+=("1c redact ≥ 25% cat (sparse): $q → $(verdict "$q" '>=' 0.25)")
	fi
done
for k in dense sparse; do
	r=$(median "cold_redact_$k"); a=$(median "cold_allow_$k"); b=$(median "cold_bind_$k")
	rm_=$(mbps "$MB" "$r"); am=$(mbps "$MB" "$a"); bm=$(mbps "$MB" "$b")
	row "cold $k: redactfs redact" "$(secs "$r")" "$rm_" "" ""
	row "cold $k: redactfs allow" "$(secs "$a")" "$am" "" ""
	row "cold $k: bindfs" "$(secs "$b")" "$bm" "" ""
	q=$(ratio "$rm_" "$bm"); [ "$bm" = "-" ] && q="-"
	row "cold $k redact/bindfs" "" "" "$q" "≥ 0.5: $(verdict "$q" '>=' 0.5)"
	TARGETS+=("2a cold redact ≥ 0.5x bindfs ($k): $q → $(verdict "$q" '>=' 0.5)")
	q=$(ratio "$am" "$bm"); [ "$bm" = "-" ] && q="-"
	row "cold $k allow/bindfs" "" "" "$q" "≥ 1.0: $(verdict "$q" '>=' 1)"
	TARGETS+=("2b cold allow ≥ 1.0x bindfs ($k): $q → $(verdict "$q" '>=' 1)")
done
for k in dense sparse; do
	w=$(median "warm_redact_$k"); c=$(median "warm_raw_$k")
	row "warm $k: redactfs redact repeat" "$(secs "$w")" "$(mbps "$MB" "$w")" "" ""
	row "warm $k: raw cat" "$(secs "$c")" "$(mbps "$MB" "$c")" "" ""
	q=$(ratio "$w" "$c")
	row "warm $k time mount/raw" "" "" "$q" "≤ 1.5: $(verdict "$q" '<=' 1.5)"
	TARGETS+=("3 warm ≤ 1.5x raw cat time ($k): $q → $(verdict "$q" '<=' 1.5)")
done
{
	echo
	echo "## Targets"
	echo
	for t in "${TARGETS[@]}"; do echo "- $t"; done
	echo "- 4 random 4 KiB preads vs passthrough_ll: NOT MEASURED yet"
	echo "- 5 first byte at a random offset: NOT MEASURED yet"
	echo "- 6 metadata ls -lR/stat of the tree vs passthrough_ll: NOT MEASURED yet"
	echo "- 7 daemon RSS: NOT MEASURED yet"
	echo "- 8 scaling (detectors, concurrent readers): NOT MEASURED yet"
	echo
	[ "$QUICK" = 1 ] && echo "Quick mode: small sizes, for checking that the suite runs; figures are not the issue's figures."
	if [ "${#NOTES[@]}" -gt 0 ]; then
		echo
		echo "## Notes"
		echo
		for n in "${NOTES[@]}"; do echo "- $n"; done
	fi
} >>"$REPORT"
echo "run.sh: wrote $REPORT" >&2

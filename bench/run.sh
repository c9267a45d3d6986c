#!/usr/bin/env bash
# bench/run.sh - the bench suite of issue 5: every target in one run.
#
# Usage: bash bench/run.sh [--quick] [--keep]
#   (full)   1 GiB files, 10,000-file tree, 4 GiB stream, median of 5;
#            writes docs/benchmarks.md and docs/bench-*.png
#   --quick  small sizes, median of 3, about two minutes; writes
#            bench/out/benchmarks.md and bench/out/bench-*.png (never docs/)
#   --keep   keep the scratch directory (/tmp/redactfs-bench.*)
#   Overrides (the report then goes to bench/out/, never docs/):
#   BENCH_SIZE (each data file, e.g. 256M), BENCH_BIG (the memory stream
#   file, e.g. 1G), BENCH_TREE (files in the tree, >= 100).
#   BENCH_FUSE_EXAMPLES: where libfuse's examples are (default: Debian's
#   /usr/share/doc/libfuse3-dev/examples), to test the bindfs fallback.
# Builds redactfs (build-bench/, release), bench/pread.c and libfuse's
# passthrough_ll example into build-bench/bench/; installs bindfs, ripgrep
# and gnuplot-nox with apt-get when root; generates invented data with fixed
# seeds (bench/gen.py); measures A/B interleaved round by round; and hands
# the figures to bench/report.py. Exit status: 0 when every target has a
# figure, 3 when some target is NOT MEASURED, 1 when the suite cannot run.
# Invariants: every mount is unmounted on exit (trap); every read of a mount
# runs under `timeout`; SOURCE is written only before anything is mounted,
# and every mount is read-only; a baseline that cannot run is SKIPPED in the
# report, never "met".
set -u
set -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

QUICK=0
KEEP=0
for a in "$@"; do
	case "$a" in
	--quick) QUICK=1 ;;
	--keep) KEEP=1 ;;
	-h|--help) sed -n '2,26p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $a" >&2; exit 2 ;;
	esac
done

bytes_of() { numfmt --from=iec "$1" 2>/dev/null || { echo "run.sh: bad size $1" >&2; exit 2; }; }
if [ "$QUICK" = 1 ]; then
	SIZE=16M; BIG=64M; NTREE=500; RUNS=3; TMO=120
	SEDSIZE=4M; SCALESIZE=4M; PREAD_N=1000; PREAD_SECS=3
else
	SIZE=1G; BIG=4G; NTREE=10000; RUNS=5; TMO=1800
	SEDSIZE=32M; SCALESIZE=256M; PREAD_N=20000; PREAD_SECS=30
fi
OVERRIDES=""
[ -n "${BENCH_SIZE:-}" ] && { SIZE=$BENCH_SIZE; OVERRIDES+=" BENCH_SIZE=$BENCH_SIZE"; }
[ -n "${BENCH_BIG:-}" ] && { BIG=$BENCH_BIG; OVERRIDES+=" BENCH_BIG=$BENCH_BIG"; }
[ -n "${BENCH_TREE:-}" ] && { NTREE=$BENCH_TREE; OVERRIDES+=" BENCH_TREE=$BENCH_TREE"; }
[ -n "${BENCH_FUSE_EXAMPLES:-}" ] && OVERRIDES+=" BENCH_FUSE_EXAMPLES=$BENCH_FUSE_EXAMPLES"
SIZE=$(bytes_of "$SIZE"); BIG=$(bytes_of "$BIG"); SEDSIZE=$(bytes_of "$SEDSIZE"); SCALESIZE=$(bytes_of "$SCALESIZE")
[ "$SEDSIZE" -gt "$SIZE" ] && SEDSIZE=$SIZE
[ "$SCALESIZE" -gt "$SIZE" ] && SCALESIZE=$SIZE
[ "$NTREE" -ge 100 ] 2>/dev/null || { echo "run.sh: BENCH_TREE must be >= 100" >&2; exit 2; }
[ "$SIZE" -ge $((1 << 20)) ] || { echo "run.sh: BENCH_SIZE must be >= 1M" >&2; exit 2; }

if [ "$QUICK" = 0 ] && [ -z "$OVERRIDES" ]; then OUTDIR="$ROOT/docs"; else OUTDIR="$HERE/out"; fi
mkdir -p "$OUTDIR"
IS_ROOT=0; [ "$(id -u)" = 0 ] && IS_ROOT=1

WORK=$(mktemp -d /tmp/redactfs-bench.XXXXXX)
RES="$WORK/res"; mkdir -p "$RES"; : >"$RES/notes"; : >"$RES/meta"
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	cleanup_mounts
	if [ "$KEEP" = 1 ]; then echo "run.sh: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
T_START=$(date +%s)

meta mode "$([ "$QUICK" = 1 ] && echo quick || echo full)"
meta overrides "${OVERRIDES# }"
meta root "$ROOT"; meta work "$WORK"; meta src "$WORK/src"
meta is_root "$IS_ROOT"; meta runs "$RUNS"; meta timeout "$TMO"
meta size "$SIZE"; meta ntree "$NTREE"; meta sedsize "$SEDSIZE"; meta scalesize "$SCALESIZE"
meta pread_n "$PREAD_N"; meta pread_secs "$PREAD_SECS"
meta loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- prerequisites -------------------------------------------------------
command -v python3 >/dev/null || { echo "run.sh: needs python3" >&2; exit 1; }
command -v cc >/dev/null || { echo "run.sh: needs cc (bash .ci/install-deps.sh)" >&2; exit 1; }
HAVE_BINDFS=1; need_pkg bindfs bindfs || { HAVE_BINDFS=0; note "bindfs missing (not root or install failed): bindfs baselines SKIPPED"; }
HAVE_RG=1; need_pkg rg ripgrep || { HAVE_RG=0; note "ripgrep missing: rg baseline SKIPPED"; }
HAVE_GNUPLOT=1; need_pkg gnuplot gnuplot-nox || { HAVE_GNUPLOT=0; note "gnuplot missing: no plots"; }
[ "$IS_ROOT" = 1 ] || note "not root: caches cannot be dropped; cold figures are NOT cold"
meta have_gnuplot "$HAVE_GNUPLOT"

BUILD="$ROOT/build-bench"
meta build "$BUILD"
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" "$ROOT" -Dbuildtype=release >"$WORK/setup.log" 2>&1 ||
		{ cat "$WORK/setup.log" >&2; echo "run.sh: meson setup failed" >&2; exit 1; }
fi
ninja -C "$BUILD" cli/redact fs/redactfs >"$WORK/ninja.log" 2>&1 ||
	{ tail -30 "$WORK/ninja.log" >&2; echo "run.sh: build failed" >&2; exit 1; }
REDACT="$BUILD/cli/redact"
REDACTFS="$BUILD/fs/redactfs"
mkdir -p "$BUILD/bench"
PREAD="$BUILD/bench/pread"
cc -O2 -Wall -Wextra -pthread -o "$PREAD" "$HERE/pread.c" 2>"$WORK/pread.log" ||
	{ cat "$WORK/pread.log" >&2; echo "run.sh: bench/pread.c did not build" >&2; exit 1; }

# libfuse's passthrough_ll, from the example Debian's libfuse3-dev ships.
EXAMPLES=${BENCH_FUSE_EXAMPLES:-/usr/share/doc/libfuse3-dev/examples}
PASSTHROUGH="$BUILD/bench/passthrough_ll"
build_passthrough() {
	local d="$BUILD/bench/passthrough_ll-src" f
	mkdir -p "$d"
	for f in passthrough_ll.c passthrough_helpers.h; do
		if [ -f "$EXAMPLES/$f" ]; then cp "$EXAMPLES/$f" "$d/$f"
		elif [ -f "$EXAMPLES/$f.gz" ]; then zcat "$EXAMPLES/$f.gz" >"$d/$f"
		else echo "$EXAMPLES/$f(.gz) is not shipped"; return 1
		fi || return 1
	done
	# shellcheck disable=SC2046 # pkg-config's flags are meant to split
	cc -O2 -Wall -o "$PASSTHROUGH" "$d/passthrough_ll.c" $(pkg-config --cflags --libs fuse3) 2>&1
}
if PT_ERR=$(build_passthrough); then
	PT_KIND=passthrough_ll
	meta pt_build "cc -O2 -Wall -o passthrough_ll $EXAMPLES/passthrough_ll.c \$(pkg-config --cflags --libs fuse3)  (libfuse $(pkg-config --modversion fuse3))"
elif [ "$HAVE_BINDFS" = 1 ]; then
	PT_KIND=bindfs
	note "passthrough_ll could not be built ($(head -c 200 <<<"$PT_ERR")): targets 4 and 6 (and the reference rows of 5) use bindfs instead, labelled as such"
else
	PT_KIND=none
	note "passthrough_ll could not be built ($(head -c 200 <<<"$PT_ERR")) and bindfs is missing: passthrough baselines SKIPPED"
fi
meta pt_kind "$PT_KIND"

# ---- data ---------------------------------------------------------------
SRC="$WORK/src"; mkdir -p "$SRC"
AVAIL=$(df --output=avail -B1 "$WORK" | tail -1)
OTHER=$((4 * SIZE + 2 * SEDSIZE + SCALESIZE + NTREE * 8192 + (512 << 20)))
if [ $((OTHER + BIG)) -gt "$AVAIL" ]; then
	FIT=$(((AVAIL - OTHER) / (64 << 20) * (64 << 20)))
	if [ "$FIT" -lt $((64 << 20)) ]; then
		echo "run.sh: not enough disk space in $WORK: $AVAIL bytes free, need $((OTHER + BIG))" >&2
		exit 1
	fi
	note "disk space short ($AVAIL bytes free in $(dirname "$WORK")): the memory stream file is $FIT bytes instead of $BIG"
	BIG=$FIT
fi
meta big "$BIG"
step "generating data in $WORK ($SIZE-byte files, $BIG-byte stream file, $NTREE-file tree)"
gen_data() {
	python3 "$HERE/gen.py" dense "$SRC/dense.csv" "$SIZE" 5 &&
	python3 "$HERE/gen.py" dense "$SRC/dense2.csv" "$SIZE" 15 &&
	python3 "$HERE/gen.py" sparse "$SRC/sparse.txt" "$SIZE" 6 &&
	python3 "$HERE/gen.py" csvml "$SRC/csvml.csv" "$SIZE" 9 &&
	python3 "$HERE/gen.py" dense "$SRC/big.csv" "$BIG" 5 &&
	python3 "$HERE/gen.py" tree "$SRC/tree" "$NTREE" 7 &&
	ln "$SRC/dense.csv" "$SRC/dense.log" &&
	head -c "$SEDSIZE" "$SRC/dense.csv" >"$WORK/prefix-dense" &&
	head -c "$SEDSIZE" "$SRC/sparse.txt" >"$WORK/prefix-sparse" &&
	head -c "$SCALESIZE" "$SRC/dense.csv" >"$WORK/scale.csv"
}
gen_data || { echo "run.sh: data generation failed" >&2; exit 1; }
meta csvml_size "$(stat -c %s "$SRC/csvml.csv")"

POL_REDACT="$WORK/redact.ini"; POL_ALLOW="$WORK/allow.ini"
POL_D10="$WORK/det10.ini"; POL_D100="$WORK/det100.ini"
printf '[global]\ndefault = redact\nbinary = deny\n' >"$POL_REDACT"
printf '[global]\ndefault = allow\nbinary = deny\n' >"$POL_ALLOW"
if ! python3 "$HERE/gen.py" detectors "$POL_D10" 10 8 || ! python3 "$HERE/gen.py" detectors "$POL_D100" 100 8; then
	echo "run.sh: detector policies not generated" >&2; exit 1
fi
chmod 600 "$POL_REDACT" "$POL_ALLOW" "$POL_D10" "$POL_D100"
cp "$POL_D100" "$RES/det100.ini"
for p in "$POL_REDACT" "$POL_ALLOW" "$POL_D10" "$POL_D100"; do
	"$REDACT" --check -p "$p" >/dev/null 2>"$WORK/check.err" ||
		{ cat "$WORK/check.err" >&2; echo "run.sh: policy $p refused" >&2; exit 1; }
done

# Baseline patterns (bench/patterns.txt): one alternation for rg, one
# s#P#***#g per pattern for sed -E (script file) and perl -lp (program file).
PATS=()
while IFS=$'\t' read -r det pat; do
	case "$det" in ''|'#'*) continue ;; esac
	case "$pat" in *'#'*) echo "run.sh: pattern of $det contains '#'" >&2; exit 1 ;; esac
	PATS+=("$pat")
done <"$HERE/patterns.txt"
ALT=$(IFS='|'; echo "${PATS[*]}")
: >"$WORK/sed.script"; : >"$WORK/perl.pl"
for p in "${PATS[@]}"; do
	printf 's#%s#***#g\n' "$p" >>"$WORK/sed.script"
	printf 's#%s#***#g;\n' "${p//@/\\@}" >>"$WORK/perl.pl"
done
cp "$HERE/patterns.txt" "$RES/patterns.txt"
HAVE_SED=1; LC_ALL=C.UTF-8 sed -E -f "$WORK/sed.script" </dev/null 2>"$WORK/sed.err" ||
	{ HAVE_SED=0; note "sed -E rejects the patterns ($(head -c 200 "$WORK/sed.err")): sed baseline SKIPPED"; }
HAVE_PERL=1; perl -CSD -Mutf8 -lp "$WORK/perl.pl" </dev/null 2>"$WORK/perl.err" ||
	{ HAVE_PERL=0; note "perl rejects the patterns ($(head -c 200 "$WORK/perl.err")): perl baseline SKIPPED"; }
if [ "$HAVE_RG" = 1 ]; then
	rg --count-matches -e "$ALT" /dev/null >/dev/null 2>"$WORK/rg.err"
	[ $? -le 1 ] || { HAVE_RG=0; note "rg rejects the alternation ($(head -c 200 "$WORK/rg.err")): rg baseline SKIPPED"; }
fi

# ---- (1) engine, from the page cache ---------------------------------------
step "(1) engine: redact vs rg, sed, perl, cat, dd; $RUNS rounds"
for i in $(seq "$RUNS"); do
	for k in dense sparse; do
		f=dense.csv; [ "$k" = sparse ] && f=sparse.txt
		cat "$SRC/$f" "$WORK/prefix-$k" >/dev/null
		tm "eng_redact_$k" "$REDACT" -p "$POL_REDACT" --path "/$f" "$SRC/$f"
		cmdnote "eng_rg_$k" "rg --count-matches -e \"\$ALT\" $SRC/$f"
		[ "$HAVE_RG" = 1 ] && tm --ok1 "eng_rg_$k" rg --count-matches -e "$ALT" "$SRC/$f"
		tm "eng_cat_$k" cat "$SRC/$f"
		tm "eng_dd_$k" dd if="$SRC/$f" of=/dev/null bs=1M
		[ "$HAVE_SED" = 1 ] && tm "eng_sed_$k" env LC_ALL=C.UTF-8 sed -E -f "$WORK/sed.script" "$WORK/prefix-$k"
		[ "$HAVE_PERL" = 1 ] && tm "eng_perl_$k" perl -CSD -Mutf8 -lp "$WORK/perl.pl" "$WORK/prefix-$k"
	done
done

# ---- (8a) scaling with custom detectors ----------------------------------
step "(8a) 10 vs 100 custom detectors; $RUNS rounds"
cat "$WORK/scale.csv" >/dev/null
for i in $(seq "$RUNS"); do
	tm det10 "$REDACT" -p "$POL_D10" --path /scale.csv "$WORK/scale.csv"
	tm det100 "$REDACT" -p "$POL_D100" --path /scale.csv "$WORK/scale.csv"
done

# ---- mounts ----------------------------------------------------------------
M_R="$WORK/m-redact"; M_A="$WORK/m-allow"; M_B="$WORK/m-bind"; M_P="$WORK/m-pt"
M_F="$WORK/m-fresh"; M_M="$WORK/m-mem"
MR_OK=1; mount_fs redactfs "$M_R" "$POL_REDACT" || { MR_OK=0; note "redactfs (redact policy) did not mount: its figures are NOT MEASURED"; }
MA_OK=1; mount_fs redactfs "$M_A" "$POL_ALLOW" || { MA_OK=0; note "redactfs (allow policy) did not mount: its figures are NOT MEASURED"; }
if [ "$HAVE_BINDFS" = 1 ]; then
	mount_fs bindfs "$M_B" || { HAVE_BINDFS=0; note "bindfs did not mount: bindfs baselines SKIPPED"; }
fi
case "$PT_KIND" in
passthrough_ll) mount_fs passthrough_ll "$M_P" || { PT_KIND=none; note "passthrough_ll did not mount: passthrough baselines SKIPPED"; } ;;
bindfs) if [ "$HAVE_BINDFS" = 1 ]; then M_P=$M_B; else PT_KIND=none; fi ;;
esac
meta pt_kind_final "$PT_KIND"
# mount_pt MNT: a fresh passthrough mount (passthrough_ll, or bindfs as fallback)
mount_pt() { if [ "$PT_KIND" = bindfs ]; then mount_fs bindfs "$1"; else mount_fs passthrough_ll "$1"; fi; }
# mnt_of KIND: the long-lived mount of redact / allow / bind / pt ("" if down)
mnt_of() {
	case "$1" in
	redact) [ "$MR_OK" = 1 ] && echo "$M_R" ;;
	allow) [ "$MA_OK" = 1 ] && echo "$M_A" ;;
	bind) [ "$HAVE_BINDFS" = 1 ] && echo "$M_B" ;;
	pt) [ "$PT_KIND" != none ] && echo "$M_P" ;;
	esac
	return 0
}

# ---- (2) cold and (3) warm sequential reads ----------------------------------
step "(2) cold reads, (3) warm reads; $RUNS rounds"
for i in $(seq "$RUNS"); do
	for f in dense.csv sparse.txt; do
		k=${f%%.*}
		for m in redact allow bind pt; do
			mnt=$(mnt_of "$m"); [ -n "$mnt" ] || continue
			drop; tm "cold_${m}_$k" cat "$mnt/$f"
		done
		drop; tm "cold_cat_$k" cat "$SRC/$f"
		drop; tm "cold_dd_$k" dd if="$SRC/$f" of=/dev/null bs=1M
	done
done
for f in dense.csv sparse.txt; do   # one priming read each
	cat "$SRC/$f" >/dev/null
	for m in redact allow; do
		mnt=$(mnt_of "$m"); [ -n "$mnt" ] && timeout "$TMO" cat "$mnt/$f" >/dev/null
	done
done
for i in $(seq "$RUNS"); do
	for f in dense.csv sparse.txt; do
		k=${f%%.*}
		for m in redact allow; do
			mnt=$(mnt_of "$m"); [ -n "$mnt" ] && tm "warm_${m}_$k" cat "$mnt/$f"
		done
		tm "warm_cat_$k" cat "$SRC/$f"
		tm "warm_dd_$k" dd if="$SRC/$f" of=/dev/null bs=1M
	done
done

# ---- (4) random 4 KiB preads -------------------------------------------------
step "(4) random 4 KiB preads ($PREAD_N per run, at most ${PREAD_SECS}s); $RUNS rounds"
for i in $(seq "$RUNS"); do
	for t in 1 2; do
		for m in redact allow pt; do
			mnt=$(mnt_of "$m"); [ -n "$mnt" ] || continue
			drop; run_rec "pread_${m}_t$t" iops "$PREAD" rand "$mnt/dense.csv" "$PREAD_N" 42 "$t" "$PREAD_SECS"
		done
	done
done

# ---- (5) first byte deep in a file nothing has read ---------------------------
step "(5) first byte at a random offset, fresh mounts; $RUNS rounds"
for i in $(seq "$RUNS"); do
	for f in dense.log dense.csv csvml.csv; do
		case "$f" in dense.log) k=log ;; dense.csv) k=csv ;; *) k=csvml ;; esac
		for m in redact pt; do
			if [ "$m" = redact ]; then
				mount_fs redactfs "$M_F" "$POL_REDACT" || { rec "first_${m}_$k" FAIL; continue; }
			else
				[ "$PT_KIND" != none ] || continue
				mount_pt "$M_F" || { rec "first_${m}_$k" FAIL; continue; }
			fi
			drop
			run_rec "first_${m}_$k" ms "$PREAD" first "$M_F/$f" "$i"
			umount_fs "$M_F"
		done
	done
done

# ---- (6) metadata of the tree ----------------------------------------------
step "(6) ls -lR and stat of the $NTREE-file tree; $RUNS rounds"
for i in $(seq "$RUNS"); do
	for m in redact pt; do
		mnt=$(mnt_of "$m"); [ -n "$mnt" ] || continue
		drop; ls -lR "$SRC/tree" >/dev/null
		tm "ls_$m" ls -lR "$mnt/tree"
		drop; find "$SRC/tree" -printf '%s\n' >/dev/null
		tm "stat_$m" find "$mnt/tree" -printf '%s\n'
	done
done

# ---- (8b) two concurrent readers ---------------------------------------------
step "(8b) one reader vs two concurrent readers; $RUNS rounds"
# warm2: the mount's cache empty, SOURCE's pages warm (the engine is measured)
warm2() { drop; cat "$SRC/dense.csv" "$SRC/dense2.csv" >/dev/null; }
if [ "$MR_OK" = 1 ]; then
	for i in $(seq "$RUNS"); do
		warm2; tm conc1_a cat "$M_R/dense.csv"
		warm2; tm conc1_b cat "$M_R/dense2.csv"
		warm2
		# shellcheck disable=SC2016 # the inner script expands $1 and $2 itself
		tm conc2 bash -c 'cat "$1" >/dev/null & p=$!; cat "$2" >/dev/null; r=$?; wait "$p" && exit "$r"' pair "$M_R/dense.csv" "$M_R/dense2.csv"
	done
fi

# ---- (7) daemon memory -------------------------------------------------------
step "(7) daemon RSS while streaming $BIG bytes; 100 open files"
if mount_fs redactfs "$M_M" "$POL_REDACT"; then
	if PID=$(timeout 10 python3 "$HERE/rss.py" pid "$M_M") && [ -n "$PID" ]; then
		meta rss_pid "$PID"
		run_rec rss_dense_peak peak_kib python3 "$HERE/rss.py" stream "$PID" "$M_M/dense.csv" "$RES/rss-dense.dat" &&
			rec rss_dense_start "$(field start_kib "$LAST_OUT")"
		run_rec rss_big_peak peak_kib python3 "$HERE/rss.py" stream "$PID" "$M_M/big.csv" "$RES/rss-big.dat" &&
			{ rec rss_big_hwm "$(field hwm_kib "$LAST_OUT")"; rec rss_big_secs "$(field secs "$LAST_OUT")"; }
		mapfile -t HOLD < <(cd "$SRC/tree" && find . -type f | sort | head -100 | sed "s|^\.|$M_M/tree|")
		cmdnote rss_hold_per_file "python3 $HERE/rss.py hold $PID $M_M/tree/d000/f00000.csv ... (the first 100 files of the tree by name)"
		run_rec rss_hold_per_file per_file_kib python3 "$HERE/rss.py" hold "$PID" "${HOLD[@]}" &&
			{ rec rss_hold_before "$(field before_kib "$LAST_OUT")"; rec rss_hold_after "$(field after_kib "$LAST_OUT")"; }
		grep -q . "$RES/t.rss_big_hwm" 2>/dev/null || rec rss_big_hwm FAIL
	else
		note "the redactfs daemon's pid could not be read (user.redactfs.pid): memory NOT MEASURED"
	fi
	umount_fs "$M_M"
else
	note "redactfs did not mount for the memory test: NOT MEASURED"
fi

# ---- report ------------------------------------------------------------------
meta drop_ok "$DROP_OK"
meta git "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
meta seconds "$(( $(date +%s) - T_START ))"
meta loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
cleanup_mounts
step "report"
python3 "$HERE/report.py" "$RES" "$OUTDIR"
rc=$?
case "$rc" in
0|3) exit "$rc" ;;
*) echo "run.sh: report.py failed ($rc)" >&2; exit 1 ;;
esac

#!/usr/bin/env bash
# bench/compare.sh - the same bench on two revisions, in one run: does a
# change that should not change speed (a restructuring) keep it?
#
# Usage: bash bench/compare.sh BASE [NEW]   (NEW: the working tree)
#   BENCH_SIZE (each data file, default 64M), BENCH_RUNS (rounds, default 5)
# Builds BASE (a git worktree under the scratch directory) and NEW as
# release builds, generates the bench's invented data (bench/gen.py, the
# seeds of run.sh), and measures both round by round, A/B interleaved and
# the order flipped every round, so that load on a shared machine hits both
# alike:
#   redact   - `redact` over dense, sparse and csvml files (page cache warm)
#   replace  - the same over dense with action = replace (the sized path)
#   mount    - a cold `cat` of dense and csvml through a redactfs mount
#   pread    - random 4 KiB preads of dense through the mount (bench/pread.c)
# and prints one table: median seconds (or reads/s) of each, NEW/BASE.
# Each pair's outputs are compared (cmp) too: a speed figure of a build
# that prints other bytes is worthless. Exit status 1 when a build, a
# mount or an output comparison fails.
# Invariants: every mount is unmounted on exit (trap), every read of a
# mount runs under `timeout`, and SOURCE is written before anything mounts.
set -u
set -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,20p' "$0"; exit 2; }
BASE_REV=$1
NEW_REV=${2:-}
SIZE=$(numfmt --from=iec "${BENCH_SIZE:-64M}") || exit 2
RUNS=${BENCH_RUNS:-5}
TMO=600
IS_ROOT=0; [ "$(id -u)" = 0 ] && IS_ROOT=1
T_START=$(date +%s)

WORK=$(mktemp -d /tmp/redactfs-compare.XXXXXX)
RES="$WORK/res"; mkdir -p "$RES"; : >"$RES/notes"; : >"$RES/meta"
MOUNTS=()
cleanup() {
	cleanup_mounts
	git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1
	[ -n "$NEW_REV" ] && git -C "$ROOT" worktree remove --force "$WORK/new" >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() { # build NAME TREE
	meson setup "$WORK/build-$1" "$2" -Dbuildtype=release >"$WORK/setup-$1.log" 2>&1 &&
	ninja -C "$WORK/build-$1" cli/redact fs/redactfs >"$WORK/ninja-$1.log" 2>&1 ||
		{ tail -20 "$WORK/setup-$1.log" "$WORK/ninja-$1.log" >&2; echo "compare.sh: $1 did not build" >&2; exit 1; }
}
step "building $BASE_REV and ${NEW_REV:-the working tree}"
git -C "$ROOT" worktree add --detach "$WORK/base" "$BASE_REV" >/dev/null 2>&1 ||
	{ echo "compare.sh: no revision $BASE_REV" >&2; exit 1; }
build base "$WORK/base"
NEW_TREE=$ROOT
if [ -n "$NEW_REV" ]; then
	git -C "$ROOT" worktree add --detach "$WORK/new" "$NEW_REV" >/dev/null 2>&1 ||
		{ echo "compare.sh: no revision $NEW_REV" >&2; exit 1; }
	NEW_TREE=$WORK/new
fi
build new "$NEW_TREE"
PREAD="$WORK/pread"
cc -O2 -Wall -Wextra -pthread -o "$PREAD" "$HERE/pread.c" || exit 1

SRC="$WORK/src"; mkdir -p "$SRC"
step "generating data ($SIZE bytes per file)"
python3 "$HERE/gen.py" dense "$SRC/dense.csv" "$SIZE" 5 &&
python3 "$HERE/gen.py" sparse "$SRC/sparse.txt" "$SIZE" 6 &&
python3 "$HERE/gen.py" csvml "$SRC/csvml.csv" "$SIZE" 9 ||
	{ echo "compare.sh: data generation failed" >&2; exit 1; }
POL="$WORK/redact.ini"; POL_REP="$WORK/replace.ini"
printf '[global]\ndefault = redact\nbinary = deny\n' >"$POL"
printf '[global]\ndefault = redact\nbinary = deny\naction = replace\n' >"$POL_REP"
chmod 600 "$POL" "$POL_REP"

# Same bytes from both builds, or the figures mean nothing.
for v in base new; do
	for f in dense.csv sparse.txt csvml.csv; do
		"$WORK/build-$v/cli/redact" -p "$POL" --path "/$f" "$SRC/$f" >"$WORK/out-$v-$f" ||
			{ echo "compare.sh: $v redact failed on $f" >&2; exit 1; }
	done
	"$WORK/build-$v/cli/redact" -p "$POL_REP" --path /dense.csv "$SRC/dense.csv" >"$WORK/out-$v-rep" ||
		{ echo "compare.sh: $v redact (replace) failed" >&2; exit 1; }
done
for f in dense.csv sparse.txt csvml.csv rep; do
	cmp -s "$WORK/out-base-$f" "$WORK/out-new-$f" ||
		{ echo "compare.sh: base and new print different bytes for $f" >&2; exit 1; }
done
SAME="identical redact output for dense, sparse, csvml and dense with replace"

MNT_BASE="$WORK/mnt-base"; MNT_NEW="$WORK/mnt-new"
REDACTFS="$WORK/build-base/fs/redactfs" mount_fs redactfs "$MNT_BASE" "$POL" || exit 1
REDACTFS="$WORK/build-new/fs/redactfs" mount_fs redactfs "$MNT_NEW" "$POL" || exit 1
for v in base new; do
	mnt="$WORK/mnt-$v"
	timeout 300 cat "$mnt/dense.csv" | cmp -s - "$WORK/out-$v-dense.csv" ||
		{ echo "compare.sh: the $v mount does not serve redact's bytes" >&2; exit 1; }
done

one_round() { # one_round VERSION
	local v=$1 b="$WORK/build-$1" mnt="$WORK/mnt-$1" f
	for f in dense.csv sparse.txt csvml.csv; do
		cat "$SRC/$f" >/dev/null
		tm "redact_${f%%.*}_$v" "$b/cli/redact" -p "$POL" --path "/$f" "$SRC/$f"
	done
	tm "replace_dense_$v" "$b/cli/redact" -p "$POL_REP" --path /dense.csv "$SRC/dense.csv"
	for f in dense.csv csvml.csv; do
		drop; tm "mount_${f%%.*}_$v" cat "$mnt/$f"
	done
	drop; run_rec "pread_dense_$v" iops "$PREAD" rand "$mnt/dense.csv" 2000 42 2 5
}
step "$RUNS rounds"
for i in $(seq "$RUNS"); do
	if [ $((i % 2)) = 1 ]; then one_round base; one_round new; else one_round new; one_round base; fi
done

median() { sort -g "$1" | grep -v FAIL | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "FAIL" }'; }
echo
echo "compare.sh: base $BASE_REV ($(git -C "$ROOT" rev-parse --short "$BASE_REV")), new ${NEW_REV:-working tree ($(git -C "$ROOT" rev-parse --short HEAD)+)}"
echo "  $(numfmt --to=iec "$SIZE") per file, median of $RUNS rounds, A/B interleaved; $SAME"
[ "$IS_ROOT" = 1 ] || echo "  not root: caches not dropped, the mount figures are warm"
printf '  %-16s %12s %12s %10s\n' measure base new new/base
FAILED=0
for m in redact_dense redact_sparse redact_csvml replace_dense mount_dense mount_csvml pread_dense; do
	a=$(median "$RES/t.${m}_base"); b=$(median "$RES/t.${m}_new")
	unit=s; [ "$m" = pread_dense ] && unit=reads/s
	if [ "$a" = FAIL ] || [ "$b" = FAIL ]; then FAILED=1; r=FAIL
	else r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }'); fi
	printf '  %-16s %12s %12s %10s  (%s)\n' "$m" "$a" "$b" "$r" "$unit"
done
echo "  (seconds: new/base below 1 is faster; reads/s: above 1 is faster)"
exit "$FAILED"

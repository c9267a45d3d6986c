#!/usr/bin/env bash
# bench/names.sh - the cost of showing names masked (issue 14): a directory
# of N files (default 10000; half of them named after invented phone
# numbers and resident IDs, half plain), listed (`ls -f`, then `ls -l`)
# and every file opened by its shown name (`cat` of all, one process),
# through a mount with names = redact and through one with names = keep,
# A/B interleaved over BENCH_RUNS rounds (default 5). Prints the medians
# and the ratio redact/keep per step; the issue's target: at most 2x.
#
# Usage: bash bench/names.sh [REDACTFS] [N]   (REDACTFS: build/fs/redactfs)
# Invariants: every mount is unmounted on exit (trap); every read of a
# mount runs under `timeout`; SOURCE is written before anything mounts;
# the first round of each mount is a warm-up (its maps made), not counted.
set -u
set -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
FS=${1:-$ROOT/build/fs/redactfs}
N=${2:-10000}
RUNS=${BENCH_RUNS:-5}
W=$(mktemp -d /tmp/redactfs-names.XXXXXX)
cleanup() {
	for m in "$W/mnt-redact" "$W/mnt-keep"; do
		mountpoint -q "$m" 2>/dev/null && fusermount3 -u "$m" 2>/dev/null
	done
	rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W/src/d" "$W/mnt-redact" "$W/mnt-keep"
python3 - "$W/src/d" "$N" <<'PY'
import os, random, sys
d, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(14)
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def resident_id():
    body = "110105%04d%02d%02d%03d" % (rng.randrange(1950, 2005), rng.randrange(1, 13),
                                      rng.randrange(1, 29), rng.randrange(1000))
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]
for i in range(n):
    k = i % 4
    if k == 0:
        name = "1%d%08d.pdf" % (rng.choice([38, 39, 58, 86]), rng.randrange(10**8))
    elif k == 1:
        name = "customer_%s.csv" % resident_id()
    else:
        name = "report_%05d.txt" % i
    with open(os.path.join(d, name), "w") as f:
        f.write("line %d\n" % i)
PY
printf '[global]\nnames = redact\n' >"$W/redact.ini"
printf '[global]\nnames = keep\n' >"$W/keep.ini"
"$FS" -o policy="$W/redact.ini" "$W/src" "$W/mnt-redact" || exit 1
"$FS" -o policy="$W/keep.ini" "$W/src" "$W/mnt-keep" || exit 1

# one step: seconds of CMD in mount M (a shell snippet; $M is the dir)
step() {
	local m=$1 cmd=$2 t0 t1
	t0=$(date +%s.%N)
	M="$m" timeout 600 bash -c "$cmd" >/dev/null || { echo "names.sh: step failed: $cmd" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
declare -A T
STEPS=("ls -f \"\$M/d\" | wc -l" "ls -l \"\$M/d\" | wc -l"
       "cd \"\$M/d\" && find . -type f -print0 | xargs -0 cat | wc -c")
NAMES=("list" "list_long" "open_all")
for r in $(seq 0 "$RUNS"); do
	for mode in redact keep; do
		[ $((r % 2)) = 1 ] && mode=$([ "$mode" = redact ] && echo keep || echo redact)
		for s in 0 1 2; do
			t=$(step "$W/mnt-$mode" "${STEPS[$s]}")
			[ "$r" = 0 ] || T[$mode,$s]="${T[$mode,$s]:-} $t"
		done
	done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# the files are the same: each listed name opens (counts match)
nr=$(ls -f "$W/mnt-redact/d" | grep -vc '^\.\.\?$')
nk=$(ls -f "$W/mnt-keep/d" | grep -vc '^\.\.\?$')
printf '%d files; listed through names = redact: %d, names = keep: %d\n' "$N" "$nr" "$nk"
printf '%-10s %12s %12s %8s\n' step redact_s keep_s ratio
worst=0
for s in 0 1 2; do
	a=$(echo "${T[redact,$s]}" | median)
	b=$(echo "${T[keep,$s]}" | median)
	ratio=$(echo "$a / $b" | bc -l)
	printf '%-10s %12.3f %12.3f %8.2f\n' "${NAMES[$s]}" "$a" "$b" "$ratio"
	worst=$(echo "if ($ratio > $worst) $ratio else $worst" | bc -l)
done
printf 'worst ratio %.2f (target: at most 2x)\n' "$worst"
# A guessed real name and a name that does not exist: both ENOENT, and in
# the same time (names.c: one hash probe either way). 2000 stats of each,
# interleaved, through the names = redact mount; medians per call.
timeout 600 python3 - "$W/src/d" "$W/mnt-redact/d" <<'PY'
import os, statistics, sys, time
src, mnt = sys.argv[1], sys.argv[2]
real = [n for n in sorted(os.listdir(src)) if n[0] == "1"][:2000]
fake = ["1%010d.pdf" % (3800000000 + i * 7919 % 10**8) for i in range(len(real))]
fake = [f for f in fake if not os.path.exists(os.path.join(src, f))]
def once(name):
    t = time.perf_counter_ns()
    try:
        os.stat(os.path.join(mnt, name))
        hit = True
    except FileNotFoundError:
        hit = False
    return time.perf_counter_ns() - t, hit
tr, tf, leaks = [], [], 0
for a, b in zip(real, fake):
    d, hit = once(a); tr.append(d); leaks += hit
    d, hit = once(b); tf.append(d); leaks += hit
mr, mf = statistics.median(tr), statistics.median(tf)
print("stat of a real (masked) name: %.1f us, of a name that does not exist: %.1f us, ratio %.2f; "
      "answers that were not ENOENT: %d of %d" % (mr / 1e3, mf / 1e3, mr / mf, leaks, 2 * len(tr)))
sys.exit(1 if leaks else 0)
PY
[ "$nr" = "$N" ] && [ "$nk" = "$N" ]

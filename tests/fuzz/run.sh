#!/usr/bin/env bash
# run.sh — runs the libFuzzer targets of tests/fuzz, each for a bounded
# time, and prints TAP (docs/testing.md, "Fuzzing").
#
# Usage: bash tests/fuzz/run.sh [SECONDS] [TARGET...]
#   SECONDS  fuzzing time per target; default $FUZZ_SECONDS, else 45 (CI).
#            Longer on demand: FUZZ_SECONDS=3600 bash tests/fuzz/run.sh
#   TARGET   fuzz_engine fuzz_policy fuzz_csv fuzz_utf16 fuzz_escapes
#            (default: all of them, one after the other)
#
# Per target, two TAP cases:
#   1. every seed (tests/fuzz/corpus/TARGET/) and every regression input
#      (tests/fuzz/regress/TARGET/, inputs that once broke something) runs
#      once without a crash or a broken invariant;
#   2. SECONDS of fuzzing from those seeds find nothing. The fuzzing is
#      the same on every run (FUZZ_SEED, default 1; at most FUZZ_RUNS
#      inputs, default 500): CI's verdict changes with the code, not with
#      luck. Exploring is for runs on demand: FUZZ_SEED=0 (a random seed)
#      FUZZ_RUNS=-1 (no cap) FUZZ_SECONDS=3600 bash tests/fuzz/run.sh
# What fuzzing finds stays in the build directory, never in the repo:
# new inputs in BUILD/fuzz-out/TARGET/corpus/ (emptied at each run), a
# crash in BUILD/fuzz-out/TARGET/crash-*; the "not ok" line
# names it. Fix what it shows, then keep it as a regression input:
#   cp BUILD/fuzz-out/TARGET/crash-... tests/fuzz/regress/TARGET/SHORT-NAME
#
# The targets live in $FUZZ_BUILD (default build-fuzz/, in the repo). Run
# by hand, this script sets that directory up (CC=clang, -Dfuzz=true,
# ASan + UBSan) and builds the targets first; run by `meson test` (suite
# fuzz; tests/run-all.sh does so), meson has built them (FUZZ_PREBUILT=1).
set -uo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
here=$src/tests/fuzz

all_targets=(fuzz_engine fuzz_policy fuzz_csv fuzz_utf16 fuzz_escapes)
seconds=${FUZZ_SECONDS:-45}
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
	seconds=$1
	shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

build=${FUZZ_BUILD:-$src/build-fuzz}
# Sanitizer reports end the run (libFuzzer then saves the input).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

echo "1..$((2 * ${#targets[@]}))"
n=0
status=0
tap() { # OK(0/1) TEXT
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		status=1
	fi
}
diag() { # FILE: its last lines as TAP comments
	tail -n 40 "$1" 2>/dev/null | sed 's/^/# /'
}

built=1
if [ "${FUZZ_PREBUILT:-0}" != 1 ]; then
	if [ ! -f "$build/build.ninja" ]; then
		CC=clang meson setup "$build" "$src" -Dfuzz=true -Dtests=false \
			-Dbuildtype=debugoptimized -Dwerror=true \
			-Db_sanitize=address,undefined -Db_lundef=false >&2 ||
			echo "# run.sh: meson setup $build failed (clang, libclang-rt-14-dev?)"
	fi
	if ! ninja -C "$build" "${targets[@]/#/tests/fuzz/}" >&2; then
		echo "# run.sh: building the fuzz targets in $build failed"
		built=0 # an older binary left there is not what is to be tested
	fi
fi

for t in "${targets[@]}"; do
	bin=$build/tests/fuzz/$t
	out=$build/fuzz-out/$t
	if [ "$built" = 0 ] || [ ! -x "$bin" ]; then
		tap 1 "$t: seeds and regression inputs (not built: $bin)"
		tap 1 "$t: fuzzing (not built)"
		continue
	fi
	mkdir -p "$out/corpus"
	opts=(-timeout=25 -rss_limit_mb=2048 -max_len=4096 "-artifact_prefix=$out/")
	[ "$t" = fuzz_policy ] && opts[2]=-max_len=8192
	[ -f "$here/dict/$t.dict" ] && opts+=("-dict=$here/dict/$t.dict")

	# 1. Seeds and regression inputs, each once.
	inputs=()
	for d in "$here/corpus/$t" "$here/regress/$t"; do
		[ -d "$d" ] || continue
		while IFS= read -r -d '' f; do
			inputs+=("$f")
		done < <(find "$d" -type f ! -name '.*' -print0 | sort -z)
	done
	nreg=$(find "$here/regress/$t" -type f ! -name '.*' 2>/dev/null | wc -l)
	if "$bin" "${opts[@]}" "${inputs[@]}" >"$out/regress.log" 2>&1; then
		tap 0 "$t: ${#inputs[@]} seed and regression inputs ($nreg regression) run clean"
	else
		tap 1 "$t: seed and regression inputs: one fails (log: $out/regress.log)"
		grep -a '^Running: ' "$out/regress.log" | tail -n 1 | sed 's/^/# /'
		diag "$out/regress.log"
	fi

	# 2. Fuzzing, from the seeds and what earlier runs found.
	rm -f "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*
	# a fresh corpus each run, so that a fixed seed gives the same inputs
	rm -rf "$out/corpus"
	mkdir -p "$out/corpus"
	timeout -k 10 $((seconds + 300)) "$bin" "${opts[@]}" -max_total_time="$seconds" \
		-seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:-500}" \
		-print_final_stats=1 "$out/corpus" "$here/corpus/$t" >"$out/fuzz.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$out/fuzz.log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		tap 0 "$t: $seconds s, $runs runs, nothing found"
	else
		found=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
			-o -name 'timeout-*' -o -name 'oom-*' \) | head -n 1)
		tap 1 "$t: fuzzing failed (exit $rc)${found:+: input kept in $found}"
		[ -n "$found" ] && echo "# keep it: cp $found $here/regress/$t/"
		diag "$out/fuzz.log"
	fi
done
exit $status

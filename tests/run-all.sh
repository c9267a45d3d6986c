#!/usr/bin/env bash
# run-all.sh — the whole test suite in one command (Quick start command 2,
# and what CI runs through .ci/run).
#
# Installs what is missing (.ci/install-deps.sh, the one package list),
# builds four configurations inside the repo:
#   build/       debugoptimized, -Werror: every test
#   build-asan/  the same plus AddressSanitizer + UndefinedBehaviorSanitizer:
#                every test
#   build-fuzz/  clang, -Dfuzz=true, ASan + UBSan: the libFuzzer targets of
#                tests/fuzz, each run FUZZ_SECONDS (45) by tests/fuzz/run.sh
#                (suite fuzz)
#   build-tsan/  gcc, ThreadSanitizer: the mount tests whose daemon serves
#                many threads at once (suite tsan, tests/mount/meson.build)
# runs `meson test` on each, and ends with one line "N passed, N failed"
# that counts individual TAP test cases ("ok" / "not ok" lines) of all
# runs, plus one case for the quick bench run (bench/run.sh --quick); a
# failed test program that printed no "not ok" line counts as one failure,
# and so does a configuration that did not build.
# Exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

bash .ci/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

# ASan/UBSan: fail loudly, report every error with a stack.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

setup() { # DIR OPTIONS...
	local dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson configure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@"
	fi
}

# The fuzz and TSan configurations build only what their suites run.
fuzz_targets=(tests/fuzz/fuzz_engine tests/fuzz/fuzz_policy tests/fuzz/fuzz_csv
              tests/fuzz/fuzz_utf16 tests/fuzz/fuzz_escapes)
tsan_targets=(fs/redactfs cli/redact tests/mount/preadcheck)
# DIR|CC (empty: the default)|ninja targets (empty: all)|meson test arguments|options
configs=(
	"build||||-Dbuildtype=debugoptimized -Dwerror=true -Db_sanitize=none"
	"build-asan||||-Dbuildtype=debugoptimized -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false"
	"build-fuzz|clang|${fuzz_targets[*]}|--no-rebuild --suite fuzz|-Dbuildtype=debugoptimized -Dwerror=true -Dfuzz=true -Dtests=false -Db_sanitize=address,undefined -Db_lundef=false"
	"build-tsan||${tsan_targets[*]}|--no-rebuild --suite tsan|-Dbuildtype=debugoptimized -Dwerror=true -Dman=disabled -Db_sanitize=thread"
)

status=0
built=()
declare -A test_args
for cfg in "${configs[@]}"; do
	IFS='|' read -r dir cc targets args opts <<<"$cfg"
	# shellcheck disable=SC2086 # the options and targets are meant to split
	if (if [ -n "$cc" ]; then export CC=$cc; fi; setup "$dir" $opts) &&
		ninja -C "$dir" $targets; then
		built+=("$dir")
		test_args[$dir]=$args
	else
		echo "run-all: $dir did not configure or build" >&2
		status=1
	fi
done

# ThreadSanitizer maps its shadow memory at fixed addresses; on kernels
# with more ASLR bits than it expects it stops ("unexpected memory
# mapping"). Without address randomization (setarch -R, inherited by the
# daemon the mount tests start) it always runs; where personality(2) is
# not allowed (a container's seccomp profile) it runs as it is.
no_aslr=()
if setarch "$(uname -m)" -R true 2>/dev/null; then
	no_aslr=(setarch "$(uname -m)" -R)
fi

for dir in "${built[@]}"; do
	echo "==== meson test -C $dir ${test_args[$dir]}"
	rm -f "$dir/meson-logs/testlog.json"
	run=()
	[ "$dir" = build-tsan ] && run=("${no_aslr[@]}")
	# shellcheck disable=SC2086 # the arguments are meant to split
	"${run[@]}" meson test -C "$dir" --print-errorlogs ${test_args[$dir]} || status=1
done

# The bench suite in quick mode (issue 5) counts as ONE test case: it passes
# when bench/run.sh exits 0 and its report has a figure for every target (no
# "NOT MEASURED"). CI checks that the suite runs, never its timings.
echo "==== bash bench/run.sh --quick"
bench_report=bench/out/benchmarks.md
rm -f "$bench_report"
if timeout 600 bash bench/run.sh --quick && [ -s "$bench_report" ] &&
	! grep -q 'NOT MEASURED' "$bench_report"; then
	export BENCH_RESULT=pass
else
	export BENCH_RESULT=fail
	echo "run-all: bench/run.sh --quick failed or left a target NOT MEASURED" >&2
fi

# Count TAP cases over all runs. A build that failed counts as one failure.
python3 - "$status" "${#configs[@]}" "${built[@]}" <<'PY'
import json, os, re, sys

status = int(sys.argv[1])
configs = int(sys.argv[2])
dirs = sys.argv[3:]
passed = failed = skipped = 0
ok_re = re.compile(r"^\s*ok\b")
not_ok_re = re.compile(r"^\s*not ok\b")
skip_re = re.compile(r"#\s*skip", re.I)
good = {"OK", "SKIP", "EXPECTEDFAIL"}
missing_builds = configs - len(dirs)
failed += missing_builds
for d in dirs:
    log = os.path.join(d, "meson-logs", "testlog.json")
    if not os.path.exists(log):
        print("run-all: %s has no test log" % log)
        failed += 1
        continue
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            t = json.loads(line)
            result = t.get("result", "")
            out = t.get("stdout") or t.get("stdo") or ""
            nok = 0
            for l in out.splitlines():
                if not_ok_re.match(l):
                    nok += 1
                elif ok_re.match(l):
                    if skip_re.search(l):
                        skipped += 1
                    else:
                        passed += 1
            failed += nok
            if result not in good and nok == 0:
                failed += 1
                print("run-all: %s: %s (%s) with no 'not ok' line" % (d, t.get("name"), result))
            elif result == "SKIP" and nok == 0 and not any(ok_re.match(l) for l in out.splitlines()):
                skipped += 1
bench = os.environ.get("BENCH_RESULT")
if bench == "pass":
    passed += 1
elif bench == "fail":
    failed += 1
    print("run-all: bench quick run: failed")
if status and failed == 0:
    failed = 1  # something failed outside the counted tests
if passed == 0 and failed == 0:
    print("run-all: no test case ran")
    failed = 1
tail = ", %d skipped" % skipped if skipped else ""
print("%d passed, %d failed%s" % (passed, failed, tail))
sys.exit(1 if failed else 0)
PY
rc=$?
exit $(( rc || status ))

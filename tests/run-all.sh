#!/usr/bin/env bash
# run-all.sh — the whole test suite in one command (Quick start command 2,
# and what CI runs through .ci/run).
#
# Installs what is missing (.ci/install-deps.sh, the one package list),
# builds two configurations inside the repo:
#   build/       debugoptimized, -Werror
#   build-asan/  the same plus AddressSanitizer + UndefinedBehaviorSanitizer
# runs `meson test` on both, and ends with one line "N passed, N failed"
# that counts individual TAP test cases ("ok" / "not ok" lines) of both
# runs, plus one case for the quick bench run (bench/run.sh --quick); a
# failed test program that printed no "not ok" line counts as one failure.
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

status=0
built=()
for cfg in "build:-Dbuildtype=debugoptimized -Dwerror=true -Db_sanitize=none" \
           "build-asan:-Dbuildtype=debugoptimized -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false"; do
	dir=${cfg%%:*}
	# shellcheck disable=SC2086 # the options are meant to split
	if setup "$dir" ${cfg#*:} && ninja -C "$dir"; then
		built+=("$dir")
	else
		echo "run-all: $dir did not configure or build" >&2
		status=1
	fi
done

for dir in "${built[@]}"; do
	echo "==== meson test -C $dir"
	rm -f "$dir/meson-logs/testlog.json"
	meson test -C "$dir" --print-errorlogs || status=1
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

# Count TAP cases over both runs. A build that failed counts as one failure.
python3 - "$status" "${built[@]}" <<'PY'
import json, os, re, sys

status = int(sys.argv[1])
dirs = sys.argv[2:]
passed = failed = skipped = 0
ok_re = re.compile(r"^\s*ok\b")
not_ok_re = re.compile(r"^\s*not ok\b")
skip_re = re.compile(r"#\s*skip", re.I)
good = {"OK", "SKIP", "EXPECTEDFAIL"}
missing_builds = 2 - len(dirs)
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

#!/usr/bin/env bash
# bench/charset/run.sh - charset-library bench: uchardet vs ICU on file heads.
#
# Usage: bash bench/charset/run.sh        (from anywhere; about a minute)
# Builds eval.c into bench/charset/out/, generates the invented samples
# (samples.py, fixed seeds), asks both libraries about every sample (eval;
# only the tune set is timed), then scores the decision rules (analyze.py)
# and rewrites the generated part of bench/charset/RESULTS.md.
# Needs: cc, pkg-config, python3, libuchardet-dev, libicu-dev (Debian 12:
#   apt-get install libuchardet-dev libicu-dev pkg-config).
# Everything it writes is under bench/charset/out/ (ignored by git), apart
# from the tables in RESULTS.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/out"
T0=$(date +%s)
step() { echo "run.sh: [$(( $(date +%s) - T0 ))s] $*" >&2; }

for pc in uchardet icu-i18n icu-uc; do
	if ! pkg-config --exists "$pc"; then
		echo "run.sh: pkg-config cannot find $pc;" \
			"install libuchardet-dev and libicu-dev" >&2
		exit 1
	fi
done
mkdir -p "$OUT"

step "building eval (uchardet $(pkg-config --modversion uchardet), ICU $(pkg-config --modversion icu-i18n))"
# shellcheck disable=SC2046
cc -O2 -Wall -Wextra -o "$OUT/eval" "$HERE/eval.c" \
	$(pkg-config --cflags --libs uchardet icu-i18n icu-uc)

step "generating samples"
python3 "$HERE/samples.py" "$OUT" >/dev/null

step "asking the libraries: bulk (30,000 binary blobs, untimed)"
"$OUT/eval" --no-time "$OUT/bulk.idx" "$OUT/bulk.bin" >"$OUT/bulk.tsv"
step "asking the libraries: check (untimed)"
"$OUT/eval" --no-time "$OUT/check.idx" "$OUT/check.bin" >"$OUT/check.tsv"
step "asking the libraries: tune (timed)"
"$OUT/eval" "$OUT/tune.idx" "$OUT/tune.bin" >"$OUT/tune.tsv"

step "scoring"
python3 "$HERE/analyze.py" "$OUT" "$HERE/RESULTS.md"
step "done; per-sample answers in $OUT/{tune,check,bulk}.tsv"

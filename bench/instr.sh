#!/usr/bin/env bash
# bench/instr.sh - the engine's cost in instructions per input byte, for
# a detector change: deterministic (callgrind counts instructions, not
# time), so it can be compared across runs on a shared, noisy machine.
#
# Usage: bash bench/instr.sh REDACT [REDACT_BASE]
#   REDACT: a `redact` binary (a debugoptimized or release build).
#   With REDACT_BASE, both are measured on the same data and the ratio
#   NEW/BASE is printed per data set (the issue's budget: +15% at most on
#   dense and sparse).
# The data are 2 MiB of bench/gen.py's dense (seed 5) and sparse (seed 6)
# sets, the policy redacts with every built-in detector. The start-up
# (compiling and JIT-compiling the detectors) is measured on an empty file
# and subtracted, so the figure is the scan's own.
set -u
set -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,15p' "$0"; exit 2; }
command -v valgrind >/dev/null || { echo "instr.sh: valgrind is not installed" >&2; exit 2; }
W=$(mktemp -d /tmp/redactfs-instr.XXXXXX)
trap 'rm -rf "$W"' EXIT
SIZE=$((2 * 1024 * 1024))
python3 "$HERE/gen.py" dense "$W/dense.txt" "$SIZE" 5 >/dev/null || exit 1
python3 "$HERE/gen.py" sparse "$W/sparse.txt" "$SIZE" 6 >/dev/null || exit 1
: >"$W/empty.txt"
printf '[global]\ndefault = redact\nbinary = deny\n' >"$W/policy.ini"

# instructions BIN FILE: the total instructions of one run
instructions() {
	valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" \
		"$1" --policy "$W/policy.ini" --path "/$(basename "$2")" "$2" \
		>/dev/null 2>"$W/cg.err" || { cat "$W/cg.err" >&2; return 1; }
	sed -n 's/^summary: //p' "$W/cg.out"
}

# per_byte BIN FILE: instructions per byte of FILE, start-up subtracted
per_byte() {
	local all base
	all=$(instructions "$1" "$2") || return 1
	base=$(instructions "$1" "$W/empty.txt") || return 1
	python3 -c "print(f'{($all - $base) / $SIZE:.1f}')"
}

printf '%-8s %12s' set "new i/B"
[ $# -eq 2 ] && printf ' %12s %8s' "base i/B" "new/base"
printf '\n'
for set in dense sparse; do
	new=$(per_byte "$1" "$W/$set.txt") || exit 1
	printf '%-8s %12s' "$set" "$new"
	if [ $# -eq 2 ]; then
		base=$(per_byte "$2" "$W/$set.txt") || exit 1
		printf ' %12s %8s' "$base" "$(python3 -c "print(f'{$new / $base:.3f}')")"
	fi
	printf '\n'
done

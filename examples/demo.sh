#!/usr/bin/env bash
# demo.sh — Quick start: install what is missing, build, mount the invented
# example tree examples/data under examples/policy.ini, and show what a
# consumer of the mount sees. Run from anywhere, as root on Debian 12 (or
# as a user who has the packages and may use fusermount3).
#
#   bash examples/demo.sh            mounts at /tmp/redactfs-demo and leaves it mounted
#   MNT=/some/dir bash examples/demo.sh
#
# Unmount afterwards with: fusermount3 -u /tmp/redactfs-demo
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MNT=${MNT:-/tmp/redactfs-demo}
SRC=$ROOT/examples/data
POLICY=$ROOT/examples/policy.ini
BUILD=$ROOT/build

if [ -t 1 ]; then B=$'\033[1m' N=$'\033[0m'; else B='' N=''; fi
step() { printf '\n%s==> %s%s\n' "$B" "$*" "$N"; }
note() { printf '\n%s$ %s%s   %s\n' "$B" "$1" "$N" "$2"; }
show() { note "$*" ""; "$@" || echo "(exit status $?)"; }

step "Installing missing packages (if any)"
bash "$ROOT/.ci/install-deps.sh"

step "Building"
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" "$ROOT"
fi
ninja -C "$BUILD"

step "Checking the policy"
# redactfs refuses a policy that others may write (like sshd's StrictModes);
# a checkout made under umask 002 has group-writable files.
chmod go-w "$POLICY"
"$BUILD/cli/redact" --check -p "$POLICY"

step "Mounting $SRC at $MNT"
if grep -qs " $MNT " /proc/self/mountinfo; then
	echo "unmounting a stale mount at $MNT"
	fusermount3 -u "$MNT" 2>/dev/null || fusermount3 -uz "$MNT"
fi
mkdir -p "$MNT"
"$BUILD/fs/redactfs" -o "policy=$POLICY" "$SRC" "$MNT"
for _ in $(seq 50); do
	grep -qs " $MNT " /proc/self/mountinfo && break
	sleep 0.1
done
grep -qs " $MNT " /proc/self/mountinfo || { echo "demo: $MNT did not mount" >&2; exit 1; }

step "What a consumer sees (everything below is read through the mount)"
show ls -lR "$MNT"
show cat "$MNT/exports/customers.csv"
show cat "$MNT/logs/app.log"
show cat "$MNT/reports/judgment.txt"
show cat "$MNT/public/README.txt"
note "cat $MNT/secret/salaries.csv" "(mode = deny: cannot be opened)"
cat "$MNT/secret/salaries.csv" || true
note "cat $MNT/archive.gz" "(binary, binary = deny)"
cat "$MNT/archive.gz" >/dev/null || true
note "ls $MNT/private" "(mode = hide: not there at all)"
ls "$MNT/private" || true

step "The same engine as a filter"
note "printf 'mail alice@example.com, ...' | redact" "(standard input: the built-in policy)"
printf 'mail alice@example.com, 手机13812345678, ts=1700000000123\n' | "$BUILD/cli/redact"
show "$BUILD/cli/redact" --explain -p "$POLICY" /exports/customers.csv

cat <<EOF

The mount stays up. Look around in $MNT, compare with $SRC, then unmount:

    fusermount3 -u $MNT

EOF

#!/usr/bin/env python3
"""run_errors.py — every bad_*.ini policy must be refused with its own message.

Usage: run_errors.py REDACT_EXE FIXTURE_DIR

Each bad_*.ini fixture starts with a hand-written comment
    ; expect: LINE: message
and `redact --check -p FIXTURE` must exit 1 with the first line of stderr
exactly "FIXTURE:LINE: message" and nothing on stdout. Each good_*.ini must
be accepted (exit 0, empty stderr). A missing file and a directory must be
refused with "FILE: cannot read: ...". Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

EXPECT = re.compile(r'^; expect: (\d+): (.+)$')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=()):
        self.n += 1
        if not cond:
            self.failed += 1
        print(('ok' if cond else 'not ok') + f' {self.n} - {desc}')
        if not cond:
            for line in diag:
                print('# ' + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print(f'1..{self.n}')
        return 1 if self.failed else 0


def check(exe, policy):
    p = subprocess.run([exe, '--check', '-p', policy], capture_output=True,
                       timeout=30)
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def refused(tap, exe, policy, want, what):
    rc, out, err = check(exe, policy)
    first = err.split('\n', 1)[0]
    tap.ok(rc == 1 and first == want and out == '', what,
           [f'exit {rc} (want 1)', f'stdout: {out!r}', f'got:  {first}', f'want: {want}'])


def main():
    exe, fixdir = os.path.abspath(sys.argv[1]), sys.argv[2]
    tap = Tap()
    names = sorted(os.listdir(fixdir))
    bad = [n for n in names if n.startswith('bad_') and n.endswith('.ini')]
    good = [n for n in names if n.startswith('good_') and n.endswith('.ini')]
    tap.ok(len(bad) >= 14, f'{len(bad)} bad fixtures found')
    for name in bad:
        path = os.path.join(fixdir, name)
        with open(path, encoding='utf-8') as f:
            m = EXPECT.match(f.readline().rstrip('\n'))
        if not tap.ok(m is not None, f'{name} has an expect line'):
            continue
        refused(tap, exe, path, f'{path}:{m.group(1)}: {m.group(2)}', name)
    for name in good:
        path = os.path.join(fixdir, name)
        rc, out, err = check(exe, path)
        tap.ok(rc == 0 and err == '' and out == f'{path}: ok\n', f'{name} is accepted',
               [f'exit {rc}', f'stdout: {out!r}', f'stderr: {err!r}'])

    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, 'missing.ini')
        refused(tap, exe, missing, f'{missing}: cannot read: No such file or directory',
                'a missing policy file')
        refused(tap, exe, tmp, f'{tmp}: cannot read: Is a directory', 'a directory as policy')
        # The same error must stop the filter too, before any input is read.
        inp = os.path.join(tmp, 'in.txt')
        with open(inp, 'w') as f:
            f.write('EMP-123456\n')
        pol = os.path.join(fixdir, 'bad_key.ini')
        p = subprocess.run([exe, '-p', pol, inp], capture_output=True, timeout=30)
        tap.ok(p.returncode == 1 and p.stdout == b'' and
               p.stderr.decode().startswith(f'{pol}:7: unknown key'),
               'a bad policy stops the filter with exit 1 and no output',
               [f'exit {p.returncode}', f'stdout {p.stdout!r}', f'stderr {p.stderr!r}'])
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())

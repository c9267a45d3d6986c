#!/usr/bin/env python3
"""run_cli.py — the `redact` command line, end to end.

Usage: REDACT=BUILD/cli/redact run_cli.py

Builds invented inputs in a private temp dir and checks what `redact`
prints and its exit status for each policy mode, binary setting, standard
input with and without --path, several inputs, a large input read in many
chunks, a reader that goes away (EPIPE), --explain/--list-detectors, and
action = pseudonymize with a key_file (tokens consistent across files and
key copies, different for another key).
Expected outputs are written by hand (masking keeps byte length: every
masked ASCII byte becomes '*'). Only the custom detector emp runs on the
files, so expectations do not depend on the built-in detectors. Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from lib.mount import program  # noqa: E402
from lib.tap import Tap  # noqa: E402

POLICY = """\
[global]
default = redact
binary = deny
detectors = emp

[path:/public/**]
mode = allow

[path:/secret/**]
mode = deny

[path:/private]
mode = hide

[path:/bin/scan/**]
binary = scan

[path:/bin/raw/**]
binary = allow

[detector:emp]
pattern = EMP-[0-9]{6}
description = employee number
"""
# Line numbers in POLICY, by hand: [path:/secret/**] is line 9, its mode line 10.


class Env:
    def __init__(self, exe, tmp):
        self.exe = exe
        self.tmp = tmp
        self.pol = os.path.join(tmp, 'policy.ini')
        with open(self.pol, 'w') as f:
            f.write(POLICY)

    def put(self, rel, data):
        path = os.path.join(self.tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)

    def run(self, *args, stdin=b'', policy=True):
        cmd = [self.exe] + (['-p', self.pol] if policy else []) + list(args)
        p = subprocess.run(cmd, input=stdin, capture_output=True, cwd=self.tmp, timeout=60)
        return p.returncode, p.stdout, p.stderr.decode(errors='replace')


def expect(tap, got, rc, out, err, desc):
    grc, gout, gerr = got
    tap.ok(grc == rc and gout == out and gerr == err, desc,
           [f'exit {grc} (want {rc})', f'stdout {gout[:200]!r}', f'want   {out[:200]!r}',
            f'stderr {gerr!r}', f'want   {err!r}'])


def main():
    exe = program('REDACT')
    os.umask(0o022)  # policies written here must pass the StrictModes check
    tap = Tap()
    with tempfile.TemporaryDirectory() as tmp:
        e = Env(exe, tmp)
        text = b'name: Wang Lei\nid: EMP-123456, boss EMP-654321\nEMP-12345 is too short\n'
        masked = b'name: Wang Lei\nid: **********, boss **********\nEMP-12345 is too short\n'
        e.put('docs/a.txt', text)
        e.put('public/a.txt', text)
        e.put('secret/k.txt', text)
        e.put('private/deep/x.txt', text)
        e.put('private.txt', text)
        binary = b'PK\x03\x04' + b'\x00' * 20 + b'EMP-123456\n'
        e.put('bin/b.dat', binary)
        e.put('bin/scan/b.dat', binary)
        e.put('bin/raw/b.dat', binary)
        e.put('empty.txt', b'')

        expect(tap, e.run('docs/a.txt'), 0, masked, '', 'redact mode masks')
        expect(tap, e.run('./docs//a.txt'), 0, masked, '', './ and // in a name are dropped')
        expect(tap, e.run('public/a.txt'), 0, text, '', 'allow mode copies raw')
        expect(tap, e.run('secret/k.txt'), 2, b'', 'redact: secret/k.txt: denied by policy\n',
               'deny mode: nothing printed, exit 2')
        expect(tap, e.run('private/deep/x.txt'), 2, b'',
               'redact: private/deep/x.txt: hidden by policy\n',
               'under a hidden directory: hidden, exit 2')
        expect(tap, e.run('private.txt'), 0, masked, '', 'a sibling of a hidden directory')
        expect(tap, e.run('bin/b.dat'), 3, b'',
               'redact: bin/b.dat: binary file denied by policy (binary = deny)\n',
               'binary = deny: nothing printed, exit 3')
        expect(tap, e.run('bin/raw/b.dat'), 0, binary, '', 'binary = allow copies raw')
        expect(tap, e.run('bin/scan/b.dat'), 0, binary.replace(b'EMP-123456', b'*' * 10), '',
               'binary = scan masks')
        expect(tap, e.run('empty.txt'), 0, b'', '', 'an empty file')
        expect(tap, e.run(stdin=text), 0, masked, '', 'stdin without --path: [global]')
        expect(tap, e.run('-', stdin=text), 0, masked, '', "'-' is stdin")
        expect(tap, e.run('--path', '/secret/x', stdin=text), 2, b'',
               'redact: (standard input): denied by policy\n', 'stdin with a denied --path')
        expect(tap, e.run('--path', 'public/x', stdin=text), 0, text, '',
               'stdin with an allowed --path (leading / added)')
        expect(tap, e.run('--path', '/public/x', 'secret/k.txt'), 0, text, '',
               '--path replaces the file name as policy path')
        rc, out, err = e.run('--path', '/a/../secret/x', stdin=text)
        tap.ok(rc == 1 and out == b'' and "'..' is not allowed" in err,
               '--path with .. is refused', [rc, out, err])
        rc, out, err = e.run('docs/../secret/k.txt')
        tap.ok(rc == 1 and out == b'' and 'give --path' in err,
               'a file name with .. needs --path', [rc, out, err])
        expect(tap, e.run('docs/a.txt', 'public/a.txt'), 0, masked + text, '',
               'several inputs, each under its own path')
        expect(tap, e.run('docs/a.txt', 'secret/k.txt', 'public/a.txt'), 2, masked,
               'redact: secret/k.txt: denied by policy\n',
               'stops at the first input it cannot serve')
        rc, out, err = e.run('docs/nope.txt')
        tap.ok(rc == 4 and out == b'' and
               err == 'redact: docs/nope.txt: cannot open: No such file or directory\n',
               'a missing input: exit 4', [rc, out, err])
        rc, out, err = e.run('docs')
        tap.ok(rc == 4 and out == b'' and 'Is a directory' in err, 'a directory input: exit 4',
               [rc, out, err])

        # Without -p: the built-in policy (every built-in detector).
        rc, out, err = e.run(stdin=b'mail alice@example.com\n', policy=False)
        tap.ok(rc == 0 and out == b'mail *****************\n',
               'built-in policy masks an e-mail address', [rc, out, err])
        rc, out, err = e.run(stdin=b'a\x00b alice@example.com', policy=False)
        tap.ok(rc == 3 and out == b'', 'built-in policy denies binary stdin', [rc, out, err])

        # A binary marker arriving late on a pipe is still seen before output.
        p = subprocess.Popen([exe, '-p', e.pol], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdin.write(b'EMP-123456 text first\n')
        p.stdin.flush()
        time.sleep(0.2)
        p.stdin.write(b'then a NUL \x00 byte\n')
        p.stdin.close()
        out = p.stdout.read()
        p.wait(timeout=30)
        tap.ok(p.returncode == 3 and out == b'', 'sniffing waits for the first block on a pipe',
               [p.returncode, out])
        p.stdout.close()
        p.stderr.close()

        # A large input: values everywhere, across 64 KiB chunk edges. As a
        # file (1 MiB or more: redacted by ranges, two threads) and through
        # stdin (the stream): both must print the same, expected bytes.
        parts, want = [], []
        i = 0
        size = 0
        while size < 3 * 1024 * 1024:
            filler = b'x' * (i * 7919 % 70001) + b' '
            value = b'EMP-%06d' % (i * 104729 % 1000000)
            parts += [filler, value, b'\n']
            want += [filler, b'*' * 10, b'\n']
            size += len(filler) + 11
            i += 1
        big, big_want = b''.join(parts), b''.join(want)
        e.put('docs/big.txt', big)
        rc, out, err = e.run('docs/big.txt')
        tap.ok(rc == 0 and out == big_want, f'{len(big)}-byte file, {i} values',
               [rc, len(out), err])
        rc, out, err = e.run(stdin=big)
        tap.ok(rc == 0 and out == big_want, 'the same through stdin', [rc, len(out), err])
        tap.ok(re.search(rb'EMP-\d{6}', out) is None, 'no value left in the output')

        # The reader goes away: a write error, not a hang or a crash.
        p = subprocess.Popen([exe, '-p', e.pol, 'docs/big.txt'], cwd=tmp,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.read(100)
        p.stdout.close()
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        err = p.stderr.read().decode()
        p.stderr.close()
        tap.ok(p.returncode == 4 and err == '', 'EPIPE: exit 4, no message',
               [p.returncode, err])

        # --explain names the lines that decided.
        rc, out, err = e.run('--explain', 'secret/k.txt')
        want = (f'policy:    {e.pol}\n'
                'path:      /secret/k.txt\n'
                f'matching:  {e.pol}:9 [path:/secret/**]\n'
                f'mode:      deny  {e.pol}:10 [path:/secret/**]\n'
                f'binary:    deny  {e.pol}:3 [global]\n'
                'names:     redact  (default: names are scanned like content)\n'
                'shown as:  k.txt\n'
                f'detectors: emp  {e.pol}:4 [global]\n'
                'action:    mask  (default)\n'
                'keep_head: detector default  (default)\n'
                'keep_tail: detector default  (default)\n'
                'key:       (none)  (default)\n'
                'fields:    the defaults  (default)\n'
                'format:    text  (by file name)\n'
                'unmask_uids: (nobody)  (default)\n'
                'unmask_groups: (nobody)  (default)\n'
                'audit_log: (none)  (default)\n').encode()
        tap.ok(rc == 0 and out == want, '--explain output', [rc, out, want, err])
        rc, out, err = e.run('--explain', '/private/deep/x.txt')
        tap.ok(rc == 0 and f'mode:      hide  (under hidden /private: {e.pol}:13 '
               '[path:/private])\n'.encode() in out, '--explain shows a hiding ancestor',
               [rc, out, err])
        rc, out, err = e.run('--explain')
        tap.ok(rc == 1 and out == b'', '--explain without a path is a usage error', [rc, err])

        rc, out, err = e.run('--list-detectors')
        lines = out.decode().splitlines()
        tap.ok(rc == 0 and any(re.match(r'^emp\s+employee number\s', l) for l in lines) and
               any(re.match(r'^email\s+\S', l) for l in lines),
               '--list-detectors lists built-in and custom detectors', [rc, out, err])

        rc, out, err = e.run('--check')
        tap.ok(rc == 0 and out == f'{e.pol}: ok\n'.encode(), '--check of a good policy',
               [rc, out, err])
        rc, out, err = e.run('--check', policy=False)
        tap.ok(rc == 1 and out == b'' and '--check needs -p' in err, '--check needs -p',
               [rc, err])
        rc, out, err = e.run('--bogus')
        tap.ok(rc == 1 and out == b'', 'an unknown option is a usage error', [rc, err])
        rc, out, err = e.run('--check', '--explain', 'x')
        tap.ok(rc == 1 and out == b'', 'two commands at once are refused', [rc, err])
        rc, out, err = e.run('-h', policy=False)
        tap.ok(rc == 0 and out.startswith(b'Usage: redact') and err == '', '-h prints usage')
        rc, out, err = e.run('--version', policy=False)
        tap.ok(rc == 0 and re.fullmatch(rb'redact \(redactfs\) \d+\.\d+\.\d+\n', out)
               is not None, '--version', [rc, out])
        pseudonyms(tap, exe, tmp)
    return tap.done()


PSEUDO_POLICY = """\
[global]
detectors = emp
action = pseudonymize
key_file = {key}
audit_log = audit.jsonl

[path:/hr/**]
action = mask
unmask_groups = root

[detector:emp]
pattern = EMP-[0-9]{{6}}
"""


def pseudonyms(tap, exe, tmp):
    """action = pseudonymize with a key_file: a token of the value's shape and
    length, the same in every file and for every copy of the key, another
    one for another key; and --explain says where the key comes from."""
    d = os.path.join(os.path.realpath(tmp), 'pseudo')
    os.mkdir(d, 0o700)
    keys = {'k1': b'invented key one: 0123456789abcdefghijklmnop\n',
            'k1copy': b'invented key one: 0123456789abcdefghijklmnop\n',
            'k2': b'invented key two: 0123456789abcdefghijklmnop\n'}
    for name, data in keys.items():
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
        os.chmod(os.path.join(d, name), 0o600)
        with open(os.path.join(d, name + '.ini'), 'w') as f:
            f.write(PSEUDO_POLICY.format(key=name))
    for name, data in (('a.txt', b'staff EMP-123456 joined; EMP-654321 left\n'),
                       ('b.txt', b'EMP-654321 and EMP-123456 again\n')):
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)

    def run(pol, *args):
        p = subprocess.run([exe, '-p', os.path.join(d, pol)] + list(args), cwd=d,
                           capture_output=True, timeout=60)
        return p.returncode, p.stdout, p.stderr.decode(errors='replace')

    tok = re.compile(rb'[A-Z]{3}-[0-9]{6}')
    rc, a1, err = run('k1.ini', 'a.txt')
    m = re.fullmatch(rb'staff (\S+) joined; (\S+) left\n', a1) if rc == 0 else None
    tap.ok(m is not None and len(a1) == 41 and b'EMP-123456' not in a1 and
           b'EMP-654321' not in a1, 'pseudonymize: the values are replaced, the length kept',
           [rc, a1, err])
    if m is None:
        return
    t123, t654 = m.group(1), m.group(2)
    tap.ok(tok.fullmatch(t123) is not None and tok.fullmatch(t654) is not None and
           t123 != t654, 'tokens keep the shape (letters, dash, digits); two values differ',
           [t123, t654])
    rc, b1, err = run('k1.ini', 'b.txt')
    tap.ok(rc == 0 and b1 == t654 + b' and ' + t123 + b' again\n',
           'the same value gives the same token in another file', [rc, b1, err])
    rc, a1c, err = run('k1copy.ini', 'a.txt')
    tap.ok(rc == 0 and a1c == a1, 'a copy of the key gives the same tokens', [rc, a1c, err])
    rc, a2, err = run('k2.ini', 'a.txt')
    m2 = re.fullmatch(rb'staff (\S+) joined; (\S+) left\n', a2) if rc == 0 else None
    tap.ok(m2 is not None and m2.group(1) != t123 and m2.group(2) != t654,
           'another key gives other tokens', [rc, a2, err])
    rc, h, err = run('k1.ini', '--path', '/hr/a.txt', 'a.txt')
    tap.ok(rc == 0 and h == b'staff ********** joined; ********** left\n',
           'the filter redacts an unmask path like any other (mask here)', [rc, h, err])
    rc, out, err = run('k1.ini', '--explain', '/hr/a.txt')
    pol = os.path.join(d, 'k1.ini')
    want = [f'action:    mask  {pol}:8 [path:/hr/**]',
            f'key:       from {d}/k1  {pol}:4 [global]',
            f'unmask_groups: root (gids 0)  {pol}:9 [path:/hr/**]',
            f'audit_log: {d}/audit.jsonl  {pol}:5 [global]']
    lines = out.decode().splitlines()
    tap.ok(rc == 0 and all(w in lines for w in want) and keys['k1'].decode().strip() not in
           out.decode(), '--explain names the key file, the unmask list and the audit log',
           [rc, out, want])


if __name__ == '__main__':
    sys.exit(main())

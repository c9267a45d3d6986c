#!/usr/bin/env python3
"""run_errors.py — every bad_*.ini policy must be refused with its own message.

Usage: REDACT=BUILD/cli/redact run_errors.py   (the fixtures are beside it)

Each bad_*.ini fixture starts with a hand-written comment
    ; expect: LINE: message
and `redact --check -p FIXTURE` must exit 1 with the first line of stderr
exactly "FIXTURE:LINE: message" and nothing on stdout. Each good_*.ini must
be accepted (exit 0, empty stderr). A missing file and a directory must be
refused with "FILE: cannot read: ...". Fixtures are checked from a private
copy with mode 0644, so the checkout's umask does not matter.

StrictModes (like sshd): a policy that group or others can write, or that
is owned by someone other than root or the running user, is refused; so is
a key_file that group or others can read or write, is owned by someone
else, or is shorter than 32 bytes. These files are made in a temp dir with
chmod/chown; the messages are written by hand. Prints TAP.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from lib.mount import program  # noqa: E402
from lib.tap import Tap  # noqa: E402

EXPECT = re.compile(r'^; expect: (\d+): (.+)$')


def check(exe, policy):
    p = subprocess.run([exe, '--check', '-p', policy], capture_output=True,
                       timeout=30)
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def refused(tap, exe, policy, want, what):
    rc, out, err = check(exe, policy)
    first = err.split('\n', 1)[0]
    tap.ok(rc == 1 and first == want and out == '', what,
           [f'exit {rc} (want 1)', f'stdout: {out!r}', f'got:  {first}', f'want: {want}'])


def owned_by_other(tap, exe, pol, path, want, what):
    """As root: path (the policy or its key file) given to uid 4242 makes
    the policy pol refused with want; owned by root again afterwards."""
    if os.geteuid() != 0:
        tap.skip(what, 'needs root to chown')
        return
    os.chown(path, 4242, -1)
    refused(tap, exe, pol, want, what)
    os.chown(path, 0, -1)


def accepted(tap, exe, policy, what, cwd=None):
    p = subprocess.run([exe, '--check', '-p', policy], capture_output=True, timeout=30,
                       cwd=cwd)
    out, err = p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    tap.ok(p.returncode == 0 and out == f'{policy}: ok\n' and err == '', what,
           [f'exit {p.returncode}', f'stdout: {out!r}', f'stderr: {err!r}'])


def write(path, data, mode):
    with open(path, 'wb') as f:
        f.write(data)
    os.chmod(path, mode)


def strict_dirs(tap, exe, tmp):
    """The directories above a policy or key_file: not writable by others
    unless sticky, as given (a symlink's own directory) and as resolved."""
    d = os.path.realpath(os.path.join(tmp, 'dirs'))
    os.mkdir(d, 0o755)
    ww, ok = os.path.join(d, 'ww'), os.path.join(d, 'ok')
    os.mkdir(ww)
    os.mkdir(ok)
    os.chmod(ww, 0o777)
    pol = os.path.join(ww, 'p.ini')
    write(pol, b'[global]\ndefault = redact\n', 0o644)
    why = (f'is in directory {ww}, which others may write (mode 0777, not sticky): anyone '
           f'could replace the file there; refusing it (chmod go-w {ww})')
    refused(tap, exe, pol, f'{pol}: {why}', 'a policy in a directory others may write is refused')
    good = os.path.join(ok, 'p.ini')
    write(good, b'[global]\ndefault = redact\n', 0o644)
    accepted(tap, exe, good, 'a policy in a directory only root may write is accepted')
    link = os.path.join(ww, 'link.ini')
    os.symlink(good, link)
    refused(tap, exe, link, f'{link}: {why}',
            'a symlink to a good policy, in a directory others may write, is refused')
    os.chmod(ww, 0o1777)
    accepted(tap, exe, pol, 'a sticky directory others may write (like /tmp) is accepted')
    os.chmod(ww, 0o777)
    key = os.path.join(ww, 'k.key')
    write(key, b'invented test key material, 40 bytes....', 0o600)
    kpol = os.path.join(ok, 'k.ini')
    write(kpol, f'[global]\naction = pseudonymize\nkey_file = {key}\n'.encode(), 0o644)
    refused(tap, exe, kpol, f'{kpol}:3: key_file {key}: {why}',
            'a key_file in a directory others may write is refused')


def section_limit(tap, exe, tmp):
    """At most 4096 [path:] sections (issue 15): one more is refused at its
    own header line; 4096 are accepted."""
    def policy(n):
        body = ''.join(f'[path:/dir{i}/**/*.csv]\nmode = deny\n' for i in range(n))
        return ('[global]\ndefault = redact\n' + body).encode()
    ok, over = os.path.join(tmp, 'sections-4096.ini'), os.path.join(tmp, 'sections-4097.ini')
    write(ok, policy(4096), 0o644)
    write(over, policy(4097), 0o644)
    accepted(tap, exe, ok, 'a policy of 4096 [path:] sections is accepted')
    line = 3 + 2 * 4096
    refused(tap, exe, over, f'{over}:{line}: more than 4096 [path:] sections; a policy may '
            f'have at most 4096 (join patterns with {{a,b}} or **)',
            'the 4097th [path:] section is refused at its line')


def strict_modes(tap, exe, tmp):
    """Policy and key files that others could change (or read) are refused."""
    d = os.path.realpath(os.path.join(tmp, 'strict'))
    os.mkdir(d, 0o700)
    pol = os.path.join(d, 'p.ini')
    write(pol, b'[global]\ndefault = redact\n', 0o644)
    accepted(tap, exe, pol, 'a policy with mode 0644 is accepted')
    for mode in (0o664, 0o646, 0o666, 0o620):
        os.chmod(pol, mode)
        refused(tap, exe, pol, f'{pol}: is writable by others (mode 0{mode:o}); refusing it',
                f'a policy with mode 0{mode:o} is refused')
    os.chmod(pol, 0o600)
    accepted(tap, exe, pol, 'a policy with mode 0600 is accepted')
    os.chmod(pol, 0o1644)
    accepted(tap, exe, pol, 'a sticky bit alone does not matter')
    os.chmod(pol, 0o644)
    inp = os.path.join(d, 'in.txt')
    write(inp, b'alice@example.com\n', 0o644)
    os.chmod(pol, 0o666)
    p = subprocess.run([exe, '-p', pol, inp], capture_output=True, timeout=30)
    tap.ok(p.returncode == 1 and p.stdout == b'' and
           p.stderr == f'{pol}: is writable by others (mode 0666); refusing it\n'.encode(),
           'the filter refuses a writable policy before reading input',
           [p.returncode, p.stdout, p.stderr])
    os.chmod(pol, 0o644)
    owned_by_other(tap, exe, pol, pol, f'{pol}: is owned by uid 4242, not by root or the '
                   'running user (uid 0); refusing it', 'a policy owned by another user is refused')

    # key_file: relative to the policy's directory, closed to group and others.
    key = os.path.join(d, 'pseudonym.key')
    write(key, b'invented test key material, 40 bytes....', 0o600)
    kpol = os.path.join(d, 'k.ini')
    write(kpol, b'[global]\naction = pseudonymize\nkey_file = pseudonym.key\n', 0o644)
    accepted(tap, exe, kpol, 'a key_file with mode 0600 beside the policy', cwd='/')
    for mode in (0o640, 0o604, 0o620, 0o602, 0o644):
        os.chmod(key, mode)
        refused(tap, exe, kpol, f'{kpol}:3: key_file {key}: is readable or writable by others '
                f'(mode 0{mode:o}); refusing it (chmod 600)', f'a key_file with mode 0{mode:o}')
    os.chmod(key, 0o400)
    accepted(tap, exe, kpol, 'a key_file with mode 0400')
    os.chmod(key, 0o600)
    owned_by_other(tap, exe, kpol, key, f'{kpol}:3: key_file {key}: is owned by uid 4242, not '
                   'by root or the running user (uid 0); refusing it',
                   'a key_file owned by another user')
    write(key, b'x' * 31, 0o600)
    refused(tap, exe, kpol, f'{kpol}:3: key_file {key}: too short (31 bytes, at least 32)',
            'a key_file of 31 bytes')
    os.remove(key)
    refused(tap, exe, kpol, f'{kpol}:3: key_file {key}: cannot open: No such file or directory',
            'a missing key_file, named by its path beside the policy')
    os.mkfifo(key, 0o600)
    refused(tap, exe, kpol, f'{kpol}:3: key_file {key}: not a regular file',
            'a FIFO as key_file is refused without blocking')


def main():
    exe, srcdir = program('REDACT'), os.path.dirname(os.path.abspath(__file__))
    os.umask(0o022)
    tap = Tap()
    workdir = tempfile.TemporaryDirectory()
    fixdir = os.path.join(os.path.realpath(workdir.name), 'fixtures')
    os.mkdir(fixdir)
    for name in os.listdir(srcdir):
        if name.endswith('.ini'):
            shutil.copyfile(os.path.join(srcdir, name), os.path.join(fixdir, name))
            os.chmod(os.path.join(fixdir, name), 0o644)
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
        strict_modes(tap, exe, tmp)
        strict_dirs(tap, exe, tmp)
        section_limit(tap, exe, tmp)
    workdir.cleanup()
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""test_progress.py — the progress bar of `redact` on standard error.

Usage: REDACT=BUILD/cli/redact test_progress.py

Requirement covered (issue 6): `redact` shows a progress bar on standard
error for inputs over a few MB (4 MiB) when standard error is a terminal,
and never otherwise; the bar never changes standard output.

Standard error is put on a real pseudo-terminal (pty.openpty) and the
master side is read with a deadline. Cases:
- an 8 MiB regular file, stderr a pty: progress text with a percentage is
  seen, the line is erased at the end (replaying the '\\r' redraws leaves a
  blank line), every redraw fits a narrow terminal, and stdout is byte for
  byte what `redact` writes when stderr is not a terminal;
- a 100 KiB file, stderr a pty: nothing at all on the terminal;
- 8 MiB with stderr a pipe: stderr stays empty;
- 8 MiB on stdin from a pipe, stderr a pty: progress text in bytes read,
  with no percentage (the size is not known);
- --no-progress: nothing drawn;
- stdout on the same terminal: the bar is drawn, only at line starts, and
  the screen it leaves shows exactly the output's lines (nothing
  overwritten; a terminal replayed line by line);
- a message after a bar (a second input that cannot be opened) stands
  alone on its line.
Input values are invented. Prints TAP.
"""
import fcntl
import os
import pty
import random
import select
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from lib.mount import program  # noqa: E402
from lib.tap import Tap  # noqa: E402

MIB = 1024 * 1024
TIMEOUT = 120


def invented_text(size, seed):
    """About size bytes of invented lines, with e-mail addresses and mobile
    numbers in them. Returns (bytes, some raw values used)."""
    rng = random.Random(seed)
    words = ['order', 'status=ok', 'shipped', 'ts=1700000000123', 'amount=12.50',
             'ORD0012345678', 'the', 'report', 'batch', 'done']
    lines, used, total = [], [], 0
    while total < size:
        email = '%s.%d@example.%s' % (''.join(rng.choice('abcdefghij') for _ in range(6)),
                                      rng.randrange(1000), rng.choice(['com', 'org']))
        phone = rng.choice(['138', '139', '186']) + ''.join(
            str(rng.randrange(10)) for _ in range(8))
        line = '%s %s mail %s tel %s %s\n' % (rng.choice(words), rng.choice(words), email,
                                             phone, ' '.join(rng.choice(words)
                                                             for _ in range(8)))
        if len(used) < 50:
            used += [email, phone]
        lines.append(line)
        total += len(line)
    return ''.join(lines).encode()[:size], used


def set_winsize(fd, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, cols, 0, 0))


def drain(master, proc, deadline):
    """Everything written to the pty until the child has exited and the
    slave side is closed (EIO), or until the deadline."""
    out = bytearray()
    while time.monotonic() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every slave fd is closed
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            # exited; read what is left without blocking
            continue
    return bytes(out)


def run_redact(exe, args, stdin_data=None, stdin_file=None, stderr='pipe', stdout='pipe',
               cols=80):
    """Runs redact. stderr / stdout: 'pipe' or 'pty' (stdout 'pty' means the
    same terminal as stderr). Returns (rc, stdout bytes, stderr bytes or the
    terminal's bytes)."""
    master = slave = None
    if 'pty' in (stderr, stdout):
        master, slave = pty.openpty()
        set_winsize(slave, cols)
        # raw: the terminal passes bytes as written (no \n -> \r\n)
        attrs = termios.tcgetattr(slave)
        attrs[1] &= ~termios.OPOST
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
    out_file = tempfile.TemporaryFile()
    stdin_arg = subprocess.DEVNULL
    if stdin_data is not None:
        stdin_arg = subprocess.PIPE
    elif stdin_file is not None:
        stdin_arg = open(stdin_file, 'rb')
    proc = subprocess.Popen([exe] + args, stdin=stdin_arg,
                            stdout=slave if stdout == 'pty' else out_file,
                            stderr=slave if stderr == 'pty' else subprocess.PIPE)
    if slave is not None:
        os.close(slave)
    if stdin_file is not None:
        stdin_arg.close()
    feeder = None
    if stdin_data is not None:
        def feed():
            try:
                proc.stdin.write(stdin_data)
            except BrokenPipeError:
                pass
            finally:
                proc.stdin.close()
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
    deadline = time.monotonic() + TIMEOUT
    err = b''
    try:
        if master is not None:
            term = drain(master, proc, deadline)
            if stderr == 'pipe':
                err = proc.stderr.read()
            else:
                err = term
        else:
            err = proc.stderr.read()
        proc.wait(timeout=max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    finally:
        if master is not None:
            os.close(master)
        if proc.stderr:
            proc.stderr.close()
    if feeder:
        feeder.join(10)
    out_file.seek(0)
    out = out_file.read()
    out_file.close()
    return proc.returncode, out, err


def replay_line(term):
    """What a terminal line shows after the bytes: '\\r' returns to column 0,
    other bytes overwrite."""
    line, col = [], 0
    for b in term:
        if b == 0x0d:
            col = 0
            continue
        if col < len(line):
            line[col] = b
        else:
            line.append(b)
        col += 1
    return bytes(line)


def replay_screen(term):
    """The lines a terminal shows after the bytes: '\\n' starts a new line
    (as with onlcr), '\\r' returns to column 0, other bytes overwrite.
    Trailing blanks of each line and blank lines at the end are dropped."""
    lines = [replay_line(chunk).rstrip(b' ') for chunk in term.split(b'\n')]
    while lines and lines[-1] == b'':
        lines.pop()
    return lines


def main():
    exe = program('REDACT')
    t = Tap()
    with tempfile.TemporaryDirectory(prefix='redact-progress-') as tmp:
        big, used = invented_text(8 * MIB, 6)
        small, _ = invented_text(100 * 1024, 7)
        big_path = os.path.join(tmp, 'big.txt')
        small_path = os.path.join(tmp, 'small.txt')
        with open(big_path, 'wb') as f:
            f.write(big)
        with open(small_path, 'wb') as f:
            f.write(small)
        args = ['--path', '/big.txt']

        # The reference: stderr a pipe (not a terminal).
        rc, want, err = run_redact(exe, args + [big_path])
        t.ok(rc == 0, '8 MiB file, stderr a pipe: redact succeeds', [rc, err[-300:]])
        t.ok(err == b'', '8 MiB file, stderr a pipe: stderr stays empty', [err[:300]])
        t.ok(len(want) == len(big) and want != big and all(v.encode() not in want
                                                             for v in used),
             'the reference output is redacted (same length, no raw value)')

        # stderr a pty, 8 MiB regular file.
        rc, out, term = run_redact(exe, args + [big_path], stderr='pty')
        t.ok(rc == 0, '8 MiB file, stderr a terminal: redact succeeds', [rc, term[-300:]])
        t.ok(out == want, '8 MiB file, stderr a terminal: stdout is the same bytes',
             [len(out), len(want)])
        t.ok(b'redact: [' in term and b'%' in term and b'of 8.0 MiB' in term,
             '8 MiB file, stderr a terminal: a progress bar with a percentage is drawn',
             [term[:300]])
        t.ok(b'\n' not in term, 'the bar never moves to a new line', [term[:300]])
        t.ok(term.endswith(b'\r') and replay_line(term).strip(b' ') == b'',
             'the bar is erased at the end: the terminal line is left blank',
             [replay_line(term)[:200]])
        t.ok(all(v.encode() not in term for v in used),
             'the terminal shows no input value')

        # A narrow terminal: no redraw is wider than it (a wrapped line
        # could not be redrawn in place).
        rc, out, term = run_redact(exe, args + [big_path], stderr='pty', cols=40)
        parts = [p for p in term.split(b'\r') if p.strip(b' ')]
        t.ok(rc == 0 and out == want and parts and all(len(p) < 40 for p in parts),
             'a 40-column terminal: every redraw fits in 39 columns',
             [rc, [p[:80] for p in parts[:5]]])

        # 100 KiB: under the threshold, nothing on the terminal.
        rc, out, term = run_redact(exe, ['--path', '/small.txt', small_path], stderr='pty')
        rc2, want_small, _ = run_redact(exe, ['--path', '/small.txt', small_path])
        t.ok(rc == 0 and out == want_small,
             '100 KiB file, stderr a terminal: stdout is the same bytes', [rc])
        t.ok(term == b'', '100 KiB file, stderr a terminal: nothing is drawn', [term[:300]])

        # stdin from a pipe, 8 MiB: bytes read and no percentage.
        rc, out, term = run_redact(exe, args, stdin_data=big, stderr='pty')
        t.ok(rc == 0 and out == want,
             '8 MiB on a pipe, stderr a terminal: stdout is the same bytes',
             [rc, len(out), term[-300:]])
        t.ok(b'MiB read' in term, '8 MiB on a pipe: progress shows the bytes read',
             [term[:300]])
        t.ok(b'%' not in term, '8 MiB on a pipe: no percentage (the size is not known)',
             [term[:300]])
        t.ok(replay_line(term).strip(b' ') == b'', '8 MiB on a pipe: the bar is erased',
             [replay_line(term)[:200]])

        # A small amount on a pipe never reaches the threshold.
        rc, out, term = run_redact(exe, ['--path', '/small.txt'], stdin_data=small,
                                   stderr='pty')
        t.ok(rc == 0 and out == want_small and term == b'',
             '100 KiB on a pipe, stderr a terminal: nothing is drawn', [rc, term[:200]])

        # stdin from the regular file itself: the size is known.
        rc, out, term = run_redact(exe, args, stdin_file=big_path, stderr='pty')
        t.ok(rc == 0 and out == want and b'of 8.0 MiB' in term,
             'stdin redirected from an 8 MiB file: a percentage bar, same stdout',
             [rc, term[:200]])

        # --no-progress: nothing drawn.
        rc, out, term = run_redact(exe, ['--no-progress'] + args + [big_path], stderr='pty')
        t.ok(rc == 0 and out == want and term == b'',
             '--no-progress: nothing is drawn, same stdout', [rc, term[:300]])

        # stdout on the same terminal: the bar is drawn below the output,
        # only at line starts, and never overwrites it.
        rc, out, term = run_redact(exe, args + [big_path], stderr='pty', stdout='pty')
        t.ok(rc == 0 and b'redact: [' in term and b'of 8.0 MiB' in term,
             'stdout and stderr on one terminal: the bar is drawn', [rc, term[:200]])
        draws = [i for i in range(len(term)) if term.startswith(b'\rredact: [', i)]
        t.ok(draws and all(i == 0 or term[i - 1:i] in (b'\n', b' ', b'\r') for i in draws),
             'stdout and stderr on one terminal: every redraw starts at a line start',
             [len(draws)])
        t.ok(replay_screen(term) == want.rstrip(b'\n').split(b'\n'),
             'stdout and stderr on one terminal: the screen shows exactly the output\'s '
             'lines (the bar overwrote none)', [len(term), len(want)])
        stripped = term.replace(b'\r', b'')
        t.ok(all(v.encode() not in term for v in used),
             'stdout and stderr on one terminal: no raw value on it', [len(stripped)])

        # A message after a bar: the bar is gone first, so the message's
        # line shows the message alone.
        missing = os.path.join(tmp, 'missing.txt')
        rc, out, term = run_redact(exe, args + [big_path, missing], stderr='pty')
        msg = b'redact: ' + missing.encode() + b': cannot open: No such file or directory'
        first = term.split(b'\n')[0]
        t.ok(rc == 4 and out == want and b'redact: [' in first and
             replay_line(first).rstrip(b' ') == msg,
             'a failing second input: its message stands alone on the line the bar '
             'left', [rc, replay_line(first)[:200]])
    return t.done()


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""test_content.py — `redact` on what a file is, and on a file cut short
while it is read.

Usage: REDACT=BUILD/cli/redact test_content.py

- a file cut short while `redact` reads it (a large regular file, read in
  1 MiB ranges; it is truncated in the middle of an e-mail address while
  redact waits on a full pipe): redact exits 0 and what it prints of the
  cut end masks the unfinished address, never its start raw;
- `redact --explain REL FILE` says what FILE's first bytes make it and how
  it is served: UTF-8, a checked UTF-16LE, a UTF-16 byte-order mark the
  bytes do not bear out, GBK, gzip, a NUL-free zlib stream (binary), and
  with binary = scan / allow.
Expected outputs are written by hand. Prints TAP.
"""
import os
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib.mount import MASK_ALL, program  # noqa: E402
from lib.tap import Tap  # noqa: E402


def cut_short(tap, exe, tmp):
    """redact reads a 3 MiB file in 1 MiB ranges; once it has written the
    first range and blocks on the full pipe, the file is cut inside an
    e-mail address."""
    path = os.path.join(tmp, "growing.log")
    line = b"2024-05-01 12:00:00 INFO order shipped, all good\n"
    body = line * (3 * 1024 * 1024 // len(line))
    cut_at = 2 * 1024 * 1024 + 100
    cut_at -= cut_at % len(line)
    data = body[:cut_at] + b"mail alice.zhang@example.com ok\n" + body[cut_at:]
    with open(path, "wb") as f:
        f.write(data)
    keep = cut_at + len(b"mail alice.zha")
    p = subprocess.Popen([exe, "--no-progress", path], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    time.sleep(0.5)  # the first range is written, the pipe is full
    os.truncate(path, keep)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        tap.ok(False, "redact on a file cut short while it reads: ends (timed out)")
        return
    tap.ok(p.returncode == 0, "redact on a file cut short while it reads exits 0",
           ["exit %d: %s" % (p.returncode, err.decode(errors="replace"))])
    tap.ok(len(out) == keep, "it prints the file as it is now (%d bytes)" % keep,
           ["printed %d bytes" % len(out)])
    tail = out[cut_at:]
    tap.ok(tail == b"mail *********", "the unfinished address at the cut is masked",
           [repr(tail[:60])])
    tap.ok(b"alice" not in out, "no part of the address is printed raw")


def explain(tap, exe, tmp):
    pol = os.path.join(tmp, "mask.ini")
    with open(pol, "w") as f:
        f.write(MASK_ALL)
    scan = os.path.join(tmp, "scan.ini")
    with open(scan, "w") as f:
        f.write(MASK_ALL.replace("binary = deny", "binary = scan"))
    allow = os.path.join(tmp, "allow.ini")
    with open(allow, "w") as f:
        f.write(MASK_ALL.replace("binary = deny", "binary = allow"))
    gbk = ("姓名,手机,地址\n" + "张伟,13812345678,北京市朝阳区建国路88号\n" * 5).encode("gbk")
    z = b""
    for i in range(2000):  # a zlib stream without NUL, as a git object
        z = zlib.compress(b"commit %d\0tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                          b"author Zhang Wei <zhang.wei@example.com> 1700000000 +0800\n\n"
                          b"fix %d\n" % (150 + i, i))
        if b"\0" not in z:
            break
    tap.ok(b"\0" not in z, "a NUL-free zlib stream of a commit was made (%d bytes)" % len(z))
    files = [
        ("utf8.txt", b"mail alice@example.com\n", pol, "text, UTF-8", "redacted"),
        ("u16.txt", b"\xff\xfe" + "手机13812345678\n".encode("utf-16-le"), pol,
         "text, UTF-16LE (byte-order mark checked)", "redacted"),
        ("lie.txt", b"\xff\xfemail alice@example.com\n", pol,
         "text, UTF-8 (after a UTF-16/32 byte-order mark the bytes do not bear out)", "redacted"),
        ("gbk.csv", gbk, pol, "text, GB18030 (GBK) by uchardet", "redacted"),
        ("a.gz", b"\x1f\x8b\x08\x00" + b"\x01" * 40, pol, "gzip data", "refused (binary = deny)"),
        ("obj", z, pol,
         "binary: not text in UTF-8, UTF-16/32, GB18030, Big5 or windows-1252 (compressed or "
         "other data)", "refused (binary = deny)"),
        ("obj2", z, scan, None, "redacted as if text (binary = scan)"),
        ("obj3", z, allow, None, "raw (binary = allow)"),
    ]
    for name, data, policy, kind, served in files:
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        p = subprocess.run([exe, "--explain", "-p", policy, "/" + name, path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        out = p.stdout.decode(errors="replace")
        lines = dict(l.split(":", 1) for l in out.splitlines() if ":" in l)
        content = lines.get("content", "").strip()
        if kind is not None:
            tap.ok(p.returncode == 0 and content.startswith(kind + "  (from the first %d bytes"
                                                            % len(data)),
                   "--explain %s: content is '%s'" % (name, kind), [out[-400:]])
        tap.ok(lines.get("served", "").strip() == served,
               "--explain %s: served %s" % (name, served), [out[-400:]])
    p = subprocess.run([exe, "--explain", "/a", "/b", "/c"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    tap.ok(p.returncode == 1, "--explain with two files is a usage error (exit 1)",
           ["exit %d" % p.returncode])


def main():
    exe = program("REDACT")
    tap = Tap()
    with tempfile.TemporaryDirectory(prefix="redact-content-") as tmp:
        os.chmod(tmp, 0o755)
        cut_short(tap, exe, tmp)
        explain(tap, exe, tmp)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""test_engine_error.py — when the engine fails on a file, reading it
through the mount fails with EIO and gives none of its bytes.

Requirement covered: fail closed (an engine error is EIO, never raw bytes;
no raw data in logs). The engine is made to fail with a custom detector
whose pattern backtracks exponentially on a run of 'a's and so hits
pcre2's match limit.

A reader that fails every read cannot flood the log: the daemon writes at
most 20 read-error messages per 10 s, and the first one after such a
window says how many were not written; written plus not written equals
the failed reads the status view counts.
"""
import errno
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

POLICY = """\
[global]
[detector:slow]
pattern = (?:a|aa)+(?:a|aa)+(?:a|aa)+[cd]
"""

CONTENT = b"a" * 3000
OK_CONTENT = b"short ok line, mail grace@example.com\n"


def body(t):
    with mount.Workdir() as w:
        pol = w.path("slow.ini")
        with open(pol, "w") as f:
            f.write(POLICY)
        src = w.write("f.txt", CONTENT)
        w.write("ok.txt", OK_CONTENT)
        rc, out, err = mount.redact_bytes(src, "/f.txt", policy=pol)
        t.ok(rc != 0 and CONTENT[:64] not in out,
             "the engine really fails on the file (redact exits non-zero, prints no raw run)",
             "rc %s, %d bytes out; %s" % (rc, len(out), err))
        with t.guard("engine error"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                  secrets=[CONTENT[:32]],
                                                  label="engine error") as m:
            rc, out, err = mount.read_bytes(m.p("f.txt"))
            t.ok(rc != 0, "cat of the file fails", "rc %s" % rc)
            t.ok("Input/output error" in err, "cat reports an I/O error (EIO)", err)
            t.eq(out, b"", "cat prints nothing of the file")

            def pread_at(off):
                fd = os.open(m.p("f.txt"), os.O_RDONLY)
                try:
                    return os.pread(fd, 100, off)
                finally:
                    os.close(fd)
            for off in (0, 2000):
                e = mount.errno_of(pread_at, off)
                t.ok(e == errno.EIO, "pread at %d is EIO" % off, mount.ename(e))
            # the mount keeps working for other files
            rc, want, err = mount.redact_bytes(os.path.join(w.src, "ok.txt"), "/ok.txt", policy=pol)
            rc2, out, err2 = mount.read_bytes(m.p("ok.txt"))
            t.ok(rc == 0 and b"grace@example.com" not in want, "redact masks the other file", err)
            t.eq(out, want, "another file on the same mount still reads, redacted")

            # 120 more failing reads in the same 10 s window.
            fails = sum(mount.errno_of(pread_at, (i * 7) % 2900) == errno.EIO for i in range(120))
            t.eq(fails, 120, "120 more preads are EIO")
            written = m.stderr_text().count("redaction failed")
            t.ok(0 < written <= 20, "at most 20 read-error messages in the window",
                 "%d written" % written)
            time.sleep(10.5)  # the window ends
            t.eq(mount.errno_of(pread_at, 0), errno.EIO, "a read after the window is EIO")
            log = m.stderr_text()
            said = re.findall(r"redactfs: (\d+) more read error messages? not written", log)
            p = subprocess.run([mount.binaries().redactfs, "status", w.mnt], capture_output=True, timeout=30)
            failed = re.search(rb"^reads failed: (\d+)", p.stdout, re.M)
            t.ok(len(said) == 1 and failed is not None
                 and int(said[0]) + log.count("redaction failed") == int(failed.group(1)),
                 "the next message says how many were not written; with the written ones "
                 "they are the failed reads the status view counts",
                 "said %r, written %d, status %r" % (said, log.count("redaction failed"),
                                                     p.stdout[-300:]))


tap.main(body)

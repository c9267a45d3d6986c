#!/usr/bin/env python3
"""test_engine_error.py — when the engine fails on a file, reading it
through the mount fails with EIO and gives none of its bytes.

Requirement covered: fail closed (an engine error is EIO, never raw bytes;
no raw data in logs). The engine is made to fail with a custom detector
whose pattern backtracks exponentially on a run of 'a's and so hits
pcre2's match limit.
"""
import errno
import os

import rfs

POLICY = """\
[detector:slow]
pattern = (?:a|aa)+(?:a|aa)+(?:a|aa)+[cd]
"""

CONTENT = b"a" * 3000
OK_CONTENT = b"short ok line, mail grace@example.com\n"


def body(t):
    with rfs.Workdir() as w:
        pol = w.path("slow.ini")
        with open(pol, "w") as f:
            f.write(POLICY)
        src = w.write("f.txt", CONTENT)
        w.write("ok.txt", OK_CONTENT)
        rc, out, err = rfs.redact_bytes(src, "/f.txt", policy=pol)
        t.ok(rc != 0 and CONTENT[:64] not in out,
             "the engine really fails on the file (redact exits non-zero, prints no raw run)",
             "rc %s, %d bytes out; %s" % (rc, len(out), err))
        with t.guard("engine error"), rfs.Mount(t, w.src, w.mnt, policy=pol,
                                                secrets=[CONTENT[:32]],
                                                label="engine error") as m:
            rc, out, err = rfs.read_bytes(m.p("f.txt"))
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
                e = rfs.errno_of(pread_at, off)
                t.ok(e == errno.EIO, "pread at %d is EIO" % off, rfs.ename(e))
            # the mount keeps working for other files
            rc, want, err = rfs.redact_bytes(os.path.join(w.src, "ok.txt"), "/ok.txt", policy=pol)
            rc2, out, err2 = rfs.read_bytes(m.p("ok.txt"))
            t.ok(rc == 0 and b"grace@example.com" not in want, "redact masks the other file", err)
            t.eq(out, want, "another file on the same mount still reads, redacted")


rfs.main(body)

#!/usr/bin/env python3
"""test_change.py — a SOURCE file that changes is served as it is now.

Requirement covered: (8) change: after SOURCE's file is rewritten in place
(longer, then shorter) or replaced by rename, a new open through the mount
serves the new content redacted, with the new size; a handle still open on
the replaced file reads EIO (never the old content: see test_stale.py);
files appearing in SOURCE show up, removed ones are ENOENT.
"""
import errno
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

V1 = "v1: mail alice@example.com phone 13812345678\n"
V2 = ("v2: longer now, card 6222908301661313 and id 440305195907210501\n"
      "second line with 192.0.2.77 and 客户 bob.wang@example.org\n") * 40
V3 = "v3: short 13912345678"
V4 = "v4 via rename: carol@example.com 中文 +86 139 1234 5678\n" * 3


def expect(t, m, w, rel, text, desc):
    src = os.path.join(w.src, rel)
    rc, want, err = mount.redact_bytes(src, "/" + rel)
    raw = text.encode()
    rc2, got, err2 = mount.read_bytes(m.p(rel))
    t.ok(rc == 0 and want != raw and len(want) == len(raw),
         "%s: redact output is masked and the same length" % desc, err)
    t.eq(got, want, "%s: a new open serves the new content redacted" % desc)

    def fstat_size(p):
        fd = os.open(p, os.O_RDONLY)
        try:
            return os.fstat(fd).st_size
        finally:
            os.close(fd)
    t.eq(mount.call(fstat_size, m.p(rel)), len(raw),
         "%s: fstat after open gives the new size" % desc)
    t.eq(mount.call(os.stat, m.p(rel)).st_size, len(raw), "%s: stat gives the new size" % desc)


def body(t):
    with mount.Workdir() as w:
        w.write("f.txt", V1)
        with t.guard("change"), mount.Mount(t, w.src, w.mnt, label="change") as m:
            expect(t, m, w, "f.txt", V1, "original")
            # keep the page cache warm with the old content
            mount.run(["cat", m.p("f.txt")])
            with open(os.path.join(w.src, "f.txt"), "r+b") as f:  # in place, longer
                f.write(V2.encode())
                f.truncate()
            expect(t, m, w, "f.txt", V2, "rewritten in place, longer")
            with open(os.path.join(w.src, "f.txt"), "r+b") as f:  # in place, shorter
                f.write(V3.encode())
                f.truncate()
            expect(t, m, w, "f.txt", V3, "rewritten in place, shorter")
            tmp = os.path.join(w.src, ".f.txt.tmp")
            with open(tmp, "wb") as f:
                f.write(V4.encode())
            os.rename(tmp, os.path.join(w.src, "f.txt"))
            expect(t, m, w, "f.txt", V4, "replaced by rename")

            # A file opened before a rename shares the kernel's page cache
            # with opens of the new file (one path, one inode), so it may
            # not read the old content any more: EIO, never old bytes.
            def open_then_replace():
                fd = os.open(m.p("f.txt"), os.O_RDONLY)
                try:
                    with open(tmp, "wb") as f:
                        f.write(V1.encode())
                    os.rename(tmp, os.path.join(w.src, "f.txt"))
                    try:
                        return 0, os.read(fd, 65536)
                    except OSError as e:
                        return e.errno, b""
                finally:
                    os.close(fd)
            e, data = mount.call(open_then_replace)
            t.ok(e == errno.EIO and data == b"",
                 "a file open across a rename reads EIO, not the replaced file",
                 "%s, %r" % (mount.ename(e), data[:80]))
            expect(t, m, w, "f.txt", V1, "replaced by rename while open")

            w.write("new.txt", V1)
            t.ok("new.txt" in mount.call(os.listdir, w.mnt), "a file added to SOURCE is listed")
            expect(t, m, w, "new.txt", V1, "a file added to SOURCE")
            os.unlink(os.path.join(w.src, "new.txt"))
            e = mount.errno_of(lambda: open(m.p("new.txt"), "rb").read())
            t.ok(e == errno.ENOENT, "a file removed from SOURCE is ENOENT", mount.ename(e))
            t.ok("new.txt" not in mount.call(os.listdir, w.mnt),
                 "a file removed from SOURCE is not listed")


tap.main(body)

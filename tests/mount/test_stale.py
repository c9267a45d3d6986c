#!/usr/bin/env python3
"""test_stale.py — an old file handle never puts bytes into the page cache
that a newer handle of the same file then reads.

The high-level FUSE API gives every open of one path the same kernel inode,
so all its handles share one page cache: whatever any handle's read
returns, every other handle's pread and mmap of those pages sees too.

Requirements covered:
- fail closed: a handle that serves raw bytes because its file was sniffed
  binary under `binary = allow` must not serve raw bytes once the file
  (same inode, rewritten in place) has become text: a redacted handle of
  the same file would read them from the cache.
- change: after SOURCE replaces a file by rename, the next open serves the
  new content; a handle still open on the old file must not fill the
  shared cache with old content (it gets EIO instead). A file that is
  merely deleted (no new file behind its name) keeps serving its handles.
"""
import errno
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

BINOK_POLICY = """\
[global]
[path:/binok/**]
binary = allow
"""

EMAIL = "erin.lee@example.com"
PAGE = 4096


def text_of_size(size):
    """Invented text lines with an e-mail in each, exactly size bytes."""
    line = ("line with mail %s ok\n" % EMAIL).encode()
    out = (line * (size // len(line) + 1))[:size]
    return out


def pread_errno(fd, n, off):
    """(errno or 0, bytes) of os.pread through call()."""
    try:
        return 0, mount.call(os.pread, fd, n, off)
    except OSError as e:
        return e.errno, b""


def binary_turned_text(t, w):
    """Fix 1: raw handle (binary = allow) of a file that became text."""
    pol = w.path("binok.ini")
    with open(pol, "w") as f:
        f.write(BINOK_POLICY)
    size = 16384
    src = w.write("binok/f.bin", b"\0" * size)
    text = text_of_size(size)
    with mount.Mount(t, w.src, w.mnt, policy=pol, secrets=[EMAIL], label="binary turned text") as m:
        h1 = mount.call(os.open, m.p("binok/f.bin"), os.O_RDONLY)
        h2 = None
        try:
            t.eq(mount.call(os.pread, h1, 16, 0), b"\0" * 16,
                 "binary file under binary = allow is served raw")
            with open(src, "r+b") as f:  # same inode, rewritten in place
                f.write(text)
            mount.settle(src)  # a finished rewrite, not a file being written
            rc, want, err = mount.redact_bytes(src, "/binok/f.bin", policy=pol)
            t.ok(rc == 0 and len(want) == size and EMAIL.encode() not in want,
                 "redact masks the e-mail in the rewritten file", err)
            h2 = mount.call(os.open, m.p("binok/f.bin"), os.O_RDONLY)
            e, got1 = pread_errno(h1, PAGE, 8192)
            t.ok(e == errno.EIO or (e == 0 and EMAIL.encode() not in got1
                                    and got1 == want[8192:8192 + len(got1)]),
                 "the old raw handle no longer serves raw bytes once the file is text "
                 "(EIO or redacted)", "errno %s, %r" % (mount.ename(e), got1[:80]))
            e, got2 = pread_errno(h2, PAGE, 8192)
            t.eq(got2, want[8192:8192 + PAGE],
                 "a redacted handle's pread after it gives the e-mail masked")
            p = mount.run_with_fd(h2, mount.MMAP_READ, 8192, PAGE)
            t.ok(p.returncode == 0, "mmap of the redacted handle works",
                 "rc %s %s" % (p.returncode, p.stderr.decode(errors="replace")[-500:]))
            t.eq(p.stdout, want[8192:8192 + PAGE],
                 "the redacted handle's mmap gives the e-mail masked")
        finally:
            os.close(h1)
            if h2 is not None:
                os.close(h2)


def replaced_by_rename(t, w):
    """Fix 2: an old handle of a file replaced by rename."""
    size = 16000
    old = b"OLD " * (size // 4)
    # a finished file ends its last line (an unfinished end could still
    # become a value, and is masked: t_unfinished.c)
    new = b"NEW " * (size // 4 - 1) + b"NEW\n"
    src = w.write("r.txt", old)
    with mount.Mount(t, w.src, w.mnt, label="replaced by rename") as m:
        h1 = mount.call(os.open, m.p("r.txt"), os.O_RDONLY)
        h2 = None
        try:
            p = mount.run_with_fd(h1, mount.MMAP_READ, 0, 16)
            t.eq(p.stdout, old[:16], "mmap of the file before the rename gives its content")
            tmp = w.write(".r.txt.tmp", new)
            os.rename(tmp, src)
            rc, want, err = mount.redact_bytes(src, "/r.txt")
            t.eq(want, new, "redact serves the new (harmless) content unchanged")
            h2 = mount.call(os.open, m.p("r.txt"), os.O_RDONLY)
            # the old handle's mapping, touched after the new open
            p = mount.run_with_fd(h1, mount.MMAP_READ, 8192, 16)
            t.ok(b"OLD" not in p.stdout,
                 "touching the old handle's mapping after the rename gives no old content",
                 "rc %s out %r" % (p.returncode, p.stdout[:40]))
            t.diag("old handle's mmap after the rename: rc %s (%d bytes)"
                   % (p.returncode, len(p.stdout)))
            # mmap first: a read(2) makes the kernel compare mtimes through
            # getattr and drop the cache on a change (auto_inval_data), a
            # page fault does not; so this is where stale pages show.
            p = mount.run_with_fd(h2, mount.MMAP_READ, 8192, PAGE)
            t.eq(p.stdout, new[8192:8192 + PAGE], "the new handle's mmap gives the new content")
            e, got1 = pread_errno(h1, 16, 8192)
            t.ok(e == errno.EIO, "pread of the old handle after the rename is EIO",
                 "errno %s, %r" % (mount.ename(e), got1[:40]))
            p = mount.run_with_fd(h2, mount.MMAP_READ, 8192, PAGE)
            t.eq(p.stdout, new[8192:8192 + PAGE],
                 "the new handle's mmap still gives the new content after the old handle's pread")
            e, got2 = pread_errno(h2, PAGE, 8192)
            t.eq(got2, new[8192:8192 + PAGE], "the new handle's pread gives the new content")
            rc, out, err = mount.read_bytes(m.p("r.txt"))
            t.eq(out, new, "a fresh cat gives the new content")
        finally:
            os.close(h1)
            if h2 is not None:
                os.close(h2)


def deleted_keeps_serving(t, w):
    """A deleted file (no new file behind the name) keeps serving its handle."""
    content = b"kept after delete, mail frank@example.org\n" * 300
    src = w.write("d.txt", content)
    rc, want, err = mount.redact_bytes(src, "/d.txt")
    t.ok(rc == 0 and len(want) == len(content) and b"frank@example.org" not in want,
         "redact masks the deleted file's e-mail", err)
    with mount.Mount(t, w.src, w.mnt, label="deleted") as m:
        h = mount.call(os.open, m.p("d.txt"), os.O_RDONLY)
        try:
            os.unlink(src)
            e, got = pread_errno(h, len(content), 0)
            t.eq(got, want, "a handle of a deleted file keeps serving it, redacted")
        finally:
            os.close(h)


def body(t):
    with mount.Workdir() as w:
        with t.guard("binary turned text"):
            binary_turned_text(t, w)
    with mount.Workdir() as w:
        with t.guard("replaced by rename"):
            replaced_by_rename(t, w)
    with mount.Workdir() as w:
        with t.guard("deleted"):
            deleted_keeps_serving(t, w)


tap.main(body)

#!/usr/bin/env python3
"""test_symlink.py — the daemon never opens anything through a symlink.

Requirement covered: (6) symlinks. Layout: BASE/a/src is SOURCE, BASE/mnt
the mountpoint, BASE/a/outside a directory outside SOURCE holding a file
with a marker. Symlinks in SOURCE point to ../outside (relative). Seen
from the consumer, the kernel resolves such a link itself, relative to the
mount: MNT/../outside = BASE/outside, which does not exist. So if the
marker ever shows up through the mount, the DAEMON followed the link in
SOURCE and served a file outside it.
"""
import errno
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

MARKER = "OUTSIDE-MARKER-7f3a"


def setup(w):
    src = w.path("a", "src")
    outside = w.path("a", "outside")
    os.makedirs(src)
    os.makedirs(outside)
    with open(os.path.join(outside, "secret.txt"), "w") as f:
        f.write("%s mail alice@example.com\n" % MARKER)
    with open(os.path.join(outside, "file.txt"), "w") as f:
        f.write("%s in a directory outside SOURCE\n" % MARKER)
    os.makedirs(os.path.join(src, "dir"))
    with open(os.path.join(src, "dir", "file.txt"), "w") as f:
        f.write("inside SOURCE\n")
    with open(os.path.join(src, "plain.txt"), "w") as f:
        f.write("plain inside SOURCE\n")
    os.symlink("../outside/secret.txt", os.path.join(src, "link.txt"))
    os.symlink("../outside", os.path.join(src, "linkdir"))
    os.symlink("/nonexistent/target", os.path.join(src, "dangling"))
    return src, outside


def no_marker(t, path, desc):
    """Reads path through cat; passes when it fails or holds no marker."""
    rc, out, err = mount.read_bytes(path, timeout=30)
    t.ok(MARKER.encode() not in out, desc,
         "rc=%s: the daemon served a file outside SOURCE" % rc)
    return rc, out


def body(t):
    with mount.Workdir() as w:
        src, outside = setup(w)
        with t.guard("symlinks"), mount.Mount(t, src, w.mnt, label="symlinks") as m:
            for name, target in (("link.txt", "../outside/secret.txt"),
                                 ("linkdir", "../outside"), ("dangling", "/nonexistent/target")):
                got = mount.call(os.readlink, m.p(name))
                t.eq(got, target, "readlink /%s returns the target unchanged" % name)
                st = mount.call(os.lstat, m.p(name))
                t.ok(os.path.stat.S_ISLNK(st.st_mode), "lstat /%s says symlink" % name)
            rc, out = no_marker(t, m.p("link.txt"), "reading /link.txt never gives the outside file")
            t.ok(rc != 0, "reading /link.txt fails (the kernel resolves it beside the mount)")
            no_marker(t, m.p("linkdir/file.txt"),
                      "reading /linkdir/file.txt never gives the outside file")
            names = mount.call(os.listdir, w.mnt)
            t.eq(sorted(names), ["dangling", "dir", "link.txt", "linkdir", "plain.txt"],
                 "listing shows the links as entries")

            # Race: the kernel has looked up /dir and /plain.txt as a
            # directory and a file; SOURCE then swaps them for symlinks
            # to the outside. A daemon that resolves paths by following
            # links would now serve the outside files.
            rc, out, _ = mount.read_bytes(m.p("dir/file.txt"))
            t.eq(out, b"inside SOURCE\n", "before the swap /dir/file.txt reads the inside file")
            mount.call(os.stat, m.p("plain.txt"))
            os.rename(os.path.join(src, "dir"), os.path.join(src, "dir.old"))
            os.symlink("../outside", os.path.join(src, "dir"))
            os.rename(os.path.join(src, "plain.txt"), os.path.join(src, "plain.old"))
            os.symlink("../outside/secret.txt", os.path.join(src, "plain.txt"))
            rc, out = no_marker(t, m.p("dir/file.txt"),
                                "after /dir became a symlink, /dir/file.txt never gives the "
                                "outside file")
            t.ok(rc != 0 or out == b"inside SOURCE\n",
                 "after the swap /dir/file.txt fails or still reads the old inside file",
                 "rc=%s out=%r" % (rc, out[:80]))
            # The daemon resolves /dir/file.txt in SOURCE again at open,
            # never through a symlink: the open must fail, whatever the
            # kernel still caches about /dir.
            e = mount.errno_of(lambda: open(m.p("dir/file.txt"), "rb").read())
            t.ok(e in (errno.ELOOP, errno.ENOENT, errno.EACCES, errno.ENOTDIR),
                 "open of /dir/file.txt after the swap fails (ELOOP, ENOENT, EACCES or "
                 "ENOTDIR)", "got %s" % mount.ename(e))
            rc, out = no_marker(t, m.p("plain.txt"),
                                "after /plain.txt became a symlink it never gives the outside file")
            t.ok(rc != 0 or out == b"plain inside SOURCE\n",
                 "after the swap /plain.txt fails or still reads the old inside file",
                 "rc=%s out=%r" % (rc, out[:80]))
            # find / ls -lR through the mount do not descend into links
            p = mount.run(["find", m.mnt])
            t.ok(p.returncode == 0 and b"file.txt" not in p.stdout.replace(b"dir.old/file.txt", b""),
                 "find lists no file behind a symlink",
                 "rc=%s\n%s" % (p.returncode, p.stdout.decode(errors="replace")))
        t.ok(os.path.exists(os.path.join(outside, "secret.txt")),
             "the outside directory is untouched")


tap.main(body)

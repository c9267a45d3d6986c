#!/usr/bin/env python3
"""test_readonly.py — no raw bytes leave a redact-mode mount by any door,
and nothing done through the mount changes SOURCE.

Requirements covered: (4) no raw bytes (grep -r, xattrs set on SOURCE
files, copy_file_range, sendfile), (5) read-only: every modifying
operation fails with EROFS and SOURCE stays byte-identical.
"""
import errno
import os
import random
import stat
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import make_values  # noqa: E402


def make_tree(w):
    rng = random.Random(99)
    values = []
    for i in range(6):
        vs = [v for _, v in make_values(rng)]
        values += vs
        text = "record %d: %s\n客户资料 %s\n" % (i, " | ".join(vs), vs[0])
        w.write("d%d/r%d.txt" % (i % 3, i), text * 3)
    w.write("top.txt", "owner %s phone %s\n" % (values[0], values[1]))
    os.setxattr(os.path.join(w.src, "top.txt"), "user.secret", values[3].encode())
    os.setxattr(os.path.join(w.src, "d0"), "user.note", values[0].encode())
    return values


def check_no_raw(t, w, values):
    pats = w.path("patterns.txt")
    with open(pats, "w") as f:
        f.write("\n".join(values) + "\n")
    p = mount.run(["grep", "-r", "-c", "-F", "-f", pats, w.src])
    t.ok(p.returncode == 0, "control: grep -r finds the raw values in SOURCE",
         p.stderr.decode()[-300:])
    with mount.Mount(t, w.src, w.mnt, secrets=values, label="no raw bytes") as m:
        p = mount.run(["grep", "-r", "-l", "-F", "-f", pats, m.mnt])
        t.ok(p.returncode == 1 and p.stdout == b"",
             "grep -r for the raw values through the mount finds nothing",
             "rc=%s files: %s %s" % (p.returncode, p.stdout.decode(errors="replace"),
                                     p.stderr.decode(errors="replace")[-300:]))
        p = mount.run(["grep", "-r", "-l", "客户资料", m.mnt])
        t.ok(p.returncode == 0 and p.stdout.count(b"\n") == 6,
             "grep -r reads every file through the mount (text outside values is there)",
             "rc=%s out=%s" % (p.returncode, p.stdout.decode(errors="replace")))

        # xattrs set on SOURCE are not visible through the mount
        for rel in ("top.txt", "d0"):
            names = mount.call(os.listxattr, m.p(rel))
            t.eq(names, [], "listxattr of /%s through the mount is empty" % rel)
        e = mount.errno_of(os.getxattr, m.p("top.txt"), "user.secret")
        t.ok(e in (errno.ENODATA, errno.ENOTSUP),
             "getxattr user.secret of /top.txt fails (ENODATA or ENOTSUP)", mount.ename(e))
        p = mount.run(["cat", m.p("top.txt")])
        t.ok(values[3].encode() not in p.stdout, "the xattr's value is not in the content")

        rc, want, err = mount.redact_bytes(os.path.join(w.src, "d1/r1.txt"), "/d1/r1.txt")
        t.ok(rc == 0 and want, "redact of d1/r1.txt works", err)

        def copy_by(step):
            """Copies src to dst with step(fi, fo, done, left) -> count
            (0: the end); returns what dst holds."""
            def copy(src, dst):
                fi = os.open(src, os.O_RDONLY)
                fo = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                try:
                    n = os.fstat(fi).st_size
                    done = 0
                    while done < n:
                        k = step(fi, fo, done, n - done)
                        if k == 0:
                            break
                        done += k
                finally:
                    os.close(fi)
                    os.close(fo)
                return open(dst, "rb").read()
            return copy
        cfr = copy_by(lambda fi, fo, done, left: os.copy_file_range(fi, fo, left))
        sf = copy_by(lambda fi, fo, done, left: os.sendfile(fo, fi, done, left))

        try:
            got = mount.call(cfr, m.p("d1/r1.txt"), w.path("cfr.out"))
            t.eq(got, want, "copy_file_range from a mount file gives the redacted bytes")
        except OSError as ex:
            t.ok(ex.errno in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL),
                 "copy_file_range from a mount file is refused (no raw bytes)",
                 mount.ename(ex.errno))
            out = open(w.path("cfr.out"), "rb").read()
            t.ok(out == b"" or out == want[:len(out)],
                 "a refused copy_file_range wrote nothing raw")

        got = mount.call(sf, m.p("d1/r1.txt"), w.path("sendfile.out"))
        t.eq(got, want, "sendfile from a mount file gives the redacted bytes")


def check_readonly(t, w):
    before = mount.tree_digest(w.src)
    with mount.Mount(t, w.src, w.mnt, label="read-only") as m:
        f = m.p("top.txt")
        d = m.p("d0")
        ops = [
            ("open O_WRONLY", lambda: os.close(os.open(f, os.O_WRONLY))),
            ("open O_RDWR", lambda: os.close(os.open(f, os.O_RDWR))),
            ("open O_APPEND", lambda: os.close(os.open(f, os.O_WRONLY | os.O_APPEND))),
            ("open O_TRUNC", lambda: os.close(os.open(f, os.O_RDONLY | os.O_TRUNC))),
            ("create a new file", lambda: os.close(os.open(m.p("new.txt"),
                                                             os.O_WRONLY | os.O_CREAT, 0o644))),
            ("unlink", lambda: os.unlink(f)),
            ("mkdir", lambda: os.mkdir(m.p("newdir"))),
            ("rmdir", lambda: os.rmdir(m.p("d2"))),
            ("rename", lambda: os.rename(f, m.p("renamed.txt"))),
            ("rename a directory", lambda: os.rename(d, m.p("d9"))),
            ("chmod", lambda: os.chmod(f, 0o600)),
            ("chown", lambda: os.chown(f, 1, 1)),
            ("truncate", lambda: os.truncate(f, 0)),
            ("utime (touch)", lambda: os.utime(f, (1, 1))),
            ("symlink", lambda: os.symlink("top.txt", m.p("ln"))),
            ("link", lambda: os.link(f, m.p("hard"))),
            ("mknod fifo", lambda: os.mkfifo(m.p("fifo"))),
            ("setxattr", lambda: os.setxattr(f, "user.x", b"1")),
            ("removexattr", lambda: os.removexattr(f, "user.x")),
        ]
        for name, op in ops:
            e = mount.errno_of(op)
            t.ok(e == errno.EROFS, "%s through the mount fails with EROFS" % name,
                 "got %s" % mount.ename(e))
        for argv in (["touch", f], ["touch", m.p("brand-new")], ["sh", "-c", "echo x > " + f],
                     ["sh", "-c", "echo x >> " + f], ["rm", "-f", f], ["mkdir", m.p("x")],
                     ["mv", f, m.p("y")], ["chmod", "000", f], ["truncate", "-s", "0", f]):
            p = mount.run(argv)
            t.ok(p.returncode != 0 and b"Read-only file system" in p.stderr,
                 "`%s` fails with 'Read-only file system'" % " ".join(
                     a.replace(m.mnt, "MNT") for a in argv),
                 "rc=%s %s" % (p.returncode, p.stderr.decode(errors="replace")))
        st = mount.call(os.statvfs, m.mnt)
        t.ok(st.f_flag & os.ST_RDONLY, "statvfs of the mount reports ST_RDONLY")
        mode = mount.call(os.stat, f).st_mode
        t.ok(stat.S_ISREG(mode), "a file is still a regular file through the mount")
    t.eq(mount.tree_digest(w.src), before,
         "SOURCE is byte-identical (names, modes, sizes, mtimes, xattrs, content) afterwards")


def check_fifo(t, w):
    """A FIFO in SOURCE is no channel between consumers: shown as an empty
    regular file without permissions, its opens refused (reads EACCES)."""
    fifo = os.path.join(w.src, "chan.fifo")
    os.mkfifo(fifo, 0o666)
    try:
        with mount.Mount(t, w.src, w.mnt, label="fifo") as m:
            st = mount.call(os.lstat, m.p("chan.fifo"))
            t.ok(stat.S_ISREG(st.st_mode) and st.st_size == 0 and stat.S_IMODE(st.st_mode) == 0,
                 "a FIFO is shown as an empty regular file without permissions",
                 oct(st.st_mode))
            kinds = {e.name: e.is_file() for e in mount.call(lambda: list(os.scandir(m.mnt)))}
            t.ok(kinds.get("chan.fifo") is True, "the listing gives it as a regular file too",
                 repr(kinds))
            e = mount.errno_of(lambda: os.close(os.open(m.p("chan.fifo"),
                                                        os.O_RDONLY | os.O_NONBLOCK)))
            t.eq(mount.ename(e), "EACCES", "opening it for reading is refused")
            e = mount.errno_of(lambda: os.close(os.open(m.p("chan.fifo"),
                                                        os.O_WRONLY | os.O_NONBLOCK)))
            t.ok(e in (errno.EROFS, errno.EACCES),
                 "opening it for writing is refused (EROFS or EACCES)", mount.ename(e))
    finally:
        os.unlink(fifo)


def body(t):
    with mount.Workdir() as w:
        values = make_tree(w)
        with t.guard("fifo"):
            check_fifo(t, w)
        with t.guard("no raw bytes"):
            check_no_raw(t, w, values)
        with t.guard("read-only"):
            check_readonly(t, w)


tap.main(body)

#!/usr/bin/env python3
"""test_listing.py — directory listings served in chunks with attributes
(readdirplus), and what `ls -l` asks the daemon.

Requirements covered (issue 5, target 6: cheap metadata, without changing
what a listing shows):
- a directory of 700 long names (many readdir chunks) lists exactly its
  visible names: hidden ones never appear, denied ones do;
- the attributes a listing hands the kernel are what stat gives: mode,
  inode number and size as in SOURCE, and for a file whose `replace`
  action changes its length, the length of what cat reads;
- a rewound listing (rewinddir on the same open directory) shows a file
  added to SOURCE meanwhile;
- `ls -l` of the directory needs (almost) no LOOKUP per name and asks for
  extended attributes at most a few times (the mount answers ENOTSUP for
  names outside user.redactfs., which ls remembers), while the root's
  control attributes still answer and other paths give ENODATA for them.
- link counts count only what is shown (issue 15): every entry has 1, so
  the root's count does not tell that a hidden directory exists, nor a
  file's that it has a name in one; `find` still finds every directory.
"""
import errno
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

POLICY = """\
[global]
default = redact
[path:/big/*-hidden.txt]
mode = hide
[path:/big/*-denied.txt]
mode = deny
[path:/big/*-rep.txt]
action = replace
[path:/secret-dir]
mode = hide
"""


def body(t):
    rng = random.Random(700)
    with mount.Workdir() as w:
        pol = w.path("policy.ini")
        with open(pol, "w") as f:
            f.write(POLICY)
        kinds = ["plain", "hidden", "denied", "plain"]
        names = {}
        secrets = []
        pad = "x" * 90
        for i in range(700):
            kind = "rep" if i % 35 == 3 else kinds[i % 4] if i % 7 else "plain"
            name = "file-%s-%03d-%s.txt" % (pad, i, kind)
            data, used = big_text(rng, rng.randrange(200, 3000))
            secrets += used
            w.write("big/" + name, data)
            names[name] = kind
        os.mkdir(os.path.join(w.src, "big", "sub"))
        os.symlink("sub", os.path.join(w.src, "big", "link"))
        visible = sorted([n for n, k in names.items() if k != "hidden"] + ["sub", "link"])
        # a hidden directory beside two shown ones, a file with two names
        for d in ("secret-dir/inner", "open-dir"):
            os.makedirs(os.path.join(w.src, d))
        w.write("secret-dir/linked.txt", "x\n")
        os.link(os.path.join(w.src, "secret-dir/linked.txt"), os.path.join(w.src, "open-dir/linked.txt"))
        with t.guard("listing"), mount.DebugMount(t, w.src, w.mnt, policy=pol,
                                                  secrets=secrets, label="listing") as m:
            got = sorted(mount.call(os.listdir, m.p("big")))
            t.eq(got, visible, "700 long names: exactly the visible ones are listed")
            t.ok(not [n for n in got if n.endswith("-hidden.txt")], "no hidden name is listed")

            # link counts count only what is shown (issue 15): SOURCE's
            # root has 2 + 3 subdirectories, one of them hidden
            t.eq(os.stat(w.src).st_nlink, 5, "SOURCE's root counts its hidden directory")
            links = {rel: mount.call(os.stat, m.p(rel)).st_nlink
                     for rel in ("", "big", "open-dir", "open-dir/linked.txt")}
            t.eq(links, {"": 1, "big": 1, "open-dir": 1, "open-dir/linked.txt": 1},
                 "every link count is 1: none tells of a hidden directory or name")
            p = mount.run(["find", w.mnt, "-type", "d"])
            t.eq(sorted(os.path.relpath(x, w.mnt) for x in p.stdout.decode().split()),
                 [".", "big", "big/sub", "open-dir"],
                 "find (which trusts link counts of 2 or more) still finds every shown directory")

            # the attributes the listing gave are stat's
            def scan():
                return {e.name: e.stat(follow_symlinks=False)
                        for e in os.scandir(m.p("big"))}
            stats = mount.call(scan)
            bad = []
            for name in visible:
                src = os.path.join(w.src, "big", name)
                sst = os.lstat(src)
                st = stats.get(name)
                want_size = sst.st_size
                if names.get(name) == "rep":
                    rc, out, err = mount.redact_bytes(src, "/big/" + name, pol)
                    want_size = len(out)
                if st is None or (st.st_mode, st.st_ino, st.st_size) != \
                        (sst.st_mode, sst.st_ino, want_size):
                    bad.append((name, st and (st.st_mode, st.st_ino, st.st_size),
                                (sst.st_mode, sst.st_ino, want_size)))
            t.ok(not bad, "every listed entry has stat's mode, inode number and size",
                 repr(bad[:3]))
            reps = [n for n, k in names.items() if k == "rep"]
            rc, out, err = mount.read_bytes(m.p("big/" + reps[0]))
            t.ok(rc == 0 and stats[reps[0]].st_size == len(out) and
                 len(out) != os.path.getsize(os.path.join(w.src, "big", reps[0])),
                 "a replace file's listed size is the length cat reads (not SOURCE's)")
            p = mount.run(["ls", "-l", "--", m.p("big")])
            sizes = {}
            for line in p.stdout.decode(errors="replace").splitlines():
                f = line.split()
                if len(f) >= 11 and f[-2] == "->":
                    sizes[f[-3]] = int(f[4])
                elif len(f) >= 9 and f[-1] in stats:
                    sizes[f[-1]] = int(f[4])
            t.ok(p.returncode == 0 and sorted(sizes) == visible and
                 all(sizes[n] == stats[n].st_size for n in visible),
                 "ls -l shows every visible name with its size",
                 "%s; missing %r; wrong %r" % (p.stderr.decode(errors="replace")[-300:],
                                               sorted(set(visible) - set(sizes))[:3],
                                               [n for n in sizes if sizes[n] != stats[n].st_size][:3]))

            # rewinddir on the same open directory shows a new file
            fd = mount.call(os.open, m.p("big"), os.O_RDONLY | os.O_DIRECTORY)
            try:
                first = sorted(mount.call(os.listdir, fd))
                w.write("big/added-later.txt", "new\n")
                second = sorted(mount.call(os.listdir, fd))
                t.eq(first, visible, "a listing through an open directory")
                t.eq(second, sorted(visible + ["added-later.txt"]),
                     "the same directory rewound lists a file added meanwhile")
            finally:
                os.close(fd)

            # what ls -l asks the daemon, on a fresh look at the directory
            mount.run(["sleep", "1.2"])  # let the 1 s entry timeout pass
            lookups, xattrs = m.requests("LOOKUP"), m.requests("GETXATTR")
            p = mount.run(["ls", "-l", "--", m.p("big")])
            lookups, xattrs = m.requests("LOOKUP") - lookups, m.requests("GETXATTR") - xattrs
            nrep = len(reps)
            t.ok(p.returncode == 0 and lookups <= nrep + 10,
                 "ls -l of %d names needs no LOOKUP per name (readdirplus)" % len(visible),
                 "%d LOOKUP requests (%d replace files need one)" % (lookups, nrep))
            t.ok(xattrs <= 4, "ls -l asks for extended attributes at most a few times",
                 "%d GETXATTR requests" % xattrs)

            plain = [n for n, k in names.items() if k == "plain"][0]
            for name in ("security.selinux", "system.posix_acl_access", "user.secret"):
                e = mount.errno_of(os.getxattr, m.p("big/" + plain), name)
                t.ok(e == errno.ENOTSUP, "getxattr %s of a file is ENOTSUP" % name, mount.ename(e))
            e = mount.errno_of(os.getxattr, m.p("big/" + plain), "user.redactfs.pid")
            t.ok(e == errno.ENODATA, "user.redactfs.pid of a file is ENODATA", mount.ename(e))
            pid = mount.call(os.getxattr, w.mnt, "user.redactfs.pid")
            t.eq(pid, str(m.proc.pid).encode(), "the root still answers user.redactfs.pid")
            st = mount.call(os.stat, m.p("big/" + plain))
            t.ok(st.st_blksize >= 1 << 20, "a regular file's st_blksize asks for 1 MiB reads",
                 st.st_blksize)
            rc, out, err = mount.read_bytes(m.p("big/" + plain))
            t.ok(rc == 0 and re.search(rb"\S", out) is not None, "a listed file reads", err)


tap.main(body)

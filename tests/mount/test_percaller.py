#!/usr/bin/env python3
"""test_percaller.py — per-caller views on an allow_other mount.

Requirement covered (issue 4, per-caller views): callers in unmask_uids or
unmask_groups read a file raw, everyone else reads it redacted, and the
kernel's page cache (shared by all callers of an inode) never hands raw
bytes to an unauthorised caller: the authorised caller reads first and the
unauthorised second, and the reverse, with cat, pread, mmap(MAP_PRIVATE) and
sendfile; and a mapping made by the unauthorised caller before the
authorised one faults pages in still shows masks. Pages of a per-caller
file only ever hold the masked view, so an authorised caller's mmap and
sendfile fail (EIO, SIGBUS) rather than give it other bytes than read(2);
MAP_SHARED of a per-caller file fails (direct_io), while a file whose view
does not depend on the caller keeps the page cache (MAP_SHARED works).
Callers are plain uid/gid numbers (setpriv), no users are created.
"""
import errno
import os
import random
import select
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

AUTH, OTHER, GROUPIE, OUTSIDER = 4242, 4243, 4244, 4245
GROUP, OTHER_GROUP = 5151, 5152

# A reader run as another uid: MODE PATH; writes what it read to stdout.
READER = r"""
import mmap, os, sys
mode, path = sys.argv[1], sys.argv[2]
fd = os.open(path, os.O_RDONLY)
size = os.fstat(fd).st_size
out = sys.stdout.buffer
if mode == "pread":          # odd-sized chunks from increasing offsets
    off = 0
    while off < size:
        chunk = os.pread(fd, 777, off)
        if not chunk:
            break
        out.write(chunk)
        off += len(chunk)
elif mode == "mmap":
    m = mmap.mmap(fd, 0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ)
    out.write(m[:])
elif mode == "mmapwait":     # map, say so, wait for a line, then read the mapping
    m = mmap.mmap(fd, 0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ)
    sys.stderr.write("MAPPED\n")
    sys.stderr.flush()
    sys.stdin.readline()
    out.write(m[:])
elif mode == "sendfile":     # the kernel's page-cache path, as shutil.copyfile uses
    out.flush()
    off = 0
    try:
        while off < size:
            n = os.sendfile(1, fd, off, size - off)
            if n == 0:
                break
            off += n
    except OSError as e:
        out.write(b"ERR:%d" % e.errno)
elif mode == "shared":
    try:
        m = mmap.mmap(fd, 0, flags=mmap.MAP_SHARED, prot=mmap.PROT_READ)
        out.write(b"OK:" + m[:16])
    except OSError as e:
        out.write(b"ERR:%d" % e.errno)
"""

POLICY = """\
[global]
default = redact
[path:/hr/**]
unmask_uids = %d
unmask_groups = %d
""" % (AUTH, GROUP)


def read_as(uid, mode, path, groups=()):
    """What uid reads from path with mode ('cat', 'pread', 'mmap', 'shared')."""
    if mode == "cat":
        cmd = mount.as_user(uid, groups=groups) + ["cat", "--", path]
    else:
        cmd = mount.as_user(uid, groups=groups) + [mount.SYS_PYTHON, "-c", READER, mode, path]
    p = mount.run(cmd, timeout=30)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def check_reads(t, uid, path, want, label, groups=()):
    for mode in ("cat", "pread", "mmap", "sendfile"):
        rc, got, err = read_as(uid, mode, path, groups)
        if mode == "mmap" and want[mode] is None:
            # the page-cache fill fails: SIGBUS where the mapping is read
            t.ok(rc != 0 and got == b"", "%s: mmap fails (no bytes)" % label,
                 "rc %d, %d bytes; %s" % (rc, len(got), err[-300:]))
            continue
        t.ok(rc == 0, "%s: %s exits 0" % (label, mode), err)
        t.eq(got, want[mode], "%s: %s" % (label, mode))


def no_secret(t, got, secrets, label):
    leaked = [s for s in secrets if s.encode() in got]
    t.ok(not leaked, "%s: none of the raw values" % label,
         "%d raw value(s) seen" % len(leaked))


def body(t):
    rng = random.Random(4242)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        pol = w.path("policy.ini")
        with open(pol, "w") as f:
            f.write(POLICY)
        files = {}
        for rel in ("hr/first.txt", "hr/second.txt", "hr/race.txt", "hr/group.txt",
                    "pub/plain.txt"):
            data, used = big_text(rng, 20000)
            w.write(rel, data)
            files[rel] = (data, used)
        secrets = [v for _, used in files.values() for v in used]
        with t.guard("per-caller"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                opts=["allow_other"], secrets=secrets,
                                                label="per-caller") as m:
            red = {}
            for rel, (data, _) in files.items():
                rc, out, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, pol)
                t.ok(rc == 0 and out != data and len(out) == len(data),
                     "%s: redact masks it, same length" % rel, err)
                red[rel] = out
            # An unmasked caller reads raw with read(2); through the page
            # cache (mmap, sendfile), whose pages are every caller's, it
            # gets an error, never other bytes (issue 15).
            raw_view = lambda rel: {"cat": files[rel][0], "pread": files[rel][0],  # noqa: E731
                                    "mmap": None, "sendfile": b"ERR:%d" % errno.EIO}
            masked_view = lambda rel: {"cat": red[rel], "pread": red[rel],  # noqa: E731
                                       "mmap": red[rel], "sendfile": red[rel]}

            # Authorised first, then the other caller.
            p = m.p("hr/first.txt")
            check_reads(t, AUTH, p, raw_view("hr/first.txt"),
                        "first: authorised (read/pread raw, mmap/sendfile fail)")
            check_reads(t, OTHER, p, masked_view("hr/first.txt"), "first: unauthorised after")
            check_reads(t, 0, p, masked_view("hr/first.txt"), "first: root (not listed) after")
            check_reads(t, AUTH, p, raw_view("hr/first.txt"), "first: authorised again")

            # The other caller first, then the authorised one.
            p = m.p("hr/second.txt")
            check_reads(t, OTHER, p, masked_view("hr/second.txt"), "second: unauthorised first")
            check_reads(t, AUTH, p, raw_view("hr/second.txt"), "second: authorised after")
            check_reads(t, OTHER, p, masked_view("hr/second.txt"), "second: unauthorised again")

            # Groups: a supplementary group in unmask_groups reads raw.
            p = m.p("hr/group.txt")
            check_reads(t, GROUPIE, p, raw_view("hr/group.txt"), "group: member of %d" % GROUP,
                        groups=(GROUP,))
            check_reads(t, OUTSIDER, p, masked_view("hr/group.txt"),
                        "group: member of %d only" % OTHER_GROUP, groups=(OTHER_GROUP,))

            # A mapping made before the authorised caller faults the pages in.
            p = m.p("hr/race.txt")
            cmd = mount.as_user(OTHER) + [mount.SYS_PYTHON, "-c", READER, "mmapwait", p]
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            try:
                ready, _, _ = select.select([proc.stderr], [], [], 30)
                line = proc.stderr.readline() if ready else b""
                t.ok(line == b"MAPPED\n", "race: unauthorised caller mapped the file", line)
                check_reads(t, AUTH, p, raw_view("hr/race.txt"), "race: authorised meanwhile")
                out, err = proc.communicate(b"go\n", timeout=30)
                t.eq(out, red["hr/race.txt"],
                     "race: the earlier mapping of the unauthorised caller shows masks")
                no_secret(t, out, files["hr/race.txt"][1], "race: unauthorised mapping")
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()

            # MAP_SHARED: refused for a per-caller file, fine elsewhere.
            rc, out, err = read_as(AUTH, "shared", m.p("hr/first.txt"))
            t.eq(out, b"ERR:%d" % errno.ENODEV,
                 "MAP_SHARED of a per-caller file fails with ENODEV (direct_io)")
            rc, out, err = read_as(OTHER, "shared", m.p("pub/plain.txt"))
            t.eq(out, b"OK:" + red["pub/plain.txt"][:16],
                 "MAP_SHARED of a file without unmask works (page cache kept)")
            for uid in (AUTH, OTHER):
                rc, out, err = read_as(uid, "cat", m.p("pub/plain.txt"))
                t.eq(out, red["pub/plain.txt"],
                     "a path without unmask lists is redacted for uid %d too" % uid)


tap.main(body)

#!/usr/bin/env python3
"""test_policy.py — policy modes as a consumer of the mount sees them.

allow serves raw; deny is EACCES on open but still listed; hide is ENOENT
and absent from ls and find (also everything under a hidden directory);
glob rules ('*' one segment, '**' any, later sections win); a detector list
limits what is masked; binary files under binary = deny / allow / scan;
a bad policy makes redactfs exit non-zero with FILE:LINE and mount nothing.
"""
import errno
import gzip
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

SECRET = "alice@example.com 13812345678 440305195907210501"
SECRET_MASKED = "***************** *********** ******************"

POLICY = """\
[global]
default = redact
binary = deny

[path:/open/**]
mode = allow

[path:/closed/*]
mode = deny

[path:/locked/**]
mode = deny

[path:/gone/**]
mode = hide

[path:/vanish]
mode = hide

[path:/mixed/*.secret]
mode = hide

[path:/logs/*.log]
mode = deny

[path:/emails/**]
detectors = email

[path:/order/**]
mode = deny

[path:/order/ok/**]
mode = allow
"""

TREE = {
    "open/a.txt": SECRET + "\n",
    "closed/b.txt": SECRET + "\n",
    "locked/l.txt": SECRET + "\n",
    "gone/c.txt": SECRET + "\n",
    "gone/sub/d.txt": SECRET + "\n",
    "vanish/inner.txt": SECRET + "\n",
    "mixed/x.secret": SECRET + "\n",
    "mixed/y.txt": SECRET + "\n",
    "logs/app.log": SECRET + "\n",
    "logs/old/app.log": SECRET + "\n",
    "emails/e.txt": SECRET + "\n",
    "order/z.txt": SECRET + "\n",
    "order/ok/z.txt": SECRET + "\n",
    "plain.txt": SECRET + "\n",
}


def write_policy(w, name, text):
    p = w.path(name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def check_modes(t, w):
    for rel, text in TREE.items():
        w.write(rel, text)
    pol = write_policy(w, "modes.ini", POLICY)
    raw = (SECRET + "\n").encode()
    masked = (SECRET_MASKED + "\n").encode()
    with mount.Mount(t, w.src, w.mnt, policy=pol, label="modes") as m:
        def read(rel):
            return mount.read_bytes(m.p(rel))[1]

        # allow
        t.eq(read("open/a.txt"), raw, "mode allow serves the raw bytes")
        t.eq(read("order/ok/z.txt"), raw, "a later section overrides an earlier one (allow after deny)")
        # redact (default) with the hand-written masked form
        t.eq(read("plain.txt"), masked, "default redact masks every built-in value")
        t.eq(read("logs/old/app.log"), masked, "'*' matches one segment only: /logs/old/app.log redacted")
        t.eq(read("mixed/y.txt"), masked, "/mixed/y.txt (no section) is redacted")
        t.eq(read("emails/e.txt"),
             b"***************** 13812345678 440305195907210501\n",
             "detectors = email masks e-mails only")
        # deny
        for rel in ("closed/b.txt", "logs/app.log", "order/z.txt", "locked/l.txt"):
            e = mount.errno_of(lambda: open(m.p(rel), "rb").read())
            t.ok(e == errno.EACCES, "mode deny: open /%s fails with EACCES" % rel, mount.ename(e))
        p = mount.run(["cat", m.p("closed/b.txt")])
        t.ok(p.returncode != 0 and p.stdout == b"" and b"Permission denied" in p.stderr,
             "cat of a denied file fails with 'Permission denied' and prints nothing")
        t.ok("b.txt" in mount.call(os.listdir, m.p("closed")), "a denied file is still listed")
        e = mount.errno_of(os.listdir, m.p("locked"))
        t.ok(e == errno.EACCES, "a denied directory (/locked/** matches /locked) cannot be "
             "listed: EACCES", mount.ename(e))
        st = mount.call(os.stat, m.p("closed/b.txt"))
        t.eq(st.st_size, len(raw), "a denied file can be stat'ed")
        # hide
        for rel in ("gone", "gone/c.txt", "gone/sub/d.txt", "vanish", "vanish/inner.txt",
                    "mixed/x.secret"):
            e = mount.errno_of(os.stat, m.p(rel))
            t.ok(e == errno.ENOENT, "mode hide: stat /%s is ENOENT" % rel, mount.ename(e))
        e = mount.errno_of(lambda: open(m.p("gone/c.txt"), "rb").read())
        t.ok(e == errno.ENOENT, "mode hide: open /gone/c.txt is ENOENT", mount.ename(e))
        top = mount.call(os.listdir, w.mnt)
        t.ok("gone" not in top and "vanish" not in top and "open" in top and "locked" in top,
             "hidden directories are not listed at the top, denied ones are",
             str(sorted(top)))
        t.ok("x.secret" not in mount.call(os.listdir, m.p("mixed")), "a hidden file is not listed")
        p = mount.run(["ls", "-lR", w.mnt])
        out = p.stdout.decode(errors="replace")
        t.ok(p.returncode == 1 and "gone" not in out and "x.secret" not in out
             and "inner.txt" not in out and "b.txt" in out and "l.txt" not in out,
             "ls -lR shows denied files, no hidden ones, and fails only on /locked",
             "rc=%s\n%s\n%s" % (p.returncode, out[-2000:], p.stderr.decode()[-500:]))
        p = mount.run(["find", w.mnt])
        out = p.stdout.decode(errors="replace")
        t.ok(p.returncode == 1 and "gone" not in out and "vanish" not in out
             and "x.secret" not in out and "closed/b.txt" in out and "l.txt" not in out,
             "find sees no hidden path", out[-2000:])
        p = mount.run(["grep", "-r", "-l", "alice@example.com", w.mnt])
        files = sorted(os.path.relpath(x, w.mnt)
                       for x in p.stdout.decode(errors="replace").split())
        # /order/ok/z.txt is allowed too, but grep cannot list the denied /order
        t.eq(files, ["open/a.txt"],
             "grep -r finds raw values only in allowed files it can reach")


def gz_bytes():
    # a real gzip stream whose content holds raw values
    return gzip.compress(("archive: " + SECRET + "\n").encode() * 50, mtime=0)


def check_binary(t, w):
    w.write("bin/data.gz", gz_bytes())
    nul = b"a\0alice@example.com\0tail 13812345678\n"
    w.write("bin/nul.txt", nul)
    src_gz = os.path.join(w.src, "bin/data.gz")
    raw_gz = open(src_gz, "rb").read()

    pol = write_policy(w, "bin-deny.ini", "[global]\nbinary = deny\n")
    with mount.Mount(t, w.src, w.mnt, policy=pol, label="binary deny") as m:
        for rel in ("bin/data.gz", "bin/nul.txt"):
            e = mount.errno_of(lambda: open(m.p(rel), "rb").read())
            t.ok(e == errno.EACCES, "binary = deny: open /%s fails with EACCES" % rel,
                 mount.ename(e))
        t.ok("data.gz" in mount.call(os.listdir, m.p("bin")), "a denied binary file is listed")
    with mount.Mount(t, w.src, w.mnt, label="binary default") as m:
        e = mount.errno_of(lambda: open(m.p("bin/data.gz"), "rb").read())
        t.ok(e == errno.EACCES, "no policy (built-in default): a gzip file is EACCES",
             mount.ename(e))

    pol = write_policy(w, "bin-allow.ini", "[global]\nbinary = allow\n")
    with mount.Mount(t, w.src, w.mnt, policy=pol, label="binary allow") as m:
        t.eq(mount.read_bytes(m.p("bin/data.gz"))[1], raw_gz, "binary = allow serves the gzip raw")
        t.eq(mount.read_bytes(m.p("bin/nul.txt"))[1], nul, "binary = allow serves a NUL file raw")

    pol = write_policy(w, "bin-scan.ini",
                       "[global]\nbinary = deny\n[path:/bin/**]\nbinary = scan\n")
    with mount.Mount(t, w.src, w.mnt, policy=pol, label="binary scan") as m:
        t.eq(mount.read_bytes(m.p("bin/nul.txt"))[1],
             b"a\0*****************\0tail ***********\n",
             "binary = scan (in a [path:] section) masks values in a NUL-holding file")
        rc, want, err = mount.redact_bytes(src_gz, "/bin/data.gz", policy=pol)
        t.ok(rc == 0 and len(want) == len(raw_gz), "redact with binary = scan prints the gzip", err)
        t.eq(mount.read_bytes(m.p("bin/data.gz"))[1], want,
             "binary = scan serves the gzip as redact prints it")


BAD = [
    ("syntax", "[global]\ndefault = redact\nthis is not a key value\n", 3),
    ("unknown key", "[global]\ncolour = blue\n", 2),
    ("unknown value", "[global]\ndefault = redact\nbinary = maybe\n", 3),
    ("unknown section", "[global]\n[paths:/x]\nmode = allow\n", 2),
    ("unknown mode", "; comment\n[path:/x/**]\nmode = show\n", 3),
    ("invalid regex", "[global]\n\n[detector:broken]\npattern = EMP-([0-9]{6}\n", 4),
    ("unknown detector", "[path:/a/**]\ndetectors = email, nosuch\n", 2),
    ("line too long", "[detector:long]\npattern = " + "a" * 300 + "\n", 2),
    ("header without ]", "[global\ndefault = redact\n", 1),
]


def check_bad_policies(t, w):
    for name, text, line in BAD:
        pol = write_policy(w, "bad.ini", text)
        rc, out, was = mount.redactfs_fails_to_mount(
            w.src, w.mnt, ["-f", "-o", "policy=" + pol, w.src, w.mnt])
        want = "%s:%d:" % (pol, line)
        t.ok(rc not in (0, None) and not was and want in out,
             "bad policy (%s): redactfs exits non-zero with FILE:%d: and mounts nothing"
             % (name, line), "rc=%s mounted=%s want %r in:\n%s" % (rc, was, want, out[-800:]))


def body(t):
    with mount.Workdir() as w:
        for step in (check_modes, check_binary, check_bad_policies):
            with t.guard(step.__name__):
                step(t, w)


tap.main(body)

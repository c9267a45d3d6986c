#!/usr/bin/env python3
"""test_names.py — personal data in file and directory names is masked
(issue 14), and the masked names still lead to their files.

The tree holds invented names only: a resident ID with a valid check digit
(11010519491231002X), invented mobiles, an e-mail at example.org, Han names
of common surnames and Latin Given_Family pairs. What is checked, each as a
TAP case:
- the mount lists every SOURCE entry once (by inode number, which the mount
  reports as SOURCE's), no shown name holds a raw value, none is longer
  than 255 bytes, and the issue's examples show as the spec writes them:
  `＊＊_身份证复印件.txt`, `customer_******************.csv`,
  `claims/***********/`, `**********************.pdf`;
- every listed regular file opens and equals `redact -p POLICY --path
  REALPATH FILE` (REALPATH: the real path from the mount root);
- guessed real names (files and directories) answer ENOENT, as a name
  that does not exist;
- two files whose names mask alike are both listed as `***********~INO.pdf`
  (INO = st_ino) and distinct; a real file literally named `***********.pdf`
  keeps its name; two 255-byte names that mask alike stay within 255 bytes;
  names with invalid UTF-8 and a newline are listed and open;
- names are the same for an unmask_uids caller (who reads raw content);
- readlink gives targets with shown names;
- real clients: `ls -R`, `find -print0`, `tar c` (and `tar tf`), `rsync -a`,
  `cp -r` and smbclient over Samba (test_samba.py's smbd, reused): no raw
  value from a name in what they print or copy, and what they copy is what
  `redact` prints for the real file;
- the audit log keeps the real path and adds "shown";
- renames, creations and deletions in SOURCE while mounted: the old shown
  name answers ENOENT, the new one appears; a name that starts to collide
  loses its unsuffixed form;
- `names = keep` in [global] and in a [path:] section (its glob matched
  against the real path); allow paths keep names, deny paths mask them;
- with key_file and `action = pseudonymize`, a phone number in a name
  becomes a stable same-shape pseudonym.
"""
import errno
import importlib.util
import json
import os
import pwd
import re
import shutil
import stat
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from lib import mount, tap  # noqa: E402

OTHER = 4243  # an unmask_uids caller: raw content, the same names

POLICY = """\
[global]
default = redact
binary = deny
detectors = all
action = mask
unmask_uids = %d
audit_log = %s
"""

# ---- the invented tree -------------------------------------------------------

ID = "11010519491231002X"      # valid region, date and MOD 11-2 check
PHONE = "13812345678"
EMAIL = "mary.jones@example.org"

LONG_PAD = 255 - len("_15811112222.txt")
LONG_A = ("r" * LONG_PAD + "_15811112222.txt").encode()
LONG_B = ("r" * LONG_PAD + "_15833334444.txt").encode()
LONG_HAN = ("王芳_" + "记" * 81 + "x.txt").encode()
ODD_BYTES = b"scan\xff\xfe_13612345678.txt"
ODD_NEWLINE = b"note\n15012345678.txt"

# Real relative paths (bytes) of the regular files; every file gets a tag
# (doc-NN) and an invented e-mail in its content, so that contents differ.
FILES = [
    "hr/张伟_身份证复印件.txt".encode(),
    "hr/李秀英_劳动合同.txt".encode(),
    ("resumes/%s.pdf" % EMAIL).encode(),
    b"resumes/John_Smith_CV.txt",
    b"resumes/emma.brown.txt",
    ("claims/%s/claim.txt" % PHONE).encode(),
    ("exports/customer_%s.csv" % ID).encode(),
    "staff/陈静/note.txt".encode(),
    b"dup/13912345678.pdf",
    b"dup/13987654321.pdf",
    b"dup/***********.pdf",
    b"len255/" + LONG_A,
    b"len255/" + LONG_B,
    b"len255/" + LONG_HAN,
    b"odd/" + ODD_BYTES,
    b"odd/" + ODD_NEWLINE,
    b"plain/readme.txt",
    b"renames/13512345678.txt",
    b"collide/13311112222.pdf",
]
LINKS = {  # link -> (target, the target readlink must give, or None: no raw value only)
    b"links/to-claim": (("../claims/%s/claim.txt" % PHONE).encode(),
                        "../claims/***********/claim.txt".encode()),
    b"links/to-hr": ("../hr/张伟_身份证复印件.txt".encode(),
                     "../hr/＊＊_身份证复印件.txt".encode()),
    b"links/to-dup": (b"../dup/13912345678.pdf", None),   # ~INO: filled in at run time
    b"links/gone": (b"13712345678.txt", b"***********.txt"),
    b"links/abs": (b"/srv/13712345678/x.txt", b"/srv/***********/x.txt"),
}

# Every raw value that stands in a name (in FILES, LINKS and the renames).
NAME_VALUES = ["张伟", "李秀英", "陈静", "王芳", EMAIL, "mary.jones", "John", "Smith",
               "emma", "brown", PHONE, ID, "13912345678", "13987654321", "15811112222",
               "15833334444", "13612345678", "15012345678", "13712345678", "13512345678",
               "15912345678", "18612345678", "13311112222", "13322223333"]

# The examples: real path -> shown path.
SHOWN = {
    "hr/张伟_身份证复印件.txt": "hr/＊＊_身份证复印件.txt",
    "exports/customer_%s.csv" % ID: "exports/customer_******************.csv",
    "claims/%s" % PHONE: "claims/***********",
    "claims/%s/claim.txt" % PHONE: "claims/***********/claim.txt",
    "resumes/%s.pdf" % EMAIL: "resumes/**********************.pdf",
    "plain/readme.txt": "plain/readme.txt",
    "collide/13311112222.pdf": "collide/***********.pdf",
}

# Guessed real names: each must answer ENOENT through the mount.
GUESSES = ["hr/张伟_身份证复印件.txt", "claims/%s" % PHONE, "claims/%s/claim.txt" % PHONE,
           "staff/陈静/note.txt", "exports/customer_%s.csv" % ID, "resumes/%s.pdf" % EMAIL,
           "staff/陈静", "dup/13912345678.pdf"]


def content(i, rel):
    if rel.endswith(b".csv"):
        return ("ref,amount,contact\nR%02d,12.%02d,erin.k%02d@example.com\n"
                % (i, i, i)).encode()
    return ("doc-%02d: filed note, reply to erin.k%02d@example.com\n" % (i, i)).encode()


def content_values():
    return ["erin.k%02d@example.com" % i for i in range(40)]


def write_file(src, rel, data):
    p = os.path.join(src.encode(), rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)
    os.chmod(p, 0o644)
    mount.settle(p)
    return p


def make_tree(src):
    for i, rel in enumerate(FILES):
        write_file(src, rel, content(i, rel))
    os.makedirs(os.path.join(src, "links"), exist_ok=True)
    for link, (target, _) in LINKS.items():
        os.symlink(target, os.path.join(src.encode(), link))


# ---- walking trees -----------------------------------------------------------

def kind_of(st):
    return "dir" if stat.S_ISDIR(st.st_mode) else "link" if stat.S_ISLNK(st.st_mode) \
        else "file" if stat.S_ISREG(st.st_mode) else "other"


def walk(root):
    """{relative path (bytes): (kind, st_ino)} of every entry under root,
    each one lstat()ed by its name (a lookup), links not followed."""
    out = {}
    root = root.encode() if isinstance(root, str) else root

    def rec(d, rel):
        for name in os.listdir(d):
            r = rel + b"/" + name if rel else name
            st = os.lstat(os.path.join(d, name))
            out[r] = (kind_of(st), st.st_ino)
            if stat.S_ISDIR(st.st_mode):
                rec(os.path.join(d, name), r)
    rec(root, b"")
    return out


def mwalk(root):
    return mount.call(walk, root, timeout=60)


def leaks(data, values=NAME_VALUES):
    """The raw values among values that stand in data (bytes)."""
    return [v for v in values if v.encode() in data]


def show(b):
    return b.decode("utf-8", errors="backslashreplace")


class Expected:
    """What `redact -p POLICY --path /REAL FILE` prints, once per real path."""

    def __init__(self, src, policy):
        self.src, self.policy, self.cache = src.encode(), policy, {}

    def __call__(self, real):
        if real not in self.cache:
            p = mount.run([mount.binaries().redact, "-p", self.policy, "--path", b"/" + real,
                           os.path.join(self.src, real)], timeout=60)
            self.cache[real] = p.stdout if p.returncode == 0 else \
                ("redact failed: " + p.stderr.decode(errors="replace")).encode()
        return self.cache[real]


def check_files(t, label, mnt, shown, real_of, expected):
    """Every regular file of shown ({rel: (kind, ino)}) reads (by its shown
    name) exactly expected(real path). One case."""
    bad = []
    for rel, (kind, ino) in sorted(shown.items()):
        if kind != "file":
            continue
        real = real_of.get(ino)
        try:
            got = mount.py_read(os.path.join(mnt.encode(), rel))
        except (OSError, mount.Timeout) as e:
            bad.append("%s: %s" % (show(rel), e))
            continue
        if real is None or got != expected(real):
            bad.append("%s (real %s): got %r" % (show(rel), real and show(real), got[:80]))
    return t.ok(not bad, "%s: every listed regular file opens by its shown name and equals "
                "`redact --path REALPATH`" % label, bad[:6])


def check_copy(t, label, dest, shown, real_of, expected, mnt_links):
    """A tree a tool copied out of the mount: the same shown paths, contents
    equal to redact's output, link targets as readlink gave, no raw name
    value in any name or target."""
    got = walk(dest)
    t.eq(sorted(show(x) for x in got), sorted(show(x) for x in shown),
         "%s: the copy has exactly the mount's shown paths" % label)
    names = b"\n".join(got)
    t.ok(not leaks(names), "%s: no raw value from a name in the copy's names" % label,
         leaks(names))
    bad, targets = [], []
    for rel, (kind, _) in sorted(got.items()):
        p = os.path.join(dest.encode(), rel)
        if kind == "file":
            real = real_of.get(shown.get(rel, ("", -1))[1])
            with open(p, "rb") as f:
                data = f.read()
            if real is None or data != expected(real):
                bad.append("%s: %r" % (show(rel), data[:80]))
        elif kind == "link":
            tg = os.readlink(p)
            targets.append(tg)
            if tg != mnt_links.get(rel):
                bad.append("%s -> %s, mount says %s" % (show(rel), show(tg),
                                                        show(mnt_links.get(rel) or b"?")))
    t.ok(not bad, "%s: every copied file equals `redact --path REALPATH`, links as "
         "readlink gave them" % label, bad[:6])
    t.ok(not leaks(b"\n".join(targets)), "%s: no raw value in the copied links' targets"
         % label, leaks(b"\n".join(targets)))


# ---- Samba: test_samba.py's smbd, loaded without running its body --------------

def samba_helpers():
    spec = importlib.util.spec_from_file_location("samba_helpers",
                                                  os.path.join(HERE, "test_samba.py"))
    mod = importlib.util.module_from_spec(spec)
    real_main = tap.main
    tap.main = lambda body: None  # test_samba.py ends with tap.main(body)
    try:
        spec.loader.exec_module(mod)
    finally:
        tap.main = real_main
    return mod


# ---- the main mount ------------------------------------------------------------

def listing_checks(t, m, w, shown, src_tree, real_of, expected):
    """Names as listed: completeness, no raw value, length, the examples."""
    want_inos = sorted(ino for _, ino in src_tree.values())
    got_inos = sorted(ino for _, ino in shown.values())
    t.eq(got_inos, want_inos, "every SOURCE entry is listed exactly once (%d entries, by "
         "inode number)" % len(want_inos))
    names = b"\n".join(shown)
    t.ok(not leaks(names), "no shown path holds a raw value from a name", leaks(names))
    longest = max(len(os.path.basename(x)) for x in shown)
    t.ok(longest <= 255, "no shown name is longer than 255 bytes", "longest: %d" % longest)
    shown_of = {real_of[ino]: rel for rel, (_, ino) in shown.items() if ino in real_of}
    for real, want in SHOWN.items():
        got = shown_of.get(real.encode())
        t.eq(got and show(got), want, "/%s is shown as /%s" % (real, want))
    src_kinds = {ino: k for k, ino in src_tree.values()}
    t.ok(all(src_kinds.get(ino) == k for k, ino in shown.values()),
         "every shown entry has its real entry's type")
    check_files(t, "main", m.mnt, shown, real_of, expected)


def collision_checks(t, m, w, shown, real_of, expected):
    ino = {show(real_of[i]): i for _, i in shown.values() if i in real_of}
    a, b, lit = ino["dup/13912345678.pdf"], ino["dup/13987654321.pdf"], ino["dup/***********.pdf"]
    dup = sorted(show(os.path.basename(r)) for r in shown if r.startswith(b"dup/"))
    want = sorted(["***********.pdf", "***********~%d.pdf" % a, "***********~%d.pdf" % b])
    t.eq(dup, want, "two names that mask alike are listed as ***********~INO.pdf (their "
         "inode numbers); a real ***********.pdf keeps its name")
    outs = {}
    for name, i in (("***********~%d.pdf" % a, a), ("***********~%d.pdf" % b, b),
                    ("***********.pdf", lit)):
        try:
            outs[name] = mount.py_read(m.p("dup/" + name))
        except (OSError, mount.Timeout) as e:
            outs[name] = repr(e).encode()
        t.eq(outs[name], expected(real_of[i]), "dup/%s opens and is its own file" % name)
    t.ok(len(set(outs.values())) == 3, "the three files of dup/ read three different contents")
    st = mount.call(os.stat, m.p("dup/***********~%d.pdf" % a)) if "***********~%d.pdf" % a \
        in dup else None
    t.ok(st is not None and st.st_ino == a, "stat of ***********~INO.pdf reports INO",
         st and st.st_ino)

    # 255-byte names that mask alike
    longs = {rel: i for rel, (_, i) in shown.items() if rel.startswith(b"len255/")}
    reals = {real_of.get(i) for i in longs.values()}
    t.ok({b"len255/" + LONG_A, b"len255/" + LONG_B, b"len255/" + LONG_HAN} <= reals and
         len(longs) == 3 and len(set(longs)) == 3,
         "three 255-byte names (two that mask alike) are listed as three names",
         [show(x) for x in longs])
    lens = [len(os.path.basename(x)) for x in longs]
    t.ok(all(n <= 255 for n in lens), "their shown names are at most 255 bytes", lens)
    t.ok(not leaks(b"\n".join(longs)), "their shown names hold no raw value",
         leaks(b"\n".join(longs)))
    bad = []
    for rel, i in longs.items():
        try:
            ok = mount.py_read(os.path.join(m.mnt.encode(), rel)) == expected(real_of[i])
        except (OSError, mount.Timeout) as e:
            ok = False
            bad.append(repr(e))
        if not ok:
            bad.append(show(rel))
    t.ok(not bad, "each 255-byte name opens to its own file", bad)

    # invalid UTF-8 and a newline
    for real, what in ((ODD_BYTES, "invalid UTF-8 bytes"), (ODD_NEWLINE, "a newline")):
        i = [x for x, r in real_of.items() if r == b"odd/" + real]
        rel = [r for r, (_, j) in shown.items() if i and j == i[0]]
        t.ok(len(rel) == 1 and not leaks(rel[0]) and len(os.path.basename(rel[0])) <= 255,
             "a name with %s is listed once, without its raw value, at most 255 bytes" % what,
             [show(x) for x in rel])
        got = None
        if rel:
            try:
                got = mount.py_read(os.path.join(m.mnt.encode(), rel[0]))
            except (OSError, mount.Timeout) as e:
                got = repr(e).encode()
        t.ok(rel and got == expected(b"odd/" + real),
             "the name with %s opens and equals redact's output" % what, got and got[:80])


def guess_checks(t, m):
    e = mount.errno_of(os.stat, m.p("hr/nobody-here.txt"))
    t.ok(e == errno.ENOENT, "a name that does not exist answers ENOENT", mount.ename(e))
    for g in GUESSES:
        e = mount.errno_of(os.stat, m.p(g))
        t.ok(e == errno.ENOENT, "stat of the real name /%s answers ENOENT" % g, mount.ename(e))
    for g in ("hr/张伟_身份证复印件.txt", "exports/customer_%s.csv" % ID):
        e = mount.errno_of(lambda p: open(p, "rb").close(), m.p(g))
        t.ok(e == errno.ENOENT, "open of the real name /%s answers ENOENT" % g, mount.ename(e))
    e = mount.errno_of(os.listdir, m.p("claims/" + PHONE))
    t.ok(e == errno.ENOENT, "listing the real directory name /claims/%s answers ENOENT" % PHONE,
         mount.ename(e))


def other_caller_checks(t, m, shown, expected):
    script = ("import os, sys\n"
              "out = []\n"
              "for d, ds, fs in os.walk(sys.argv[1].encode()):\n"
              "    out += [os.path.relpath(os.path.join(d, x), sys.argv[1].encode())"
              " for x in ds + fs]\n"
              "sys.stdout.buffer.write(b'\\0'.join(sorted(out)))\n")
    p = mount.run(mount.as_user(OTHER) + [mount.SYS_PYTHON, "-c", script, m.mnt])
    got = sorted(x for x in p.stdout.split(b"\0") if x)
    t.eq([show(x) for x in got], sorted(show(x) for x in shown),
         "uid %d (unmask_uids) sees the same names as everyone" % OTHER)
    rel = "hr/＊＊_身份证复印件.txt"
    e, data = mount.read_as(OTHER, m.p(rel))
    t.ok(e == 0 and b"erin.k00@example.com" in data,
         "uid %d reads /%s raw (unmask_uids applies to content only)" % (OTHER, rel),
         "errno %s, %r" % (e, data[:80]))


def link_checks(t, m, shown, real_of):
    ino = {real_of[i]: i for _, i in shown.values() if i in real_of}
    got_links = {}
    for link, (target, want) in LINKS.items():
        if want is None:
            want = ("../dup/***********~%d.pdf" % ino.get(b"dup/13912345678.pdf", -1)).encode()
        try:
            got = mount.call(os.readlink, os.path.join(m.mnt.encode(), link))
        except (OSError, mount.Timeout) as e:
            got = repr(e).encode()
        got_links[link] = got
        t.eq(show(got), show(want), "readlink /%s (-> %s) gives %s" % (show(link), show(target),
                                                                      show(want)))
    rc, out, err = mount.read_bytes(m.p("links/to-claim"))
    rc2, want, _ = mount.read_bytes(m.p("claims/***********/claim.txt"))
    t.ok(rc == 0 and out == want and rc2 == 0, "reading through /links/to-claim reaches the "
         "claim", err)
    return got_links


def tool_checks(t, m, w, shown, real_of, expected, mnt_links):
    mnt = m.mnt
    # ls -R
    p = mount.run(["ls", "-R", "-a", mnt])
    out = (p.stdout + p.stderr).replace(mnt.encode(), b"MNT")
    t.ok(p.returncode == 0, "ls -R of the mount succeeds", p.stderr[-500:])
    t.ok(not leaks(out), "ls -R prints no raw value from a name", leaks(out))
    t.ok("＊＊_身份证复印件.txt".encode() in out and b"customer_******************.csv" in out,
         "ls -R prints the masked names")

    # find -print0
    p = mount.run(["find", mnt, "-mindepth", "1", "-print0"])
    got = sorted(os.path.relpath(x, mnt.encode()) for x in p.stdout.split(b"\0") if x)
    t.ok(p.returncode == 0, "find -print0 succeeds", p.stderr[-500:])
    t.eq([show(x) for x in got], sorted(show(x) for x in shown),
         "find -print0 lists exactly the shown paths")
    out = (p.stdout + p.stderr).replace(mnt.encode(), b"MNT")
    t.ok(not leaks(out), "find -print0 prints no raw value from a name", leaks(out))

    # tar c, tar tf, tar x
    arch = w.path("names.tar")
    p = mount.run(["tar", "-C", mnt, "-cf", arch, "."], timeout=120)
    t.ok(p.returncode == 0, "tar c of the mount succeeds", p.stderr[-500:])
    with open(arch, "rb") as f:
        data = f.read()
    t.ok(not leaks(data, NAME_VALUES + content_values()),
         "the tar archive holds no raw value (from a name or a content)",
         leaks(data, NAME_VALUES + content_values()))
    p = mount.run(["tar", "tf", arch])
    t.ok(p.returncode == 0 and not leaks(p.stdout + p.stderr) and
         "hr/＊＊_身份证复印件.txt".encode() in p.stdout,
         "tar tf lists the masked names, no raw value from a name", leaks(p.stdout))
    x = w.path("from-tar")
    os.makedirs(x)
    p = mount.run(["tar", "-C", x, "-xf", arch])
    t.ok(p.returncode == 0, "tar x of the archive succeeds", p.stderr[-500:])
    check_copy(t, "tar", x, shown, real_of, expected, mnt_links)

    # rsync -a
    rs = shutil.which("rsync")
    t.ok(rs is not None, "rsync is installed", "install Debian's rsync")
    if rs:
        dest = w.path("from-rsync")
        p = mount.run([rs, "-a", mnt + "/", dest + "/"], timeout=120)
        out = (p.stdout + p.stderr).replace(mnt.encode(), b"MNT")
        t.ok(p.returncode == 0 and not leaks(out), "rsync -a of the mount succeeds, prints no "
             "raw value", out[-800:])
        check_copy(t, "rsync -a", dest, shown, real_of, expected, mnt_links)

    # cp -r
    dest = w.path("from-cp")
    os.makedirs(dest)
    p = mount.run(["cp", "-r", mnt + "/.", dest], timeout=120)
    out = (p.stdout + p.stderr).replace(mnt.encode(), b"MNT")
    t.ok(p.returncode == 0 and not leaks(out), "cp -r of the mount succeeds, prints no raw "
         "value", out[-800:])
    check_copy(t, "cp -r", dest, shown, real_of, expected, mnt_links)


def samba_checks(t, m, w, smbh, tools, contractor, shown, real_of, expected):
    smb = w.path("smb")
    os.makedirs(smb)
    usermap = os.path.join(smb, "users.map")
    with open(usermap, "w", encoding="utf-8") as f:
        f.write("%s = contractor\n" % contractor.pw_name)
    port = smbh.free_port()
    conf = os.path.join(smb, "smb.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(smbh.smb_conf(smb, port, m.mnt, usermap, contractor.pw_name))
    fetched = w.path("from-smb")
    os.makedirs(fetched)
    smbc = smbh.Client(tools["smbclient"], conf, port, fetched)
    share = smbh.SHARE
    with smbh.Smbd(t, tools["smbd"], conf, port, os.path.join(smb, "smbd.out")) as smbd:
        rc, out = smbc(share, "recurse; ls")
        listed = smbh.parse_recursive_ls(out)
        t.ok(rc == 0 and listed, "smbclient: the recursive listing works", out[-1500:])
        t.ok(not leaks(out.encode()), "smbclient: the listing holds no raw value from a name",
             leaks(out.encode()))
        t.ok("hr/＊＊_身份证复印件.txt" in listed, "smbclient: /hr/＊＊_身份证复印件.txt is listed",
             sorted(listed)[:40])
        t.diag("SMB lists dup/ as: %s" % ", ".join(sorted(x for x in listed
                                                           if x.startswith("dup/"))))
        rc, out, got = smbc.get(share, "hr/＊＊_身份证复印件.txt", os.path.join(fetched, "hr.txt"))
        t.eq(got, expected("hr/张伟_身份证复印件.txt".encode()),
             "smbclient: get of the shown name equals `redact --path /hr/张伟_身份证复印件.txt`")
        # '*' cannot stand in an SMB name: Samba lists such a name mangled
        # (mangled names = illegal, its default), e.g. _N1T7S~5.CSV; the
        # file is fetched by the name the listing gives.
        exp = sorted(x for x in listed if x.startswith("exports/"))
        rc, out, got = smbc.get(share, exp[0] if len(exp) == 1 else "exports/?",
                                os.path.join(fetched, "c.csv"))
        t.eq(got, expected(("exports/customer_%s.csv" % ID).encode()),
             "smbclient: get of exports/customer_******************.csv, by the name the "
             "listing gives (%s), equals redact's output" % exp)
        for g in ("hr/张伟_身份证复印件.txt", "claims/%s/claim.txt" % PHONE):
            rc, out, got = smbc.get(share, g, os.path.join(fetched, "guess"))
            t.ok(rc != 0 and got is None and any(s in out for s in smbh.NOT_FOUND),
                 "smbclient: get of the real name /%s is not found" % g, out[-800:])
        mdir = os.path.join(fetched, "mget")
        os.makedirs(mdir)
        rc, out = smbc(share, 'prompt off; recurse on; lcd "%s"; mget *' % mdir, timeout=120)
        t.ok(not leaks(out.encode()), "smbclient: mget prints no raw value from a name",
             leaks(out.encode()))
        # every fetched file is one of the tree's files, redacted; every file
        # (but odd/, whose names SMB cannot carry) was fetched
        by_bytes = {}
        for _, (kind, ino) in shown.items():
            if kind == "file":
                by_bytes[expected(real_of[ino])] = real_of[ino]
        got_reals, bad = set(), []
        for rel, (kind, _) in walk(mdir).items():
            if kind != "file":
                continue
            with open(os.path.join(mdir.encode(), rel), "rb") as f:
                data = f.read()
            if data in by_bytes:
                got_reals.add(by_bytes[data])
            else:
                bad.append("%s: %r" % (show(rel), data[:80]))
        t.ok(not bad, "smbclient: every file mget fetched equals redact's output of a file of "
             "the tree", bad[:5])
        want = {r for r in FILES if not r.startswith(b"odd/")}
        t.eq(sorted(show(x) for x in want - got_reals), [],
             "smbclient: mget fetched every file (odd/ aside), both dup/ files that mask "
             "alike included")
        names = b"\n".join(walk(mdir))
        t.ok(not leaks(names), "smbclient: no raw value in the fetched names", leaks(names))
        t.ok(not leaks(smbd.log_text().encode()), "smbd's log holds no raw value from a name")


def change_checks(t, m, w, expected):
    src = w.src.encode()
    old_shown = m.p("renames/***********.txt")
    before = mount.call(os.listdir, m.p("renames"))
    t.eq(before, ["***********.txt"], "/renames/13512345678.txt is listed as ***********.txt")
    os.rename(os.path.join(src, b"renames/13512345678.txt"),
              os.path.join(src, b"renames/done_15912345678.txt"))
    time.sleep(1.2)  # past the 1 s entry timeout
    e = mount.errno_of(os.stat, old_shown)
    t.ok(e == errno.ENOENT, "after a rename in SOURCE the old shown name answers ENOENT",
         mount.ename(e))
    after = mount.call(os.listdir, m.p("renames"))
    t.eq(after, ["done_***********.txt"], "the next listing shows the new name, masked")
    try:
        got = mount.py_read(m.p("renames/done_***********.txt"))
    except (OSError, mount.Timeout) as ex:
        got = repr(ex).encode()
    t.eq(got, expected(b"renames/done_15912345678.txt"),
         "the renamed file opens by its new shown name")

    # a new file takes the old shown name: it reads the new file, not the old one
    write_file(w.src, b"renames/18612345678.txt", b"doc-90: a later note\n")
    now = sorted(mount.call(os.listdir, m.p("renames")))
    t.eq(now, ["***********.txt", "done_***********.txt"], "a file created in SOURCE is listed")
    try:
        got = mount.py_read(old_shown)
    except (OSError, mount.Timeout) as ex:
        got = repr(ex).encode()
    t.eq(got, expected(b"renames/18612345678.txt"),
         "***********.txt now reads the new file, never the renamed one")

    # a name that starts to collide
    first = os.lstat(os.path.join(src, b"collide/13311112222.pdf")).st_ino
    write_file(w.src, b"collide/13322223333.pdf", b"doc-91: a second claim\n")
    second = os.lstat(os.path.join(src, b"collide/13322223333.pdf")).st_ino
    time.sleep(1.2)
    got = sorted(mount.call(os.listdir, m.p("collide")))
    t.eq(got, sorted(["***********~%d.pdf" % first, "***********~%d.pdf" % second]),
         "when a second name masks alike, both are listed with ~INO")
    e = mount.errno_of(os.stat, m.p("collide/***********.pdf"))
    t.ok(e == errno.ENOENT, "the unsuffixed shown name then answers ENOENT", mount.ename(e))
    try:
        got = mount.py_read(m.p("collide/***********~%d.pdf" % second))
    except (OSError, mount.Timeout) as ex:
        got = repr(ex).encode()
    t.eq(got, expected(b"collide/13322223333.pdf"), "the new file opens by its ~INO name")

    # a deletion
    gone = os.lstat(os.path.join(src, b"dup/13987654321.pdf")).st_ino
    kept = os.lstat(os.path.join(src, b"dup/13912345678.pdf")).st_ino
    os.unlink(os.path.join(src, b"dup/13987654321.pdf"))
    time.sleep(1.2)
    e = mount.errno_of(os.stat, m.p("dup/***********~%d.pdf" % gone))
    t.ok(e == errno.ENOENT, "a file deleted in SOURCE: its shown name answers ENOENT",
         mount.ename(e))
    got = sorted(mount.call(os.listdir, m.p("dup")))
    t.eq(got, sorted(["***********.pdf", "***********~%d.pdf" % kept]),
         "dup/ then lists the literal ***********.pdf and the other file, still with ~INO")


def audit_checks(t, log):
    try:
        with open(log, "rb") as f:
            recs = [json.loads(x) for x in f.read().splitlines() if x.strip()]
    except (OSError, ValueError) as e:
        t.ok(False, "the audit log is JSON lines", repr(e))
        return
    opens = [r for r in recs if r.get("event") == "open"]
    hr = [r for r in opens if r.get("path") == "/hr/张伟_身份证复印件.txt"]
    t.ok(hr and all(r.get("shown") == "/hr/＊＊_身份证复印件.txt" for r in hr),
         "audit: an open of /hr/＊＊_身份证复印件.txt keeps the real path in \"path\" and the "
         "shown one in \"shown\"", [json.dumps(r, ensure_ascii=False) for r in hr[:2]])
    cl = [r for r in opens if r.get("path") == "/claims/%s/claim.txt" % PHONE]
    t.ok(cl and any(r.get("shown") == "/claims/***********/claim.txt" for r in cl),
         "audit: the claim's records say \"shown\": /claims/***********/claim.txt",
         [json.dumps(r, ensure_ascii=False) for r in cl[:2]])
    t.ok(opens and all("shown" in r for r in opens), "audit: every open record has \"shown\"",
         [json.dumps(r, ensure_ascii=False) for r in opens if "shown" not in r][:2])


def main_mount(t):
    smbh = samba_helpers()
    tools = smbh.find_tools(t)
    contractor = smbh.contractor_account(t)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        log = w.path("audit.jsonl")
        pol = w.policy(POLICY % (OTHER, log))
        if not mount.check_policy(t, pol, "main policy"):
            return
        make_tree(w.src)
        src_tree = walk(w.src)
        real_of = {ino: rel for rel, (_, ino) in src_tree.items()}
        expected = Expected(w.src, pol)
        by = [expected(r) for r in FILES]
        t.ok(len(set(by)) == len(by) and not [b for b in by if b.startswith(b"redact failed")],
             "the tree's redacted contents are all distinct (the test's own premise)",
             [b[:100] for b in by if b.startswith(b"redact failed")][:2])
        with t.guard("names"), mount.Mount(t, w.src, w.mnt, policy=pol, label="names",
                                           secrets=content_values(),
                                           opts=["allow_other", "default_permissions"]) as m:
            shown = mwalk(m.mnt)
            listing_checks(t, m, w, shown, src_tree, real_of, expected)
            with t.guard("collisions"):
                collision_checks(t, m, w, shown, real_of, expected)
            with t.guard("guesses"):
                guess_checks(t, m)
            with t.guard("other caller"):
                other_caller_checks(t, m, shown, expected)
            mnt_links = {}
            with t.guard("links"):
                mnt_links = link_checks(t, m, shown, real_of)
            with t.guard("tools"):
                tool_checks(t, m, w, shown, real_of, expected, mnt_links)
            if tools and contractor:
                with t.guard("samba"):
                    samba_checks(t, m, w, smbh, tools, contractor, shown, real_of, expected)
            with t.guard("changes"):
                change_checks(t, m, w, expected)
        audit_checks(t, log)


# ---- names = keep, allow, deny, globs on the real path ---------------------------------

KEEP_GLOBAL = """\
[global]
default = redact
detectors = all
action = mask
names = keep
"""

KEEP_PATHS = """\
[global]
default = redact
detectors = all
action = mask
[path:/kept/**]
names = keep
[path:/open/**]
mode = allow
[path:/closed/*]
mode = deny
[path:/byreal/15012345678.txt]
names = keep
"""


def keep_global(t):
    with mount.Workdir() as w:
        pol = w.policy(KEEP_GLOBAL)
        if not mount.check_policy(t, pol, "names = keep in [global]"):
            return
        make_tree(w.src)
        src_tree = walk(w.src)
        real_of = {ino: rel for rel, (_, ino) in src_tree.items()}
        expected = Expected(w.src, pol)
        with t.guard("keep"), mount.Mount(t, w.src, w.mnt, policy=pol, label="names = keep",
                                          secrets=content_values()) as m:
            shown = mwalk(m.mnt)
            t.eq(sorted(show(x) for x in shown), sorted(show(x) for x in src_tree),
                 "names = keep in [global]: the mount lists the real names")
            check_files(t, "names = keep", m.mnt, shown, real_of, expected)
            for rel in ("hr/张伟_身份证复印件.txt", "claims/%s/claim.txt" % PHONE):
                rc, out, err = mount.read_bytes(m.p(rel))
                t.ok(rc == 0 and out == expected(rel.encode()),
                     "names = keep: the real name /%s opens" % rel, err)
            got = mount.call(os.readlink, m.p("links/to-claim").encode())
            t.eq(show(got), show(LINKS[b"links/to-claim"][0]),
                 "names = keep: readlink gives the real target")


def keep_paths(t):
    with mount.Workdir() as w:
        pol = w.policy(KEEP_PATHS)
        if not mount.check_policy(t, pol, "names = keep in [path:]"):
            return
        files = ["kept/13812345678.txt", "kept/张伟_合同.txt", "open/13612345678.txt",
                 "closed/13712345678.txt", "byreal/15012345678.txt", "byreal/15099998888.txt",
                 "masked/13912345678.txt"]
        for i, rel in enumerate(files):
            write_file(w.src, rel.encode(), content(i, rel.encode()))
        expected = Expected(w.src, pol)
        with t.guard("keep paths"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                label="names = keep in [path:]",
                                                secrets=content_values()) as m:
            def ls(d):
                return sorted(mount.call(os.listdir, m.p(d)))
            t.eq(ls("kept"), sorted(["13812345678.txt", "张伟_合同.txt"]),
                 "[path:/kept/**] names = keep: real names listed")
            rc, out, err = mount.read_bytes(m.p("kept/13812345678.txt"))
            t.ok(rc == 0 and out == expected(b"kept/13812345678.txt"),
                 "the kept real name opens, content redacted", err)
            t.eq(ls("open"), ["13612345678.txt"], "mode = allow: real names by default")
            rc, out, err = mount.read_bytes(m.p("open/13612345678.txt"))
            t.ok(rc == 0 and out == content(2, b"x.txt"), "the allow file reads raw", err)
            t.eq(ls("closed"), ["***********.txt"], "mode = deny: names masked by default")
            e = mount.errno_of(lambda p: open(p, "rb").close(), m.p("closed/***********.txt"))
            t.ok(e == errno.EACCES, "the denied file, by its shown name, is EACCES",
                 mount.ename(e))
            e = mount.errno_of(os.stat, m.p("closed/13712345678.txt"))
            t.ok(e == errno.ENOENT, "the denied file's real name answers ENOENT", mount.ename(e))
            t.eq(ls("byreal"), sorted(["15012345678.txt", "***********.txt"]),
                 "a [path:] glob written with the real name matches the real path (kept); "
                 "its neighbour is masked")
            t.eq(ls("masked"), ["***********.txt"], "mode = redact: names masked by default")
            rc, out, err = mount.read_bytes(m.p("masked/***********.txt"))
            t.ok(rc == 0 and out == expected(b"masked/13912345678.txt"),
                 "the masked name opens, equals redact's output", err)


# ---- names without a value: shown as they are ------------------------------------

# Words that are cues of detectors (geo: long/lat, 经度; name, phone, ...) but
# no value: nothing to mask, so each is listed under its real name.
WORDS = ["long", "lat.txt", "latitude.txt", "经度", "lon.txt", "name.txt", "phone.txt",
         "email", "address.csv", "身份证.txt", "readme.txt"]


def plain_words(t):
    with mount.Workdir() as w:
        pol = w.policy("[global]\ndefault = redact\ndetectors = all\naction = mask\n")
        os.makedirs(os.path.join(w.src, "words", "long"))
        for i, name in enumerate(WORDS[1:]):
            write_file(w.src, ("words/" + name).encode(), content(i, name.encode()))
        write_file(w.src, b"words/long/inside.txt", content(20, b"x.txt"))
        expected = Expected(w.src, pol)
        with t.guard("words"), mount.Mount(t, w.src, w.mnt, policy=pol, label="plain words",
                                           secrets=content_values()) as m:
            got = sorted(mount.call(os.listdir, m.p("words")))
            t.eq(got, sorted(WORDS), "names that are only cue words (long, lat.txt, 经度, "
                 "name.txt, ...) are listed as they are")
            rc, out, err = mount.read_bytes(m.p("words/lat.txt"))
            t.ok(rc == 0 and out == expected(b"words/lat.txt"), "/words/lat.txt opens", err)
            rc, out, err = mount.read_bytes(m.p("words/long/inside.txt"))
            t.ok(rc == 0 and out == expected(b"words/long/inside.txt"),
                 "/words/long/inside.txt opens", err)


# ---- pseudonyms -----------------------------------------------------------------

PSEUDO = """\
[global]
default = redact
detectors = all
action = pseudonymize
key_file = %s
"""


def pseudonyms(t):
    with mount.Workdir() as w:
        key = w.path("names.key")
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(b"an invented key for the names test, 48 bytes!!!")
        pol = w.policy(PSEUDO % key)
        if not mount.check_policy(t, pol, "pseudonymize"):
            return
        write_file(w.src, b"p/13812345678.txt", content(1, b"x.txt"))
        write_file(w.src, "p/张伟_合同.txt".encode(), content(2, b"x.txt"))
        expected = Expected(w.src, pol)
        seen = []
        for n in (1, 2):
            with t.guard("pseudonyms %d" % n), \
                    mount.Mount(t, w.src, w.mnt, policy=pol, label="pseudonyms %d" % n,
                                secrets=content_values()) as m:
                names = sorted(mount.call(os.listdir, m.p("p")))
                seen.append(names)
                if n == 1:
                    phone = [x for x in names if re.fullmatch(r"\d{11}\.txt", x)]
                    t.ok(len(phone) == 1 and phone[0] != "13812345678.txt",
                         "with key_file and pseudonymize, 13812345678.txt is shown as an "
                         "11-digit pseudonym .txt", names)
                    t.ok(not leaks("\n".join(names).encode()),
                         "the pseudonymized names hold no raw value", names)
                    if phone:
                        rc, out, err = mount.read_bytes(m.p("p/" + phone[0]))
                        t.ok(rc == 0 and out == expected(b"p/13812345678.txt"),
                             "the pseudonymized name opens, equals redact's output", err)
        t.ok(len(seen) == 2 and seen[0] == seen[1], "pseudonymized names are the same after "
             "a remount", seen)


def body(t):
    start = time.monotonic()
    main_mount(t)
    plain_words(t)
    keep_global(t)
    keep_paths(t)
    pseudonyms(t)
    t.diag("took %.1f s" % (time.monotonic() - start))


tap.main(body)

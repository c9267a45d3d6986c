#!/usr/bin/env python3
"""test_basic.py — redactfs -h / -V / bad usage, the mask keeps byte
length (expected masked text written by hand), and st_size equals the
number of bytes read to EOF.

Requirements covered: (1) mask keeps length, (3) st_size == bytes read.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text, cn_id_ok, luhn_ok  # noqa: E402

# A source file with one value of each built-in kind, glued to Chinese text
# and punctuation, plus hard negatives that must stay as they are. Invented:
# 440305195907210501 has a valid MOD 11-2 digit, the cards pass Luhn.
RAW = (
    "Contact: alice@example.com, tel 13812345678.\n"
    "手机13912345678，身份证号440305195907210501。邮箱bob.wang@example.org。\n"
    "Card: 6222908301661313 / 4860913909960309 IP 192.0.2.10 end\n"
    "Intl +44 20 7946 0958, +86 138 1234 5678, office 010-62345678.\n"
    "Negatives: ts=1700000000123 v1.2.3 ORD0012345678 2024-03-14 id=1001\n"
    "中文文本保持不变。"
)
# Every marked ASCII byte becomes '*'; nothing else changes.
MASKED = (
    # a key by its meaning (contact): its value is the clause, to the line end
    "Contact: ***********************************\n"
    "手机***********，身份证号******************。邮箱********************。\n"
    "Card: **************** / **************** IP ********** end\n"
    "Intl ****************, *****************, office ************.\n"
    "Negatives: ts=1700000000123 v1.2.3 ORD0012345678 2024-03-14 id=1001\n"
    "中文文本保持不变。"
)
RAW_VALUES = ["alice@example.com", "13812345678", "13912345678", "440305195907210501",
              "bob.wang@example.org", "6222908301661313", "4860913909960309", "192.0.2.10",
              "7946 0958", "138 1234 5678", "010-62345678"]

# Custom detectors that mark CJK and multi-byte characters: a marked 3-byte
# character becomes U+FF0A '＊' (3 bytes); any other marked byte '*'.
POLICY = """\
[global]
default = redact
detectors = all
[detector:codename]
pattern = 代号[\\p{Han}]{2}
[detector:mixed]
pattern = CODE-[\\p{Han}]{2}
[detector:tagged]
pattern = NAME=[^ \\n]+
[detector:employee_id]
pattern = EMP-(?<num>[0-9]{6})
group = num
"""
CJK_RAW = ("行动代号青龙开始。\n"
           "CODE-绝密 done\n"
           "NAME=Joé😀 ok\n"
           "staff EMP-123456, mail carol@example.com\n")
CJK_MASKED = ("行动＊＊＊＊开始。\n"
              "*****＊＊ done\n"
              # NAME= begins its line: the value is the rest of it (.env, INI)
              "****************\n"
              "staff EMP-******, mail *****************\n")


def check_help(t):
    p = mount.run([mount.binaries().redactfs, "-h"], timeout=20)
    out = (p.stdout + p.stderr).decode(errors="replace")
    t.ok(p.returncode == 0 and "usage" in out.lower() and "policy" in out,
         "redactfs -h exits 0 and shows usage with the policy option",
         "rc=%s\n%s" % (p.returncode, out[-1500:]))
    p = mount.run([mount.binaries().redactfs, "-V"], timeout=20)
    out = (p.stdout + p.stderr).decode(errors="replace")
    t.ok(p.returncode == 0 and "redactfs" in out and any(c.isdigit() for c in out),
         "redactfs -V exits 0 and prints its version", "rc=%s\n%s" % (p.returncode, out))


def check_bad_usage(t, w):
    rc, out, was = mount.redactfs_fails_to_mount(w.src, w.mnt, ["-f", w.src])
    t.ok(rc not in (0, None) and not was, "redactfs without a mountpoint exits non-zero",
         "rc=%s mounted=%s\n%s" % (rc, was, out[-1000:]))
    notdir = w.path("plainfile")
    with open(notdir, "w") as f:
        f.write("x")
    rc, out, was = mount.redactfs_fails_to_mount(notdir, w.mnt, ["-f", notdir, w.mnt])
    t.ok(rc not in (0, None) and not was,
         "redactfs with a SOURCE that is not a directory exits non-zero, mounts nothing",
         "rc=%s mounted=%s\n%s" % (rc, was, out[-1000:]))
    rc, out, was = mount.redactfs_fails_to_mount(w.src, w.mnt,
                                                 ["-f", "-o", "policy=" + w.path("nope.ini"),
                                                  w.src, w.mnt])
    t.ok(rc not in (0, None) and not was and "nope.ini" in out,
         "redactfs with a missing policy file exits non-zero naming it",
         "rc=%s mounted=%s\n%s" % (rc, was, out[-1000:]))


def check_daemonize(t, w):
    """Without -f, redactfs mounts, goes to the background and returns 0."""
    w.write("bg.txt", "bg alice@example.com\n")
    try:
        p = mount.run([mount.binaries().redactfs, w.src, w.mnt], timeout=30)
        t.ok(p.returncode == 0 and mount.mounted(w.mnt),
             "without -f redactfs returns 0 with the mount up (daemonized)",
             "rc=%s mounted=%s %s" % (p.returncode, mount.mounted(w.mnt), p.stderr.decode()[-500:]))
        if mount.mounted(w.mnt):
            rc, got, err = mount.read_bytes(os.path.join(w.mnt, "bg.txt"))
            t.eq(got, b"bg *****************\n", "the daemonized mount serves redacted bytes")
    finally:
        if mount.mounted(w.mnt):
            mount.run(["fusermount3", "-u", w.mnt], timeout=20)
        if mount.mounted(w.mnt):
            mount.run(["fusermount3", "-u", "-z", w.mnt], timeout=20)
    t.ok(not mount.mounted(w.mnt), "fusermount3 -u unmounts the daemonized mount")
    os.unlink(os.path.join(w.src, "bg.txt"))


def check_mask(t, w):
    assert cn_id_ok("440305195907210501")
    assert luhn_ok("6222908301661313") and luhn_ok("4860913909960309")
    assert len(RAW.encode()) == len(MASKED.encode())
    src = w.write("one.txt", RAW)
    with mount.Mount(t, w.src, w.mnt, secrets=RAW_VALUES, label="default policy") as m:
        rc, got, err = mount.read_bytes(m.p("one.txt"))
        t.ok(rc == 0, "cat of a text file through the mount works", err)
        t.eq(got, MASKED.encode(), "built-in detectors: masked text equals the hand-written form")
        st = mount.call(os.stat, m.p("one.txt"))
        t.eq(st.st_size, os.path.getsize(src), "st_size through the mount equals the source size")
        t.eq(len(got), st.st_size, "bytes read to EOF equal st_size")
        t.ok(not any(v.encode() in got for v in RAW_VALUES), "no raw value in what was read")

    w.write("cjk.txt", CJK_RAW)
    pol = w.path("cjk.ini")
    with open(pol, "w", encoding="utf-8") as f:
        f.write(POLICY)
    assert len(CJK_RAW.encode()) == len(CJK_MASKED.encode())
    with mount.Mount(t, w.src, w.mnt, policy=pol, label="custom detectors") as m:
        rc, got, err = mount.read_bytes(m.p("cjk.txt"))
        t.eq(got, CJK_MASKED.encode(),
             "CJK in a masked span becomes U+FF0A, other bytes '*', group masks only the group")
        st = mount.call(os.stat, m.p("cjk.txt"))
        t.eq(st.st_size, len(CJK_RAW.encode()), "st_size with multi-byte masks equals source size")
        t.eq(len(got), st.st_size, "bytes read to EOF equal st_size (multi-byte masks)")


def check_sizes(t, w):
    """(3) st_size equals the bytes read to EOF for sizes around the page
    and block boundaries."""
    rng = random.Random(3)
    sizes = [0, 1, 4095, 4096, 4097, 8191, 8192, 8193, 12288 + 17, 70000, 1 << 20]
    for n in sizes:
        data, _ = big_text(rng, n) if n else (b"", [])
        w.write("sizes/f%d.txt" % n, data)
    with mount.Mount(t, w.src, w.mnt, label="sizes") as m:
        bad = []
        for n in sizes:
            path = m.p("sizes/f%d.txt" % n)
            st = mount.call(os.stat, path)
            rc, got, err = mount.read_bytes(path)
            if not (rc == 0 and st.st_size == n and len(got) == n):
                bad.append("f%d: rc=%s st_size=%s read=%s %s" % (n, rc, st.st_size, len(got), err))
        t.ok(not bad, "st_size == source size == bytes read to EOF for %d sizes (0 .. 1 MiB)"
             % len(sizes), "\n".join(bad))


def body(t):
    check_help(t)
    with mount.Workdir() as w:
        with t.guard("bad usage"):
            check_bad_usage(t, w)
        with t.guard("daemonize"):
            check_daemonize(t, w)
        with t.guard("mask keeps length"):
            check_mask(t, w)
        with t.guard("sizes"):
            check_sizes(t, w)


tap.main(body)

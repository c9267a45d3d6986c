#!/usr/bin/env python3
"""test_status.py — the administrator's status view (`redactfs status`).

Requirement covered (issue 6): a status view shown by `redactfs status
MOUNTPOINT` (the root's user.redactfs.status attribute): the policy file and
its load time, counts of opens served redacted / raw / denied, values
masked per detector; never a raw value (and no file name).

One mount with a policy that redacts, allows, denies, hides, denies a
binary file and defines a custom detector. The test opens each kind of
file a known number of times and checks, against counts written here by
hand:
- the policy path, and a load time (ISO 8601 UTC) inside the test's window;
- opens redacted / raw / denied / failed and reads failed;
- values per detector: contacts.txt holds 3 e-mail addresses and 2 mobile
  numbers, staff_notes.txt 2 employee numbers (custom detector emp); a
  raw-served e-mail is not counted; a file still open is counted, and
  counted once when it is closed;
- the text has only the documented keys, none of the raw values and none
  of the file names;
- after `redactfs reload` with a changed policy: a new load time, "1 ok",
  the counters kept, and a handle whose path the new policy denies reads
  EIO, which is counted; after a refused reload the load time stays;
- another user (allow_other) gets EACCES; a directory that is no redactfs
  mount root makes `redactfs status` exit 1 with a message; the attribute
  is not listed.

A second mount checks the counts at the edges, again against numbers
written here by hand:
- an open that SOURCE fails (the file removed, or replaced by a symlink,
  between the lookup and the open) is counted as failed;
- a per-caller file (unmask_uids) opened by an unmasked caller (root here)
  is counted raw, and the masked pages another caller's mmap of it gets
  count their 2 e-mail addresses;
- a read whose scan fails (EIO: a custom detector hits pcre2's match limit
  on a run of 'a's) counts none of the 3 e-mail addresses in its block, and
  once the file is rewritten in place the same handle's read counts the
  block's 4 e-mail addresses, once.
- values replaced or removed (reads that change the length) are counted
  like masked ones: 2 replaced and 1 removed e-mail address.
"""
import datetime
import errno
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import make_email, make_mobile  # noqa: E402

OTHER = 4244

POLICY_A = """\
[global]
default = redact
binary = deny
[path:/pub/**]
mode = allow
[path:/sec/**]
mode = deny
[path:/priv/**]
mode = hide
[detector:emp]
pattern = EMP-[0-9]{6}
description = invented employee numbers
"""
# B: /pub is denied from now on.
POLICY_B = POLICY_A.replace("[path:/pub/**]\nmode = allow", "[path:/pub/**]\nmode = deny")
BAD = "[global]\ndefault = redact\nno_such_key = 1\n"
# The edges: /pc is per-caller (root reads it raw); slow makes the engine
# fail (EIO) on a run of 'a's, as in test_engine_error.py.
POLICY_EDGES = """\
[global]
default = redact
[path:/pc/**]
unmask_uids = 0
[path:/rep/**]
action = replace
[path:/rem/**]
action = remove
[detector:slow]
pattern = (?:a|aa)+(?:a|aa)+(?:a|aa)+[cd]
description = backtracks on a run of a's until the match limit
"""

KEYS = {"policy", "policy loaded", "reloads", "names", "opens redacted", "opens raw", "opens denied",
        "opens failed", "reads failed", "size passes"}
FILE_NAMES = ["contacts.txt", "staff_notes.txt", "readme.txt", "secret_plan.txt",
              "photo.bin", "hidden_list.txt"]


def status(mnt):
    """`redactfs status MNT`: (rc, stdout text, stderr text)."""
    p = mount.run([mount.binaries().redactfs, "status", mnt], timeout=30)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def parse(text):
    """key: value lines into (dict of the fixed keys, dict of values per
    detector, list of lines that fit neither)."""
    fixed, values, odd = {}, {}, []
    for line in text.splitlines():
        key, sep, val = line.partition(": ")
        if sep and key.startswith("values ") and val.isdigit():
            values[key[len("values "):]] = int(val)
        elif sep and key in KEYS:
            fixed[key] = val
        else:
            odd.append(line)
    return fixed, values, odd


def loaded_at(fixed):
    """The load time as seconds since the epoch (it must end in Z: UTC)."""
    s = fixed.get("policy loaded", "")
    if not s.endswith("Z"):
        return None
    when = datetime.datetime.strptime(s[:-1], "%Y-%m-%dT%H:%M:%S.%f")
    return when.replace(tzinfo=datetime.timezone.utc).timestamp()


def counts(fixed):
    return tuple(fixed.get(k) for k in ("opens redacted", "opens raw", "opens denied",
                                         "opens failed", "reads failed"))


def read_open(f):
    f.seek(0)
    return f.read()


# The whole file PATH through a MAP_PRIVATE mapping (page-cache fills), to
# stdout; run as another caller.
MAPPED = """
import mmap, sys
with open(sys.argv[1], "rb") as f:
    with mmap.mmap(f.fileno(), 0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ) as mm:
        sys.stdout.buffer.write(mm[:])
"""


def open_after_change(t, m, w, rel, change, want_errno, what):
    """Looks rel up through the mount, changes it in SOURCE with change(path),
    then opens it through the mount while the kernel still has the name
    cached (entry_timeout 1 s): the open reaches the daemon, whose open of
    the SOURCE file fails with want_errno."""
    for _ in range(3):
        w.write(rel, "Nothing to mask here.\n")
        t0 = time.monotonic()
        mount.call(os.stat, m.p(rel))
        change(os.path.join(w.src, rel))
        e = mount.errno_of(lambda: os.close(os.open(m.p(rel), os.O_RDONLY)))
        fast = time.monotonic() - t0 < 0.8
        if os.path.lexists(os.path.join(w.src, rel)):
            os.unlink(os.path.join(w.src, rel))
        if fast:
            break
    t.ok(fast and e == want_errno, "%s: the open fails with %s" % (what, mount.ename(want_errno)),
         "%s%s" % (mount.ename(e), "" if fast else "; too slow for the cached name"))


def body(t):
    rng = random.Random(6006)
    emails = [make_email(rng) for _ in range(3)]
    phones = [make_mobile(rng) for _ in range(2)]
    emps = ["EMP-%06d" % rng.randrange(10**6) for _ in range(2)]
    pub_email = make_email(rng)
    # By hand: 3 e-mail addresses and 2 mobile numbers, nothing else a
    # detector looks for (no field names, no cue words).
    contacts = ("Please forward the minutes to %s and to %s before Friday.\n"
                "Also copy %s on the thread.\n"
                "The desk line is %s and the backup line is %s.\n"
                % (emails[0], emails[1], emails[2], phones[0], phones[1]))
    notes = "Badge %s was issued; badge %s is pending.\n" % (emps[0], emps[1])
    readme = "Public notes. Questions go to %s.\n" % pub_email
    secrets = emails + phones + emps
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        pol = w.path("policy.ini")
        with open(pol, "w") as f:
            f.write(POLICY_A)
        w.write("r/contacts.txt", contacts)
        w.write("r/staff_notes.txt", notes)
        w.write("r/photo.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64)
        w.write("pub/readme.txt", readme)
        w.write("sec/secret_plan.txt", contacts)
        w.write("priv/hidden_list.txt", contacts)
        t0 = time.time()
        with t.guard("status"), mount.Mount(t, w.src, w.mnt, policy=pol, opts=["allow_other"],
                                            secrets=secrets, label="status") as m:
            rc, text, err = status(w.mnt)
            t1 = time.time()
            fixed, values, odd = parse(text)
            t.ok(rc == 0, "redactfs status MOUNTPOINT exits 0", err)
            t.eq(fixed.get("policy"), pol, "the status names the policy file")
            when = loaded_at(fixed)
            t.ok(when is not None and t0 - 0.002 <= when <= t1 + 0.002,
                 "the load time is ISO 8601 UTC within the test's window",
                 "%r not in [%f, %f]" % (fixed.get("policy loaded"), t0, t1))
            t.eq(fixed.get("reloads"), "0 none", "no reload yet")
            t.eq(fixed.get("names"), "masked", "names are masked (the default)")
            t.eq(counts(fixed), ("0", "0", "0", "0", "0"), "no open and no read counted yet")
            t.eq(values, {}, "no value counted yet")

            # One open served redacted: the mount's bytes are redact's.
            rc, got, err = mount.read_bytes(m.p("r/contacts.txt"))
            _, want, _ = mount.redact_bytes(os.path.join(w.src, "r/contacts.txt"),
                                            "/r/contacts.txt", pol)
            t.ok(rc == 0 and got == want and got != contacts.encode(),
                 "contacts.txt is served redacted, as redact prints it", err)

            # A file held open counts at once, and once.
            f = mount.call(open, m.p("r/staff_notes.txt"), "rb")
            try:
                got = mount.call(read_open, f)
                t.ok(all(e.encode() not in got for e in emps), "staff_notes.txt is redacted")
                _, text, _ = status(w.mnt)
                t.eq(parse(text)[1].get("emp"), 2,
                     "a file still open: its 2 employee numbers are counted already")
            finally:
                mount.call(f.close)
            _, text, _ = status(w.mnt)
            t.eq(parse(text)[1].get("emp"), 2, "once it is closed they are counted once")

            rc, got, err = mount.read_bytes(m.p("pub/readme.txt"))
            t.eq(got, readme.encode(), "readme.txt is served raw (allow)")
            rc, got, err = mount.read_bytes(m.p("sec/secret_plan.txt"))
            t.ok(rc != 0 and got == b"", "secret_plan.txt is denied", err)
            rc, got, err = mount.read_bytes(m.p("r/photo.bin"))
            t.ok(rc != 0 and got == b"", "photo.bin is denied (binary = deny)", err)
            e = mount.errno_of(os.stat, m.p("priv/hidden_list.txt"))
            t.ok(e == errno.ENOENT, "hidden_list.txt is hidden (never opened)", mount.ename(e))

            rc, text, err = status(w.mnt)
            fixed, values, odd = parse(text)
            # By hand: contacts + staff_notes redacted; readme raw;
            # secret_plan and photo denied; nothing failed.
            t.eq(counts(fixed), ("2", "1", "2", "0", "0"),
                 "opens redacted 2, raw 1, denied 2, failed 0; reads failed 0")
            t.eq(values, {"email": 3, "phone": 2, "emp": 2},
                 "values: email 3, phone 2, emp 2 (the raw readme's e-mail not counted)")
            t.eq(odd, [], "no line but the documented keys")
            leaked = [s for s in secrets + [pub_email] if s in text]
            t.ok(not leaked, "the status holds no raw value", "%d leaked" % len(leaked))
            named = [n for n in FILE_NAMES if n in text]
            t.ok(not named, "the status holds no file name", ", ".join(named))

            # Reload: /pub becomes denied. A handle opened before reads EIO.
            g = mount.call(open, m.p("pub/readme.txt"), "rb")
            try:
                t.eq(mount.call(read_open, g), readme.encode(), "a raw handle held open")
                before = loaded_at(fixed)
                time.sleep(0.01)
                with open(pol, "w") as f:
                    f.write(POLICY_B)
                r0 = time.time()
                p = mount.run([mount.binaries().redactfs, "reload", w.mnt], timeout=30)
                t.ok(p.returncode == 0, "redactfs reload with the changed policy exits 0",
                     p.stderr.decode(errors="replace"))
                e = mount.errno_of(os.pread, g.fileno(), 4096, 0)
                t.ok(e == errno.EIO, "the held raw handle now reads EIO", mount.ename(e))
            finally:
                mount.call(g.close)
            rc, got, err = mount.read_bytes(m.p("pub/readme.txt"))
            t.ok(rc != 0 and got == b"", "readme.txt is denied after the reload", err)
            rc, text, err = status(w.mnt)
            r1 = time.time()
            fixed, values, odd = parse(text)
            when = loaded_at(fixed)
            t.ok(when is not None and when > before and r0 - 0.002 <= when <= r1 + 0.002,
                 "after the reload the load time is the reload's",
                 "%r, before %r, window [%f, %f]" % (fixed.get("policy loaded"), before, r0, r1))
            t.eq(fixed.get("reloads"), "1 ok", "the reload is counted")
            # By hand: + the held readme open (raw), + the denied readme
            # open. "reads failed" counts read requests answered EIO: the
            # kernel tries a page read that failed once more, so the one
            # pread above makes 1 or 2.
            t.eq(counts(fixed)[:4], ("2", "2", "3", "0"),
                 "counters kept over the reload: redacted 2, raw 2, denied 3, failed 0")
            t.ok(fixed.get("reads failed") in ("1", "2"),
                 "the EIO read is counted (1 request, or 2 when the kernel retried it)",
                 fixed.get("reads failed"))
            t.eq(values, {"email": 3, "phone": 2, "emp": 2}, "values kept over the reload")

            # A refused reload leaves the policy in force and its load time.
            with open(pol, "w") as f:
                f.write(BAD)
            p = mount.run([mount.binaries().redactfs, "reload", w.mnt], timeout=30)
            t.ok(p.returncode == 1, "a bad policy is refused", p.stderr.decode(errors="replace"))
            _, text, _ = status(w.mnt)
            fixed2 = parse(text)[0]
            t.eq(fixed2.get("reloads"), "2 failed", "the refused reload shows as failed")
            t.eq(fixed2.get("policy loaded"), fixed.get("policy loaded"),
                 "a refused reload keeps the load time of the policy in force")

            # Only root and the user who mounted may read it.
            code = ("import os, sys\n"
                    "try:\n"
                    "    os.getxattr(sys.argv[1], 'user.redactfs.status')\n"
                    "    print('read')\n"
                    "except OSError as e:\n"
                    "    print(e.errno)\n")
            p = mount.run(mount.as_user(OTHER) + [mount.SYS_PYTHON, "-c", code, w.mnt])
            t.eq(p.stdout.decode().strip(), str(errno.EACCES),
                 "another user (allow_other) gets EACCES")
            t.ok("user.redactfs.status" not in mount.call(os.listxattr, w.mnt),
                 "the status attribute is not listed")

            rc, text, err = status(m.p("r"))
            t.ok(rc == 1 and "not the root of a redactfs mount" in err and text == "",
                 "a directory inside the mount is no mount root: exit 1", err)
        rc, text, err = status(w.src)
        t.ok(rc == 1 and "not the root of a redactfs mount" in err and text == "",
             "redactfs status of a plain directory exits 1 with a message", err)
    edges(t)


def edges(t):
    rng = random.Random(6007)
    emails = [make_email(rng) for _ in range(6)]
    # By hand: 2 e-mail addresses, nothing else a detector looks for.
    percaller = "Forward the minutes to %s and to %s.\n" % (emails[0], emails[1])
    # The first version holds 3 e-mail addresses and fails to scan (a run of
    # 'a's for slow); the second, the same length, holds 4 and 'x's.
    failing = "Copy %s, %s and %s. " % tuple(emails[2:5]) + "a" * 3000 + "\n"
    fixed = "Copy %s, %s, %s and %s. " % tuple(emails[2:6])
    fixed += "x" * (len(failing) - len(fixed) - 1) + "\n"
    with mount.Workdir() as w:
        pol = w.path("edges.ini")
        with open(pol, "w") as f:
            f.write(POLICY_EDGES)
        w.write("pc/list.txt", percaller)
        w.write("r/slow.txt", failing)
        src_slow = os.path.join(w.src, "r/slow.txt")
        mount.open_to_all(w.base)
        with t.guard("status edges"), mount.Mount(t, w.src, w.mnt, policy=pol, secrets=emails,
                                                  opts=["allow_other"],
                                                  label="status edges") as m:
            # SOURCE fails the open: counted as failed (not denied, not
            # lost), and no raw, redacted or denied open is counted.
            open_after_change(t, m, w, "r/gone.txt", os.unlink, errno.ENOENT,
                              "a file removed after the lookup")

            def to_symlink(path):
                os.unlink(path)
                os.symlink("elsewhere.txt", path)
            open_after_change(t, m, w, "r/link.txt", to_symlink, errno.ELOOP,
                              "a file replaced by a symlink after the lookup")
            fixed_keys, values, _ = parse(status(w.mnt)[1])
            t.eq(counts(fixed_keys), ("0", "0", "0", "2", "0"),
                 "the two opens SOURCE failed are counted as failed, nothing else")

            # Per-caller: root is unmasked and reads raw with read(2);
            # another caller's mmap gets masked page-cache fills.
            _, want_masked, err = mount.redact_bytes(os.path.join(w.src, "pc/list.txt"),
                                                     "/pc/list.txt", pol)
            t.ok(want_masked != percaller.encode() and emails[0].encode() not in want_masked,
                 "redact masks list.txt (the view of a caller not unmasked)", err)
            f = mount.call(open, m.p("pc/list.txt"), "rb")
            try:
                t.eq(mount.call(read_open, f), percaller.encode(),
                     "root (unmask_uids) reads list.txt raw with read(2)")
            finally:
                mount.call(f.close)
            fixed_keys, values, _ = parse(status(w.mnt)[1])
            t.eq(counts(fixed_keys), ("0", "1", "0", "2", "0"), "its open is counted raw")
            t.eq(values, {}, "a raw read counts no value")
            p = mount.run(mount.as_user(OTHER) + [mount.SYS_PYTHON, "-c", MAPPED,
                                                  m.p("pc/list.txt")])
            t.ok(p.stdout == want_masked, "another caller's mmap of it gets the masked view",
                 p.stderr.decode(errors="replace"))
            fixed_keys, values, _ = parse(status(w.mnt)[1])
            t.eq(counts(fixed_keys), ("1", "1", "0", "2", "0"), "that open is counted redacted")
            t.eq(values, {"email": 2},
                 "the 2 e-mail addresses masked in its mapped pages are counted")

            # A failed scan counts nothing; the same block scanned later
            # (the file rewritten in place) counts its 4 e-mails, once.
            g = mount.call(open, m.p("r/slow.txt"), "rb")
            try:
                e = mount.errno_of(os.pread, g.fileno(), 4096, 0)
                t.ok(e == errno.EIO, "slow.txt: the engine fails, the read is EIO", mount.ename(e))
                fixed_keys, values, _ = parse(status(w.mnt)[1])
                t.eq(values, {"email": 2}, "the failed read counted none of its 3 e-mails")
                with open(src_slow, "r+b") as sf:
                    sf.write(fixed.encode())
                _, want, err = mount.redact_bytes(src_slow, "/r/slow.txt", pol)
                t.ok(emails[5].encode() not in want and len(want) == len(fixed),
                     "redact masks the rewritten slow.txt", err)
                t.eq(mount.call(os.pread, g.fileno(), 8192, 0), want,
                     "the same handle now reads the rewritten file redacted")
                t.eq(mount.call(os.pread, g.fileno(), 8192, 0), want, "and again")
            finally:
                mount.call(g.close)
            fixed_keys, values, _ = parse(status(w.mnt)[1])
            t.eq(values, {"email": 6},
                 "the block's 4 e-mails are counted once after its good scan (2 + 4)")
            t.eq(counts(fixed_keys)[:4], ("2", "1", "0", "2"),
                 "opens: redacted 2 (the mapping, slow.txt), raw 1, denied 0, failed 2")
            t.ok(fixed_keys.get("reads failed") in ("1", "2"),
                 "the EIO read is counted (1 request, or 2 when the kernel retried it)",
                 fixed_keys.get("reads failed"))

            # replace and remove change the length (the sized path): their
            # values are counted like the others, once per value read.
            w.write("rep/two.txt", "To %s and %s.\n" % (emails[0], emails[1]))
            w.write("rem/one.txt", "From %s only.\n" % emails[2])
            for rel, count in (("rep/two.txt", 2), ("rem/one.txt", 1)):
                _, want, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, pol)
                rc, got, err = mount.read_bytes(m.p(rel))
                t.ok(rc == 0 and got == want and len(want) != os.path.getsize(
                    os.path.join(w.src, rel)), "%s reads as redact prints it, "
                     "its length changed" % rel, err)
            fixed_keys, values, _ = parse(status(w.mnt)[1])
            t.eq(values, {"email": 9},
                 "the 2 replaced and 1 removed e-mail addresses are counted (6 + 3)")


tap.main(body)

#!/usr/bin/env python3
"""test_examples.py — the shipped example (examples/data + examples/policy.ini)
behaves as README and demo.sh say: what a consumer sees through the mount.

Uses a COPY of examples/data (SOURCE must never be written, and the test
must not depend on the checkout being writable), and a copy of policy.ini
with mode 0644: the loader refuses a group-writable policy, which is what a
checkout made under umask 002 has.
"""
import errno
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import cn_id_ok, luhn_ok  # noqa: E402

# Row 1001 of customers.csv, masked: written by hand from the raw row
# 1001,Alice Chen,陈爱丽,alice.chen@example.com,+44 20 7946 0175,17649121035,
# 310104198704078392,6254255503491060,EMP-003487
# (the employee column is a field by its meaning, a role: masked whole, not
# only the digits the employee_id detector masks elsewhere)
ROW_1001 = ("1001,**********,＊＊＊,**********************,****************,***********,"
            "******************,****************,**********")
HEADER = "id,name,姓名,email,phone,手机,id_card,card,employee"


def raw_values_of_csv(text):
    vals = []
    for line in text.splitlines()[1:]:
        f = line.split(",")
        vals += [f[3], f[4], f[5], f[6], f[7], f[8][4:]]
    return vals


def body(t):
    data = os.path.join(mount.binaries().examples, "data")
    with mount.Workdir() as w:
        os.rmdir(w.src)
        shutil.copytree(data, w.src, symlinks=True)
        policy = w.path("policy.ini")
        shutil.copyfile(os.path.join(mount.binaries().examples, "policy.ini"), policy)
        os.chmod(policy, 0o644)
        p = mount.run([mount.binaries().redact, "--check", "-p", policy])
        t.ok(p.returncode == 0, "redact --check accepts examples/policy.ini",
             (p.stdout + p.stderr).decode(errors="replace"))
        csv_raw = open(os.path.join(w.src, "exports/customers.csv"), encoding="utf-8").read()
        secrets = raw_values_of_csv(csv_raw)
        t.ok(len(secrets) == 72, "customers.csv has 12 rows of values", str(len(secrets)))
        for v in secrets:
            if re.fullmatch(r"[0-9]{17}[0-9X]", v):
                assert cn_id_ok(v), "invalid ID check digit in the example data"
            elif re.fullmatch(r"[0-9]{16,19}", v):
                assert luhn_ok(v), "invalid card in the example data"
        with t.guard("example mount"), mount.Mount(t, w.src, w.mnt, policy=policy,
                                                   secrets=secrets, label="examples") as m:
            top = sorted(mount.call(os.listdir, w.mnt))
            t.eq(top, ["archive.gz", "exports", "logs", "public", "reports", "secret"],
                 "top level lists everything but the hidden /private")
            p = mount.run(["ls", "-lR", w.mnt])
            t.ok(p.returncode == 1 and b"customers.csv" in p.stdout and b"secret" in p.stdout
                 and b"private" not in p.stdout and b"notes.txt" not in p.stdout,
                 "ls -lR lists all but /private, fails only on the denied /secret",
                 "rc=%s\n%s" % (p.returncode, p.stdout.decode(errors="replace")[-1500:]))
            e = mount.errno_of(os.listdir, m.p("secret"))
            t.ok(e == errno.EACCES, "the denied directory /secret cannot be listed: EACCES",
                 mount.ename(e))

            reports = sorted(mount.call(os.listdir, m.p("reports")))
            t.eq(reports, ["judgment.txt", "＊＊_体检报告.txt"],
                 "reports/ lists the checkup report by its masked name (names = redact)")
            exports = sorted(mount.call(os.listdir, m.p("exports")))
            t.ok("customer_******************.csv" in exports and
                 not any("11010519491231002X" in n for n in exports),
                 "exports/ shows the customer's ID in a file name masked", repr(exports))
            e = mount.errno_of(os.stat, m.p("reports/王芳_体检报告.txt"))
            t.eq(e, errno.ENOENT, "the real name answers ENOENT")
            rc, got, err = mount.read_bytes(m.p("exports/customers.csv"))
            rc2, want, err2 = mount.redact_bytes(os.path.join(w.src, "exports/customers.csv"),
                                                 "/exports/customers.csv", policy=policy)
            t.eq(got, want, "customers.csv equals `redact -p policy.ini --path /exports/...`")
            lines = got.decode("utf-8", errors="replace").splitlines()
            t.eq(lines[:2], [HEADER, ROW_1001],
                 "customers.csv: header kept, row 1001 masked as written by hand")
            t.ok(not [v for v in secrets if v.encode() in got],
                 "customers.csv through the mount holds no raw value")

            for rel in ("logs/app.log", "reports/judgment.txt"):
                rc, got, err = mount.read_bytes(m.p(rel))
                rc2, want, err2 = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel,
                                                     policy=policy)
                t.eq(got, want, "/%s equals redact output" % rel)
                t.ok(rc == 0 and got != open(os.path.join(w.src, rel), "rb").read(),
                     "/%s is served and something in it is masked" % rel)
            log = mount.read_bytes(m.p("logs/app.log"))[1].decode()
            raw_log = open(os.path.join(w.src, "logs/app.log"), encoding="utf-8").read()
            for pat, what in ((r"\b(?:\d{1,3}\.){3}\d{1,3}\b", "IPv4 addresses"),
                              (r"[\w.]+@example\.(?:com|org)", "e-mails"),
                              (r"\+86 1\d\d \d{4} \d{4}", "+86 mobiles"),
                              (r"010-\d{8}", "Beijing landlines"),
                              (r"\+44\d{10}", "UK numbers"),
                              (r"card=\d{16}", "card numbers")):
                n = len(re.findall(pat, raw_log))
                t.ok(n > 0 and not re.search(pat, log),
                     "app.log: all %d %s are masked" % (n, what))
            for pat, what in ((r"ts=\d{13}\b", "epoch-ms timestamps"),
                              (r"ORD\d{10}", "order numbers"),
                              (r"v\d+\.\d+\.\d+", "version strings"),
                              (r"^2024-03-14 \d\d:\d\d:\d\d", "log timestamps")):
                raw_hits = re.findall(pat, raw_log, re.M)
                t.ok(raw_hits and raw_hits == re.findall(pat, log, re.M),
                     "app.log: %s are left as they are (hard negatives)" % what)
            rep = mount.read_bytes(m.p("reports/judgment.txt"))[1].decode()
            t.ok(re.search(r"身份证号\*{18}，手机\*{11}，邮箱\*{17}。", rep) is not None,
                 "judgment.txt: values glued to Chinese text are masked")
            t.ok("民法典" in rep and "第一千零三十四条" in rep, "judgment.txt: plain text kept")

            t.eq(mount.read_bytes(m.p("public/README.txt"))[1],
                 open(os.path.join(w.src, "public/README.txt"), "rb").read(),
                 "/public/README.txt is served raw (mode allow)")
            for rel in ("secret/salaries.csv", "archive.gz"):
                e = mount.errno_of(lambda: open(m.p(rel), "rb").read())
                t.ok(e == errno.EACCES, "/%s: open fails with EACCES" % rel, mount.ename(e))
            e = mount.errno_of(os.stat, m.p("private/notes.txt"))
            t.ok(e == errno.ENOENT, "/private/notes.txt is ENOENT (hidden)", mount.ename(e))


tap.main(body)

#!/usr/bin/env python3
"""test_uses.py — the three example policies of examples/policies/ do what
their comments and the README's "Example policies" section promise, on a
small invented tree each, through a real mount.

- contractors.ini: masked values, phones and cards partial (138****5678,
  last four digits of a card), /finance/* listed but EACCES, /hr hidden,
  /public raw, binary EACCES, an audit line per open (no values in it).
- analysts.ini: e-mails, phones and personal columns (customer_id too)
  pseudonymized with the key file; ID and card numbers masked; members of
  the unmask group read /exports/hr raw, others get the pseudonyms.
- sandbox.ini: everything masked, .env / *.pem / *.key / id_rsa* /
  id_ed25519* / .ssh hidden wherever they are, binary EACCES, no unmask.
- Pseudonym consistency (issue 4): the same SOURCE mounted twice with
  analysts.ini and the same key gives the same token for an e-mail in
  customers.csv and orders.csv and in both mounts; the token has the
  e-mail's length and shape; a third mount with another key gives other
  tokens.

Each policy is used as shipped, copied into a temp dir with mode 0644 (the
loader refuses a group- or other-writable policy, whatever the umask of the
checkout was). Only the group name `hr` of analysts.ini is replaced by a
number when no such group exists here, after checking that the shipped
file is then refused at that line. Expected outputs are written by hand or
come from `redact` (the one definition of output).
"""
import csv
import errno
import io
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
# Shared with test_samba.py and test_sqlite.py (the contractors' tree is
# mount.contractors_tree, its invented phone numbers mount.PHONE*).
from lib.mount import PHONE, analysts_policy_for_here, check_policy, install_policy  # noqa: E402
from lib.values import make_cn_id, make_email, make_ipv4, make_mobile  # noqa: E402


def listdir(path):
    return sorted(mount.call(os.listdir, path))


def open_errno(path):
    def rd():
        with open(path, "rb") as f:
            return f.read()
    return mount.errno_of(rd)


def src_bytes(w, rel):
    with open(os.path.join(w.src, rel), "rb") as f:
        return f.read()


def same_as_redact(t, m, w, rel, pol, label):
    """The mount serves exactly `redact -p POL --path /REL`; returns it."""
    rc, got, err = mount.read_bytes(m.p(rel))
    rc2, want, err2 = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, policy=pol)
    t.ok(rc == 0 and rc2 == 0, "%s: /%s is served" % (label, rel), err + err2)
    t.eq(got, want, "%s: /%s equals `redact -p POLICY --path /%s`" % (label, rel, rel))
    return got.decode("utf-8", errors="replace")


def no_raw(t, text, values, label):
    leaked = [v for v in values if v in text]
    t.ok(not leaked, "%s: no raw value" % label, "%d raw value(s) seen" % len(leaked))


# ---- contractors.ini -------------------------------------------------------

def contractors(t, rng):
    with mount.Workdir() as w:
        pol = install_policy(w, "contractors.ini", "etc")
        if not check_policy(t, pol, "contractors"):
            return
        tree = mount.contractors_tree(w, rng)
        secrets, public = tree.secrets, tree.public
        with t.guard("contractors mount"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                       secrets=secrets, label="contractors") as m:
            t.eq(listdir(w.mnt), ["finance", "public", "tickets"],
                 "contractors: /hr is not listed")
            for rel in ("hr", "hr/staff.csv"):
                e = mount.errno_of(os.stat, m.p(rel))
                t.ok(e == errno.ENOENT, "contractors: /%s is ENOENT (hide)" % rel, mount.ename(e))
            names = []
            e = mount.errno_of(lambda: names.extend(listdir(m.p("finance"))))
            t.ok(e == 0 and sorted(names) == ["budget.csv", "invoices.txt"],
                 "contractors: /finance itself can be listed (deny is on /finance/*)",
                 "%s %r" % (mount.ename(e), names))
            for rel in ("finance/budget.csv", "finance/invoices.txt"):
                e = open_errno(m.p(rel))
                t.ok(e == errno.EACCES, "contractors: /%s is EACCES (deny)" % rel, mount.ename(e))
            e = open_errno(m.p("tickets/photo.zip"))
            t.ok(e == errno.EACCES, "contractors: a zip file is EACCES (binary = deny)",
                 mount.ename(e))
            t.eq(mount.read_bytes(m.p("public/contact.txt"))[1], public.encode(),
                 "contractors: /public is served raw (allow)")

            got = same_as_redact(t, m, w, "tickets/4711.txt", pol, "contractors")
            t.eq(got, tree.ticket_masked, "contractors: phones 138****5678-style, card keeps "
                 "its last four, e-mail masked, order number kept")
            got = same_as_redact(t, m, w, "tickets/customers.csv", pol, "contractors")
            t.eq(got, tree.customers_masked,
                 "contractors: a phone column is the field detector's: fully masked")
            no_raw(t, got, secrets, "contractors: customers.csv")

        # The audit log: relative to the policy's directory; read after the
        # unmount, so that every line is written.
        log = w.path("etc", "audit.log")
        t.ok(os.path.isfile(log), "contractors: audit.log is created next to the policy")
        if os.path.isfile(log):
            text = open(log, encoding="utf-8", errors="replace").read()
            lines = []
            try:
                lines = [json.loads(x) for x in text.splitlines() if x.strip()]
                t.ok(True, "contractors: every audit line is JSON")
            except ValueError as ex:
                t.ok(False, "contractors: every audit line is JSON", str(ex))
            seen = {(x.get("path"), x.get("action")) for x in lines}
            for path, action in (("/tickets/4711.txt", "redacted"),
                                 ("/finance/budget.csv", "denied"),
                                 ("/public/contact.txt", "raw")):
                t.ok((path, action) in seen, "contractors: audit has %s %s" % (path, action),
                     text[-1500:])
            no_raw(t, text, secrets, "contractors: audit.log")
            st = os.stat(log)
            t.ok(st.st_mode & 0o077 == 0, "contractors: audit.log is closed to group and others",
                 oct(st.st_mode))


# ---- analysts.ini ----------------------------------------------------------

CUSTOMERS_HEADER = ["customer_id", "name", "姓名", "email", "phone", "id_card", "city"]
PEOPLE = [("Alice Chen", "陈爱丽"), ("Bob Li", "李博"), ("Carol Wang", "王卡罗"),
          ("David Zhou", "周大卫"), ("Erin Xu", "徐艾琳"), ("Frank Liu", "刘弗兰")]
CITIES = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu", "Suzhou"]


def analysts_data(rng):
    """customers.csv and orders.csv sharing e-mails and customer ids.
    Returns (customers text, orders text, raw values, e-mails)."""
    rows, emails, raw = [], [], []
    for i, (en, zh) in enumerate(PEOPLE):
        cid = "C-%06d" % rng.randrange(10 ** 6)
        email = make_email(rng)
        while email in emails:
            email = make_email(rng)
        phone = make_mobile(rng)
        cn_id = make_cn_id(rng)
        rows.append([cid, en, zh, email, phone, cn_id, CITIES[i]])
        emails.append(email)
        raw += [cid, en, zh, email, phone, cn_id]
    customers = ",".join(CUSTOMERS_HEADER) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    orders = "order_id,customer_id,email,amount\n"
    for k in range(12):
        r = rows[rng.randrange(len(rows))]
        orders += "ORD%010d,%s,%s,%d.%02d\n" % (rng.randrange(10 ** 10), r[0], r[3],
                                                 rng.randrange(1, 500), rng.randrange(100))
    return customers, orders, raw, emails


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def column(rows, name):
    i = rows[0].index(name)
    return [r[i] for r in rows[1:]]


def email_shape_ok(raw, tok):
    """Same length, '@' and separators in the same places, letters where
    letters were, digits where digits were; and not the raw value."""
    if len(raw) != len(tok) or raw == tok or tok.count("@") != 1:
        return False
    for a, b in zip(raw, tok):
        if a.isascii() and a.isalpha():
            if not (b.isascii() and b.isalpha()):
                return False
        elif a.isdigit():
            if not b.isdigit():
                return False
        elif a != b:
            return False
    return re.fullmatch(r"[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", tok) is not None


def analysts(t, rng):
    customers, orders, raw, emails = analysts_data(rng)
    hr_raw = "name,phone,salary\nGrace Sun,%s,9000\n" % make_mobile(rng)
    hr_secrets = ["Grace Sun", hr_raw.splitlines()[1].split(",")[1]]
    member, outsider = 4301, 4302
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        pol, gid = analysts_policy_for_here(t, w, "etc", bytes(rng.randrange(256)
                                                               for _ in range(32)))
        if not check_policy(t, pol, "analysts"):
            return
        w.write("exports/customers.csv", customers)
        w.write("exports/orders.csv", orders)
        w.write("exports/hr/staff.csv", hr_raw)
        with t.guard("analysts mount"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                    opts=["allow_other"], secrets=raw + hr_secrets,
                                                    label="analysts") as m:
            got = same_as_redact(t, m, w, "exports/customers.csv", pol, "analysts")
            no_raw(t, got, raw, "analysts: customers.csv")
            rows, raw_rows = csv_rows(got), csv_rows(customers)
            t.eq(rows[0], CUSTOMERS_HEADER, "analysts: the header is kept")
            t.eq([len(r) for r in rows], [len(r) for r in raw_rows],
                 "analysts: rows and columns are kept")
            for name, check, what in (
                    ("email", email_shape_ok, "e-mails: e-mail tokens of the same shape"),
                    ("phone", lambda a, b: len(b) == 11 and b.isdigit() and a != b,
                     "phones: 11-digit tokens"),
                    ("customer_id", lambda a, b: len(a) == len(b) and a != b
                     and re.fullmatch(r"[A-Z]-[0-9]{6}", b) is not None,
                     "customer_id (fields =): tokens of the same shape"),
                    ("姓名", lambda a, b: len(a) == len(b) and a != b
                     and all("\u4e00" <= c <= "\u9fff" for c in b),
                     "Chinese names: Chinese characters, same count"),
                    ("id_card", lambda a, b: b == "*" * len(a), "ID numbers: masked")):
                pairs = list(zip(column(raw_rows, name), column(rows, name)))
                t.ok(pairs and all(check(a, b) for a, b in pairs), "analysts: " + what,
                     "%d pairs" % len(pairs))
            t.eq(column(rows, "city"), column(raw_rows, "city"),
                 "analysts: a column that is not personal is kept")

            # Per-caller view of /exports/hr.
            rel = "exports/hr/staff.csv"
            rc, want, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, policy=pol)
            p = mount.run(mount.as_user(member, groups=(gid,)) + ["cat", "--", m.p(rel)],
                          timeout=30)
            t.eq(p.stdout, hr_raw.encode(),
                 "analysts: a member of the unmask group reads /exports/hr raw")
            p = mount.run(mount.as_user(outsider) + ["cat", "--", m.p(rel)], timeout=30)
            t.ok(rc == 0 and p.stdout == want and want != hr_raw.encode(),
                 "analysts: anyone else reads /exports/hr pseudonymized (= redact)",
                 p.stderr.decode(errors="replace") + err)
            no_raw(t, p.stdout.decode(errors="replace"), hr_secrets,
                   "analysts: /exports/hr for a non-member")
            p = mount.run(mount.as_user(member, groups=(gid,)) + ["cat", "--",
                                                                  m.p("exports/orders.csv")],
                          timeout=30)
            no_raw(t, p.stdout.decode(errors="replace"), raw,
                   "analysts: the unmask group reads other exports pseudonymized")


def consistency(t, rng):
    customers, orders, raw, emails = analysts_data(rng)
    key_a = bytes(rng.randrange(256) for _ in range(32))
    key_b = bytes((b + 1 + rng.randrange(255)) % 256 for b in key_a)
    with mount.Workdir() as w:
        pol_a, _ = analysts_policy_for_here(t, w, "a", key_a)
        pol_b, _ = analysts_policy_for_here(t, w, "b", key_b)
        if not (check_policy(t, pol_a, "key A") and check_policy(t, pol_b, "key B")):
            return
        w.write("exports/customers.csv", customers)
        w.write("exports/orders.csv", orders)
        mnts = [w.mnt, w.path("mnt2"), w.path("mnt3")]
        os.mkdir(mnts[1])
        os.mkdir(mnts[2])
        with t.guard("pseudonym consistency"), \
                mount.Mount(t, w.src, mnts[0], policy=pol_a, secrets=raw, label="key A, 1") as m1, \
                mount.Mount(t, w.src, mnts[1], policy=pol_a, secrets=raw, label="key A, 2") as m2, \
                mount.Mount(t, w.src, mnts[2], policy=pol_b, secrets=raw, label="key B") as m3:
            tokens = {}  # (mount label, file) -> {raw e-mail: set of tokens}
            for label, m in (("A1", m1), ("A2", m2), ("B", m3)):
                for rel, text in (("exports/customers.csv", customers),
                                  ("exports/orders.csv", orders)):
                    rc, got, err = mount.read_bytes(m.p(rel))
                    got = got.decode("utf-8", errors="replace")
                    t.ok(rc == 0 and len(got) == len(text),
                         "%s: /%s is served, same length" % (label, rel), err)
                    no_raw(t, got, raw, "%s: /%s" % (label, rel))
                    seen = {}
                    for a, b in zip(column(csv_rows(text), "email"),
                                    column(csv_rows(got), "email")):
                        seen.setdefault(a, set()).add(b)
                    tokens[(label, rel)] = seen
            a1c = tokens[("A1", "exports/customers.csv")]
            t.ok(sorted(a1c) == sorted(emails) and all(len(v) == 1 for v in a1c.values()),
                 "key A: one token per e-mail in customers.csv")
            ref = {e: next(iter(v)) for e, v in a1c.items()}
            t.ok(len(set(ref.values())) == len(ref),
                 "key A: different e-mails get different tokens")
            t.ok(all(email_shape_ok(e, tok) for e, tok in ref.items()),
                 "key A: each token has its e-mail's length and shape",
                 "\n".join("%d -> %d" % (len(e), len(tok)) for e, tok in ref.items()))
            for key in (("A1", "exports/orders.csv"), ("A2", "exports/customers.csv"),
                        ("A2", "exports/orders.csv")):
                seen = tokens[key]
                t.ok(seen and all(v == {ref[e]} for e, v in seen.items()),
                     "key A: %s %s has the same token for each e-mail" % key)
            b = {}
            for rel in ("exports/customers.csv", "exports/orders.csv"):
                for e, v in tokens[("B", rel)].items():
                    b.setdefault(e, set()).update(v)
            t.ok(all(len(v) == 1 for v in b.values()),
                 "key B: consistent within its mount too")
            t.ok(sorted(b) == sorted(emails) and all(ref[e] not in b[e] for e in b),
                 "key B: every e-mail gets a token other than with key A")
            t.ok(all(email_shape_ok(e, next(iter(v))) for e, v in b.items()),
                 "key B: tokens have the e-mails' length and shape")


# ---- sandbox.ini -----------------------------------------------------------

SANDBOX_HIDDEN = [".env", ".env.local", "app/config/.env", "certs/server.pem",
                  "certs/server.key", "deploy/id_rsa", "deploy/id_rsa.pub",
                  "deploy/id_ed25519", "home/.ssh", "home/.ssh/config"]


def sandbox(t, rng):
    email = make_email(rng)
    cn_id = make_cn_id(rng)
    ip = make_ipv4(rng)
    token = "sk_live_%032x" % rng.getrandbits(128)
    secrets = [email, cn_id, ip, PHONE, token]
    log = ("2024-03-14 10:00:01 login user=%s from %s\n"
           "2024-03-14 10:00:02 kyc id %s, phone %s ok\n" % (email, ip, cn_id, PHONE))
    with mount.Workdir() as w:
        pol = install_policy(w, "sandbox.ini", "etc")
        if not check_policy(t, pol, "sandbox"):
            return
        policy_lines = [x.strip() for x in open(pol, encoding="utf-8")
                        if x.strip() and not x.lstrip().startswith((";", "#"))]
        t.ok(not [x for x in policy_lines if x.startswith("unmask_")],
             "sandbox: nobody is unmasked (no unmask_uids / unmask_groups)")
        w.write("logs/app.log", log)
        w.write("app/main.py", "print('hello')  # maintainer %s\n" % email)
        w.write("app/data.db", b"SQLite format 3\x00" + b"\x00" * 100)
        for rel in SANDBOX_HIDDEN:
            if rel != "home/.ssh":
                w.write(rel, "SECRET=%s\n" % token)
        with t.guard("sandbox mount"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                                   secrets=secrets, label="sandbox") as m:
            got = same_as_redact(t, m, w, "logs/app.log", pol, "sandbox")
            want = ("2024-03-14 10:00:01 login user=%s from %s\n"
                    "2024-03-14 10:00:02 kyc id %s, phone %s ok\n"
                    % ("*" * len(email), "*" * len(ip), "*" * 18, "*" * 11))
            t.eq(got, want, "sandbox: e-mail, IP, ID and phone fully masked, timestamps kept")
            got = same_as_redact(t, m, w, "app/main.py", pol, "sandbox")
            t.ok(email not in got and "print('hello')" in got,
                 "sandbox: source code is served, the e-mail in it masked")
            e = open_errno(m.p("app/data.db"))
            t.ok(e == errno.EACCES, "sandbox: a binary file is EACCES", mount.ename(e))
            for rel in SANDBOX_HIDDEN:
                e = mount.errno_of(os.stat, m.p(rel))
                parent = os.path.dirname(rel)
                names = listdir(m.p(parent)) if parent != "home/.ssh" else []
                t.ok(e == errno.ENOENT and os.path.basename(rel) not in names,
                     "sandbox: /%s is hidden (ENOENT, not listed)" % rel, mount.ename(e))
            t.eq(listdir(w.mnt), ["app", "certs", "deploy", "home", "logs"],
                 "sandbox: the top level lists no .env")
            t.eq(listdir(m.p("home")), [], "sandbox: /home lists no .ssh")
            p = mount.run(["find", w.mnt], timeout=60)
            found = p.stdout.decode(errors="replace")
            t.ok(p.returncode == 0 and "main.py" in found
                 and not re.search(r"\.env|\.pem|\.key|id_rsa|id_ed25519|\.ssh", found),
                 "sandbox: find over the mount sees no secret file", found)
            p = mount.run(["grep", "-r", "-a", "--exclude=*.db", "-e", token, "-e", email,
                           "-e", PHONE, w.mnt], timeout=60)
            t.ok(p.returncode == 1 and p.stdout == b"",
                 "sandbox: grep -r finds no raw value anywhere (the denied binary left out)",
                 "rc=%d" % p.returncode)


def body(t):
    rng = random.Random(20240314)
    contractors(t, rng)
    analysts(t, rng)
    consistency(t, rng)
    sandbox(t, rng)


tap.main(body)

#!/usr/bin/env python3
"""test_audit.py — the audit trail (audit_log = PATH).

Requirement covered (issue 4, audit trail): one JSON line per open that
redacted, denied or served raw, with time (ISO-8601), uid, gid, pid, path,
mode and action of the caller; valid JSON (also for a file name with
quotes, backslashes, a newline and a byte that is not UTF-8); never a
value of the file. Each redacted file also gets a "close" line with the
values redacted per detector in what was read (each part counted once).
"""
import datetime
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

OTHER = 4243


def body(t):
    rng = random.Random(99)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        log = w.path("audit.jsonl")
        pol = w.path("policy.ini")
        with open(pol, "w") as f:
            f.write("[global]\ndefault = redact\naudit_log = %s\n"
                    "[path:/pub/**]\nmode = allow\n"
                    "[path:/secret/**]\nmode = deny\n" % log)
        text, used = big_text(rng, 4000)
        w.write("r.txt", text)
        # Known counts, written by hand: two e-mail addresses, one mobile.
        w.write("c.txt", b"to a@example.com and b@example.org, call 13812345678\n")
        w.write("pub/a.txt", text)
        w.write("secret/s.txt", text)
        w.write("bin.dat", b"\x00\x01" + text)
        weird = 'we"ird\\na\nme \xe4\xb8\xad.txt'.encode() + b"\xff"
        with open(os.path.join(w.src.encode(), weird), "wb") as f:
            f.write(text)
        with t.guard("audit"), mount.Mount(t, w.src, w.mnt, policy=pol, opts=["allow_other"],
                                           secrets=used, label="audit") as m:
            expect = []  # (uid, path, mode, action)
            for rel, mode, action, ok in (("r.txt", "redact", "redacted", True),
                                          ("pub/a.txt", "allow", "raw", True),
                                          ("secret/s.txt", "deny", "denied", False),
                                          ("bin.dat", "binary-deny", "denied", False)):
                rc, got, err = mount.read_bytes(m.p(rel))
                t.ok((rc == 0) == ok, "open of %s %s" % (rel, "succeeds" if ok else "fails"), err)
                expect.append((0, "/" + rel, mode, action))
            rc, got, err = mount.read_bytes(m.p("c.txt"))
            t.ok(rc == 0, "c.txt reads", err)
            expect.append((0, "/c.txt", "redact", "redacted"))
            p = mount.run(mount.as_user(OTHER) + ["cat", m.p("r.txt")])
            t.ok(p.returncode == 0, "uid %d opens r.txt" % OTHER, p.stderr)
            expect.append((OTHER, "/r.txt", "redact", "redacted"))
            p = mount.run(["cat", os.path.join(w.mnt.encode(), weird)])
            t.ok(p.returncode == 0, "the oddly named file opens", p.stderr)
            expect.append((0, "/" + weird.decode("latin-1"), "redact", "redacted"))

        with open(log, "rb") as f:
            raw = f.read()
        t.ok(oct(os.stat(log).st_mode & 0o777) == "0o600", "the audit log is mode 0600",
             oct(os.stat(log).st_mode))
        leaked = [v for v in used if v.encode() in raw]
        t.ok(not leaked, "the audit log holds none of the file's values", leaked[:3])
        lines = raw.split(b"\n")
        t.ok(lines[-1] == b"", "the log ends with a newline")
        lines = lines[:-1]
        try:
            recs = [json.loads(x) for x in lines]
        except ValueError:
            recs = []
        closes = [r for r in recs if r.get("event") == "close"]
        lines = [x for x, r in zip(lines, recs) if r.get("event") == "open"] if recs else lines
        t.eq(len(lines), len(expect), "one open line per open")
        # One close line per redacted open, none for raw or refused ones.
        redacted_paths = [p for (_, p, _, a) in expect if a == "redacted"]
        t.eq(len(closes), len(redacted_paths), "one close line per redacted open")
        cc = [r for r in closes if r.get("path") == "/c.txt"]
        t.eq(cc[0].get("counts") if cc else None, {"email": 2, "phone": 1},
             "close line of c.txt counts 2 e-mails and 1 phone")
        rr = [r for r in closes if r.get("path") == "/r.txt"]
        t.ok(len(rr) == 2 and all(r["counts"] and all(isinstance(v, int) and v > 0
                                                      for v in r["counts"].values())
                                  for r in rr),
             "close lines of r.txt have positive counts", [r.get("counts") for r in rr])
        for i, (line, (uid, path, mode, action)) in enumerate(zip(lines, expect)):
            try:
                rec = json.loads(line)
            except ValueError as e:
                t.ok(False, "line %d is valid JSON" % (i + 1), "%s: %r" % (e, line))
                continue
            t.ok(set(rec) == {"time", "event", "uid", "gid", "pid", "path", "shown", "mode", "action",
                              "counts"},
                 "line %d has exactly the documented fields" % (i + 1), sorted(rec))
            try:
                when = datetime.datetime.fromisoformat(rec["time"].replace("Z", "+00:00"))
                age = (datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()
                t.ok(0 <= age < 600, "line %d: time is ISO-8601 UTC and recent" % (i + 1), rec["time"])
            except (ValueError, KeyError) as e:
                t.ok(False, "line %d: time is ISO-8601" % (i + 1), e)
            # the weird name: \u00ff for the byte that is not UTF-8
            want_path = path
            if path.startswith("/we"):
                want_path = weird[:-1].decode() + "\u00ff"
                want_path = "/" + want_path
            t.eq((rec.get("uid"), rec.get("gid"), rec.get("path"), rec.get("mode"),
                  rec.get("action"), rec.get("counts")),
                 (uid, uid, want_path, mode, action, {}), "line %d: who, path, mode, action" % (i + 1))
            t.ok(isinstance(rec.get("pid"), int) and rec["pid"] > 0,
                 "line %d: pid is a positive number" % (i + 1))


tap.main(body)

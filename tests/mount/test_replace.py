#!/usr/bin/env python3
"""test_replace.py — length-changing actions through the mount.

Requirement covered (issue 4, actions): with replace and remove, st_size
still equals the bytes a read returns, and random reads (pread, mmap,
threads) still agree with the whole-file output of `redact`; a CSV keeps
its header and quote state; the file's new content is served after it
changes. Expected text for a small file is written by hand.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

POLICY = """[global]
default = redact
action.email = replace
action.phone = remove
label.email = [邮箱]
[path:/csv/**]
action = replace
"""


def body(t):
    rng = random.Random(4711)
    with mount.Workdir() as w:
        pol = w.path("policy.ini")
        with open(pol, "w") as f:
            f.write(POLICY)
        # Written by hand: the e-mail becomes the label, the phone goes.
        w.write("small.txt", "mail a@b.cd or call 13812345678 today\n".encode())
        want_small = "mail [邮箱] or call  today\n".encode()
        text, used = big_text(rng, 400 * 1024)
        w.write("big.txt", text)
        rows = ["id,name,email,comment\n"]
        for i in range(3000):
            rows.append('%d,"Person %d",p%d@example.org,"line\nbreak, %d"\n' % (i, i, i, i))
        w.write("csv/people.csv", "".join(rows).encode())
        expected = {}
        for rel in ("small.txt", "big.txt", "csv/people.csv"):
            rc, out, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, policy=pol)
            t.ok(rc == 0, "redact --path /%s runs" % rel, err[-300:])
            expected[rel] = out
        t.eq(expected["small.txt"], want_small, "redact: replace and remove as written by hand")
        with t.guard("mount"), mount.Mount(t, w.src, w.mnt, policy=pol, secrets=used,
                                           label="replace") as m:
            for rel, want in expected.items():
                rc, got, err = mount.read_bytes(m.p(rel))
                t.ok(rc == 0 and got == want, "cat /%s equals redact output (%d bytes)"
                     % (rel, len(want)), err)
                st = mount.call(os.stat, m.p(rel))
                t.eq(st.st_size, len(want), "st_size of /%s is the output's length" % rel)
                exp = w.path("exp-" + rel.replace("/", "_"))
                with open(exp, "wb") as f:
                    f.write(want)
                p = mount.run([mount.binaries().preadcheck, m.p(rel), exp, "600", "6"], timeout=240)
                t.ok(p.returncode == 0, "preadcheck /%s: random pread, mmap, threads" % rel,
                     (p.stdout + p.stderr).decode(errors="replace")[-2000:])
            csv = expected["csv/people.csv"].decode()
            t.ok(csv.startswith("id,name,email,comment\n") and "Person 7" not in csv
                 and "example.org" not in csv and csv.count("\n") == 3000 * 2 + 1,
                 "the CSV keeps its header and lines; names and e-mails are gone")
            # A changed file: the next open serves the new content's output.
            w.write("small.txt", "x@y.zz\n".encode())
            rc, got, err = mount.read_bytes(m.p("small.txt"))
            t.eq(got, "[邮箱]\n".encode(), "after a change the new content is served")
            t.eq(mount.call(os.stat, m.p("small.txt")).st_size, len("[邮箱]\n".encode()),
                 "and its new output size")


tap.main(body)

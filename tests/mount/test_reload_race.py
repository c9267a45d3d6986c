#!/usr/bin/env python3
"""test_reload_race.py — reloads racing with fstat, reads and stats of
open files (issue 12, the suspected use-after-release).

A handle's stat asks the engine for the output's length when values are
replaced or removed; it used the handle's old decision after dropping the
handle's lock, so a read deciding again under a reloaded policy could drop
the last reference to the old policy (and its detector catalog) while the
stat still used it. Now a stat decides again like a read and holds the
engine, and the policy its profile points into, while it uses them.

Threads, for a few seconds: fstat of an open handle, pread of it, stat
of the path; meanwhile `redactfs reload` flips the policy between
`replace` (the length changes) and `mask`.

Checked: the daemon neither crashes nor reports a sanitizer error (the
asan build runs this too); every fstat size is one of the two lengths;
every pread answer has one of the two lengths, holds no raw value, and
each of its 4 KiB pages is that page of one policy's output (the bytes of
`redact` under either). The mount answers to the end.

Why pages and not whole answers: a read that spans the reload may take
its first pages from the old view and the rest from the new, as a read
spanning a write does on any file system; the kernel fills its page cache
page by page, each page from one read of the daemon under one policy.
And when the kernel asked for the longer output's length but the daemon
already served the shorter one, the reply ends early; the kernel takes
that as the end of the file and fills the rest of its pages with NULs.
So a page may also be the shorter output's last page followed by NULs,
or all NULs past the shorter output's end; never other bytes.
"""
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

REPLACE = """\
[global]
default = redact
detectors = all
action.email = replace
"""
MASK = """\
[global]
default = redact
detectors = all
action = mask
"""

SECONDS = 4
RAW = re.compile(rb"person\.\d+@example\.com|1381234\d{4}")


def body(t):
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        text = "".join("line %d mail person.%d@example.com tel 1381234%04d ok\n" % (i, i, i)
                       for i in range(300))
        src = w.write("f.txt", text)
        pol = w.policy(REPLACE)
        _, want_replace, err = mount.redact_bytes(src, "/f.txt", pol)
        t.ok(len(want_replace) != len(text), "replace changes the output's length", err)
        alt = w.policy(MASK, "mask.ini")
        _, want_mask, err = mount.redact_bytes(src, "/f.txt", alt)
        t.ok(len(want_mask) == len(text), "mask keeps it", err)
        outputs = {want_replace, want_mask}
        sizes = {len(want_replace), len(want_mask)}
        with t.guard("reload race"), mount.Mount(t, w.src, w.mnt, policy=pol,
                                               secrets=["person.1@example.com"]) as m:
            fd = mount.call(os.open, m.p("f.txt"), os.O_RDONLY)
            stop = threading.Event()
            bad = []
            mixed = []
            padded = []

            def page_by_page(b):
                """None when each 4 KiB page of b is the page of one policy's
                output at that offset (a read spanning a reload); a page that
                holds the end of the shorter output may be padded with NULs
                up to the longer length (see the docstring)."""
                if len(b) not in sizes:
                    return "pread gave %d bytes, neither output's length" % len(b)
                for at in range(0, len(b), 4096):
                    page = b[at:at + 4096]
                    if any(o[at:at + len(page)] == page for o in outputs):
                        continue
                    short = min(outputs, key=len)
                    cut = len(short) - at
                    if (0 <= cut < len(page) and page[:cut] == short[at:]
                            and not page[cut:].strip(b"\0")):
                        padded.append(at)
                        continue
                    if at >= len(short) and not page.strip(b"\0"):
                        padded.append(at)
                        continue
                    return "pread: the page at %d is neither output's: %r" % (at, page[:80])
                return None
            counts = {"fstat": 0, "pread": 0, "stat": 0, "reload": 0, "eio": 0}

            def fstats():
                while not stop.is_set():
                    try:
                        s = os.fstat(fd).st_size
                        if s not in sizes:
                            bad.append("fstat size %d" % s)
                    except OSError as e:
                        bad.append("fstat %s" % mount.ename(e.errno))
                    counts["fstat"] += 1

            def preads():
                while not stop.is_set():
                    try:
                        b = os.pread(fd, 1 << 20, 0)
                        if RAW.search(b):
                            bad.append("pread served a raw value")
                        if b not in outputs:
                            mixed.append(b)
                            why = page_by_page(b)
                            if why:
                                bad.append(why)
                    except OSError as e:
                        counts["eio"] += 1  # a read across a reload may fail closed
                        if e.errno != 5:
                            bad.append("pread %s" % mount.ename(e.errno))
                    counts["pread"] += 1

            def stats():
                while not stop.is_set():
                    try:
                        s = os.stat(m.p("f.txt")).st_size
                        if s not in sizes:
                            bad.append("stat size %d" % s)
                    except OSError as e:
                        bad.append("stat %s" % mount.ename(e.errno))
                    counts["stat"] += 1

            threads = [threading.Thread(target=f, daemon=True) for f in (fstats, preads, stats)]
            for th in threads:
                th.start()
            end = time.time() + SECONDS
            give_up = end + 60  # a slow (sanitizer) build still gets its 20 reloads
            flip = False
            while (time.time() < end or counts["reload"] < 20) and time.time() < give_up:
                with open(pol, "w") as f:
                    f.write(MASK if not flip else REPLACE)
                flip = not flip
                p = mount.run([mount.binaries().redactfs, "reload", w.mnt], timeout=30)
                if p.returncode != 0:
                    bad.append("reload failed: %s" % p.stderr.decode(errors="replace")[-200:])
                counts["reload"] += 1
            stop.set()
            for th in threads:
                th.join(timeout=30)
            t.ok(not any(th.is_alive() for th in threads), "the racing threads ended (no hang)")
            mount.call(os.close, fd)
            t.diag("fstat %(fstat)d, pread %(pread)d (EIO %(eio)d), stat %(stat)d, "
                   "reloads %(reload)d" % counts + ", preads spanning a reload %d" % len(mixed)
                   + ", pages padded past the shorter end %d" % len(padded))
            t.ok(counts["reload"] >= 20 and counts["fstat"] >= 100 and counts["pread"] >= 20,
                 "the race ran: %d reloads, %d fstat, %d pread" % (counts["reload"],
                                                                    counts["fstat"],
                                                                    counts["pread"]))
            t.ok(not bad, "every answer was one of the two policies' (sizes and bytes)",
                 "; ".join(bad[:5]))
            t.eq(mount.read_bytes(m.p("f.txt"))[1], want_mask if flip else want_replace,
                 "after the race the file reads as the policy in force says")


tap.main(body)

#!/usr/bin/env python3
"""test_growing.py — a file that is still being written never shows the
start of a value raw.

Leak covered (issue: raw-data leaks, case 1): a file that ends in the middle
of a value (a log being appended to, a download in progress) used to be
served with that partial value raw, because the detectors only matched
complete values. What can still become a value at the end of a file must be
masked as if it were complete.

  a) files that end mid-value (no trailing newline), through the mount as
     uid 65534 and through `redact` (file argument and standard input);
     expected bytes written by hand.
  b) a writer appends ~3000 lines of values through a Python file with an
     8 KiB buffer, in 8 KiB writes (so writes land mid-value, as a fully
     buffered stdio stream's do) while, as uid 65534, `tail -c +1 -f`
     follows the mount file and a reader takes whole-file snapshots over
     and over. FINAL is `redact`'s output of the finished file: wherever
     FINAL has a '*', every snapshot and tail's output must have a '*' too
     (a masked byte of a value is never shown raw at any moment).
  c) the same with a writer that writes one byte at a time.
"""
import os
import random
import re
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import cn_id_ok, luhn_ok, make_card, make_cn_id  # noqa: E402

NOBODY = 65534

POLICY = mount.MASK_ALL

# Files that end in the middle of a value, and what must be served for them
# (written by hand: the partial value is masked as if it were complete).
PARTIAL = [
    ("partial/id.txt", b"id 11010519491231002", b"id *****************",
     [b"11010519491231002", b"1101051949"]),
    ("partial/mail.txt", b"mail alice.zhang@exam", b"mail ****************",
     [b"alice.zhang@exam", b"alice.zhang", b"@exam"]),
    ("partial/tel.txt", b"tel 138123", b"tel ******", [b"138123"]),
]

# Whole-file snapshots, taken again and again by uid 65534 until its
# standard input is closed. Each one is framed: errno (0 when the read
# worked), length, bytes.
SNAPSHOTS = mount.READ_WHOLE + r"""
import select, struct, sys, time
path = sys.argv[1]
out = sys.stdout.buffer
while True:
    stop = bool(select.select([sys.stdin], [], [], 0)[0])
    try:
        data = read_whole(path)
        out.write(struct.pack("<iQ", 0, len(data)) + data)
    except OSError as e:
        out.write(struct.pack("<iQ", e.errno, 0))
    out.flush()
    if stop:
        break
    time.sleep(0.01)
"""


def read_as_nobody(path, timeout=60):
    """(errno or 0, bytes) of one whole read of path by uid 65534."""
    return mount.read_as(NOBODY, path, timeout)


# ---- invented values with valid check digits --------------------------------

NAMES = ["alice.zhang", "bob.li", "carol.wang", "david.liu", "emma.chen", "frank.yang",
         "grace.zhao", "henry.huang", "iris.zhou", "jack.wu"]


def phone(rng):
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def card(rng):
    prefix, length = rng.choice([("4", 16), ("51", 16), ("622", 16), ("4", 19)])
    return make_card(rng, prefix, length)


def line(rng):
    """One line of values; no digit on it outside a value."""
    v = {"tel": phone(rng), "id": make_cn_id(rng),
         "mail": "%s.%d@example.com" % (rng.choice(NAMES), rng.randrange(1, 1000)),
         "card": card(rng)}
    assert cn_id_ok(v["id"]) and luhn_ok(v["card"])
    text = "line tel %s id %s mail %s card %s\n" % (v["tel"], v["id"], v["mail"], v["card"])
    return text.encode(), list(v.values())


# ---- the growing-file run -----------------------------------------------------

def star_runs(final):
    """(start, end) of every run of '*' in final."""
    return [(mo.start(), mo.end()) for mo in re.finditer(rb"\*+", final)]


def first_violation(s, final, runs):
    """The first offset i < len(s) with final[i] == '*' and s[i] != '*', or None."""
    n = len(s)
    for a, b in runs:
        if a >= n:
            break
        b = min(b, n)
        piece = s[a:b]
        if piece != b"*" * (b - a):
            for k, c in enumerate(piece):
                if c != 0x2A:
                    return a + k
    return None


def mid_value(n, final):
    """True when a file cut after n bytes ends inside a masked value."""
    return 0 < n < len(final) and final[n - 1] == 0x2A and final[n] == 0x2A


VALUE_RE = re.compile(rb"\d{11,19}X?|[a-z.]+\.\d+@example\.com")


def raw_values_in(data, values):
    return sorted({v.decode() for v in VALUE_RE.findall(data) if v.decode() in values})


def parse_snapshots(blob):
    """[(errno, bytes)] from the framed output of SNAPSHOTS."""
    out = []
    i = 0
    while i + 12 <= len(blob):
        e, n = struct.unpack_from("<iQ", blob, i)
        i += 12
        if i + n > len(blob):
            break
        out.append((e, blob[i:i + n]))
        i += n
    return out


def growing_run(t, m, w, pol, rel, writer, label, values):
    """Starts tail -f and the snapshot reader (uid 65534) on the mount file,
    runs writer(path) on SOURCE's file, then checks every snapshot and
    tail's output against FINAL."""
    src = os.path.join(w.src, rel)
    os.makedirs(os.path.dirname(src), exist_ok=True)
    with open(src, "wb"):
        pass
    os.chmod(src, 0o644)
    mpath = m.p(rel)
    # the mount shows the (empty) new file before the readers start
    mount.call(os.stat, mpath)

    tail = subprocess.Popen(mount.as_user(NOBODY) + ["tail", "-c", "+1", "-f", "-s", "0.1",
                                                     "---disable-inotify", mpath],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    snap = subprocess.Popen(mount.as_user(NOBODY) + [mount.SYS_PYTHON, "-c", SNAPSHOTS, mpath],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    box = {"tail": [], "tailerr": [], "snap": [], "snaperr": []}
    threads = [mount.drain(tail.stdout, box["tail"]), mount.drain(tail.stderr, box["tailerr"]),
               mount.drain(snap.stdout, box["snap"]), mount.drain(snap.stderr, box["snaperr"])]
    final = raw = b""
    try:
        time.sleep(0.3)
        t0 = time.monotonic()
        mount.call(writer, src, timeout=50)
        wtime = time.monotonic() - t0
        with open(src, "rb") as f:
            raw = f.read()
        rc, final, err = mount.redact_bytes(src, "/" + rel, pol)
        t.ok(rc == 0 and len(final) == len(raw),
             "%s: redact serves the finished file, same length (%d bytes, written in %.1fs)"
             % (label, len(raw), wtime), err)
        leaked = [v for v in values if v.encode() in final]
        t.ok(not leaked and final != raw,
             "%s: redact masks every value of the finished file" % label,
             "%d raw value(s) in redact's output, e.g. %r" % (len(leaked), leaked[:3]))
        # tail has caught up once it holds as many bytes as FINAL
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and sum(map(len, box["tail"])) < len(final):
            if tail.poll() is not None:
                break
            time.sleep(0.1)
        time.sleep(0.3)
    finally:
        if tail.poll() is None:
            tail.terminate()
        try:  # the snapshot reader takes one last snapshot and stops
            snap.stdin.close()
        except OSError:
            pass
        for p in (tail, snap):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for th in threads:
            th.join(10)
    if not final:
        return

    e, whole = read_as_nobody(mpath)
    t.ok(e == 0, "%s: uid 65534 reads the finished file through the mount" % label,
         mount.ename(e))
    t.eq(whole, final, "%s: the finished file through the mount == redact's output" % label)

    runs = star_runs(final)
    snaps = parse_snapshots(b"".join(box["snap"]))
    errs = [s for s in snaps if s[0] != 0]
    good = [s for e, s in snaps if e == 0]
    mids = sum(1 for s in good if mid_value(len(s), final))
    partial = sum(1 for s in good if 0 < len(s) < len(final))
    t.diag("%s: %d snapshots (%d while the file was growing, %d of those ending mid-value), "
           "%d failed reads; tail read %d bytes"
           % (label, len(snaps), partial, mids, len(errs), sum(map(len, box["tail"]))))
    t.ok(len(good) >= 5 and partial >= 3,
         "%s: the snapshot reader saw the file growing (%d snapshots, %d partial)"
         % (label, len(good), partial), b"".join(box["snaperr"]).decode(errors="replace")[-2000:])
    t.ok(mids >= 1, "%s: at least one snapshot ended in the middle of a value (%d)"
         % (label, mids))
    t.ok(not errs, "%s: no snapshot read failed" % label,
         "errnos: %s" % sorted({mount.ename(e) for e, _ in errs}))
    def kind(s, i):
        """What stands where FINAL has a '*': the raw byte, a NUL, or else."""
        return "raw" if s[i] == raw[i] else "NUL" if s[i] == 0 else "other"

    bad = []
    for k, s in enumerate(good):
        i = first_violation(s, final, runs)
        if i is not None:
            bad.append((k, len(s), i, kind(s, i)))
    diag = ""
    if bad:
        k, n, i, _ = bad[0]
        s = good[k]
        kinds = {}
        for b in bad:
            kinds[b[3]] = kinds.get(b[3], 0) + 1
        diag = ("%d of %d snapshots differ where FINAL is masked (first differing byte: %s); "
                "first: snapshot %d (%d bytes, %s), offset %d:\nsnapshot: %r\nFINAL:    %r"
                % (len(bad), len(good), ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
                   k, n, "mid-value" if mid_value(n, final) else "not mid-value", i,
                   s[max(0, i - 30):i + 30], final[max(0, i - 30):i + 30]))
    t.ok(not bad, "%s: every snapshot has '*' wherever FINAL has '*' "
         "(no byte of a value shown raw at any moment)" % label, diag)
    nul = [(k, len(s), s.index(b"\0")) for k, s in enumerate(good) if b"\0" in s]
    t.ok(not nul, "%s: no snapshot holds a NUL byte (the file has none)" % label,
         "%d snapshot(s) with NUL bytes; first (snapshot, length, offset): %r"
         % (len(nul), nul[:3]))
    full = [raw_values_in(s, set(values)) for s in good]
    seen = sorted({v for f in full for v in f})
    t.ok(not seen, "%s: no snapshot holds a complete raw value" % label,
         "%d raw value(s), e.g. %r" % (len(seen), seen[:3]))

    tail_out = b"".join(box["tail"])
    t.ok(len(tail_out) == len(final),
         "%s: tail -f's output has FINAL's length (%d)" % (label, len(final)),
         "tail gave %d bytes; stderr: %s"
         % (len(tail_out), b"".join(box["tailerr"]).decode(errors="replace")[-1000:]))
    i = first_violation(tail_out, final, runs)
    t.ok(i is None, "%s: tail -f's output has '*' wherever FINAL has '*'" % label,
         "" if i is None else "offset %d (%s byte):\ntail:  %r\nFINAL: %r"
         % (i, kind(tail_out, i), tail_out[max(0, i - 30):i + 30], final[max(0, i - 30):i + 30]))
    t.ok(b"\0" not in tail_out, "%s: tail -f's output holds no NUL byte" % label,
         "first NUL at offset %d" % tail_out.find(b"\0"))
    seen = raw_values_in(tail_out, set(values))
    t.ok(not seen, "%s: tail -f's output holds no complete raw value" % label,
         "%d raw value(s), e.g. %r" % (len(seen), seen[:3]))


def body(t):
    rng = random.Random(20261207)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        pol = w.policy(POLICY)
        for rel, data, _, _ in PARTIAL:
            w.write(rel, data)

        # lines of the two writers, made before the mount
        lines_b = [line(rng) for _ in range(3000)]
        lines_c = [line(rng) for _ in range(100)]
        values_b = [v for _, vs in lines_b for v in vs]
        values_c = [v for _, vs in lines_c for v in vs]
        secrets = values_b + values_c + [d.decode() for _, d, _, _ in PARTIAL]

        with t.guard("growing"), mount.Mount(t, w.src, w.mnt, policy=pol, opts=["allow_other"],
                                             secrets=secrets, label="growing") as m:
            # a) files that end mid-value
            for rel, data, want, parts in PARTIAL:
                label = "ends mid-value %r" % data.decode()
                with t.guard(label):
                    e, got = read_as_nobody(m.p(rel))
                    t.ok(e == 0, "%s: uid 65534 reads it through the mount" % label,
                         mount.ename(e))
                    t.eq(got, want, "%s: the mount serves %r (written by hand)"
                         % (label, want.decode()))
                    rc, red, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel, pol)
                    t.ok(rc == 0, "%s: redact FILE exits 0" % label, err)
                    t.eq(red, want, "%s: redact FILE prints %r" % (label, want.decode()))
                    p = mount.run([mount.binaries().redact, "-p", pol, "--path", "/" + rel],
                                  input=data)
                    t.ok(p.returncode == 0, "%s: redact on standard input exits 0" % label,
                         p.stderr.decode(errors="replace"))
                    t.eq(p.stdout, want, "%s: redact on standard input prints %r"
                         % (label, want.decode()))
                    p = mount.run([mount.binaries().redact, "-p", pol], input=data)
                    t.eq(p.stdout, want, "%s: redact on standard input without --path "
                         "prints %r" % (label, want.decode()))
                    t.eq(got, red, "%s: mount bytes == redact bytes" % label)
                    t.ok(len(got) == len(data), "%s: length kept" % label)
                    shown = [x for x in parts if x in got or x in red or x in p.stdout]
                    t.ok(not shown, "%s: no part of the value is shown raw" % label,
                         "shown: %r" % shown)

            # b) an 8 KiB-buffered writer whose writes land at 8 KiB
            # boundaries, in the middle of values, as a fully buffered stdio
            # stream writes. (Python's BufferedWriter alone flushes its buffer
            # before a line that does not fit, i.e. at line ends: the pending
            # bytes are therefore handed to it in 8 KiB pieces.)
            def buffered_writer(path):
                pending = bytearray()
                with open(path, "ab", buffering=8192) as f:
                    for k, (text, _) in enumerate(lines_b):
                        pending += text
                        while len(pending) >= 8192:
                            f.write(bytes(pending[:8192]))
                            f.flush()
                            del pending[:8192]
                        if k % 50 == 49:
                            time.sleep(0.03)
                    f.write(bytes(pending))

            with t.guard("growing, 8 KiB writes"):
                growing_run(t, m, w, pol, "grow/buffered.log", buffered_writer,
                            "growing, 8 KiB writes", values_b)

            # c) one byte at a time
            def byte_writer(path):
                data = b"".join(text for text, _ in lines_c)
                with open(path, "ab", buffering=0) as f:
                    for k in range(len(data)):
                        f.write(data[k:k + 1])
                        f.flush()
                        if k % 4 == 3:
                            time.sleep(0.001)

            with t.guard("growing, 1-byte writes"):
                growing_run(t, m, w, pol, "grow/bytewise.log", byte_writer,
                            "growing, 1-byte writes", values_c)


tap.main(body)

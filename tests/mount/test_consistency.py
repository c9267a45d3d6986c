#!/usr/bin/env python3
"""test_consistency.py — every way of reading a file through the mount
gives exactly `redact --path /REL FILE`'s output, byte for byte.

Requirements covered: (2) reads equal redact output (cat, cp, cp -r, dd
with odd block sizes, tar, random pread, mmap, concurrent threads), (3)
st_size == bytes read, (7) concurrent readers on several files. Each
access method runs in a fresh mount so it reads through the daemon, not a
page cache filled by the previous method.
"""
import os
import random
import subprocess
import sys
import tarfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402


def make_tree(w):
    rng = random.Random(20240611)
    files = {}
    data, used = big_text(rng, 3 * 1024 * 1024 + 123)  # several MB, values across boundaries
    files["data/big.txt"] = (data, used)
    data, used = big_text(rng, 200 * 1024 + 7, newlines=False)  # no newline at all
    files["data/nonl.txt"] = (data, used)
    data, used = big_text(rng, 20000)
    files["small.txt"] = (data, used)
    data, used = big_text(rng, 8192 * 3)  # exactly three blocks
    files["deep/a/b/blocks.txt"] = (data, used)
    files["data/people.csv"] = make_csv(rng, 1024 * 1024)
    # UTF-16LE with a BOM: decoded for the detectors, masked in UTF-16.
    # (Its planted values are not grepped for: they are not UTF-8.)
    text, _ = big_text(rng, 300 * 1024)
    files["data/utf16.txt"] = (b"\xff\xfe" + text.decode("utf-8", "replace").encode("utf-16-le"), [])
    for rel, (data, _) in files.items():
        w.write(rel, data)
    return files


def make_csv(rng, size):
    """A CSV whose 'name' column is masked by header: quoted cells with
    commas, "" and line breaks, so a read deep in the file must know the
    quote state (checkpoints). Returns (bytes, planted names)."""
    rows = ["id,comment,name,score\n"]
    used = []
    n = 0
    total = len(rows[0])
    while total < size:
        name = "Person%06d Example" % rng.randrange(10 ** 6)
        used.append(name)
        comment = rng.choice(['plain', '"multi\nline, with ""quotes"""', '"a,b"',
                              '"first line\nsecond line\nthird"'])
        row = '%d,%s,"%s",%d\n' % (n, comment, name, rng.randrange(100))
        rows.append(row)
        total += len(row)
        n += 1
    return "".join(rows).encode(), used


def expected_outputs(t, w, files):
    exp = {}
    for rel, (raw, used) in files.items():
        rc, out, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel)
        ok = rc == 0 and len(out) == len(raw) and out != raw
        t.ok(ok, "redact --path /%s: exit 0, same length, something masked" % rel,
             "rc=%s len out=%d raw=%d\n%s" % (rc, len(out), len(raw), err[-500:]))
        exp[rel] = out
        if not used:
            continue
        # grep -F -f: one pass over the output for all planted values
        pats = w.path("planted.txt")
        outp = w.path("out.bin")
        with open(pats, "w") as f:
            f.write("\n".join(sorted(set(v for v in used if len(v) > 8))) + "\n")
        with open(outp, "wb") as f:
            f.write(out)
        p = mount.run(["grep", "-a", "-c", "-F", "-f", pats, outp], timeout=120)
        t.ok(p.returncode == 1, "redact output of /%s holds none of the %d planted values"
             % (rel, len(used)), "grep rc=%s, %s lines with a raw value"
             % (p.returncode, p.stdout.decode().strip()))
    return exp


def check_cat(t, w, exp):
    with mount.Mount(t, w.src, w.mnt, label="cat") as m:
        for rel, want in exp.items():
            rc, got, err = mount.read_bytes(m.p(rel), timeout=120)
            t.eq(got, want, "cat /%s equals redact output" % rel)
            st = mount.call(os.stat, m.p(rel))
            t.ok(st.st_size == len(got) == len(want),
                 "st_size of /%s == bytes read to EOF" % rel,
                 "st_size=%d read=%d" % (st.st_size, len(got)))


def check_cp(t, w, exp):
    with mount.Mount(t, w.src, w.mnt, label="cp") as m:
        for rel, want in exp.items():
            dst = w.path("cp-" + rel.replace("/", "_"))
            p = mount.run(["cp", m.p(rel), dst], timeout=120)
            got = open(dst, "rb").read() if p.returncode == 0 else b""
            t.eq(got, want, "cp /%s equals redact output" % rel)
    with mount.Mount(t, w.src, w.mnt, label="cp -r") as m:
        dst = w.path("cp-r")
        p = mount.run(["cp", "-r", m.mnt, dst], timeout=180)
        t.ok(p.returncode == 0, "cp -r of the whole mount succeeds", p.stderr.decode()[-500:])
        bad = [rel for rel, want in exp.items()
               if not os.path.exists(os.path.join(dst, rel))
               or open(os.path.join(dst, rel), "rb").read() != want]
        t.ok(not bad, "cp -r copies equal redact output for all %d files" % len(exp), str(bad))


def dd(path, bs, skip=None, count=None, timeout=180):
    cmd = ["dd", "if=" + path, "bs=%d" % bs, "status=none"]
    if skip is not None:
        cmd.append("skip=%d" % skip)
    if count is not None:
        cmd.append("count=%d" % count)
    p = mount.run(cmd, timeout=timeout)
    return p.returncode, p.stdout


def check_dd(t, w, exp):
    with mount.Mount(t, w.src, w.mnt, label="dd") as m:
        for rel in ["small.txt", "deep/a/b/blocks.txt"]:
            rc, got = dd(m.p(rel), 1)
            t.eq(got, exp[rel], "dd bs=1 of /%s equals redact output" % rel)
        rc, got = dd(m.p("data/nonl.txt"), 1, count=40000)
        t.eq(got, exp["data/nonl.txt"][:40000],
             "dd bs=1 count=40000 of /data/nonl.txt equals redact output")
        for rel, want in exp.items():
            rc, got = dd(m.p(rel), 4097)
            t.eq(got, want, "dd bs=4097 of /%s equals redact output" % rel)
        big = exp["data/big.txt"]
        for skip in (4090, 8185, 12285, 40955, 1048570):
            rc, got = dd(m.p("data/big.txt"), 1, skip=skip, count=20)
            t.eq(got, big[skip:skip + 20],
                 "dd bs=1 skip=%d count=20 (across a 4096/8192 boundary) of big.txt" % skip)
        rc, got = dd(m.p("data/big.txt"), 8191, skip=3, count=7)
        t.eq(got, big[3 * 8191:10 * 8191], "dd bs=8191 skip=3 count=7 of big.txt")


def check_preadcheck(t, w, exp):
    """Random pread, sequential odd chunks, mmap and 8 threads, per file;
    then all files at once (concurrent readers on several files)."""
    expfiles = {}
    for rel, want in exp.items():
        p = w.path("exp-" + rel.replace("/", "_"))
        with open(p, "wb") as f:
            f.write(want)
        expfiles[rel] = p
    with mount.Mount(t, w.src, w.mnt, label="preadcheck") as m:
        for rel in exp:
            p = mount.run([mount.binaries().preadcheck, m.p(rel), expfiles[rel], "1500", "8"],
                          timeout=240)
            t.ok(p.returncode == 0,
                 "preadcheck /%s: random preads, mmap, 8 threads all equal redact output" % rel,
                 (p.stdout + p.stderr).decode(errors="replace")[-3000:])
    with mount.Mount(t, w.src, w.mnt, label="concurrent files") as m:
        procs = [subprocess.Popen([mount.binaries().preadcheck, m.p(rel), expfiles[rel], "800", "6",
                                   str(1000 + i)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for i, rel in enumerate(exp)]
        threads_seen = 1
        deadline = time.monotonic() + 240
        while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
            try:
                threads_seen = max(threads_seen,
                                   len(os.listdir("/proc/%d/task" % m.proc.pid)))
            except OSError:
                pass
            time.sleep(0.02)
        results = []
        for p in procs:
            try:
                out, _ = p.communicate(timeout=max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                out, _ = p.communicate()
            results.append((p.returncode, out.decode(errors="replace")))
        bad = [r for r in results if r[0] != 0]
        t.ok(not bad, "%d preadcheck processes at once on different files all match"
             % len(procs), "\n".join(o[-1500:] for _, o in bad))
        t.ok(threads_seen >= 2, "the daemon serves with several threads under concurrent "
             "readers (saw %d)" % threads_seen)


def check_tar(t, w, exp):
    with mount.Mount(t, w.src, w.mnt, label="tar") as m:
        tarpath = w.path("mount.tar")
        p = mount.run(["tar", "cf", tarpath, "-C", m.mnt, "."], timeout=180)
        t.ok(p.returncode == 0, "tar cf of the mount succeeds", p.stderr.decode()[-500:])
    bad = []
    with tarfile.open(tarpath) as tf:
        for rel, want in exp.items():
            try:
                got = tf.extractfile("./" + rel).read()
            except (KeyError, AttributeError) as e:
                bad.append("%s: %s" % (rel, e))
                continue
            if got != want:
                bad.append("%s: %s" % (rel, tap.describe_diff(got, want)[:200]))
    t.ok(not bad, "files extracted from the tar equal redact output", "\n".join(bad))


def body(t):
    with mount.Workdir() as w:
        files = make_tree(w)
        exp = expected_outputs(t, w, files)
        for step in (check_cat, check_cp, check_dd, check_preadcheck, check_tar):
            with t.guard(step.__name__):
                step(t, w, exp)


tap.main(body)

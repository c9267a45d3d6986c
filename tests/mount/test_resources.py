#!/usr/bin/env python3
"""test_resources.py — what one consumer can take from the daemon
(issue 15, item 4).

- The daemon's soft limit of open files is its hard one (/proc/PID/limits).
- An unprivileged consumer holds 3000 opens of one file and 1100 opens of
  1100 other files at once (it raises its own soft limit): every open
  succeeds, and meanwhile another caller still opens and reads a file
  through the mount. The daemon holds one SOURCE descriptor per file, not
  per open: its descriptors grow by about 1100 (+ a small slack), not by
  4100; after the consumer closes them all they come back to their start
  (+ the few idle files kept for a stat followed by an open).
- With `action = replace` (the output's length differs), one stat and 8
  handles opened, stat'ed and read whole make the engine pass over the file
  once ("size passes" in `redactfs status`), and each handle reads exactly
  `redact`'s output; a new version of the file (appended) makes one more.
- Memory: the daemon's RSS after 8 handles of a 24 MiB replace file are
  closed is within 16 MiB of what it was before they were opened.

Each figure comes from the daemon (/proc/PID/fd, /proc/PID/status, the
status view), never from a timing.
"""
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

CONSUMER = 4243
ONE_FILE_OPENS = 3000
FILES = 1100
RSS_SLACK_KB = 16 * 1024

POLICY = """\
[global]
default = redact
[path:/rep/**]
action = replace
"""

# Run as CONSUMER: raises its soft limit, opens ONE N times and each file
# of DIR once, says how many succeeded, waits for a line, closes all.
HOLDER = r"""
import os, resource, sys
one, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
fds, errors = [], {}
for i in range(n):
    try:
        fds.append(os.open(one, os.O_RDONLY))
    except OSError as e:
        errors[e.errno] = errors.get(e.errno, 0) + 1
for name in sorted(os.listdir(d)):
    try:
        fds.append(os.open(os.path.join(d, name), os.O_RDONLY))
    except OSError as e:
        errors[e.errno] = errors.get(e.errno, 0) + 1
print("HELD %d ERRORS %r" % (len(fds), errors), flush=True)
sys.stdin.readline()
for fd in fds:
    os.close(fd)
print("CLOSED", flush=True)
"""


def daemon_fds(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def daemon_rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def status_value(mnt, key):
    p = mount.run([mount.binaries().redactfs, "status", mnt], timeout=30)
    for line in p.stdout.decode(errors="replace").splitlines():
        k, sep, v = line.partition(": ")
        if sep and k == key:
            return v
    return None


def settle(mnt):
    """Lets the kernel send the releases of closed files (they are
    asynchronous): a stat of the root is answered only after them."""
    mount.run(["sleep", "0.5"])
    mount.call(os.stat, mnt)


def limits(t, pid):
    with open("/proc/%d/limits" % pid) as f:
        line = [x for x in f if x.startswith("Max open files")][0]
    soft, hard = line.split()[3:5]
    t.ok(soft == hard, "the daemon's soft limit of open files is its hard one",
         line.strip())


def many_opens(t, m, w, pid):
    one = m.p("one.txt")
    start = daemon_fds(pid)
    cmd = mount.as_user(CONSUMER) + [mount.SYS_PYTHON, "-c", HOLDER, one, str(ONE_FILE_OPENS),
                                     m.p("many")]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        line = mount.call(proc.stdout.readline, timeout=120).decode()
        t.eq(line.strip(), "HELD %d ERRORS {}" % (ONE_FILE_OPENS + FILES),
             "one consumer holds %d opens of one file and %d of other files, all succeed"
             % (ONE_FILE_OPENS, FILES))
        held = daemon_fds(pid)
        t.ok(held - start <= FILES + 32,
             "the daemon holds one descriptor per file, not per open",
             "%d -> %d descriptors for %d opens of %d files"
             % (start, held, ONE_FILE_OPENS + FILES, FILES + 1))
        rc, got, err = mount.read_bytes(m.p("other.txt"))
        rc2, want, err2 = mount.redact_bytes(os.path.join(w.src, "other.txt"), "/other.txt",
                                             policy=w.path("policy.ini"))
        t.ok(rc == 0 and got == want and rc2 == 0,
             "meanwhile another caller opens and reads a file (redact's bytes)", err)
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
        line = mount.call(proc.stdout.readline, timeout=120).decode()
        t.eq(line.strip(), "CLOSED", "the consumer closed them all")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    settle(m.mnt)
    end = daemon_fds(pid)
    t.ok(end <= start + 8, "the daemon's descriptors come back to their start "
         "(+ at most 8 idle files)", "%d -> %d" % (start, end))


def one_pass(t, m, w, pid):
    rel = "rep/notes.txt"
    path = m.p(rel)
    rc, want, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel,
                                       policy=w.path("policy.ini"))
    src_size = os.path.getsize(os.path.join(w.src, rel))
    if not t.ok(rc == 0 and len(want) != src_size,
                "redact's replace output of the file differs in length", err):
        return
    before = int(status_value(m.mnt, "size passes") or -1)
    rss_before = daemon_rss_kb(pid)
    st = mount.call(os.stat, path)
    fds = [mount.call(os.open, path, os.O_RDONLY) for _ in range(8)]
    try:
        sizes = {mount.call(os.fstat, fd).st_size for fd in fds}
        reads = []
        for fd in fds:
            chunks, off = [], 0
            while True:
                b = mount.call(os.pread, fd, 1 << 20, off)
                if not b:
                    break
                chunks.append(b)
                off += len(b)
            reads.append(b"".join(chunks))
    finally:
        for fd in fds:
            os.close(fd)
    t.ok(st.st_size == len(want) and sizes == {len(want)},
         "stat and fstat of each handle give the output's length",
         "stat %d, fstat %r, want %d" % (st.st_size, sorted(sizes), len(want)))
    t.ok(all(r == want for r in reads), "each of the 8 handles reads exactly redact's output")
    after = int(status_value(m.mnt, "size passes") or -1)
    t.eq(after - before, 1, "one sizes pass over the file for the stat and 8 handles")
    settle(m.mnt)
    rss_after = daemon_rss_kb(pid)
    what = ("the daemon's RSS after the handles closed is within %d MiB of before"
            % (RSS_SLACK_KB // 1024))
    if mount.sanitized_memory():
        t.skip(what, "a sanitizer build keeps freed memory (%d kB -> %d kB)"
               % (rss_before, rss_after))
    else:
        t.ok(rss_after - rss_before <= RSS_SLACK_KB, what,
             "%d kB -> %d kB" % (rss_before, rss_after))

    with open(os.path.join(w.src, rel), "ab") as f:
        f.write(b"one more line for E-mail: appended.person@example.org\n")
    st = mount.call(os.stat, path)
    fds = [mount.call(os.open, path, os.O_RDONLY) for _ in range(4)]
    try:
        for fd in fds:
            mount.call(os.fstat, fd)
    finally:
        for fd in fds:
            os.close(fd)
    t.eq(int(status_value(m.mnt, "size passes") or -1) - after, 1,
         "a new version of the file makes exactly one more pass")


def body(t):
    rng = random.Random(1515)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        with open(w.path("policy.ini"), "w") as f:
            f.write(POLICY)
        secrets = []
        data, used = big_text(rng, 4000)
        secrets += used
        w.write("one.txt", data)
        w.write("other.txt", data)
        for i in range(FILES):
            w.write("many/f%04d.txt" % i, "line %d\n" % i)
        data, used = big_text(rng, 24 << 20)
        secrets += used
        w.write("rep/notes.txt", data)
        with t.guard("resources"), mount.Mount(t, w.src, w.mnt, policy=w.path("policy.ini"),
                                               opts=["allow_other"], secrets=secrets,
                                               label="resources") as m:
            pid = m.proc.pid
            limits(t, pid)
            many_opens(t, m, w, pid)
            one_pass(t, m, w, pid)


tap.main(body)

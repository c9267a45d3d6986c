#!/usr/bin/env python3
"""bench/rss.py - memory of the redactfs daemon for the bench suite (issue 5,
target 7). bench/run.sh runs it under `timeout`.

Usage: rss.py pid MOUNTPOINT
           prints the daemon's pid (the mount root's user.redactfs.pid xattr)
       rss.py stream PID FILE SAMPLES_OUT
           reads FILE front to back in 1 MiB reads and samples VmRSS of PID
           (from /proc/PID/status) about every 50 ms during the read; writes
           "seconds rss_kib" lines to SAMPLES_OUT and prints
           "start_kib S peak_kib P end_kib E hwm_kib H bytes B secs T"
       rss.py hold PID FILE...
           opens every FILE and keeps them all open, reads 4 KiB of each,
           and prints "before_kib B after_kib A files N per_file_kib X"
           (the RSS growth per open file), then closes them.
Exits 1 when a read fails or returns nothing; never writes to FILE.
"""
import os
import sys
import time


def status(pid):
    """VmRSS and VmHWM of PID in KiB."""
    rss = hwm = 0
    with open("/proc/%d/status" % pid, encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


def stream(pid, path, out):
    samples = []
    start, _ = status(pid)
    t0 = time.monotonic()
    samples.append((0.0, start))
    last = t0
    total = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                break
            total += len(b)
            t = time.monotonic()
            if t - last >= 0.05:
                samples.append((t - t0, status(pid)[0]))
                last = t
    finally:
        os.close(fd)
    secs = time.monotonic() - t0
    end, hwm = status(pid)
    samples.append((secs, end))
    with open(out, "w", encoding="ascii") as f:
        for t, r in samples:
            f.write("%.3f %d\n" % (t, r))
    if total == 0:
        sys.stderr.write("rss.py: %s: nothing read\n" % path)
        return 1
    peak = max(r for _, r in samples)
    print("start_kib %d peak_kib %d end_kib %d hwm_kib %d bytes %d secs %.3f"
          % (start, peak, end, hwm, total, secs))
    return 0


def hold(pid, paths):
    before, _ = status(pid)
    fds = []
    try:
        for p in paths:
            fd = os.open(p, os.O_RDONLY)
            fds.append(fd)
            if not os.pread(fd, 4096, 0):
                sys.stderr.write("rss.py: %s: nothing read\n" % p)
                return 1
        time.sleep(0.2)
        after, _ = status(pid)
    finally:
        for fd in fds:
            os.close(fd)
    n = len(paths)
    print("before_kib %d after_kib %d files %d per_file_kib %.1f"
          % (before, after, n, (after - before) / n))
    return 0


def main():
    a = sys.argv[1:]
    if len(a) == 2 and a[0] == "pid":
        print(os.getxattr(a[1], "user.redactfs.pid").decode().strip())
        return 0
    if len(a) == 4 and a[0] == "stream":
        return stream(int(a[1]), a[2], a[3])
    if len(a) >= 3 and a[0] == "hold":
        return hold(int(a[1]), a[2:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())

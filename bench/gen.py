#!/usr/bin/env python3
"""bench/gen.py - generates the invented benchmark data of issue 5.

Usage: gen.py dense|sparse OUT SIZE_BYTES [SEED]
       gen.py tree OUTDIR NFILES [SEED]
Keeps: output depends only on the arguments (fixed seed); every value is
invented (example.com/example.org mail, 555 phone numbers, documentation IP
ranges, Luhn-valid test card numbers, checksum-valid IDs).
dense : CSV/log mix, about one personal value per 200 bytes.
sparse: prose, about one personal value per 10 KB.
To keep generation fast for 1 GiB, a unique 8 MiB chunk is produced and
repeated up to SIZE (the regex engines under test do not benefit from it).
"""
import os
import random
import sys

WORDS = ("the of and to in is was for on that with as by at from this be are "
         "report quarter shipment order account review system update status "
         "meeting project customer invoice delivery warehouse schedule team "
         "budget analysis request service network storage backup").split()


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def cn_id(r):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    body = "110101%04d%02d%02d%03d" % (r.randint(1950, 2005), r.randint(1, 12),
                                       r.randint(1, 28), r.randint(0, 999))
    s = sum(int(c) * k for c, k in zip(body, w)) % 11
    return body + "10X98765432"[s]


def value(r):
    k = r.randrange(7)
    if k == 0:
        return "user%d.%s@example.%s" % (r.randrange(10**6), r.choice(WORDS),
                                         r.choice(("com", "org")))
    if k == 1:
        return "+1 555-%03d-%04d" % (r.randrange(100, 999), r.randrange(10000))
    if k == 2:
        return "192.0.2.%d" % r.randrange(1, 255)
    if k == 3:
        return "%03d-%02d-%04d" % (r.randrange(100, 665), r.randrange(1, 99),
                                   r.randrange(1, 9999))
    if k == 4:
        body = "4111" + "".join(str(r.randrange(10)) for _ in range(11))
        return body + luhn_digit(body)
    if k == 5:
        return cn_id(r)
    return "138%08d" % r.randrange(10**8)


def filler(r, n):
    out = []
    size = 0
    while size < n:
        w = r.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:max(n, 1)]


def dense_chunk(r, n):
    lines = []
    size = 0
    row = 0
    while size < n:
        row += 1
        if r.random() < 0.5:
            line = "%d,%s,%s,%s\n" % (row, filler(r, 60), value(r), filler(r, 110))
        else:
            line = "2026-11-30T07:%02d:%02d INFO %s src=%s %s\n" % (
                r.randrange(60), r.randrange(60), filler(r, 70), value(r), filler(r, 80))
        lines.append(line)
        size += len(line)
    return "".join(lines).encode()


def sparse_chunk(r, n):
    parts = []
    size = 0
    while size < n:
        para = filler(r, 10000) + " contact " + value(r) + ".\n"
        # wrap into lines of ~80 bytes
        words = para.split(" ")
        line, lines = [], []
        for w in words:
            line.append(w)
            if sum(len(x) + 1 for x in line) > 80:
                lines.append(" ".join(line))
                line = []
        lines.append(" ".join(line))
        text = "\n".join(lines)
        parts.append(text)
        size += len(text)
    return "".join(parts).encode()


def write_sized(path, chunk, size):
    with open(path, "wb") as f:
        left = size
        while left > 0:
            part = chunk[:left]
            f.write(part)
            left -= len(part)


def main():
    if len(sys.argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    kind, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    r = random.Random(seed)
    if kind in ("dense", "sparse"):
        csize = min(n, 8 << 20)
        chunk = dense_chunk(r, csize) if kind == "dense" else sparse_chunk(r, csize)
        write_sized(out, chunk, n)
    elif kind == "tree":
        for i in range(n):
            d = os.path.join(out, "d%03d" % (i // 100))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "f%05d.csv" % i), "wb") as f:
                f.write(dense_chunk(r, r.randrange(200, 4000)))
    else:
        sys.stderr.write("gen.py: unknown kind %s\n" % kind)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

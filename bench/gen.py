#!/usr/bin/env python3
"""bench/gen.py - generates the invented benchmark data of issue 5.

Usage: gen.py dense|sparse|csvml OUT SIZE_BYTES [SEED]
       gen.py tree OUTDIR NFILES [SEED]
       gen.py detectors OUT.ini N [SEED]
Keeps: output depends only on the arguments (fixed seed); every value is
invented (example.com/example.org mail, 555 phone numbers, documentation IP
ranges, Luhn-valid test card numbers, checksum-valid IDs).
dense : CSV/log mix, about one personal value per 200 bytes.
sparse: prose, about one personal value per 10 KB.
csvml : CSV with a header naming sensitive columns (name, email, phone) and
        quoted cells that hold line breaks, commas and "" (rows repeat whole;
        the file ends at a row boundary, at most one row short of SIZE).
tree  : NFILES small CSV files (200-4000 bytes), 100 per directory.
detectors: a policy (default redact, all detectors) with N custom
        [detector:] sections of realistic ID-like patterns (EMP-123456,
        ACCT12345678, case no. 12345, 工号...): a fixed list, the first N of
        it, so the 10-detector policy is a prefix of the 100-detector one.
To keep generation fast for 1 GiB, a unique 8 MiB chunk is produced and
repeated up to SIZE (the regex engines under test do not benefit from it).
"""
import os
import random
import sys

# The check digits (MOD 11-2, Luhn) are the tests' own: tests/lib/values.py.
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from lib.values import cn_id_check, luhn_check  # noqa: E402

WORDS = ("the of and to in is was for on that with as by at from this be are "
         "report quarter shipment order account review system update status "
         "meeting project customer invoice delivery warehouse schedule team "
         "budget analysis request service network storage backup").split()


def cn_id(r):
    body = "110101%04d%02d%02d%03d" % (r.randint(1950, 2005), r.randint(1, 12),
                                       r.randint(1, 28), r.randint(0, 999))
    return body + cn_id_check(body)


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
        return body + luhn_check(body)
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

FIRST = ("Alice Brian Carla David Emma Felix Grace Henry Irene James Karen Liam "
         "Maria Nadia Oscar Paula Quinn Rosa Samuel Tara").split()
LAST = ("Wang Smith Chen Jones Li Brown Zhang Miller Liu Davis Yang Garcia "
        "Huang Wilson Zhao Moore Wu Taylor Zhou Clark").split()
CN_NAMES = "张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄勇 周杰 吴霞".split()
CITIES = "Shanghai Beijing Shenzhen Hangzhou Chengdu Boston Denver Austin".split()


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"'


def csvml_rows(r, n):
    """Whole CSV rows (no header) of about n bytes in all."""
    rows = []
    size = 0
    row = 0
    while size < n:
        row += 1
        if r.random() < 0.3:
            name = r.choice(CN_NAMES)
        else:
            name = "%s %s" % (r.choice(FIRST), r.choice(LAST))
        email = "user%d.%s@example.%s" % (r.randrange(10**6), r.choice(WORDS),
                                          r.choice(("com", "org")))
        phone = "138%08d" % r.randrange(10**8) if r.random() < 0.5 else \
            "+1 555-%03d-%04d" % (r.randrange(100, 999), r.randrange(10000))
        lines = []
        for _ in range(r.randint(1, 3)):
            part = filler(r, r.randrange(20, 70))
            k = r.random()
            if k < 0.3:
                part += ", call " + value(r)
            elif k < 0.45:
                part += ' "%s"' % r.choice(WORDS)
            lines.append(part)
        note = csv_cell("\n".join(lines))
        line = "%d,%s,%s,%s,%s,%s,%d.%02d\n" % (
            row, name, email, phone, r.choice(CITIES), note,
            r.randrange(1, 10000), r.randrange(100))
        rows.append(line.encode())
        size += len(rows[-1])
    return rows


def write_csvml(path, r, size):
    header = b"id,name,email,phone,city,note,amount\n"
    rows = csvml_rows(r, min(size, 8 << 20))
    with open(path, "wb") as f:
        f.write(header)
        left = size - len(header)
        while left > 0:
            wrote = 0
            for row in rows:
                if len(row) > left:
                    left = 0
                    break
                f.write(row)
                left -= len(row)
                wrote += 1
            if wrote == 0:
                break


# Custom detectors for target 8: realistic organisation-specific numbers.
# Each entry: (name stem, pattern); the list is fixed, the 10-detector policy
# is its first 10 entries.
DET_PREFIXES = ("EMP ACCT INV PO CASE SKU TKT CUST MRN POL CLM LOAN CTR VND "
                "REQ SR INC CHG PRJ BKG RES MBR PAT LAB RX ENC GRN WO SO DN "
                "CN SHP AWB HBL LIC PRM APP REG DOC FILE LOT SN BAT CRM SUP DEP STU "
                "ACC CRD MEM ADM GST VIS RMA ASN QTE TRX HR FIN OPS").split()
DET_CUES = ("case claim ticket policy member patient account contract invoice "
            "order booking voucher badge locker").split()
DET_CN = ("工号 客户编号 合同编号 保单号 病案号 会员号 订单号 工单号 学号 "
          "档案号").split()


def detector_list(seed, n):
    r = random.Random(seed)
    out = []
    used = set()

    def add(stem, pat):
        name = "%s_%03d" % (stem, len(out) + 1)
        out.append((name, pat))

    prefixes = list(DET_PREFIXES)
    r.shuffle(prefixes)
    cues = list(DET_CUES)
    r.shuffle(cues)
    cn = list(DET_CN)
    r.shuffle(cn)
    while len(out) < n:
        k = r.random()
        if k < 0.6 and prefixes:
            p = prefixes.pop()
            shape = r.randrange(4)
            d = r.choice((5, 6, 7, 8))
            if shape == 0:
                pat = r"(?<![A-Za-z0-9])%s-[0-9]{%d}(?![0-9])" % (p, d)
            elif shape == 1:
                pat = r"(?<![A-Za-z0-9])%s[0-9]{%d}(?![0-9])" % (p, d)
            elif shape == 2:
                pat = r"(?<![A-Za-z0-9])%s-[A-Z]{2}[0-9]{%d}(?![0-9])" % (p, d - 2)
            else:
                pat = r"(?<![A-Za-z0-9])%s/[0-9]{4}/[0-9]{%d}(?![0-9])" % (p, d - 2)
            add(p.lower(), pat)
        elif k < 0.75 and cues:
            c = cues.pop()
            d = r.choice((5, 6, 8))
            pat = r"(?i)(?<![a-z])%s (?:no\.?|number|#) ?[0-9]{%d}(?![0-9])" % (c, d)
            add(c, pat)
        elif k < 0.85 and cn:
            c = cn.pop()
            d = r.choice((6, 8, 10))
            pat = r"%s[：:]?\s?[A-Z0-9]{%d}(?![A-Z0-9])" % (c, d)
            add("cn", pat)
        else:
            # no literal to start from: letter/digit shapes of internal IDs
            a, b, c = r.randint(1, 3), r.randint(4, 7), r.randint(2, 5)
            sep = r.choice(("-", "", "."))
            first = r.choice(("[A-Z]", "[A-HJ-NP-Z]", "[A-Z]", "[A-F]"))
            pat = r"(?<![A-Za-z0-9])%s%s[0-9]{%d}%s[A-Z0-9]{%d}(?![A-Za-z0-9])" % (
                first, "{%d}" % a if a > 1 else "", b, re_escape(sep), c)
            if pat in used:
                continue
            add("id", pat)
        used.add(out[-1][1])
    return out


def re_escape(s):
    return "\\." if s == "." else s


def write_detectors(path, n, seed):
    with open(path, "w", encoding="utf-8") as f:
        f.write("; bench/gen.py detectors %d %d: custom detectors for target 8\n"
                % (n, seed))
        f.write("[global]\ndefault = redact\nbinary = deny\ndetectors = all\n")
        for name, pat in detector_list(seed, 100)[:n]:
            f.write("\n[detector:%s]\npattern = %s\n" % (name, pat))


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
    elif kind == "csvml":
        write_csvml(out, r, n)
    elif kind == "detectors":
        if not 1 <= n <= 100:
            sys.stderr.write("gen.py: detectors: N must be 1..100\n")
            return 2
        write_detectors(out, n, seed)
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

#!/usr/bin/env python3
"""test_leaks.py — inputs that used to reach a consumer with raw values.

Leaks covered (issue: raw-data leaks, cases 2-7). Every file is read through
an allow_other mount by uid 65534 (an unprivileged consumer, as an attacker
would read it) and through `redact`; the two must agree byte for byte, keep
the input's length, and show no raw value in any of the forms it has in the
input (plain, escaped, encoded).

  2. byte-order marks that lie (FF FE / FE FF before ASCII), real UTF-16LE
     with UTF-8 lines appended, UTF-32LE: served as text, values masked in
     every encoding, real UTF-16/32 output still decodes;
  3. escapes: JSON \\uXXXX (Python's json.dumps), HTML entities, URL
     encoding, quoted-printable soft line breaks, invisible characters inside
     values: decoding the output shows no value;
  4. a CSV with one unclosed quote, and one with an extra unquoted comma: no
     name of the name column survives; random preads agree with the stream;
  5. long digit runs (12,000 digits, then a phone and an e-mail; 3.9 MB of
     digits): served without EIO, the run unchanged, the values after it
     masked;
  6. compressed data that looks like text (zlib, raw deflate, gzip, bz2,
     xz, lzma, random bytes, all without NUL where the format allows):
     binary, so EACCES / `redact` exit 3; and a git repository under the
     shipped sandbox policy: .git hidden, the author never printed;
  7. Chinese text in GBK, Big5 and GB18030: served as text, length kept,
     still decodes, names, phones, IDs and addresses masked, double-byte
     characters masked with the encoding's own full-width asterisk.
"""
import bz2
import errno
import gzip
import html
import json
import lzma
import os
import quopri
import random
import re
import shutil
import struct
import sys
import urllib.parse
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import make_cn_id, make_mobile  # noqa: E402

NOBODY = 65534

POLICY = mount.MASK_ALL


# uid 65534 does os.pread at the (offset, length) pairs of argv[2] (JSON);
# each answer is framed: errno, length, bytes.
PREADS = r"""
import json, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
out = sys.stdout.buffer
for off, n in json.loads(sys.argv[2]):
    try:
        b = os.pread(fd, n, off)
        out.write(struct.pack("<iQ", 0, len(b)) + b)
    except OSError as e:
        out.write(struct.pack("<iQ", e.errno, 0))
os.close(fd)
"""

# uid 65534: errno of stat(argv[1]) (0 when it works) and whether
# os.listdir(argv[2]) holds argv[3].
STAT_LIST = r"""
import os, sys
try:
    os.stat(sys.argv[1])
    e = 0
except OSError as x:
    e = x.errno
print(e, int(sys.argv[3] in os.listdir(sys.argv[2])))
"""


def read_as_nobody(path, timeout=60):
    """(errno or 0, bytes) of one whole read of path by uid 65534."""
    return mount.read_as(NOBODY, path, timeout)


def encoded_forms(values, encodings=("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")):
    """Every value (str) in every encoding, as (description, bytes)."""
    out = []
    for v in values:
        for enc in encodings:
            try:
                out.append(("%r in %s" % (v, enc), v.encode(enc)))
            except UnicodeEncodeError:
                pass
    return out


def no_forms(t, data, forms, label):
    """One case: none of forms [(desc, bytes)] occurs in data."""
    leaked = [d for d, f in forms if f in data]
    return t.ok(not leaked, "%s: no raw value in any form (%d forms checked)"
                % (label, len(forms)),
                "%d raw form(s) found: %s" % (len(leaked), "; ".join(leaked[:8])))


def no_values(t, text, values, label, what):
    """One case: none of values (str) occurs in text (str)."""
    leaked = [v for v in values if v in text]
    return t.ok(not leaked, "%s: %s holds none of the values" % (label, what),
                "found: %r" % leaked[:8])


def served(t, m, pol, src, rel, raw, label, same_length=True):
    """Reads rel through the mount as uid 65534 and through `redact`.
    Cases: both serve it (exit 0, no EACCES/EIO), mount == redact, length
    kept. Returns the bytes the consumer got (redact's when the mount
    failed), or None when neither served it."""
    rc, red, err = mount.redact_bytes(src, rel, pol)
    t.ok(rc == 0, "%s: redact serves it (exit 0)" % label, "exit %d: %s" % (rc, err.strip()))
    e, got = read_as_nobody(m.p(rel))
    t.ok(e == 0, "%s: uid 65534 reads it through the mount (no EACCES/EIO)" % label,
         mount.ename(e))
    t.eq(got, red, "%s: mount bytes == redact bytes" % label)
    out = got if e == 0 else red
    if same_length:
        t.ok(len(out) == len(raw) and (e == 0 or rc == 0),
             "%s: output length == input length (%d)" % (label, len(raw)),
             "got %d bytes (mount %s, redact exit %d)" % (len(out), mount.ename(e), rc))
    return out if (e == 0 or rc == 0) else None


def refused_as_binary(t, m, pol, src, rel, raw, label):
    """Cases: uid 65534's open is EACCES; `redact` exits 3 printing nothing."""
    e, got = read_as_nobody(m.p(rel))
    t.ok(e == errno.EACCES, "%s: the mount refuses it as binary (EACCES)" % label,
         "%s; %d bytes served%s" % (mount.ename(e), len(got),
                                    " (the raw bytes)" if got == raw else ""))
    rc, red, err = mount.redact_bytes(src, rel, pol)
    t.ok(rc == 3 and red == b"", "%s: redact exits 3 and prints nothing" % label,
         "exit %d, %d bytes printed%s; %s" % (rc, len(red), " (the raw bytes)" if red == raw
                                              else "", err.strip()))


def text_of(data, codec):
    """data decoded strictly, or None."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


# ---- case 2: byte-order marks ------------------------------------------------

BOM_LINE = b"mail alice.zhang@example.com id 11010519491231002X card 4111111111111111\n"
BOM_VALUES = ["alice.zhang@example.com", "11010519491231002X", "4111111111111111"]

U16_TEXT = ("客户 mail bob.li@example.com tel 13812345678 id 11010519491231002X\n"
            "note: call back before Friday\n") * 4
U16_VALUES = ["bob.li@example.com", "13812345678", "11010519491231002X"]
U8_TAIL = ("plain tel 13987654321 mail carol.wang@example.com\n"
           "plain card 5500000000000004 id 440305195907210501\n")
U8_VALUES = ["13987654321", "carol.wang@example.com", "5500000000000004", "440305195907210501"]

U32_TEXT = ("mail dave.chen@example.com tel 13812345678 id 11010519491231002X\n"
            "客户 card 4111111111111111\n") * 3
U32_VALUES = ["dave.chen@example.com", "13812345678", "11010519491231002X", "4111111111111111"]


def case_boms(t, m, w, pol):
    for rel, bom in (("bom/ff-fe-ascii.txt", b"\xff\xfe"), ("bom/fe-ff-ascii.txt", b"\xfe\xff")):
        label = "lying BOM %s then ASCII" % bom.hex(" ").upper()
        with t.guard(label):
            raw = bom + BOM_LINE
            src = w.write(rel, raw)
            out = served(t, m, pol, src, "/" + rel, raw, label)
            if out is not None:
                no_forms(t, out, encoded_forms(BOM_VALUES), label)

    label = "real UTF-16LE with BOM, UTF-8 lines appended"
    with t.guard(label):
        rel = "bom/utf16le-then-utf8.txt"
        part16 = b"\xff\xfe" + U16_TEXT.encode("utf-16-le")
        raw = part16 + U8_TAIL.encode()
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            no_forms(t, out, encoded_forms(U16_VALUES + U8_VALUES), label)
            head, tail = out[:len(part16)], out[len(part16):]
            dec = text_of(head, "utf-16")
            t.ok(dec is not None, "%s: the UTF-16 part still decodes as UTF-16 (strict)" % label)
            no_values(t, dec or "", U16_VALUES, label, "the decoded UTF-16 part")
            dec8 = text_of(tail, "utf-8")
            t.ok(dec8 is not None, "%s: the appended part still decodes as UTF-8 (strict)" % label)
            no_values(t, dec8 or "", U8_VALUES, label, "the decoded UTF-8 part")

    label = "real UTF-32LE with BOM"
    with t.guard(label):
        rel = "bom/utf32le.txt"
        raw = b"\xff\xfe\x00\x00" + U32_TEXT.encode("utf-32-le")
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            no_forms(t, out, encoded_forms(U32_VALUES), label)
            dec = text_of(out, "utf-32")
            t.ok(dec is not None, "%s: the output still decodes as UTF-32 (strict)" % label)
            no_values(t, dec or "", U32_VALUES, label, "the decoded output")


# ---- case 3: escapes ---------------------------------------------------------

JSON_MSG = {"msg": "客户手机13812345678，身份证号11010519491231002X"}
JSON_PERSON = {"姓名": "张三", "地址": "北京市朝阳区建国路88号"}
JSON_VALUES = ["13812345678", "11010519491231002X", "张三", "北京市朝阳区建国路88号"]

ENTITIES = ("<p>Contact: alice&#64;example.com</p>\n"
            "<p>Or: alice&#x40;example.com</p>\n")
URLENC = ("GET /track?u=alice%40example.com&tel=%2B8613812345678 HTTP/1.1\n"
          "Referer: https://shop.example.com/r?next=mailto%3Aalice%40example.com\n")
QP = ("From: shop@example.org\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "Please write to alice.zhang@exam=\n"
      "ple.com or call 138123=\n"
      "45678 before Friday.\n")
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\ufeff"
INVISIBLE = ("mail alice\u00ad.zhang@example.com\n"
             "mail bob.li@exam\u200bple.com\n"
             "tel 138\u200c1234\u200d5678\n"
             "tel 139\ufeff8765\u00ad4321\n"
             "mail carol\u200d.wang@exa\ufeffmple.com\n")
INVISIBLE_VALUES = ["alice.zhang@example.com", "bob.li@example.com", "13812345678",
                    "13987654321", "carol.wang@example.com"]


def case_escapes(t, m, w, pol):
    for rel, obj in (("esc/msg.json", JSON_MSG), ("esc/person.json", JSON_PERSON)):
        label = "JSON with \\uXXXX escapes (%s)" % rel
        with t.guard(label):
            text = json.dumps(obj) + "\n"
            raw = text.encode()
            assert "\\u" in text
            src = w.write(rel, raw)
            out = served(t, m, pol, src, "/" + rel, raw, label)
            if out is None:
                continue
            escaped = [json.dumps(v)[1:-1] for v in JSON_VALUES if v in str(obj)]
            forms = encoded_forms(JSON_VALUES, ("utf-8",)) + \
                [("escaped %s" % e, e.encode()) for e in escaped
                 if e.encode() in raw and e not in JSON_VALUES]
            no_forms(t, out, forms, label)
            try:
                loaded = json.loads(out.decode("utf-8"))
                ok = True
            except ValueError as e:
                loaded, ok = None, False
                t.diag("not JSON: %s" % e)
            t.ok(ok, "%s: the output is still valid JSON" % label)
            no_values(t, json.dumps(loaded, ensure_ascii=False), JSON_VALUES, label,
                      "json.loads of the output")

    cases = [
        ("esc/entities.html", ENTITIES, html.unescape, "html.unescape",
         ["alice@example.com"], ["alice&#64;example.com", "alice&#x40;example.com"]),
        ("esc/url.txt", URLENC, urllib.parse.unquote, "urllib.parse.unquote",
         ["alice@example.com", "+8613812345678", "13812345678"],
         ["alice%40example.com", "%2B8613812345678"]),
        ("esc/mail.eml", QP, lambda s: quopri.decodestring(s.encode()).decode(errors="replace"),
         "quopri.decodestring", ["alice.zhang@example.com", "13812345678"],
         ["alice.zhang@exam=\nple.com", "138123=\n45678"]),
        ("esc/invisible.txt", INVISIBLE,
         lambda s: "".join(c for c in s if c not in INVISIBLE_CHARS),
         "removing U+00AD/200B/200C/200D/FEFF", INVISIBLE_VALUES,
         [x for x in re.findall(r"\S+", INVISIBLE) if set(x) & set(INVISIBLE_CHARS)]),
    ]
    for rel, text, decode, how, values, rawforms in cases:
        label = "escapes: %s" % rel
        with t.guard(label):
            raw = text.encode()
            for f in rawforms:
                assert f.encode() in raw, f
            src = w.write(rel, raw)
            out = served(t, m, pol, src, "/" + rel, raw, label)
            if out is None:
                continue
            no_forms(t, out, [("raw form %r" % f, f.encode()) for f in rawforms]
                     + encoded_forms(values, ("utf-8",)), label)
            dec = text_of(out, "utf-8")
            t.ok(dec is not None, "%s: the output is still valid UTF-8" % label)
            no_values(t, decode(dec if dec is not None else out.decode(errors="replace")),
                      values, label, "the output decoded (%s)" % how)


# ---- case 4: CSV with an unclosed quote -------------------------------------

BROKEN_CSV = (b"id,note,name,city\n1,ok,Zhang Wei,Beijing\n"
              b"2,\"unterminated note,Li Na,Shanghai\n3,fine,Wang Fang,Shenzhen\n")
EXTRA_COMMA_CSV = (b"id,note,name,city\n1,ok,Zhang Wei,Beijing\n"
                   b"4,ok, really,Zhao Lei,Wuhan\n3,fine,Wang Fang,Shenzhen\n")
FULL_NAMES = ["Zhang Wei", "Li Na", "Wang Fang", "Zhao Lei", "Liu Yang", "Chen Jing",
              "Yang Min", "Huang Qiang", "Zhou Jie", "Wu Xiuying", "Xu Li", "Sun Tao",
              "Hu Jun", "Zhu Lin", "Gao Feng", "Lin Ting", "He Yong", "Guo Yan",
              "Ma Chao", "Luo Dan"]
CITIES = ["Beijing", "Shanghai", "Shenzhen", "Wuhan", "Hangzhou", "Chengdu", "Nanjing", "Xian"]


def case_csv(t, m, w, pol, rng):
    for rel, raw, names in (("csv/unclosed.csv", BROKEN_CSV, ["Zhang Wei", "Li Na", "Wang Fang"]),
                            ("csv/extra-comma.csv", EXTRA_COMMA_CSV,
                             ["Zhang Wei", "Zhao Lei", "Wang Fang"])):
        label = "CSV %s" % rel
        with t.guard(label):
            src = w.write(rel, raw)
            out = served(t, m, pol, src, "/" + rel, raw, label)
            if out is not None:
                no_forms(t, out, encoded_forms(names, ("utf-8",)), label)

    label = "CSV with an unclosed quote, 800 rows after it"
    with t.guard(label):
        rel = "csv/unclosed-long.csv"
        rows = [b"id,note,name,city\n", b"1,ok,Zhang Wei,Beijing\n",
                b"2,\"unterminated note,Li Na,Shanghai\n"]
        for i in range(3, 803):
            rows.append(("%d,%s,%s,%s\n" % (i, rng.choice(["fine", "ok", "late", "paid"]),
                                            FULL_NAMES[i % len(FULL_NAMES)],
                                            rng.choice(CITIES))).encode())
        raw = b"".join(rows)
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            no_forms(t, out, encoded_forms(FULL_NAMES, ("utf-8",)), label)
        rc, red, err = mount.redact_bytes(src, "/" + rel, pol)
        if rc == 0:
            pairs = []
            for k in range(400):
                if k % 4 == 0:  # across a page boundary
                    b = rng.randrange(1, len(raw) // 4096 + 1) * 4096
                    off = max(0, b - rng.randrange(1, 200))
                else:
                    off = rng.randrange(0, len(raw))
                pairs.append((off, rng.choice([1, 2, 7, 100, 777, 4096, 5000, 9000])))
            p = mount.run(mount.as_user(NOBODY) + [mount.SYS_PYTHON, "-c", PREADS, m.p(rel),
                                                   json.dumps(pairs)], timeout=60)
            blob, i, answers = p.stdout, 0, []
            while i + 12 <= len(blob):
                e, n = struct.unpack_from("<iQ", blob, i)
                answers.append((e, blob[i + 12:i + 12 + n]))
                i += 12 + n
            bad = [(off, n, e) for (off, n), (e, b) in zip(pairs, answers)
                   if e != 0 or b != red[off:off + n]]
            t.ok(len(answers) == len(pairs) and not bad,
                 "%s: %d random preads by uid 65534 == the same slices of redact's output"
                 % (label, len(pairs)),
                 "%d answers, %d differ, first (offset, length, errno): %r; %s"
                 % (len(answers), len(bad), bad[:3], p.stderr.decode(errors="replace")[-500:]))
        else:
            t.ok(False, "%s: random preads (redact failed, nothing to compare with)" % label, err)


# ---- case 5: long digit runs -------------------------------------------------

def case_digits(t, m, w, pol, rng):
    label = "12,000 digits in a row, then a phone and an e-mail"
    with t.guard(label):
        rel = "digits/run.txt"
        run = "".join(rng.choice("0123456789") for _ in range(12000)).encode()
        raw = run + b"\ntel 13812345678 mail alice.zhang@example.com\n"
        want = run + b"\ntel *********** mail ***********************\n"   # by hand
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            t.eq(out[:len(run)], run, "%s: the digit run is served unchanged" % label)
            t.eq(out, want, "%s: the output is the run unchanged, phone and e-mail masked "
                 "(written by hand)" % label)
            no_forms(t, out, encoded_forms(["13812345678", "alice.zhang@example.com"],
                                           ("utf-8",)), label)

    label = "3.9 MB of digits only, ending with a line break"
    digits = "".join(rng.choice("0123456789") for _ in range(3_900_000)).encode()
    with t.guard(label):
        rel = "digits/only.txt"
        raw = digits + b"\n"
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            t.ok(out == raw, "%s: served unchanged (it is the input itself)" % label,
                 tap.describe_diff(out, raw))

    # Without a line break the file reads like one still being written:
    # what could still become a value at its end is masked (README,
    # Caveats), the rest is the input itself.
    label = "3.9 MB of digits only, no line break at the end"
    with t.guard(label):
        rel = "digits/only-open.txt"
        raw = digits
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            tail = out[-64:]
            t.ok(out[:-64] == raw[:-64] and all(a == b or a == ord("*")
                                                for a, b in zip(tail, raw[-64:])),
                 "%s: read whole, unchanged but for the last digits masked" % label,
                 tap.describe_diff(out, raw))


# ---- case 6: compressed data that looks like text ----------------------------

def commit_text(i):
    body = ("tree 4b825dc642cb6eb9a060e54bf8d69288fbee%04d\n"
            "author Zhang Wei <zhang.wei@example.com> 1700000000 +0800\n"
            "committer Zhang Wei <zhang.wei@example.com> 1700000000 +0800\n"
            "\n"
            "release notes %d: call 13812345678 about the rollout\n" % (i % 10000, i)).encode()
    return b"commit %d\x00" % len(body) + body


def deflate_raw(b):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(b) + c.flush()


COMPRESSORS = [
    ("zlib", zlib.compress, zlib.decompress),
    ("deflate", deflate_raw, lambda d: zlib.decompress(d, -15)),
    ("gzip", lambda b: gzip.compress(b, mtime=1700000000), gzip.decompress),
    ("bz2", lambda b: bz2.compress(b, 1), bz2.decompress),
    ("xz", lambda b: lzma.compress(b, format=lzma.FORMAT_XZ, preset=0), lzma.decompress),
    ("lzma", lambda b: lzma.compress(b, format=lzma.FORMAT_ALONE, preset=0), lzma.decompress),
]


def nul_free(compress, tries):
    """(variation, bytes, True) of the first commit text whose compressed
    form has no NUL byte, or the last try's with False."""
    for i in range(tries):
        d = compress(commit_text(i))
        if b"\x00" not in d:
            return i, d, True
    return i, d, False


def case_compressed(t, m, w, pol, rng):
    secrets = ["Zhang Wei", "zhang.wei@example.com", "13812345678"]
    for name, compress, decompress in COMPRESSORS:
        label = "compressed %s of a git commit" % name
        with t.guard(label):
            # gzip, bz2, xz and lzma always hold NUL bytes in their headers
            # or trailers for a small input: a few tries are enough to show it
            i, data, clean = nul_free(compress, 3000 if name in ("zlib", "deflate") else 20)
            assert decompress(data) == commit_text(i)
            if clean:
                t.diag("%s: variation %d compresses to %d bytes without NUL" % (name, i, len(data)))
            else:
                t.diag("%s: no NUL-free variation (fields of the format's header or trailer "
                       "hold NUL bytes for an input this small); testing %d bytes with NUL"
                       % (name, len(data)))
            rel = "compressed/%s" % name
            src = w.write(rel, data)
            refused_as_binary(t, m, pol, src, "/" + rel, data, label)
    label = "2 KiB of random bytes without NUL"
    with t.guard(label):
        data = bytes(rng.randrange(1, 256) for _ in range(2048))
        rel = "compressed/random"
        src = w.write(rel, data)
        refused_as_binary(t, m, pol, src, "/" + rel, data, label)
    return secrets


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Zhang Wei", "GIT_AUTHOR_EMAIL": "zhang.wei@example.com",
    "GIT_COMMITTER_NAME": "Zhang Wei", "GIT_COMMITTER_EMAIL": "zhang.wei@example.com",
    "GIT_AUTHOR_DATE": "1700000000 +0800", "GIT_COMMITTER_DATE": "1700000000 +0800",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def case_git(t):
    label = "git repository under sandbox.ini"
    git = shutil.which("git")
    if not t.ok(git is not None, "%s: git is installed (package git)" % label,
                "git not found in PATH: install the Debian package git"):
        return
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        env = dict(os.environ, HOME=w.base, **GIT_ENV)
        w.write("README.txt", "project notes\n")
        w.write("src/main.c", "int main(void) { return 0; }\n")
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "first commit"]):
            p = mount.run([git, "-C", w.src] + cmd, env=env)
            if not t.ok(p.returncode == 0, "%s: git %s in SOURCE" % (label, cmd[0]),
                        p.stderr.decode(errors="replace")):
                return
        p = mount.run([git, "-C", w.src, "log"], env=env)
        t.ok(b"Zhang Wei <zhang.wei@example.com>" in p.stdout,
             "%s: control: git log of SOURCE shows the raw author" % label)
        pol = mount.install_policy(w, "sandbox.ini", "pol")
        values = [b"zhang.wei@example.com", b"Zhang Wei"]
        nenv = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent",
                "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
                "GIT_CEILING_DIRECTORIES": w.base}
        with t.guard(label), mount.Mount(t, w.src, w.mnt, policy=pol, opts=["allow_other"],
                                         secrets=values, label=label) as m:
            p = mount.run(mount.as_user(NOBODY) + [mount.SYS_PYTHON, "-c", STAT_LIST,
                                                   m.p(".git"), w.mnt, ".git"])
            words = p.stdout.split()
            e = int(words[0]) if words else -1
            listed = words[1:2] != [b"0"]
            t.ok(not listed, "%s: .git is not listed in the mount root" % label,
                 p.stderr.decode(errors="replace"))
            t.ok(e == errno.ENOENT, "%s: stat of .git is ENOENT" % label, mount.ename(e))
            outputs = {}
            p = mount.run(mount.as_user(NOBODY) + ["ls", "-la", w.mnt], env=nenv)
            outputs["ls -la"] = p.stdout + p.stderr
            t.ok(not any(x.split()[-1:] == [b".git"] for x in p.stdout.splitlines()),
                 "%s: ls -la does not show .git" % label, p.stdout.decode(errors="replace"))
            p = mount.run(mount.as_user(NOBODY) + [git, "-c", "safe.directory=*", "-C", w.mnt,
                                                   "log"], env=nenv)
            outputs["git log"] = p.stdout + p.stderr
            t.ok(p.returncode != 0 and b"not a git repository" in p.stderr,
                 "%s: git -C MNT log fails: not a git repository (no .git in the view)"
                 % label, "exit %d; %r" % (p.returncode, (p.stdout + p.stderr)[:300]))
            p = mount.run(mount.as_user(NOBODY) + ["grep", "-r", "-a", "-i", "zhang", w.mnt],
                          env=nenv)
            outputs["grep -r -a -i zhang"] = p.stdout + p.stderr
            p = mount.run(mount.as_user(NOBODY) + ["grep", "-r", "-a", "", w.mnt], env=nenv)
            outputs["grep -r -a ''"] = p.stdout + p.stderr
            for what, out in outputs.items():
                shown = [v.decode() for v in values if v in out]
                t.ok(not shown, "%s: %s prints neither the author's name nor e-mail"
                     % (label, what), "shown: %r" % shown)


# ---- case 7: Chinese text in GBK, Big5, GB18030 -----------------------------

GBK_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨敏", "赵磊", "黄强", "周杰", "吴秀英",
             "徐丽", "孙涛", "胡军", "朱琳", "高峰", "林婷", "何勇", "郭艳", "马超", "罗丹"]
GBK_ADDRESSES = ["北京市朝阳区建国路88号", "上海市浦东新区世纪大道100号",
                 "广州市天河区天河路385号", "深圳市南山区科技园南路18号",
                 "杭州市西湖区文三路90号", "成都市武侯区人民南路四段11号"]
BIG5_NAMES = ["張偉", "王芳", "李娜", "劉洋", "陳靜", "楊敏", "趙磊", "黃強", "周傑", "吳秀英",
              "徐麗", "孫濤", "胡軍", "朱琳", "高峰", "林婷", "何勇", "郭艷", "馬超", "羅丹"]
BIG5_ADDRESSES = ["臺北市中正區重慶南路一段122號", "臺北市大安區忠孝東路四段50號",
                  "新北市板橋區文化路一段188號", "臺中市西屯區臺灣大道三段99號",
                  "高雄市苓雅區四維三路2號", "臺南市東區大學路1號"]

# The first data row, masked (written by hand): each masked double-byte
# character is the full-width asterisk, each digit or X an ASCII '*'.
GBK_ROW1_MASKED = "＊＊,***********,******************,＊＊＊＊＊＊＊＊＊**＊"
BIG5_ROW1_MASKED = "＊＊,***********,******************,＊＊＊＊＊＊＊＊＊＊＊＊***＊"


def chinese_csv(rng, header, names, addresses):
    rows = [(names[0], "13812345678", "11010519491231002X", addresses[0])]
    for i in range(1, 20):
        rows.append((names[i], make_mobile(rng), make_cn_id(rng),
                     addresses[i % len(addresses)]))
    text = header + "\n" + "".join("%s,%s,%s,%s\n" % r for r in rows)
    return text, rows


def case_chinese(t, m, w, pol, rng):
    for codec, header, names, addresses, row1 in (
            ("gbk", "姓名,手机,身份证号,地址", GBK_NAMES, GBK_ADDRESSES, GBK_ROW1_MASKED),
            ("big5", "姓名,手機,身份證號,地址", BIG5_NAMES, BIG5_ADDRESSES, BIG5_ROW1_MASKED)):
        label = "%s CSV" % codec.upper()
        with t.guard(label):
            rel = "cjk/%s.csv" % codec
            text, rows = chinese_csv(rng, header, names, addresses)
            raw = text.encode(codec)
            src = w.write(rel, raw)
            out = served(t, m, pol, src, "/" + rel, raw, label)
            if out is None:
                continue
            values = [v for r in rows for v in r]
            no_forms(t, out, encoded_forms(values, (codec, "utf-8")), label)
            dec = text_of(out, codec)
            t.ok(dec is not None, "%s: the output still decodes as %s (strict)" % (label, codec))
            if dec is None:
                continue
            lines = dec.split("\n")
            t.eq(lines[0], header, "%s: the header row is unchanged" % label)
            t.eq(lines[1] if len(lines) > 1 else "", row1,
                 "%s: row 1 (%s) masked, double-byte characters as '＊' (written by hand)"
                 % (label, names[0]))
            star = "＊".encode(codec)
            pos = raw.index(b"\n") + 1
            t.eq(out[pos:pos + 2 * len(star)], star * 2,
                 "%s: the bytes of %s are %s twice" % (label, names[0], star.hex(" ")))
            bad = []
            for k, (name, phone, cid, addr) in enumerate(rows):
                cells = lines[k + 1].split(",") if k + 1 < len(lines) else []
                if (len(cells) != 4 or cells[0] != "＊" * len(name) or cells[1] != "*" * 11
                        or cells[2] != "*" * 18 or len(cells[3]) != len(addr)
                        or set(cells[3]) - {"＊", "*"}):
                    bad.append((k + 1, lines[k + 1] if k + 1 < len(lines) else None))
            t.ok(not bad, "%s: in all 20 rows the name is all '＊', phone and ID all '*', "
                 "the address all asterisks" % label, "rows: %r" % bad[:4])
            no_values(t, dec, values, label, "the decoded output")

    label = "GB18030 text with a 4-byte character in a name"
    with t.guard(label):
        rel = "cjk/gb18030.txt"
        rare = "\U00020BB7"          # 𠮷, CJK Extension B: 4 bytes in GB18030
        name = "张" + rare
        assert len(rare.encode("gb18030")) == 4
        lines = ["客户姓名：%s，电话13812345678，地址：北京市朝阳区建国路88号。" % name]
        for k in range(1, 10):
            lines.append("客户姓名：%s，电话%s，备注：第%d次回访。"
                         % (GBK_NAMES[k], make_mobile(rng), k))
        text = "\n".join(lines) + "\n"
        raw = text.encode("gb18030")
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            values = [name, rare, "13812345678", "北京市朝阳区建国路88号"] + GBK_NAMES[1:10]
            forms = encoded_forms(values, ("gb18030", "utf-8"))
            no_forms(t, out, forms, label)
            dec = text_of(out, "gb18030")
            t.ok(dec is not None, "%s: the output still decodes as gb18030 (strict)" % label)
            if dec is not None:
                no_values(t, dec, values, label, "the decoded output")
                mo = re.match(r"客户姓名：([^，]*)，", dec)
                cell = mo.group(1) if mo else None
                t.ok(cell is not None and cell[:1] == "＊" and not set(cell) - {"＊", "*"},
                     "%s: the name after 姓名： is masked: '＊' for 张, asterisks for %s"
                     % (label, "U+20BB7"), "got %r" % cell)

    label = "GBK prose"
    with t.guard(label):
        rel = "cjk/gbk-prose.txt"
        line = "客户姓名：张伟，手机13812345678，住址：北京市朝阳区建国路88号。\n"
        raw = (line * 12).encode("gbk")
        src = w.write(rel, raw)
        out = served(t, m, pol, src, "/" + rel, raw, label)
        if out is not None:
            values = ["张伟", "13812345678", "北京市朝阳区建国路88号", "建国路88号"]
            no_forms(t, out, encoded_forms(values, ("gbk", "utf-8")), label)
            dec = text_of(out, "gbk")
            t.ok(dec is not None, "%s: the output still decodes as gbk (strict)" % label)
            if dec is not None:
                no_values(t, dec, values, label, "the decoded output")
                t.ok(dec.count("客户姓名：＊＊，") == 12,
                     "%s: 张伟 is '＊＊' (A3 AA A3 AA) on every line" % label,
                     repr(dec[:80]))


def body(t):
    rng = random.Random(1207)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)
        pol = w.policy(POLICY)
        secrets = (BOM_VALUES + U16_VALUES + U8_VALUES + U32_VALUES + JSON_VALUES
                   + INVISIBLE_VALUES + FULL_NAMES + ["alice@example.com"]
                   + GBK_NAMES + BIG5_NAMES)
        with t.guard("leaks"), mount.Mount(t, w.src, w.mnt, policy=pol, opts=["allow_other"],
                                           secrets=secrets, label="leaks") as m:
            case_boms(t, m, w, pol)
            case_escapes(t, m, w, pol)
            case_csv(t, m, w, pol, rng)
            case_digits(t, m, w, pol, rng)
            case_compressed(t, m, w, pol, rng)
            case_chinese(t, m, w, pol, rng)
    with t.guard("git repository under sandbox.ini"):
        case_git(t)


tap.main(body)

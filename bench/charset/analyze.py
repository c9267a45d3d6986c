#!/usr/bin/env python3
"""bench/charset/analyze.py - score uchardet and ICU from eval's output.

Usage: python3 analyze.py OUTDIR RESULTS.md

Reads OUTDIR/{tune,check,bulk}.{idx,tsv} (samples.py, eval), drops the
samples that are valid UTF-8 (the engine decides those itself), and writes
the tables between the markers
    <!-- BEGIN GENERATED -->  ...  <!-- END GENERATED -->
of RESULTS.md (everything outside them is kept).  Also writes
OUTDIR/tables.md (the same tables) and OUTDIR/worst.txt.

The decision rule, per library answer:
  family  GB  when the name is GB18030/GBK/GB2312/CP936    iconv GB18030
          B5  when the name is Big5/Big5-HKSCS              iconv BIG5
          W   when the name is windows-1252                 iconv CP1252
                          or ISO-8859-1                     iconv ISO-8859-1
              (wide=1: also the other Latin single-byte names the libraries
               give Western text, decoded as CP1252)
  legacy text of that family iff
          ICU confidence >= T (uchardet has no confidence: T = 0)
          the head converts with glibc iconv (incomplete last char allowed)
          size >= S
          control bytes (01-08 0E-1A 1C-1F 7F) * 1000 <= N * size
    W only: bytes >= 0x80, * 1000 <= H * size
            guard: a head that looks CJK is refused, not decoded as
            mojibake: guard=1 refuses it when it also converts as GB18030
            or as BIG5; guard=2 only when, besides, it has a run of at
            least GUARD_RUN bytes >= 0x80 (Western text has isolated
            accented letters; CJK text has byte pairs in a row)
  else binary (refused).
Errors: "binary called text" = a binary sample accepted; "wrong family" = a
text sample accepted as another family (decoded wrongly, so its Chinese
personal data would go unseen).  Thresholds are searched on "tune" only:
binary called text = 0 (guarded rule: and wrong family = 0), then the most
text accepted with the right family; ties go to the safer side (higher T
and S; lower N and H; the stricter guard; wide off).  "check" and "bulk"
are only re-measured.
"""
import collections
import csv
import itertools
import math
import os
import statistics
import sys

GB_NAMES = {"GB18030", "GBK", "GB2312", "CP936"}
B5_NAMES = {"BIG5", "BIG5-HKSCS"}
LATIN_WIDE = {"ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-9", "ISO-8859-10",
              "ISO-8859-13", "ISO-8859-15", "ISO-8859-16", "WINDOWS-1250",
              "WINDOWS-1254", "WINDOWS-1257", "IBM852", "MAC-CENTRALEUROPE"}
CONV = {"GBK": 0, "GB18030": 1, "BIG5": 2, "CP1252": 3, "ISO-8859-1": 4}
FAMILY_OF_LABEL = {"gbk": "GB", "gb18030": "GB", "big5": "B5", "cp1252": "W"}
FAMS = ("GB", "B5", "W")
LIBS = (("uch", "uchardet 0.0.7"), ("icu", "ICU 72"))
TEXT_LABELS = ("gbk", "gb18030", "big5", "cp1252")
SIZES = ("40", "60", "100", "150", "300", "1000", "4096", "4096raw")
GUARD_RUN = 3
GUARD_SAFETY = {1: 2, 2: 1, 0: 0}

GRID_T = list(range(0, 101, 5))
GRID_N = [0, 1, 2, 5, 10, 20, 50, 100, 200, 1000]
GRID_S = [0, 16, 20, 24, 32, 40, 48, 64]
GRID_H = [60, 80, 100, 120, 140, 160, 180, 200, 250, 300, 400, 1000]

# The rule RESULTS.md recommends: round values inside the region where the
# tables show no binary called text and no wrong family (not the
# tie-broken search optimum, which sits at the edge of that region).
RECOMMENDED = {
    "uch": {"GB": dict(T=0, N=5, S=32), "B5": dict(T=0, N=5, S=32),
            "W": dict(T=0, N=5, S=32, H=200, guard=2, wide=1)},
    "icu": {"GB": dict(T=10, N=5, S=32), "B5": dict(T=10, N=5, S=32),
            "W": dict(T=10, N=5, S=32, H=200, guard=2, wide=1)},
}


def load(outdir, name):
    notes = {}
    with open(os.path.join(outdir, name + ".idx")) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            notes[p[0]] = p[7] if len(p) > 7 else ""
    meta, lines = [], []
    with open(os.path.join(outdir, name + ".tsv")) as f:
        for line in f:
            (meta.append(line[1:].strip()) if line.startswith("#") else lines.append(line))
    rows = []
    for r in csv.DictReader(lines, delimiter="\t"):
        for k in ("size", "utf8", "icu_conf", "ctrl", "hi", "c1", "hirun"):
            r[k] = int(r[k])
        for k in ("ns_uch", "ns_uch_new", "ns_icu", "ns_icu_all"):
            r[k] = float(r[k])
        r["set"] = name
        r["note"] = notes.get(r["id"], "")
        if r["kind"] == "text":
            # cut at a character boundary: filed under its nominal size
            r["sizekey"] = "4096raw" if r["note"] == "raw" else \
                str(min(int(s) for s in SIZES[:-1] if int(s) >= r["size"]))
        else:
            r["sizekey"] = str(r["size"])
        r["uch"] = r["uch"].upper() if r["uch"] != "-" else "-"
        r["icu_u"] = r["icu"].upper() if r["icu"] != "-" else "-"
        rows.append(r)
    return rows, meta


def answer(lib, r):
    return r["uch"] if lib == "uch" else r["icu"]


def name_family(lib, r, wide):
    """(family, converter column) of the library's answer, or (None, None)."""
    n = r["uch"] if lib == "uch" else r["icu_u"]
    if n in GB_NAMES:
        return "GB", CONV["GB18030"]
    if n in B5_NAMES:
        return "B5", CONV["BIG5"]
    if n == "WINDOWS-1252":
        return "W", CONV["CP1252"]
    if n == "ISO-8859-1":
        return "W", CONV["ISO-8859-1"]
    if wide and n in LATIN_WIDE:
        return "W", CONV["CP1252"]
    return None, None


def looks_cjk(r, guard):
    conv = r["conv"][CONV["GB18030"]] != "x" or r["conv"][CONV["BIG5"]] != "x"
    if guard == 1:
        return conv
    if guard == 2:
        return conv and r["hirun"] >= GUARD_RUN
    return False


def checks(lib, r, fam, col, p):
    """The rule's checks after the name, in order: list of (name, passed)."""
    out = [("iconv", r["conv"][col] in "ot"),
           ("conf", lib == "uch" or r["icu_conf"] >= p["T"]),
           ("size", r["size"] >= p["S"]),
           ("ctrl", r["ctrl"] * 1000 <= p["N"] * r["size"])]
    if fam == "W":
        out.append(("hi", r["hi"] * 1000 <= p["H"] * r["size"]))
        out.append(("guard", not looks_cjk(r, p["guard"])))
    return out


def decide(lib, r, params):
    """The family the rule accepts the head as, or None (binary)."""
    fam, col = name_family(lib, r, params["W"].get("wide", 0))
    if fam is None:
        return None
    return fam if all(ok for _, ok in checks(lib, r, fam, col, params[fam])) else None


def search(lib, rows, guarded):
    """Per family: thresholds with no binary called text (guarded: and no
    wrong family) and the most right-family text; ties to the safe side."""
    best = {}
    for fam in FAMS:
        # precomputed: (category, wide-only name, iconv ok, conf, size, ctrl, hi, cjk1, cjk2)
        cand = []
        for r in rows:
            f, col = name_family(lib, r, 1)
            if f != fam:
                continue
            cat = "bin" if r["kind"] == "binary" else (
                "right" if FAMILY_OF_LABEL[r["label"]] == fam else "wrong")
            cand.append((cat, name_family(lib, r, 0)[0] is None, r["conv"][col] in "ot",
                         r["icu_conf"] if lib == "icu" else 100, r["size"], r["ctrl"], r["hi"],
                         looks_cjk(r, 1), looks_cjk(r, 2)))
        Ts = GRID_T if lib == "icu" else [0]
        if fam == "W" and guarded:
            space = itertools.product(Ts, GRID_N, GRID_S, GRID_H, (1, 2, 0), (0, 1))
        elif fam == "W":
            space = itertools.product(Ts, GRID_N, [0], [1000], (0,), (0,))
        else:
            space = itertools.product(Ts, GRID_N, GRID_S if guarded else [0], [1000], (0,), (0,))
        top = None
        for T, N, S, H, g, w in space:
            cnt = {"bin": 0, "right": 0, "wrong": 0}
            for cat, wonly, conv, conf, size, ctrl, hi, cjk1, cjk2 in cand:
                if (wonly and not w) or not conv or conf < T or size < S \
                        or ctrl * 1000 > N * size or hi * 1000 > H * size \
                        or (g == 1 and cjk1) or (g == 2 and cjk2):
                    continue
                cnt[cat] += 1
            if cnt["bin"] or (guarded and cnt["wrong"]):
                continue
            key = (cnt["right"] if guarded else cnt["right"] - cnt["wrong"], T, -N, S, -H,
                   GUARD_SAFETY[g], -w)
            if top is None or key > top[0]:
                p = dict(T=T, N=N, S=S)
                if fam == "W":
                    p.update(H=H, guard=g, wide=w)
                top = (key, p)
        best[fam] = top[1] if top else None
    return best


def fmt_params(lib, fam, p):
    if p is None:
        return "**no setting has 0 binary called text** (family refused)"
    s = []
    if lib == "icu":
        s.append("conf >= %d" % p["T"])
    s.append("ctrl <= %d per 1000" % p["N"])
    if p.get("S"):
        s.append("size >= %d" % p["S"])
    if fam == "W":
        if p["H"] < 1000:
            s.append("bytes >= 0x80 <= %d per 1000" % p["H"])
        s.append({0: "no CJK guard", 1: "guard: refuse if it also converts as GB18030 or BIG5",
                  2: "guard: refuse if it also converts as GB18030 or BIG5 and has a run of "
                     ">= %d bytes >= 0x80" % GUARD_RUN}[p["guard"]])
        s.append("Latin names: %s" % ("wide (ISO-8859-x, windows-125x, IBM852, Mac CE too)"
                                      if p["wide"] else "windows-1252 and ISO-8859-1 only"))
    return ", ".join(s)


def pct(a, b):
    return "-" if b == 0 else "%d%%" % round(100.0 * a / b)


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def evaluate(lib, rows, params):
    cells = collections.defaultdict(lambda: [0, 0])
    gcells = collections.defaultdict(lambda: [0, 0])
    ev = dict(fp=0, wrong=0, right=0, ntext=0, nbin=0, fps=[], cells=cells, gcells=gcells)
    for r in rows:
        d = decide(lib, r, params)
        if r["kind"] == "binary":
            ev["nbin"] += 1
            if d:
                ev["fp"] += 1
                ev["fps"].append(r)
            continue
        ev["ntext"] += 1
        ok = d == FAMILY_OF_LABEL[r["label"]]
        for c in (cells[(r["label"], r["sizekey"])], gcells[(r["label"], r["genre"])]):
            c[1] += 1
            c[0] += ok
        ev["right"] += ok
        ev["wrong"] += bool(d) and not ok
    return ev


def summary_rows(lib, title, scored, params):
    out = []
    for n in ("tune", "check", "bulk"):
        ev = evaluate(lib, scored[n], params)
        out.append([title, n, "%d of %d" % (ev["fp"], ev["nbin"]),
                    ev["wrong"] if ev["ntext"] else "-",
                    "%s (%d/%d)" % (pct(ev["right"], ev["ntext"]), ev["right"], ev["ntext"])
                    if ev["ntext"] else "-"])
    return out


SUMMARY_HEAD = ["library", "set", "binary called text", "text, wrong family",
                "text, right family (recall)"]


def recall_table(ev):
    head = ["encoding"] + [("%s B" % s) if s != "4096raw" else "4096 B, raw cut" for s in SIZES] + ["all"]
    out = []
    for lab in TEXT_LABELS:
        row, a, b = [lab], 0, 0
        for s in SIZES:
            c = ev["cells"].get((lab, s))
            row.append("%s (%d/%d)" % (pct(c[0], c[1]), c[0], c[1]) if c else "-")
            if c:
                a, b = a + c[0], b + c[1]
        row.append("**%s**" % pct(a, b))
        out.append(row)
    return table(head, out)


def genre_table(evs):
    out = []
    keys = sorted({k for ev in evs.values() for k in ev["gcells"]},
                  key=lambda k: (TEXT_LABELS.index(k[0]), k[1]))
    for k in keys:
        row = ["%s %s" % k]
        for lib, _ in LIBS:
            c = evs[lib]["gcells"][k]
            row.append("%s (%d/%d)" % (pct(c[0], c[1]), c[0], c[1]))
        out.append(row)
    return table(["encoding, genre"] + [t for _, t in LIBS], out)


def misses(lib, rows, params):
    """Why text was not accepted with the right family."""
    c = collections.Counter()
    for r in rows:
        if r["kind"] != "text":
            continue
        want = FAMILY_OF_LABEL[r["label"]]
        fam, col = name_family(lib, r, params["W"].get("wide", 0))
        if fam is None:
            c[(r["label"], "named %s" % answer(lib, r))] += 1
            continue
        failed = [n for n, ok in checks(lib, r, fam, col, params[fam]) if not ok]
        if fam == want and not failed:
            continue
        if fam != want and not failed:
            c[(r["label"], "WRONG: accepted as %s" % fam)] += 1
        elif fam != want:
            c[(r["label"], "named %s (%s), refused by %s" % (answer(lib, r), fam, failed[0]))] += 1
        else:
            c[(r["label"], "right family, refused by %s" % failed[0])] += 1
    return c


def funnel(lib, rows, params):
    """Per family: how many binary samples get past each stage of the rule."""
    st = collections.defaultdict(collections.Counter)
    order = ["named the family", "+ iconv", "+ conf", "+ size", "+ ctrl", "+ hi", "+ guard"]
    for r in rows:
        if r["kind"] != "binary":
            continue
        fam, col = name_family(lib, r, params["W"].get("wide", 0))
        if fam is None:
            continue
        st[fam]["named the family"] += 1
        for name, ok in checks(lib, r, fam, col, params[fam]):
            if not ok:
                break
            st[fam]["+ " + name] += 1
    return [[k] + [st[f][k] if (f == "W" or k not in ("+ hi", "+ guard")) else "" for f in FAMS]
            for k in order]


def closest_binary(lib, rows, params, fam, k=3):
    """Binary samples the library names FAM that pass iconv, nearest first:
    fewest failed checks, then fewest control bytes, then (W) fewest high
    bytes, then highest ICU confidence."""
    cand = []
    for r in rows:
        if r["kind"] != "binary":
            continue
        f, col = name_family(lib, r, params["W"].get("wide", 0))
        if f != fam:
            continue
        ch = checks(lib, r, fam, col, params[fam])
        if not ch[0][1]:
            continue
        failed = [n for n, ok in ch if not ok]
        ctrl = 1000.0 * r["ctrl"] / r["size"]
        hi = 1000.0 * r["hi"] / r["size"]
        cand.append(((len(failed), ctrl, hi if fam == "W" else 0, -r["icu_conf"]),
                     r, failed, ctrl, hi))
    cand.sort(key=lambda c: c[0])
    return cand[:k], len(cand)


def random_bound(n, N, H):
    """P(a uniform NUL-free random head of n bytes has ctrl <= N per 1000 and
    bytes >= 0x80 <= H per 1000): bytes are ctrl with 26/255, high with
    128/255, else 101/255."""
    cmax, hmax = N * n // 1000, H * n // 1000
    lc, lh, lo = math.log(26 / 255), math.log(128 / 255), math.log(101 / 255)
    tot = 0.0
    for c in range(0, min(cmax, n) + 1):
        for h in range(0, min(hmax, n - c) + 1):
            o = n - c - h
            lp = (math.lgamma(n + 1) - math.lgamma(c + 1) - math.lgamma(h + 1) -
                  math.lgamma(o + 1) + c * lc + h * lh + o * lo)
            tot += math.exp(lp)
    return tot


def random_bound_cjk(n, N, grammar):
    """Upper bound of P(a uniform NUL-free random head of n bytes converts
    as GB18030 / BIG5 with glibc and has ctrl <= N per 1000), from the
    encodings' byte grammar (glibc's unassigned holes only lower it):
      GB18030: 0x01-0x7F | [81-FE][40-7E 80-FE] | [81-FE][30-39][81-FE][30-39]
      BIG5:    0x01-0x7F | 0x80 | [A1-F9][40-7E A1-FE]
    an incomplete last character allowed."""
    cmax = N * n // 1000
    a, c1 = 101 / 255, 26 / 255           # plain ASCII, control byte
    if grammar == "GB18030":
        single, lead = 0.0, 126 / 255
        two = lead * 190 / 255
        four = lead * (10 / 255) * lead * (10 / 255)
        tails = [lead, lead * 10 / 255, lead * (10 / 255) * lead]   # 1, 2, 3 bytes
    else:
        single, lead = 1 / 255, 89 / 255
        two = lead * 157 / 255
        four = 0.0
        tails = [lead]
    # f[i][c]: first i bytes are whole characters, c of them control bytes
    f = [[0.0] * (cmax + 1) for _ in range(n + 1)]
    f[0][0] = 1.0
    for i in range(1, n + 1):
        for c in range(cmax + 1):
            v = f[i - 1][c] * (a + single)
            if c:
                v += f[i - 1][c - 1] * c1
            if i >= 2:
                v += f[i - 2][c] * two
            if i >= 4 and four:
                v += f[i - 4][c] * four
            f[i][c] = v
    tot = sum(f[n])
    for k, p in enumerate(tails, 1):
        if n - k >= 0:
            tot += sum(f[n - k]) * p
    return tot


def main():
    outdir, results = sys.argv[1], sys.argv[2]
    sets, meta = {}, []
    for name in ("tune", "check", "bulk"):
        rows, m = load(outdir, name)
        sets[name] = rows
        meta = meta or m
    scored = {n: [r for r in rows if not r["utf8"]] for n, rows in sets.items()}
    allrows = scored["tune"] + scored["check"] + scored["bulk"]
    tc = scored["tune"] + scored["check"]
    tx = [r for r in tc if r["kind"] == "text"]
    md = []
    w = md.append

    # ------------------------------------------------------------ samples --
    w("### Sample set (`samples.py`, fixed seeds)\n")
    cnt = []
    for n in ("tune", "check", "bulk"):
        cnt.append([n, sum(1 for r in scored[n] if r["kind"] == "text"),
                    sum(1 for r in scored[n] if r["kind"] == "binary"),
                    sum(1 for r in sets[n] if r["utf8"])])
    w(table(["set", "text (scored)", "binary without NUL (scored)", "valid UTF-8 (dropped)"], cnt))
    du = collections.Counter("%s %s %s B" % (r["kind"], r["label"], r["sizekey"])
                             for n in sets for r in sets[n] if r["utf8"])
    w("\nDropped as valid UTF-8 (the library never sees them): " +
      ", ".join("%s: %d" % kv for kv in sorted(du.items())) + ".")
    bk = collections.Counter((r["label"], r["genre"]) for r in allrows if r["kind"] == "binary")
    w(" Binary samples by kind (all sets): " +
      ", ".join("%s/%s %d" % (a, b, c) for (a, b), c in sorted(bk.items())) + ".")
    w(" gzip, xz and bzip2 *heads* never qualify: their headers hold a NUL within the first "
      "bytes, so the engine's NUL test decides them; their bodies are in the set as "
      "`body`/`nulfree`.\n")

    # -------------------------------------------------------------- names --
    w("### What each library answers\n")
    w("Top answer for the scored text samples (tune + check), count per name:\n")
    rows_t = []
    for lab in TEXT_LABELS:
        row = [lab]
        for lib, _ in LIBS:
            c = collections.Counter(answer(lib, r) for r in tx if r["label"] == lab)
            row.append(", ".join("%s %d" % kv for kv in c.most_common(9)))
        rows_t.append(row)
    w(table(["text encoded with", "uchardet says", "ICU says"], rows_t))
    w("\nTop answer for the binary samples (all sets; `-` = no answer):\n")
    rows_b = []
    for lib, title in LIBS:
        c = collections.Counter(answer(lib, r) for r in allrows if r["kind"] == "binary")
        rows_b.append([title, ", ".join("%s %d" % kv for kv in c.most_common(10))])
    w(table(["library", "answers on binary"], rows_b))
    w("\nGBK vs GB18030 vs GB2312, and Big5 <-> GB confusion (tune + check, scored text, "
      "top answer):\n")
    conf_rows = []
    for lib, title in LIBS:
        def nm(r):
            return r["uch"] if lib == "uch" else r["icu_u"]
        gbn = collections.Counter(answer(lib, r) for r in tx
                                  if r["label"] in ("gbk", "gb18030") and nm(r) in GB_NAMES)
        ngb = sum(1 for r in tx if r["label"] in ("gbk", "gb18030"))
        nb5 = sum(1 for r in tx if r["label"] == "big5")
        conf_rows.append([title, ", ".join("%s %d" % kv for kv in gbn.items()) or "-",
                          "%d of %d" % (sum(1 for r in tx if r["label"] in ("gbk", "gb18030")
                                            and nm(r) in B5_NAMES), ngb),
                          "%d of %d" % (sum(1 for r in tx if r["label"] == "big5"
                                            and nm(r) in GB_NAMES), nb5)])
    w(table(["library", "names given to GBK and GB18030 text", "GB text called Big5",
             "Big5 text called GB"], conf_rows))
    alt = collections.Counter()
    altmax = collections.Counter()
    for r in tx:
        for item in (r["icu_all"].split(",") if r["icu_all"] != "-" else []):
            nmx, c = item.rsplit(":", 1)
            k = None
            if r["label"] in ("gbk", "gb18030") and nmx == "Big5":
                k = "Big5 appears for GB text"
            if r["label"] == "big5" and nmx == "GB18030":
                k = "GB18030 appears for Big5 text"
            if k:
                alt[k] += 1
                altmax[k] = max(altmax[k], int(c))
    w("\nICU's `ucsdet_detectAll` ranking (first 6 entries kept): " +
      "; ".join("%s in %d samples (highest confidence %d)" % (k, alt[k], altmax[k])
                for k in sorted(alt)) +
      ", always below the right answer when that is on top, so only the top answer is used.")
    cgb = collections.Counter(r["icu_conf"] for r in tx
                              if r["label"] in ("gbk", "gb18030", "big5")
                              and r["icu_u"] in GB_NAMES | B5_NAMES)
    cw = collections.Counter(r["icu_conf"] // 10 * 10 for r in tx
                             if r["label"] == "cp1252" and r["icu_u"] in ("WINDOWS-1252", "ISO-8859-1"))
    cb = collections.Counter(r["icu_conf"] // 10 * 10 for r in allrows
                             if r["kind"] == "binary" and r["icu_u"] in ("WINDOWS-1252", "ISO-8859-1"))
    w(" ICU's confidence when it names GB18030/Big5 for CJK text: %s.  When it names "
      "windows-1252/ISO-8859-1, by tens: Western text %s; binary %s.\n" % (
          ", ".join("%d: %d" % kv for kv in sorted(cgb.items())),
          ", ".join("%d+: %d" % kv for kv in sorted(cw.items())),
          ", ".join("%d+: %d" % kv for kv in sorted(cb.items()))))

    # -------------------------------------------------------------- rules --
    for guarded, title in ((False, "Plain rule: name + confidence + iconv + control bytes"),
                           (True, "Guarded rule: adds minimum size, high-byte share and a CJK "
                                  "guard for the Western family")):
        w("### %s (thresholds searched on `tune`)\n" % title)
        summ = []
        for lib, ltitle in LIBS:
            best = search(lib, scored["tune"], guarded)
            params = {f: best[f] or dict(T=1000, N=0, S=0, H=0, guard=1, wide=0) for f in FAMS}
            for f in FAMS:
                w("- %s, %s: %s" % (ltitle, f, fmt_params(lib, f, best[f])))
            summ += summary_rows(lib, ltitle, scored, params)
        w("")
        w(table(SUMMARY_HEAD, summ))
        w("")

    # -------------------------------------------------------- recommended --
    w("### Recommended rule (round thresholds; see the text above)\n")
    summ = []
    for lib, ltitle in LIBS:
        for f in FAMS:
            w("- %s, %s: %s" % (ltitle, f, fmt_params(lib, f, RECOMMENDED[lib][f])))
        summ += summary_rows(lib, ltitle, scored, RECOMMENDED[lib])
    w("")
    w(table(SUMMARY_HEAD, summ))
    evs = {lib: evaluate(lib, tc, RECOMMENDED[lib]) for lib, _ in LIBS}
    for lib, ltitle in LIBS:
        w("\n**%s, recommended rule: recall (accepted with the right family) per encoding and "
          "size, tune + check**\n" % ltitle)
        w(recall_table(evs[lib]))
    w("\nRecall per genre (all sizes, tune + check):\n")
    w(genre_table(evs))
    w("\nWhy text was not accepted (tune + check):\n")
    mr = []
    for lib, ltitle in LIBS:
        for (lab, why), c in sorted(misses(lib, tc, RECOMMENDED[lib]).items()):
            mr.append([ltitle, lab, why, c])
    w(table(["library", "text", "outcome", "samples"], mr))

    # -------------------------------------------------------- sensitivity --
    w("\n### Sensitivity of the recommended rule (one threshold moved, the others kept)\n")
    w("Binary called text: all three sets (%d binary samples); text: tune + check.\n"
      % sum(1 for r in allrows if r["kind"] == "binary"))
    sens = []
    for lib, ltitle in LIBS:
        base = RECOMMENDED[lib]
        var = []
        for N in (0, 5, 10, 20, 50, 100, 200, 500, 1000):
            var.append(("N = %d (ctrl per 1000, all families)" % N, {f: dict(base[f], N=N) for f in FAMS}))
        for H in (100, 150, 200, 250, 300, 400, 1000):
            var.append(("H = %d (W: bytes >= 0x80 per 1000)" % H, dict(base, W=dict(base["W"], H=H))))
        for S in (0, 16, 24, 32, 48, 64):
            var.append(("S = %d (minimum size, all families)" % S, {f: dict(base[f], S=S) for f in FAMS}))
        var.append(("S = 0 for GB and B5, 32 for W",
                    dict(base, GB=dict(base["GB"], S=0), B5=dict(base["B5"], S=0))))
        for g, gt in ((0, "off"), (1, "converts only"), (2, "converts + run >= %d" % GUARD_RUN)):
            var.append(("W guard: %s" % gt, dict(base, W=dict(base["W"], guard=g))))
        var.append(("W names: windows-1252/ISO-8859-1 only", dict(base, W=dict(base["W"], wide=0))))
        if lib == "icu":
            for T in (0, 10, 20, 30, 50, 70):
                var.append(("T = %d (conf, all families)" % T, {f: dict(base[f], T=T) for f in FAMS}))
        for label, p in var:
            eb = evaluate(lib, [r for r in allrows if r["kind"] == "binary"], p)
            et = evaluate(lib, tx, p)
            mark = " (recommended)" if p == base else ""
            sens.append([ltitle, label + mark, eb["fp"], et["wrong"], pct(et["right"], et["ntext"])])
    w(table(["library", "variant", "binary called text", "text, wrong family", "text, right family"], sens))

    # -------------------------------------------------- funnel, worst case --
    w("\n### Binary samples through the recommended rule (all sets, cumulative)\n")
    for lib, ltitle in LIBS:
        w("%s:\n" % ltitle)
        w(table(["stage"] + list(FAMS), funnel(lib, allrows, RECOMMENDED[lib])))
        w("")
    w("Closest binary samples per family (the library names the family and iconv converts; "
      "fewest failed checks, then fewest control bytes, then fewest high bytes):\n")
    wr, worst_txt = [], []
    for lib, ltitle in LIBS:
        for fam in FAMS:
            close, n = closest_binary(lib, allrows, RECOMMENDED[lib], fam)
            for i, (_, r, failed, ctrl, hi) in enumerate(close):
                wr.append([ltitle, fam, "%s #%s" % (r["set"], r["id"]), "%s/%s" % (r["label"], r["genre"]),
                           r["size"], r["uch"] if lib == "uch" else "%s %d" % (r["icu"], r["icu_conf"]),
                           "%.0f" % ctrl, "%.0f" % hi, r["hirun"], r["conv"],
                           ", ".join(failed) or "**ACCEPTED**"])
                if i == 0:
                    worst_txt.append("%s %s: %r" % (ltitle, fam, r))
            if n == 0:
                wr.append([ltitle, fam, "(none)", "", "", "", "", "", "", "", ""])
    w(table(["library", "family", "sample", "kind", "size", "answer", "ctrl per 1000",
             "hi per 1000", "hi run", "iconv GBK GB18030 BIG5 CP1252 8859-1", "refused by"], wr))
    gbv = [r for r in allrows if r["kind"] == "binary" and r["conv"][CONV["GB18030"]] != "x"]
    b5v = [r for r in allrows if r["kind"] == "binary" and r["conv"][CONV["BIG5"]] != "x"]
    w("\nThe library's answer is a filter of its own: of the %d binary samples that convert "
      "as GB18030, uchardet calls %d GB18030 and ICU %d; of the %d that convert as BIG5, "
      "uchardet calls %d Big5 and ICU %d."
      % (len(gbv), sum(1 for r in gbv if r["uch"] in GB_NAMES),
         sum(1 for r in gbv if r["icu_u"] in GB_NAMES), len(b5v),
         sum(1 for r in b5v if r["uch"] in B5_NAMES), sum(1 for r in b5v if r["icu_u"] in B5_NAMES)))
    nb = sum(1 for r in allrows if r["kind"] == "binary")
    pre = sum(1 for r in allrows if r["kind"] == "binary"
              and r["ctrl"] * 1000 <= RECOMMENDED["uch"]["GB"]["N"] * r["size"])
    w(" The control-byte limit alone (N = %d), checked before any library is asked, "
      "already refuses %d of the %d binary samples (%d pass it) and no text sample, "
      "which saves the library call for nearly all binary heads."
      % (RECOMMENDED["uch"]["GB"]["N"], nb - pre, nb, pre))
    Nr, Hr = RECOMMENDED["uch"]["W"]["N"], RECOMMENDED["uch"]["W"]["H"]
    w("\nWithout any library, for uniform random NUL-free heads (exact, from the byte "
      "probabilities): the chance that they pass the library-independent checks of the "
      "recommended rule.  The library's answer must come on top, so these are upper bounds "
      "for random data:\n")
    bn = []
    for n in (32, 48, 64, 100, 256, 1024, 4096):
        bn.append([n, "%.1e" % random_bound(n, Nr, Hr),
                   "%.1e" % random_bound_cjk(n, Nr, "GB18030"),
                   "%.1e" % random_bound_cjk(n, Nr, "BIG5")])
    w(table(["head size", "W: ctrl <= %d and hi <= %d per 1000" % (Nr, Hr),
             "GB: converts as GB18030, ctrl <= %d" % Nr, "B5: converts as BIG5, ctrl <= %d" % Nr], bn))

    # ------------------------------------------------------------- timing --
    w("\n### Cost per call (tune set; per sample the lowest mean of 5 rounds; median over samples)\n")
    w("uchardet reuse = uchardet_reset + handle_data + data_end + get_charset on one "
      "detector; uchardet fresh = the same with uchardet_new/uchardet_delete each time; "
      "ICU detect = ucsdet_setText + ucsdet_detect + getName + getConfidence on one "
      "detector; ICU detectAll = setText + detectAll.  One-off: " +
      ("; ".join(meta) or "not measured") + ".\n")
    timed = [r for r in sets["tune"] if r["ns_uch"] >= 0]
    keys = ("ns_uch", "ns_uch_new", "ns_icu", "ns_icu_all")

    def med(rs, k):
        return "%.1f" % (statistics.median(r[k] for r in rs) / 1000.0) if rs else "-"
    trows = []
    for s in SIZES[:-1]:
        rs = [r for r in timed if r["kind"] == "text" and r["sizekey"] == s]
        trows.append(["text %s B" % s, len(rs)] + [med(rs, k) for k in keys])
    for lab in TEXT_LABELS:
        rs = [r for r in timed if r["kind"] == "text" and r["label"] == lab and r["size"] > 4000]
        trows.append(["text %s, 4096 B" % lab, len(rs)] + [med(rs, k) for k in keys])
    for lo, hi in ((16, 64), (64, 256), (256, 1024), (1024, 4096), (4096, 4097)):
        rs = [r for r in timed if r["kind"] == "binary" and lo <= r["size"] < hi]
        lab = "binary %d B" % lo if hi == lo + 1 else "binary %d..%d B" % (lo, hi - 1)
        trows.append([lab, len(rs)] + [med(rs, k) for k in keys])
    w(table(["head", "samples", "uchardet reuse, us", "uchardet fresh, us", "ICU detect, us",
             "ICU detectAll, us"], trows))

    text = "\n".join(md) + "\n"
    with open(os.path.join(outdir, "tables.md"), "w") as f:
        f.write(text)
    with open(os.path.join(outdir, "worst.txt"), "w") as f:
        f.write("\n".join(worst_txt) + "\n")
    begin, end = "<!-- BEGIN GENERATED -->", "<!-- END GENERATED -->"
    try:
        doc = open(results).read()
    except FileNotFoundError:
        doc = "# Charset detection bench\n\n%s\n%s\n" % (begin, end)
    if begin not in doc or end not in doc:
        print("analyze.py: %s has no markers; the tables are in %s/tables.md" % (results, outdir))
        return
    a, b = doc.index(begin) + len(begin), doc.index(end)
    with open(results, "w") as f:
        f.write(doc[:a] + "\n" + text + doc[b:])
    print("analyze.py: wrote the tables into %s" % results)


if __name__ == "__main__":
    main()

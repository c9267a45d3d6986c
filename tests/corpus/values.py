#!/usr/bin/env python3
"""values.py — invented personal values and look-alikes for the corpus.

Every value is built from its rules (check digits computed from the
published algorithms: here, and for MOD 11-2 and Luhn in
tests/lib/values.py, which the other test data generators share), never
from the detectors' code: these two files are the ground truth's only
source. Each maker takes a random.Random and returns a Val(text, category,
form): the text exactly as written into a document, the category it is
labelled with, and the form (which variant of the shape) so that a weak
spot shows up by form in the score.

The checkers (cn_id_ok, luhn_ok, ...) are used twice: the look-alike
makers use them to make sure a hard negative is really not a value, and
score.py uses them to check the corpus itself.
"""
import collections
import datetime
import os
import sys

# tests/ on the path, for tests/lib (gen.py and score.py also run by hand).
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib.values import cn_id_check, cn_id_ok, digits, luhn_check, luhn_ok  # noqa: E402

Val = collections.namedtuple("Val", "text cat form")

FULL_WIDTH_OFFSET = 0xFEE0


def fw(s):
    """ASCII letters, digits and punctuation to their full-width forms."""
    return "".join(chr(ord(c) + FULL_WIDTH_OFFSET) if "!" <= c <= "~" else c for c in s)


def pick(rng, weighted):
    """weighted: list of (weight, item)."""
    total = sum(w for w, _ in weighted)
    r = rng.uniform(0, total)
    for w, item in weighted:
        r -= w
        if r <= 0:
            return item
    return weighted[-1][1]


# ---- check digits -----------------------------------------------------

# MOD 11-2 (cn_id_check, cn_id_ok) and Luhn (luhn_check, luhn_ok) come
# from tests/lib/values.py, shared with the mount tests, bench/gen.py and
# examples/make_data.py; the rarer schemes are here.


def hkid_check(prefix, six):
    """Check character of a Hong Kong identity card: 1-2 letters + 6 digits."""
    vals = [36] if len(prefix) == 1 else []
    vals += [ord(c) - 55 for c in prefix] + [int(d) for d in six]
    r = sum(v * w for v, w in zip(vals, range(9, 1, -1))) % 11
    return "0" if r == 0 else ("A" if r == 1 else str(11 - r))


TW_LETTERS = dict(A=10, B=11, C=12, D=13, E=14, F=15, G=16, H=17, I=34, J=18, K=19, L=20,
                  M=21, N=22, O=35, P=23, Q=24, R=25, S=26, T=27, U=28, V=29, W=32, X=30,
                  Y=31, Z=33)


def tw_check(first9):
    """Check digit of a Taiwan national ID: letter + 8 digits."""
    n = TW_LETTERS[first9[0]]
    s = n // 10 + (n % 10) * 9 + sum(int(d) * w for d, w in zip(first9[1:], range(8, 0, -1)))
    return str((10 - s % 10) % 10)


def iban_number(s):
    """The IBAN rearranged and turned into an integer (ISO 13616)."""
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(s):
    s = s.replace(" ", "")
    return len(s) >= 15 and iban_number(s) % 97 == 1


def ssn_ok(s):
    d = s.replace("-", "").replace(" ", "")
    if len(d) != 9 or not d.isdigit():
        return False
    a, g, n = int(d[:3]), int(d[3:5]), int(d[5:])
    return a not in (0, 666) and a < 900 and g != 0 and n != 0


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I O S V Z


def uscc_check(first17):
    total = sum(USCC_CHARS.index(c) * (3 ** i % 31) for i, c in enumerate(first17))
    return USCC_CHARS[(31 - total % 31) % 31]


def isbn13_check(first12):
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def ean13_check(first12):
    return isbn13_check(first12)


def isbn10_check(first9):
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1)))
    c = (11 - total % 11) % 11
    return "X" if c == 10 else str(c)


def card_like(d):
    """True when the digit string d (13-19 digits) passes Luhn: such a
    string could be a card and is never used as a hard negative."""
    return d.isdigit() and 13 <= len(d) <= 19 and luhn_ok(d)


# ---- people -----------------------------------------------------------

CN_SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
               "彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 "
               "金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 "
               "龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 司马 上官 诸葛").split()
CN_GIVEN = ("伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 华 建华 "
            "文 婷 宇 浩 欣怡 子涵 梓轩 雨桐 思远 嘉怡 一鸣 佳琪 晨曦 海燕 志强 春梅 立新 国庆 "
            "爱丽 晓东 雪 鹏 慧 玲 斌 颖 凯 琳 博文 俊杰 雅婷 诗涵 浩然 子墨 若曦 天佑 家豪").split()
EN_FIRST = ("James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David "
            "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy "
            "Matthew Lisa Anthony Betty Mark Margaret Paul Sandra Steven Ashley Andrew Emily "
            "Joshua Donna Kevin Michelle Brian Carol George Amanda Alice Olivia Noah Emma "
            "Liam Sophia Ethan Chloe Lucas Grace Henry Zoe").split()
EN_LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
           "Hernandez Lopez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White "
           "Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams "
           "Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards "
           "Collins Stewart Morris Murphy Cook Rogers Chen Wang Nakamura Schmidt Dubois").split()
PINYIN = {"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang",
          "黄": "huang", "赵": "zhao", "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun",
          "马": "ma", "朱": "zhu", "胡": "hu", "郭": "guo", "何": "he", "高": "gao",
          "林": "lin", "罗": "luo"}


def cn_name(rng):
    return rng.choice(CN_SURNAMES) + rng.choice(CN_GIVEN)


def en_name(rng):
    return rng.choice(EN_FIRST) + " " + rng.choice(EN_LAST)


def pinyin_of(name, rng):
    return PINYIN.get(name[0], rng.choice(list(PINYIN.values())))


# ---- contact ----------------------------------------------------------

MOBILE_PREFIXES = ("130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 "
                   "157 158 159 166 170 171 173 175 176 177 178 180 181 182 183 184 185 186 "
                   "187 188 189 191 195 198 199").split()
AREA_CODES = ("010 020 021 022 023 024 025 027 028 029 0311 0351 0371 0431 0451 0531 0571 "
              "0591 0731 0755 0757 0769 0871 0898").split()
EMAIL_DOMAINS = ("example.com example.org example.net mail.example.com corp.example.org "
                 "service.example.net shop.example").split()


def cn_mobile(rng):
    return rng.choice(MOBILE_PREFIXES) + digits(rng, 8)


def phone(rng, lang="zh"):
    m = cn_mobile(rng)
    forms = [
        (60 if lang == "zh" else 20, "mobile"),
        (6, "mobile_spaced"),
        (5, "mobile_dashed"),
        (6, "mobile_plus86"),
        (2, "mobile_0086"),
        (4 if lang == "zh" else 0, "mobile_fullwidth"),
        (8, "landline"),
        (2, "landline_paren"),
        (4 if lang == "zh" else 30, "intl"),
        (0 if lang == "zh" else 6, "us_domestic"),
    ]
    form = pick(rng, forms)
    if form == "mobile":
        t = m
    elif form == "mobile_spaced":
        t = "%s %s %s" % (m[:3], m[3:7], m[7:])
    elif form == "mobile_dashed":
        t = "%s-%s-%s" % (m[:3], m[3:7], m[7:])
    elif form == "mobile_plus86":
        t = rng.choice(["+86 %s", "+86%s", "+86-%s"]) % rng.choice(
            [m, "%s %s %s" % (m[:3], m[3:7], m[7:])])
    elif form == "mobile_0086":
        t = "0086 " + m
    elif form == "mobile_fullwidth":
        t = fw(m)
    elif form in ("landline", "landline_paren"):
        area = rng.choice(AREA_CODES)
        local = str(rng.randrange(2, 10)) + digits(rng, 7 if len(area) == 3 else rng.choice((6, 7)))
        t = ("%s-%s" % (area, local)) if form == "landline" else ("(%s) %s" % (area, local))
    elif form == "intl":
        t = rng.choice([
            lambda: "+44 20 7946 0%s" % digits(rng, 3),
            lambda: "+1 %d%s-555-01%s" % (rng.randrange(2, 10), digits(rng, 2), digits(rng, 2)),
            lambda: "+1 (%d%s) 555-01%s" % (rng.randrange(2, 10), digits(rng, 2), digits(rng, 2)),
            lambda: "+49 30 %s" % digits(rng, 7),
            lambda: "+33 1 %s %s %s %s" % tuple(digits(rng, 2) for _ in range(4)),
            lambda: "+81 3-%s-%s" % (digits(rng, 4), digits(rng, 4)),
            lambda: "+852 %d%s %s" % (rng.choice((5, 6, 9)), digits(rng, 3), digits(rng, 4)),
            lambda: "+886 2 %s %s" % (digits(rng, 4), digits(rng, 4)),
            lambda: "+61 2 %s %s" % (digits(rng, 4), digits(rng, 4)),
        ])()
    else:  # us_domestic, always written after a cue by the documents
        t = rng.choice(["(%d%s) 555-01%s", "%d%s-555-01%s"]) % (
            rng.randrange(2, 10), digits(rng, 2), digits(rng, 2))
    return Val(t, "phone", form)


def email(rng, name=None):
    if name and name[0] in PINYIN:
        local = pinyin_of(name, rng) + rng.choice([".", "_", ""]) + rng.choice(
            ["wei", "fang", "na", "min", "jing", "lei", "yang"]) + rng.choice(["", "", str(rng.randrange(1, 99))])
    elif name and " " in name:
        first, last = name.lower().split(" ", 1)
        local = rng.choice([first + "." + last, first[0] + last, first + "_" + last[0], last + str(rng.randrange(10, 99))])
    else:
        local = rng.choice(["info", "a.chen", "zw", "li.na", "j.smith", "wang_fang", "service",
                            "k.tanaka", "hr-team", "noreply", "m.garcia"]) + rng.choice(["", str(rng.randrange(1, 999))])
    if rng.random() < 0.06:
        local += "+" + rng.choice(["news", "shop", "2024"])
    form = "plain"
    dom = rng.choice(EMAIL_DOMAINS)
    at = "@"
    r = rng.random()
    if r < 0.01:
        at, form = "＠", "fullwidth_at"
    elif r < 0.04:
        local, dom, form = local.upper(), dom.upper(), "upper"
    return Val(local + at + dom, "email", form)


# ---- identifiers ------------------------------------------------------

CN_REGIONS = ("110101 110105 110108 120101 120104 130102 140105 150102 210102 220102 230103 "
              "310101 310104 310115 320102 320506 330102 330106 340104 350203 360102 370202 "
              "410105 420106 430104 440103 440106 440305 450103 460106 500103 510107 520102 "
              "530102 610113 620102 650102").split()


def birth_date(rng, lo=1940, hi=2008):
    start = datetime.date(lo, 1, 1).toordinal()
    return datetime.date.fromordinal(start + rng.randrange(datetime.date(hi, 12, 31).toordinal() - start))


def cn_id(rng, birth=None, lang="zh"):
    birth = birth or birth_date(rng)
    body = rng.choice(CN_REGIONS) + birth.strftime("%Y%m%d") + digits(rng, 3)
    t = body + cn_id_check(body)
    form = "18x" if t.endswith("X") else "18"
    r = rng.random()
    if lang == "zh" and r < 0.03:
        t, form = fw(t), "fullwidth"
    elif r < 0.05:
        t, form = rng.choice(CN_REGIONS) + birth.strftime("%y%m%d") + digits(rng, 3), "legacy15"
        if birth.year >= 2000:
            t, form = body + cn_id_check(body), "18"
    elif t.endswith("X") and r < 0.15:
        t, form = t[:-1] + "x", "18_lower_x"
    return Val(t, "cn_id", form)


HK_PREFIXES = "A B C D E G H K M N P R V Y Z XA XB WX".split()


def hk_id(rng):
    prefix = rng.choice(HK_PREFIXES)
    six = digits(rng, 6)
    c = hkid_check(prefix, six)
    form = pick(rng, [(70, "paren"), (12, "paren_space"), (8, "bare"), (5, "fullwidth_paren"), (5, "two_letter")])
    if form == "two_letter":
        prefix = rng.choice(["XA", "XB", "WX"])
        c = hkid_check(prefix, six)
        t = "%s%s(%s)" % (prefix, six, c)
    elif form == "paren":
        t = "%s%s(%s)" % (prefix, six, c)
    elif form == "paren_space":
        t = "%s%s (%s)" % (prefix, six, c)
    elif form == "bare":
        t = prefix + six + c
    else:
        t = "%s%s（%s）" % (prefix, six, c)
    return Val(t, "hk_id", form)


def tw_id(rng):
    letter = rng.choice([k for k in TW_LETTERS])
    second = pick(rng, [(48, "1"), (48, "2"), (2, "8"), (2, "9")])
    first9 = letter + second + digits(rng, 7)
    return Val(first9 + tw_check(first9), "tw_id", "new_arc" if second in "89" else "national")


CARD_KINDS = [
    (30, "unionpay16", "62", 16), (10, "unionpay19", "62", 19), (20, "visa", "4", 16),
    (10, "mastercard", "5", 16), (4, "mastercard2", "2", 16), (8, "amex", "3", 15),
    (6, "jcb", "35", 16), (4, "visa13", "4", 13),
]


def bank_card(rng, lang="zh"):
    _, kind, pre, n = pick(rng, [(c[0], c) for c in CARD_KINDS])
    if kind == "unionpay16" or kind == "unionpay19":
        pre = "62" + rng.choice(["2202", "2848", "1700", "2588", "1483", "2700", "5880"])
    elif kind == "mastercard":
        pre = str(rng.randrange(51, 56))
    elif kind == "mastercard2":
        pre = str(rng.randrange(2221, 2721))
    elif kind == "amex":
        pre = rng.choice(["34", "37"])
    elif kind == "jcb":
        pre = str(rng.randrange(3528, 3590))
    body = pre + digits(rng, n - len(pre) - 1)
    d = body + luhn_check(body)
    g = pick(rng, [(55, "compact"), (30, "spaced"), (8, "dashed"), (3 if lang == "zh" else 0, "fullwidth")])
    if g in ("spaced", "dashed"):
        sep = " " if g == "spaced" else "-"
        if kind == "amex":
            t = sep.join([d[:4], d[4:10], d[10:]])
        else:
            t = sep.join(d[i:i + 4] for i in range(0, len(d), 4))
    elif g == "fullwidth":
        t = fw(d)
    else:
        t = d
    return Val(t, "bank_card", kind + "_" + g)


IBAN_FORMATS = {  # country: BBAN pattern (n = digit, a = upper letter, c = alnum)
    "DE": "n" * 18, "GB": "aaaa" + "n" * 14, "FR": "n" * 10 + "c" * 11 + "nn",
    "NL": "aaaa" + "n" * 10, "ES": "n" * 20, "IT": "a" + "n" * 10 + "c" * 12,
    "CH": "n" * 17, "BE": "n" * 12, "AT": "n" * 16, "PL": "n" * 24, "SE": "n" * 20,
    "IE": "aaaa" + "n" * 14, "PT": "n" * 21,
}


def iban(rng):
    cc = rng.choice(sorted(IBAN_FORMATS))
    alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    bban = "".join(str(rng.randrange(10)) if p == "n" else
                   rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") if p == "a" else rng.choice(alnum)
                   for p in IBAN_FORMATS[cc])
    ck = 98 - iban_number(cc + "00" + bban) % 97
    t = "%s%02d%s" % (cc, ck, bban)
    if rng.random() < 0.5:
        return Val(" ".join(t[i:i + 4] for i in range(0, len(t), 4)), "iban", "grouped")
    return Val(t, "iban", "compact")


def us_ssn(rng):
    while True:
        a = rng.randrange(1, 900)
        if a != 666:
            break
    d = "%03d%02d%04d" % (a, rng.randrange(1, 100), rng.randrange(1, 10000))
    form = pick(rng, [(85, "dashed"), (7, "spaced"), (8, "bare")])
    t = {"dashed": "%s-%s-%s", "spaced": "%s %s %s", "bare": "%s%s%s"}[form] % (d[:3], d[3:5], d[5:])
    return Val(t, "us_ssn", form)


def passport(rng):
    form = pick(rng, [(35, "cn_e"), (20, "cn_e_letter"), (10, "cn_g"), (10, "hk"), (15, "us"), (10, "uk")])
    if form == "cn_e":
        t = "E" + digits(rng, 8)
    elif form == "cn_e_letter":
        t = "E" + rng.choice("ABCDEFGHJKLMN") + digits(rng, 7)
    elif form == "cn_g":
        t = "G" + digits(rng, 8)
    elif form == "hk":
        t = rng.choice("HK") + digits(rng, 8)
    elif form == "us":
        t = str(rng.randrange(1, 10)) + digits(rng, 8)
    else:
        t = str(rng.randrange(1, 10)) + digits(rng, 8)
    return Val(t, "passport", form)


def travel_permit(rng):
    """Mainland travel permit for Hong Kong and Macao (往来港澳通行证):
    C + 8 digits, or C + letter + 7 digits. Labelled "passport"."""
    if rng.random() < 0.5:
        return Val("C" + digits(rng, 8), "passport", "hk_macau_permit")
    return Val("C" + rng.choice("ABCDEFGHJKLMN") + digits(rng, 7), "passport", "hk_macau_permit")


# ---- network ------------------------------------------------------------

def ipv4(rng):
    form = pick(rng, [(30, "private"), (30, "doc"), (40, "public")])
    if form == "private":
        t = rng.choice(["10.%d.%d.%d" % (rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)),
                        "192.168.%d.%d" % (rng.randrange(256), rng.randrange(1, 255)),
                        "172.%d.%d.%d" % (rng.randrange(16, 32), rng.randrange(256), rng.randrange(1, 255))])
    elif form == "doc":
        t = rng.choice(["192.0.2.", "198.51.100.", "203.0.113."]) + str(rng.randrange(1, 255))
    else:
        t = "%d.%d.%d.%d" % (rng.choice([36, 58, 61, 101, 110, 114, 117, 123, 180, 183, 202, 211, 218, 221, 223]),
                             rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
    return Val(t, "ipv4", form)


def ipv6(rng):
    groups = ["%x" % rng.randrange(0x10000) for _ in range(8)]
    pre = rng.choice([["2001", "db8"], ["240e", "%x" % rng.randrange(0x100, 0x1000)],
                      ["2408", "%x" % rng.randrange(0x8000, 0x9000)], ["fe80", "0"]])
    groups[:2] = pre
    form = pick(rng, [(30, "compressed"), (25, "full"), (15, "full_padded"), (15, "link_local"), (10, "mapped"), (5, "upper")])
    if form == "full":
        t = ":".join(groups)
    elif form == "full_padded":
        t = ":".join(g.zfill(4) for g in groups)
    elif form == "compressed":
        k = rng.randrange(2, 6)
        t = ":".join(groups[:k]) + "::" + ":".join(groups[k + 2:])
    elif form == "link_local":
        t = "fe80::" + ":".join(groups[4:])
    elif form == "mapped":
        t = "::ffff:%d.%d.%d.%d" % (rng.choice([58, 101, 183, 203]), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
    else:
        t = (":".join(groups[:3]) + "::" + ":".join(groups[5:])).upper()
    return Val(t, "ipv6", form)


def mac(rng):
    b = ["%02x" % rng.randrange(256) for _ in range(6)]
    b[0] = "%02x" % (int(b[0], 16) & 0xFC)
    form = pick(rng, [(45, "colon_lower"), (25, "colon_upper"), (20, "dash_upper"), (10, "cisco")])
    if form == "colon_lower":
        t = ":".join(b)
    elif form == "colon_upper":
        t = ":".join(b).upper()
    elif form == "dash_upper":
        t = "-".join(b).upper()
    else:
        s = "".join(b)
        t = ".".join(s[i:i + 4] for i in range(0, 12, 4))
    return Val(t, "mac", form)


CITIES_LATLON = [(39.9042, 116.4074), (31.2304, 121.4737), (22.5431, 114.0579), (30.2741, 120.1551),
                 (23.1291, 113.2644), (30.5728, 104.0668), (34.3416, 108.9398), (22.3193, 114.1694),
                 (25.0330, 121.5654), (40.7128, -74.0060), (51.5072, -0.1276), (37.7749, -122.4194),
                 (-33.8688, 151.2093), (48.8566, 2.3522)]


def geo(rng):
    lat, lon = rng.choice(CITIES_LATLON)
    lat += rng.uniform(-0.2, 0.2)
    lon += rng.uniform(-0.2, 0.2)
    nd = rng.choice([4, 5, 6, 6])
    form = pick(rng, [(50, "pair_comma"), (15, "pair_nospace"), (20, "hemisphere"), (15, "pair_paren")])
    a, b = "%.*f" % (nd, lat), "%.*f" % (nd, lon)
    if form == "pair_comma":
        t = a + ", " + b
    elif form == "pair_nospace":
        t = a + "," + b
    elif form == "pair_paren":
        t = a + ", " + b  # the document puts the parentheses around it
    else:
        t = "%.*f°%s, %.*f°%s" % (nd, abs(lat), "N" if lat >= 0 else "S", nd, abs(lon), "E" if lon >= 0 else "W")
    return Val(t, "geo", form)


# ---- places -------------------------------------------------------------

PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def plate(rng):
    prov = rng.choice(PLATE_PROVINCES)
    city = rng.choice(PLATE_LETTERS[:12])
    form = pick(rng, [(55, "plain"), (20, "dot"), (15, "nev"), (10, "space")])
    if form == "nev":
        tail = rng.choice("DF") + digits(rng, 5)
    else:
        chars = [str(rng.randrange(10)) for _ in range(5)]
        for _ in range(rng.choice((0, 0, 1, 2))):
            chars[rng.randrange(5)] = rng.choice(PLATE_LETTERS)
        tail = "".join(chars)
    sep = {"dot": "·", "space": " "}.get(form, "")
    return Val(prov + city + sep + tail, "plate", form)


CN_PLACES = [("北京市", ["朝阳区", "海淀区", "东城区", "西城区", "丰台区"]),
             ("上海市", ["浦东新区", "徐汇区", "静安区", "黄浦区", "闵行区"]),
             ("广东省深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
             ("广东省广州市", ["天河区", "越秀区", "海珠区"]),
             ("浙江省杭州市", ["西湖区", "滨江区", "余杭区"]),
             ("四川省成都市", ["武侯区", "锦江区", "高新区"]),
             ("江苏省南京市", ["鼓楼区", "玄武区", "建邺区"]),
             ("湖北省武汉市", ["洪山区", "江汉区", "武昌区"]),
             ("天津市", ["和平区", "南开区"]), ("重庆市", ["渝中区", "江北区"])]
CN_ROADS = "建国路 人民路 中山路 解放大道 科技园路 文三路 世纪大道 长安街 和平路 新华路 滨江大道 学院路 天府大道 珠江路 北京路".split()
EN_STREETS = "Example Oak Maple Pine Cedar Elm Willow Lake Hill Park River Sunset Harbor Mill".split()
EN_SUFFIX = "Street Avenue Road Lane Drive Boulevard Court".split()
EN_CITIES = [("Springfield", "IL", "627"), ("Riverside", "CA", "925"), ("Fairview", "TX", "750"),
             ("Madison", "WI", "537"), ("Greenville", "SC", "296"), ("Franklin", "TN", "370")]


def address_cn(rng, short=False):
    city, districts = rng.choice(CN_PLACES)
    t = ("" if short and rng.random() < 0.5 else city) + rng.choice(districts) + rng.choice(CN_ROADS) + \
        "%d号" % rng.randrange(1, 999)
    r = rng.random()
    if r < 0.35:
        t += "%d栋%d室" % (rng.randrange(1, 30), rng.randrange(1, 33) * 100 + rng.randrange(1, 9))
    elif r < 0.55:
        t += "%d单元%d室" % (rng.randrange(1, 8), rng.randrange(1, 20) * 100 + rng.randrange(1, 9))
    elif r < 0.65:
        t += rng.choice("ABCD") + "座%d" % (rng.randrange(1, 30) * 100 + rng.randrange(1, 20))
    return Val(t, "address", "cn")


def address_en(rng):
    city, state, zip3 = rng.choice(EN_CITIES)
    t = "%d %s %s" % (rng.randrange(1, 9999), rng.choice(EN_STREETS), rng.choice(EN_SUFFIX))
    if rng.random() < 0.35:
        t += ", Apt %d%s" % (rng.randrange(1, 30), rng.choice("ABCDEF"))
    t += ", %s, %s %s%s" % (city, state, zip3, digits(rng, 2))
    return Val(t, "address", "en")


# ---- dates, health ------------------------------------------------------

EN_MONTHS = "January February March April May June July August September October November December".split()


def date_text(rng, d, lang, forms=None):
    if lang == "zh":
        form = pick(rng, forms or [(55, "zh_ymd"), (25, "iso"), (10, "slash"), (10, "zh_padded")])
    else:
        form = pick(rng, forms or [(45, "iso"), (20, "en_mdy"), (20, "en_dmy"), (15, "us_slash")])
    return {
        "zh_ymd": "%d年%d月%d日" % (d.year, d.month, d.day),
        "zh_padded": "%d年%02d月%02d日" % (d.year, d.month, d.day),
        "iso": d.isoformat(),
        "slash": "%d/%02d/%02d" % (d.year, d.month, d.day),
        "en_mdy": "%s %d, %d" % (EN_MONTHS[d.month - 1], d.day, d.year),
        "en_dmy": "%d %s %d" % (d.day, EN_MONTHS[d.month - 1], d.year),
        "us_slash": "%02d/%02d/%d" % (d.month, d.day, d.year),
    }[form], form


HEALTH_ZH = ("2型糖尿病 高血压 冠心病 慢性胃炎 支气管哮喘 抑郁症 乙型病毒性肝炎 肺结核 腰椎间盘突出症 "
             "类风湿关节炎 甲状腺功能亢进症 慢性阻塞性肺疾病 焦虑障碍 乳腺癌 胃溃疡 偏头痛 痛风 "
             "慢性肾病3期 急性阑尾炎 HIV感染").split()
HEALTH_EN = ["type 2 diabetes", "hypertension", "coronary artery disease", "asthma",
             "major depressive disorder", "chronic hepatitis B", "tuberculosis", "rheumatoid arthritis",
             "generalized anxiety disorder", "breast cancer", "HIV infection", "chronic kidney disease stage 3",
             "bipolar disorder", "epilepsy", "Crohn's disease", "migraine", "gout", "COPD"]


# ---- hard negatives: look like values, are not ------------------------
# Each maker returns Val(text, kind, form) and makes sure the text is NOT a
# value by the checkers above (an order number that happens to carry a
# valid ID check digit is drawn again).

def order_no(rng):
    while True:
        form = pick(rng, [(40, "date_seq"), (30, "id_shaped"), (30, "random")])
        if form == "date_seq":
            t = "20%02d%02d%02d" % (rng.randrange(18, 25), rng.randrange(1, 13), rng.randrange(1, 29)) + digits(rng, 10)
        elif form == "id_shaped":  # region + real date + sequence, wrong check
            t = rng.choice(CN_REGIONS) + birth_date(rng).strftime("%Y%m%d") + digits(rng, 4)
        else:
            t = str(rng.randrange(1, 10)) + digits(rng, 17)
        if not cn_id_ok(t) and not card_like(t):
            return Val(t, "order_no", form)


def org_code(rng, body):
    """GB 11714 organisation code: 8 characters + check."""
    vals = [int(c, 36) for c in body]
    c = 11 - sum(v * w for v, w in zip(vals, (3, 7, 9, 10, 5, 8, 4, 2))) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def uscc(rng):
    while True:
        form = pick(rng, [(60, "ma"), (40, "digits")])
        if form == "ma":
            body = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(6))
        else:
            body = digits(rng, 8)
        head = rng.choice(["91", "91", "92", "93", "12", "52", "11"]) + rng.choice(CN_REGIONS) + org_code(rng, body)
        if any(c not in USCC_CHARS for c in head):
            continue
        t = head + uscc_check(head)
        if not cn_id_ok(t) and not card_like(t):
            return Val(t, "uscc", form)


def luhn_fail(rng):
    while True:
        pre, n = rng.choice([("62", 16), ("62", 19), ("4", 16), ("5", 16), ("37", 15)])
        body = pre + digits(rng, n - len(pre) - 1)
        good = luhn_check(body)
        d = body + rng.choice([x for x in "0123456789" if x != good])
        if cn_id_ok(d):
            continue
        form = pick(rng, [(60, "compact"), (40, "spaced")])
        t = d if form == "compact" else " ".join(d[i:i + 4] for i in range(0, n, 4))
        return Val(t, "luhn_fail", form)


def epoch_ms(rng):
    while True:
        t = str(rng.randrange(1_500_000_000_000, 1_760_000_000_000))
        if not card_like(t):
            return Val(t, "epoch_ms", "ms")


def iso_date(rng, lang="en", prose=False):
    """A date that is not a birth date (filed, shipped, logged...)."""
    d = birth_date(rng, 2015, 2024)
    if prose:  # as written in running text
        form = pick(rng, [(30, "date"), (70, "zh" if lang == "zh" else "en_long")])
    else:
        form = pick(rng, [(40, "date"), (30, "datetime"), (30 if lang == "zh" else 0, "zh")])
    if form == "date":
        t = d.isoformat()
    elif form == "datetime":
        t = "%sT%02d:%02d:%02d%s" % (d.isoformat(), rng.randrange(24), rng.randrange(60), rng.randrange(60),
                                      rng.choice(["Z", "+08:00", ".%03dZ" % rng.randrange(1000)]))
    elif form == "en_long":
        t = "%s %d, %d" % (EN_MONTHS[d.month - 1], d.day, d.year)
    else:
        t = "%d年%d月%d日" % (d.year, d.month, d.day)
    return Val(t, "iso_date", form)


def uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    h = h[:12] + "4" + h[13:16] + rng.choice("89ab") + h[17:]
    t = "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))
    if rng.random() < 0.2:
        return Val(t.upper(), "uuid", "upper")
    return Val(t, "uuid", "lower")


def hex_hash(rng):
    n, form = rng.choice([(32, "md5"), (40, "sha1"), (64, "sha256")])
    return Val("%0*x" % (n, rng.getrandbits(4 * n)), "hash", form)


def version(rng, quad=False):
    """quad: may be a 4-part version whose parts all fit in an octet
    (1.2.3.4); only written after a cue such as "v", "version " or a key."""
    form = pick(rng, [(30, "semver"), (20 if quad else 0, "v_quad"), (25, "browser"), (15, "windows"), (10, "server")])
    if form == "semver":
        t = "%d.%d.%d" % (rng.randrange(0, 20), rng.randrange(0, 40), rng.randrange(0, 200))
    elif form == "v_quad":  # looks like a dotted quad, after v / version
        t = "%d.%d.%d.%d" % (rng.randrange(1, 20), rng.randrange(0, 30), rng.randrange(0, 100), rng.randrange(0, 250))
    elif form == "browser":
        t = "%d.0.%d.%d" % (rng.randrange(100, 125), rng.randrange(5000, 6500), rng.randrange(0, 250))
    elif form == "windows":
        t = "10.0.%d.%d" % (rng.choice([19044, 19045, 22621, 22631]), rng.randrange(1000, 4000))
    else:
        t = "%d.%d.%d" % (1, rng.randrange(18, 27), rng.randrange(0, 6))
    return Val(t, "version", form)


def isbn(rng):
    form = pick(rng, [(40, "isbn13_hyphen"), (35, "isbn13"), (25, "isbn10")])
    pub = rng.choice(["02", "5086", "111", "302", "5321", "04", "115", "5217"])
    title = digits(rng, 8 - len(pub))
    if form == "isbn10":
        nine = "7" + pub + title
        return Val("7-%s-%s-%s" % (pub, title, isbn10_check(nine)), "isbn", form)
    twelve = "9787" + pub + title
    c = isbn13_check(twelve)
    if form == "isbn13":
        return Val(twelve + c, "isbn", form)
    return Val("978-7-%s-%s-%s" % (pub, title, c), "isbn", form)


def price(rng, lang="zh"):
    v = rng.choice([rng.randrange(1, 100) + 0.99, rng.randrange(100, 20000) + rng.choice([0, 0.5, 0.8]),
                    rng.randrange(1000, 2000000)])
    form = pick(rng, [(35, "yuan_symbol"), (25, "plain"), (20, "grouped"), (20, "dollar")])
    if form == "grouped":
        t = "{:,.2f}".format(v)
    elif form == "plain":
        t = "%.2f" % v
    else:
        t = "%.2f" % v if rng.random() < 0.6 else "{:,.2f}".format(v)
    return Val(t, "price", form)


def s10_check(eight):
    c = 11 - sum(int(d) * w for d, w in zip(eight, (8, 6, 4, 2, 3, 5, 9, 7))) % 11
    return "0" if c == 10 else "5" if c == 11 else str(c)


def tracking(rng):
    while True:
        form = pick(rng, [(25, "sf"), (20, "yto"), (20, "zto"), (10, "jd"), (15, "ems"), (10, "ups")])
        if form == "sf":
            t = "SF" + digits(rng, 13)
        elif form == "yto":
            t = "YT" + digits(rng, 13)
        elif form == "zto":
            t = rng.choice(["73", "75", "78"]) + digits(rng, 12)
        elif form == "jd":
            t = "JDVA" + digits(rng, 11)
        elif form == "ems":
            e = digits(rng, 8)
            t = rng.choice(["EA", "EB", "LK", "RR"]) + e + s10_check(e) + "CN"
        else:
            t = "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(6)) + digits(rng, 10)
        if not card_like("".join(c for c in t if c.isdigit())):
            return Val(t, "tracking", form)


def sku(rng):
    form = pick(rng, [(40, "sku_code"), (35, "ean13"), (25, "model")])
    if form == "sku_code":
        t = "SKU-%05d-%s-%s" % (rng.randrange(100000), rng.choice(["BLK", "WHT", "RED", "BLU"]), rng.choice(["S", "M", "L", "XL"]))
    elif form == "ean13":
        while True:
            twelve = rng.choice(["690", "691", "692", "693", "694", "695"]) + digits(rng, 9)
            t = twelve + ean13_check(twelve)
            if not card_like(t):
                break
    else:
        t = "%s-%s%d-%dG-%s" % (rng.choice(["HW", "MI", "OP", "LN"]), rng.choice(["MATE", "NOTE", "PRO", "AIR"]),
                               rng.randrange(10, 99), rng.choice([64, 128, 256, 512]), rng.choice(["BLK", "SLV", "GLD"]))
    return Val(t, "sku", form)


NEGATIVE_KINDS = ("order_no", "uscc", "luhn_fail", "epoch_ms", "iso_date", "uuid", "hash",
                  "version", "isbn", "price", "tracking", "sku")

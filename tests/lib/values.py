"""values.py — invented personal values with valid check digits.

    from lib.values import make_email, luhn_ok, ...

The one place for the check-digit algorithms every generator needs: the
Chinese resident ID's ISO 7064 MOD 11-2 check character (with a validator
that also checks region and birth date) and Luhn for cards, written from
the published algorithms, never from the detectors' code. They are used by
the mount tests, the detection corpus (tests/corpus/values.py, which adds
the rarer schemes), bench/gen.py, bench/charset/samples.py and
examples/make_data.py.

The makers take a random.Random, so a fixed seed gives the same values
on every run: make_cn_id, make_card, make_mobile, make_email, make_ipv4,
make_values (one of each kind) and big_text (text with values across
every 4096-byte boundary). E-mails live at example.com / example.org.
Changing what a maker draws from its random.Random changes every data
set made with it: the corpus, the example data and the bench data must
stay byte-identical (docs/testing.md says how to check).
"""
import datetime
import re


def digits(rng, n):
    """n random decimal digits."""
    return "".join(str(rng.randrange(10)) for _ in range(n))


# ---- check digits -----------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CN_PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"}


def cn_id_check(first17):
    """ISO 7064 MOD 11-2 check character of a resident ID's first 17 digits."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def date_ok(y, m, d):
    try:
        datetime.date(y, m, d)
        return True
    except ValueError:
        return False


def cn_id_ok(s):
    """A valid resident ID: 18 characters with region, date and check, or
    the 15-digit legacy form (region, yymmdd in the 1900s)."""
    s = s.upper()
    if len(s) == 15:
        return s.isdigit() and s[:2] in CN_PROVINCES and date_ok(
            1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    if len(s) != 18 or not s[:17].isdigit() or s[:2] not in CN_PROVINCES:
        return False
    if not date_ok(int(s[6:10]), int(s[10:12]), int(s[12:14])):
        return False
    return cn_id_check(s[:17]) == s[17]


def luhn_check(partial):
    """The digit that makes partial + digit pass the Luhn check."""
    total = 0
    for i, d in enumerate(reversed(partial)):
        n = int(d)
        if i % 2 == 0:  # these get doubled once the check digit is appended
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return str((10 - total % 10) % 10)


def luhn_ok(number):
    return len(number) > 1 and luhn_check(number[:-1]) == number[-1]


# ---- makers -------------------------------------------------------------

def make_cn_id(rng):
    region = rng.choice(["110101", "310104", "440305", "330106", "510107"])
    y = rng.randrange(1950, 2005)
    m = rng.randrange(1, 13)
    d = rng.randrange(1, 29)
    body = "%s%04d%02d%02d%03d" % (region, y, m, d, rng.randrange(1, 1000))
    return body + cn_id_check(body)


def make_card(rng, prefix, length):
    """A card number of length digits starting with prefix; it passes Luhn."""
    body = prefix + digits(rng, length - len(prefix) - 1)
    return body + luhn_check(body)


def make_mobile(rng):
    return rng.choice(["138", "139", "135", "150", "186", "188", "177", "199"]) + digits(rng, 8)


def make_email(rng):
    name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(3, 10)))
    return "%s.%d@%s" % (name, rng.randrange(100), rng.choice(["example.com", "example.org"]))


def make_ipv4(rng):
    return "%d.%d.%d.%d" % (rng.choice([10, 172, 192, 203, 198]), rng.randrange(256),
                            rng.randrange(256), rng.randrange(1, 255))


def make_values(rng):
    """One invented value of each built-in kind, as (kind, text)."""
    return [
        ("email", make_email(rng)),
        ("phone", make_mobile(rng)),
        ("phone", "+86 %s" % " ".join(re.findall(r"^...|....", make_mobile(rng)))),
        ("cn_id", make_cn_id(rng)),
        ("bank_card", make_card(rng, "622", 19)),
        ("bank_card", make_card(rng, "4", 16)),
        ("ipv4", make_ipv4(rng)),
    ]


FILLER_WORDS = ["order", "status=ok", "v1.2.3", "ts=1700000000123", "数据", "客户",
                "记录", "amount=12.50", "ORD0012345678", "the", "report", "处理完成"]


def big_text(rng, size, newlines=True, boundaries=(4096, 8192)):
    """About size bytes of invented text. Values are put so that one starts a
    few bytes before every multiple of 4096 (straddling it) and more are
    scattered in between. Returns (bytes, list of raw values used)."""
    out = bytearray()
    used = []
    next_b = boundaries[0]
    step = min(boundaries)
    while len(out) < size:
        if len(out) >= next_b - 80:
            # pad to a few bytes before the boundary, then a value across it
            kind, v = rng.choice(make_values(rng))
            back = rng.randrange(1, max(2, len(v)))
            pad = next_b - back - len(out) - 1
            if pad > 0:
                out += b"x" * pad
            out += b" " + v.encode() + b" "
            used.append(v)
            next_b += step
            continue
        if rng.random() < 0.15:
            kind, v = rng.choice(make_values(rng))
            out += (" %s " % v).encode()
            used.append(v)
        else:
            out += (rng.choice(FILLER_WORDS) + " ").encode()
        if newlines and rng.random() < 0.08:
            out += b"\n"
    if not newlines:
        assert b"\n" not in out
    return bytes(out[:size]), used

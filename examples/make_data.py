#!/usr/bin/env python3
"""make_data.py — generates the invented example tree examples/data/.

Every value here is invented: e-mails live at example.com / example.org,
Chinese resident IDs and bank cards are random but carry VALID check digits
(ISO 7064 MOD 11-2 and Luhn), so the detectors' validators accept them.
The seed is fixed: running this again rewrites byte-identical files (the
generated files are committed too, so nobody has to run it).

exports/orders.csv refers to the customers of exports/customers.csv by their
e-mail and phone, the two join keys of examples/policies/analysts.ini (see
orders() for which orders join on what).

Usage: python3 examples/make_data.py [OUTDIR]   (default: examples/data)
"""
import datetime
import gzip
import io
import os
import random
import sys

# The check digits (ISO 7064 MOD 11-2, Luhn) are the tests' own.
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from lib.values import cn_id_check, digits, luhn_check, luhn_ok  # noqa: E402

SEED = 20240611

# ---- values -----------------------------------------------------------

def cn_id(rng, region, birth):
    seq = "%03d" % rng.randrange(1, 1000)
    body = region + birth.strftime("%Y%m%d") + seq
    return body + cn_id_check(body)


def card(rng, prefix, length):
    body = prefix + digits(rng, length - len(prefix) - 1)
    return body + luhn_check(body)


# Common mobile prefixes (China Mobile / Unicom / Telecom ranges).
MOBILE_PREFIXES = ["130", "133", "135", "137", "138", "139", "150", "151", "152",
                   "158", "159", "176", "177", "180", "181", "186", "187", "188",
                   "189", "198", "199"]


def cn_mobile(rng):
    return rng.choice(MOBILE_PREFIXES) + digits(rng, 8)


# ---- the data set -----------------------------------------------------

PEOPLE = [
    # name, 姓名, e-mail local part, domain
    ("Alice Chen", "陈爱丽", "alice.chen", "example.com"),
    ("Bob Wang", "王博", "bob.wang", "example.org"),
    ("Carol Li", "李卡罗", "carol", "example.com"),
    ("David Zhang", "张大卫", "d.zhang", "example.org"),
    ("Emma Liu", "刘艾玛", "emma.liu", "example.com"),
    ("Frank Zhao", "赵弗兰", "frank", "example.org"),
    ("Grace Huang", "黄格蕾", "grace.huang", "example.com"),
    ("Henry Zhou", "周亨利", "henry.z", "example.org"),
    ("Iris Wu", "吴爱莉", "iris.wu", "example.com"),
    ("Jack Xu", "徐杰克", "jack", "example.org"),
    ("Kate Sun", "孙凯特", "kate.sun", "example.com"),
    ("Leo Ma", "马里奥", "leo.ma", "example.org"),
]
REGIONS = ["110101", "310104", "440305", "330106", "510107", "420102"]
# UK numbers in Ofcom's drama range (020 7946 0xxx) are reserved for fiction.
UK_PHONES = ["+44 20 7946 0%03d" % n for n in range(100, 1000, 75)]


def rand_birth(rng):
    start = datetime.date(1960, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(0, 365 * 40))


def customers(rng):
    lines = ["id,name,姓名,email,phone,手机,id_card,card,employee"]
    for i, (name, hanzi, local, domain) in enumerate(PEOPLE, start=1):
        birth = rand_birth(rng)
        cid = cn_id(rng, REGIONS[i % len(REGIONS)], birth)
        if i % 2:
            bank = card(rng, "62" + str(rng.choice([2, 5, 8])), 16 if i % 3 else 19)
        else:
            bank = card(rng, "4", 16)
        assert luhn_ok(bank) and cid[-1] == cn_id_check(cid[:17])
        lines.append(",".join([
            str(1000 + i), name, hanzi, "%s@%s" % (local, domain),
            UK_PHONES[i % len(UK_PHONES)], cn_mobile(rng), cid, bank,
            "EMP-%06d" % rng.randrange(0, 10**6),
        ]))
    return "\n".join(lines) + "\n"


# Orders per customer, in PEOPLE's order: several, one, or none.
ORDER_COUNTS = [4, 3, 0, 2, 1, 0, 5, 1, 2, 0, 3, 1]
# Guest checkouts: an e-mail and a phone that no customer has.
GUESTS = [("m.kowalski", "example.org", "+44 20 7946 0110"),
          ("guest.4471", "example.com", "+44 20 7946 0120"),
          ("t.okafor", "example.org", "+44 20 7946 0140")]
# Orders of a known customer that join on one key only:
# (customer index, e-mail, phone, how many); None keeps the customer's own.
ONE_KEY_ONLY = [(0, None, "+44 20 7946 0130", 1),           # Alice, a new phone
                (6, "g.huang@example.org", None, 2)]        # Grace, another e-mail


def orders(customers_csv, rng):
    """Orders referring to customers by e-mail and phone. Joined on the
    e-mail, ORDER_COUNTS plus Alice's order from a new phone match (23 of 28
    orders); on the phone, ORDER_COUNTS plus Grace's two orders from another
    e-mail (24); the guests' orders match neither."""
    rows = [line.split(",") for line in customers_csv.splitlines()[1:]]
    assert len(rows) == len(ORDER_COUNTS) == len(PEOPLE)
    keys = []  # (email, phone) of each order
    for row, n in zip(rows, ORDER_COUNTS):
        keys += [(row[3], row[4])] * n
    for i, email, phone, n in ONE_KEY_ONLY:
        keys += [(email or rows[i][3], phone or rows[i][4])] * n
    keys += [("%s@%s" % (local, domain), phone) for local, domain, phone in GUESTS]
    rng.shuffle(keys)
    day0 = datetime.date(2024, 1, 2)
    lines = ["order_id,order_date,email,phone,amount"]
    for k, (email, phone) in enumerate(keys):
        day = day0 + datetime.timedelta(days=3 * k + rng.randrange(3))
        lines.append("ORD%010d,%s,%s,%s,%d.%02d" % (
            rng.randrange(10**10), day.isoformat(), email, phone,
            rng.randrange(5, 900), rng.randrange(100)))
    return "\n".join(lines) + "\n"


def app_log(rng):
    t0 = datetime.datetime(2024, 3, 14, 9, 0, 0)
    out = []
    versions = ["v1.2.3", "v1.2.4", "v2.0.0-rc.1"]
    for i in range(40):
        t = t0 + datetime.timedelta(seconds=17 * i + rng.randrange(0, 9))
        stamp = t.strftime("%Y-%m-%d %H:%M:%S")
        ip = "%d.%d.%d.%d" % (rng.choice([10, 172, 192, 203]), rng.randrange(256),
                              rng.randrange(256), rng.randrange(1, 255))
        epoch_ms = 1700000000000 + rng.randrange(0, 10**9)
        order = "ORD%010d" % rng.randrange(0, 10**10)
        who = PEOPLE[i % len(PEOPLE)]
        kind = i % 6
        if kind == 0:
            msg = "INFO  login ok user=%s@%s from %s ts=%d" % (who[2], who[3], ip, epoch_ms)
        elif kind == 1:
            mob = cn_mobile(rng)
            msg = "INFO  sms sent to +86 %s %s %s order=%s" % (mob[:3], mob[3:7], mob[7:], order)
        elif kind == 2:
            msg = "WARN  callback to 010-%08d failed, retry in 30s (client %s)" % (
                rng.randrange(2 * 10**7, 9 * 10**7), ip)
        elif kind == 3:
            msg = "INFO  intl support call +44%d ok, agent build %s" % (
                7700900000 + rng.randrange(0, 1000), rng.choice(versions))
        elif kind == 4:
            msg = "DEBUG order=%s amount=%d.%02d ts=%d build=%s" % (
                order, rng.randrange(1, 5000), rng.randrange(100), epoch_ms, rng.choice(versions))
        else:
            msg = "ERROR payment declined card=%s for %s (req from %s)" % (
                card(rng, "4", 16), who[2] + "@" + who[3], ip)
        out.append("%s [worker-%d] %s" % (stamp, i % 4, msg))
    return "\n".join(out) + "\n"


def judgment(rng):
    d1 = cn_id(rng, "110101", datetime.date(1985, 6, 15))
    d2 = cn_id(rng, "440305", datetime.date(1990, 2, 28))
    m1, m2 = cn_mobile(rng), cn_mobile(rng)
    c1 = card(rng, "622", 19)
    return (
        "北京市朝阳区人民法院\n"
        "民事判决书\n"
        "（2024）京0105民初00000号（示例文书，所有人名与号码均为虚构）\n"
        "\n"
        "原告：陈爱丽，女，1985年6月15日出生，汉族，身份证号%s，手机%s，邮箱alice@example.com。\n"
        "被告：王博，男，1990年2月28日出生，汉族，身份证号码：%s，联系电话：%s，"
        "电子邮箱bob.wang@example.org。\n"
        "\n"
        "原告诉称：2023年5月，被告通过银行卡%s向原告借款人民币50000元，约定于2023年12月31日前归还。"
        "被告至今未还款。\n"
        "本院认为：依据《中华人民共和国民法典》第一千零三十四条，自然人的个人信息受法律保护。"
        "本判决书公开时应对当事人的身份证件号码、电话号码、电子邮箱等个人信息进行处理。\n"
        "\n"
        "判决如下：被告于本判决生效之日起十日内偿还原告借款人民币50000元。\n"
        "案件受理费1050元，由被告负担。\n"
        "\n"
        "审判员  赵某\n"
        "二〇二四年三月十四日\n"
    ) % (d1, m1, d2, m2, c1)


PUBLIC_README = (
    "Public area\n"
    "===========\n"
    "Everything under /public is served raw (policy mode = allow).\n"
    "Questions about this data set: data-team@example.org, +44 20 7946 0999.\n"
)


def salaries(rng):
    lines = ["employee,name,monthly_salary_cny"]
    for name, hanzi, _, _ in PEOPLE[:6]:
        lines.append("EMP-%06d,%s,%d" % (rng.randrange(10**6), hanzi, rng.randrange(8000, 60000)))
    return "\n".join(lines) + "\n"


PRIVATE_NOTES = (
    "Private notes — this file is hidden by the policy (mode = hide):\n"
    "it is not listed and opening it gives ENOENT.\n"
    "Call Carol back on 13912345678 about the audit.\n"
)


def archive(rng):
    buf = io.BytesIO()
    # mtime=0 and no file name: the same bytes on every run.
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(customers(random.Random(SEED + 1)).encode())
    return buf.getvalue()


# Fixed texts of the two files named after a person (invented).
CHECKUP_REPORT = """体检报告
姓名：王芳  性别：女  手机：13912345678
结论：血压偏高，建议复查。
"""
ONE_CUSTOMER = """name,phone,city
Wang Fang,13912345678,Hangzhou
"""


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "data")
    rng = random.Random(SEED)
    customers_csv = customers(rng)
    files = {
        "exports/customers.csv": customers_csv.encode(),
        # Its own generator: the other files stay as they were before it.
        "exports/orders.csv": orders(customers_csv, random.Random(SEED + 2)).encode(),
        "logs/app.log": app_log(rng).encode(),
        "reports/judgment.txt": judgment(rng).encode(),
        "public/README.txt": PUBLIC_README.encode(),
        "secret/salaries.csv": salaries(rng).encode(),
        "private/notes.txt": PRIVATE_NOTES.encode(),
        "archive.gz": archive(rng),
        # Personal data in file names (shown masked: names = redact).
        "reports/王芳_体检报告.txt": CHECKUP_REPORT.encode(),
        "exports/customer_11010519491231002X.csv": ONE_CUSTOMER.encode(),
    }
    for rel, data in files.items():
        path = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        print("wrote %s (%d bytes)" % (path, len(data)))


if __name__ == "__main__":
    main()

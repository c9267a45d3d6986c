#!/usr/bin/env python3
"""seeds.py — writes the seed corpora of the fuzz targets into
tests/fuzz/corpus/<target>/ (they are kept in the repo; run this again
after changing it, and commit what changes).

Every value is invented (example.com / example.org addresses, test ID and
card numbers, names from the unit tests). The first 8 bytes of an engine,
CSV, UTF-16 or escape seed are the target's control bytes (fuzz.h, and the
head comment of each target says what each one chooses); the policy seeds
are the policies of tests/policy and examples/policies, with key_file
pointing at the key fuzz_policy makes.

Usage: python3 tests/fuzz/seeds.py
"""
import glob
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

TEXT = [
    "mail alice@example.com tel 13812345678 id 110101199003071233\n",
    "客户张伟，手机13812345678，身份证号11010519491231002X，邮箱zhang.wei@example.org。\n",
    '{"name": "Zhang Wei", "email": "bob@example.org", "phone": "+86 139-1234-5678",'
    ' "card": "4012 8888 8888 1881", "ip": "192.168.10.23"}\n',
    "name=Li Na; 出生日期：1990年3月7日; 住址：北京市朝阳区建国路88号\n",
    "Patient John Smith, DOB 1984-02-29, diagnosis: type 2 diabetes. EMP-123456\n",
    "INSERT INTO users (id, name, email) VALUES (1, 'Wang Fang', 'wf@example.com');\n",
    'def f():\n    user = {"name": "Zhao Lei", "email": "zl@example.org"}\n    return user\n',
    "ｂｏｂ＠ｅｘａｍｐｌｅ．ｏｒｇ １３８１２３４５６７８ ticket: AB12345\n",
]

CSV = [
    "id,name,email,city\n1,Zhang Wei,zw@example.com,Beijing\n2,Li Na,ln@example.org,Shanghai\n",
    'id,note,name,city\n1,"multi\nline, note",Wang Fang,Shenzhen\n2,"unclosed,Zhao Lei,Wuhan\n',
    "id,note,name,city\n4,ok, really,Sun Li,Xian\n5,Qian Mo,Nanjing\n",
    "id\tnote\tname\tcity\n1\tok\textra\tZhang Wei\tBeijing\n2\tfine\tLi Na\tShanghai\n",
    'id,姓名,手机,备注\r\n1,王五,13812345678,"a ""quoted"" note"\r\n2,赵六,13912345678,ok\r\n',
    "\ufeffname,phone\nAnn Lee,010-12345678\nBob Stone,(021) 62345678\n",
]

ESCAPES = [
    '{"msg": "\\u5ba2\\u6237\\u624b\\u673a13812345678\\uff0c\\u8eab\\u4efd\\u8bc1\\u53f7'
    '11010519491231002X"}\n',
    '{"\\u59d3\\u540d": "\\u5f20\\u4e09", "mail": "alice\\u0040example.com"}\n',
    "\\u59d3\\u540d\\uff1a\\u5f20\\ud840\\udc0b \\U0001F600 \\ud83d\n",
    "to alice&#64;example.com, alice&#x40;example.com, alice&commat;example&period;com\n",
    "GET /?u=alice%40example.com&tel=%2B8613812345678 HTTP/1.1\n",
    "mail alice.zhang@exam=\nple.com tel 1381234=\r\n5678 =E5=A7=93=E5=90=8D=EF=BC=9A=E5=BC=A0\n",
    "mail alice\u00adzhang@example.com tel 138\u200b1234\u200c5678 id 110105\ufeff19491231002X\n",
    "WHERE phone LIKE '%13812345678%' progress 100%11010519491231002X html &#13812345678;\n",
    "path C:\\users 50% off &amp; more =3D x &#8203 &#82",
]


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def control(*b):
    return bytes(b) + bytes(8 - len(b))


def utf16(s, be=False, bom=True):
    enc = "utf-16-be" if be else "utf-16-le"
    return (b"\xfe\xff" if be else b"\xff\xfe") * bom + s.encode(enc, "surrogatepass")


def main():
    shutil.rmtree(os.path.join(HERE, "corpus"), ignore_errors=True)
    # fuzz_engine: [0] format, [1] action, [2] keep, [3..5] layout
    for i, t in enumerate(TEXT):
        write("fuzz_engine", "text%d" % i, control(0) + t.encode())
    write("fuzz_engine", "csv", control(1) + CSV[0].encode())
    write("fuzz_engine", "tsv", control(2) + CSV[3].encode())
    write("fuzz_engine", "code", control(3) + TEXT[6].encode())
    write("fuzz_engine", "sql", control(4) + TEXT[5].encode())
    write("fuzz_engine", "replace", control(0, 3 | 0x80) + TEXT[1].encode())
    write("fuzz_engine", "remove", control(0, 4) + TEXT[2].encode())
    write("fuzz_engine", "partial", control(0, 1, 0x21) + TEXT[0].encode())
    write("fuzz_engine", "pseudonymize", control(0, 2) + TEXT[4].encode())
    write("fuzz_engine", "block_edge", control(0x20, 0, 0, 5, 40) + TEXT[0].encode())
    write("fuzz_engine", "reach_edge", control(0, 0, 0, 6 | 8, 20) + TEXT[1].encode())
    write("fuzz_engine", "tiled", control(0, 0x08, 0, 0, 0, 6) + TEXT[3].encode())
    write("fuzz_engine", "backtrack", control(0, 0x20) + b"a" * 300 + b"\n")
    write("fuzz_engine", "utf16", control(0) + utf16(TEXT[1]))
    write("fuzz_engine", "binary", control(0) + b"\x1f\x8b\x08\x00" + bytes(range(64)))
    # fuzz_csv: [0] CSV/TSV, field alone or all, extra names; [1] action;
    # [2] size; [3] checkpoints kept
    for i, t in enumerate(CSV):
        tsv = 1 if "\t" in t else 0
        write("fuzz_csv", "csv%d" % i, control(tsv, 0, 0) + t.encode())
    write("fuzz_csv", "deep", control(0, 0, 7, 1) + CSV[1].encode())
    write("fuzz_csv", "checkpoints", control(4, 2, 6, 2) + CSV[4].encode())
    write("fuzz_csv", "all_detectors", control(2, 3, 5) + CSV[0].encode())
    write("fuzz_csv", "long_line", control(0, 0, 3) + (
        "id,comment,name\n1,hello" + "x" * 2100 + ", world,Bob Stone\n2,ok,Ann Lee\n").encode())
    # fuzz_utf16: [0] encoding, encode, no BOM, UTF-8 tail, CSV; [1] action, size
    for i, t in enumerate(TEXT[:4]):
        write("fuzz_utf16", "encode_le%d" % i, control(4) + t.encode())
        write("fuzz_utf16", "encode_be%d" % i, control(5) + t.encode())
    write("fuzz_utf16", "utf32le", control(6) + TEXT[1].encode())
    write("fuzz_utf16", "utf32be", control(7) + TEXT[2].encode())
    write("fuzz_utf16", "raw_le", control(0) + utf16(TEXT[0], bom=False))
    write("fuzz_utf16", "raw_be_no_bom", control(9) + utf16(TEXT[1], be=True, bom=False))
    write("fuzz_utf16", "lying_bom", control(0) + TEXT[0].encode())
    write("fuzz_utf16", "lying_bom_be", control(1) + TEXT[4].encode())
    write("fuzz_utf16", "utf8_tail", control(4 | 0x10, 0x10) + TEXT[1].encode())
    write("fuzz_utf16", "csv", control(4 | 0x20) + CSV[4].encode())
    write("fuzz_utf16", "surrogates", control(0) + b"\x00\xd8\x00\xdc\x3d\xd8\x00\xde"
          b"\x00\xdc\x41\x00\x00\xd8\x41\x00\x3d\xd8")
    # fuzz_escapes: [0] text or code, action; [1], [2] layout
    for i, t in enumerate(ESCAPES):
        write("fuzz_escapes", "esc%d" % i, control(0) + t.encode())
    write("fuzz_escapes", "code", control(1) + ESCAPES[1].encode())
    write("fuzz_escapes", "pseudonymize", control(2) + ESCAPES[0].encode())
    write("fuzz_escapes", "block_edge", control(0, 4, 30) + ESCAPES[5].encode())
    write("fuzz_escapes", "tiled", control(0, 7) + ESCAPES[3].encode())
    # fuzz_policy: the test and example policies, keys as fuzz_policy makes them
    for src in sorted(glob.glob(os.path.join(ROOT, "tests", "policy", "*.ini")) +
                      glob.glob(os.path.join(ROOT, "examples", "policies", "*.ini"))):
        with open(src, "rb") as f:
            text = f.read()
        text = re.sub(rb"(?m)^key_file = /etc/redactfs/pseudonym\.key$",
                      b"key_file = fuzz.key", text)
        write("fuzz_policy", os.path.basename(src), text)


if __name__ == "__main__":
    main()

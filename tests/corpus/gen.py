#!/usr/bin/env python3
"""gen.py — writes the labelled detection corpus (invented data, fixed seed).

Usage: python3 gen.py OUTDIR

Writes OUTDIR/corpus/<files> (CSV exports with English and Chinese
headers, JSON-lines and key=value logs, web access logs, Chinese and
English court reports, news and letters, e-mails, chat transcripts,
medical notes) and two label files:

  OUTDIR/truth.jsonl      {"file", "start", "end", "category", "form"}: byte
                          span [start, end) of one personal value in
                          corpus/<file>; a value may carry several
                          categories (an e-mail in a CSV "email" column is
                          both "email" and "field").
  OUTDIR/negatives.jsonl  {"file", "start", "end", "kind", "form"}: a hard
                          negative, something that looks like a value but
                          is not (order number, timestamp, UUID, ...).

Labels come from how the text was built (values.py), never from a
detector. Same seed, same bytes: the corpus is reproducible.
"""
import json
import os
import random
import shutil
import sys

import values as V

SEED = 20240307

# Keys whose name says what the value holds. A value under one of these
# (CSV column, JSON key, key=value token, "Key: value" line) is labelled
# "field" as well as its own category. Compared case-insensitively.
FIELD_KEYS = {
    "name", "full_name", "customer_name", "姓名", "联系人", "患者姓名",
    "phone", "mobile", "tel", "手机", "手机号", "电话", "联系电话",
    "email", "邮箱", "电子邮箱",
    "address", "addr", "地址", "住址", "家庭住址", "收货地址",
    "id_card", "id_no", "身份证号", "身份证号码",
    "birthday", "birth_date", "dob", "date of birth", "出生日期", "生日",
    "diagnosis", "诊断",
    "passport_no", "护照号码", "ssn",
}


class Doc:
    """One corpus file being written, with its labels in byte offsets."""

    def __init__(self, name):
        self.name = name
        self.parts = []
        self.pos = 0
        self.truth = []
        self.negs = []

    def t(self, s):
        b = s.encode("utf-8")
        self.parts.append(b)
        self.pos += len(b)

    def v(self, val, key=None, quote=""):
        """Writes a value; key: the field name it sits under, if any."""
        cats = [val.cat] if val.cat else []
        if key is not None and key.lower() in FIELD_KEYS:
            cats.append("field")
        self.t(quote)
        start = self.pos
        self.t(val.text)
        for c in cats:
            self.truth.append({"file": self.name, "start": start, "end": self.pos,
                               "category": c, "form": val.form})
        self.t(quote)

    def n(self, val, quote=""):
        self.t(quote)
        start = self.pos
        self.t(val.text)
        self.negs.append({"file": self.name, "start": start, "end": self.pos,
                          "kind": val.cat, "form": val.form})
        self.t(quote)

    def data(self):
        return b"".join(self.parts)


def name_val(rng, lang, form):
    return V.Val(V.cn_name(rng) if lang == "zh" else V.en_name(rng), "name", form)


def dob_val(rng, d, lang, form_prefix, forms=None):
    text, f = V.date_text(rng, d, lang, forms)
    return V.Val(text, "dob", form_prefix + "_" + f)


def health_val(rng, lang, form):
    return V.Val(rng.choice(V.HEALTH_ZH if lang == "zh" else V.HEALTH_EN), "health", form)


def plain(text, form="field_only"):
    """A value that is personal only because of its field (e.g. a gender)."""
    return V.Val(text, None, form)


# ---- structured exports ---------------------------------------------------

def csv_cell(doc, val, key, neg=False):
    q = '"' if ("," in val.text or '"' in val.text) else ""
    if neg:
        doc.n(val, quote=q)
    else:
        doc.v(val, key=key, quote=q)


def csv_customers(rng, name, lang, rows):
    doc = Doc(name)
    if lang == "zh":
        keys = ["序号", "姓名", "手机", "邮箱", "地址", "身份证号", "出生日期", "订单号", "金额", "下单时间", "快递单号", "商品编码", "备注"]
    else:
        keys = ["id", "name", "phone", "email", "address", "id_card", "birthday", "order_id", "amount", "created_at", "tracking_no", "sku", "note"]
    doc.t(",".join(keys) + "\n")
    for i in range(rows):
        nm = V.cn_name(rng) if lang == "zh" or rng.random() < 0.4 else V.en_name(rng)
        born = V.birth_date(rng)
        cells = [
            (plain(str(1000 + i), "row"), False),
            (V.Val(nm, "name", "csv"), False),
            (V.phone(rng, lang), False),
            (V.email(rng, nm), False),
            ((V.address_cn(rng) if lang == "zh" or rng.random() < 0.5 else V.address_en(rng)), False),
            (V.cn_id(rng, born, lang), False),
            (V.Val(V.date_text(rng, born, lang, [(60, "iso"), (40, "zh_ymd" if lang == "zh" else "us_slash")])[0], "dob", "csv"), False),
            (V.order_no(rng), True),
            (V.price(rng, lang), True),
            (V.iso_date(rng, lang), True),
            (V.tracking(rng), True),
            (V.sku(rng), True),
        ]
        for j, (val, neg) in enumerate(cells):
            if j == 0:
                doc.t(val.text)
                continue
            doc.t(",")
            csv_cell(doc, val, keys[j], neg)
        doc.t(",")
        r = rng.random()
        if r < 0.25:  # a note column: not a personal field, values found by shape
            doc.t("请联系" if lang == "zh" else "call back on ")
            doc.v(V.phone(rng, lang))
        elif r < 0.35:
            doc.t("开票信用代码" if lang == "zh" else "invoice to org ")
            doc.n(V.uscc(rng))
        doc.t("\n")
    return doc


def csv_finance(rng, name, rows):
    doc = Doc(name)
    keys = ["full_name", "iban", "card_no", "ssn", "passport_no", "txn_ref", "amount", "ts", "hk_id", "tw_id"]
    doc.t(",".join(keys) + "\n")
    for _ in range(rows):
        cells = [(name_val(rng, "en", "csv"), False), (V.iban(rng), False), (V.bank_card(rng, "en"), False),
                 (V.us_ssn(rng), False), (V.passport(rng), False), (V.luhn_fail(rng), True),
                 (V.price(rng, "en"), True), (V.epoch_ms(rng), True), (V.hk_id(rng), False), (V.tw_id(rng), False)]
        for j, (val, neg) in enumerate(cells):
            if j:
                doc.t(",")
            csv_cell(doc, val, keys[j], neg)
        doc.t("\n")
    return doc


def csv_patients(rng, name, rows):
    doc = Doc(name)
    keys = ["病历号", "姓名", "性别", "出生日期", "联系电话", "诊断", "就诊日期", "费用", "医保卡号"]
    doc.t(",".join(keys) + "\n")
    for i in range(rows):
        born = V.birth_date(rng)
        doc.t("MR%07d" % (100000 + i))
        for j, (val, neg) in enumerate([
                (name_val(rng, "zh", "csv"), False), (plain(rng.choice("男女")), False),
                (V.Val(V.date_text(rng, born, "zh")[0], "dob", "csv"), False), (V.phone(rng, "zh"), False),
                (health_val(rng, "zh", "csv"), False), (V.iso_date(rng, "zh"), True), (V.price(rng), True),
                (V.bank_card(rng, "zh"), False)], start=1):
            doc.t(",")
            csv_cell(doc, val, keys[j], neg)
        doc.t("\n")
    return doc


def jstr(doc, key, val, neg=False):
    doc.t('"%s":' % key)
    if neg:
        doc.n(val, quote='"')
    else:
        doc.v(val, key=key, quote='"')


def json_log(rng, name, lines):
    doc = Doc(name)
    events = ["order.created", "user.login", "payment.ok", "profile.updated", "address.changed"]
    for _ in range(lines):
        lang = rng.choice(["zh", "zh", "en"])
        nm = V.cn_name(rng) if lang == "zh" else V.en_name(rng)
        doc.t('{"ts":')
        doc.n(V.epoch_ms(rng))
        doc.t(',"level":"INFO","event":"%s",' % rng.choice(events))
        jstr(doc, "trace_id", V.uuid(rng), neg=True)
        doc.t(",")
        jstr(doc, "order_id", V.order_no(rng), neg=True)
        doc.t(',"amount":')
        doc.n(V.price(rng))
        doc.t(",")
        jstr(doc, "app_version", V.version(rng, quad=True), neg=True)
        doc.t(',"user":{')
        jstr(doc, "name", V.Val(nm, "name", "json"))
        doc.t(",")
        jstr(doc, "phone", V.phone(rng, lang))
        doc.t(",")
        jstr(doc, "email", V.email(rng, nm))
        if rng.random() < 0.5:
            doc.t(",")
            jstr(doc, "id_card", V.cn_id(rng, lang=lang))
        if rng.random() < 0.4:
            doc.t(",")
            jstr(doc, "address", V.address_cn(rng) if lang == "zh" else V.address_en(rng))
        if rng.random() < 0.3:
            doc.t(",")
            jstr(doc, "birthday", V.Val(V.birth_date(rng).isoformat(), "dob", "json"))
        doc.t("},")
        if rng.random() < 0.3:
            jstr(doc, "client_ip", V.ipv6(rng))
        else:
            jstr(doc, "client_ip", V.ipv4(rng))
        doc.t(',"device":{')
        jstr(doc, "mac", V.mac(rng))
        doc.t(',"os":"Android ')
        doc.n(V.Val("%d.%d.%d" % (rng.randrange(9, 15), rng.randrange(3), rng.randrange(10)), "version", "android"))
        doc.t('"},')
        g = V.geo(rng)
        if rng.random() < 0.06:  # separate numbers: found only if keys are read
            a, b = g.text.split(",") if "°" not in g.text else ("31.2304", "121.4737")
            doc.t('"lat":')
            doc.v(V.Val(a.strip(), "geo", "json_lat"))
            doc.t(',"lng":')
            doc.v(V.Val(b.strip(), "geo", "json_lng"))
        else:
            jstr(doc, "location", g)
        if rng.random() < 0.3:
            doc.t(',"msg":"')
            doc.t(rng.choice(["用户", "buyer ", "客户手机"]))
            doc.v(V.phone(rng, "zh"))
            doc.t(rng.choice(["下单成功", " placed an order", "已验证"]) + '"')
        if rng.random() < 0.2:
            doc.t(",")
            jstr(doc, "commit", V.hex_hash(rng), neg=True)
        doc.t("}\n")
    return doc


def kv_log(rng, name, lines):
    doc = Doc(name)
    for _ in range(lines):
        lang = rng.choice(["zh", "en"])
        doc.n(V.iso_date(rng, "en"))
        doc.t(" %s [%s] %s" % (rng.choice(["INFO", "WARN", "DEBUG"]), rng.choice(["auth", "order", "sms", "kyc"]),
                                rng.choice(["login ok", "sms sent", "kyc check", "order paid"])))
        kvs = [("name", name_val(rng, lang, "kv"), False),
               (rng.choice(["phone", "mobile", "tel"]), V.phone(rng, lang), False),
               ("email", V.email(rng), False), ("ip", V.ipv4(rng), False),
               ("session", V.hex_hash(rng), True), ("ver", V.version(rng, quad=True), True),
               ("ts", V.epoch_ms(rng), True), ("order", V.order_no(rng), True),
               ("mac", V.mac(rng), False), ("req", V.uuid(rng), True)]
        if rng.random() < 0.3:
            kvs.append(("id_no", V.cn_id(rng, lang=lang), False))
        if rng.random() < 0.2:
            kvs.append(("card", V.bank_card(rng, lang), False))
        rng.shuffle(kvs)
        for k, val, neg in kvs:
            if " " in val.text:
                doc.t(" %s=" % k)
                (doc.n(val, quote='"') if neg else doc.v(val, key=k, quote='"'))
            else:
                doc.t(" %s=" % k)
                (doc.n(val) if neg else doc.v(val, key=k))
        doc.t("\n")
    return doc


UAS = [("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/", " Safari/537.36"),
       ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/", " Mobile Safari/537.36"),
       ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/", " Safari/537.36 Edg/")]
MONTHS3 = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def access_log(rng, name, lines):
    doc = Doc(name)
    for _ in range(lines):
        doc.v(V.ipv6(rng) if rng.random() < 0.25 else V.ipv4(rng))
        doc.t(" - - [%02d/%s/2024:%02d:%02d:%02d +0800] \"" % (rng.randrange(1, 29), rng.choice(MONTHS3),
                                                                 rng.randrange(24), rng.randrange(60), rng.randrange(60)))
        r = rng.random()
        if r < 0.25:
            doc.t("GET /api/v1/orders/")
            doc.n(V.order_no(rng))
        elif r < 0.4:
            doc.t("GET /track/")
            doc.n(V.tracking(rng))
        elif r < 0.55:
            doc.t("GET /api/v1/users/lookup?phone=")
            doc.v(V.Val(V.cn_mobile(rng), "phone", "url_param"))
        elif r < 0.65:
            doc.t("POST /subscribe?email=")
            doc.v(V.Val(V.email(rng).text.replace("＠", "@"), "email", "url_param"))
        elif r < 0.8:
            doc.t("GET /item/")
            doc.n(V.sku(rng))
        else:
            doc.t("GET /static/app.js?v=")
            doc.n(V.hex_hash(rng))
        doc.t(" HTTP/1.1\" %d %d \"https://shop.example.com/\" \"" % (rng.choice([200, 200, 304, 404]), rng.randrange(200, 90000)))
        ua, tail = rng.choice(UAS)
        doc.t(ua)
        doc.n(V.Val("%d.0.%d.%d" % (rng.randrange(100, 125), rng.randrange(5000, 6500), rng.randrange(250)),
                    "version", "browser_ua"))
        doc.t(tail)
        if tail.endswith("/"):
            doc.n(V.Val("%d.0.%d.%d" % (rng.randrange(100, 125), rng.randrange(1000, 3000), rng.randrange(250)), "version", "browser_ua"))
        doc.t("\" rid=")
        doc.n(V.uuid(rng))
        if rng.random() < 0.2:
            doc.t(" xff=")
            doc.v(V.ipv4(rng))
        doc.t("\n")
    return doc


# ---- free text ------------------------------------------------------------

def field_line(doc, key, val, colon="："):
    doc.t(key + colon)
    doc.v(val, key=key)
    doc.t("\n")


def court_zh(rng, doc):
    d = V.iso_date(rng, "zh", prose=True)
    plaintiff, defendant = V.cn_name(rng), V.cn_name(rng)
    doc.t("%s人民法院\n民 事 判 决 书\n（2023）京0105民初%d号\n\n" % (rng.choice(["北京市朝阳区", "上海市浦东新区", "深圳市南山区", "杭州市西湖区"]), rng.randrange(1000, 99999)))
    born = V.birth_date(rng, 1950, 2000)
    doc.t("原告：")
    doc.v(V.Val(plaintiff, "name", "cue_colon"))
    doc.t("，%s，" % rng.choice("男女"))
    doc.v(dob_val(rng, born, "zh", "cue_after", [(1, "zh_ymd")]))
    doc.t("出生，汉族，住")
    doc.v(V.address_cn(rng))
    doc.t("，公民身份号码")
    doc.v(V.cn_id(rng, born))
    doc.t("。\n委托诉讼代理人：")
    lawyer = V.cn_name(rng)
    doc.v(V.Val(lawyer, "name", "cue_colon"))
    doc.t("，某某律师事务所律师，联系电话")
    doc.v(V.phone(rng, "zh"))
    doc.t("。\n被告：")
    doc.v(V.Val(defendant, "name", "cue_colon"))
    doc.t("，%s，" % rng.choice("男女"))
    doc.v(dob_val(rng, V.birth_date(rng, 1950, 2000), "zh", "cue_after", [(1, "zh_ymd")]))
    doc.t("出生，住")
    doc.v(V.address_cn(rng))
    doc.t("。\n第三人：某某科技有限公司，统一社会信用代码")
    doc.n(V.uscc(rng))
    doc.t("。\n\n原告")
    doc.v(V.Val(plaintiff, "name", "cue_glued"))
    doc.t("与被告")
    doc.v(V.Val(defendant, "name", "cue_glued"))
    doc.t("民间借贷纠纷一案，本院于")
    doc.n(d)
    doc.t("立案后，依法适用简易程序，公开开庭进行了审理。原告向本院提出诉讼请求：判令被告偿还借款人民币")
    doc.n(V.price(rng))
    doc.t("元及利息。事实与理由：原告通过尾号为%04d的账户，于" % rng.randrange(10000))
    doc.n(V.iso_date(rng, "zh", prose=True))
    doc.t("向被告银行卡")
    doc.v(V.bank_card(rng, "zh"))
    doc.t("转账，交易流水号")
    doc.n(V.luhn_fail(rng))
    doc.t("，订单号")
    doc.n(V.order_no(rng))
    doc.t("。被告驾驶车牌号为")
    doc.v(V.plate(rng))
    doc.t("的车辆离开。被告患有")
    doc.v(health_val(rng, "zh", "cue_glued"))
    doc.t("，提交了诊断证明。\n\n审判员　")
    doc.v(name_val(rng, "zh", "cue_title"))
    doc.t("\n")
    doc.n(V.iso_date(rng, "zh", prose=True))
    doc.t("\n书记员　")
    doc.v(name_val(rng, "zh", "cue_title"))
    doc.t("\n\n")


def news_zh(rng, doc):
    doc.t("【本报讯】记者 ")
    doc.v(name_val(rng, "zh", "cue_reporter"))
    doc.t(" 报道：")
    doc.n(V.iso_date(rng, "zh", prose=True))
    doc.t("，家住")
    doc.v(V.address_cn(rng, short=True))
    doc.t("的市民")
    doc.v(name_val(rng, "zh", "cue_glued"))
    doc.t("向本报反映，一辆车牌号为")
    doc.v(V.plate(rng))
    doc.t("的小轿车长期占用消防通道。事发位置（")
    doc.v(V.geo(rng))
    doc.t("）附近的商户表示，")
    doc.v(V.plate(rng))
    doc.t("也曾多次违停。读者可拨打热线")
    doc.v(V.phone(rng, "zh"))
    doc.t("或发邮件至")
    doc.v(V.email(rng))
    doc.t("提供线索。该书（ISBN ")
    doc.n(V.isbn(rng))
    doc.t("）定价")
    doc.n(V.price(rng))
    doc.t("元，商品编码")
    doc.n(V.sku(rng))
    doc.t("，快递单号")
    doc.n(V.tracking(rng))
    doc.t("。APP 版本 v")
    doc.n(V.version(rng, quad=True))
    doc.t(" 已修复该问题，更新时间戳")
    doc.n(V.epoch_ms(rng))
    doc.t("。\n\n")


def letter_zh(rng, doc):
    doc.t("尊敬的")
    doc.v(name_val(rng, "zh", "cue_honorific"))
    doc.t(rng.choice(["女士", "先生"]) + "：\n    您好！您的订单（")
    doc.n(V.order_no(rng))
    doc.t("）已发货，运单号")
    doc.n(V.tracking(rng))
    doc.t("。\n")
    field_line(doc, "收货地址", V.address_cn(rng))
    field_line(doc, "收件人", name_val(rng, "zh", "cue_colon"))
    field_line(doc, "手机", V.phone(rng, "zh"))
    doc.t("如需开具发票，请提供统一社会信用代码（如")
    doc.n(V.uscc(rng))
    doc.t("）。如您的生日（")
    doc.v(dob_val(rng, V.birth_date(rng), "zh", "cue_paren"))
    doc.t("）当月下单，可享优惠。退款将退回尾号卡")
    doc.v(V.bank_card(rng, "zh"))
    doc.t("。护照号码：")
    doc.v(V.passport(rng), key="护照号码")
    if rng.random() < 0.4:
        doc.t("，往来港澳通行证号码")
        doc.v(V.travel_permit(rng))
    doc.t("，港澳居民请提供香港身份证")
    doc.v(V.hk_id(rng))
    doc.t("，台湾居民身份证号")
    doc.v(V.tw_id(rng))
    doc.t("。\n此致\n敬礼\n")
    doc.v(name_val(rng, "zh", "signature"))
    doc.t("\n")
    doc.n(V.iso_date(rng, "zh", prose=True))
    doc.t("\n\n")


def court_en(rng, doc):
    p, d = V.en_name(rng), V.en_name(rng)
    doc.t("IN THE SUPERIOR COURT OF EXAMPLE COUNTY\nCase No. CV-2023-%06d\n\nPlaintiff: " % rng.randrange(10 ** 6))
    doc.v(V.Val(p, "name", "cue_colon"))
    doc.t(", residing at ")
    doc.v(V.address_en(rng))
    doc.t(", date of birth ")
    doc.v(dob_val(rng, V.birth_date(rng), "en", "cue"))
    doc.t(", Social Security No. ")
    doc.v(V.us_ssn(rng))
    doc.t(".\nDefendant: ")
    doc.v(V.Val(d, "name", "cue_colon"))
    doc.t(", born ")
    doc.v(dob_val(rng, V.birth_date(rng), "en", "cue"))
    doc.t(", passport number ")
    doc.v(V.passport(rng))
    doc.t(".\n\nThe complaint was filed on ")
    doc.n(V.iso_date(rng, "en", prose=True))
    doc.t(". Mr. ")
    doc.v(V.Val(p.split()[0] + " " + p.split()[1], "name", "cue_mr"))
    doc.t(" transferred $")
    doc.n(V.price(rng, "en"))
    doc.t(" from account ")
    doc.v(V.iban(rng))
    doc.t(" to the defendant's card ")
    doc.v(V.bank_card(rng, "en"))
    doc.t(" (reference ")
    doc.n(V.luhn_fail(rng))
    doc.t("). The defendant was diagnosed with ")
    doc.v(health_val(rng, "en", "cue"))
    doc.t(" in ")
    doc.n(V.iso_date(rng, "en", prose=True))
    doc.t(". Records were sent from ")
    doc.v(V.ipv4(rng))
    doc.t(" and ")
    doc.v(V.ipv6(rng))
    doc.t(" (device ")
    doc.v(V.mac(rng))
    doc.t(").\n\nJudge: ")
    doc.v(name_val(rng, "en", "cue_colon"))
    doc.t("\n\n")


def letter_en(rng, doc):
    nm = V.en_name(rng)
    doc.t("Dear %s " % rng.choice(["Mr.", "Ms.", "Mrs.", "Dr."]))
    doc.v(V.Val(nm, "name", "cue_honorific"))
    doc.t(",\n\nThank you for your order ")
    doc.n(V.order_no(rng))
    doc.t(" (tracking ")
    doc.n(V.tracking(rng))
    doc.t(", SKU ")
    doc.n(V.sku(rng))
    doc.t(", total $")
    doc.n(V.price(rng, "en"))
    doc.t("). We have your details as follows:\n")
    field_line(doc, "Name", V.Val(nm, "name", "cue_colon"), ": ")
    field_line(doc, "Address", V.address_en(rng), ": ")
    field_line(doc, "Phone", V.phone(rng, "en"), ": ")
    field_line(doc, "Email", V.email(rng, nm), ": ")
    field_line(doc, "Date of birth", dob_val(rng, V.birth_date(rng), "en", "cue"), ": ")
    doc.t("Refunds go to IBAN ")
    doc.v(V.iban(rng))
    doc.t(". Our app (version ")
    doc.n(V.version(rng, quad=True))
    doc.t(", build ")
    doc.n(V.hex_hash(rng))
    doc.t(") shows the book ISBN ")
    doc.n(V.isbn(rng))
    doc.t(" as shipped on ")
    doc.n(V.iso_date(rng, "en", prose=True))
    doc.t(". For tax purposes we also hold SSN ")
    doc.v(V.us_ssn(rng))
    doc.t(", Hong Kong ID ")
    doc.v(V.hk_id(rng))
    doc.t(" and Taiwan ID ")
    doc.v(V.tw_id(rng))
    doc.t(" on file. You can reach me on ")
    doc.v(V.phone(rng, "en"))
    doc.t(".\n\nSincerely,\n")
    doc.v(name_val(rng, "en", "signature"))
    doc.t("\n\n")


def news_en(rng, doc):
    doc.t("By ")
    doc.v(name_val(rng, "en", "cue_byline"))
    doc.t("\nPolice said a car registered to ")
    doc.v(name_val(rng, "en", "cue_glued"))
    doc.t(", 4%d, of " % rng.randrange(10))
    doc.v(V.address_en(rng))
    doc.t(", was found at ")
    doc.v(V.geo(rng))
    doc.t(" on ")
    doc.n(V.iso_date(rng, "en", prose=True))
    doc.t(". Anyone with information should call ")
    doc.v(V.phone(rng, "en"))
    doc.t(" or write to ")
    doc.v(V.email(rng))
    doc.t(". The report (ref ")
    doc.n(V.uuid(rng))
    doc.t(", ISBN ")
    doc.n(V.isbn(rng))
    doc.t(") costs $")
    doc.n(V.price(rng, "en"))
    doc.t(".\n\n")


def emails(rng, doc):
    a, b = V.en_name(rng), V.cn_name(rng)
    doc.t("From: \"")
    doc.v(V.Val(a, "name", "header"))
    doc.t("\" <")
    doc.v(V.email(rng, a))
    doc.t(">\nTo: ")
    doc.v(V.Val(b, "name", "header"))
    doc.t(" <")
    doc.v(V.email(rng, b))
    doc.t(">\nDate: Thu, %02d Mar 2024 10:%02d:%02d +0800\nSubject: %s\nX-Originating-IP: [" % (
        rng.randrange(1, 29), rng.randrange(60), rng.randrange(60), rng.choice(["合同", "Re: invoice", "报销"])))
    doc.v(V.ipv4(rng))
    doc.t("]\nX-Request-Id: ")
    doc.n(V.uuid(rng))
    doc.t("\n\n")
    if rng.random() < 0.5:
        doc.t("%s您好，\n附件是合同，请核对身份证号" % b[:1])
        doc.v(V.cn_id(rng))
        doc.t("和银行卡号")
        doc.v(V.bank_card(rng))
        doc.t("。合同金额")
        doc.n(V.price(rng))
        doc.t("元，签署日期")
        doc.n(V.iso_date(rng, "zh", prose=True))
        doc.t("。我的手机")
        doc.v(V.phone(rng, "zh"))
        doc.t("。\n")
    else:
        doc.t("Hi,\nPlease wire the deposit to ")
        doc.v(V.iban(rng))
        doc.t(" and send a copy of your passport (No. ")
        doc.v(V.passport(rng))
        doc.t("). Invoice ")
        doc.n(V.order_no(rng))
        doc.t(" is due ")
        doc.n(V.iso_date(rng, "en", prose=True))
        doc.t(". Call me at ")
        doc.v(V.phone(rng, "en"))
        doc.t(".\n")
    doc.t("\n-- \n")
    doc.v(V.Val(a, "name", "signature"))
    doc.t("\n\n")


def chat_zh(rng, doc):
    def line(who):
        doc.t("[")
        doc.n(V.Val(V.iso_date(rng).text[:10] + " %02d:%02d:%02d" % (rng.randrange(24), rng.randrange(60), rng.randrange(60)), "iso_date", "chat"))
        doc.t("] %s: " % who)
    user = "用户_%04d" % rng.randrange(10000)
    line("客服小美")
    doc.t("您好，请提供下单手机号和订单号\n")
    line(user)
    doc.v(V.phone(rng, "zh"))
    doc.t("，订单")
    doc.n(V.order_no(rng))
    doc.t("\n")
    line(user)
    doc.t("我叫")
    doc.v(name_val(rng, "zh", "cue_glued"))
    doc.t("，身份证")
    doc.v(V.cn_id(rng))
    doc.t("\n")
    line(user)
    doc.t("地址改成")
    doc.v(V.address_cn(rng))
    doc.t("，邮箱")
    doc.v(V.email(rng))
    doc.t("\n")
    line("客服小美")
    doc.t("好的，退款")
    doc.n(V.price(rng))
    doc.t("元将退到您的卡")
    doc.v(V.bank_card(rng, "zh"))
    doc.t("，运单号")
    doc.n(V.tracking(rng))
    doc.t("\n")
    line(user)
    doc.t("我的车是")
    doc.v(V.plate(rng))
    doc.t("，现在在")
    doc.v(V.geo(rng))
    doc.t("，生日")
    doc.v(dob_val(rng, V.birth_date(rng), "zh", "cue_glued"))
    doc.t("\n\n")


def chat_en(rng, doc):
    who = rng.choice(["alice", "bob", "carol", "dave", "erin"])
    doc.t("%02d:%02d <%s> my new number is " % (rng.randrange(24), rng.randrange(60), who))
    doc.v(V.phone(rng, "en"))
    doc.t("\n%02d:%02d <%s> email me at " % (rng.randrange(24), rng.randrange(60), who))
    doc.v(V.email(rng))
    doc.t(", server is ")
    doc.v(V.ipv4(rng))
    doc.t(" / ")
    doc.v(V.ipv6(rng))
    doc.t(" on v")
    doc.n(V.version(rng, quad=True))
    doc.t("\n%02d:%02d <%s> my name is " % (rng.randrange(24), rng.randrange(60), who))
    doc.v(name_val(rng, "en", "cue_glued"))
    doc.t(", I was born on ")
    doc.v(dob_val(rng, V.birth_date(rng), "en", "cue"))
    doc.t(", commit ")
    doc.n(V.hex_hash(rng))
    doc.t("\n%02d:%02d <%s> I live at " % (rng.randrange(24), rng.randrange(60), who))
    doc.v(V.address_en(rng))
    doc.t(", laptop MAC ")
    doc.v(V.mac(rng))
    doc.t(", ticket ")
    doc.n(V.uuid(rng))
    doc.t("\n\n")


def medical_zh(rng, doc):
    born = V.birth_date(rng)
    doc.t("门诊病历\n")
    doc.t("患者姓名：")
    doc.v(name_val(rng, "zh", "cue_colon"), key="患者姓名")
    doc.t("    性别：%s    出生日期：" % rng.choice("男女"))
    doc.v(dob_val(rng, born, "zh", "cue"), key="出生日期")
    doc.t("\n")
    field_line(doc, "身份证号", V.cn_id(rng, born))
    field_line(doc, "联系电话", V.phone(rng, "zh"))
    field_line(doc, "住址", V.address_cn(rng))
    doc.t("主诉：反复头晕%d月。\n既往史：" % rng.randrange(1, 12))
    doc.v(health_val(rng, "zh", "cue_history"))
    doc.t("病史%d年，否认药物过敏史。\n" % rng.randrange(1, 20))
    field_line(doc, "诊断", health_val(rng, "zh", "cue_colon"))
    doc.t("处理：复查，医保结算")
    doc.n(V.price(rng))
    doc.t("元，单据号")
    doc.n(V.order_no(rng))
    doc.t("。\n医师：")
    doc.v(name_val(rng, "zh", "cue_colon"))
    doc.t("    日期：")
    doc.n(V.iso_date(rng, "zh", prose=True))
    doc.t("\n\n")


def medical_en(rng, doc):
    doc.t("Patient: ")
    doc.v(name_val(rng, "en", "cue_colon"))
    doc.t("\n")
    field_line(doc, "DOB", dob_val(rng, V.birth_date(rng), "en", "cue"), ": ")
    field_line(doc, "Phone", V.phone(rng, "en"), ": ")
    field_line(doc, "Address", V.address_en(rng), ": ")
    field_line(doc, "SSN", V.us_ssn(rng), ": ")
    doc.t("History of ")
    doc.v(health_val(rng, "en", "cue_history"))
    doc.t("; seen on ")
    doc.n(V.iso_date(rng, "en", prose=True))
    doc.t(".\n")
    field_line(doc, "Diagnosis", health_val(rng, "en", "cue_colon"), ": ")
    doc.t("Attending: Dr. ")
    doc.v(name_val(rng, "en", "cue_mr"))
    doc.t("\nLab ref ")
    doc.n(V.uuid(rng))
    doc.t(", claim ")
    doc.n(V.order_no(rng))
    doc.t(", copay $")
    doc.n(V.price(rng, "en"))
    doc.t("\n\n")


def text_file(rng, name, makers, count):
    doc = Doc(name)
    for _ in range(count):
        rng.choice(makers)(rng, doc)
    return doc


def extra_negatives(rng, name, count):
    """A release-notes style file dense in look-alikes (and no values)."""
    doc = Doc(name)
    for i in range(count):
        doc.t("- version ")
        doc.n(V.version(rng, quad=True))
        doc.t(" (commit ")
        doc.n(V.hex_hash(rng))
        doc.t(", released ")
        doc.n(V.iso_date(rng))
        doc.t(", ts ")
        doc.n(V.epoch_ms(rng))
        doc.t("): SKU ")
        doc.n(V.sku(rng))
        doc.t(" ISBN ")
        doc.n(V.isbn(rng))
        doc.t(" price ")
        doc.n(V.price(rng, "en"))
        doc.t(" vendor USCC ")
        doc.n(V.uscc(rng))
        doc.t(" voucher ")
        doc.n(V.luhn_fail(rng))
        doc.t(" shipment ")
        doc.n(V.tracking(rng))
        doc.t(" order ")
        doc.n(V.order_no(rng))
        doc.t(" job ")
        doc.n(V.uuid(rng))
        doc.t("\n")
    return doc


def build(rng):
    docs = []
    for i in range(2):
        docs.append(csv_customers(rng, "exports/customers_en_%d.csv" % i, "en", 120))
        docs.append(csv_customers(rng, "exports/customers_zh_%d.csv" % i, "zh", 120))
    docs.append(csv_finance(rng, "exports/finance.csv", 150))
    docs.append(csv_patients(rng, "exports/patients.csv", 150))
    for i in range(2):
        docs.append(json_log(rng, "logs/app_%d.jsonl" % i, 150))
        docs.append(kv_log(rng, "logs/service_%d.log" % i, 150))
        docs.append(access_log(rng, "logs/access_%d.log" % i, 200))
    specs = [("reports/court_zh_%d.txt", [court_zh], 15), ("reports/news_zh_%d.txt", [news_zh], 25),
             ("letters/letter_zh_%d.txt", [letter_zh], 20), ("reports/court_en_%d.txt", [court_en], 15),
             ("letters/letter_en_%d.txt", [letter_en], 20), ("reports/news_en_%d.txt", [news_en], 25),
             ("mail/messages_%d.eml", [emails], 20), ("chat/support_zh_%d.txt", [chat_zh], 25),
             ("chat/team_en_%d.txt", [chat_en], 25), ("medical/notes_zh_%d.txt", [medical_zh], 20),
             ("medical/notes_en_%d.txt", [medical_en], 20)]
    for pattern, makers, count in specs:
        for i in range(3):
            docs.append(text_file(rng, pattern % i, makers, count))
    docs.append(extra_negatives(rng, "misc/release_notes.txt", 120))
    return docs


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen.py OUTDIR\n")
        return 2
    write_corpus(argv[1], build(random.Random(SEED)))
    return 0


def write_corpus(out, docs):
    """Writes docs into OUT/corpus/ and their labels into OUT/truth.jsonl
    and OUT/negatives.jsonl (gen_round2.py writes its corpus this way too)."""
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as truth, \
            open(os.path.join(out, "negatives.jsonl"), "w", encoding="utf-8") as negs:
        for doc in docs:
            path = os.path.join(out, "corpus", doc.name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(doc.data())
            for rec in doc.truth:
                truth.write(json.dumps(rec, ensure_ascii=False) + "\n")
            for rec in doc.negs:
                negs.write(json.dumps(rec, ensure_ascii=False) + "\n")


def regenerate(work):
    """Writes a fresh corpus into WORK (made if missing). Only what this
    module writes is removed first, never the rest of WORK. True on
    success."""
    os.makedirs(work, exist_ok=True)
    shutil.rmtree(os.path.join(work, "corpus"), ignore_errors=True)
    return main(["gen.py", work]) == 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

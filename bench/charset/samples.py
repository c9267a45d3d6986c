#!/usr/bin/env python3
"""bench/charset/samples.py - labelled heads for the charset-library bench.

Usage: python3 samples.py OUTDIR

Writes three sample sets with fixed seeds: "tune" (thresholds are chosen on
it), "check" (the chosen rule is only re-measured on it), and "bulk" (30,000
small NUL-free binary blobs only, see bulk_samples, also only re-measured):
  OUTDIR/<set>.bin  the samples' bytes, concatenated
  OUTDIR/<set>.idx  one line per sample, tab separated:
                    id kind label genre size offset utf8 note
    kind   text | binary
    label  text: gbk gb18030 big5 cp1252 (the Python codec that made it)
           binary: zlib deflate gzip bz2 xz lzma-raw gitobj random
    genre  text: sent csv log (Chinese) / prose csv log (Western)
           binary: head (prefix of the stream, what a file would start with),
           body (a window from inside the stream), whole (a whole small
           output, e.g. a git loose object), nulfree (a stream prefix with
           every 0x00 replaced by a seeded random 1..255: a stress set that
           stands for the NUL-free heads large compressed files almost never
           have), uniform (random bytes 1..255)
    utf8   1 when the sample is valid UTF-8 (an incomplete last character
           allowed): the engine decides those itself, the library never sees
           them, so the scoring drops them
    note   the text's cut ("char": at a character boundary; "raw": at the
           exact byte, possibly mid-character) or the stream's input
  OUTDIR/summary.txt  counts, and what the NUL filter dropped

Every text is INVENTED: names are drawn from lists of common characters and
syllables, phone and ID numbers are random digits (the ID's check digit is
computed so that it looks well formed), addresses are made of generic parts.
Binary samples that hold a NUL byte are dropped (the engine calls those binary
without asking a library); "uniform" draws bytes from 1..255, which is the
same as drawing 0..255 and keeping only NUL-free outcomes.
"""
import bz2
import codecs
import gzip
import lzma
import os
import random
import sys
import zlib

# The ID's check digit (MOD 11-2) is the tests' own: tests/lib/values.py.
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests"))
from lib.values import cn_id_check  # noqa: E402

TEXT_SIZES = [40, 60, 100, 150, 300, 1000, 4096]
TEXT_REPS = 8                     # samples per (encoding, genre, size)
NONZERO = range(1, 256)
BIN_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 100, 128, 160, 200, 256, 320,
             400, 512, 640, 800, 1000, 1500, 2048, 3000, 4096]

# ---------------------------------------------------------------- Chinese --
SURNAMES_S = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_S = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰志华建国文辉鹏红玉飞宇浩凯琳婷雪梅晨阳欣怡子轩梓涵思远嘉豪俊峰海燕春雷丹玲瑞斌宏"
CITIES_S = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区",
            "杭州市西湖区", "成都市武侯区", "南京市鼓楼区", "武汉市洪山区",
            "西安市雁塔区", "重庆市渝中区", "天津市和平区", "苏州市姑苏区"]
ROADS_S = ["建国路", "人民路", "解放路", "中山路", "长江路", "和平街",
           "新华路", "学府路", "科技园路", "滨江大道", "光明街", "幸福里"]
SENT_S = [
    "今天的天气很好，我们一起去公园散步吧。",
    "这份报告需要在星期五之前提交给项目经理。",
    "请在表格中填写您的姓名、电话号码和联系地址。",
    "系统将在今晚十二点进行例行维护，预计持续两个小时。",
    "会议纪要已经整理完毕，请各位同事查收并提出修改意见。",
    "新产品的用户反馈总体良好，但仍有部分功能需要改进。",
    "为了保护个人隐私，所有敏感信息都应当进行脱敏处理。",
    "图书馆周末开放时间为上午九点至下午五点。",
    "本次培训的主要内容包括数据安全、合规要求和应急预案。",
    "他说明天早上会把样品送到实验室进行检测。",
    "我们收到了三百多份申请，正在逐一审核。",
    "根据合同约定，货款应在收货后三十日内支付。",
    "该地区的年平均气温约为十五摄氏度，降水集中在夏季。",
    "如有疑问，请拨打客服热线或发送电子邮件与我们联系。",
    "项目组决定下周二召开第二次评审会议，讨论技术方案。",
]
LOG_WORDS_S = ["登录成功", "下单成功", "支付失败", "库存不足", "用户注销",
               "订单服务", "短信发送", "超时重试", "权限不足", "数据同步完成"]

SURNAMES_T = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘蔣蔡余杜葉程蘇魏呂丁沈姚盧姜崔鍾譚陸汪范金石廖賈夏"
GIVEN_T = "偉芳娜秀英敏靜麗強磊軍洋勇豔傑娟濤明超霞平剛桂蘭志華建國文輝鵬紅玉飛宇浩凱琳婷雪梅晨陽欣怡軒涵思遠嘉豪俊峰海燕春雷丹玲瑞斌宏"
CITIES_T = ["臺北市大安區", "臺北市信義區", "新北市板橋區", "臺中市西屯區",
            "高雄市前鎮區", "臺南市東區", "桃園市中壢區", "新竹市東區",
            "香港九龍旺角", "香港中西區", "澳門花地瑪堂區", "基隆市仁愛區"]
ROADS_T = ["忠孝東路", "復興南路", "中山北路", "民生東路", "和平西路",
           "信義路", "羅斯福路", "光復路", "中正路", "彌敦道", "皇后大道", "新興街"]
SENT_T = [
    "今天的天氣很好，我們一起去公園散步吧。",
    "這份報告需要在星期五之前提交給專案經理。",
    "請在表格中填寫您的姓名、電話號碼和聯絡地址。",
    "系統將在今晚十二點進行例行維護，預計持續兩個小時。",
    "會議紀錄已經整理完畢，請各位同事查收並提出修改意見。",
    "新產品的使用者回饋整體良好，但仍有部分功能需要改進。",
    "為了保護個人隱私，所有敏感資訊都應當進行遮罩處理。",
    "圖書館週末開放時間為上午九點至下午五點。",
    "本次訓練的主要內容包括資料安全、法規要求和應變計畫。",
    "他說明天早上會把樣品送到實驗室進行檢測。",
    "我們收到了三百多份申請，正在逐一審核。",
    "根據合約約定，貨款應在收貨後三十日內支付。",
    "該地區的年平均氣溫約為攝氏十五度，降雨集中在夏季。",
    "如有疑問，請撥打客服專線或寄送電子郵件與我們聯絡。",
    "專案小組決定下週二召開第二次審查會議，討論技術方案。",
]
LOG_WORDS_T = ["登入成功", "下單成功", "付款失敗", "庫存不足", "使用者登出",
               "訂單服務", "簡訊發送", "逾時重試", "權限不足", "資料同步完成"]

# Characters outside GBK: GB18030 encodes them with 4 bytes (CJK Ext A/B,
# and a few symbols).  Names with rare characters are the realistic case.
GB18030_4BYTE = "㐀㑇㒳㓁㔾㙦䶮䴓䲟𠮷𡈽𤭢㛃㻞"
GB18030_4BYTE_EXTRA = ["€", "🙂"]  # € is A2E3 in gb18030 (0x80 in gbk)

# ---------------------------------------------------------------- Western --
FIRST_W = ["José", "María", "François", "Zoë", "Jürgen", "Søren", "Renée",
           "Ângela", "Björn", "Chloé", "Iñaki", "Anaïs", "Jörg", "Núria",
           "Thérèse", "Hélène", "Raúl", "Inês", "Gaëlle", "Ólafur"]
LAST_W = ["García", "Müller", "Lefèvre", "Peña", "Schröder", "Gonçalves",
          "Núñez", "Dupré", "Weiß", "Jørgensen", "Bâtard", "Ibáñez",
          "Größer", "Brontë", "Martín", "Fernández", "Köhler", "Lópes"]
CITIES_W = ["Zürich", "Málaga", "Besançon", "Köln", "São Paulo", "Göteborg",
            "Genève", "Córdoba", "München", "Mâcon", "Düsseldorf", "Linköping"]
STREETS_W = ["Rue de l'Église", "Calle Mayor", "Hauptstraße", "Avenida São João",
             "Place du Marché", "Königsallee", "Rua das Flores", "Boulevard Saint-Michel"]
PROSE_W = [
    "Le café était fermé, alors nous avons marché jusqu'à la gare.",
    "El niño comió una manzana y después jugó en el jardín.",
    "Die Größe des Gebäudes überraschte die Besucher aus Köln.",
    "A reunião começou às três horas e terminou às cinco.",
    "Ça coûte 12,50 € — pas très cher pour un crème brûlée.",
    "„Schöne Grüße“, schrieb er am Ende der Nachricht.",
    "Please review the naïve façade proposal before the résumé deadline.",
    "Señor Muñoz pidió una caña y una ración de jamón ibérico.",
    "Les élèves ont étudié l'œuvre de Molière pendant tout l'été.",
    "Das Frühstück wird zwischen sieben und zehn Uhr serviert.",
    "“It’s fine,” she said… and left the room.",
    "Smörgåsbord, crème fraîche and jalapeño were on the menu.",
]
LOG_WORDS_W = ["login ok", "échec de connexion", "Übertragung fertig",
               "pedido creado", "sessão expirada", "user=müller", "city=Zürich"]


def id_number(rng):
    """An invented 18-character ID-card-style number with a computed check digit."""
    area = rng.choice(["110105", "310115", "440106", "440305", "330106",
                       "510107", "320106", "420111", "610113", "500103"])
    y = rng.randint(1950, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    body = "%s%04d%02d%02d%03d" % (area, y, m, d, rng.randint(0, 999))
    return body + cn_id_check(body)


def phone_cn(rng):
    return "1%d%09d" % (rng.choice([3, 5, 7, 8, 9]), rng.randint(0, 10**9 - 1))


def phone_tw(rng):
    return "09%02d-%03d-%03d" % (rng.randint(0, 99), rng.randint(0, 999),
                                 rng.randint(0, 999))


def name(rng, sur, giv, rare=None):
    n = rng.choice(sur) + "".join(rng.choice(giv) for _ in range(rng.randint(1, 2)))
    if rare and rng.random() < 0.35:
        n = n[:-1] + rng.choice(rare)
    return n


def cjk_text(rng, genre, trad, rare, nchars=5000):
    """NCHARS characters (or a few more) of one genre; 5000 is enough for
    every size to be cut from it."""
    sur, giv = (SURNAMES_T, GIVEN_T) if trad else (SURNAMES_S, GIVEN_S)
    cities, roads = (CITIES_T, ROADS_T) if trad else (CITIES_S, ROADS_S)
    sents = SENT_T if trad else SENT_S
    words = LOG_WORDS_T if trad else LOG_WORDS_S
    out = []
    if genre == "csv":
        out.append("姓名,手机,身份證號,地址\n" if trad else "姓名,手机,身份证号,地址\n")
        while sum(map(len, out)) < nchars:
            tel = phone_tw(rng) if trad else phone_cn(rng)
            addr = rng.choice(cities) + rng.choice(roads) + "%d號" % rng.randint(1, 300) \
                if trad else rng.choice(cities) + rng.choice(roads) + "%d号" % rng.randint(1, 300)
            out.append("%s,%s,%s,%s\n" % (name(rng, sur, giv, rare), tel,
                                          id_number(rng), addr))
    elif genre == "sent":
        while sum(map(len, out)) < nchars:
            s = rng.choice(sents)
            if rare and rng.random() < 0.3:
                s = name(rng, sur, giv, rare) + "说：" + s
            if rare and rng.random() < 0.1:
                s += rng.choice(GB18030_4BYTE_EXTRA)
            out.append(s)
            if rng.random() < 0.2:
                out.append("\n")
    else:  # log: ASCII lines with a few Chinese words
        t = rng.randint(0, 80000)
        while sum(map(len, out)) < nchars:
            t += rng.randint(1, 90)
            w = rng.choice(words)
            if rare and rng.random() < 0.2:
                w += " name=" + name(rng, sur, giv, rare)
            out.append("2024-%02d-%02d %02d:%02d:%02d %s [svc-%d] req=%08x %s latency=%dms\n" % (
                rng.randint(1, 12), rng.randint(1, 28), t // 3600 % 24, t // 60 % 60,
                t % 60, rng.choice(["INFO", "WARN", "ERROR", "DEBUG"]),
                rng.randint(1, 9), rng.getrandbits(32), w, rng.randint(1, 900)))
    return "".join(out)


def western_text(rng, genre, nchars=5000):
    out = []
    if genre == "csv":
        out.append("name,phone,street,city,note\n")
        while sum(map(len, out)) < nchars:
            out.append("%s %s,+%d %03d %03d %03d,%s %d,%s,%s\n" % (
                rng.choice(FIRST_W), rng.choice(LAST_W), rng.choice([33, 34, 49, 351, 41]),
                rng.randint(100, 999), rng.randint(0, 999), rng.randint(0, 999),
                rng.choice(STREETS_W), rng.randint(1, 200), rng.choice(CITIES_W),
                rng.choice(["client fidèle", "à rappeler", "geprüft", "pagó en efectivo",
                            "ok", "", "n/a", "VIP – prioritaire"])))
    elif genre == "prose":
        while sum(map(len, out)) < nchars:
            out.append(rng.choice(PROSE_W))
            out.append("\n" if rng.random() < 0.3 else " ")
    else:
        t = rng.randint(0, 80000)
        while sum(map(len, out)) < nchars:
            t += rng.randint(1, 90)
            out.append("2024-%02d-%02dT%02d:%02d:%02dZ %s host=app%d %s (%s %s)\n" % (
                rng.randint(1, 12), rng.randint(1, 28), t // 3600 % 24, t // 60 % 60,
                t % 60, rng.choice(["INFO", "WARN", "ERROR"]), rng.randint(1, 9),
                rng.choice(LOG_WORDS_W), rng.choice(FIRST_W), rng.choice(LAST_W)))
    return "".join(out)


def cut_chars(text, codec, size):
    """Encode character by character; stop before the character that would
    pass SIZE bytes.  Returns the bytes (<= size) or None if text is short."""
    out = bytearray()
    for ch in text:
        b = ch.encode(codec)
        if len(out) + len(b) > size:
            return bytes(out)
        out += b
    return None


def valid_utf8(b):
    """Valid UTF-8, an incomplete last character allowed (the engine's view)."""
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        dec.decode(b, final=False)
        return True
    except UnicodeDecodeError:
        return False


def text_samples(rng):
    encs = [("gbk", False, None), ("gb18030", False, GB18030_4BYTE),
            ("big5", True, None)]
    for codec, trad, rare in encs:
        for genre in ("sent", "csv", "log"):
            for size in TEXT_SIZES:
                for _ in range(TEXT_REPS):
                    txt = cjk_text(rng, genre, trad, rare, min(5000, size + 200))
                    start = rng.randint(0, 40) if genre == "sent" else 0
                    b = cut_chars(txt[start:], codec, size)
                    yield "text", codec, genre, b, "char"
            # 4096-byte heads cut at the exact byte (a file's real head)
            for _ in range(TEXT_REPS):
                txt = cjk_text(rng, genre, trad, rare)
                b = txt.encode(codec)[:4096]
                yield "text", codec, genre, b, "raw"
    for genre in ("prose", "csv", "log"):
        for size in TEXT_SIZES:
            for _ in range(TEXT_REPS):
                txt = western_text(rng, genre, min(5000, size + 200))
                b = cut_chars(txt, "cp1252", size)
                yield "text", "cp1252", genre, b, "char"


def corpus_inputs(rng):
    """Plain inputs to compress: varied text in varied encodings."""
    kinds = []
    kinds.append(("cjk-utf8", cjk_text(rng, rng.choice(["sent", "csv", "log"]), False, None).encode()))
    kinds.append(("cjk-gbk", cjk_text(rng, rng.choice(["sent", "csv", "log"]), False, None).encode("gbk")))
    kinds.append(("big5", cjk_text(rng, rng.choice(["sent", "csv", "log"]), True, None).encode("big5")))
    kinds.append(("western", western_text(rng, rng.choice(["prose", "csv", "log"])).encode("cp1252")))
    code = "".join("int f%d(int x) { return x * %d + %d; }\n" % (i, rng.randint(1, 99), rng.randint(0, 9))
                   for i in range(120))
    kinds.append(("code", code.encode()))
    js = ",".join('{"id":%d,"v":"%08x","ok":%s}' % (i, rng.getrandbits(32), rng.choice(["true", "false"]))
                  for i in range(150))
    kinds.append(("json", ("[" + js + "]").encode()))
    kinds.append(("bytes", bytes(rng.getrandbits(8) for _ in range(3000))))
    return kinds


def compressors():
    def deflate(b, level):
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        return c.compress(b) + c.flush()

    def lzma_raw(b, level):
        return lzma.compress(b, format=lzma.FORMAT_RAW,
                             filters=[{"id": lzma.FILTER_LZMA2, "preset": min(level, 2)}])
    return {
        "zlib": lambda b, lv: zlib.compress(b, lv),
        "deflate": deflate,
        "gzip": lambda b, lv: gzip.compress(b, compresslevel=lv, mtime=1700000000),
        "bz2": lambda b, lv: bz2.compress(b, max(1, lv)),
        "xz": lambda b, lv: lzma.compress(b, preset=min(lv, 2)),
        "lzma-raw": lzma_raw,
    }


def binary_samples(rng, dropped):
    comps = compressors()
    for label, fn in comps.items():
        streams = []
        for _ in range(6):
            for kind, data in corpus_inputs(rng):
                lv = rng.choice([1, 6, 9])
                # vary the input length so outputs and their headers vary
                n = rng.randint(200, len(data))
                streams.append(("%s:%d:l%d" % (kind, n, lv), fn(data[:n], lv)))
        for size in BIN_SIZES:
            # "head": prefix of a stream; "body": a window inside a stream;
            # "nulfree": a prefix whose NULs are replaced (stress set)
            for genre, tries, want in (("head", 40, 4), ("body", 40, 3), ("nulfree", 3, 3)):
                got = 0
                for _ in range(tries):
                    if got >= want:
                        break
                    note, s = rng.choice(streams)
                    if genre == "body":
                        if len(s) < size + 64:
                            continue
                        off = rng.randint(32, len(s) - size)
                        b = s[off:off + size]
                    else:
                        b = s[:size]
                        if len(b) < size and size > 16:
                            continue        # the whole output is shorter
                    if genre == "nulfree":
                        b = bytes(x if x else rng.randint(1, 255) for x in b)
                    if 0 in b:
                        dropped[label + "/" + genre] = dropped.get(label + "/" + genre, 0) + 1
                        continue
                    got += 1
                    yield "binary", label, genre, b, note
    # git loose objects: the whole zlib stream of "blob <n>\0<content>"
    pool = [k for _ in range(4) for k in corpus_inputs(rng)[:6]]
    for _ in range(400):
        kind, data = rng.choice(pool)
        n = rng.randint(10, 400)
        off = rng.randint(0, max(0, len(data) - n))
        content = data[off:off + n]
        b = zlib.compress(b"blob %d\x00" % len(content) + content, rng.choice([1, 6, 9]))
        if 0 in b:
            dropped["gitobj/whole"] = dropped.get("gitobj/whole", 0) + 1
            continue
        yield "binary", "gitobj", "whole", b, "%s:%d" % (kind, n)
    # random bytes 1..255 (= uniform bytes conditioned on "no NUL")
    for size in BIN_SIZES:
        for _ in range(12):
            b = bytes(rng.choices(NONZERO, k=size))
            yield "binary", "random", "uniform", b, ""
    # random sizes in between, weighted to small blobs
    for _ in range(150):
        size = int(round(2 ** rng.uniform(4, 12)))
        b = bytes(rng.choices(NONZERO, k=size))
        yield "binary", "random", "uniform", b, "logsize"


BULK_N = 30000


def bulk_samples(rng, dropped):
    """Many small NUL-free binary blobs (the risky sizes), to bound the rate
    of binary called text more tightly than the few hundred of tune/check.
    Sizes are log-uniform in 16..1024; a tenth are nulfree stress heads up
    to 4096."""
    comps = compressors()
    pool = [k for _ in range(6) for k in corpus_inputs(rng)]
    fast = {"zlib": comps["zlib"], "deflate": comps["deflate"]}
    streams = []
    for label, fn in comps.items():
        for _ in range(12 if label in fast else 3):
            kind, data = rng.choice(pool)
            n = rng.randint(200, len(data))
            streams.append((label, fn(data[:n], rng.choice([1, 6, 9]))))
    made = 0
    while made < BULK_N:
        r = rng.random()
        size = int(round(2 ** rng.uniform(4, 10)))
        if r < 0.30:      # a git loose object or a small zlib/deflate file
            kind, data = rng.choice(pool)
            n = rng.randint(8, 600)
            off = rng.randint(0, max(0, len(data) - n))
            content = data[off:off + n]
            lv = rng.choice([1, 6, 9])
            if rng.random() < 0.5:
                label, genre = "gitobj", "whole"
                b = zlib.compress(b"blob %d\x00" % len(content) + content, lv)
            else:
                label = rng.choice(["zlib", "deflate"])
                genre = "whole"
                b = fast[label](content, lv)
        elif r < 0.55:    # a window inside a compressed stream
            label, s = rng.choice(streams)
            genre = "body"
            if len(s) < size + 64:
                continue
            off = rng.randint(32, len(s) - size)
            b = s[off:off + size]
        elif r < 0.65:    # stress: a stream prefix with its NULs replaced
            label, s = rng.choice(streams)
            genre = "nulfree"
            size = int(round(2 ** rng.uniform(4, 12)))
            b = bytes(x if x else rng.randint(1, 255) for x in s[:size])
        else:             # random bytes 1..255
            label, genre = "random", "uniform"
            b = bytes(rng.choices(NONZERO, k=size))
        if 0 in b:
            dropped[label + "/" + genre] = dropped.get(label + "/" + genre, 0) + 1
            continue
        made += 1
        yield "binary", label, genre, b, "bulk"


def write_set(outdir, name, seed):
    rng = random.Random(seed)
    dropped = {}
    rows = []
    if name == "bulk":
        gens = (bulk_samples(rng, dropped),)
    else:
        gens = (text_samples(rng), binary_samples(rng, dropped))
    with open(os.path.join(outdir, name + ".bin"), "wb") as fb:
        off = 0
        for gen in gens:
            for kind, label, genre, b, note in gen:
                assert b is not None and len(b) > 0, (kind, label, genre, note)
                fb.write(b)
                rows.append((len(rows), kind, label, genre, len(b), off,
                             1 if valid_utf8(b) else 0, note))
                off += len(b)
    with open(os.path.join(outdir, name + ".idx"), "w") as fi:
        for r in rows:
            fi.write("\t".join(str(x) for x in r) + "\n")
    return rows, dropped


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "out"
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "summary.txt"), "w") as fs:
        for name, seed in (("tune", 20240601), ("check", 777), ("bulk", 4242)):
            rows, dropped = write_set(outdir, name, seed)
            cnt = {}
            for r in rows:
                k = (r[1], r[2], r[3])
                c = cnt.setdefault(k, [0, 0])
                c[0] += 1
                c[1] += r[6]
            fs.write("set %s seed %d: %d samples\n" % (name, seed, len(rows)))
            for k in sorted(cnt):
                fs.write("  %-6s %-8s %-8s n=%4d valid-utf8=%d\n" % (k + tuple(cnt[k])))
            fs.write("  dropped for holding a NUL byte: %s\n" % (
                ", ".join("%s=%d" % kv for kv in sorted(dropped.items())) or "none"))
    print(open(os.path.join(outdir, "summary.txt")).read(), end="")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen_round2.py — the round-2 labelled corpus: values without cue words.

Usage: python3 gen_round2.py OUTDIR [--seed tune|report]

Writes OUTDIR/corpus/<files>, OUTDIR/truth.jsonl and OUTDIR/negatives.jsonl
in the format of gen.py, so `python3 score.py REDACT OUTDIR` scores it. The
shapes (each label's form names the template family it came from):

  dumps/    rows of leaked personal-data dumps: no header, cells split by
            `|`, `----`, tab, `,`, `;` or runs of spaces; a name cell
            (Chinese, English or pinyin) beside a phone, ID or e-mail and
            sometimes an address;
  prose/, mail/, git/
            names with no cue word: greetings and sign-offs, self-
            introductions, roles (defendant, 被告人, 收件人 ...), legal and news
            verbs, lists joined by 、/and; mailbox display names in
            From/To/Cc/Reply-To; git Author:/Signed-off-by:; copyright lines;
  fields/   values under keys that say what they hold by meaning
            (receiver_name, holder, 联系人, 户主 ...) in JSON, key=value,
            `key: value`, INI and YAML; SQL INSERT ... VALUES and pg_dump
            COPY ... FROM stdin blocks;
  addresses/ Chinese, UK, US (ZIP+4), Canadian, Dutch and German addresses
            in chat and mail with no cue word, the whole address one label;
  medical/  diagnosis lists, 结论/既往史/出院诊断, "history of", "diagnosed
            with", full condition names;
  src/, misc/ and mixed into the rest: hard negatives (decimal pairs that
            are not coordinates, Message-IDs, 4-part versions, capitalised
            non-names, Chinese words that start with a surname character,
            disease words in non-medical text, source-code lines).

Two fixed seeds, and a rule for them (docs/detection.md, "Round 2
corpus"): TUNE_SEED is the corpus developers look at while writing and
tuning detectors; REPORT_SEED is never looked at for tuning and the
figures are reported from it. Both draw from the same templates.

Everything is invented. The name lists below are built from common
surname and given-name characters/words (common knowledge), combined at
random; they are not any real person's name. Mail is at example.com /
example.org; ID numbers and cards carry valid check digits
(tests/lib/values.py via values.py). The templates were written before,
and without looking at, the detectors they will score.
"""
import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE]
import gen as first_corpus  # noqa: E402  (tests/corpus/gen.py: its Doc)
import values as V  # noqa: E402  (tests/corpus/values.py)
from lib.values import digits  # noqa: E402

TUNE_SEED = 1301
REPORT_SEED = 1311  # 1302 and 1310 had their misses listed by form: not used
SEEDS = {"tune": TUNE_SEED, "report": REPORT_SEED}


class Doc(first_corpus.Doc):
    """One corpus file being written, with its labels in byte offsets (the
    first corpus's, with labels given by category and form directly)."""

    def v(self, text, cats, form):
        """A personal value; cats: one category or a list (e.g. name+field)."""
        start = self.pos
        self.t(text)
        for c in ([cats] if isinstance(cats, str) else cats):
            self.truth.append({"file": self.name, "start": start, "end": self.pos,
                               "category": c, "form": form})

    def n(self, text, kind, form):
        start = self.pos
        self.t(text)
        self.negs.append({"file": self.name, "start": start, "end": self.pos,
                          "kind": kind, "form": form})


# ---- invented people ----------------------------------------------------
# Common surnames and given-name characters/words (common knowledge), drawn
# at random into names that belong to no real person.

ZH_SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 韩 冯 邓 曹 彭 "
               "曾 肖 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 "
               "石 金 韦 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 "
               "邵 万 覃 武 钱 戴 严 莫 孔 向 常 欧阳 司马 诸葛 东方 慕容").split()
ZH_GIVEN_CHARS = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 华 文 婷 宇 浩 欣 怡 涵 轩 "
                  "桐 远 嘉 鸣 琪 晨 曦 燕 志 梅 东 雪 鹏 慧 玲 斌 颖 凯 琳 博 俊 雅 诗 墨 若 佑 豪 建 "
                  "红 秀 英 兰 桂 玉 萍 海 波 辉 峰 云 飞 亮 成 晓 思 佳 梦 悦 瑶 彤 泽 宸 睿 航 奕 铭 "
                  "晗 沛 璐 卓 坤 琦 蕾 薇 茜 翔 昊 岩 哲 楠 蓉 菲").split()
PY_SURNAME = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "黄": "Huang",
              "赵": "Zhao", "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu",
              "胡": "Hu", "郭": "Guo", "何": "He", "高": "Gao", "林": "Lin", "罗": "Luo", "郑": "Zheng",
              "梁": "Liang", "谢": "Xie", "宋": "Song", "唐": "Tang", "韩": "Han", "冯": "Feng", "邓": "Deng",
              "曹": "Cao", "彭": "Peng", "曾": "Zeng", "肖": "Xiao", "田": "Tian", "董": "Dong", "潘": "Pan",
              "袁": "Yuan", "蔡": "Cai", "蒋": "Jiang", "余": "Yu", "杜": "Du", "叶": "Ye", "程": "Cheng",
              "魏": "Wei", "苏": "Su", "吕": "Lyu", "丁": "Ding", "任": "Ren", "卢": "Lu", "姚": "Yao",
              "沈": "Shen", "钟": "Zhong", "崔": "Cui", "谭": "Tan", "范": "Fan", "金": "Jin", "欧阳": "Ouyang"}
PY_GIVEN = ("Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Juan Tao Ming Chao Xia Ping Gang "
            "Hua Wen Ting Yu Hao Xin Yi Han Xuan Tong Yuan Jia Chen Xi Yun Fei Liang Cheng Peng Hui "
            "Ling Bin Ying Kai Lin Bo Jun Ya Shi Xiaoming Jianguo Lina Yuting Haoran Zihan Yuxuan "
            "Xiaohong Zhiqiang Jiahui Siyu Mengyao Yutong Zeyu Ruoxi Haoyu Shuhui Jianhua Xiaolong "
            "Chunmei Guohua Meiling Wenjie Xinyi Zhihao Kaiwen Yifan Tianyu Qingqing").split()
EN_GIVEN = ("Oliver Amelia Harry Isla George Ava Jack Mia Jacob Ivy Charlie Lily Thomas Freya Oscar "
            "Florence William Emily James Ella Henry Grace Leo Sophie Arthur Evie Alfie Poppy Joshua "
            "Daisy Ethan Ruby Samuel Chloe Daniel Hannah Benjamin Megan Lucas Abigail Nathan Rachel "
            "Aaron Laura Adam Rebecca Connor Natalie Dylan Holly Gabriel Leah Isaac Naomi Owen Victoria "
            "Ryan Caroline Sean Heather Bryan Melissa Derek Tiffany Gregory Vanessa").split()
EN_FAMILY = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
             "Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips "
             "Mason Mitchell Rose Davis Rodriguez Cox Alexander Morgan Moore Howard Barnes Fisher "
             "Hughes Palmer Ward Turner Collins Bennett Gray Russell Hayes Murray Fletcher Shaw "
             "Gallagher Sullivan Kowalski Novak Fernandez Okafor Lindqvist Bergstrom Moreau Rossi "
             "Schneider Jansen Visser").split()

# Words that start with a surname character (hard negatives); a drawn name
# that equals one of them is drawn again.
SURNAME_WORDS = ("高兴 王国 常常 周末 黄金 马上 林业 陈列 杨树 许多 何况 方便 白天 金额 石头 江南 任何 于是 "
                 "万一 钱包 程序 高速 李子 张开 朱红 胡说 孙子 白菜 宋体 唐朝 韩国 万物 叶子 苏醒 田野 "
                 "董事 潘多拉 袁大头 毛衣 龙头 雷达 史诗 段落 向来 严格 孔雀 武器 方向 莫非 常见 武汉 "
                 "夏天 秦朝 熊猫 周围 文件 钟表 江湖 马路 石油 金融 白色 方案 高效 黎明 贺卡").split()


def zh_name(rng):
    while True:
        n = rng.choice(ZH_SURNAMES) + "".join(rng.choice(ZH_GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        if not any(w in n for w in SURNAME_WORDS):
            return n


def py_name(rng):
    """(pinyin name, e-mail local part) in one of the ways it is written."""
    s = rng.choice(list(PY_SURNAME.values()))
    g = rng.choice(PY_GIVEN)
    form = rng.randrange(4)
    text = ["%s %s" % (g, s), "%s %s" % (s, g), "%s %s" % (s.upper(), g), "%s %s" % (g, s)][form]
    return text, rng.choice(["%s.%s" % (g.lower(), s.lower()), "%s%s" % (s.lower(), g.lower()),
                             "%s_%s" % (s.lower(), g[0].lower())])


def en_name(rng):
    g, f = rng.choice(EN_GIVEN), rng.choice(EN_FAMILY)
    r = rng.random()
    text = "%s %s" % (g, f) if r < 0.8 else "%s %s. %s" % (g, rng.choice("ABCDEJKLMRST"), f) if r < 0.9 \
        else "%s %s-%s" % (g, f, rng.choice(EN_FAMILY))
    return text, rng.choice(["%s.%s" % (g.lower(), f.lower()), "%s%s" % (g[0].lower(), f.lower()),
                             "%s_%s" % (f.lower(), g.lower())])


def name_of(rng, lang):
    """(text, lang, e-mail local part); lang zh/en/py or mix."""
    if lang == "mix":
        lang = V.pick(rng, [(45, "zh"), (30, "py"), (25, "en")])
    if lang == "zh":
        n = zh_name(rng)
        return n, lang, rng.choice(["zw", "user", "kefu", "li.na", "service"]) + digits(rng, rng.randrange(1, 5))
    text, local = (py_name if lang == "py" else en_name)(rng)
    return text, lang, local


def email_for(rng, local):
    if rng.random() < 0.15:
        local += digits(rng, rng.randrange(1, 4))
    return local + "@" + rng.choice(["example.com", "example.org", "mail.example.com", "example.org"])


def mobile(rng):
    m = V.cn_mobile(rng)
    form = V.pick(rng, [(70, "mobile"), (10, "mobile_spaced"), (10, "mobile_dashed"), (10, "mobile_plus86")])
    t = {"mobile": m, "mobile_spaced": "%s %s %s" % (m[:3], m[3:7], m[7:]),
         "mobile_dashed": "%s-%s-%s" % (m[:3], m[3:7], m[7:]), "mobile_plus86": "+86" + m}[form]
    return t


def cn_id(rng):
    return V.cn_id(rng, V.birth_date(rng)).text


# ---- invented addresses ---------------------------------------------------

ZH_PROV = [("河南省", "周口市", ["太康县", "川汇区", "淮阳区"]), ("山东省", "临沂市", ["兰山区", "沂南县", "费县"]),
           ("江苏省", "苏州市", ["吴中区", "姑苏区", "昆山市"]), ("湖南省", "长沙市", ["岳麓区", "雨花区", "长沙县"]),
           ("四川省", "绵阳市", ["涪城区", "游仙区", "三台县"]), ("广东省", "东莞市", ["南城街道", "长安镇", "虎门镇"]),
           ("浙江省", "宁波市", ["鄞州区", "海曙区", "慈溪市"]), ("河北省", "保定市", ["竞秀区", "莲池区", "涿州市"]),
           ("安徽省", "合肥市", ["蜀山区", "包河区", "肥西县"]), ("福建省", "泉州市", ["丰泽区", "晋江市", "惠安县"]),
           ("", "北京市", ["朝阳区", "海淀区", "昌平区"]), ("", "上海市", ["浦东新区", "闵行区", "宝山区"]),
           ("", "重庆市", ["渝北区", "九龙坡区", "万州区"])]
ZH_TOWNS = "城关镇 新华街道 建设街道 东城街道 黄桥镇 柳林镇 城南街道 五里堡街道 清河镇 石桥镇".split()
ZH_ROADS = "幸福路 光明街 解放路 团结路 青年路 胜利大街 建设北路 花园路 东风路 工业大道 兴业路 滨河路 朝阳路 文化路".split()
ZH_ESTATES = "阳光小区 翠苑 金色家园 锦绣花园 福馨家园 华府名邸 紫荆公寓 碧水湾 丽景苑 东方明珠城".split()


def addr_zh(rng):
    prov, city, dists = rng.choice(ZH_PROV)
    dist = rng.choice(dists)
    town = "" if dist.endswith(("镇", "街道")) else rng.choice(ZH_TOWNS)
    t = (prov if rng.random() < 0.7 else "") + city + dist
    r = rng.random()
    if r < 0.2:
        t += town + rng.choice("东西南北前后") + rng.choice("庄营屯湾坡") + "村%d组%d号" % (
            rng.randrange(1, 12), rng.randrange(1, 90))
        return t, "zh_village"
    if rng.random() < 0.4:
        t += town
    t += rng.choice(ZH_ROADS) + "%d号" % rng.randrange(1, 600)
    if rng.random() < 0.6:
        t += rng.choice(ZH_ESTATES)
    t += rng.choice(["%d栋%d单元%d室" % (rng.randrange(1, 40), rng.randrange(1, 6), rng.randrange(1, 33) * 100 + rng.randrange(1, 6)),
                     "%d号楼%d单元%d" % (rng.randrange(1, 40), rng.randrange(1, 6), rng.randrange(1, 28) * 100 + rng.randrange(1, 6)),
                     "%d幢%d室" % (rng.randrange(1, 30), rng.randrange(1, 20) * 100 + rng.randrange(1, 9)),
                     "%d-%d-%d" % (rng.randrange(1, 30), rng.randrange(1, 6), rng.randrange(1, 30) * 100 + rng.randrange(1, 6)),
                     ""])
    return t, "zh_full"


UK_STREETS = "Example Road|Station Road|Church Lane|Victoria Street|Mill Lane|Park Avenue|Kings Road|The Crescent|Queens Drive|Manor Close".split("|")
UK_TOWNS = [("London", "SW"), ("London", "E"), ("Manchester", "M"), ("Leeds", "LS"), ("Bristol", "BS"),
            ("Birmingham", "B"), ("Edinburgh", "EH"), ("Cardiff", "CF"), ("Nottingham", "NG")]
US_STREETS = "Oak Street|Maple Avenue|Cedar Lane|Elm Drive|Washington Blvd|Lakeview Road|Pine Court|Highland Ave|W 3rd St|N Main St".split("|")
US_CITIES = [("Springfield", "IL", "627"), ("Portland", "OR", "972"), ("Austin", "TX", "787"), ("Columbus", "OH", "432"),
             ("Raleigh", "NC", "276"), ("Boise", "ID", "837"), ("Tucson", "AZ", "857"), ("Albany", "NY", "122")]
CA_CITIES = [("Toronto", "ON", "M"), ("Ottawa", "ON", "K"), ("Vancouver", "BC", "V"), ("Calgary", "AB", "T"),
             ("Montréal", "QC", "H"), ("Halifax", "NS", "B"), ("Winnipeg", "MB", "R")]
CA_STREETS = "Queen Street West|Maple Crescent|Bay Street|Rue Sainte-Catherine|Jasper Avenue|Portage Avenue|Spring Garden Road".split("|")
NL_STREETS = "Kerkstraat Dorpsstraat Molenweg Schoolstraat Julianastraat Stationsweg Voorbeeldstraat Lindelaan Beatrixlaan".split()
NL_CITIES = "Amsterdam Rotterdam Utrecht Eindhoven Groningen Haarlem Leiden Delft".split()
DE_STREETS = "Hauptstraße Bahnhofstraße Lindenstraße Schulstraße Gartenweg Musterstraße Bergstr. Am Markt|Goethestraße".replace("|", " ").split()
DE_CITIES = [("Berlin", "10"), ("München", "80"), ("Hamburg", "20"), ("Köln", "50"), ("Leipzig", "04"),
             ("Stuttgart", "70"), ("Dresden", "01"), ("Bremen", "28")]
UK_IN = "ABDEFGHJLNPQRSTUWXYZ"


def addr_intl(rng, which=None, multiline=False):
    which = which or rng.choice(["uk", "us", "ca", "nl", "de"])
    sep = ",\n" if multiline else ", "
    if which == "uk":
        town, area = rng.choice(UK_TOWNS)
        pc = "%s%d %d%s%s" % (area, rng.randrange(1, 20), rng.randrange(10), rng.choice(UK_IN), rng.choice(UK_IN))
        parts = []
        if rng.random() < 0.6:
            parts.append(rng.choice(["Flat %d" % rng.randrange(1, 40), "Flat %d%s" % (rng.randrange(1, 9), rng.choice("ABC")),
                                     "Apartment %d" % rng.randrange(1, 90)]))
        parts.append("%d %s" % (rng.randrange(1, 200), rng.choice(UK_STREETS)))
        parts.append(town if rng.random() < 0.5 else town + " " + pc)
        if not parts[-1].endswith(pc):
            parts.append(pc)
        return sep.join(parts), "uk"
    if which == "us":
        city, st, z3 = rng.choice(US_CITIES)
        parts = ["%d %s" % (rng.randrange(10, 9999), rng.choice(US_STREETS))]
        if rng.random() < 0.35:
            parts.append(rng.choice(["Apt %d%s" % (rng.randrange(1, 20), rng.choice("ABCD")), "Suite %d" % rng.randrange(100, 900),
                                     "Unit %d" % rng.randrange(1, 300)]))
        parts.append(city)
        parts[-1] += ", %s %s%s-%s" % (st, z3, digits(rng, 2), digits(rng, 4))
        return sep.join(parts), "us_zip4"
    if which == "ca":
        city, prov, first = rng.choice(CA_CITIES)
        L = "ABCEGHJKLMNPRSTVWXYZ"
        pc = "%s%d%s %d%s%d" % (first, rng.randrange(10), rng.choice(L), rng.randrange(10), rng.choice(L), rng.randrange(10))
        parts = []
        if rng.random() < 0.3:
            parts.append("Unit %d" % rng.randrange(100, 2500))
        parts.append("%d %s" % (rng.randrange(1, 3000), rng.choice(CA_STREETS)))
        parts.append("%s %s  %s" % (city, prov, pc) if rng.random() < 0.3 else "%s, %s %s" % (city, prov, pc))
        return sep.join(parts), "ca"
    if which == "nl":
        pc = "%d %s%s" % (rng.randrange(1000, 9999), rng.choice("ABCEGHJKLMNPRTVWXZ"), rng.choice("ABCEGHJKLMNPRTVWXZ"))
        return "%s %d%s%s%s %s" % (rng.choice(NL_STREETS), rng.randrange(1, 300), rng.choice(["", "", "A", "-2", " bis"]),
                                   sep, pc, rng.choice(NL_CITIES)), "nl"
    city, p2 = rng.choice(DE_CITIES)
    return "%s %d%s%s%s%s %s" % (rng.choice(DE_STREETS), rng.randrange(1, 150), rng.choice(["", "", "a", "b"]), sep,
                                 p2, digits(rng, 3), city), "de"


# ---- invented health ------------------------------------------------------

DX_ZH = ("2型糖尿病 高血压病3级（极高危） 冠状动脉粥样硬化性心脏病 慢性阻塞性肺疾病急性加重 脑梗死 "
         "肝硬化失代偿期 慢性乙型病毒性肝炎 精神分裂症 双相情感障碍 帕金森病 系统性红斑狼疮 "
         "慢性肾功能不全（CKD4期） 右肺腺癌 甲状腺功能减退症 心房颤动 痛风性关节炎 艾滋病 抑郁发作 "
         "阿尔茨海默病 胃恶性肿瘤 社区获得性肺炎 高脂血症 腰椎间盘突出症 重度焦虑症 强迫症 "
         "宫颈上皮内瘤变 梅毒 肺结核 癫痫 乳腺恶性肿瘤术后").split()
DX_EN = ["type 2 diabetes mellitus", "essential hypertension", "chronic obstructive pulmonary disease",
         "atrial fibrillation", "major depressive disorder, recurrent", "schizophrenia", "HIV-1 infection",
         "chronic hepatitis C", "Parkinson's disease", "multiple sclerosis", "stage III colorectal cancer",
         "heart failure with reduced ejection fraction", "systemic lupus erythematosus",
         "post-traumatic stress disorder", "alcohol use disorder", "obsessive-compulsive disorder",
         "chronic kidney disease stage 4", "hypothyroidism", "ulcerative colitis", "psoriatic arthritis",
         "bipolar I disorder", "non-small cell lung cancer", "cirrhosis of the liver", "early-onset Alzheimer's disease",
         "generalised anxiety disorder", "anorexia nervosa", "pulmonary tuberculosis", "type 1 diabetes mellitus",
         "coronary artery disease", "focal epilepsy"]


# ---- hard-negative makers ---------------------------------------------------

MONTHS = "January February March April May June July August September October November December".split()
PLACES = "London Paris Berlin Shanghai Shenzhen Hangzhou Toronto Sydney Amsterdam Madrid Boston Seattle Chicago".split()
PRODUCTS = ["Galaxy Note", "Surface Pro", "Kindle Paperwhite", "ThinkPad Carbon", "Model Y", "PlayStation Portal",
            "Apple Watch", "Pixel Buds", "Echo Dot", "Office Suite"]
COMPANIES = ["Northwind Traders", "Contoso Ltd", "Fabrikam Inc", "Acme Corp", "Globex Corporation", "Initech",
             "Umbrella Logistics", "Example Holdings", "Blue Yonder Airlines", "Tailspin Toys"]
TEAMS = ["Team", "All", "everyone", "Support Team", "Customer Service", "Hiring Committee", "Sir or Madam",
         "Valued Customer", "Operations", "Finance Department"]


def decimal_pair(rng):
    a = rng.uniform(18, 54)
    b = rng.uniform(73, 135)
    form, tpl = rng.choice([
        ("price", ["单价 {} / {} 元", "prices: ${}, ${}", "原价{}，现价{}", "bid {} ask {}"]),
        ("measure", ["尺寸 {} x {} cm", "size: {} × {} mm", "temps {}, {} °C", "weights {}kg / {}kg"]),
        ("score", ["得分 {}，{}", "scores {}, {}", "F1 {} / {}", "考试成绩：{}, {}"]),
        ("stat", ["mean {}, sd {}", "p50={}, p99={}", "CPU {}%, mem {}%", "耗时 {},{} ms"]),
    ])
    t = rng.choice(tpl)
    nd = rng.choice([2, 4, 2, 3])
    x, y = "%.*f" % (nd, a), "%.*f" % (nd, b)
    pre, mid, post = t.split("{}")
    return pre, x + mid + y, post, form


def message_id(rng):
    left = rng.choice(["%s.%s" % (digits(rng, 14), "".join(rng.choice("ABCDEF0123456789") for _ in range(8))),
                       "CA%s" % "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_-+") for _ in range(30)),
                       "%s-%s-%s" % (digits(rng, 8), digits(rng, 4), digits(rng, 6)),
                       "%s$%s" % (digits(rng, 6), "".join(rng.choice("abcdef0123456789") for _ in range(12)))])
    host = rng.choice(["mail.example.com", "mx.example.org", "smtp.example.net", "localhost.localdomain", "example.org"])
    return left + "@" + host


def version4(rng):
    a = rng.randrange(0, 30)
    return "%d.%d.%d.%d" % (a, rng.randrange(0, 20), rng.randrange(0, 300), rng.randrange(0, 9999))


DISEASE_NEG = [
    ("disease_word_zh", "这台车的老{}又犯了，明天送修。", "毛病"),
    ("disease_word_zh", "本周天气{}，注意防暑。", "炎热"),
    ("disease_word_zh", "手机中了{}，已经恢复出厂设置。", "病毒"),
    ("disease_word_zh", "拖延是团队的{}，得治。", "癌症"),
    ("disease_word_zh", "股市{}了一周，今天反弹。", "感冒"),
    ("disease_word_zh", "这段代码有{}，跑不起来。", "毛病"),
    ("disease_word_zh", "{}扫描完成，未发现威胁。", "病毒"),
    ("disease_word_zh", "市场{}过后，价格回落。", "发烧"),
    ("disease_word_en", "Run the {} scan before the release.", "antivirus"),
    ("disease_word_en", "Technical debt is a {} on this codebase.", "cancer"),
    ("disease_word_en", "The merge was a real {}.", "headache"),
    ("disease_word_en", "Sales reached {} pitch in December.", "fever"),
    ("disease_word_en", "The {} Research Foundation gala is on Friday.", "Diabetes"),
    ("disease_word_en", "Born under {}, the crab sign, says the horoscope column.", "Cancer"),
    ("disease_word_en", "That spreadsheet gives me a {}.", "migraine"),
    ("disease_word_en", "The team has a bad case of {} before the launch.", "cold feet"),
]

CODE_LINES = [
    ("py", "name = self.tzname(None)"), ("py", "ip = IPv4Network(address, strict=False)"),
    ("py", "address: A string or integer, the IP network."),
    ("py", 'holder_name = form.cleaned_data.get("holder_name")'),
    ("py", "contact = Contact.objects.get(pk=contact_id)"), ("py", "receiver = queue.get_receiver(channel)"),
    ("py", "owner = request.user"), ("py", 'phone_re = re.compile(r"\\d{11}")'),
    ("py", "patient = Patient(name=name, dob=dob)"), ("py", "diagnosis_codes = load_icd10(path)"),
    ("py", 'return self.first_name + " " + self.last_name'), ("py", "recipient_list = [settings.ADMIN_EMAIL]"),
    ("py", "name: The name of the logger to return."), ("py", "addr = socket.getaddrinfo(host, port)[0][4]"),
    ("py", "user_name = os.environ.get(\"USER\", \"nobody\")"), ("py", "self.account_holder = holder or Holder.default()"),
    ("c", "static const char *name = \"default\";"), ("c", "struct sockaddr_in addr = {0};"),
    ("c", "char name[NAME_MAX + 1];"), ("c", "if (strcmp(name, \"localhost\") == 0)"),
    ("c", "owner->uid = st.st_uid;"), ("c", "contact_list_free(&contacts);"),
    ("c", "rc = inet_pton(AF_INET6, address, &sa6.sin6_addr);"), ("c", "snprintf(buf, sizeof buf, \"%s <%s>\", name, mail);"),
    ("c", "const char *holder = getenv(\"CARD_HOLDER\");"), ("c", "size_t name_len = strlen(entry->d_name);"),
]

NAMED_THINGS = [("product_name", PRODUCTS), ("company_name", COMPANIES), ("app_name", ["redact-demo", "Order Service", "Billing API"]),
                ("queue_name", ["orders.high", "mail-out", "retry_q"]), ("host_name", ["web-01.example.com", "db-primary", "cache3"]),
                ("table_name", ["customers", "order_items", "audit_log"]), ("file_name", ["report_2024.pdf", "backup.tar.gz", "README.md"]),
                ("bucket_name", ["prod-assets", "log-archive"]), ("display_name", ["Build Bot", "Release Manager", "Nightly CI"]),
                ("名称", ["华东仓库", "客服中心", "结算系统"]), ("项目名称", ["智慧园区二期", "数据中台"])]


# ---- small writing helpers ---------------------------------------------------

def sp(rng):
    return rng.choice([" ", " ", " ", "  ", ""])


HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})


def vary(text, mode):
    """Template text written the way people type it: full-width
    punctuation as ASCII (mode < 0.25), or spaces doubled (mode > 0.9)."""
    if mode < 0.25:
        return text.translate(HALF_WIDTH)
    if mode > 0.9:
        return text.replace(" ", "  ")
    return text


def fill(rng, doc, template, form, lang="mix"):
    """Writes template; {name} {name_zh} {name_en} {name_py} {phone}
    {email} {id} {addr_zh} {addr} {dx_zh} {dx_en} are filled and labelled."""
    mode = rng.random()
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2 == 0:
            doc.t(vary(part, mode))
            continue
        if part.startswith("name"):
            text, lg, _ = name_of(rng, part[5:] or lang)
            doc.v(text, "name", form + "_" + lg)
        elif part == "phone":
            doc.v(mobile(rng), "phone", form)
        elif part == "email":
            doc.v(email_for(rng, name_of(rng, "py")[2]), "email", form)
        elif part == "id":
            doc.v(cn_id(rng), "cn_id", form)
        elif part == "addr_zh":
            text, f = addr_zh(rng)
            doc.v(text, "address", form + "_" + f)
        elif part == "addr":
            text, f = addr_intl(rng)
            doc.v(text, "address", form + "_" + f)
        elif part == "dx_zh":
            doc.v(rng.choice(DX_ZH), "health", form)
        elif part == "dx_en":
            doc.v(rng.choice(DX_EN), "health", form)
        else:
            raise ValueError(part)


# ---- 1. leaked-dump records ---------------------------------------------------

DELIMS = ["pipe", "dashes", "tab", "comma", "semicolon", "spaces"]


def delim_text(rng, d):
    return {"pipe": rng.choice(["|", " | ", "|"]), "dashes": "----", "tab": "\t", "comma": rng.choice([",", ", "]),
            "semicolon": rng.choice([";", "; "]), "spaces": " " * rng.randrange(2, 9)}[d]


def dump_file(rng, name, delim, rows):
    doc = Doc(name)
    layouts = [["name", "phone"], ["phone", "name"], ["name", "id", "phone"], ["id", "name"], ["name", "phone", "addr"],
               ["email", "name", "phone"], ["name", "email"], ["phone", "name", "id", "addr"], ["name", "gender", "id", "phone", "date"],
               ["no", "name", "phone", "city"], ["qq", "name", "phone"], ["name", "id", "addr", "phone", "date"],
               ["phone", "pass", "name", "email"], ["name", "phone", "amount"]]
    lang_w = [(45, "zh"), (30, "py"), (25, "en")]
    lay = rng.sample(layouts, 4)  # one file: a few layouts, as a dump merged from sources
    for i in range(rows):
        cells = rng.choice(lay)
        nm, lang, local = name_of(rng, V.pick(rng, lang_w))
        d = delim_text(rng, delim) if rng.random() < 0.85 else None
        q = '"' if delim == "comma" and rng.random() < 0.3 else ""
        if lang == "zh" and rng.random() < 0.1:  # "张 伟", as some sources write it
            n = 2 if nm[:2] in ZH_SURNAMES else 1
            nm = nm[:n] + " " + nm[n:]
        for j, c in enumerate(cells):
            if j:
                doc.t(q + (d or delim_text(rng, delim)))
            doc.t(q)
            if c == "name":
                doc.v(nm, "name", "dump_%s_%s" % (delim, lang))
            elif c == "phone":
                doc.v(mobile(rng), "phone", "dump_" + delim)
            elif c == "id":
                doc.v(cn_id(rng), "cn_id", "dump_" + delim)
            elif c == "email":
                doc.v(email_for(rng, local), "email", "dump_" + delim)
            elif c == "addr":
                if lang != "zh" and delim not in ("comma",) and rng.random() < 0.5:
                    text, f = addr_intl(rng, rng.choice(["us", "uk", "ca"]))
                else:
                    text, f = addr_zh(rng)
                doc.v(text, "address", "dump_%s_%s" % (delim, f))
            elif c == "gender":
                doc.t(rng.choice(["男", "女", "M", "F"]))
            elif c == "date":
                doc.n(V.iso_date(rng).text, "iso_date", "dump")
            elif c == "no":
                doc.t(str(i + 1))
            elif c == "qq":
                doc.t(str(rng.randrange(10000, 3999999999)))
            elif c == "pass":
                doc.n("".join(rng.choice("0123456789abcdef") for _ in range(32)), "hash", "dump_md5")
            elif c == "city":
                doc.t(rng.choice(["北京", "上海", "广州", "深圳", "成都", "Wuhan", "London"]))
            elif c == "amount":
                doc.t("%d.%02d" % (rng.randrange(1, 5000), rng.randrange(100)))
        doc.t(q)
        if rng.random() < 0.1:
            doc.t(delim_text(rng, delim).rstrip() or "|")
        doc.t(rng.choice(["\n", "\n", "\r\n"]) if rng.random() < 0.9 else "\n")
    return doc


# ---- 2. names in prose without a cue word -----------------------------------------

PROSE_ZH = [
    ("greeting_zh", "{name_zh}您好，您的快递已到驿站。"), ("greeting_zh", "{name_zh}，你好！周五的会改到三点。"),
    ("greeting_zh", "亲爱的{name_zh}：\n  感谢您一直以来的支持。"), ("greeting_zh", "{name_zh}老师好，作业已经交了。"),
    ("signoff_zh", "此致\n敬礼\n{name_zh}\n"), ("signoff_zh", "祝好，{name_zh}"), ("signoff_zh", "——{name_zh} 敬上"),
    ("selfintro_zh", "我是{name_zh}，上次跟您联系过。"), ("selfintro_zh", "您好，我叫{name_zh}，想咨询一下退款。"),
    ("selfintro_zh", "本人{name_zh}，现申请调岗。"), ("selfintro_zh", "我是{name_zh}的家属。"),
    ("role_zh", "被告人{name_zh}于2019年3月起多次实施盗窃。"), ("role_zh", "用户{name_zh}反馈订单未到。"),
    ("role_zh", "收件人：{name_zh} {phone}"), ("role_zh", "持卡人{name_zh}已挂失该卡。"), ("role_zh", "原告{name_zh}诉称"),
    ("role_zh", "患者{name_zh}，入院第三天。"), ("role_zh", "客户{name_zh}要求开具发票。"), ("role_zh", "证人{name_zh}出庭作证。"),
    ("legal_zh", "公诉机关指控{name_zh}犯诈骗罪。"), ("legal_zh", "法院以受贿罪判处{name_zh}有期徒刑五年。"),
    ("legal_zh", "{name_zh}将上述信息出售给{name_zh}，获利三千元。"), ("legal_zh", "经查，{name_zh}伙同{name_zh}非法获取公民个人信息。"),
    ("list_zh", "参会人员：{name_zh}、{name_zh}、{name_zh}。"), ("list_zh", "{name_zh}、{name_zh}和{name_zh}负责本次活动。"),
    ("list_zh", "感谢{name_zh}与{name_zh}的帮助。"), ("news_zh", "记者{name_zh}报道"), ("news_zh", "（通讯员 {name_zh}）"),
    ("chat_zh", "@{name_zh} 这个单子你跟一下"), ("chat_zh", "[{name_zh}] 收到，马上处理"),
    ("greeting_zh", "Hi {name_zh}，合同我放群里了"), ("greeting_zh", "早上好{name_zh}，今天的报表发你邮箱了"),
    ("signoff_zh", "谢谢！\n{name_zh}\n2024年5月"), ("selfintro_zh", "我这边是{name_zh}，工号在系统里能查到"),
    ("role_zh", "经办人：{name_zh}"), ("role_zh", "被申请人{name_zh}未到庭"), ("role_zh", "业主{name_zh}投诉楼上漏水"),
    ("role_zh", "收款人 {name_zh}"), ("role_zh", "买家{name_zh}已确认收货"), ("legal_zh", "{name_zh}因涉嫌诈骗被刑事拘留"),
    ("legal_zh", "被害人{name_zh}报警称"), ("legal_zh", "{name_zh}以每条0.5元的价格将数据卖给{name_zh}"),
    ("list_zh", "{name_zh}、{name_zh}等三人被判处有期徒刑"), ("news_zh", "（本报记者 {name_zh} 实习生 {name_zh}）"),
    ("chat_zh", "{name_zh}：今晚加班吗？\n{name_zh}：不了"),
]
PROSE_EN = [
    ("greeting_en", "Hi {name},\nthanks for the quick reply."), ("greeting_en", "Dear {name},\n\nPlease find attached the invoice."),
    ("greeting_en", "Hello {name}! Are we still on for Tuesday?"), ("greeting_en", "Hey {name} - can you review my PR?"),
    ("greeting_en", "Good morning {name},"), ("signoff_en", "Regards,\n{name}\n"), ("signoff_en", "Best,\n{name}"),
    ("signoff_en", "Kind regards, {name}"), ("signoff_en", "Thanks!\n-- {name}"), ("signoff_en", "Cheers, {name}"),
    ("signoff_en", "Sincerely yours,\n\n{name}\nAccount Manager"),
    ("selfintro_en", "This is {name} from accounts, returning your call."), ("selfintro_en", "My name is {name} and I lost my card."),
    ("selfintro_en", "I'm {name}, the new contractor."), ("selfintro_en", "{name} here - the server is down again."),
    ("role_en", "The defendant, {name}, pleaded not guilty."), ("role_en", "Customer {name} asked for a refund."),
    ("role_en", "The patient {name} was admitted on Monday."), ("role_en", "Account holder {name} reported the card stolen."),
    ("role_en", "Plaintiff {name} seeks damages."), ("role_en", "the claimant ({name}) did not attend"),
    ("legal_en", "{name} was sentenced to four years."), ("legal_en", "The data was sold to {name} for $400."),
    ("legal_en", "Prosecutors charged {name} with fraud."), ("legal_en", "{name}, 34, was arrested on Friday."),
    ("legal_en", "Police said {name} had been released on bail."),
    ("list_en", "Present: {name}, {name} and {name}."), ("list_en", "Thanks to {name} and {name} for the review."),
    ("list_en", "{name}, {name}, and {name} signed the letter."),
    ("chat_en", "@{name} can you take this ticket?"), ("chat_en", "<{name}> lgtm, merging"),
    ("greeting_en", "Hiya {name} :)"), ("greeting_en", "{name},\n\nFollowing up on our call."), ("signoff_en", "Best wishes\n{name}"),
    ("signoff_en", "Many thanks,\n{name} | Customer Success"), ("signoff_en", "Warm regards -- {name}"),
    ("selfintro_en", "Hello, it's {name} again about ticket 4411."), ("selfintro_en", "You're speaking with {name}."),
    ("role_en", "Beneficiary: {name}"), ("role_en", "the cardholder, {name}, disputed the charge"), ("role_en", "Tenant {name} has moved out."),
    ("role_en", "The recipient ({name}) signed for the parcel."), ("role_en", "Witness {name} told the court she saw the car."),
    ("legal_en", "A jury convicted {name} of wire fraud."), ("legal_en", "{name} admitted selling the records to {name}."),
    ("legal_en", "The judge fined {name} $5,000."), ("list_en", "Attendees: {name}; {name}; {name}"),
    ("list_en", "Cc'd {name} & {name}"), ("chat_en", "[10:42] {name}: pushed the fix"),
]


def prose_file(rng, name, lang, count):
    doc = Doc(name)
    tpls = PROSE_ZH if lang == "zh" else PROSE_EN
    for _ in range(count):
        form, t = rng.choice(tpls)
        fill(rng, doc, t, form, "zh" if lang == "zh" else rng.choice(["en", "py", "mix"]))
        if rng.random() < 0.25:
            doc.t("\n" if t.endswith(("}", "\n")) else rng.choice([" ", "  ", "\n"]))
            neg_sentence(rng, doc, lang)
        doc.t(rng.choice(["\n", "\n\n"]))
    return doc


def mail_file(rng, name, count):
    doc = Doc(name)
    for _ in range(count):
        for hdr in rng.sample(["From", "To", "Cc", "Reply-To"], rng.randrange(2, 5)):
            doc.t(hdr + ":" + rng.choice([" ", " ", "\t"]))
            for k in range(rng.choice([1, 1, 2, 3]) if hdr in ("To", "Cc") else 1):
                if k:
                    doc.t(rng.choice([", ", ",\n  "]))
                nm, lang, local = name_of(rng, "mix")
                style = rng.random()
                if lang != "zh" and style < 0.2:
                    parts = nm.split(" ", 1)
                    doc.t('"')
                    doc.v("%s, %s" % (parts[1], parts[0]), "name", "mail_display_quoted_comma")
                    doc.t('" <')
                elif style < 0.45:
                    doc.t('"')
                    doc.v(nm, "name", "mail_display_quoted_" + lang)
                    doc.t('" <')
                else:
                    doc.v(nm, "name", "mail_display_" + lang)
                    doc.t(" <")
                doc.v(email_for(rng, local), "email", "mail_header")
                doc.t(">")
            doc.t("\n")
        doc.t("Subject: %s\n" % rng.choice(["Re: invoice", "Meeting notes", "周报", "Fwd: contract draft", "回复：发货"]))
        doc.t("Message-ID: <")
        doc.n(message_id(rng), "message_id", "header")
        doc.t(">\n")
        if rng.random() < 0.5:
            doc.t("In-Reply-To: <")
            doc.n(message_id(rng), "message_id", "in_reply_to")
            doc.t(">\n")
        doc.t("\n")
        fill(rng, doc, rng.choice([t for f, t in PROSE_EN if f.startswith(("greeting", "signoff"))]), "mail_body",
             rng.choice(["en", "py"]))
        doc.t("\n\n")
    return doc


def git_file(rng, name, count):
    doc = Doc(name)
    for _ in range(count):
        doc.t("commit %s\n" % "".join(rng.choice("0123456789abcdef") for _ in range(40)))
        nm, lang, local = name_of(rng, V.pick(rng, [(50, "py"), (35, "en"), (15, "zh")]))
        doc.t("Author: ")
        doc.v(nm, "name", "git_author_" + lang)
        doc.t(" <")
        doc.v(email_for(rng, local), "email", "git")
        doc.t(">\nDate:   Mon Mar %d 10:%02d:17 2025 +0800\n\n    %s\n\n" % (
            rng.randrange(1, 29), rng.randrange(60), rng.choice(["fix: handle empty input", "docs: update README",
                                                                 "build: bump version", "refactor parser"])))
        if rng.random() < 0.4:
            doc.t("    Bump to version ")
            doc.n(version4(rng), "version4", "commit_msg")
            doc.t("\n\n")
        for tag in rng.sample(["Signed-off-by", "Reviewed-by", "Co-authored-by", "Acked-by", "Reported-by"], rng.randrange(1, 3)):
            nm, lang, local = name_of(rng, V.pick(rng, [(50, "py"), (40, "en"), (10, "zh")]))
            doc.t("    %s: " % tag)
            doc.v(nm, "name", "git_trailer_" + lang)
            doc.t(" <")
            doc.v(email_for(rng, local), "email", "git")
            doc.t(">\n")
        doc.t("\n")
    return doc


def copyright_line(rng, doc, comment):
    nm, lang, local = name_of(rng, V.pick(rng, [(45, "en"), (40, "py"), (15, "zh")]))
    years = rng.choice(["2019", "2020-2024", "2018, 2021", "2023"])
    doc.t(comment + rng.choice(["Copyright (c) %s " % years, "Copyright %s " % years, "(C) %s " % years, "© %s " % years,
                                "版权所有 %s " % years]))
    doc.v(nm, "name", "copyright_" + lang)
    if rng.random() < 0.5:
        doc.t(" <")
        doc.v(email_for(rng, local), "email", "copyright")
        doc.t(">")
    doc.t("\n")


# ---- 3. fields named by meaning -----------------------------------------------

NAME_KEYS = ["receiver_name", "sender_name", "name_cn", "name_en", "from_name", "to_name", "contact", "contact_person",
             "holder", "card_holder", "account_holder", "receiver", "recipient", "owner", "owner_name",
             "emergency_contact", "consignee", "customerName", "realName", "姓名", "联系人", "收件人", "持卡人",
             "户主", "收货人", "紧急联系人", "真实姓名"]
PHONE_KEYS = ["contact_phone", "receiver_mobile", "mobile_no", "owner_tel", "phone_number", "contact_tel",
              "联系电话", "收件人电话", "手机号码"]
ID_KEYS = ["id_no", "id_number", "holder_id", "certNo", "证件号码", "身份证"]
ADDR_KEYS = ["receiver_address", "ship_to", "home_addr", "收货地址", "户籍地址", "住址"]


def field_record(rng):
    """[(key, text, cats, form-suffix) or (key, text, None, kind)] for one record."""
    nm, lang, local = name_of(rng, "mix")
    rec = [("id", str(rng.randrange(1, 99999)), None, None),
           (rng.choice(NAME_KEYS), nm, ["name", "field"], "name_" + lang)]
    if rng.random() < 0.8:
        rec.append((rng.choice(PHONE_KEYS), mobile(rng), ["phone", "field"], "phone"))
    if rng.random() < 0.4:
        rec.append((rng.choice(ID_KEYS), cn_id(rng), ["cn_id", "field"], "id"))
    if rng.random() < 0.4:
        text, f = addr_zh(rng) if lang == "zh" or rng.random() < 0.5 else addr_intl(rng, rng.choice(["us", "uk", "de", "nl"]))
        rec.append((rng.choice(ADDR_KEYS), text.replace("\n", " "), ["address", "field"], "addr_" + f))
    if rng.random() < 0.5:
        k, opts = rng.choice(NAMED_THINGS)
        rec.append((k, rng.choice(opts), "named_thing", k))
    if rng.random() < 0.3:
        rec.append(("message_id", "<%s>" % message_id(rng), "message_id", "key"))
    if rng.random() < 0.3:
        rec.append((rng.choice(["version", "app_ver", "build"]), version4(rng), "version4", "key"))
    rng.shuffle(rec)
    return rec


def put_field(doc, fmt, key, text, cats, form, q=""):
    doc.t(q)
    if cats is None:
        doc.t(text)
    elif isinstance(cats, str):
        doc.n(text, cats, fmt + "_" + form)
    else:
        doc.v(text, cats, fmt + "_" + form)
    doc.t(q)


def fields_file(rng, name, fmt, count):
    doc = Doc(name)
    for i in range(count):
        rec = field_record(rng)
        if fmt == "json":
            doc.t("{")
            for j, (k, text, cats, form) in enumerate(rec):
                doc.t((", " if j else "") + '"%s":%s' % (k, sp(rng)))
                put_field(doc, fmt, k, text, cats, form, '"')
            doc.t("}\n")
        elif fmt == "kv":
            doc.t("2025-0%d-1%d INFO order.sync " % (rng.randrange(1, 9), rng.randrange(10)))
            for k, text, cats, form in rec:
                q = '"' if " " in text else ""
                doc.t("%s=" % k)
                put_field(doc, fmt, k, text, cats, form, q)
                doc.t(" ")
            doc.t("\n")
        elif fmt == "colon":
            for k, text, cats, form in rec:
                doc.t("%s:%s" % (k, rng.choice([" ", " ", "\t", "  "])))
                put_field(doc, fmt, k, text, cats, form)
                doc.t("\n")
            doc.t("\n")
        elif fmt == "ini":
            doc.t("[%s%d]\n" % (rng.choice(["customer", "account", "shipment", "owner"]), i))
            for k, text, cats, form in rec:
                doc.t("%s%s=%s" % (k, sp(rng), sp(rng)))
                put_field(doc, fmt, k, text, cats, form)
                doc.t("\n")
            doc.t("\n")
        else:  # yaml list
            for j, (k, text, cats, form) in enumerate(rec):
                doc.t(("- " if j == 0 else "  ") + "%s: " % k)
                q = rng.choice(["", "", '"', "'"])
                put_field(doc, fmt, k, text, cats, form, q)
                doc.t("\n")
    return doc


def sql_file(rng, name, count, copy):
    doc = Doc(name)
    cols = [("id", None)] + [(rng.choice(["name", "full_name", "receiver", "holder_name", "contact", "姓名"]), "name"),
                             (rng.choice(["mobile", "phone", "tel", "contact_phone"]), "phone"),
                             (rng.choice(["id_no", "id_card", "cert_no"]), "cn_id"),
                             (rng.choice(["addr", "address", "ship_to"]), "address"), ("created_at", "date")]
    rng.shuffle(cols)
    table = rng.choice(["public.customer", "t_user", "orders", "member_info"])
    names = ", ".join(c for c, _ in cols)
    form = "sql_copy" if copy else "sql_insert"
    if copy:
        doc.t("--\n-- Data for Name: %s; Type: TABLE DATA\n--\n\nCOPY %s (%s) FROM stdin;\n" % (table, table, names))
    rows_left = count
    while rows_left > 0:
        batch = min(rows_left, rng.randrange(1, 6)) if not copy else rows_left
        rows_left -= batch
        if not copy:
            doc.t("INSERT INTO %s (%s) VALUES%s" % (table, names, rng.choice([" ", "\n  "])))
        for b in range(batch):
            if not copy:
                doc.t(("," + rng.choice([" ", "\n  "]) if b else "") + "(")
            for j, (c, kind) in enumerate(cols):
                if j:
                    doc.t("\t" if copy else ", ")
                q = "" if copy else "'"
                if kind is None:
                    doc.t(str(rng.randrange(1, 100000)))
                    continue
                doc.t(q)
                if kind == "name":
                    nm, lang, _ = name_of(rng, "mix")
                    doc.v(nm, ["name", "field"], form + "_name_" + lang)
                elif kind == "phone":
                    doc.v(mobile(rng), ["phone", "field"], form + "_phone")
                elif kind == "cn_id":
                    doc.v(cn_id(rng), ["cn_id", "field"], form + "_id")
                elif kind == "address":
                    text, f = addr_zh(rng)
                    doc.v(text, ["address", "field"], form + "_addr_" + f)
                else:
                    doc.n(V.iso_date(rng).text, "iso_date", form)
                doc.t(q)
            doc.t("\n" if copy else ")")
        if not copy:
            doc.t(";\n")
    if copy:
        doc.t("\\.\n\n")
    return doc


# ---- 4. addresses without a cue ---------------------------------------------------

ADDR_ZH_TPL = ["寄到{addr_zh}就行，谢谢", "{addr_zh}，到了打我电话", "快递放{addr_zh}门口", "明天去{addr_zh}找你",
               "我搬到{addr_zh}了", "发货：{addr_zh} {name_zh} {phone}", "{name_zh} {phone} {addr_zh}",
               "麻烦改成{addr_zh}", "老家在{addr_zh}", "今天在{addr_zh}附近吃饭"]
ADDR_EN_TPL = ["Please ship it to {addr}.", "We moved to {addr} last month.", "{name}\n{addr}\n", "Send the keys to {addr} please",
               "Deliver to: {name}, {addr}", "I'm at {addr} until Friday.", "Return the form to {addr}."]


def address_file(rng, name, lang, count):
    doc = Doc(name)
    for _ in range(count):
        if lang == "zh":
            fill(rng, doc, rng.choice(ADDR_ZH_TPL), "addr_chat", "zh")
        elif rng.random() < 0.2:
            nm, lg, _ = name_of(rng, "en")
            doc.v(nm, "name", "letterhead_en")
            doc.t("\n")
            text, f = addr_intl(rng, multiline=True)
            doc.v(text, "address", "letterhead_" + f)
            doc.t("\n")
        else:
            fill(rng, doc, rng.choice(ADDR_EN_TPL), "addr_mail", rng.choice(["en", "py"]))
        if rng.random() < 0.2:
            doc.t("\n")
            neg_sentence(rng, doc, lang)
        doc.t("\n")
    return doc


# ---- 5. health -------------------------------------------------------------

def medical_file(rng, name, lang, count):
    doc = Doc(name)
    for _ in range(count):
        if lang == "zh":
            r = rng.random()
            if r < 0.4:
                doc.t(rng.choice(["诊断：", "出院诊断：", "入院诊断:", "初步诊断：\n", "临床诊断："]))
                for k in range(rng.randrange(1, 5)):
                    doc.t(rng.choice(["%d. " % (k + 1), "%d、" % (k + 1), "%d." % (k + 1), "（%d）" % (k + 1)]))
                    doc.v(rng.choice(DX_ZH), "health", "dx_list_zh")
                    doc.t(rng.choice(["\n", " ", "；"]))
            elif r < 0.55:
                doc.t("结论：")
                doc.v(rng.choice(DX_ZH), "health", "conclusion_zh")
                doc.t(rng.choice(["，建议复查。", "。", "，门诊随访。"]))
            elif r < 0.75:
                doc.t(rng.choice(["既往史：", "既往史:"]))
                doc.t(rng.choice(["有", "患", ""]))
                doc.v(rng.choice(DX_ZH), "health", "history_zh")
                doc.t(rng.choice(["病史%d年" % rng.randrange(1, 30), "多年", "史"]))
                if rng.random() < 0.5:
                    doc.t("、")
                    doc.v(rng.choice(DX_ZH), "health", "history_zh")
                doc.t("。")
            else:
                fill(rng, doc, rng.choice(["我妈查出{dx_zh}了，心里很难受", "{name_zh}去年确诊{dx_zh}", "最近{dx_zh}又复发了",
                                           "他得了{dx_zh}，请假一个月", "体检报告出来了：{dx_zh}，医生让住院"]), "patient_chat_zh", "zh")
        else:
            r = rng.random()
            if r < 0.35:
                doc.t(rng.choice(["Diagnosis:", "Diagnoses:", "Discharge diagnosis:", "Assessment:"]) + rng.choice([" ", "\n"]))
                for k in range(rng.randrange(1, 5)):
                    doc.t(rng.choice(["%d. " % (k + 1), "- ", "%d) " % (k + 1)]))
                    doc.v(rng.choice(DX_EN), "health", "dx_list_en")
                    doc.t("\n")
            elif r < 0.6:
                fill(rng, doc, rng.choice(["{num}-year-old with a history of {dx_en}.", "PMH: history of {dx_en} and {dx_en}.",
                                           "Past history of {dx_en}, on treatment."]).replace("{num}", str(rng.randrange(18, 90))),
                     "history_of_en", "en")
            elif r < 0.85:
                fill(rng, doc, rng.choice(["She was diagnosed with {dx_en} in 2019.", "Diagnosed with {dx_en} last year.",
                                           "{name} was diagnosed with {dx_en}.", "He has been living with {dx_en} since college."]),
                     "diagnosed_with_en", rng.choice(["en", "py"]))
            else:
                fill(rng, doc, rng.choice(["Known {dx_en}; no change.", "Impression: {dx_en}", "Problem list: {dx_en}; {dx_en}"]),
                     "problem_en", "en")
        doc.t("\n")
        if rng.random() < 0.2:
            neg_sentence(rng, doc, lang)
            doc.t("\n")
    return doc


# ---- 6. hard negatives --------------------------------------------------------

def neg_sentence(rng, doc, lang):
    """One sentence around one hard negative."""
    r = rng.randrange(8)
    if r == 0:
        pre, val, post, form = decimal_pair(rng)
        doc.t(pre)
        doc.n(val, "decimal_pair", form)
        doc.t(post + ("。" if lang == "zh" else "."))
    elif r == 1:
        doc.t(rng.choice(["version ", "ver ", "v", "Version: ", "版本 ", "固件版本v"]))
        doc.n(version4(rng), "version4", "after_word")
    elif r == 2:
        doc.t(rng.choice(["docker pull registry.example.com/", "image: ", "FROM "]) + rng.choice(["app", "nginx-proxy", "redact/cli"]) + ":")
        doc.n(version4(rng), "version4", "image_tag")
    elif r == 3 and lang == "zh":
        w = rng.choice(SURNAME_WORDS)
        tpl = rng.choice(["今天很{}，", "{}的事情明天再说。", "我们{}见面。", "{}问题已经解决。", "请{}处理。", "用户说{}不错。"])
        pre, post = tpl.split("{}")
        doc.t(pre)
        doc.n(w, "surname_word", "zh")
        doc.t(post)
    elif r in (3, 4):
        kind_form, opts = rng.choice([("greeting_team", TEAMS), ("month", MONTHS), ("place", PLACES), ("product", PRODUCTS),
                                      ("company", COMPANIES)])
        tpl = {"greeting_team": ["Hi {},", "Dear {},", "Regards, {}", "Thanks, {}!"],
               "month": ["See you in {}.", "Dear {} newsletter readers,", "Sold to buyers in {}."],
               "place": ["Hello from {}!", "Shipped to {} on Monday.", "Best wishes from {}"],
               "product": ["The {} is back in stock.", "Customer bought a {}.", "Sold to {} owners only."],
               "company": ["This is {} calling about your order.", "Regards,\n{}", "{} was fined last year."]}[kind_form]
        pre, post = rng.choice(tpl).split("{}")
        doc.t(pre)
        doc.n(rng.choice(opts), "capitalised_non_name", kind_form)
        doc.t(post)
    elif r == 5:
        form, tpl, word = rng.choice([d for d in DISEASE_NEG if d[0].endswith(lang if lang == "zh" else "en")])
        pre, post = tpl.split("{}")
        doc.t(pre)
        doc.n(word, "disease_word", form)
        doc.t(post)
    elif r == 6:
        doc.t(rng.choice(["Message-ID: <", "message_id=<", "References: <"]))
        doc.n(message_id(rng), "message_id", "inline")
        doc.t(">")
    else:
        w = rng.choice(SURNAME_WORDS) if lang == "zh" else rng.choice(MONTHS)
        doc.t("（")
        doc.n(w, "surname_word" if lang == "zh" else "capitalised_non_name", "zh_paren" if lang == "zh" else "month_paren")
        doc.t("）")


def notice_file(rng, name, count):
    """Third-party notices: copyright lines of people and of companies."""
    doc = Doc(name)
    for _ in range(count):
        if rng.random() < 0.25:
            doc.t(rng.choice(["Copyright (c) %d " % rng.randrange(1998, 2025), "Copyright %d-%d " % (2010, rng.randrange(2015, 2025)),
                              "(C) %d " % rng.randrange(2000, 2025)]))
            doc.n(rng.choice(COMPANIES), "capitalised_non_name", "company_copyright")
            doc.t(rng.choice([". All rights reserved.\n", "\n", " and contributors\n"]))
        else:
            copyright_line(rng, doc, rng.choice(["", "", "# ", "// ", " * ", ";; "]))
        if rng.random() < 0.2:
            doc.t(rng.choice(["Licensed under the MIT License.\n", "SPDX-License-Identifier: Apache-2.0\n", "\n"]))
    return doc


def code_file(rng, name, lang, count):
    doc = Doc(name)
    comment = "# " if lang == "py" else " * "
    if lang == "c":
        doc.t("/*\n")
    copyright_line(rng, doc, comment)
    doc.t(" */\n\n#include <stdio.h>\n\n" if lang == "c" else '"""Module docstring."""\n\n')
    lines = [t for l, t in CODE_LINES if l == lang]
    for i in range(count):
        ind = " " * rng.choice([4, 8, 8, 12])
        if lang == "py" and rng.random() < 0.15:
            doc.t('%s"""\n%sArgs:\n%s    ' % (ind, ind, ind))
            doc.n("address: A string or integer, the IP network.", "source_code", "py_docstring")
            doc.t('\n%s"""\n' % ind)
            continue
        if rng.random() < 0.1:
            doc.t(ind + ("VERSION = \"" if lang == "py" else "#define VERSION \""))
            doc.n(version4(rng), "version4", "code_const")
            doc.t('"\n')
            continue
        line = rng.choice(lines)
        if lang == "py" and line.startswith("name:"):
            line = "name: The name of the logger to return."
        doc.t(ind)
        doc.n(line, "source_code", lang)
        doc.t("\n")
    return doc


def misc_neg_file(rng, name, lang, count):
    doc = Doc(name)
    for _ in range(count):
        neg_sentence(rng, doc, lang)
        doc.t(rng.choice(["\n", " ", "\n"]))
    return doc


# ---- the corpus --------------------------------------------------------------

def build(rng):
    docs = []
    ext = {"pipe": "txt", "dashes": "txt", "tab": "tsv", "comma": "csv", "semicolon": "csv", "spaces": "txt"}
    for d in DELIMS:
        for i in range(2):
            docs.append(dump_file(rng, "dumps/%s_%d.%s" % (d, i, ext[d]), d, 120))
    for i in range(3):
        docs.append(prose_file(rng, "prose/names_zh_%d.txt" % i, "zh", 120))
        docs.append(prose_file(rng, "prose/names_en_%d.txt" % i, "en", 120))
    for i in range(2):
        docs.append(mail_file(rng, "mail/headers_%d.eml" % i, 40))
        docs.append(git_file(rng, "git/log_%d.txt" % i, 50))
    for fmt, e in (("json", "jsonl"), ("kv", "log"), ("colon", "txt"), ("ini", "ini"), ("yaml", "yaml")):
        for i in range(2):
            docs.append(fields_file(rng, "fields/records_%s_%d.%s" % (fmt, i, e), fmt, 80))
    for i in range(2):
        docs.append(sql_file(rng, "fields/insert_%d.sql" % i, 80, False))
        docs.append(sql_file(rng, "fields/pg_dump_%d.sql" % i, 80, True))
    for i in range(2):
        docs.append(address_file(rng, "addresses/chat_zh_%d.txt" % i, "zh", 100))
        docs.append(address_file(rng, "addresses/mail_en_%d.txt" % i, "en", 100))
        docs.append(medical_file(rng, "medical/records_zh_%d.txt" % i, "zh", 100))
        docs.append(medical_file(rng, "medical/records_en_%d.txt" % i, "en", 100))
    for i in range(2):
        docs.append(code_file(rng, "src/module_%d.py" % i, "py", 120))
        docs.append(code_file(rng, "src/module_%d.c" % i, "c", 120))
        docs.append(misc_neg_file(rng, "misc/notes_zh_%d.txt" % i, "zh", 150))
        docs.append(misc_neg_file(rng, "misc/notes_en_%d.txt" % i, "en", 150))
        docs.append(notice_file(rng, "misc/NOTICE_%d.txt" % i, 60))
    return docs


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", choices=sorted(SEEDS), default="tune",
                    help="tune (TUNE_SEED, to look at while tuning) or report (REPORT_SEED, for the figures)")
    args = ap.parse_args(argv[1:])
    os.makedirs(args.outdir, exist_ok=True)
    first_corpus.write_corpus(args.outdir, build(random.Random(SEEDS[args.seed])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

/*
 * name_gazetteer.c — the checks of name_gazetteer.h: a candidate's words
 * looked up in the generated lists (name_gazetteer_data.h, sources and
 * licences named there) and in the short hand-written lists below of words
 * that look like names in a name's place but are not (places, months,
 * company words; Chinese words that start with a family name).
 *
 * Invariant: the answer depends on the candidate's bytes alone (it is a
 * validator: every read of the same bytes must decide the same).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "name_gazetteer.h"
#include "name_gazetteer_data.h"
#include "surnames.h"

#define COUNT(t) (sizeof t / sizeof t[0])
#define WORD_MAX 24

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Whether w[0..len) (letters, any case) is in the sorted list t. */
static bool in_list(const char *const *t, size_t n, const char *w, size_t len)
{
	char low[WORD_MAX + 1];
	if (len < 1 || len > WORD_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = w[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c | 0x20);
		if (c < 'a' || c > 'z')
			return false;
		low[i] = c;
	}
	low[len] = '\0';
	return bsearch(low, t, n, sizeof t[0], cmp_word) != NULL;
}

/* Capitalised words that stand where a name would but name a place, a
 * time, a thing or product (Mac Mini), a group or a line of business
 * (Margie Travel, Fabrikam Foods): never part of a person's name here. */
static const char *const not_name_words[] = {
	"a", "about", "academy", "accounting", "advertising", "advisors", "after", "ag",
	"agency", "air", "airlines", "airport", "airways", "all", "alley", "an", "analytics",
	"and", "apparel", "april", "arts", "as", "associates", "association", "at", "august",
	"auto", "automotive", "avenue", "bakery", "bancorp", "bank", "bay", "beach", "before",
	"beverages", "biotech", "bistro", "board", "books", "boutique", "brewery", "brewing",
	"bridge", "buds", "builders", "building", "but", "by", "cafe", "campus", "canyon",
	"capital", "cars", "castle", "catering", "cathedral", "center", "centre", "chemicals",
	"childcare", "church", "cinema", "city", "cleaning", "clinic", "club", "co", "college",
	"committee", "communications", "company", "computers", "construction", "consultants",
	"consulting", "corp", "corporation", "council", "county", "court", "crafts", "credit",
	"creek", "customer", "customers", "dairy", "data", "day", "dear", "december", "dental",
	"department", "depot", "design", "designs", "desk", "devices", "digital", "diner",
	"distribution", "district", "drinks", "drive", "east", "edition", "education",
	"electric", "electronics", "energy", "engineering", "enterprises", "entertainment",
	"equipment", "estate", "everyone", "exports", "express", "factory", "farms", "fashion",
	"february", "films", "finance", "financial", "fitness", "florist", "foods", "for",
	"forest", "fort", "foundation", "freight", "friday", "friends", "from", "fund", "funds",
	"furniture", "galaxy", "gallery", "garden", "gardens", "garments", "genetics", "gifts",
	"global", "gmbh", "grocery", "group", "harbor", "harbour", "hardware", "health",
	"healthcare", "heights", "hello", "hey", "hi", "highway", "hill", "hills", "holdings",
	"hospital", "hotel", "house", "housing", "if", "imports", "in", "inc", "industries",
	"inn", "institute", "instruments", "insurance", "interiors", "international",
	"internet", "into", "investments", "island", "islands", "january", "jewellery",
	"jewelry", "july", "june", "lab", "labs", "lake", "lane", "laptop", "laundry", "league",
	"learning", "legal", "lending", "library", "limited", "lite", "llc", "logistics",
	"lounge", "ltd", "machinery", "magazine", "mall", "manager", "manufacturing", "march",
	"market", "marketing", "markets", "meats", "media", "medical", "mini", "mining",
	"model", "monday", "mortgage", "motel", "motors", "mount", "mountain", "mountains",
	"mr", "mrs", "ms", "museum", "my", "national", "networks", "new", "news", "north",
	"note", "november", "nutrition", "ocean", "october", "of", "office", "oil", "on",
	"online", "operations", "or", "organics", "our", "outlet", "outlets", "packaging",
	"pad", "palace", "paper", "park", "partners", "per", "pharma", "pharmaceuticals",
	"pharmacy", "phone", "photography", "pictures", "pixel", "pizza", "place", "plastics",
	"plaza", "plc", "plus", "point", "port", "press", "printing", "pro", "project",
	"properties", "pub", "publishing", "radio", "railway", "ranch", "realty", "records",
	"recruiting", "rentals", "research", "reserve", "resort", "restaurant", "river", "road",
	"robotics", "room", "salon", "saturday", "school", "sea", "seafood", "security",
	"september", "series", "service", "services", "shipping", "shop", "shops", "sir", "so",
	"software", "solutions", "south", "spa", "sports", "springs", "square", "stadium",
	"staffing", "state", "station", "store", "stores", "street", "studio", "studios",
	"suite", "sunday", "supplies", "supply", "support", "systems", "tablet", "team", "tech",
	"technologies", "telecom", "textiles", "the", "theater", "theatre", "therapeutics",
	"this", "thursday", "to", "tools", "tours", "tower", "town", "toys", "traders",
	"trading", "transport", "travel", "trust", "tuesday", "ultra", "union", "university",
	"valley", "ventures", "via", "village", "warehouse", "watch", "we", "wednesday",
	"wellness", "west", "wireless", "with", "workshop", "worldwide", "yoga", "your",
};

static bool is_not_name_word(const char *w, size_t len)
{
	return in_list(not_name_words, COUNT(not_name_words), w, len);
}

/* Lines of business that are family names too (Tom Coffee, Jo Mills):
 * after a given name the list lacks (Fourth Coffee, Tyrell Works) they
 * name a company. */
static const char *const business_surnames[] = {
	"cloud", "coffee", "dance", "flowers", "games", "grill", "homes", "kitchen", "kitchens",
	"mills", "music", "power", "steel", "wines", "works",
};

bool redact_name_is_first_en(const char *w, size_t len)
{
	return in_list(name_first_en, COUNT(name_first_en), w, len);
}

bool redact_name_is_last_en(const char *w, size_t len)
{
	return in_list(name_last_en, COUNT(name_last_en), w, len);
}

bool redact_name_is_pinyin_surname(const char *w, size_t len)
{
	return in_list(name_pinyin_surnames, COUNT(name_pinyin_surnames), w, len);
}

/* Whether w splits into 1..left pinyin syllables (tried longest first:
 * a syllable has at most 6 letters). */
static bool pinyin_split(const char *w, size_t len, int left)
{
	if (len == 0)
		return true;
	if (left == 0)
		return false;
	for (size_t k = len < 6 ? len : 6; k >= 1; k--)
		if (in_list(name_pinyin_syllables, COUNT(name_pinyin_syllables), w, k) &&
		    pinyin_split(w + k, len - k, left - 1))
			return true;
	return false;
}

bool redact_name_is_pinyin_given(const char *w, size_t len)
{
	/* "ng" and "n" are syllables of interjections, not of names. */
	if (len < 2 || (len == 2 && (w[1] | 0x20) == 'g' && (w[0] | 0x20) == 'n'))
		return false;
	return pinyin_split(w, len, 3);
}

/* ---- Latin ----------------------------------------------------------- */

struct word {
	const char *p;
	size_t len;
};

/* Words that open a place's name (Los Angeles, San Diego, Santa Clara). */
static const char *const place_heads[] = {
	"del", "el", "la", "las", "los", "san", "santa", "santo", "sao",
};

/* A word of a hyphenated family name (Brown-Fletcher): any part known. */
static bool is_last_en_any(const struct word *w)
{
	const char *p = w->p, *end = w->p + w->len;
	while (p < end) {
		const char *dash = memchr(p, '-', (size_t)(end - p));
		size_t n = dash ? (size_t)(dash - p) : (size_t)(end - p);
		if (redact_name_is_last_en(p, n))
			return true;
		p += n + 1;
	}
	return false;
}

static bool has_dash(const struct word *w)
{
	return memchr(w->p, '-', w->len) != NULL;
}

/* Given name then family name (English or pinyin), or family name then
 * given name (pinyin: Zheng Lina, YAO Yu). */
static bool latin_pair(const struct word *given, const struct word *family)
{
	if (is_not_name_word(family->p, family->len) || is_not_name_word(given->p, given->len))
		return false;
	bool family_dash = has_dash(family);
	if (!has_dash(given)) {
		if (redact_name_is_first_en(given->p, given->len) ||
		    (redact_name_is_pinyin_given(given->p, given->len) &&
		     !family_dash && redact_name_is_pinyin_surname(family->p, family->len)))
			return true;
		/* a given name the list lacks (Freya) before a known family name,
		 * but not an article or a saint of a place (Los Angeles, San Diego) */
		if (is_last_en_any(family) && !redact_name_is_last_en(given->p, given->len) &&
		    !in_list(place_heads, COUNT(place_heads), given->p, given->len) &&
		    !in_list(business_surnames, COUNT(business_surnames), family->p, family->len))
			return true;
	}
	if (!family_dash && !has_dash(given) && redact_name_is_pinyin_surname(given->p, given->len) &&
	    redact_name_is_pinyin_given(family->p, family->len))
		return true;
	return false;
}

static bool latin_valid(const uint8_t *v, size_t len)
{
	struct word w[4];
	size_t n = 0, i = 0;
	while (i < len) {
		while (i < len && v[i] == ' ')
			i++;
		size_t a = i;
		while (i < len && v[i] != ' ')
			i++;
		if (i == a)
			break;
		/* an initial (J.) says nothing either way */
		if (i - a == 2 && v[a + 1] == '.')
			continue;
		if (n == 4)
			return false;
		w[n].p = (const char *)v + a;
		w[n].len = i - a;
		/* letters and inner hyphens only (O'Brien: the apostrophe) */
		for (size_t k = a; k < i; k++)
			if (v[k] == '\'' && k > a && k + 1 < i)
				continue;
			else if (v[k] == '-' && k > a && k + 1 < i)
				continue;
			else if (!((v[k] | 0x20) >= 'a' && (v[k] | 0x20) <= 'z'))
				return false;
		n++;
	}
	if (n < 2 || n > 3)
		return false;
	for (size_t k = 0; k < n; k++)
		if (is_not_name_word(w[k].p, w[k].len))
			return false;
	/* a place that reads as a pinyin family and given name */
	if (n == 2 && w[0].len == 4 && w[1].len == 4 && strncasecmp(w[0].p, "hong", 4) == 0 &&
	    strncasecmp(w[1].p, "kong", 4) == 0)
		return false;
	return latin_pair(&w[0], &w[n - 1]);
}

/* ---- Han ------------------------------------------------------------- */

/* Words of two or three characters that start with a family name's
 * character but are ordinary words, in the places a name stands. */
static const char *const han_words[] = {
	"王国", "王子", "谢谢", "谢意", "谢绝", "王者", "王牌", "高兴", "高手", "高速", "高级", "高度", "常常", "常见",
	"周末", "周年", "周边", "周围", "马上", "马路", "方向", "方面", "方便", "方法", "方案",
	"江湖", "江山", "程序", "程度", "夏天", "夏季", "毛衣", "毛病", "熊猫", "宋体", "胡说",
	"钟表", "钟头", "石头", "石油", "黄金", "白天", "白色", "黄色", "金额", "金融", "林业",
	"陈述", "张开", "张贴", "李子", "刘海", "杨树", "朱红", "许多", "许可", "何时", "何况",
	"罗列", "梁上", "宋代", "唐朝", "韩国", "冯氏", "邓氏", "曹操", "彭湃", "董事", "袁大头",
	"潘多拉", "蒋介石", "余额", "杜绝", "叶子", "程咬金", "苏醒", "魏晋", "吕布", "丁香",
	"任何", "任务", "沈阳", "姚明", "卢沟桥", "姜汤", "崔健", "钟声", "谭嗣同", "陆地",
	"陆续", "汪洋", "范围", "廖化", "贾宝玉", "夏日", "付款", "付费", "孟子", "熊市", "秦朝",
	"雷达", "雷雨", "侯爵", "陶瓷", "贺卡", "顾客", "顾问", "龚自珍", "邵阳", "孔子", "汤圆",
	"万一", "江南", "文件", "文化", "安全", "安排", "康复", "施工", "史上", "牛奶", "齐全",
	"易懂", "章节", "岳父", "关于", "关系", "华为", "解决", "管理", "游戏", "项目", "全部",
	"应该", "明天", "和平", "平安", "海关", "海鲜", "强调", "云南", "都市", "时间", "车辆",
	"周报", "周会", "周刊", "周期", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
	"刘海", "黄页", "何处", "孙子", "简历", "简介", "简报", "申请", "申报", "单位", "单据",
	"成绩", "成本", "成员", "路线", "房租", "房产", "文档", "文本", "明细", "包装", "包裹",
	"季度", "曲线", "古代", "吉他", "盛大",
};

static bool is_han_word(const uint8_t *v, size_t len)
{
	for (size_t i = 0; i < COUNT(han_words); i++)
		if (strlen(han_words[i]) == len && memcmp(han_words[i], v, len) == 0)
			return true;
	return false;
}

static bool han_valid(const uint8_t *v, size_t len)
{
	/* 2 to 4 characters of 3 bytes (a pattern gives only such) */
	if (len < 6 || len > 12 || len % 3)
		return false;
	if (is_han_word(v, len))
		return false;
	/* 张开心 is no name when 张开 is a word and the third char ends it */
	if (len == 9 && is_han_word(v, 6))
		return false;
	return true;
}

bool redact_name_weak_context_valid(const uint8_t *v, size_t len)
{
	if (len == 0 || v[0] >= 0x80)
		return len > 0;
	if (!memchr(v, ' ', len))
		return redact_name_is_first_en((const char *)v, len);
	return latin_valid(v, len);
}

bool redact_name_prose_valid(const uint8_t *v, size_t len)
{
	if (len == 0)
		return false;
	return v[0] >= 0x80 ? han_valid(v, len) : latin_valid(v, len);
}

/* ---- a name with no context at all ------------------------------------ */

/* Whether the character at v (3 bytes) is one of the surnames safe in
 * every context (surnames.h, CORE). */
static bool core_surname(const uint8_t *v)
{
	static const char core[] = REDACT_SURNAMES_CORE;
	for (size_t i = 0; i + 3 <= sizeof core - 1; i += 3)
		if (memcmp(core + i, v, 3) == 0)
			return true;
	return false;
}

bool redact_name_alone_valid(const uint8_t *v, size_t len)
{
	if (len == 0)
		return false;
	if (v[0] >= 0x80)
		return (len == 6 || len == 9) && core_surname(v) && han_valid(v, len);
	/* two words: a given name the lists know and a family name, or
	 * pinyin family and given name in either order */
	const uint8_t *sp = memchr(v, ' ', len);
	if (!sp || memchr(sp + 1, ' ', len - (size_t)(sp + 1 - v)))
		return false;
	struct word a = {(const char *)v, (size_t)(sp - v)};
	struct word b = {(const char *)sp + 1, len - a.len - 1};
	for (size_t i = 0; i < len; i++)
		if (v[i] != ' ' && !((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z'))
			return false;
	if (a.len < 2 || b.len < 2 || is_not_name_word(a.p, a.len) || is_not_name_word(b.p, b.len))
		return false;
	if (redact_name_is_first_en(a.p, a.len) &&
	    (redact_name_is_last_en(b.p, b.len) || redact_name_is_pinyin_surname(b.p, b.len)))
		return true;
	if (redact_name_is_pinyin_surname(a.p, a.len) && redact_name_is_pinyin_given(b.p, b.len))
		return true;
	return redact_name_is_pinyin_given(a.p, a.len) && redact_name_is_pinyin_surname(b.p, b.len);
}

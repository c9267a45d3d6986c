/*
 * health_lexicon.c — whether a phrase names a medical condition, in
 * Chinese or English: the lexicons of health_lexicon_table.h (generated
 * from redact/lexicon/), the morphology of disease names (…病, …炎, …癌,
 * …综合征, -itis, -osis, "… disease"), and the qualifiers a diagnosis
 * carries (高血压病3级（极高危）, 乳腺恶性肿瘤术后, chronic kidney disease
 * stage 4, major depressive disorder, recurrent).
 *
 * The checks are on the candidate alone; the context (a diagnosis heading,
 * a cue, a patient speaking) is the pattern's. Figures of speech and
 * non-medical senses the lists know of (毛病, 心病, 懒癌, nostalgia,
 * economic depression) are not conditions.
 */
#include <stdlib.h>
#include <string.h>

#include "health_i.h"
#include "health_lexicon_table.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_term(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

static bool in_sorted(const char *const *tab, size_t n, const char *s)
{
	return bsearch(s, tab, n, sizeof tab[0], cmp_term) != NULL;
}

/* s[0..n) equals one of the words (NULL-terminated list). */
static bool is_one_of(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(s, *words, n) == 0)
			return true;
	return false;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return k <= n && memcmp(s + n - k, suf, k) == 0;
}

/* ---- Chinese ---------------------------------------------------------- */

/* Not diagnoses although they end like one: figures of speech, slang,
 * words for illness in general, verbs. */
static const char *const zh_not_condition[] = {
	"毛病", "老毛病", "小毛病", "大毛病", "臭毛病", "心病", "通病", "弊病", "语病",
	"相思病", "懒病", "富贵病", "公主病", "王子病", "中二病", "疾病", "病症", "生病",
	"看病", "发病", "治病", "犯病", "装病", "有病", "得病", "患病", "炎症", "发炎",
	"重症", "急症", "病", "症", "癌", "炎", "瘤", "懒癌", "直男癌", "尴尬癌",
	"拖延症", "选择困难症", "强迫症晚期", "癌细胞", "病毒", "炎热", "肿瘤科",
	NULL,
};

/* Endings of Chinese condition names (the morphology of the issue: …病,
 * …炎, …癌, …瘤, …症, …综合征, …感染 and their kin). */
static const char *const zh_suffix[] = {
	"病", "炎", "癌", "瘤", "症", "综合征", "综合症", "感染", "障碍", "衰竭", "不全",
	"梗死", "梗塞", "硬化", "结核", "狼疮", "出血", "骨折", "中毒", "结石", "囊肿",
	"息肉", "溃疡", "血症", "疝", "痔", "痫", "疹", "疮", "癣", "麻痹", "减退", "亢进",
	"发作", "失调", "增生", "突出", "狭窄", "梗阻", "颤动", "扑动", "早搏", "阻滞",
	"肥大", "瘤变", "病变", "畸形", "缺损", "贫血", "积液", "栓塞", "血栓", "哮喘",
	"痴呆", "瘫痪", "偏瘫", "耳聋", "白内障", "青光眼", "肉瘤", "脓肿", "坏死", "穿孔",
	NULL,
};

/* Qualifiers after a condition: its stage, phase, course or risk. */
static const char *const zh_tail[] = {
	"术后", "急性加重期", "急性加重", "急性发作期", "急性发作", "失代偿期", "代偿期",
	"稳定期", "缓解期", "活动期", "恢复期", "晚期", "早期", "中期", "末期", "极高危",
	"高危", "中危", "低危", "复发", "待查", "可能", "伴感染", NULL,
};

/* Characters no condition name holds: particles and pronouns of a
 * sentence (团队的癌症, 得了吧). */
static const char *const zh_function_chars[] = {
	"的", "了", "是", "在", "我", "你", "他", "她", "们", "这", "那", "吧", "呢", "吗",
	"啊", "很", "都", "就", "说", "让", "给", "把", "又", "还", NULL,
};

static size_t utf8_len(uint8_t b)
{
	return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Strips one qualifier from the end of s[0..*n); false when none. */
static bool zh_strip_tail(const char *s, size_t *n)
{
	size_t m = *n;
	/* a parenthesis: （极高危）, (CKD4期) */
	bool full = ends_with(s, m, "）"), half = m && s[m - 1] == ')';
	if (full || half) {
		size_t lim = m > 40 ? m - 40 : 0;
		for (size_t i = m - (full ? 3 : 1); i-- > lim;) {
			if ((full && i + 3 <= m && memcmp(s + i, "（", 3) == 0) ||
			    (half && s[i] == '(')) {
				if (i == 0)
					return false;
				*n = i;
				return true;
			}
			if (s[i] == ')' || (i + 3 <= m && memcmp(s + i, "）", 3) == 0))
				return false;
		}
		return false;
	}
	for (const char *const *t = zh_tail; *t; t++)
		if (ends_with(s, m, *t) && strlen(*t) < m) {
			*n = m - strlen(*t);
			return true;
		}
	/* a grade, stage or type: 3级, 4期, IV期, Ⅱ度 */
	static const char *const unit[] = {"级", "期", "型", "度", NULL};
	for (const char *const *u = unit; *u; u++) {
		if (!ends_with(s, m, *u))
			continue;
		size_t i = m - 3, digits = 0;
		while (i > 0 && digits < 4) {
			uint8_t c = (uint8_t)s[i - 1];
			if ((c >= '0' && c <= '9') || c == 'I' || c == 'V' || c == 'a' || c == 'b') {
				i--, digits++;
			} else if (i >= 3 && (memcmp(s + i - 3, "Ⅰ", 3) == 0 ||
			                      memcmp(s + i - 3, "Ⅱ", 3) == 0 ||
			                      memcmp(s + i - 3, "Ⅲ", 3) == 0 ||
			                      memcmp(s + i - 3, "Ⅳ", 3) == 0 ||
			                      memcmp(s + i - 3, "一", 3) == 0 ||
			                      memcmp(s + i - 3, "二", 3) == 0 ||
			                      memcmp(s + i - 3, "三", 3) == 0 ||
			                      memcmp(s + i - 3, "四", 3) == 0)) {
				i -= 3, digits++;
			} else {
				break;
			}
		}
		if (digits && i > 0) {
			*n = i;
			return true;
		}
	}
	return false;
}

bool redact_health_condition_zh(const uint8_t *in, size_t n)
{
	char buf[128];
	if (n < 4 || n >= sizeof buf)
		return false;
	memcpy(buf, in, n);
	buf[n] = '\0';
	/* a condition starts with a Han character, a digit (2型…) or a Latin
	 * letter (HIV感染, IgA肾病) and holds no sentence particles */
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((uint8_t)buf[i]);
		if (k == 3 && is_one_of(buf + i, 3, zh_function_chars))
			return false;
		if ((uint8_t)buf[i] < 0x80 && !((buf[i] >= '0' && buf[i] <= '9') ||
		                                ((buf[i] | 0x20) >= 'a' && (buf[i] | 0x20) <= 'z') ||
		                                buf[i] == '(' || buf[i] == ')' || buf[i] == '-'))
			return false;
		i += k;
	}
	size_t m = n;
	for (int rounds = 0; rounds < 4; rounds++) {
		buf[m] = '\0';
		if (in_sorted(health_terms_zh, COUNT(health_terms_zh), buf))
			return true;
		if (!zh_strip_tail(buf, &m))
			break;
	}
	buf[m] = '\0';
	if (m < 6 || is_one_of(buf, m, zh_not_condition))
		return false;
	if (in_sorted(health_terms_zh, COUNT(health_terms_zh), buf))
		return true;
	/* a lexicon term with modifiers before it (左肺腺癌, 急性…) */
	for (size_t i = utf8_len((uint8_t)buf[0]); i + 6 <= m; i += utf8_len((uint8_t)buf[i]))
		if (in_sorted(health_terms_zh, COUNT(health_terms_zh), buf + i))
			return !is_one_of(buf, m, zh_not_condition);
	/* the morphology of disease names, of at least two characters */
	for (const char *const *suf = zh_suffix; *suf; suf++)
		if (ends_with(buf, m, *suf) && m >= strlen(*suf) + 3)
			return true;
	return false;
}

/* ---- English ---------------------------------------------------------- */

static const char *const en_lead_block[] = {
	"the", "a", "an", "this", "that", "these", "those", "our", "its", "his", "her", "their",
	"my", "your", "no", "any", "some", "all", "new", "great", "economic", "financial",
	"market", "tropical", "deep", "global", "technical", "real", "bad", "such", "every",
	NULL,
};

/* Words that end like a condition and are not one. */
static const char *const en_not_condition[] = {
	"diagnosis", "prognosis", "osmosis", "symbiosis", "hypnosis", "metamorphosis",
	"apotheosis", "academia", "sympathy", "empathy", "apathy", "telepathy", "diploma",
	"aroma", "nostalgia", "tourism", "criticism", "stoma", "coma", "thesis", NULL,
};

/* Head nouns of condition names ("… disease"); a modifier must come first. */
static const char *const en_head[] = {
	"disease", "disorder", "syndrome", "infection", "carcinoma", "lymphoma", "leukemia",
	"leukaemia", "tumor", "tumour", "cancer", "insufficiency", "deficiency", "palsy",
	"sclerosis", "dystrophy", "ulcer", "stenosis", "neoplasm", "malignancy", "hepatitis",
	"fibrosis", "aneurysm", "embolism", "thrombosis", "arrhythmia", "dementia", "psychosis",
	NULL,
};

/* Organs after "of (the)": cirrhosis of the liver. */
static const char *const en_organ[] = {
	"liver", "lung", "lungs", "kidney", "kidneys", "breast", "colon", "prostate", "skin",
	"brain", "stomach", "pancreas", "bladder", "cervix", "ovary", "ovaries", "thyroid",
	"bone", "bones", "heart", "rectum", "esophagus", "oesophagus", "uterus", "spine",
	"knee", "knees", "hip", "hips", "blood", NULL,
};

/* Qualifiers after a comma: major depressive disorder, recurrent. */
static const char *const en_qualifier[] = {
	"recurrent", "severe", "moderate", "mild", "unspecified", "in", "remission", "single",
	"episode", "uncontrolled", "controlled", "stable", "resolved", "acute", "chronic",
	"nos", "with", "without", "psychotic", "features", "current", "partial", "full",
	"active", "inactive", "well-controlled", "poorly", "exacerbation", NULL,
};

/* Each space-separated word of s[a..b) is one of words. */
static bool all_words_in(const char *s, size_t a, size_t b, const char *const *words)
{
	while (a < b) {
		size_t e = a;
		while (e < b && s[e] != ' ')
			e++;
		if (e > a && !is_one_of(s + a, e - a, words))
			return false;
		a = e + 1;
	}
	return true;
}

/* A stage, grade, class or type: 4, iii, iv, 3b. */
static bool stage_word(const char *s, size_t n)
{
	if (n == 0 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || c == 'i' || c == 'v' || c == 'x' ||
		      (i == n - 1 && i > 0 && (c == 'a' || c == 'b' || c == 'c'))))
			return false;
	}
	return true;
}

/* Strips one qualifier from the end of s[0..*n) (lower case, single
 * spaces); false when none. */
static bool en_strip_tail(const char *s, size_t *n)
{
	size_t m = *n;
	/* ", recurrent", ", in remission" */
	for (size_t i = m; i-- > 0;) {
		if (s[i] == ',') {
			size_t a = i + 1;
			while (a < m && s[a] == ' ')
				a++;
			if (a < m && all_words_in(s, a, m, en_qualifier)) {
				*n = i;
				return true;
			}
			break;
		}
	}
	size_t last = m;
	while (last > 0 && s[last - 1] != ' ')
		last--;
	if (last == 0)
		return false;
	size_t prev = last - 1;
	while (prev > 0 && s[prev - 1] != ' ')
		prev--;
	/* "stage 4", "type 2", "grade 3", "class iii" */
	static const char *const staging[] = {"stage", "grade", "class", "type", NULL};
	if (stage_word(s + last, m - last) && is_one_of(s + prev, last - 1 - prev, staging) &&
	    prev > 0) {
		*n = prev - 1;
		return true;
	}
	/* "of the liver", "of liver" */
	if (is_one_of(s + last, m - last, en_organ)) {
		if (last > 8 && memcmp(s + last - 8, " of the ", 8) == 0) {
			*n = last - 8;
			return true;
		}
		if (last > 4 && memcmp(s + last - 4, " of ", 4) == 0) {
			*n = last - 4;
			return true;
		}
	}
	/* "in remission", "unspecified" */
	if (ends_with(s, m, " in remission") && m > 13) {
		*n = m - 13;
		return true;
	}
	static const char *const trailing[] = {"unspecified", "nos", "exacerbation", NULL};
	if (is_one_of(s + last, m - last, trailing)) {
		*n = last - 1;
		return true;
	}
	return false;
}

/* The last word of s[0..n) looks like a condition name by itself. */
static bool en_morphology(const char *w, size_t k)
{
	if (is_one_of(w, k, en_not_condition))
		return false;
	static const char *const suf[] = {"itis", "osis", "emia", "aemia", "pathy", "algia",
	                                  "plegia", "oma", NULL};
	for (const char *const *s = suf; *s; s++)
		if (k >= strlen(*s) + 3 && ends_with(w, k, *s))
			return true;
	if (k >= 9 && ends_with(w, k, "ism") && (memcmp(w, "hyper", 5) == 0 || memcmp(w, "hypo", 4) == 0))
		return true;
	return false;
}

bool redact_health_condition_en(const uint8_t *in, size_t n)
{
	char buf[128];
	size_t m = 0;
	/* lower case, single spaces, ’ as ' */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = in[i];
		if (m + 2 >= sizeof buf)
			return false;
		if (c == 0xE2 && i + 2 < n && in[i + 1] == 0x80 && in[i + 2] == 0x99) {
			buf[m++] = '\'';
			i += 2;
		} else if (c >= 0x80) {
			return false;
		} else if (c == ' ' || c == '\t') {
			if (m && buf[m - 1] != ' ')
				buf[m++] = ' ';
		} else {
			buf[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	}
	while (m && buf[m - 1] == ' ')
		m--;
	if (m < 2)
		return false;
	buf[m] = '\0';
	size_t w0 = 0;
	while (w0 < m && buf[w0] != ' ')
		w0++;
	if (is_one_of(buf, w0, en_lead_block))
		return false;
	for (int rounds = 0; rounds < 4; rounds++) {
		buf[m] = '\0';
		if (in_sorted(health_terms_en, COUNT(health_terms_en), buf))
			return true;
		if (!en_strip_tail(buf, &m))
			break;
	}
	buf[m] = '\0';
	/* "stage iii colorectal cancer": a stage before the condition */
	size_t start = 0;
	if (m > 8 && (memcmp(buf, "stage ", 6) == 0 || memcmp(buf, "grade ", 6) == 0)) {
		size_t e = 6;
		while (e < m && buf[e] != ' ')
			e++;
		if (e < m && stage_word(buf + 6, e - 6))
			start = e + 1;
	}
	const char *s = buf + start;
	size_t k = m - start;
	if (in_sorted(health_terms_en, COUNT(health_terms_en), s))
		return true;
	/* a term with up to four modifiers before it; no function words */
	static const char *const function_words[] = {"of", "the", "and", "or", "for", "in",
	                                             "on", "with", "to", "a", "an", "is", NULL};
	size_t words = 0;
	for (size_t i = 0; i < k; i++) {
		if (s[i] != ' ')
			continue;
		words++;
		if (words > 4)
			return false;
		size_t a = i;
		while (a > 0 && s[a - 1] != ' ')
			a--;
		if (is_one_of(s + a, i - a, function_words) ||
		    is_one_of(s + a, i - a, en_lead_block))
			return false;
		if (in_sorted(health_terms_en, COUNT(health_terms_en), s + i + 1))
			return true;
	}
	size_t last = k;
	while (last > 0 && s[last - 1] != ' ')
		last--;
	/* a plural: migraines, kidney stones are in the lexicon as such */
	if (k > 4 && s[k - 1] == 's' && s[k - 2] != 's') {
		char one[128];
		memcpy(one, s, k - 1);
		one[k - 1] = '\0';
		if (in_sorted(health_terms_en, COUNT(health_terms_en), one))
			return true;
	}
	if (en_morphology(s + last, k - last))
		return true;
	/* "… disease", "… disorder": a head noun after a modifier */
	if (last > 0 && is_one_of(s + last, k - last, en_head))
		return true;
	/* "heart failure", "renal failure" */
	if (last > 0 && strcmp(s + last, "failure") == 0) {
		static const char *const organs[] = {"heart", "kidney", "renal", "liver", "hepatic",
		                                     "respiratory", "cardiac", "multiorgan", NULL};
		size_t a = last - 1;
		while (a > 0 && s[a - 1] != ' ')
			a--;
		return is_one_of(s + a, last - 1 - a, organs);
	}
	return false;
}

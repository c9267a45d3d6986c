/*
 * detect_people.c — built-in detectors for facts about a person: birth
 * dates, names, health conditions.
 *
 * None of these has a shape of its own (a date is a date, 王博 is two
 * characters), so every pattern starts at a cue (出生日期, 姓名：, Dear,
 * diagnosis:) or an honorific (先生, 女士) and masks only the value, the
 * capture group "v"; the cue stays readable. Starting at a literal cue
 * also keeps them cheap: pcre2 rejects most start positions at once. The
 * rules at the top of detect_contact.c apply (bounded, no \b by digits).
 */
#include "redact_i.h"
#include "surnames.h"

/* ---- dob ----------------------------------------------------------- */

struct date_parts {
	int num[4];
	int digits[4];
	size_t n;
	int month_word; /* 1-12 when a month name was read, else 0 */
};

static int month_of(const char *w)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                     "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (w[0] == months[i][0] && w[1] == months[i][1] && w[2] == months[i][2])
			return i + 1;
	return 0;
}

/* Splits s into numbers (ASCII or full-width digits) and a month name. */
static bool date_parts_of(const uint8_t *s, size_t len, struct date_parts *p)
{
	*p = (struct date_parts){0};
	size_t i = 0;
	while (i < len) {
		int d = -1;
		size_t w = 1;
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBC && s[i + 2] >= 0x90 &&
		         s[i + 2] <= 0x99)
			d = s[i + 2] - 0x90, w = 3;
		if (d >= 0) {
			if (p->n == 4)
				return false;
			int v = 0, k = 0;
			while (d >= 0 && k < 9) {
				v = v * 10 + d;
				k++;
				i += w;
				d = -1;
				w = 1;
				if (i < len && s[i] >= '0' && s[i] <= '9')
					d = s[i] - '0';
				else if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC &&
				         s[i + 2] >= 0x90 && s[i + 2] <= 0x99)
					d = s[i + 2] - 0x90, w = 3;
			}
			p->num[p->n] = v;
			p->digits[p->n++] = k;
			continue;
		}
		if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z' && i + 2 < len) {
			char word[3] = {(char)(s[i] | 0x20), (char)(s[i + 1] | 0x20),
			                (char)(s[i + 2] | 0x20)};
			int m = month_of(word);
			if (m)
				p->month_word = m;
			while (i < len && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')
				i++;
			continue;
		}
		i++;
	}
	return true;
}

static bool year_ok(int y)
{
	return y >= 1880 && y <= 2099;
}

/* A real calendar date in one of the shapes the pattern accepts; for
 * 07/03/1990 either day-month or month-day order may hold. 1990年3月
 * (year and month only) is accepted too. */
static bool valid_dob(const uint8_t *s, size_t len)
{
	struct date_parts p;
	if (!date_parts_of(s, len, &p))
		return false;
	const int *v = p.num, *k = p.digits;
	if (p.month_word)
		return p.n == 2 && k[1] == 4 && year_ok(v[1]) && k[0] <= 2 &&
		       redact_date_ok(v[1], p.month_word, v[0]);
	if (p.n == 1 && k[0] == 8) {
		int y = v[0] / 10000, m = v[0] / 100 % 100, d = v[0] % 100;
		return year_ok(y) && redact_date_ok(y, m, d);
	}
	if (p.n == 2)
		return k[0] == 4 && year_ok(v[0]) && v[1] >= 1 && v[1] <= 12;
	if (p.n != 3)
		return false;
	if (k[0] == 4)
		return year_ok(v[0]) && redact_date_ok(v[0], v[1], v[2]);
	if (k[2] == 4 && year_ok(v[2]))
		return redact_date_ok(v[2], v[1], v[0]) || redact_date_ok(v[2], v[0], v[1]);
	return false;
}

#define D "[0-9０-９]"
#define YEAR "(?:1[89]|20|１[８９]|２０)" D "{2}"
#define MONTH_EN                                                                         \
	"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"          \
	"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
#define DATE                                                                             \
	"(?:" YEAR " ?年 ?" D "{1,2} ?月(?: ?" D "{1,2} ?[日号])?"                         \
	"|" YEAR "[-/.]" D "{1,2}[-/.]" D "{1,2}"                                        \
	"|" D "{1,2}[-/.]" D "{1,2}[-/.]" YEAR                                           \
	"|[0-9]{1,2}(?:st|nd|rd|th)?[ \\-]" MONTH_EN "[ \\-],? ?" YEAR                   \
	"|" MONTH_EN " [0-9]{1,2}(?:st|nd|rd|th)?,? " YEAR                               \
	"|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))"

/* ---- name ---------------------------------------------------------- */

/* Han characters that end a name: the word after it (称, 于, 男...). */
#define GN_STOP                                                                          \
	"的了在是和与及或我你他她们这那个有为对从到把被将也都就而但并称说认于向因等已经" \
	"自诉请要不没无各所之其此该男女性年岁月日时出生住现后前以得由入来去至上下先士师"
#define GN "[^\\P{Han}" GN_STOP "]"
#define SUR_GLUED "(?:" REDACT_SURNAMES_COMPOUND "|[" REDACT_SURNAMES_CORE "])"
/* One character: the honorific lookbehinds need fixed lengths. */
#define SUR_HON "[" REDACT_SURNAMES_CORE REDACT_SURNAMES_HONORIFIC "]"
#define SUR_ALL                                                                          \
	"(?:" REDACT_SURNAMES_COMPOUND "|[" REDACT_SURNAMES_CORE REDACT_SURNAMES_HONORIFIC   \
	REDACT_SURNAMES_COLON "])"
/* Cues sharing a first character are factored: pcre2's JIT rejects a
 * position much faster when the alternatives start differently. */
#define NAME_CUE_CN                                                                      \
	"(?:(?:法定代表|被(?:保险|申请|告)|申请|委托|联系|收[件货]|寄件|持卡|当事|投保|受益"   \
	"|借款|经办|负责|代理|监护|病|证)人|姓名|患者|被告|原告|户主)"
/* Every honorific has two characters: the lookbehinds below step back
 * over exactly two. */
#define HONORIFIC                                                                        \
	"(?:先生|女士|小姐|老[师板]|医生|经理|律师|教授|主任|同[学志]|大夫|护士|[院校局处科部]长" \
	"|总监|阿姨|师傅|夫人|太太|书记)"
/* Words that stand before an honorific but are no name (历史老师). */
#define HON_NOT_NAME                                                                     \
	"(?:历史|语文|音乐|实习|全体|班主|部门|项目|车间|各位|这位|那位|哪位|诸位|两位|高中" \
	"|初中|小学|大学|党委|公安|中学|英语|数学|物理|化学|生物|地理|美术|体育)"
#define EN_WORD                                                                          \
	"(?:[A-Z](?:[a-z]{0,3}[A-Z][a-z]{1,20}|'[A-Z][a-z]{1,20}|[a-z]{1,20})"            \
	"(?:-[A-Z][a-z]{1,20})?|[A-Z]\\.)"
#define EN_NOT_NAME                                                                      \
	"(?!(?:Sir|Madam|Customer|Customers|Team|All|User|Users|Friend|Friends|Colleague"   \
	"|Colleagues|Reader|Readers|Valued|Member|Members|Applicant|Hiring|Manager|Client"  \
	"|The|This|That|Not|None|Unknown|Patient|Name)(?![A-Za-z]))"
#define EN_CUE                                                                           \
	"(?:(?<![A-Za-z] )(?i:(?:full|first|last|given|family|legal|customer|patient"       \
	"|contact|account|card ?holder|holder|user)[ _]?)?(?i:name)[\"']?[ \\t]?[:=][ \\t]?" \
	"[\"']?|(?:Patient|Contact|Attn|Attention|Recipient|Insured|Holder)[ \\t]?:[ \\t]?"  \
	"|(?:Dear|Mrs?\\.?|Ms\\.?|Miss|Dr\\.?|Prof\\.?) )"

/* ---- health -------------------------------------------------------- */

#define HEALTH_VAL_CN "[^\\s。；;\"|，,：:][^。；;\\n\\r\"|,]{0,39}"
#define HEALTH_VAL_EN "[^\\s.;\"|,:][^.;\\n\\r\"|,]{0,39}"
#define HEALTH_TERM_EN                                                                   \
	"(?i:HIV(?:-positive| positive)?|AIDS|type [12] diabetes|diabetes|hypertension"     \
	"|depression|cancer|hepatitis [BC]|tuberculosis|schizophrenia|bipolar disorder"     \
	"|epilepsy|asthma|dementia|pregnancy|leukemia|syphilis|anxiety disorder|anxiety)"

const struct redact_builtin redact_detect_people[] = {
	{
		.name = "dob",
		.description = "dates of birth: a date (1990年3月7日, 1990-03-07, 07/03/1990, "
		               "7 March 1990, 19900307) right after a birth cue (出生日期, DOB, born)",
		.example = "出生日期：1990年3月7日",
		.example_masked = "出生日期：****＊*＊*＊",
		.pattern = "(?:出生(?:日期|年月日?|于)?|生[于日]"
		           "|(?<![A-Za-z])(?i:d\\.o\\.b\\.?|dob|date of birth|birth ?date|birthday"
		           "|born(?: on)?)(?![A-Za-z]))"
		           "[^\\n0-9０-９。！？!?；;]{0,16}?(?<![0-9０-９])(?<v>" DATE ")(?![0-9０-９])",
		.group = "v",
		.validate = valid_dob,
	},
	{
		.name = "name",
		.description = "personal names: Chinese names after a cue (姓名：, 患者, 被告) or "
		               "before an honorific (先生, 女士), English names after Name:, Mr., Dear",
		.example = "姓名：张伟",
		.example_masked = "姓名：＊＊",
		.pattern = "(?|"
		           /* 姓名：于伟 / 被告王博 / 联系人为张伟 */
		           NAME_CUE_CN "(?|[ \\t]{0,2}[:：][ \\t]{0,2}(?<v>" SUR_ALL GN "{1,2})"
		           "|(?:[ \\t]{1,2}|为|是)?(?<v>" SUR_GLUED GN "{1,2}))"
		           /* 张先生, 王小明老师: the name is captured looking back */
		           "|" HONORIFIC "(?<!" HON_NOT_NAME "\\p{Han}{2})"
		           "(?|(?<=(?<v>" SUR_HON GN "{2})\\p{Han}{2})"
		           "|(?<=(?<v>(?:" REDACT_SURNAMES_COMPOUND ")" GN ")\\p{Han}{2})"
		           "|(?<=(?<v>" SUR_HON GN ")\\p{Han}{2})"
		           "|(?<=(?<v>" REDACT_SURNAMES_COMPOUND ")\\p{Han}{2})"
		           "|(?<=(?<v>" SUR_HON ")\\p{Han}{2}))"
		           /* Name: Mary O'Brien / Dear Mr. McDonald / Name: 张伟 */
		           "|(?=[A-Za-z])(?<![A-Za-z_])" EN_CUE "(?:(?:Mrs?|Ms|Dr|Prof)\\.? )?[ \\t]?"
		           "(?|" EN_NOT_NAME "(?<v>" EN_WORD "(?: " EN_WORD "){0,2})(?![A-Za-z])"
		           "|(?<v>" SUR_ALL GN "{1,2}))"
		           ")",
		.group = "v",
	},
	{
		.name = "health",
		.description = "health data: the value after a diagnosis or medical-history cue "
		               "(诊断：, 既往史：, 患有, diagnosis:, diagnosed with), to the clause end",
		.example = "诊断：2型糖尿病",
		.example_masked = "诊断：*＊＊＊＊",
		.pattern = "(?|"
		           /* a colon after the cue, or a cue ending in 为/有/患/出 */
		           "(?:诊断(?:为|结果|出)?|初步诊断|确诊(?:为|患有)?|被诊断[为出]|既往(?:病?史|有)"
		           "|病[史情因名]|过敏史|家族史|主诉|疾病名称|患有|罹患)"
		           "(?:[ \\t]{0,2}[:：][ \\t]{0,2}|(?<=[为有患出]))(?<v>" HEALTH_VAL_CN ")"
		           "|(?=[A-Za-z])(?<![A-Za-z])(?|"
		           "(?i:diagnosis|diagnoses|medical history|medical condition|condition"
		           "|allergies|allergy|chief complaint|health status)[\"']?"
		           "[ \\t]{0,2}[:=][ \\t]{0,2}[\"']?(?<v>" HEALTH_VAL_EN ")"
		           "|(?i:diagnosed with|suffers from|suffering from)[ \\t]{1,2}"
		           "(?<v>" HEALTH_VAL_EN ")"
		           "|(?i:history of|positive for|treated for|treatment for"
		           "|allergic to)[ \\t]{1,2}(?<v>" HEALTH_TERM_EN ")(?![A-Za-z])"
		           "))",
		.group = "v",
	},
};

const size_t redact_detect_people_count =
	sizeof redact_detect_people / sizeof redact_detect_people[0];

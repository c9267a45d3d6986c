/*
 * detect_people.c — built-in detectors for facts about a person: birth
 * dates, names, health conditions.
 *
 * None of these has a shape of its own (a date is a date, 王博 is two
 * characters), so every pattern starts at a cue (出生日期, 姓名：, Dear,
 * diagnosis:) or an honorific (先生, 女士) and masks only the value, the
 * capture group "v"; the cue stays readable. Starting at a literal cue
 * also keeps them cheap: pcre2 rejects most start positions at once. Each
 * detector's English cue words are listed again as its .cues, next to the
 * pattern: the prefilter runs pcre2 only where one of them (or a Han
 * character) stands. The rules at the top of detect_contact.c apply
 * (bounded, no \b by digits).
 */
#include "patterns_i.h"
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

#define YEAR "(?:1[89]|20|１[８９]|２０)" D "{2}"
#define MONTH_EN                                                                         \
	"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"          \
	"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
/* A year-first date right before its cue (1985年3月7日出生), captured
 * looking back: every alternative of a lookbehind has a fixed length. */
#define DB(x) "(?<=(?<![0-9０-９])(?<v>" YEAR x "))"
#define DB_SEP "[-/.]"
#define DOB_BEHIND                                                                       \
	DB("年" D "月" D "[日号]") "|" DB("年" D "月" D D "[日号]") "|" DB("年" D D "月" D "[日号]") \
	"|" DB("年" D D "月" D D "[日号]") "|" DB("年" D "月") "|" DB("年" D D "月")           \
	"|" DB(DB_SEP D D DB_SEP D D) "|" DB(DB_SEP D DB_SEP D) "|" DB(DB_SEP D D DB_SEP D)   \
	"|" DB(DB_SEP D DB_SEP D D)
#define DATE                                                                             \
	"(?:" YEAR " ?年 ?" D "{1,2} ?月(?: ?" D "{1,2} ?[日号])?"                         \
	"|" YEAR "[-/.]" D "{1,2}[-/.]" D "{1,2}"                                        \
	"|" D "{1,2}[-/.]" D "{1,2}[-/.]" YEAR                                           \
	"|[0-9]{1,2}(?:st|nd|rd|th)?[ \\-]" MONTH_EN "[ \\-],? ?" YEAR                   \
	"|" MONTH_EN " [0-9]{1,2}(?:st|nd|rd|th)?,? " YEAR                               \
	"|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))"

/* The first word of every English cue of the dob pattern, with what it
 * needs next (struct redact_cue). */
static const struct redact_cue dob_cues[] = {
	REDACT_CUE("d", "."), REDACT_CUE("dob", NULL), REDACT_CUE("date", "of"),
	REDACT_CUE("birth", "date"), REDACT_CUE("birthdate", NULL),
	REDACT_CUE("birthday", NULL), REDACT_CUE("born", NULL), REDACT_CUES_END,
};

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
	"(?:(?:法定代表|被(?:保险|申请|告|上诉|害|执行)|申请|委托|联系|收[件货]|寄件|持卡|当事"  \
	"|投保|受益|借款|经办|负责|代理|监护|病|证|上诉|第三|嫌疑|陪审)人|姓名|患者|被告|原告"  \
	"|户主|医师|审判[长员]|书记员|执行员|记者|通讯员|(?:我|名)叫)"
/* Cues that are often followed by an ordinary word (市民周末...): a name
 * after them must end at a clear boundary (NAME_END). */
#define NAME_CUE_CN_WEAK "(?:[市居村网]民|网友|[业车]主)"
/* Surnames good enough when the name is followed by NAME_END. */
#define SUR_MID "(?:" REDACT_SURNAMES_COMPOUND "|" SUR_HON ")"
/* What may follow a name: punctuation, a space, a conjunction or verb of
 * speech, or (原告X与被告Y民间借贷纠纷) the start of a case type. */
#define NAME_END                                                                         \
	"(?=[，,、。；;：:（()）\\s]|$|[与和诉向说称等]|表示|反映|介绍|民间|借款|买卖|合同"      \
	"|劳动|侵权|离婚|房屋|租赁|机动车|追偿|股权|物业|服务|建设|财产|名誉|继承|抚养)"
/* Records: a cell of a delimited row (a dump without a header: cells
 * split by | ; ， ； ---- or two spaces) shaped like a Chinese name,
 * on a line that also holds a mobile number, an 18-digit ID or an e-mail
 * address (after the name on the line, or in the cell right before it).
 * A cell starts at a line's start or after a delimiter, and ends at one;
 * the name's shape and its cell's end are checked before the line. Not
 * commas and tabs: the engine reads those files as CSV and TSV, where a
 * header names the columns and the field detector's action applies. */
#define ROW_DELIM_1 "[|;，；]"
#define ROW_CELL_START "(?:(?<![^\n])|(?<=" ROW_DELIM_1 "|----|  ))"
#define ROW_CELL_END "(?=[ \t]*(?:" ROW_DELIM_1 "|----|  |\r?\n|$))"
#define ROW_MOBILE "(?<![0-9])1[3-9][0-9]{9}(?![0-9])"
#define ROW_ID "(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"
#define ROW_VALUE_AFTER "(?=[^\n]{0,240}?(?:" ROW_MOBILE "|" ROW_ID "|[A-Za-z0-9._%+\\-]@[A-Za-z0-9]))"
#define ROW_PREV(v) "(?<=" v ROW_DELIM_1 ")|(?<=" v "----)|(?<=" v "  )"
#define ROW_VALUE_BEFORE                                                                 \
	"(?:" ROW_PREV("1[3-9][0-9]{9}") "|" ROW_PREV("[0-9]{17}[0-9Xx]") ")"
#define ROW_PERSON "(?:" ROW_VALUE_AFTER "|" ROW_VALUE_BEFORE ")"

/* A full-width space (U+3000) separates title and name in judgments. */
#define SP_CN "[ \\t\\x{3000}]"
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
/* Words that open a greeting or a signature without being a name: the
 * crowd addressed, a team, a month not followed by a family name (Dear
 * January newsletter readers; May Chen is a name). And
 * a signature or greeting of one to three words whose last word says a
 * company (Northwind Traders, Fabrikam Inc) is no person. */
#define EN_COMPANY                                                                       \
	"(?:Inc|Corp|Corporation|Co|Company|Ltd|LLC|LLP|PLC|GmbH|AG|Group|Holdings"        \
	"|Industries|Traders|Trading|Airlines|Airways|Logistics|Toys|Systems|Technologies" \
	"|Tech|Labs|Bank|Foods|Motors|Partners|Solutions|Services|Software|Studios"        \
	"|Consulting|Media|Networks|Pharma|Insurance|Energy|Foundation|University)"
#define EN_NOT_NAME                                                                      \
	"(?!(?:Sir|Madam|Customer|Customers|Team|All|User|Users|Friend|Friends|Colleague"   \
	"|Colleagues|Reader|Readers|Valued|Member|Members|Applicant|Hiring|Manager|Client"  \
	"|The|This|That|Not|None|Unknown|Patient|Name|Everyone|Everybody|Support|Sales"      \
	"|Operations|Admin|Staff|Board|Partners|Subscribers|Shareholders|Parents|Students"  \
	")(?![A-Za-z])"                                                                    \
	"|(?:January|February|March|April|May|June|July|August|September|October"          \
	"|November|December)(?![A-Za-z])(?! [A-Z])"                                        \
	"|[A-Z][A-Za-z.'\\-]*(?: [A-Z][A-Za-z.'\\-]*){0,2} " EN_COMPANY "\\.?(?![A-Za-z]))"
#define EN_CUE                                                                           \
	"(?:(?<![A-Za-z] )(?i:(?:full|first|last|given|family|legal|customer|patient"       \
	"|contact|account|card ?holder|holder|user)[ _]?)?(?i:name)[\"']?[ \\t]?[:=][ \\t]?" \
	"[\"']?|(?:Patient|Contact|Attn|Attention|Recipient|Insured|Holder)[ \\t]?:[ \\t]?"  \
	"|(?:Plaintiff|Defendant|Petitioner|Respondent|Appellant|Appellee|Claimant|Witness" \
	"|Judge|Justice|Magistrate|Counsel|Attorney|Reporter|Author|Signed|Signature"       \
	"|Employee|Tenant|Landlord|Sender|Physician|Doctor|Nurse|Guardian|Beneficiary"      \
	"|Owner|Driver|Victim|Suspect|Officer|Student)[ \\t]?:[ \\t]?"                        \
	"|(?i:my name is|my name's) "                                                       \
	"|(?:Dear|Mrs?\\.?|Ms\\.?|Miss|Dr\\.?|Prof\\.?) )"
/* Two or three capitalised words: after cues that may also stand before
 * an ordinary word (By, registered to), one word is not enough. */
#define EN_NAME2 EN_NOT_NAME EN_WORD "(?: " EN_WORD "){1,2}(?![A-Za-z])"
/* One to three words or a Chinese name, alone on its line (signatures). */
#define NAME_LINE                                                                        \
	"(?|" EN_NOT_NAME "(?<v>" EN_WORD "(?: " EN_WORD "){0,2})|(?<v>" SUR_ALL GN "{1,2}))" \
	"(?=[ \\t]{0,4}(?:\\r?\\n|$))"
/* A display name in a mail header, before <address>. */
#define MAIL_NAME                                                                        \
	"(?|\"(?<v>[^\"\\n<>@]{1,60})\"|(?<v>[^\\s\"<>@,:;][^\"\\n<>@,:;]{0,58}?))"               \
	"[ \\t]{0,2}<[^\\s<>@]{1,64}(?:@|＠)"

/* The first word of every English cue of the name pattern, with what it
 * needs next (struct redact_cue). */
#define NAME_OR_COLON "name|:"
static const struct redact_cue name_cues[] = {
	/* EN_CUE: "X name" (glued too), "Patient:" */
	REDACT_CUE("full", "name"), REDACT_CUE("first", "name"), REDACT_CUE("last", "name"),
	REDACT_CUE("given", "name"), REDACT_CUE("family", "name"), REDACT_CUE("legal", "name"),
	REDACT_CUE("customer", "name"), REDACT_CUE("patient", NAME_OR_COLON),
	REDACT_CUE("contact", NAME_OR_COLON), REDACT_CUE("account", "name"),
	REDACT_CUE("card", "holder"), REDACT_CUE("cardholder", "name"),
	REDACT_CUE("holder", NAME_OR_COLON), REDACT_CUE("user", "name"),
	REDACT_CUE("name", NULL), REDACT_CUE("fullname", NULL), REDACT_CUE("firstname", NULL),
	REDACT_CUE("lastname", NULL), REDACT_CUE("givenname", NULL),
	REDACT_CUE("familyname", NULL), REDACT_CUE("legalname", NULL),
	REDACT_CUE("customername", NULL), REDACT_CUE("patientname", NULL),
	REDACT_CUE("contactname", NULL), REDACT_CUE("accountname", NULL),
	REDACT_CUE("cardholdername", NULL), REDACT_CUE("holdername", NULL),
	REDACT_CUE("username", NULL), REDACT_CUE("my", "name"),
	/* EN_CUE: "Plaintiff:" and the like */
	REDACT_CUE("attn", ":"), REDACT_CUE("attention", ":"), REDACT_CUE("recipient", ":"),
	REDACT_CUE("insured", ":"), REDACT_CUE("plaintiff", ":"), REDACT_CUE("defendant", ":"),
	REDACT_CUE("petitioner", ":"), REDACT_CUE("respondent", ":"),
	REDACT_CUE("appellant", ":"), REDACT_CUE("appellee", ":"), REDACT_CUE("claimant", ":"),
	REDACT_CUE("witness", ":"), REDACT_CUE("judge", ":"), REDACT_CUE("justice", ":"),
	REDACT_CUE("magistrate", ":"), REDACT_CUE("counsel", ":"), REDACT_CUE("attorney", ":"),
	REDACT_CUE("reporter", ":"), REDACT_CUE("author", ":"), REDACT_CUE("signed", ":"),
	REDACT_CUE("signature", ":"), REDACT_CUE("employee", ":"), REDACT_CUE("tenant", ":"),
	REDACT_CUE("landlord", ":"), REDACT_CUE("physician", ":"), REDACT_CUE("doctor", ":"),
	REDACT_CUE("nurse", ":"), REDACT_CUE("guardian", ":"), REDACT_CUE("beneficiary", ":"),
	REDACT_CUE("owner", ":"), REDACT_CUE("driver", ":"), REDACT_CUE("victim", ":"),
	REDACT_CUE("suspect", ":"), REDACT_CUE("officer", ":"), REDACT_CUE("student", ":"),
	/* EN_CUE: titles */
	REDACT_CUE("dear", NULL), REDACT_CUE("mr", NULL), REDACT_CUE("mrs", NULL),
	REDACT_CUE("ms", NULL), REDACT_CUE("miss", NULL), REDACT_CUE("dr", NULL),
	REDACT_CUE("prof", NULL),
	/* bylines, closings before a signature, mail headers ("Sender:" is
	 * also a cue anywhere) */
	REDACT_CUE_AT_LINE_START("by"), REDACT_CUE_AT_LINE_START("sincerely"),
	REDACT_CUE_AT_LINE_START("yours"), REDACT_CUE_AT_LINE_START("best"),
	REDACT_CUE_AT_LINE_START("kind"), REDACT_CUE_AT_LINE_START("warm"),
	REDACT_CUE_AT_LINE_START("warmest"), REDACT_CUE_AT_LINE_START("with"),
	REDACT_CUE_AT_LINE_START("regards"), REDACT_CUE_AT_LINE_START("respectfully"),
	REDACT_CUE_AT_LINE_START("cordially"), REDACT_CUE_AT_LINE_START("cheers"),
	REDACT_CUE_AT_LINE_START("thanks"), REDACT_CUE_AT_LINE_START("thank"),
	REDACT_CUE_AT_LINE_START("from"), REDACT_CUE_AT_LINE_START("to"),
	REDACT_CUE_AT_LINE_START("cc"), REDACT_CUE_AT_LINE_START("bcc"),
	REDACT_CUE_AT_LINE_START("reply"), REDACT_CUE_AT_LINE_START("sender"),
	REDACT_CUE("sender", ":"), REDACT_CUES_END,
};

/* ---- health -------------------------------------------------------- */

/* A value ends where a date begins (诊断为X，于2023年..., diagnosed with X
 * in 2023-11-16 / on March 3, 2021): the date is not part of the health
 * fact, and masking it would hide when things happened. */
#define HEALTH_YEAR "(?:1[89]|20)[0-9]{2}(?:[-/.年]|, )"
#define HEALTH_STOP_CN "(?=(?:[于自从在] ?)?" HEALTH_YEAR ")"
#define HEALTH_STOP_EN                                                                   \
	"(?= (?i:in|on|since|from|at|during|until|as of|dated?) (?:[0-9]|" MONTH_EN " ?[0-9])" \
	"|" HEALTH_YEAR "|[0-9]{1,2}/[0-9]{1,2}/)"
/* To the clause end, or up to a date when one comes first. */
#define HEALTH_VAL_CN                                                                    \
	"[^\\s。；;\"|，,：:](?:[^。；;\\n\\r\"|,]{0,39}?" HEALTH_STOP_CN "|[^。；;\\n\\r\"|,]{0,39})"
#define HEALTH_VAL_EN                                                                    \
	"[^\\s.;\"|,:](?:[^.;\\n\\r\"|,]{0,39}?" HEALTH_STOP_EN "|[^.;\\n\\r\"|,]{0,39})"
/* A condition after "history of": a known term, or up to three words
 * ending in a disease word (rheumatoid arthritis, Crohn's disease,
 * chronic kidney disease stage 3); never "the"/"a"... first. */
#define HEALTH_COND_EN                                                                   \
	"(?!(?i:the|a|an|this|that|these|those|our|its|his|her|their|my|your|no|any)\\s)"  \
	"(?:[A-Za-z][A-Za-z'\\-]{1,20} ){0,3}(?:(?i:[a-z'\\-]{0,20}"                      \
	"(?:itis|osis|emia|aemia|pathy|algia|oma)|disease|disorder|syndrome|cancer"           \
	"|failure|infection|insufficiency|migraine|gout|stroke|COPD)"                        \
	"(?: (?i:stage|type|grade|class) [0-9IV]{1,3}| [A-E](?![A-Za-z]))?"                  \
	"|" HEALTH_TERM_EN ")"
#define HEALTH_TERM_EN                                                                   \
	"(?i:HIV(?:-positive| positive)?|AIDS|type [12] diabetes|diabetes|hypertension"     \
	"|depression|cancer|hepatitis [BC]|tuberculosis|schizophrenia|bipolar disorder"     \
	"|epilepsy|asthma|dementia|pregnancy|leukemia|syphilis|anxiety disorder|anxiety)"

/* The first word of every English cue of the health pattern, with what it
 * needs next (struct redact_cue). */
static const struct redact_cue health_cues[] = {
	REDACT_CUE("diagnosis", REDACT_CUE_KEY_SEP), REDACT_CUE("diagnoses", REDACT_CUE_KEY_SEP),
	REDACT_CUE("medical", "history|condition"),
	REDACT_CUE("condition", REDACT_CUE_KEY_SEP), REDACT_CUE("allergies", REDACT_CUE_KEY_SEP),
	REDACT_CUE("allergy", REDACT_CUE_KEY_SEP),
	REDACT_CUE("chief", "complaint"), REDACT_CUE("health", "status"),
	REDACT_CUE("diagnosed", "with"), REDACT_CUE("suffers", "from"),
	REDACT_CUE("suffering", "from"), REDACT_CUE("history", "of"),
	REDACT_CUE("positive", "for"), REDACT_CUE("treated", "for"),
	REDACT_CUE("treatment", "for"), REDACT_CUE("allergic", "to"), REDACT_CUES_END,
};

const struct redact_builtin redact_detect_people[] = {
	{
		.name = "dob",
		.anchor = {{RC_HIGH, 0, 0}, {RC_CUE, 0, 0}},
		.cues = dob_cues,
		.description = "dates of birth: a date (1990年3月7日, 1990-03-07, 07/03/1990, "
		               "7 March 1990, 19900307) right after a birth cue (出生日期, DOB, born), "
		               "or a year-first date right before one (1990年3月7日出生)",
		.example = "出生日期：1990年3月7日",
		.example_masked = "出生日期：****＊*＊*＊",
		.pattern = "(?|(?:出生(?:日期|年月日?|于)?|生[于日]"
		           "|(?<![A-Za-z])(?i:d\\.o\\.b\\.?|dob|date of birth|birth ?date|birthday"
		           "|born(?: on)?)(?![A-Za-z]))"
		           "[^\\n0-9０-９。！？!?；;]{0,16}?(?<![0-9０-９])(?<v>" DATE ")(?![0-9０-９])"
		           /* the date first: 1985年3月7日出生. Found from the cue, looking
		              back: starting at every digit would cost much more. */
		           "|(?=出生(?!日期|年月|证|地)|生(?=[，,。；;）)、\\s]|人))(?|" DOB_BEHIND "))",
		.group = "v",
		.validate = valid_dob,
	},
	{
		.name = "name",
		.anchor = {{RC_HIGH, 0, 0}, {RC_CUE, 0, 0}, {RC_GT, 0, 0}, {RC_DDASH, 0, 0}},
		.cues = name_cues,
		.description = "personal names: Chinese names after a cue (姓名：, 患者, 被告, 审判员, "
		               "记者) or before an honorific (先生, 女士), English names after Name:, "
		               "Plaintiff:, Mr., Dear, in bylines, mail headers and signatures",
		.example = "姓名：张伟",
		.example_masked = "姓名：＊＊",
		.pattern = "(?|"
		           /* 姓名：于伟 / 被告王博 / 联系人为张伟 */
		           NAME_CUE_CN "(?|" SP_CN "{0,2}[:：]" SP_CN "{0,2}(?<v>" SUR_ALL GN "{1,2})"
		           "|(?:" SP_CN "{1,3}|为|是)?(?<v>" SUR_GLUED GN "{1,2})"
		           /* 原告石敏与被告金宇: a wider surname list, a clear end */
		           "|(?:" SP_CN "{1,3}|为|是)?(?<v>" SUR_MID GN "{1,2})" NAME_END ")"
		           /* 市民高艳向本报反映 */
		           "|" NAME_CUE_CN_WEAK SP_CN "{0,2}(?<v>" SUR_MID GN "{1,2})" NAME_END
		           /* 此致\n敬礼\n张伟: the signature under the closing */
		           "|此致" SP_CN "{0,4}(?:\\r?\\n" SP_CN "{0,4})?敬礼[!！。]?" SP_CN "{0,4}"
		           "\\r?\\n(?:" SP_CN "{0,8}\\r?\\n)?" SP_CN "{0,8}" NAME_LINE
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
		           /* bylines: By Jane Doe (alone on its line) */
		           "|(?<![^\\n])By[ \\t]{1,2}(?<v>" EN_NAME2 ")(?=[ \\t]{0,4}(?:\\r?\\n|$|,| and ))"
		           /* Sincerely,\nJane Doe / -- \nJane Doe: a signature */
		           "|(?<![^\\n])(?:(?:Sincerely|Yours (?:sincerely|faithfully|truly)|Best wishes"
		           "|(?:Best |Kind |Warm |Warmest |With best )?[Rr]egards|Respectfully|Cordially"
		           "|Cheers|Thanks|Thank you|Best),?|-- ?)[ \\t]{0,4}\\r?\\n"
		           "(?:[ \\t]{0,4}\\r?\\n)?[ \\t]{0,4}" NAME_LINE
		           /* From: \"Jane Doe\" <jane@example.com>, To: 张伟 <...> */
		           "|(?<![^\\n])(?:From|FROM|To|TO|Cc|CC|Bcc|BCC|Reply-To|Sender)[ \\t]?:[ \\t]{0,2}" MAIL_NAME
		           /* the next of a list: ">, Li Na <", and on a folded line */
		           "|>,[ \\t]{0,2}(?:\\r?\\n[ \\t]{1,8})?" MAIL_NAME
		           /* 张伟|13812345678|..., 13912345678----王芳----北京市 */
		           "|" ROW_CELL_START "(?=" SUR_ALL GN "{1,2}" ROW_CELL_END ")" ROW_PERSON
		           "(?<v>" SUR_ALL GN "{1,2})" ROW_CELL_END
		           ")",
		.group = "v",
	},
	{
		.name = "health",
		.anchor = {{RC_HIGH, 0, 0}, {RC_CUE, 0, 0}},
		.cues = health_cues,
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
		           "|allergic to)[ \\t]{1,2}(?<v>" HEALTH_COND_EN ")(?![A-Za-z])"
		           "))",
		.group = "v",
	},
};

const size_t redact_detect_people_count =
	sizeof redact_detect_people / sizeof redact_detect_people[0];

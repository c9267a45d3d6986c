/*
 * detect_people.c — built-in detectors for facts about a person: birth
 * dates (names are in detect_names.c, health data in detect_health.c).
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
};

const size_t redact_detect_people_count =
	sizeof redact_detect_people / sizeof redact_detect_people[0];

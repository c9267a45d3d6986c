/*
 * detect_ids.c — built-in detectors for identifiers: national ID numbers
 * with check digits (mainland China, Hong Kong, Taiwan, US SSN), payment
 * cards, IBANs, and passport / travel permit numbers next to a cue word.
 *
 * The patterns follow the rules at the top of detect_contact.c. The
 * validators reject rather than guess: an 18-digit order number whose
 * check digit is wrong stays visible. Unified Social Credit Codes (company
 * IDs, 18 characters 0-9A-Y) are not personal data: no detector here masks
 * one (see uscc_ok() and the USCC lookbehinds).
 */
#include <string.h>

#include "patterns_i.h"
#include "redact_i.h"

/* Not right after a cue for a company's Unified Social Credit Code
 * (统一社会信用代码, 税号...). */
#define NOT_USCC                                                                                   \
	"(?<!代码|代码[:： ]|代码[:：] |税号|税号[:： ]|税号[:：] "                                     \
	"|识别号|识别号[:： ]|识别号[:：] |USCC|USCC[: ]|USCC: )"
/* 18 digits (last may be X) or 15, optionally grouped 6-8-4 / 6-6-3. */
#define CN_ID_SHAPE                                                                                \
	D "{6}[ \\-]?(?:" D "{8}[ \\-]?" D "{3}[0-9Xx０-９Ｘ]|" D "{6}[ \\-]?" D "{3}(?![Xx]))"      \
	"(?![0-9０-９])"

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Unified Social Credit Code (GB 32100-2015): 18 characters of
 * 0-9A-HJ-NP-RTUWXY, check = (31 - sum(v_i * 3^i mod 31) mod 31) mod 31. */
static bool uscc_ok(const char *c, size_t n)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	if (n != 18)
		return false;
	int sum = 0, w = 1;
	for (int i = 0; i < 17; i++) {
		const char *p = strchr(alphabet, c[i]);
		if (!p || !c[i])
			return false;
		sum += (int)(p - alphabet) * w;
		w = w * 3 % 31;
	}
	return alphabet[(31 - sum % 31) % 31] == c[17];
}

/* Province-level codes that begin a resident ID (GB/T 2260), including
 * 71 Taiwan, 81 Hong Kong, 82 Macao and 83 for residence permits. */
static bool cn_region_ok(const char *d)
{
	static const char *const provinces[] = {
		"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
		"35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
		"53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"};
	for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (d[0] == provinces[i][0] && d[1] == provinces[i][1])
			return true;
	return false;
}

/* 18 digits: region, yyyymmdd, sequence, ISO 7064 MOD 11-2 check (0-9/X).
 * 15 digits (issued before 1999): region, yymmdd in the 1900s, sequence. */
static bool valid_cn_id(const uint8_t *s, size_t len)
{
	char d[19];
	size_t n = redact_digits_of(s, len, d, sizeof d);
	if (n == 18) {
		static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
		static const char check[] = "10X98765432";
		if (!cn_region_ok(d) || memchr(d, 'X', 17))
			return false;
		int year = num(d + 6, 4);
		if (year < 1880 || year > 2099)
			return false;
		if (!redact_date_ok(year, num(d + 10, 2), num(d + 12, 2)))
			return false;
		int sum = 0;
		for (int i = 0; i < 17; i++)
			sum += (d[i] - '0') * weight[i];
		return check[sum % 11] == d[17];
	}
	if (n == 15) {
		if (!cn_region_ok(d) || memchr(d, 'X', 15))
			return false;
		return redact_date_ok(1900 + num(d + 6, 2), num(d + 8, 2), num(d + 10, 2));
	}
	return false;
}

/* Hong Kong identity card: one or two letters, six digits, check 0-9/A.
 * Weights 9..2 over (36 for the missing first letter of a one-letter
 * prefix, A=10..Z=35, digits); check = 11 - sum mod 11 (0 for 11, A for 10). */
static bool valid_hk_id(const uint8_t *s, size_t len)
{
	char c[10];
	size_t n = redact_alnum_of(s, len, c, sizeof c);
	if (n != 8 && n != 9)
		return false;
	int v[8], k = 0;
	if (n == 8)
		v[k++] = 36;
	for (size_t i = 0; i + 1 < n; i++) {
		if (c[i] >= 'A' && c[i] <= 'Z')
			v[k++] = c[i] - 'A' + 10;
		else
			v[k++] = c[i] - '0';
	}
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += v[i] * (9 - i);
	int r = (11 - sum % 11) % 11;
	char want = r == 10 ? 'A' : (char)('0' + r);
	return c[n - 1] == want;
}

/* Taiwan national ID: a letter (coded 10..35 in the order below), then 9
 * digits; the letter code's two digits and the 9 digits, weighted 1 9 8 7
 * 6 5 4 3 2 1 1, sum to a multiple of 10. */
static bool valid_tw_id(const uint8_t *s, size_t len)
{
	static const int code[26] = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
	                             22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33};
	static const int weight[11] = {1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1};
	char c[12];
	if (redact_alnum_of(s, len, c, sizeof c) != 10 || c[0] < 'A' || c[0] > 'Z')
		return false;
	int lc = code[c[0] - 'A'];
	int v[11] = {lc / 10, lc % 10};
	for (int i = 1; i < 10; i++) {
		if (c[i] < '0' || c[i] > '9')
			return false;
		v[i + 1] = c[i] - '0';
	}
	int sum = 0;
	for (int i = 0; i < 11; i++)
		sum += v[i] * weight[i];
	return sum % 10 == 0;
}

/* Length allowed for a card whose number starts with these digits. */
static bool card_prefix_ok(const char *d, size_t n)
{
	int two = num(d, 2), four = num(d, 4);
	switch (d[0]) {
	case '4': /* Visa */
		return n == 13 || n == 16 || n == 19;
	case '5': /* Mastercard, Maestro */
		return n >= 16;
	case '2': /* Mastercard 2-series */
		return n == 16 && four >= 2221 && four <= 2720;
	case '3':
		if (two == 34 || two == 37) /* American Express */
			return n == 15;
		if (two == 30 || two == 36 || two == 38 || two == 39) /* Diners */
			return n >= 14 && n <= 16;
		if (two == 35) /* JCB */
			return n >= 16;
		return false;
	case '6': /* UnionPay, Discover, Maestro */
		return n >= 16;
	default:
		return false;
	}
}

static bool valid_bank_card(const uint8_t *s, size_t len)
{
	char d[20];
	size_t n = redact_digits_of(s, len, d, sizeof d);
	if (n < 13 || n > 19 || memchr(d, 'X', n) || uscc_ok(d, n))
		return false;
	return card_prefix_ok(d, n) && redact_luhn_ok(d, n);
}

/* After a card cue: any 16-19 digit number not starting with 0 (some
 * domestic debit cards carry no Luhn digit), never a company's USCC. */
static bool valid_cued_card(const uint8_t *s, size_t len)
{
	char d[20];
	size_t n = redact_digits_of(s, len, d, sizeof d);
	if (n < 16 || n > 19 || memchr(d, 'X', n) || uscc_ok(d, n))
		return false;
	return d[0] != '0';
}

/* IBAN lengths by country (SWIFT IBAN registry). */
static int iban_length(const char *cc)
{
	static const struct {
		char cc[3];
		int len;
	} table[] = {
		{"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
		{"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
		{"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
		{"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
		{"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
		{"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
		{"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
		{"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
		{"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
		{"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
		{"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (cc[0] == table[i].cc[0] && cc[1] == table[i].cc[1])
			return table[i].len;
	return 0;
}

/* ISO 13616: the country's length, and mod 97 of the rearranged number
 * (first four characters moved to the end, A=10..Z=35) equals 1. */
static bool valid_iban(const uint8_t *s, size_t len)
{
	char c[40];
	size_t n = redact_alnum_of(s, len, c, sizeof c);
	if (n == SIZE_MAX || n < 15 || (int)n != iban_length(c))
		return false;
	int r = 0;
	for (size_t k = 0; k < n; k++) {
		char ch = c[(k + 4) % n];
		if (ch >= '0' && ch <= '9')
			r = (r * 10 + (ch - '0')) % 97;
		else
			r = (r * 100 + (ch - 'A' + 10)) % 97;
	}
	return r == 1;
}

/* US Social Security number: area not 000, 666 or 9xx; group not 00;
 * serial not 0000; not the two numbers known from advertisements. */
static bool valid_us_ssn(const uint8_t *s, size_t len)
{
	char d[10];
	if (redact_digits_of(s, len, d, sizeof d) != 9 || memchr(d, 'X', 9))
		return false;
	int area = num(d, 3), group = num(d + 3, 2), serial = num(d + 5, 4);
	if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0)
		return false;
	return strcmp(d, "078051120") != 0 && strcmp(d, "219099999") != 0;
}

/* The word after a passport cue: 1-2 letters and 6-9 digits, or 9 digits. */
static bool valid_passport(const uint8_t *s, size_t len)
{
	char c[16];
	size_t n = redact_alnum_of(s, len, c, sizeof c);
	return n >= 7 && n <= 11;
}

/* A cue within 12 characters before a value (no digit or line break in
 * between), as a lookbehind: one fixed-length branch per distance, each
 * checking the words (themselves a lookbehind) at that distance. Only
 * tried where a value-shaped candidate starts, which is rare. */
#define NEAR_GAP "[^0-9０-９\\n]"
#define NEAR_K(w, k) "|(?<=(?<=" w ")" NEAR_GAP "{" #k "})"
#define NEAR(w)                                                                                    \
	"(?:(?<=" w ")" NEAR_K(w, 1) NEAR_K(w, 2) NEAR_K(w, 3) NEAR_K(w, 4) NEAR_K(w, 5)            \
	NEAR_K(w, 6) NEAR_K(w, 7) NEAR_K(w, 8) NEAR_K(w, 9) NEAR_K(w, 10) NEAR_K(w, 11)             \
	NEAR_K(w, 12) ")"
/* 16-19 digits, or grouped 4-4-4-4(-3); the first line is a quick test. */
#define CUED_CARD_SHAPE                                                                            \
	"(?=" D "{4}[ \\-]?" D "{4}[ \\-]?" D "{4}[ \\-]?" D "{4})"                                 \
	"(?:" D "{16,19}|" D "{4}(?:[ \\-]" D "{4}){3}(?:[ \\-]?" D "{1,3})?)(?![0-9A-Za-z０-９])"
#define CARD_CUE                                                                                   \
	"(?:" CUE("[号號]", "卡号|卡號|账号|帐号|賬號|帳號")                                              \
	"|" CUE("卡", "银行卡|銀行卡|信用卡|借记卡|借記卡|储蓄卡|儲蓄卡")                                 \
	"|" CUE("[dD]", EN("card|Card|CARD")) "|" CUE("[tT]", EN("acct|Acct|ACCT")) ")"
#define PASSPORT_CUE                                                                               \
	"(?:" CUE("照", "护照|護照") "|" CUE("[号號]", "证件号|證件號")                                  \
	"|" CUE("件", "旅行证件|旅行證件")                                                               \
	"|" CUE("[tT]", EN("passport|Passport|PASSPORT") "|" EN("travel document|Travel document")   \
	              "|" EN("Travel Document|TRAVEL DOCUMENT")) ")"
#define PERMIT_CUE                                                                                 \
	"(?:" CUE("[证證]", "通行证|回乡证|通行證|回鄉證")                                               \
	"|" CUE("[tT]", EN("home return permit|Home Return Permit|HOME RETURN PERMIT")                  \
	              "|" EN("exit-entry permit|Exit-Entry Permit|EXIT-ENTRY PERMIT")) ")"

const struct redact_builtin redact_detect_ids[] = {
	{
		.name = "cn_id",
		.anchor = {{RC_RUN6, 0, 0}},
		.description = "Chinese resident ID numbers: 18 digits with a valid region, "
		               "birth date and MOD 11-2 check digit (also full-width, or grouped "
		               "6-8-4 by spaces); 15-digit legacy form",
		.example = "11010519491231002X",
		.pattern = "(?:(?=" CN_ID_SHAPE ")(?<![0-9０-９])" NOT_USCC CN_ID_SHAPE
		           SKIP_RUN(D) JIT_SCAN_HINT ")",
		.validate = valid_cn_id,
	},
	{
		.name = "hk_id",
		.anchor = {{RC_RUN6, 1, 2}},
		.description = "Hong Kong identity card numbers: one or two letters, six digits "
		               "and a check digit (0-9 or A), optionally in brackets",
		.example = "A123456(3)",
		.pattern = "(?<![A-Za-z0-9_\\-/])[A-Z]{1,2}" D "{6}"
		           "(?: ?[(（][0-9A０-９][)）]|[0-9A０-９])"
		           "(?![A-Za-z0-9_]|[\\-/.][A-Za-z0-9])",
		.validate = valid_hk_id,
	},
	{
		.name = "tw_id",
		.anchor = {{RC_RUN6, 1, 1}},
		.description = "Taiwan national ID numbers: a letter, 1/2 (or 8/9 for residence "
		               "permits) and 8 digits with a valid check digit",
		.example = "A123456789",
		.pattern = "(?<![A-Za-z0-9_\\-/])[A-Z][1289１２８９]" D "{8}"
		           "(?![A-Za-z0-9_０-９]|[\\-/.][A-Za-z0-9])",
		.validate = valid_tw_id,
	},
	{
		.name = "bank_card",
		.anchor = {{RC_RUN4, 0, 0}},
		.description = "payment card numbers: 13-19 digits, optionally grouped by "
		               "spaces or dashes, with a known prefix and a valid Luhn digit",
		.example = "6222 0212 3456 7894",
		.pattern = "(?:(?=" D "{4})(?<![0-9A-Za-z０-９])(?:"
		           D "{13,19}"
		           "|" D "{4}(?:[ \\-]" D "{4}){2,3}[ \\-]" D "{1,4}"
		           "|" D "{4}[ \\-]" D "{6}[ \\-]" D "{4,5}"
		           ")(?![0-9A-Za-z０-９])" SKIP_RUN(D) JIT_SCAN_HINT ")",
		.validate = valid_bank_card,
	},
	{
		.name = "bank_card_cued",
		.anchor = {{RC_RUN4, 0, 0}},
		.description = "card and account numbers (16-19 digits, or 4-4-4-4 groups) within "
		               "12 characters after a cue (卡号, 银行卡, 账号, card no...), even "
		               "without a Luhn digit",
		.example = "卡号：6222 0212 3456 7890",
		.example_masked = "卡号：*******************",
		.pattern = "(?:(?=" CUED_CARD_SHAPE ")(?<![0-9０-９])" NEAR(CARD_CUE) CUED_CARD_SHAPE
		           SKIP_RUN(D) JIT_SCAN_HINT ")",
		.validate = valid_cued_card,
	},
	{
		.name = "iban",
		.anchor = {{RC_DIGIT1, 2, 2}},
		.description = "international bank account numbers (IBAN): country, check digits "
		               "and account, the country's length and ISO 13616 mod 97",
		.example = "GB19 WEST 1234 5698 7654 99",
#define IBAN_LEN(codes, rest) "|(?:" codes ")[0-9]{2}(?: ?[0-9A-Z]){" #rest "}"
		.pattern = "(?<![A-Za-z0-9])(?:NO[0-9]{2}(?: ?[0-9A-Z]){11}"
		           IBAN_LEN("BE", 12)
		           IBAN_LEN("DK|FI|FO|GL|NL", 14)
		           IBAN_LEN("MK|SI", 15)
		           IBAN_LEN("AT|BA|EE|KZ|LT|LU|XK", 16)
		           IBAN_LEN("CH|HR|LI|LV", 17)
		           IBAN_LEN("BG|BH|CR|DE|GB|GE|IE|ME|RS|VA", 18)
		           IBAN_LEN("AE|GI|IL|IQ|TL", 19)
		           IBAN_LEN("AD|CZ|ES|MD|PK|RO|SA|SE|SK|TN|VG", 20)
		           IBAN_LEN("PT|ST", 21)
		           IBAN_LEN("IS|TR", 22)
		           IBAN_LEN("FR|GR|IT|MC|MR|SM", 23)
		           IBAN_LEN("AL|AZ|BY|CY|DO|GT|HU|LB|PL|SV", 24)
		           IBAN_LEN("BR|EG|PS|QA|UA", 25)
		           IBAN_LEN("JO|KW|MU", 26)
		           IBAN_LEN("MT|SC", 27)
		           IBAN_LEN("LC", 28)
		           ")(?![A-Za-z0-9])",
#undef IBAN_LEN
		.validate = valid_iban,
	},
	{
		.name = "us_ssn",
		.anchor = {{RC_RUN3, 0, 0}},
		.description = "US Social Security numbers AAA-GG-SSSS (dashes or spaces; "
		               "9 bare digits only after an SSN cue), never issued ranges excluded",
		.example = "536-22-1840",
		.pattern = "(?:(?:(?=" D "{3}[\\- ])(?<![0-9A-Za-z_\\-./０-９])"
		           D "{3}(?:-" D "{2}-|[ ]" D "{2}[ ])"
		           "|(?=" D "{9}(?![0-9０-９]))(?<![0-9０-９])"
		           CUE_LB("[NnYyr号號码碼]", "(?:" CUE("[Nn]", EN("SSN"))
		                  "|" CUE("[Yy]", EN("Social Security|social security|SOCIAL SECURITY"))
		                  "|" CUE("r", EN("Social Security Number|social security number"))
		                  "|" CUE("[号號]", "社会安全号|社會安全號")
		                  "|" CUE("[码碼]", "社会安全号码|社會安全號碼") ")")
		           D "{5})" D "{4}"
		           "(?![0-9A-Za-z_０-９]|[\\-.][0-9])" SKIP_RUN(D) JIT_SCAN_HINT ")",
		.validate = valid_us_ssn,
	},
	{
		.name = "cn_passport",
		.anchor = {{RC_RUN6, 1, 2}},
		.description = "Chinese passport numbers (E/G + 8 digits, E + letter + 7 digits, "
		               "DE/SE/PE + 7 digits) after a passport cue (护照, passport...)",
		.example = "护照号码：E12345678",
		.example_masked = "护照号码：*********",
		.pattern = "(?<![A-Za-z0-9])(?=[DEGPS][0-9A-Z０-９])" NEAR(PASSPORT_CUE)
		           "(?:[EG]" D "{8}|E[A-HJ-NP-Z]" D "{7}|[DSP]E" D "{7})"
		           "(?![A-Za-z0-9０-９])",
	},
	{
		.name = "hk_macau_permit",
		.anchor = {{RC_RUN6, 1, 2}},
		.description = "travel permit numbers after a permit cue (通行证, 回乡证...): "
		               "H/M + 8 or 10 digits, C + 8 characters",
		.example = "港澳通行证：C12345678",
		.example_masked = "港澳通行证：*********",
		.pattern = "(?<![A-Za-z0-9])(?=[HMC][0-9A-Z０-９])" NEAR(PERMIT_CUE)
		           "(?:[HM]" D "{8}(?:" D "{2})?|C[0-9A-Z]" D "{7})"
		           "(?![A-Za-z0-9０-９])",
	},
	{
		.name = "passport",
		.anchor = {{RC_RUN6, 0, 2}},
		.description = "passport and travel document numbers (1-2 letters and 6-9 digits, "
		               "or 9 digits as in US and UK passports) after a passport cue "
		               "(护照, passport, 证件号, travel document)",
		.example = "Passport No. X12345678",
		.example_masked = "Passport No. *********",
		.pattern = "(?:(?=[A-Z]{1,2}" D "{6}|" D "{9}(?![0-9０-９]))(?<![A-Za-z0-9０-９])"
		           NEAR(PASSPORT_CUE) "(?:[A-Z]{1,2}" D "{6,9}|" D "{9})"
		           "(?![A-Za-z0-9０-９]|[\\-.][0-9０-９])" SKIP_RUN(D) JIT_SCAN_HINT ")",
		.validate = valid_passport,
	},
};

const size_t redact_detect_ids_count = sizeof redact_detect_ids / sizeof redact_detect_ids[0];

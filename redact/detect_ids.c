/*
 * detect_ids.c — built-in detectors for identifiers with check digits:
 * Chinese resident ID numbers and payment card numbers.
 *
 * The patterns follow the rules at the top of detect_contact.c. The
 * validators reject rather than guess: an 18-digit order number whose
 * check digit is wrong stays visible.
 */
#include <string.h>

#include "redact_i.h"

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
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
		if (!redact_date_ok(num(d + 6, 4), num(d + 10, 2), num(d + 12, 2)))
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
	if (n < 13 || n > 19 || memchr(d, 'X', n))
		return false;
	return card_prefix_ok(d, n) && redact_luhn_ok(d, n);
}

const struct redact_builtin redact_detect_ids[] = {
	{
		.name = "cn_id",
		.description = "Chinese resident ID numbers: 18 digits with a valid region, "
		               "birth date and MOD 11-2 check digit; 15-digit legacy form",
		.example = "11010519491231002X",
		.pattern = "(?<![0-9])(?:"
		           "[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
		           "(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
		           "|[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])"
		           "(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"
		           ")(?![0-9])",
		.validate = valid_cn_id,
	},
	{
		.name = "bank_card",
		.description = "payment card numbers: 13-19 digits, optionally grouped by "
		               "spaces or dashes, with a known prefix and a valid Luhn digit",
		.example = "6222 0212 3456 7894",
		.pattern = "(?<![0-9])(?:"
		           "[0-9]{13,19}"
		           "|[0-9]{4}(?:[ \\-][0-9]{4}){2,3}[ \\-][0-9]{1,4}"
		           "|[0-9]{4}[ \\-][0-9]{6}[ \\-][0-9]{4,5}"
		           ")(?![0-9])",
		.validate = valid_bank_card,
	},
};

const size_t redact_detect_ids_count = sizeof redact_detect_ids / sizeof redact_detect_ids[0];

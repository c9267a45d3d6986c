/*
 * validate.c — validators: the checks a candidate must pass to count as a
 * value (check digits, real dates, plausible card prefixes).
 *
 * Each validator sees only the matched bytes, so a decision depends on the
 * value alone. They reject rather than guess: a rejected candidate stays
 * visible, which is why the patterns in detectors.c are kept strict too.
 */
#include <string.h>

#include "redact_i.h"

/* Copies the ASCII digits of s (and a trailing X/x as 'X') into out;
 * returns how many, or SIZE_MAX when there are more than cap. */
static size_t digits_of(const uint8_t *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = (char)s[i];
		if ((c >= '0' && c <= '9') || c == 'X' || c == 'x') {
			if (n == cap)
				return SIZE_MAX;
			out[n++] = (c == 'x') ? 'X' : c;
		}
	}
	return n;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool redact_date_ok(int year, int month, int day)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12 || day < 1)
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int max = days[month - 1] + (month == 2 && leap);
	return day <= max;
}

bool redact_luhn_ok(const char *digits, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int d = digits[n - 1 - i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return n > 0 && sum % 10 == 0;
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
bool redact_valid_cn_id(const uint8_t *s, size_t len)
{
	char d[18];
	size_t n = digits_of(s, len, d, sizeof d);
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

bool redact_valid_bank_card(const uint8_t *s, size_t len)
{
	char d[19];
	size_t n = digits_of(s, len, d, sizeof d);
	if (n < 13 || n > 19 || memchr(d, 'X', n))
		return false;
	return card_prefix_ok(d, n) && redact_luhn_ok(d, n);
}

/* Phone numbers in every accepted form carry 8 to 15 digits (E.164). */
bool redact_valid_phone(const uint8_t *s, size_t len)
{
	char d[15];
	size_t n = digits_of(s, len, d, sizeof d);
	return n != SIZE_MAX && n >= 8 && !memchr(d, 'X', n);
}

/*
 * validate.c — helpers shared by the validators of the detect_*.c files:
 * digits of a candidate (ASCII and full-width), Luhn, calendar dates.
 *
 * Validators see only the matched bytes, so a decision depends on the
 * value alone, never on where in the file it stands.
 */
#include "redact_i.h"

/* fold.c turns full-width letters and digits into ASCII before any
 * detector runs, so validators only ever see ASCII ones. */
static size_t chars_of(const uint8_t *s, size_t len, char *out, size_t cap, bool letters)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = (char)s[i];
		/* a full-width digit or letter (U+FF10-FF5A) is its ASCII
		 * form, where a scan of a file's own bytes meets one */
		if (s[i] == 0xEF && i + 2 < len && (s[i + 1] == 0xBC || s[i + 1] == 0xBD)) {
			unsigned cp = 0xF000u | (unsigned)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
			if (cp >= 0xFF10 && cp <= 0xFF19)
				c = (char)('0' + cp - 0xFF10);
			else if (cp >= 0xFF21 && cp <= 0xFF3A)
				c = (char)('A' + cp - 0xFF21);
			else if (cp >= 0xFF41 && cp <= 0xFF5A)
				c = (char)('a' + cp - 0xFF41);
			if (c != (char)s[i])
				i += 2;
		}
		if (c >= 'a' && c <= 'z' && (letters || c == 'x'))
			c = (char)(c - 'a' + 'A');
		bool keep = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && (letters || c == 'X'));
		if (!keep)
			continue;
		if (n + 1 >= cap)
			return SIZE_MAX;
		out[n++] = c;
	}
	if (cap)
		out[n] = '\0';
	return n;
}

size_t redact_digits_of(const uint8_t *s, size_t len, char *out, size_t cap)
{
	return chars_of(s, len, out, cap, false);
}

size_t redact_alnum_of(const uint8_t *s, size_t len, char *out, size_t cap)
{
	return chars_of(s, len, out, cap, true);
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

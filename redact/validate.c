/*
 * validate.c — helpers shared by the validators of the detect_*.c files:
 * digits of a candidate (ASCII and full-width), Luhn, calendar dates.
 *
 * Validators see only the matched bytes, so a decision depends on the
 * value alone, never on where in the file it stands.
 */
#include "redact_i.h"

size_t redact_digits_of(const uint8_t *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = 0;
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == 'X' || s[i] == 'x') {
			c = (s[i] == 'x') ? 'X' : (char)s[i];
		} else if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBC && s[i + 2] >= 0x90 &&
		           s[i + 2] <= 0x99) {
			c = (char)('0' + (s[i + 2] - 0x90)); /* ０..９ U+FF10..U+FF19 */
			i += 2;
		} else if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBC && s[i + 2] == 0xB8) {
			c = 'X'; /* Ｘ U+FF38 */
			i += 2;
		}
		if (!c)
			continue;
		if (n + 1 >= cap)
			return SIZE_MAX;
		out[n++] = c;
	}
	if (cap)
		out[n] = '\0';
	return n;
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

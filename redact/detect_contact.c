/*
 * detect_contact.c — built-in detectors for contact data: e-mail addresses,
 * telephone numbers, IPv4 addresses.
 *
 * Rules every pattern in the detect_*.c files keeps:
 * - No \b next to digits: with UCP, \b does not fall between a CJK
 *   character and a digit ("手机13812345678"), so values are fenced with
 *   explicit lookarounds such as (?<![0-9]) and (?![0-9]).
 * - Bounded: every repetition has an upper bound, so a match is short and
 *   the engine's block reach (REDACT_REACH) is never the limit for them.
 * - Strict shape, then a validator for what a regex cannot check.
 */
#include "redact_i.h"

#define OCTET "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
#define SEP "[ .\\-]"

/* Phone numbers in every accepted form carry 8 to 15 digits (E.164). */
static bool valid_phone(const uint8_t *s, size_t len)
{
	char d[16];
	size_t n = redact_digits_of(s, len, d, sizeof d);
	return n >= 8 && n <= 15;
}

const struct redact_builtin redact_detect_contact[] = {
	{
		.name = "email",
		.description = "e-mail addresses (local@domain.tld)",
		.example = "alice.wang@example.com",
		.pattern = "(?<![A-Za-z0-9._%+\\-])"
		           "[A-Za-z0-9._%+\\-]{1,64}@"
		           "(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.){1,8}"
		           "[A-Za-z]{2,24}"
		           "(?![A-Za-z0-9\\-])",
	},
	{
		.name = "phone",
		.description = "telephone numbers: Chinese mobiles (+86/0086 optional), "
		               "Chinese landlines with area code, international E.164",
		.example = "+86 138-1234-5678",
		.pattern = "(?<![0-9])(?:"
		           /* Chinese mobile: 1[3-9]X XXXX XXXX, optional +86 / 0086 */
		           "(?:(?:\\+|00)86" SEP "?)?1[3-9][0-9](?:" SEP "?[0-9]{4}){2}"
		           /* Chinese landline: 0AA(A)-NNNNNNN(N), also (0AA) NNNN... */
		           "|0[1-9][0-9]{1,2}[ \\-][1-9][0-9]{6,7}"
		           "|\\(0[1-9][0-9]{1,2}\\) ?[1-9][0-9]{6,7}"
		           /* International: +CC then 7-14 more digits, groups allowed */
		           "|\\+[1-9][0-9]{0,2}" SEP "?(?:\\([0-9]{1,4}\\)" SEP "?)?"
		           "(?:[0-9]" SEP "?){5,13}[0-9]"
		           ")(?![0-9])",
		.validate = valid_phone,
	},
	{
		.name = "ipv4",
		.description = "IPv4 addresses (dotted quad; not version strings like v1.2.3.4)",
		.example = "192.168.10.23",
		.pattern = "(?<![0-9.])(?<![vV])(?<!version )(?<!Version )"
		           "(?:" OCTET "\\.){3}" OCTET "(?![0-9]|\\.[0-9])",
	},
};

const size_t redact_detect_contact_count =
	sizeof redact_detect_contact / sizeof redact_detect_contact[0];

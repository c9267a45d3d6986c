/*
 * detectors.c — the built-in detectors: name, pattern, validator, and an
 * invented example each.
 *
 * Rules every pattern here keeps:
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

const struct redact_builtin redact_builtins[] = {
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
		.validate = redact_valid_phone,
	},
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
		.validate = redact_valid_cn_id,
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
		.validate = redact_valid_bank_card,
	},
	{
		.name = "ipv4",
		.description = "IPv4 addresses (dotted quad; not version strings like v1.2.3.4)",
		.example = "192.168.10.23",
		.pattern = "(?<![0-9.])(?<![vV])(?<!version )(?<!Version )"
		           "(?:" OCTET "\\.){3}" OCTET "(?![0-9]|\\.[0-9])",
	},
};

const size_t redact_builtin_count = sizeof redact_builtins / sizeof redact_builtins[0];

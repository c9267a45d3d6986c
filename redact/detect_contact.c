/*
 * detect_contact.c — built-in detectors for contact data: e-mail addresses,
 * telephone numbers, IPv4 and IPv6 addresses, MAC addresses.
 *
 * Rules every pattern in the detect_*.c files keeps:
 * - No \b next to digits: with UCP, \b does not fall between a CJK
 *   character and a digit ("手机13812345678"), so values are fenced with
 *   explicit lookarounds such as (?<![0-9]) and (?![0-9]).
 * - Full-width digits (０-９) count as digits, in fences too.
 * - Bounded: every repetition has an upper bound, so a match is short and
 *   the engine's block reach (REDACT_REACH) is never the limit for them.
 * - Strict shape, then a validator for what a regex cannot check. Weaker
 *   shapes only right after a cue word ("电话", "Tel"), found by a
 *   lookbehind so that the match is the value alone.
 * - Cheap first: a match starts at a distinctive character (a digit, '+',
 *   '@'-bearing word...), quick lookaheads come before long lookbehinds,
 *   and SKIP_RUN lets the search jump over a run in which no match can
 *   start. The engine tries every position of every block; a pattern that
 *   does heavy work at every letter of a text costs the whole mount.
 */
#include <string.h>

#include "patterns_i.h"
#include "redact_i.h"

#define OCTET "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
#define IPV4 "(?:" OCTET "\\.){3}" OCTET
#define SEP "[ .\\-]"

/* ---- e-mail ------------------------------------------------------------ */

/* A local part: no dash first, and no run of dashes inside, so that the
 * "----" between the cells of a dump row is a delimiter, not an address's.
 * Possessive, then (*SKIP): a match never starts inside a local part. */
#define LOCAL "[A-Za-z0-9._%+]{1,64}+(?:-(?!-)[A-Za-z0-9._%+]{1,63}+){0,20}+(*SKIP)"
/* A Message-ID is shaped like an address but names a message: after a
 * Message-ID, In-Reply-To, References or Content-ID header, or a
 * message_id key, up to seven separators before it (": <", "\":  \"<",
 * "  =  <"). Only the first of a References list: "> <" also separates
 * the mailboxes of a sloppy To line, and those are addresses. Its
 * local part may hold characters no address has in practice ($ ! ^ ~):
 * no address starts right after one of them. */
#define MSGID_KEY                                                                                  \
	"(?<=(?i)message-id|message_id|messageid|msg_id|msgid|in-reply-to|in_reply_to"              \
	"|references|content-id)"
#define MSGID_SEP "[ \t:=\"'<]"
#define MSGID_AT(k) "(?<=" MSGID_KEY MSGID_SEP "{" #k "})"
#define NOT_MSGID                                                                                  \
	"(?!(?<=[ \t:=\"'<])(?:" MSGID_AT(1) "|" MSGID_AT(2) "|" MSGID_AT(3) "|" MSGID_AT(4) "|"   \
	MSGID_AT(5) "|" MSGID_AT(6) "|" MSGID_AT(7) "))"
/* Cheap first: a local part's characters and then an at sign (or a
 * bracketed "at") follow; the look behind for a Message-ID key runs only
 * there. */
#define AT_FOLLOWS "(?=[A-Za-z0-9._%+\\-]{1,64}+(?:[@＠]| ?[\\[(]))"
#define LABEL "[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?"
/* "alice [at] example [dot] com", "alice(at)example.com": only the
 * bracketed words; "alice at example dot com" is too close to prose
 * ("look at the dot com boom"). */
#define OBF_AT "(?: ?[\\[(](?i:at)[\\])] ?)"
#define OBF_DOT "(?: ?[\\[(](?i:dot)[\\])] ?|\\.)"

/* ---- telephone --------------------------------------------------------- */

/* A value starts here: no digit or letter glued before it, nor a digit
 * group joined to it by a dash or a dot (ISBNs, UUIDs, version strings). */
#define FENCE_L "(?<![0-9A-Za-z_０-９]|[0-9A-Za-z][\\-.])"
#define FENCE_R "(?![0-9A-Za-z_０-９]|[\\-.][0-9A-Za-z])"
/* A number grouped by spaces is not one whose first or last group belongs
 * to a longer run of digit groups separated by blanks ("5044 0803 8311
 * 2644", a card or reference number, holds the landline-shaped "0803 8311
 * 2644"). Only a number that is itself space-grouped is held to this:
 * "2 13812345678" in a table still is a phone number; so is one after a
 * date or time ("2023-10-15 12:00 010 6234 5678"): a group next to the
 * number counts only when it stands alone, not glued to a letter or one
 * of - . : / (RUN_GLUE).
 * RUN_L stands right after the first separator of a shape, and only when
 * it is a blank (DASH_RUN, SEP_RUN), so it costs nothing where no
 * candidate gets that far. There, the group before the blank is the
 * number's first (FENCE_L: no digit before it): only the branch whose
 * length is that group's can match, so one lookbehind serves every shape.
 * Each branch checks its blanks and digits before the costlier look at
 * the group before. */
#define RUN_GLUE "[0-9０-９A-Za-z\\-.:/]"
#define RUN_G(k) "(?<!" RUN_GLUE ")" D "{" #k "}"
#define RUN_PREV "(?<=" RUN_G(1) "|" RUN_G(2) "|" RUN_G(3) "|" RUN_G(4) "|" RUN_G(5) "|" RUN_G(6) ")"
#define RUN_K(k) " " D "{" #k "} (?<=" RUN_PREV " " D "{" #k "} )"
#define RUN_L "(?<!" RUN_K(1) "|" RUN_K(2) "|" RUN_K(3) "|" RUN_K(4) "|" RUN_K(5) ")"
/* A dash, or a blank checked by RUN_L; the same with a dot. */
#define DASH_RUN "(?:-| " RUN_L ")"
#define SEP_RUN "(?:[.\\-]| " RUN_L ")"
/* The same at the end: a space-grouped number followed by a blank and a
 * group standing alone. */
#define RUN_R                                                                                      \
	"(?!(?= [0-9０-９])(?<= " D "{2}| " D "{3}| " D "{4}| " D "{5}| " D "{6})"                      \
	"(?= " D "{1,6}(?!" RUN_GLUE ")))"

#define PHONE_CUE                                                                                  \
	CUE_LB("[话話机機真号號式码碼lLxXbBeEp]",                                                       \
	       "(?:" CUE("[话話]", "电话|電話|联系电话|聯絡電話")                                        \
	       "|" CUE("[机機]", "手机|手機|座机|座機")                                                  \
	       "|" CUE("真", "传真|傳真")                                                                \
	       "|" CUE("[号號]", "手机号|电话号|手機號|電話號")                                          \
	       "|" CUE("式", "联系方式|聯絡方式")                                                        \
	       "|" CUE("[码碼]", "手机号码|电话号码|手機號碼|電話號碼")                                  \
	       "|" CUE("[lL]", EN("Tel|TEL|tel") "|" EN("Cell|cell|CELL"))                              \
	       "|" CUE("[xX]", EN("Fax|FAX|fax"))                                                        \
	       "|" CUE("[bB]", EN("Mob|MOB"))                                                            \
	       "|" CUE("[eE]", EN("Phone|phone|PHONE") "|" EN("Mobile|mobile|MOBILE")                   \
	                       "|" EN("Telephone|telephone|TELEPHONE"))                                 \
	       "|" CUE("p", EN("WhatsApp")) ")")
/* After a cue: 7-15 digits, spaces or dashes between them; not a date.
 * Cheap tests first (the character before, the digits after), the long
 * lookbehind last. */
#define PHONE_WEAK                                                                                 \
	"(?=" D "(?:[ \\-]?" D "){6})(?<![0-9０-９])"                                                 \
	"(?!" D "{4}[\\-./]" D "{1,2}[\\-./]" D "{1,2}(?![0-9０-９]))" PHONE_CUE                     \
	D "(?:[ \\-]?" D "){6,14}(?![0-9０-９]|[\\-.][0-9])"

#define MOBILE "[1１][3-9３-９]" D "(?:" SEP "?" D "{4}){2}"
/* Strict shapes, by first character so that a position is tried against
 * one branch only. */
#define PHONE_STRICT                                                                               \
	FENCE_L "(?:"                                                                                  \
	/* +CC then 6-14 more digits, groups allowed (+86, +852, +886, +1, +44...) */                  \
	"[+＋][1-9]" D "{0,2}" SEP "?(?:\\(" D "{1,4}\\)" SEP "?)?(?:" D SEP "?){5,13}" D          \
	/* (+86) 138..., (021) 6234 5678, (02) 2345-6789, (415) 555-2671 */                            \
	"|\\((?:[+＋]?86\\) ?" MOBILE "|0[1-9]" D "{0,2}\\) ?[1-9１-９]" D "{2,3}[ \\-]?" D "{4}" \
	"|[2-9]" D "{2}\\) ?[2-9]" D "{2}[\\-. ]" D "{4})"                                          \
	"|[0０](?:"                                                                                    \
	/* 0086 138 1234 5678 */                                                                       \
	"086" SEP_RUN "?" MOBILE                                                                     \
	/* landlines 010-12345678, 0571 8888 8888, UK 020 7946 0958, 0161 496 0000 */                 \
	"|[1-9]" D "{1,2}" DASH_RUN "[1-9１-９]" D "{2,3}[ \\-]?" D "{4}"                       \
	/* UK 07700 900123, Taiwan 02-2345-6789 and 0912-345-678 */                                    \
	"|[1-9]" D "{3} " RUN_L D "{3} ?" D "{3}"                                                      \
	"|[2-8]" DASH_RUN D "{3,4}[ \\-]" D "{4}"                                               \
	"|9" D "{2}" DASH_RUN D "{3}[ \\-]?" D "{3})"                                           \
	/* mainland mobiles 138 1234 5678; 1-415-555-2671 */                                           \
	"|[1１][3-9３-９]" D SEP_RUN "?" D "{4}" SEP "?" D "{4}"                                      \
	"|1" SEP_RUN "(?:\\([2-9]" D "{2}\\) ?|[2-9]" D "{2}[\\-. ])[2-9]" D "{2}[\\-. ]" D "{4}" \
	/* North America 415-555-2671, 415.555.2671, 415 555 2671 */                                   \
	"|[2-9]" D "{2}(?:-[2-9]" D "{2}-|\\.[2-9]" D "{2}\\.| " RUN_L "[2-9]" D "{2} )" D "{4}"   \
	")" FENCE_R RUN_R

/* Phone numbers in every accepted form carry 7 to 15 digits (E.164). */
static bool valid_phone(const uint8_t *s, size_t len)
{
	char d[16];
	size_t n = redact_digits_of(s, len, d, sizeof d);
	return n != SIZE_MAX && n >= 7 && n <= 15 && !memchr(d, 'X', n);
}

/* ---- IPv4 --------------------------------------------------------------- */

/* A dotted quad right after a version cue is a version, not an address:
 * v1.2.3.4, ver=10.14.62.55, "app_version":"2.14.68.30", Version: 6.2.0.1,
 * build 10.0.3.2, release/1.2.3.4, 版本号：1.2.0.3, and a browser's
 * Chrome/120.0.0.0. The cue word is not glued to letters before it
 * ("server=10.0.0.1" is an address), except in camelCase (appVersion) and
 * for "version" itself (appversion). Between cue and number: up to five
 * separators (blank, = : " ' > # . _ - / \ ( [ ：), no letter or digit.
 * Browser tokens (Chrome/, Safari/...) only with the slash. */
#define VER_WORDS                                                                                  \
	"(?<=[vVrRdDeEnN本号號])(?<="                                                                   \
	"(?<![A-Za-z])[vV]|(?<![A-Za-z])(?i:ver|rev)|(?<=[a-z])(?:Ver|Rev)"                            \
	"|(?<![A-Za-z])(?i:build)|(?<=[a-z])Build"                                                     \
	"|(?i:version)|(?<![A-Za-z])(?i:release)|(?<=[a-z])Release|(?i:revision)"                      \
	"|版本|版本[号號])"
#define VER_SEP "[ \t=:\"'>#._\\-/\\\\(\\[：]"
/* A cue, then k separators, right before here; whether there are k
 * separators at all is asked first, so that most numbers are let through
 * after a look at the one or two characters before them. */
#define VER_AT(k) "(?<=(?<=" VER_WORDS ")" VER_SEP "{" #k "})"
#define VER_SEPS(k) "(?<=" VER_SEP "{" #k "})"
#define NOT_VERSION                                                                                \
	"(?!(?<=" VER_WORDS ")|" VER_SEPS(1) "(?:" VER_AT(1) "|" VER_SEPS(2) "(?:" VER_AT(2) "|"       \
	VER_SEPS(3) "(?:" VER_AT(3) "|" VER_SEPS(4) "(?:" VER_AT(4) "|" VER_AT(5) "))))"              \
	"|(?<=/)(?<=Edg/|OPR/|Edge/|CriOS/|Chrome/|Safari/|Firefox/|Chromium/))"

/* ---- IPv6, MAC ---------------------------------------------------------- */

#define H "[0-9A-Fa-f]{1,4}"
/* A clock time (12:41, 12:41:03) is never an address: a quick way out for
 * the one near miss that every log line carries. */
#define NOT_TIME "(?![0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9A-Fa-f:]))"
#define IPV6                                                                                       \
	"(?:(?:" H ":){6}" IPV4                                                                        \
	"|::(?:[Ff]{4}(?::0{1,4})?:)?" IPV4                                                            \
	"|(?:" H ":){1,5}:(?:" H ":){0,4}" IPV4                                                        \
	"|(?:" H ":){7}" H                                                                             \
	"|(?:" H ":){1,6}(?::" H "){1,6}"                                                              \
	"|(?:" H ":){1,7}:"                                                                            \
	"|:(?::" H "){1,7}"                                                                            \
	")"

/* The shape is left to the pattern; what it cannot say: at most 8 groups,
 * at most one "::", and at least one decimal digit, so that C++ scopes made
 * of hex letters ("add::face") stay visible. */
static bool valid_ipv6(const uint8_t *s, size_t len)
{
	size_t end = 0, colons = 0, doubles = 0;
	bool digit = false, dotted = false;
	while (end < len && s[end] != '%' && s[end] != '/')
		end++;
	for (size_t i = 0; i < end; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		if (s[i] == '.')
			dotted = true;
		if (s[i] == ':') {
			colons++;
			if (i + 1 < end && s[i + 1] == ':')
				doubles++;
		}
	}
	if (!digit || doubles > 1 || colons > 7)
		return false;
	if (doubles == 0 && colons != (dotted ? 6u : 7u))
		return false;
	return true;
}

/* Cisco's dotted form (0123.4567.89ab) must hold a hex letter, or it is a
 * number with dots; the other forms are distinctive enough. */
static bool valid_mac(const uint8_t *s, size_t len)
{
	if (len != 14)
		return true;
	for (size_t i = 0; i < len; i++)
		if ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))
			return true;
	return false;
}

const struct redact_builtin redact_detect_contact[] = {
	{
		.name = "email",
		.anchor = {{RC_AT, 1, 65}},
		.description = "e-mail addresses (local@domain.tld, also with a full-width ＠, "
		               "inside <...>, mailto: and URLs, and written \"alice [at] example [dot] com\")",
		.example = "alice.wang@example.com",
		.pattern = "(?<![A-Za-z0-9._%+$!^~])(?<!(?<!-)-)" AT_FOLLOWS NOT_MSGID LOCAL
		           "(?:[@＠](?:" LABEL "\\.){1,8}[A-Za-z]{2,24}"
		           "|" OBF_AT "(?:" LABEL OBF_DOT "){1,8}[A-Za-z]{2,24})"
		           "(?![A-Za-z0-9]|-(?!-))",
	},
	{
		.name = "phone",
		.anchor = {{RC_DIGIT1, 0, 2}},
		.description = "telephone numbers: mainland China mobiles and landlines, Hong Kong, "
		               "Taiwan, North America, UK and international +CC forms; weaker "
		               "shapes (bare 7-15 digits) after a cue such as 电话, 手机, Tel, Phone",
		.example = "+86 138-1234-5678",
		.pattern = "(?:" PHONE_STRICT "|" PHONE_WEAK SKIP_RUN("[0-9０-９]") ")",
		.validate = valid_phone,
	},
	{
		.name = "ipv4",
		.anchor = {{RC_GEONUM, 0, 0}},
		.description = "IPv4 addresses (dotted quad; not version strings like v1.2.3.4)",
		.example = "192.168.10.23",
		.pattern = "(?:(?<![0-9.])(?=[0-9]{1,3}\\.[0-9])" NOT_VERSION
		           IPV4 "(?![0-9]|\\.[0-9])" SKIP_RUN("[0-9]") ")",
	},
	{
		.name = "ipv6",
		.anchor = {{RC_COLON, 0, 4}},
		.description = "IPv6 addresses: full, compressed (::), with an embedded IPv4 "
		               "address, a zone (%eth0) or a prefix length (/64)",
		.example = "2001:db8:85a3::8a2e:370:7334",
		.pattern = "(?:(?<![0-9A-Za-z_:.])(?=[0-9A-Fa-f]{0,4}:)" NOT_TIME IPV6
		           "(?:%[0-9A-Za-z_.\\-]{1,15}|/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9]))?"
		           "(?![0-9A-Za-z_:]|\\.[0-9])" SKIP_RUN("[0-9A-Fa-f]") ")",
		.validate = valid_ipv6,
	},
	{
		.name = "mac",
		.anchor = {{RC_MACSEP, 2, 4}},
		.description = "MAC addresses: 01:23:45:67:89:ab, 01-23-45-67-89-AB, 0123.4567.89ab",
		.example = "00:1a:2b:3c:4d:5e",
		.pattern = "(?:(?<![0-9A-Za-z_:\\-.])(?=[0-9A-Fa-f]{2}[:\\-]|[0-9A-Fa-f]{4}\\.)" NOT_TIME "(?:"
		           "[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}"
		           "|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}"
		           "|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}"
		           ")(?![0-9A-Za-z_:\\-]|\\.[0-9A-Za-z])" SKIP_RUN("[0-9A-Fa-f]") ")",
		.validate = valid_mac,
	},
};

const size_t redact_detect_contact_count =
	sizeof redact_detect_contact / sizeof redact_detect_contact[0];

/*
 * detect_address.c — the built-in detector of postal addresses, by their
 * grammar: Chinese addresses by their levels and street parts in order
 * (address_zh_i.h), Western ones by house number, street and type, unit,
 * town and postcode, or street, number and postcode (address_en_i.h).
 *
 * The whole address is the value, from its first part to the end of its
 * room number or postcode; a cue word before it (住, 寄到, Ship to) stays
 * readable but is not needed. The rules at the top of detect_contact.c
 * apply (bounded, cheap first).
 */
#include <string.h>

#include "address_en_i.h"
#include "address_zh_i.h"
#include "patterns_i.h"
#include "records_i.h"
#include "redact_i.h"

/* ---- street-first addresses: is the street a street? ---------------- */

/* Endings of German and Dutch street names (lower case, UTF-8). */
static const char *const street_endings[] = {
	"straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer",
	"markt", "chaussee", "steig", "pfad", "hof", "berg", "feld", "garten", "park", "brücke",
	"graben", "kamp", "wall", "tor", "zeile", "stieg", "winkel", "grund", "anger", "aue",
	"bogen", "wiese", "siedlung", "heide", "blick", "tal", "twiete", "promenade", "kai",
	"straat", "laan", "gracht", "plein", "kade", "singel", "dijk", "pad", "dreef", "steeg",
	"wal", "plantsoen", "baan", "haven", "veld", "hout", "kant", "erf", "dam", "zijde",
	"oord", "plaats", "hoven", "brink", "vest", "markt", NULL,
};

/* Words that start a street's name (Am Markt, An der Alster, Op de Laak)
 * or are one on their own (Rue, Via), and the unit words of "Flat 3,
 * 12 Kings Road" (number-first: no street to check). */
static const char *const street_words[] = {
	"am", "an", "auf", "im", "in", "zum", "zur", "unter", "hinter", "bei", "vor", "alte",
	"alter", "neue", "neuer", "große", "kleine", "oude", "nieuwe", "korte", "lange", "het",
	"de", "den", "op", "sankt", "rue", "avenue", "boulevard", "via", "viale", "piazza",
	"calle", "plaza", "rua", "avenida", "place", "chemin", "flat", "apartment", "apt", "unit",
	"suite", "ste", "room", "rm", "floor", "fl", NULL,
};

static bool word_is(const uint8_t *w, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((w[i] < 0x80 ? (w[i] | 0x20) : w[i]) != (uint8_t)word[i])
			return false;
	return true;
}

static bool word_ends(const uint8_t *w, size_t n, const char *end)
{
	size_t k = strlen(end);
	return k < n && word_is(w + n - k, k, end);
}

/* A value that starts with a letter is street-first (Lindenstraße 5, ...)
 * or starts with a unit (Flat 3, ...): one of its words before the house
 * number is a street word, or the last ends like a street. Number-first
 * and Chinese values pass. */
static bool valid_address(const uint8_t *s, size_t len)
{
	if (len == 0 || s[0] >= 0x80 || (s[0] >= '0' && s[0] <= '9'))
		return true;
	size_t end = 0;
	while (end + 1 < len && !(s[end] == ' ' && s[end + 1] >= '0' && s[end + 1] <= '9'))
		end++;
	for (size_t i = 0; i < end;) {
		size_t j = i;
		while (j < end && s[j] != ' ' && s[j] != '-')
			j++;
		for (const char *const *w = street_words; *w; w++)
			if (word_is(s + i, j - i, *w))
				return true;
		if (j == end)
			for (const char *const *e = street_endings; *e; e++)
				if (word_ends(s + i, j - i, *e) || word_is(s + i, j - i, *e))
					return true;
		i = j + 1;
	}
	return false;
}

/* At the input's end: a value that starts with a letter is unfinished
 * only once its house number has been written, and then its street can
 * no longer change and must be a street ("Page 3", "January 2024" on a
 * file's last line are none, whatever postcode line might follow). A
 * capitalised word alone ("Paris") is no address of anyone yet. Chinese
 * and number-first values are unfinished from their start. */
static bool valid_unfinished_address(const uint8_t *s, size_t len)
{
	if (len == 0 || s[0] >= 0x80 || (s[0] >= '0' && s[0] <= '9'))
		return true;
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] >= '0' && s[i + 1] <= '9')
			return valid_address(s, len);
	return false;
}

/* ---- the detector ---------------------------------------------------- */

/* The unit words a number-first address may start with (Flat 3, Apt. 4B,
 * Unit C): the prefilter's cue for that start (EN_UNIT_WORD). */
static const struct redact_cue address_cues[] = {
	REDACT_CUE("flat", NULL), REDACT_CUE("apartment", NULL), REDACT_CUE("apt", NULL),
	REDACT_CUE("unit", NULL), REDACT_CUE("suite", NULL), REDACT_CUE("ste", NULL),
	REDACT_CUE("room", NULL), REDACT_CUE("rm", NULL), REDACT_CUE("floor", NULL),
	REDACT_CUE("fl", NULL), REDACT_CUES_END,
};

const struct redact_builtin redact_detect_address[] = {
	{
		.name = "address",
		/* Chinese: a Han character; number-first: a house number or a
		 * unit word; street-first: a postcode and its town, 4 to 168
		 * bytes after the start. */
		.anchor = {{RC_HIGH, 0, 0}, {RC_ADDRNUM, 0, 0}, {RC_CUE, 0, 0}, {RC_POSTCODE, 4, 168},
		           {RC_CELLCAP, 0, 0}},
		.cues = address_cues,
		.description = "postal addresses by grammar, cue or not: Chinese levels and parts in "
		               "order (省/市/区/镇/村/组/路/号/栋/单元/室, estates, 5-3-204) to the "
		               "room; UK/US/Canadian unit, number, street, town, postcode; Dutch and "
		               "German street, number, postcode, town; also across lines",
		.example = "上海市浦东新区世纪大道100号",
		/* The subroutines last: at the front they would hide from
		 * pcre2 which characters a match can start with. The record
		 * rule (records_i.h: a dump row's cell beside a phone) last of
		 * the alternatives, for the same reason. */
		.pattern = "(?|" ADDR_ZH "|" ADDR_EN "|" ADDR_EU "|" REC_ADDR_ALT ")" ADDR_ZH_DEFINE,
		.group = "v",
		.validate = valid_address,
		.validate_unfinished = valid_unfinished_address,
	},
};

const size_t redact_detect_address_count =
	sizeof redact_detect_address / sizeof redact_detect_address[0];

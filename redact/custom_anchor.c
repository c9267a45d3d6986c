/*
 * custom_anchor.c — where a custom pattern's matches can start, for the
 * prefilter: the first code unit or first-byte bitmap pcre2 computed for
 * it, and the literal bytes its text begins with (EMP-), read from the
 * pattern's text.
 *
 * Invariant: what it gives a detector describes every match's start, or
 * nothing: a pattern it cannot read for sure (a top-level '|', extended
 * mode, pcre2's own anchoring, a caseless non-ASCII first letter) keeps
 * being tried from every position.
 */
#include <ctype.h>
#include <string.h>

#include "prefilter_i.h"

/* Whether pattern may turn on caseless matching: an option setting
 * "(?...i...)" or "(?...i...:" anywhere (compile options never do). */
static bool may_be_caseless(const char *pattern)
{
	for (const char *p = pattern; (p = strstr(p, "(?")) != NULL; p += 2) {
		if (p > pattern && p[-1] == '\\')
			continue;
		for (const char *q = p + 2; *q && *q != ')' && *q != ':'; q++) {
			if (*q == 'i')
				return true;
			if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '^' ||
			      *q == '-'))
				break;
		}
	}
	return false;
}

/* Past the escape or character class at p (a '\\' or '['), or p + 1. */
static const char *skip_atom(const char *p)
{
	if (*p == '\\')
		return p + (p[1] ? 2 : 1);
	if (*p != '[')
		return p + 1;
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']')
		p += *p == '\\' && p[1] ? 2 : 1;
	return *p ? p + 1 : p;
}

/* Whether pattern has a '|' outside every group and character class:
 * then its matches need not start alike. */
static bool has_top_level_bar(const char *p)
{
	int depth = 0;
	while (*p) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth <= 0)
			return true;
		p = skip_atom(p);
	}
	return false;
}

/* The end of the group that opens at p (a '('), or NULL. */
static const char *skip_group(const char *p)
{
	int depth = 0;
	while (*p) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
		p = skip_atom(p);
	}
	return NULL;
}

/* The literal bytes every match of a custom pattern starts with, as far as
 * a plain reading of its text tells (letters, digits, some punctuation and
 * escaped punctuation, each neither optional nor repeated), after leading
 * option settings such as (?i). Returns their count (0: none known). */
static size_t literal_prefix(const char *pattern, char *out, size_t cap, bool caseless)
{
	const char *p = pattern;
	if (has_top_level_bar(p))
		return 0;
	while (p[0] == '(' && p[1] == '?') {
		const char *q = p + 2;
		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '^' || *q == '-') {
			if (*q == 'x')
				return 0; /* extended: blanks and # mean something else */
			q++;
		}
		if (*q != ')')
			return 0;
		p = q + 1;
	}
	/* Lookbehinds at the start consume nothing: the match starts after. */
	while (p[0] == '(' && p[1] == '?' && p[2] == '<' && (p[3] == '=' || p[3] == '!')) {
		const char *q = skip_group(p);
		if (!q)
			return 0;
		p = q;
	}
	size_t n = 0;
	while (*p && n < cap) {
		char c;
		const char *next;
		if ((unsigned char)*p >= 0x80) {
			/* A character of several bytes, literal (when no case
			 * folding can apply), whole or not at all. */
			size_t len = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
			if (caseless || n + len > cap || strnlen(p, len) < len)
				break;
			next = p + len;
			if (*next == '?' || *next == '*' || *next == '{')
				break;
			memcpy(out + n, p, len);
			n += len;
			p = next;
			if (*next == '+')
				break;
			continue;
		}
		if (*p == '\\' && p[1] && (unsigned char)p[1] < 0x80 && !isalnum((unsigned char)p[1])) {
			c = p[1];
			next = p + 2;
		} else if ((unsigned char)*p < 0x80 &&
		           (isalnum((unsigned char)*p) || strchr("-_:/@=,;'\"<>!%&~", *p))) {
			c = *p;
			next = p + 1;
		} else {
			break;
		}
		if (*next == '?' || *next == '*' || *next == '{')
			break; /* c may be missing or counted */
		out[n++] = c;
		p = next;
		if (*next == '+')
			break; /* c repeated: what follows may be c again */
	}
	return n;
}

void redact_prefilter_anchor_custom(struct redact_prefilter *pf, struct redact_detector *d,
                                    const char *pattern)
{
	d->prefix_len = 0;
	memset(d->anchor, 0, sizeof d->anchor);
	/* A pattern pcre2 anchors itself (\G, ^ without multiline...) keeps
	 * being tried from every position, as it always was. */
	uint32_t opts = 0, type = 0;
	pcre2_pattern_info(d->code, PCRE2_INFO_ALLOPTIONS, &opts);
	if (opts & PCRE2_ANCHORED)
		return;
	pcre2_pattern_info(d->code, PCRE2_INFO_FIRSTCODETYPE, &type);
	uint8_t set[32] = {0};
	if (type == 1) {
		uint32_t unit = 0;
		pcre2_pattern_info(d->code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
		/* Caseless first letters may have another case of another
		 * lead byte: then only ASCII ones are taken. */
		bool caseless = may_be_caseless(pattern);
		if (unit >= 0x80 && caseless)
			return;
		size_t n = literal_prefix(pattern, d->prefix, sizeof d->prefix, caseless);
		if (n >= 2 && ((uint8_t)d->prefix[0] == unit ||
		               (caseless && (d->prefix[0] | 0x20) == (char)(unit | 0x20)))) {
			d->prefix_len = (uint8_t)n;
			d->prefix_caseless = caseless;
		}
		set[unit / 8] |= (uint8_t)(1u << (unit % 8));
		/* pcre2 gives one first letter for "acct|ACCT" too: both cases
		 * count, unless the text says exactly how matches start. */
		bool exact = d->prefix_len && !caseless;
		if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z' && !exact) {
			unsigned lo = unit | 0x20, up = unit & ~0x20u;
			set[lo / 8] |= (uint8_t)(1u << (lo % 8));
			set[up / 8] |= (uint8_t)(1u << (up % 8));
			/* ſ and the Kelvin sign match s and k caselessly */
			if (caseless && lo == 's')
				set[0xC5 / 8] |= (uint8_t)(1u << (0xC5 % 8));
			if (caseless && lo == 'k')
				set[0xE2 / 8] |= (uint8_t)(1u << (0xE2 % 8));
		}
	} else {
		const uint8_t *bitmap = NULL;
		if (type != 0 || pcre2_pattern_info(d->code, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 ||
		    !bitmap)
			return;
		memcpy(set, bitmap, 32);
	}
	/* An exact prefix is searched for as it is (scan.c): no class. */
	if (d->prefix_len && !d->prefix_caseless)
		return;
	unsigned c = redact_prefilter_class_of_set(pf, set);
	if (c)
		d->anchor[0] = (struct redact_anchor){.cls = (uint8_t)c, .lo = 0, .hi = 0};
}

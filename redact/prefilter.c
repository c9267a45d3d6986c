/*
 * prefilter.c — where in a block a detector's match can start, found in
 * one cheap pass, so that pcre2 runs only there.
 *
 * Each detector has anchors: "every match starting at s has, somewhere in
 * [s + lo, s + hi], a character of class c". A class is a set of bytes
 * (digits, '@', ':'...), the first byte of a cue word of one built-in
 * (its .cues, looked up case-blind) or, for a custom pattern, the set of
 * first bytes pcre2 itself computed for it.
 * One pass over the subject records where each class occurs (a bitmap per
 * class); a detector's candidate starts are its anchors' bitmaps widened
 * by [lo, hi]; scan.c then runs pcre2 over those windows only, with an
 * offset limit.
 *
 * Invariant: the prefilter never changes a result. Anchors only ever
 * describe a superset of the positions where a detector can match (or
 * match partially): a detector without anchors is run from every
 * position, as before. Which windows are tried depends on the subject
 * alone, so stream and range reads still compute identical bytes. The
 * test suite compares every output with and without the prefilter
 * (`redact --no-prefilter`).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* ---- cue words ----------------------------------------------------------
 *
 * The cue words of the built-ins (their .cues, next to their patterns),
 * in one hash table: a word, its classes anywhere, its classes at the
 * start of a line, and what must follow it. */

static uint32_t word_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)w[i]) * 16777619u;
	return h;
}

/* Whether two cues' "what must come next" are the same. */
static bool same_next(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Adds word w (lower case, 1 to REDACT_CUE_MAX letters) with classes
 * anywhere (when next allows) and line_classes at the start of a line.
 * Returns 0 or -EINVAL (a bad word, or the table is full). */
static int words_add(struct redact_prefilter *pf, const char *w, uint64_t classes,
                     uint64_t line_classes, const char *next)
{
	size_t n = strlen(w);
	if (n == 0 || n > REDACT_CUE_MAX || strspn(w, "abcdefghijklmnopqrstuvwxyz") != n)
		return -EINVAL;
	uint32_t slot = word_hash(w, n) & (REDACT_WORD_SLOTS - 1);
	size_t probes = 0;
	while (pf->word[slot].len && !(pf->word[slot].len == n &&
	                               memcmp(pf->word[slot].text, w, n) == 0)) {
		if (++probes == REDACT_WORD_SLOTS)
			return -EINVAL;
		slot = (slot + 1) & (REDACT_WORD_SLOTS - 1);
	}
	pf->word_ends[n][w[0] - 'a'] |= 1u << (w[n - 1] - 'a');
	memcpy(pf->word[slot].text, w, n);
	pf->word[slot].len = (uint8_t)n;
	pf->word[slot].line_classes |= line_classes;
	if (classes) {
		/* One word cueing two detectors that want different words
		 * after it: it counts whatever follows (more, never fewer
		 * candidates). */
		if (pf->word[slot].classes && !same_next(pf->word[slot].next, next))
			next = NULL;
		pf->word[slot].classes |= classes;
		pf->word[slot].next = next;
	}
	return 0;
}

/* Whether what follows the word ending at j can be what spec asks for
 * (struct redact_cue's next). Where it cannot be told (a non-ASCII byte, the
 * subject's end), it can. */
static bool next_ok(const uint8_t *s, size_t n, size_t j, const char *spec)
{
	size_t k = j;
	while (k < n && k - j < 3 && s[k] && strchr(REDACT_CUE_SKIP, s[k]))
		k++;
	for (const char *alt = spec;;) {
		const char *bar = strchr(alt, '|');
		size_t len = bar ? (size_t)(bar - alt) : strlen(alt), m = 0;
		while (m < len) {
			if (k + m >= n || s[k + m] >= 0x80)
				return true;
			if ((s[k + m] | 0x20) != alt[m] && s[k + m] != alt[m])
				break;
			m++;
		}
		if (m == len)
			return true;
		if (!bar)
			return false;
		alt = bar + 1;
	}
}

/* The classes of the word s[i..j) (letters) in a subject of n bytes. */
static uint64_t words_lookup(const struct redact_prefilter *pf, const uint8_t *subject,
                             size_t total, size_t i, size_t j)
{
	const uint8_t *s = subject + i;
	size_t n = j - i;
	if (n > REDACT_CUE_MAX)
		return 0;
	/* Most words fail on their length and first and last letters. */
	if (!(pf->word_ends[n][(s[0] | 0x20) - 'a'] >> ((s[n - 1] | 0x20) - 'a') & 1))
		return 0;
	char w[REDACT_CUE_MAX];
	for (size_t k = 0; k < n; k++)
		w[k] = (char)(s[k] | 0x20);
	uint32_t slot = word_hash(w, n) & (REDACT_WORD_SLOTS - 1);
	while (pf->word[slot].len) {
		if (pf->word[slot].len == n && memcmp(pf->word[slot].text, w, n) == 0) {
			uint64_t m = 0;
			if (i == 0 || subject[i - 1] == '\n')
				m = pf->word[slot].line_classes;
			if (pf->word[slot].classes &&
			    (!pf->word[slot].next || next_ok(subject, total, j, pf->word[slot].next)))
				m |= pf->word[slot].classes;
			return m;
		}
		slot = (slot + 1) & (REDACT_WORD_SLOTS - 1);
	}
	return 0;
}

/* ---- classes -------------------------------------------------------------- */

static void set_bytes(struct redact_prefilter *pf, unsigned cls, const char *bytes)
{
	for (const char *b = bytes; *b; b++)
		pf->bytecls[(uint8_t)*b] |= UINT64_C(1) << cls;
}

void redact_prefilter_init(struct redact_prefilter *pf)
{
	memset(pf, 0, sizeof *pf);
	set_bytes(pf, RC_AT, "@[(");
	set_bytes(pf, RC_COLON, ":");
	set_bytes(pf, RC_MACSEP, ":-.");
	set_bytes(pf, RC_FIELDSEP, ":=\xEF");
	set_bytes(pf, RC_GT, ">");
	for (unsigned c = 0xE0; c <= 0xFF; c++)
		pf->bytecls[c] |= UINT64_C(1) << RC_HIGH;
	for (unsigned c = 'A'; c <= 'Z'; c++)
		pf->kind[c] = pf->kind[c | 0x20] = REDACT_KIND_LETTER;
	pf->kind[0xC5] = pf->kind[0xE2] = REDACT_KIND_ODD;
	pf->classes = RC_BUILTIN_END;
}

int redact_prefilter_anchor_builtin(struct redact_prefilter *pf, struct redact_detector *d,
                                    const struct redact_cue *cues)
{
	size_t at = REDACT_ANCHORS;
	for (size_t a = 0; a < REDACT_ANCHORS && d->anchor[a].cls; a++)
		if (d->anchor[a].cls == RC_CUE)
			at = a;
	if (!cues)
		return at == REDACT_ANCHORS ? 0 : -EINVAL;
	if (at == REDACT_ANCHORS)
		return -EINVAL;
	if (pf->classes >= REDACT_CLASSES) {
		memset(d->anchor, 0, sizeof d->anchor);
		return 0;
	}
	unsigned c = pf->classes++;
	uint64_t bit = UINT64_C(1) << c;
	pf->cue_classes |= bit;
	for (const struct redact_cue *w = cues; w->word; w++) {
		int rc = w->line_start ? words_add(pf, w->word, 0, bit, NULL)
		                       : words_add(pf, w->word, bit, 0, w->next);
		if (rc < 0)
			return rc;
	}
	d->anchor[at].cls = (uint8_t)c;
	return 0;
}

/* The class whose bytes are set[], made if there is none and room is left.
 * Returns the class, or 0 when every class is taken. */
static unsigned class_of_set(struct redact_prefilter *pf, const uint8_t set[32])
{
	for (unsigned c = RC_BUILTIN_END; c < pf->classes; c++)
		if (!(pf->cue_classes >> c & 1) &&
		    memcmp(pf->custom_set[c - RC_BUILTIN_END], set, 32) == 0)
			return c;
	if (pf->classes >= REDACT_CLASSES)
		return 0;
	unsigned c = pf->classes++;
	memcpy(pf->custom_set[c - RC_BUILTIN_END], set, 32);
	for (unsigned b = 0; b < 256; b++)
		if (set[b / 8] >> (b % 8) & 1)
			pf->bytecls[b] |= UINT64_C(1) << c;
	for (unsigned b = 'A'; b <= 'z'; b++)
		if ((pf->bytecls[b] >> c & 1) && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
			pf->letters_classed = true;
	for (unsigned b = '0'; b <= '9'; b++)
		if (pf->bytecls[b] >> c & 1)
			pf->digits_classed = true;
	return c;
}

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
	unsigned c = class_of_set(pf, set);
	if (c)
		d->anchor[0] = (struct redact_anchor){.cls = (uint8_t)c, .lo = 0, .hi = 0};
}

/* ---- one pass over a subject ------------------------------------------- */

static inline void setbit(uint64_t *bits, size_t i)
{
	bits[i / 64] |= UINT64_C(1) << (i % 64);
}

static inline void mark(struct redact_prescan *ps, uint64_t m, size_t i)
{
	ps->present |= m;
	while (m) {
		unsigned c = (unsigned)__builtin_ctzll(m);
		m &= m - 1;
		setbit(ps->bits + (size_t)c * ps->words, i);
		ps->count[c]++;
	}
}

/* Length of ſ (U+017F) or the Kelvin sign (U+212A) at s, which pcre2's
 * caseless matching takes for s and k; else 0. */
static inline size_t odd_letter(const uint8_t *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC5 && s[1] == 0xBF)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x84 && s[2] == 0xAA)
		return 3;
	return 0;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Bits of 16 bytes: ASCII letters, and spaces. */
static inline void maps16(const uint8_t *p, uint32_t *letter, uint32_t *space)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i x = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
	__m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(25)), x);
	*letter = (uint32_t)_mm_movemask_epi8(is_letter);
	*space = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
}
#endif

/* For each byte of s[0..n): whether it is an ASCII letter, and whether it
 * needs a look of its own (neither a letter nor a space). Bits past n are
 * clear. */
static void byte_maps(const struct redact_prefilter *pf, const uint8_t *s, size_t n,
                      uint64_t *letters, uint64_t *special, size_t words)
{
	size_t w = 0;
#ifdef __SSE2__
	for (; (w + 1) * 64 <= n; w++) {
		uint64_t l = 0, sp = 0;
		for (unsigned q = 0; q < 4; q++) {
			uint32_t lq, sq;
			maps16(s + w * 64 + q * 16, &lq, &sq);
			l |= (uint64_t)lq << (q * 16);
			sp |= (uint64_t)sq << (q * 16);
		}
		letters[w] = l;
		special[w] = ~(l | sp);
	}
#endif
	for (; w < words; w++) {
		uint64_t l = 0, sp = 0;
		for (size_t i = w * 64; i < w * 64 + 64 && i < n; i++) {
			if (pf->kind[s[i]] == REDACT_KIND_LETTER)
				l |= UINT64_C(1) << (i % 64);
			else if (s[i] != ' ')
				sp |= UINT64_C(1) << (i % 64);
		}
		letters[w] = l;
		special[w] = sp;
	}
}

/* The first clear bit at or after i. */
static size_t next_clear(const uint64_t *bits, size_t words, size_t i)
{
	for (size_t w = i / 64; w < words; w++) {
		uint64_t v = ~bits[w] & (w == i / 64 ? ~UINT64_C(0) << (i % 64) : ~UINT64_C(0));
		if (v)
			return w * 64 + (size_t)__builtin_ctzll(v);
	}
	return words * 64;
}

static inline bool is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* The classes of the number that starts at i (a digit after no digit). */
static uint64_t number_classes(const uint8_t *s, size_t n, size_t i)
{
	uint64_t m = UINT64_C(1) << RC_DIGIT1;
	size_t j = i;
	while (j < n && is_digit(s[j]))
		j++;
	size_t run = j - i;
	if (run >= 3)
		m |= UINT64_C(1) << RC_RUN3;
	if (run >= 4)
		m |= UINT64_C(1) << RC_RUN4;
	if (run >= 6)
		m |= UINT64_C(1) << RC_RUN6;
	/* geo: [0-9]{1,3}[.°º度] (and ipv4: [0-9]{1,3}\.) */
	if (run <= 3 && (j >= n || s[j] == '.' || s[j] == 0xC2 || s[j] == 0xE5))
		m |= UINT64_C(1) << RC_GEONUM;
	/* address: [0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})? then a space */
	if (run <= 6) {
		if (j < n && (uint8_t)((s[j] | 0x20) - 'a') < 26)
			j++;
		if (j < n && s[j] == '-') {
			size_t k = j + 1;
			while (k < n && k - j <= 4 && is_digit(s[k]))
				k++;
			if (k > j + 1 && k - j <= 5)
				j = k;
		}
		if (j >= n || s[j] == ' ')
			m |= UINT64_C(1) << RC_ADDRNUM;
	}
	return m;
}

/* Whether the separator candidate at i ends a key that does not end in
 * a digit: ':' or '=' or '：', after up to 8 blanks and a quote. */
static bool key_before(const uint8_t *s, size_t n, size_t i)
{
	if (s[i] == 0xEF && !(i + 2 < n && s[i + 1] == 0xBC && s[i + 2] == 0x9A))
		return false;
	size_t k = i, blanks = 0;
	while (k > 0 && blanks < 8 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--, blanks++;
	if (k > 0 && s[k - 1] == '"')
		k--;
	return !(k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9');
}

int redact_prescan_run(struct redact_prescan *ps, const struct redact_prefilter *pf,
                       const uint8_t *s, size_t n)
{
	size_t words = (n + 64) / 64 + 1;
	if (words > ps->cap) {
		uint64_t *bits = realloc(ps->bits, (size_t)REDACT_CLASSES * words * sizeof *bits);
		uint64_t *win = realloc(ps->win, 2 * words * sizeof *win);
		uint64_t *maps = realloc(ps->maps, 2 * words * sizeof *maps);
		if (bits)
			ps->bits = bits;
		if (win)
			ps->win = win;
		if (maps)
			ps->maps = maps;
		if (!bits || !win || !maps)
			return -ENOMEM;
		memset(ps->bits, 0, (size_t)REDACT_CLASSES * words * sizeof *bits);
		ps->cap = words;
		ps->present = 0;
	}
	/* Clear what the last subject set, at the new row width. */
	for (uint64_t m = ps->present; m; m &= m - 1)
		memset(ps->bits + (size_t)__builtin_ctzll(m) * ps->words, 0, ps->words * 8);
	ps->present = 0;
	memset(ps->count, 0, sizeof ps->count);
	ps->words = words;
	ps->len = n;

	uint64_t *letters = ps->maps, *special = ps->maps + words;
	byte_maps(pf, s, n, letters, special, words);

	/* Bytes that are neither letters nor spaces: their classes. */
	for (size_t w = 0; w < words; w++)
		for (uint64_t v = special[w]; v; v &= v - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(v);
			uint8_t c = s[i];
			uint64_t m = pf->bytecls[c];
			size_t k = pf->kind[c] == REDACT_KIND_ODD ? odd_letter(s + i, n - i) : 0;
			if (k) {
				/* pcre2's fences see ſ/K as no letter, its caseless
				 * matching as s/k: a cue may start at it or right
				 * after it. */
				mark(ps, m | pf->cue_classes, i);
				if (i + k < n)
					mark(ps, pf->cue_classes, i + k);
				continue;
			}
			if (is_digit(c)) {
				/* A number: its classes on its first digit. Unless
				 * custom classes want every digit, the rest of it
				 * (in this word of bits) is skipped. */
				if (!(i > 0 && is_digit(s[i - 1]))) {
					m |= number_classes(s, n, i);
					if (!pf->digits_classed) {
						size_t j = i + 1;
						while (j < n && j < w * 64 + 64 && is_digit(s[j]))
							j++;
						if (j - w * 64 < 64)
							v &= ~UINT64_C(0) << (j - w * 64);
						else
							v = 0;
						v |= UINT64_C(1) << (i - w * 64); /* cleared by the loop */
					}
				}
				if (m)
					mark(ps, m, i);
				continue;
			}
			if (!m)
				continue;
			if (m & (UINT64_C(1) << RC_FIELDSEP) && key_before(s, n, i))
				m |= UINT64_C(1) << RC_KEYSEP;
			if (c == '-' && i + 1 < n && s[i + 1] == '-')
				m |= UINT64_C(1) << RC_DDASH;
			mark(ps, m, i);
		}

	/* Words of ASCII letters: their cue classes on their first letter. */
	uint64_t carry = 0;
	for (size_t w = 0; w < words; w++) {
		uint64_t starts = letters[w] & ~(letters[w] << 1 | carry);
		carry = letters[w] >> 63;
		for (; starts; starts &= starts - 1) {
			unsigned bit = (unsigned)__builtin_ctzll(starts);
			size_t i = w * 64 + bit;
			/* The word's end: mostly in the same word of bits. */
			uint64_t rest = ~letters[w] >> bit;
			size_t j = rest ? i + (size_t)__builtin_ctzll(rest)
			                : next_clear(letters, words, w * 64 + 64);
			if (j > n)
				j = n;
			uint64_t m;
			if (j < n && (s[j] == 0xC5 || s[j] == 0xE2) && odd_letter(s + j, n - j))
				m = pf->cue_classes; /* the cue may go on through ſ or K */
			else if (j - i > REDACT_CUE_MAX ||
			         !(pf->word_ends[j - i][(s[i] | 0x20) - 'a'] >> ((s[j - 1] | 0x20) - 'a') &
			           1))
				continue; /* most words fail on length, first and last letter */
			else
				m = words_lookup(pf, s, n, i, j);
			if (m)
				mark(ps, m, i);
		}
		if (pf->letters_classed)
			for (uint64_t v = letters[w]; v; v &= v - 1) {
				size_t i = w * 64 + (size_t)__builtin_ctzll(v);
				if (pf->bytecls[s[i]])
					mark(ps, pf->bytecls[s[i]], i);
			}
	}
	return 0;
}

void redact_prescan_fini(struct redact_prescan *ps)
{
	free(ps->bits);
	free(ps->win);
	free(ps->maps);
	memset(ps, 0, sizeof *ps);
}

/* ---- candidate windows ---------------------------------------------------- */

/* dst[s] |= src[s + k] for every bit s (k < 0: src[s - |k|]); bits outside
 * src read as 0. dst and src may be the same row only for k > 0. */
static void or_shifted(uint64_t *dst, const uint64_t *src, size_t words, long k)
{
	if (k >= 0) {
		size_t q = (size_t)k / 64, r = (size_t)k % 64;
		for (size_t w = 0; w + q < words; w++) {
			uint64_t v = src[w + q] >> r;
			if (r && w + q + 1 < words)
				v |= src[w + q + 1] << (64 - r);
			dst[w] |= v;
		}
	} else {
		size_t q = (size_t)-k / 64, r = (size_t)-k % 64;
		for (size_t w = words; w-- > q;) {
			uint64_t v = src[w - q] << r;
			if (r && w >= q + 1)
				v |= src[w - q - 1] >> (64 - r);
			dst[w] |= v;
		}
	}
}

/* Sets bits [a, b). */
static void set_range(uint64_t *bits, size_t a, size_t b)
{
	if (a >= b)
		return;
	size_t wa = a / 64, wb = (b - 1) / 64;
	uint64_t first = ~UINT64_C(0) << (a % 64);
	uint64_t last = ~UINT64_C(0) >> (63 - (b - 1) % 64);
	if (wa == wb) {
		bits[wa] |= first & last;
		return;
	}
	bits[wa] |= first;
	for (size_t w = wa + 1; w < wb; w++)
		bits[w] = ~UINT64_C(0);
	bits[wb] |= last;
}

/* dst[s] |= OR of dst[s + j] for j in [1, width): each set bit is spread
 * width - 1 positions down (toward lower s). */
static void spread_down(uint64_t *dst, size_t words, long width)
{
	long span = 1;
	while (span * 2 <= width) {
		or_shifted(dst, dst, words, span);
		span *= 2;
	}
	if (span < width)
		or_shifted(dst, dst, words, width - span);
}

bool redact_prescan_windows(struct redact_prescan *ps, const struct redact_anchor *anchor)
{
	uint64_t *out = ps->win, *tmp = ps->win + ps->words;
	bool any = false;
	memset(out, 0, ps->words * 8);
	for (size_t a = 0; a < REDACT_ANCHORS && anchor[a].cls; a++) {
		const struct redact_anchor *an = &anchor[a];
		if (!(ps->present >> an->cls & 1))
			continue;
		any = true;
		const uint64_t *row = ps->bits + (size_t)an->cls * ps->words;
		long width = (long)an->hi - an->lo + 1;
		if (ps->count[an->cls] * (size_t)(width + 8) < ps->words * 16) {
			/* Few anchors: a range before each. */
			for (size_t w = 0; w < ps->words; w++)
				for (uint64_t v = row[w]; v; v &= v - 1) {
					long p = (long)(w * 64) + __builtin_ctzll(v);
					long a0 = p - an->hi, b0 = p - an->lo + 1;
					if (a0 < 0)
						a0 = 0;
					if (b0 > (long)ps->len)
						b0 = (long)ps->len;
					set_range(out, (size_t)a0, (size_t)(b0 > a0 ? b0 : a0));
				}
			continue;
		}
		/* Many: tmp[s] = row[s + lo], spread over the width by doubling */
		memset(tmp, 0, ps->words * 8);
		or_shifted(tmp, row, ps->words, an->lo);
		spread_down(tmp, ps->words, width);
		for (size_t w = 0; w < ps->words; w++)
			out[w] |= tmp[w];
	}
	return any;
}

/* Whether s[a..b) holds ſ or the Kelvin sign. */
static bool has_odd_letter(const uint8_t *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if ((s[i] == 0xC5 || s[i] == 0xE2) && odd_letter(s + i, b - i))
			return true;
	return false;
}

bool redact_prescan_field_windows(struct redact_prescan *ps, const redact_fields *f,
                                  unsigned cls, const uint8_t *s, size_t from, size_t to)
{
	if (!(ps->present >> cls & 1))
		return false;
	uint64_t *out = ps->win;
	memset(out, 0, ps->words * 8);
	const uint64_t *row = ps->bits + (size_t)cls * ps->words;
	/* A key, a quote and up to 8 blanks; ſ/K make ASCII letters longer. */
	size_t span = 3 * f->longest + 12, end = to + span;
	if (end > ps->len)
		end = ps->len;
	bool any = false;
	for (size_t w = from / 64; w * 64 < end; w++) {
		for (uint64_t v = row[w]; v; v &= v - 1) {
			size_t p = w * 64 + (size_t)__builtin_ctzll(v);
			if (p < from || p >= end)
				continue;
			size_t lo = p > span ? p - span : 0;
			if (!f->exact_lengths || has_odd_letter(s, lo, p)) {
				/* every start the key could have */
				size_t a = lo > from ? lo : from, b = p < to ? p : to;
				if (a < b) {
					set_range(out, a, b);
					any = true;
				}
				continue;
			}
			/* The key ends where the blanks before the separator
			 * begin (or inside them: a name may end in '_'). */
			size_t q = p;
			while (q > 0 && p - q < span && (s[q - 1] == ' ' || s[q - 1] == '\t'))
				q--;
			for (size_t e = q; e <= p; e++) {
				bool quoted = e > 0 && s[e - 1] == '"';
				for (uint64_t m = f->lengths; m; m &= m - 1) {
					size_t len = (size_t)__builtin_ctzll(m) + 1;
					/* KEY: value, and "KEY": value */
					size_t st[2] = {e >= len ? e - len : SIZE_MAX,
					                quoted && e >= len + 2 ? e - len - 2 : SIZE_MAX};
					for (int k = 0; k < 2; k++)
						if (st[k] != SIZE_MAX && st[k] >= from && st[k] < to) {
							setbit(out, st[k]);
							any = true;
						}
				}
			}
		}
	}
	return any;
}

size_t redact_prescan_next(const struct redact_prescan *ps, size_t from, size_t to, bool set)
{
	const uint64_t *bits = ps->win;
	while (from < to) {
		uint64_t v = bits[from / 64];
		if (!set)
			v = ~v;
		v >>= from % 64;
		if (v) {
			size_t at = from + (size_t)__builtin_ctzll(v);
			return at < to ? at : to;
		}
		from = (from / 64 + 1) * 64;
	}
	return to;
}

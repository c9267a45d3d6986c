/*
 * prescan.c — the prefilter's one pass over a block's subject: where each
 * class of characters occurs (a bitmap per class, struct redact_prescan):
 * numbers and their shapes, '@' '[' '(', key separators, "--", '>', Han
 * and other 3-byte characters, the built-ins' cue words (with what must
 * follow them), custom patterns' first bytes.
 *
 * Invariant: a class is marked wherever one of its characters could begin
 * what a detector anchored on it matches, never fewer places: where it
 * cannot tell (a non-ASCII byte after a cue word, the subject's end, ſ or
 * the Kelvin sign, which pcre2's caseless matching takes for s and k), it
 * marks. The bitmaps depend on the subject alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter_i.h"

/* ---- cue words -------------------------------------------------------- */

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
	/* A word may have a slot per "what comes next" (prefilter.c). */
	uint32_t slot = pf_word_hash(w, n) & (REDACT_WORD_SLOTS - 1);
	uint64_t m = 0;
	while (pf->word[slot].len) {
		if (pf->word[slot].len == n && memcmp(pf->word[slot].text, w, n) == 0) {
			if (i == 0 || subject[i - 1] == '\n')
				m |= pf->word[slot].line_classes;
			if (pf->word[slot].classes &&
			    (!pf->word[slot].next || next_ok(subject, total, j, pf->word[slot].next)))
				m |= pf->word[slot].classes;
		}
		slot = (slot + 1) & (REDACT_WORD_SLOTS - 1);
	}
	return m;
}

/* ---- one pass over a subject ------------------------------------------- */

static inline void mark(struct redact_prescan *ps, uint64_t m, size_t i)
{
	ps->present |= m;
	while (m) {
		unsigned c = (unsigned)__builtin_ctzll(m);
		m &= m - 1;
		pf_set_bit(ps->bits + (size_t)c * ps->words, i);
		ps->count[c]++;
	}
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
			if (pf->kind[s[i]] == PF_KIND_LETTER)
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

/* RC_POSTCODE for the run of 4 or 5 digits that ends at j: before a
 * capital, a non-ASCII letter or ', after one blank or (4 digits) none:
 * "1012 AB", "1012AB", "8001 Zürich", "10115 Berlin". */
static uint64_t postcode_class(const uint8_t *s, size_t n, size_t j, size_t run)
{
	if (j < n && s[j] == ' ')
		j++;
	else if (run == 5 && j < n)
		return 0;
	bool next = j >= n || (s[j] >= 'A' && s[j] <= 'Z') || s[j] >= 0x80 || s[j] == '\'';
	return next ? UINT64_C(1) << RC_POSTCODE : 0;
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
	if (run == 4 || run == 5)
		m |= postcode_class(s, n, i + run, run);
	return m;
}

/* Whether a dump row's cell can start at i (an ASCII capital there):
 * at a line's start, after | ; , tab " or -, after ， or ； (with a blank
 * or not), or after two blanks or a delimiter and a blank. A superset of
 * where the record rules' cells start (records_i.h). */
/* Whether the bytes before i (an ASCII byte) do not end a whole UTF-8
 * character. pcre2 (PCRE2_MATCH_INVALID_UTF) takes an invalid sequence for
 * a boundary, so a lookbehind there sees the subject's start ("a line's
 * start", (?<![^\n])): the prefilter must anchor there too. In doubt
 * (overlong forms, surrogates) it says invalid: one anchor more is only a
 * match tried more. */
static bool invalid_utf8_before(const uint8_t *s, size_t i)
{
	if (s[i - 1] < 0x80)
		return false;
	size_t k = i - 1, cont = 0;
	while ((s[k] & 0xC0) == 0x80 && cont < 4 && k > 0) {
		k--;
		cont++;
	}
	uint8_t lead = s[k];
	size_t need = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE1 && lead <= 0xEC ? 2
	            : lead == 0xEE || lead == 0xEF ? 2 : lead >= 0xF1 && lead <= 0xF3 ? 3 : 0;
	return need == 0 || need != cont;
}

static bool cell_start_at(const uint8_t *s, size_t i)
{
	if (i == 0 || invalid_utf8_before(s, i))
		return true;
	uint8_t c = s[i - 1];
	if (c == ' ' && i >= 2) {
		c = s[i - 2];
		if (c == ' ')
			return true;
		i--;
	}
	if (c == '\n' || c == '|' || c == ';' || c == ',' || c == '\t' || c == '"' || c == '-')
		return true;
	/* ， (EF BC 8C) and ； (EF BC 9B) */
	return (c == 0x8C || c == 0x9B) && i >= 3 && s[i - 3] == 0xEF && s[i - 2] == 0xBC;
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
			size_t k = pf->kind[c] == PF_KIND_ODD ? pf_odd_letter(s + i, n - i) : 0;
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
			if ((uint8_t)(s[i] - 'A') < 26 && cell_start_at(s, i))
				mark(ps, UINT64_C(1) << RC_CELLCAP, i);
			if (j < n && (s[j] == 0xC5 || s[j] == 0xE2) && pf_odd_letter(s + j, n - j))
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

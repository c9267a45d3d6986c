/*
 * candidates.c — a detector's candidate starts in a block, from the
 * prescan's bitmaps (prescan.c): each anchor's occurrences widened by its
 * [lo, hi]; for the field detector, the starts a key of one of the
 * profile's name lengths would have before a separator. scan.c runs pcre2
 * only from these starts (windows), with an offset limit.
 *
 * Invariant: the candidates are a superset of the starts of every match
 * (or partial match) of the detector in the block; they depend on the
 * subject alone.
 */
#include <string.h>

#include "prefilter_i.h"

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
		if ((s[i] == 0xC5 || s[i] == 0xE2) && pf_odd_letter(s + i, b - i))
			return true;
	return false;
}

bool redact_prescan_field_windows(struct redact_prescan *ps, const redact_fields *f,
                                  unsigned cls, unsigned word_cls, const uint8_t *s,
                                  size_t from, size_t to)
{
	uint64_t *out = ps->win;
	memset(out, 0, ps->words * 8);
	bool words = word_cls && (ps->present >> word_cls & 1);
	if (words) {
		/* INSERT INTO heads (fields.c): the cue words' first letters */
		const uint64_t *row = ps->bits + (size_t)word_cls * ps->words;
		for (size_t w = from / 64; w * 64 < to; w++)
			for (uint64_t v = row[w]; v; v &= v - 1) {
				size_t p = w * 64 + (size_t)__builtin_ctzll(v);
				if (p >= from && p < to)
					pf_set_bit(out, p);
			}
	}
	if (!(ps->present >> cls & 1))
		return words;
	const uint64_t *row = ps->bits + (size_t)cls * ps->words;
	/* A key, a quote and up to 8 blanks; ſ/K make ASCII letters longer. */
	size_t span = 3 * f->longest + 12, end = to + FIELD_MEANING_SPAN;
	if (span > FIELD_MEANING_SPAN)
		end = to + span;
	if (end > ps->len)
		end = ps->len;
	bool any = words;
	for (size_t w = from / 64; w * 64 < end; w++) {
		for (uint64_t v = row[w]; v; v &= v - 1) {
			size_t p = w * 64 + (size_t)__builtin_ctzll(v);
			if (p < from || p >= end)
				continue;
			size_t lo = p > span ? p - span : 0;
			/* a key asked by its meaning (fields.c's callouts) */
			size_t g = redact_fields_meaning_start(s, p);
			if (g != SIZE_MAX && g >= from && g < to) {
				pf_set_bit(out, g);
				any = true;
			}
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
							pf_set_bit(out, st[k]);
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

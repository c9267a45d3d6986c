/*
 * prefilter_i.h — what the prefilter's files share: the cue-word hash, the
 * byte kinds of the prescan, ſ and the Kelvin sign, one bit of a row.
 *
 * The prefilter is four files, one concern each: prefilter.c (the classes
 * and the cue-word table, made with the catalog), custom_anchor.c (what a
 * custom pattern's matches start with), prescan.c (one pass over a subject:
 * where each class occurs) and candidates.c (a detector's candidate starts
 * from those bitmaps). Invariant of all four: they never change a result,
 * only where pcre2 looks (see prefilter.c).
 */
#ifndef REDACT_PREFILTER_I_H
#define REDACT_PREFILTER_I_H

#include "redact_i.h"

/* What pf->kind says of a byte. */
enum { PF_KIND_PLAIN = 0, PF_KIND_LETTER, PF_KIND_ODD /* may start ſ or K */ };

/* The hash of a cue word (lower case, n letters) in the word table. */
static inline uint32_t pf_word_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)w[i]) * 16777619u;
	return h;
}

/* Length of ſ (U+017F) or the Kelvin sign (U+212A) at s, which pcre2's
 * caseless matching takes for s and k; else 0. */
static inline size_t pf_odd_letter(const uint8_t *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC5 && s[1] == 0xBF)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x84 && s[2] == 0xAA)
		return 3;
	return 0;
}

static inline void pf_set_bit(uint64_t *bits, size_t i)
{
	bits[i / 64] |= UINT64_C(1) << (i % 64);
}

/* prefilter.c: the class whose bytes are set[] (a custom pattern's first
 * bytes), made if there is none and one is free. Returns the class, or 0
 * when every class is taken. */
unsigned redact_prefilter_class_of_set(struct redact_prefilter *pf, const uint8_t set[32]);

#endif /* REDACT_PREFILTER_I_H */

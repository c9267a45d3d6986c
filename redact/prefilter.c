/*
 * prefilter.c — the classes of characters the prefilter looks for, made
 * once with the catalog: fixed byte classes (digits, '@', ':'...), one
 * class for the cue words of each built-in that lists some (its .cues),
 * and the classes of custom patterns' first bytes (custom_anchor.c).
 *
 * The prefilter finds, in one cheap pass over a block's subject
 * (prescan.c), where in it a detector's match can start, so that pcre2
 * runs only there (candidates.c, scan.c). Each detector has anchors:
 * "every match starting at s has, somewhere in [s + lo, s + hi], a
 * character of class c". A class is a set of bytes, the first letter of a
 * cue word of one built-in (looked up case-blind, with what must follow
 * it), or, for a custom pattern, the set of first bytes pcre2 itself
 * computed for it.
 *
 * Invariant: the prefilter never changes a result. Anchors only ever
 * describe a superset of the positions where a detector can match (or
 * match partially): a detector without anchors is run from every
 * position, as before. Which windows are tried depends on the subject
 * alone, so stream and range reads still compute identical bytes. The
 * test suite compares every output with and without the prefilter
 * (`redact --no-prefilter`).
 */
#include <errno.h>
#include <string.h>

#include "prefilter_i.h"

/* ---- cue words ----------------------------------------------------------
 *
 * The cue words of the built-ins (their .cues, next to their patterns),
 * in one hash table: a word, its classes anywhere, its classes at the
 * start of a line, and what must follow it (looked up by prescan.c). */

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
	/* One word cueing detectors that want different words after it
	 * (i: "m|am" for a name, "have" for health) has a slot per next,
	 * each with its own classes: the word counts for a detector only
	 * where that detector's next follows (prescan.c looks at them all). */
	uint32_t slot = pf_word_hash(w, n) & (REDACT_WORD_SLOTS - 1);
	size_t probes = 0;
	while (pf->word[slot].len &&
	       !(pf->word[slot].len == n && memcmp(pf->word[slot].text, w, n) == 0 &&
	         (!classes || !pf->word[slot].classes || same_next(pf->word[slot].next, next)))) {
		if (++probes == REDACT_WORD_SLOTS)
			return -EINVAL;
		slot = (slot + 1) & (REDACT_WORD_SLOTS - 1);
	}
	pf->word_ends[n][w[0] - 'a'] |= 1u << (w[n - 1] - 'a');
	memcpy(pf->word[slot].text, w, n);
	pf->word[slot].len = (uint8_t)n;
	pf->word[slot].line_classes |= line_classes;
	if (classes) {
		pf->word[slot].classes |= classes;
		pf->word[slot].next = next;
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
		pf->kind[c] = pf->kind[c | 0x20] = PF_KIND_LETTER;
	pf->kind[0xC5] = pf->kind[0xE2] = PF_KIND_ODD;
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

unsigned redact_prefilter_class_of_set(struct redact_prefilter *pf, const uint8_t set[32])
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

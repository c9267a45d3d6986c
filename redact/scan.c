/*
 * scan.c — the heart of the one output definition: marking the values that
 * start inside one block, and turning marks into masked bytes.
 *
 * Invariants kept here:
 * - redact_scan_block looks only at its subject: the result for a block is
 *   a function of the bytes [block - REDACT_BEHIND, block end +
 *   REDACT_REACH) alone, whoever calls it.
 * - Every start position in the block is tried (after a match at m, the
 *   search resumes at the next character after m, not after the match), so
 *   overlapping values are all found and which ones are found does not
 *   depend on where an earlier scan happened to stop.
 * - Marked spans start on character boundaries, so a valid multi-byte
 *   character is either wholly marked or not at all; where a subject is
 *   cut short of the file's end, a value that could run past the cut makes
 *   the block fail (EIO) instead of being masked in part.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

int redact_scratch_init(struct redact_scratch *sc, const redact_catalog *cat)
{
	sc->md = pcre2_match_data_create(cat->max_groups + 1, NULL);
	return sc->md ? 0 : -ENOMEM;
}

void redact_scratch_fini(struct redact_scratch *sc)
{
	pcre2_match_data_free(sc->md);
	sc->md = NULL;
	redact_decoded_fini(&sc->dec);
	redact_decoded_fini(&sc->fold);
}

static bool is_continuation(uint8_t c)
{
	return (c & 0xC0) == 0x80;
}

/* The next position after pos at which a character can begin. */
static size_t next_char(const uint8_t *s, size_t len, size_t pos)
{
	pos++;
	while (pos < len && is_continuation(s[pos]))
		pos++;
	return pos;
}

static int scan_detector(size_t det, const redact_profile *p, struct redact_scratch *sc,
                         const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	const struct redact_detector *d = &p->catalog->det[det];
	const pcre2_code *code = d->field ? redact_profile_fields(p)->code : d->code;
	/* Where the subject was cut short of the file's end, a match that
	 * runs into the cut could have gone on: ask pcre2 to say so. */
	uint32_t options = b->cut ? PCRE2_PARTIAL_HARD : 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	size_t pos = b->from;
	while (pos < b->to) {
		int rc = pcre2_match(code, b->subject, b->subject_len, pos, options, sc->md,
		                     p->catalog->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc == PCRE2_ERROR_PARTIAL)
			/* A value that starts in this block and is longer than the
			 * reach cannot be masked whole: fail closed. One that starts
			 * in the next block is that block's. */
			return ov[0] < b->to ? -EIO : 0;
		if (rc < 0)
			return rc == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EIO;
		size_t start = ov[0];
		if (start >= b->to)
			return 0; /* that value belongs to the next block */
		if (d->field) {
			rc = redact_field_mark(p, det, b->subject, b->subject_len, b->cut, ov[0], ov[1],
			                       marks, over);
			if (rc < 0)
				return rc;
			if (sc->tally)
				atomic_fetch_add(&sc->tally[det], 1);
		} else {
			size_t gs = ov[2 * d->group], ge = ov[2 * d->group + 1];
			if (gs != PCRE2_UNSET && ge != PCRE2_UNSET) {
				/* A group captured in a lookbehind may lie before the
				 * block; values of earlier blocks are theirs to mark. */
				if (gs < b->from) {
					gs = b->from;
					while (gs < ge && is_continuation(b->subject[gs]))
						gs++;
				}
				if (gs < ge &&
				    (!d->validate || d->validate(b->subject + gs, ge - gs))) {
					redact_apply_action(p, det, b->subject, gs, ge, marks, over);
					if (sc->tally)
						atomic_fetch_add(&sc->tally[det], 1);
				}
			}
		}
		pos = next_char(b->subject, b->subject_len, start);
	}
	return 0;
}

static int scan_utf8(const redact_profile *p, struct redact_scratch *sc,
                     const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	const redact_catalog *cat = p->catalog;
	for (size_t i = 0; i < cat->count; i++) {
		if (!redact_profile_enabled(p, i))
			continue;
		int rc = scan_detector(i, p, sc, b, marks, over);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int redact_scan_block(const redact_profile *p, struct redact_scratch *sc,
                      const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	/* The detectors see UTF-8 with full-width letters and digits folded;
	 * a view that is not the subject itself maps its marks back. */
	const struct redact_decoded *view = NULL;
	int rc;
	if (b->enc != REDACT_ENC_UTF8) {
		rc = redact_utf16_decode(&sc->dec, b->subject, b->subject_len,
		                         b->enc == REDACT_ENC_UTF16BE);
		if (rc < 0)
			return rc;
		view = &sc->dec;
	}
	const uint8_t *text = view ? view->text : b->subject;
	size_t len = view ? view->len : b->subject_len;
	if (redact_has_fullwidth(text, len)) {
		rc = redact_fold_fullwidth(&sc->fold, text, len, view);
		if (rc < 0)
			return rc;
		view = &sc->fold;
	}
	if (!view)
		return scan_utf8(p, sc, b, marks, over);
	struct redact_block b8 = {
		.subject = view->text,
		.subject_len = view->len,
		.from = redact_decoded_pos(view, b->from),
		.to = redact_decoded_pos(view, b->to),
		.cut = b->cut,
		.enc = REDACT_ENC_UTF8,
	};
	/* In a decoded or folded view every action masks: its output would
	 * have to be re-encoded into the file's bytes. */
	rc = scan_utf8(p, sc, &b8, view->marks, NULL);
	if (rc == 0)
		redact_decoded_mark_back(view, marks);
	return rc;
}

/* If position i is part of a valid 3-byte UTF-8 character, the offset of
 * its lead byte; else SIZE_MAX. */
static size_t lead_of_3byte(const uint8_t *s, size_t len, size_t i)
{
	for (size_t back = 0; back < 3 && back <= i; back++) {
		size_t lead = i - back;
		uint8_t c = s[lead];
		if (is_continuation(c))
			continue;
		if (c >= 0xE0 && c <= 0xEF && lead + 2 < len && is_continuation(s[lead + 1]) &&
		    is_continuation(s[lead + 2]))
			return lead;
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

void redact_emit(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                 size_t from, size_t to, uint8_t *out)
{
	static const uint8_t fullwidth_asterisk[3] = {0xEF, 0xBC, 0x8A}; /* U+FF0A */
	const uint8_t *s = b->subject;
	if (b->enc != REDACT_ENC_UTF8) {
		redact_emit_utf16(b, marks, from, to, out);
		return;
	}
	for (size_t i = from; i < to; i++) {
		/* A valid 3-byte character whose lead byte is marked becomes ＊
		 * whole. Only the lead's mark decides, so the bytes of a
		 * character that straddles a block end come out the same
		 * whenever they are written. */
		size_t lead = s[i] < 0x80 ? SIZE_MAX : lead_of_3byte(s, b->subject_len, i);
		if (lead != SIZE_MAX && marks[lead] == 1)
			out[i - from] = fullwidth_asterisk[i - lead];
		else if (marks[i] == 2)
			out[i - from] = over[i]; /* an action's output (actions.c) */
		else
			out[i - from] = marks[i] ? '*' : s[i];
	}
}

static int outbuf_reserve(struct redact_outbuf *o, size_t more)
{
	if (o->len + more <= o->cap)
		return 0;
	size_t cap = (o->len + more) * 2 + 64;
	uint8_t *grown = realloc(o->data, cap);
	if (!grown)
		return -ENOMEM;
	o->data = grown;
	o->cap = cap;
	return 0;
}

int redact_emit_var(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                    size_t from, size_t to, const redact_profile *p, struct redact_outbuf *o)
{
	size_t i = from;
	while (i < to) {
		/* A run of bytes that keep their length goes out as usual. */
		size_t run = i;
		while (run < to && marks[run] < REDACT_MARK_LABEL)
			run++;
		if (run > i) {
			if (outbuf_reserve(o, run - i) < 0)
				return -ENOMEM;
			redact_emit(b, marks, over, i, run, o->data + o->len);
			o->len += run - i;
			i = run;
			continue;
		}
		if (marks[i] == REDACT_MARK_LABEL) {
			char buf[48];
			const char *label = redact_label(p, over[i], buf, sizeof buf);
			size_t n = strlen(label);
			if (outbuf_reserve(o, n) < 0)
				return -ENOMEM;
			memcpy(o->data + o->len, label, n);
			o->len += n;
		}
		i++; /* a deleted byte, or the label's first byte */
	}
	return 0;
}

/*
 * emit.c — a block's output bytes from its marks (scan.c, csv.c,
 * legacy.c): masks, actions' bytes, labels, deletions.
 *
 * Invariants: the output of a subject position depends only on the marks
 * and bytes of the subject up to two positions either side, so a block's
 * output is the same whoever computed its marks (stream or range); a
 * valid 3-byte UTF-8 character whose lead byte is masked becomes ＊ whole,
 * decided by the lead's mark alone, so a character that straddles a block
 * end comes out the same whenever its bytes are written; output that keeps
 * lengths (redact_emit) has exactly the input's length.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* If position i is part of a valid 3-byte UTF-8 character, the offset of
 * its lead byte; else SIZE_MAX. */
static size_t lead_of_3byte(const uint8_t *s, size_t len, size_t i)
{
	for (size_t back = 0; back < 3 && back <= i; back++) {
		size_t lead = i - back;
		uint8_t c = s[lead];
		if (redact_is_continuation(c))
			continue;
		if (c >= 0xE0 && c <= 0xEF && lead + 2 < len &&
		    redact_is_continuation(s[lead + 1]) && redact_is_continuation(s[lead + 2]))
			return lead;
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* The first i in [from, to) with marks[i] != 0, or to. */
static size_t next_marked(const uint8_t *marks, size_t from, size_t to)
{
	size_t i = from;
	for (; i + 8 <= to; i += 8) {
		uint64_t v;
		memcpy(&v, marks + i, 8);
		if (v)
			break;
	}
	while (i < to && !marks[i])
		i++;
	return i;
}

/* The output byte for subject position i (see redact_emit). */
static uint8_t emit_byte(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                         size_t i)
{
	static const uint8_t fullwidth_asterisk[3] = {0xEF, 0xBC, 0x8A}; /* U+FF0A */
	const uint8_t *s = b->subject;
	/* A valid 3-byte character whose lead byte is marked becomes ＊
	 * whole. Only the lead's mark decides, so the bytes of a character
	 * that straddles a block end come out the same whenever they are
	 * written. */
	size_t lead = s[i] < 0x80 || redact_encoding_is_legacy(b->enc)
	                      ? SIZE_MAX
	                      : lead_of_3byte(s, b->subject_len, i);
	if (lead != SIZE_MAX && marks[lead] == 1)
		return fullwidth_asterisk[i - lead];
	if (marks[i] == 2)
		return over[i]; /* an action's output (actions.c) */
	return marks[i] ? '*' : s[i];
}

void redact_emit(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                 size_t from, size_t to, uint8_t *out)
{
	size_t i = from;
	while (i < to) {
		/* Unmarked bytes are copied, but for the last bytes of a
		 * character whose (marked) lead came before them. */
		size_t run = next_marked(marks, i, to);
		if (run > i) {
			memcpy(out + (i - from), b->subject + i, run - i);
			for (size_t k = i; k < run && k < i + 2; k++)
				if (b->subject[k] >= 0x80)
					out[k - from] = emit_byte(b, marks, over, k);
			i = run;
			continue;
		}
		out[i - from] = emit_byte(b, marks, over, i);
		i++;
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

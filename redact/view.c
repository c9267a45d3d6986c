/*
 * view.c — views of a subject: text the detectors read besides the
 * subject's own bytes, and the way their marks go back onto those bytes.
 *
 * A view is UTF-8 text in which every byte remembers the span of the text
 * below it (the subject, or an earlier view) it came from. The views of a
 * subject form a chain, each made from the one below: the file's encoding
 * decoded (UTF-16/32: unicode.c), escapes decoded and invisible characters
 * left out (unescape.c), full-width forms folded (fold.c). Each depends
 * only on the text below it, so a block's views, and the marks they give,
 * are the same whoever scans the block.
 *
 * Invariants kept here:
 * - Marks go back span by span, down the chain: a marked byte marks the
 *   whole span it came from (a whole escape, a whole code unit), and two
 *   marked bytes next to each other in a view mark whatever lies between
 *   their spans below (an invisible character or a soft line break inside
 *   a value), so no part of a value stays visible.
 * - On the subject, a view's marks are written in the file's own encoding
 *   and keep its length: UTF-8 bytes take the mask mark ('*', or '＊' for
 *   a 3-byte character, emit.c), and so do GB18030, Big5 and windows-1252
 *   bytes (legacy.c then writes whole characters as the encoding's ＊);
 *   a UTF-16 code unit becomes '*' (an ASCII
 *   character or half of a surrogate pair) or '＊', a UTF-32 unit '*' or
 *   '＊', each written as an action's bytes (over). They never replace what
 *   the subject's own scan marked: a value found in the bytes themselves
 *   keeps its action.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

int redact_decoded_reserve(struct redact_decoded *d, size_t need)
{
	if (need <= d->cap)
		return 0;
	size_t cap = need * 2;
	uint8_t *text = realloc(d->text, cap);
	if (text)
		d->text = text;
	uint32_t *raw = realloc(d->raw, cap * sizeof *raw);
	if (raw)
		d->raw = raw;
	uint8_t *rawlen = realloc(d->rawlen, cap);
	if (rawlen)
		d->rawlen = rawlen;
	uint8_t *marks = realloc(d->marks, cap);
	if (marks)
		d->marks = marks;
	if (!text || !raw || !rawlen || !marks)
		return -ENOMEM;
	d->cap = cap;
	return 0;
}

void redact_decoded_fini(struct redact_decoded *d)
{
	free(d->text);
	free(d->raw);
	free(d->rawlen);
	free(d->marks);
	memset(d, 0, sizeof *d);
}

size_t redact_decoded_pos(const struct redact_decoded *d, size_t raw)
{
	size_t lo = 0, hi = d->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->raw[mid] < raw)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void redact_decoded_put_cp(struct redact_decoded *d, uint32_t cp, size_t raw, size_t rawlen)
{
	if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF) {
		redact_decoded_put(d, 0xFF, raw, rawlen); /* a barrier */
	} else if (cp < 0x80) {
		redact_decoded_put(d, (uint8_t)cp, raw, rawlen);
	} else if (cp < 0x800) {
		redact_decoded_put(d, (uint8_t)(0xC0 | cp >> 6), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
	} else if (cp < 0x10000) {
		redact_decoded_put(d, (uint8_t)(0xE0 | cp >> 12), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
	} else {
		redact_decoded_put(d, (uint8_t)(0xF0 | cp >> 18), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | ((cp >> 12) & 0x3F)), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)), raw, rawlen);
		redact_decoded_put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
	}
}

void redact_decoded_mark_back(const struct redact_decoded *d, const uint8_t *text,
                              size_t text_len, uint8_t *below)
{
	size_t prev_end = 0;
	bool prev_marked = false;
	for (size_t i = 0; i < d->len; i++) {
		size_t at = d->raw[i], end = at + d->rawlen[i];
		if (!d->marks[i]) {
			prev_marked = false;
			continue;
		}
		/* What lies between two marked neighbours (left out of the
		 * view: an invisible character) belongs to the value too, but
		 * for line breaks and the "=" of a soft line break before
		 * them, which keep the text's lines. Spans only move forward. */
		for (size_t k = prev_marked ? prev_end : at; k < at; k++)
			if (text[k] != '\n' && text[k] != '\r' &&
			    !(text[k] == '=' && k + 1 < at && (text[k + 1] == '\n' || text[k + 1] == '\r')))
				below[k] = 1;
		memset(below + at, 1, end - at);
		prev_marked = true;
		prev_end = end;
	}
	/* The view stops before what is not whole at the text's end (half
	 * a code unit, a character or an escape still being written): a
	 * value marked up to the view's end takes those bytes with it. */
	if (prev_marked && d->len > 0 && prev_end < text_len &&
	    d->raw[d->len - 1] + d->rawlen[d->len - 1] == prev_end)
		memset(below + prev_end, 1, text_len - prev_end);
}

/* Writes the masked form of the code unit at s[i] (width bytes, in the
 * encoding's byte order) into over and marks it, unless the subject's own
 * scan marked any of its bytes. */
static void render_unit(const uint8_t *s, size_t i, size_t width, bool be, uint8_t *marks,
                        uint8_t *over)
{
	for (size_t k = 0; k < width; k++)
		if (marks[i + k])
			return;
	uint32_t u = width == 2 ? redact_unit16(s, i, be) : redact_unit32(s, i, be);
	uint32_t r = (u < 0x80 || (u >= 0xD800 && u < 0xE000)) ? 0x002A : 0xFF0A;
	for (size_t k = 0; k < width; k++) {
		size_t shift = 8 * (be ? width - 1 - k : k);
		over[i + k] = (uint8_t)(r >> shift);
		marks[i + k] = REDACT_MARK_OVERLAY;
	}
}

void redact_view_render(enum redact_encoding enc, const uint8_t *s, size_t n,
                        const uint8_t *vmarks, uint8_t *marks, uint8_t *over)
{
	size_t width = 1;
	bool be = false;
	switch (enc) {
	case REDACT_ENC_UTF16LE: width = 2; break;
	case REDACT_ENC_UTF16BE: width = 2, be = true; break;
	case REDACT_ENC_UTF32LE: width = 4; break;
	case REDACT_ENC_UTF32BE: width = 4, be = true; break;
	case REDACT_ENC_UTF8:
	case REDACT_ENC_GB18030: /* mask marks: legacy.c writes their ＊ */
	case REDACT_ENC_BIG5:
	case REDACT_ENC_CP1252:
	default:
		for (size_t i = 0; i < n; i++)
			if (vmarks[i] && !marks[i])
				marks[i] = REDACT_MARK_MASK;
		return;
	}
	/* Subjects start at offsets that are multiples of the unit's width
	 * (block bounds are multiples of 4): units are aligned here too. A
	 * dangling last byte or two are masked as bytes. */
	for (size_t i = 0; i < n; i += width) {
		bool any = false;
		for (size_t k = 0; k < width && i + k < n; k++)
			any = any || vmarks[i + k];
		if (!any)
			continue;
		if (i + width <= n) {
			render_unit(s, i, width, be, marks, over);
			continue;
		}
		for (size_t k = i; k < n; k++)
			if (!marks[k])
				marks[k] = REDACT_MARK_MASK;
	}
}

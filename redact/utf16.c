/*
 * utf16.c — UTF-16 files (with a byte-order mark): decoded to UTF-8 for the
 * detectors, masked in their own encoding with their byte length kept.
 *
 * A file is UTF-16LE/BE when it starts with FF FE / FE FF. Every block
 * subject of such a file (its bounds are even, so they fall between code
 * units) is decoded on its own: each UTF-8 byte of the result remembers
 * the code unit(s) it came from, so marks found on the UTF-8 text go back
 * to whole code units. An unpaired surrogate or a dangling last byte
 * decodes to an invalid UTF-8 byte, a barrier no match crosses. Because
 * the decoding depends only on the subject's bytes, stream and range still
 * compute the same marks.
 *
 * Masking a unit: '*' (U+002A) for an ASCII character or a surrogate, '＊'
 * (U+FF0A) for any other character, each two bytes in the file's order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

enum redact_encoding redact_encoding_of(const uint8_t *head, size_t len)
{
	if (len >= 2 && head[0] == 0xFF && head[1] == 0xFE)
		return REDACT_ENC_UTF16LE;
	if (len >= 2 && head[0] == 0xFE && head[1] == 0xFF)
		return REDACT_ENC_UTF16BE;
	return REDACT_ENC_UTF8;
}

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

static void put(struct redact_decoded *d, uint8_t byte, size_t raw, size_t rawlen)
{
	d->text[d->len] = byte;
	d->raw[d->len] = (uint32_t)raw;
	d->rawlen[d->len] = (uint8_t)rawlen;
	d->len++;
}

static unsigned unit_at(const uint8_t *s, size_t i, bool be)
{
	return be ? (unsigned)s[i] << 8 | s[i + 1] : (unsigned)s[i + 1] << 8 | s[i];
}

int redact_utf16_decode(struct redact_decoded *d, const uint8_t *s, size_t n, bool be)
{
	d->len = 0;
	if (redact_decoded_reserve(d, n / 2 * 3 + 2) < 0)
		return -ENOMEM;
	size_t i = 0;
	while (i + 1 < n) {
		unsigned u = unit_at(s, i, be);
		uint32_t cp = u;
		size_t units = 1;
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			unsigned lo = unit_at(s, i + 2, be);
			if (lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				units = 2;
			}
		}
		size_t raw = i, rawlen = units * 2;
		if (cp >= 0xD800 && cp < 0xE000) {
			put(d, 0xFF, raw, rawlen); /* unpaired surrogate: a barrier */
		} else if (cp < 0x80) {
			put(d, (uint8_t)cp, raw, rawlen);
		} else if (cp < 0x800) {
			put(d, (uint8_t)(0xC0 | cp >> 6), raw, rawlen);
			put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
		} else if (cp < 0x10000) {
			put(d, (uint8_t)(0xE0 | cp >> 12), raw, rawlen);
			put(d, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)), raw, rawlen);
			put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
		} else {
			put(d, (uint8_t)(0xF0 | cp >> 18), raw, rawlen);
			put(d, (uint8_t)(0x80 | ((cp >> 12) & 0x3F)), raw, rawlen);
			put(d, (uint8_t)(0x80 | ((cp >> 6) & 0x3F)), raw, rawlen);
			put(d, (uint8_t)(0x80 | (cp & 0x3F)), raw, rawlen);
		}
		i += units * 2;
	}
	if (i < n)
		put(d, 0xFF, i, 1); /* a dangling last byte */
	memset(d->marks, 0, d->len);
	return 0;
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

void redact_decoded_mark_back(const struct redact_decoded *d, uint8_t *marks)
{
	for (size_t i = 0; i < d->len; i++)
		if (d->marks[i])
			memset(marks + d->raw[i], 1, d->rawlen[i]);
}

void redact_emit_utf16(const struct redact_block *b, const uint8_t *marks, size_t from,
                       size_t to, uint8_t *out)
{
	const uint8_t *s = b->subject;
	bool be = b->enc == REDACT_ENC_UTF16BE;
	for (size_t i = from; i < to; i++) {
		if (!marks[i]) {
			out[i - from] = s[i];
			continue;
		}
		size_t unit = i & ~(size_t)1; /* subjects start at even offsets */
		if (unit + 1 >= b->subject_len) {
			out[i - from] = '*';
			continue;
		}
		unsigned u = unit_at(s, unit, be);
		unsigned r = (u < 0x80 || (u >= 0xD800 && u < 0xE000)) ? 0x002A : 0xFF0A;
		bool high = (i == unit) == be;
		out[i - from] = (uint8_t)(high ? r >> 8 : r & 0xFF);
	}
}

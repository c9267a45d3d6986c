/*
 * unicode.c — UTF-16 and UTF-32 text: checking that bytes really are what
 * a byte-order mark claims, and decoding them to UTF-8 for the detectors.
 *
 * A byte-order mark is a claim, not a fact: the bytes after it are UTF-16
 * (or UTF-32) only when they decode as such with few control characters
 * and are not simply UTF-8 text (sniff.c decides from the file's first
 * bytes). Even then the subject's own bytes are scanned too (scan.c), so a
 * claim never makes a scan find less than it would without one.
 *
 * Every block subject of such a file (its bounds are multiples of 4, so
 * they fall between code units) is decoded on its own: each UTF-8 byte of
 * the result remembers the code unit(s) it came from (view.c maps marks
 * back and writes them in the file's encoding). An unpaired surrogate, a
 * unit past U+10FFFF or a dangling last byte decodes to an invalid byte,
 * a barrier no match crosses. The decoding depends only on the subject's
 * bytes, so stream and range compute the same marks.
 */
#include <errno.h>
#include <string.h>

#include "redact_i.h"

int redact_utf16_decode(struct redact_decoded *d, const uint8_t *s, size_t n, bool be)
{
	d->len = 0;
	if (redact_decoded_reserve(d, n / 2 * 3 + 2) < 0)
		return -ENOMEM;
	size_t i = 0;
	while (i + 1 < n) {
		unsigned u = redact_unit16(s, i, be);
		uint32_t cp = u;
		size_t units = 1;
		if (u >= 0xD800 && u < 0xDC00 && i + 3 >= n)
			break; /* a high surrogate whose other half is still to come */
		if (u >= 0xD800 && u < 0xDC00) {
			unsigned lo = redact_unit16(s, i + 2, be);
			if (lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				units = 2;
			}
		}
		redact_decoded_put_cp(d, cp, i, units * 2);
		i += units * 2;
	}
	/* A dangling last byte (half a unit still being written) is left
	 * out: the view ends before it (view.c masks it with a value that
	 * runs to the end). */
	memset(d->marks, 0, d->len);
	return 0;
}

int redact_utf32_decode(struct redact_decoded *d, const uint8_t *s, size_t n, bool be)
{
	d->len = 0;
	if (redact_decoded_reserve(d, n + 4) < 0)
		return -ENOMEM;
	size_t i = 0;
	for (; i + 3 < n; i += 4)
		redact_decoded_put_cp(d, redact_unit32(s, i, be), i, 4);
	/* dangling last bytes: left out, as in UTF-16 */
	memset(d->marks, 0, d->len);
	return 0;
}

int redact_decode(struct redact_decoded *d, enum redact_encoding enc, const uint8_t *s, size_t n,
                  bool at_file_start, int align)
{
	switch (enc) {
	case REDACT_ENC_UTF16LE: return redact_utf16_decode(d, s, n, false);
	case REDACT_ENC_UTF16BE: return redact_utf16_decode(d, s, n, true);
	case REDACT_ENC_UTF32LE: return redact_utf32_decode(d, s, n, false);
	case REDACT_ENC_UTF32BE: return redact_utf32_decode(d, s, n, true);
	case REDACT_ENC_GB18030:
	case REDACT_ENC_BIG5:
	case REDACT_ENC_CP1252: return redact_legacy_decode(d, enc, s, n, at_file_start, align);
	case REDACT_ENC_UTF8:
	default: return -EINVAL;
	}
}

/* A control character that text does not hold (tab, line breaks, form
 * feed, backspace and escape are text's). */
static bool odd_control(uint32_t cp)
{
	return cp == 0x7F || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f' &&
	                      cp != '\b' && cp != 0x1B && cp != '\v');
}

bool redact_utf16_plausible(const uint8_t *s, size_t n, bool be)
{
	size_t units = 0, odd = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned u = redact_unit16(s, i, be);
		units++;
		if (u >= 0xDC00 && u < 0xE000)
			return false; /* a low surrogate alone */
		if (u >= 0xD800 && u < 0xDC00) {
			if (i + 3 >= n)
				break; /* cut at the end of what was looked at */
			unsigned lo = redact_unit16(s, i + 2, be);
			if (lo < 0xDC00 || lo >= 0xE000)
				return false;
			i += 2;
			continue;
		}
		if (u == 0 || u == 0xFFFE || u == 0xFFFF)
			return false;
		odd += odd_control(u);
	}
	return units > 0 && odd * REDACT_CONTROL_SHARE <= units;
}

bool redact_utf32_plausible(const uint8_t *s, size_t n, bool be)
{
	size_t units = 0, odd = 0;
	for (size_t i = 0; i + 3 < n; i += 4) {
		uint32_t u = redact_unit32(s, i, be);
		units++;
		if (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u < 0xE000) || u == 0xFFFE)
			return false;
		odd += odd_control(u);
	}
	return units > 0 && odd * REDACT_CONTROL_SHARE <= units;
}

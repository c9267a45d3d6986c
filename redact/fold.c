/*
 * fold.c — full-width letters, digits and the symbols of addresses
 * (ｅｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ, １３８１２３４５６７８, Ａ１２３４５６（３）) are seen by
 * the detectors as their ASCII forms, and masked in the file as written.
 *
 * When a subject (or a view of it) holds any of them, the detectors also
 * run on a folded view in which each such character (3 bytes in UTF-8)
 * becomes one ASCII byte that remembers where it came from; marks go back
 * to the whole character (view.c). CJK
 * punctuation (，：；（）) is not folded: detectors rely on it as it is.
 * Folding depends only on the subject, so stream and range agree.
 */
#include <errno.h>
#include <string.h>

#include "redact_i.h"

/* The ASCII byte a full-width character folds to, or 0. c points at 3
 * bytes of UTF-8. */
static uint8_t folded(const uint8_t *c)
{
	if (c[0] != 0xEF)
		return 0;
	unsigned cp = (unsigned)(c[1] & 0x3F) << 6 | (c[2] & 0x3F); /* low 12 bits */
	if (c[1] != 0xBC && c[1] != 0xBD)
		return 0;
	cp |= 0xF000;
	if (cp >= 0xFF10 && cp <= 0xFF19) /* ０-９ */
		return (uint8_t)('0' + cp - 0xFF10);
	if (cp >= 0xFF21 && cp <= 0xFF3A) /* Ａ-Ｚ */
		return (uint8_t)('A' + cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A) /* ａ-ｚ */
		return (uint8_t)('a' + cp - 0xFF41);
	switch (cp) {
	case 0xFF20: return '@';
	case 0xFF0E: return '.';
	case 0xFF0D: return '-';
	case 0xFF3F: return '_';
	case 0xFF0B: return '+';
	default: return 0;
	}
}

bool redact_has_fullwidth(const uint8_t *s, size_t n)
{
	for (const uint8_t *p = s; (p = memchr(p, 0xEF, n - (size_t)(p - s))) != NULL; p++)
		if ((size_t)(p - s) + 2 < n && folded(p))
			return true;
	return false;
}

int redact_fold_fullwidth(struct redact_decoded *out, const uint8_t *s, size_t n)
{
	out->len = 0;
	if (redact_decoded_reserve(out, n) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < n;) {
		uint8_t f = i + 2 < n ? folded(s + i) : 0;
		size_t take = f ? 3 : 1;
		out->text[out->len] = f ? f : s[i];
		out->raw[out->len] = (uint32_t)i;
		out->rawlen[out->len] = (uint8_t)take;
		out->len++;
		i += take;
	}
	memset(out->marks, 0, out->len);
	return 0;
}

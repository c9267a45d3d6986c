/*
 * sniff.c — what a file is, from its first bytes: text in some encoding,
 * or binary.
 *
 * Text is what decodes as text: UTF-8 (a stray invalid byte allowed now
 * and then) with few control bytes, UTF-16/UTF-32 whose byte-order mark
 * the bytes after it bear out, or GB18030, Big5 or windows-1252 text as
 * legacy.c tells it from data. Everything else is binary: known
 * magics (gzip, zip, PDF, ...), NUL bytes, and compressed or random data
 * (zlib and deflate streams, bzip2, xz, zstd, lz4 without their magic),
 * which detectors cannot see into whatever its first bytes are.
 *
 * Invariants: the decision is a function of the bytes looked at alone (at
 * most REDACT_SNIFF_LEN from the start), so the stream, every range read,
 * the mount's open and `redact` decide alike. A byte-order mark is a
 * claim: one that the bytes do not bear out is ignored, and the rest is
 * judged as if it were not there, never taken as a reason to scan less.
 */
#include <stdio.h>
#include <string.h>

#include "redact_i.h"

struct magic {
	const char *bytes;
	size_t len;
	const char *what;
};

#define MAGIC(s, what) {s, sizeof(s) - 1, what}

static const struct magic magics[] = {
	MAGIC("\x1f\x8b", "gzip data"),
	MAGIC("\x1f\x9d", "compress data"),
	MAGIC("BZh", "bzip2 data"),
	MAGIC("\xfd" "7zXZ", "xz data"),
	MAGIC("\x28\xb5\x2f\xfd", "zstd data"),
	MAGIC("\x04\x22\x4d\x18", "lz4 data"),
	MAGIC("PK\x03\x04", "a zip archive (docx, xlsx, odt, jar)"),
	MAGIC("PK\x05\x06", "an empty zip archive"),
	MAGIC("PK\x07\x08", "a spanned zip archive"),
	MAGIC("7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
	MAGIC("Rar!\x1a\x07", "a RAR archive"),
	MAGIC("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (doc, xls, ppt, msg)"),
	MAGIC("%PDF-", "a PDF document"),
	MAGIC("\x89PNG", "a PNG image"),
	MAGIC("\xff\xd8\xff", "a JPEG image"),
	MAGIC("GIF8", "a GIF image"),
	MAGIC("\x7f" "ELF", "an ELF executable"),
	MAGIC("SQLite format 3", "an SQLite database"),
};

/* A control byte that text does not hold (tab, line breaks, form feed,
 * backspace and escape are text's). */
static bool odd_control(uint8_t c)
{
	return c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
	                     c != '\b' && c != 0x1B && c != '\v');
}

/* The length of the valid UTF-8 character at s[0..n), 0 when invalid, or
 * n when it is cut by the end of s (cut: s ends before the file does or
 * the file is being written; a character may continue). */
static size_t utf8_char(const uint8_t *s, size_t n)
{
	uint8_t c = s[0];
	size_t len;
	uint8_t lo = 0x80, hi = 0xBF; /* the second byte's range */
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	for (size_t k = 1; k < len; k++) {
		if (k >= n)
			return n; /* cut: may go on */
		if (s[k] < (k == 1 ? lo : 0x80) || s[k] > (k == 1 ? hi : 0xBF))
			return 0;
	}
	return len;
}

/* Whether s[0..n) is UTF-8 text: at most one invalid byte in 256 (a stray
 * Latin-1 byte in a log), few odd control bytes, no NUL. */
static bool utf8_text(const uint8_t *s, size_t n)
{
	size_t invalid = 0, odd = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == 0)
			return false;
		size_t len = utf8_char(s + i, n - i);
		if (len == 0) {
			invalid++;
			len = 1;
		} else if (len == 1) {
			odd += odd_control(s[i]);
		}
		i += len;
	}
	return invalid * 256 <= n && odd * REDACT_CONTROL_SHARE <= n;
}

/* What the bytes after a byte-order mark are, when they bear it out. */
static bool bom_holds(const uint8_t *h, size_t len, enum redact_encoding *enc, size_t *bom)
{
	if (len >= 4 && h[0] == 0xFF && h[1] == 0xFE && h[2] == 0 && h[3] == 0) {
		*bom = 4;
		*enc = REDACT_ENC_UTF32LE;
		if (redact_utf32_plausible(h + 4, len - 4, false))
			return true;
	}
	if (len >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF) {
		*bom = 4;
		*enc = REDACT_ENC_UTF32BE;
		return redact_utf32_plausible(h + 4, len - 4, true);
	}
	if (len >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF))) {
		bool be = h[0] == 0xFE;
		*bom = 2;
		*enc = be ? REDACT_ENC_UTF16BE : REDACT_ENC_UTF16LE;
		/* ASCII after the mark also decodes as (CJK) UTF-16: it is
		 * the UTF-8 reading that tells them apart */
		return len == 2 || (redact_utf16_plausible(h + 2, len - 2, be) &&
		                    !utf8_text(h + 2, len - 2));
	}
	return false;
}

void redact_sniff(const void *head, size_t len, struct redact_sniff_result *out)
{
	const uint8_t *h = head;
	if (len > REDACT_SNIFF_LEN)
		len = REDACT_SNIFF_LEN;
	*out = (struct redact_sniff_result){.binary = false, .enc = REDACT_ENC_UTF8,
	                                    .what = "text, UTF-8"};
	if (len == 0) {
		out->what = "text (empty)";
		return;
	}
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (len >= magics[i].len && memcmp(h, magics[i].bytes, magics[i].len) == 0) {
			out->binary = true;
			out->what = magics[i].what;
			return;
		}
	enum redact_encoding enc;
	size_t bom = 0;
	if (bom_holds(h, len, &enc, &bom)) {
		out->enc = enc;
		out->what = enc == REDACT_ENC_UTF16LE   ? "text, UTF-16LE (byte-order mark checked)"
		            : enc == REDACT_ENC_UTF16BE ? "text, UTF-16BE (byte-order mark checked)"
		            : enc == REDACT_ENC_UTF32LE ? "text, UTF-32LE (byte-order mark checked)"
		                                        : "text, UTF-32BE (byte-order mark checked)";
		return;
	}
	/* A mark the bytes do not bear out is ignored: the rest is judged as
	 * if it were not there. */
	bool lying = bom > 0;
	if (memchr(h + bom, '\0', len - bom)) {
		out->binary = true;
		out->what = lying ? "binary: NUL bytes (after a byte-order mark they do not bear out)"
		                  : "binary: NUL bytes";
		return;
	}
	if (utf8_text(h + bom, len - bom)) {
		if (lying)
			out->what = "text, UTF-8 (after a UTF-16/32 byte-order mark the bytes do not "
			            "bear out)";
		return;
	}
	if (!lying && redact_legacy_detect(h, len, &enc, &out->what)) {
		out->enc = enc;
		return;
	}
	out->binary = true;
	out->what = "binary: not text in UTF-8, UTF-16/32, GB18030, Big5 or windows-1252 "
	            "(compressed or other data)";
}

bool redact_looks_binary(const void *head, size_t len)
{
	struct redact_sniff_result r;
	redact_sniff(head, len, &r);
	return r.binary;
}

const char *redact_content_kind(const void *head, size_t len)
{
	struct redact_sniff_result r;
	redact_sniff(head, len, &r);
	return r.what;
}

enum redact_encoding redact_encoding_of(const uint8_t *head, size_t len)
{
	struct redact_sniff_result r;
	redact_sniff(head, len, &r);
	return r.enc;
}

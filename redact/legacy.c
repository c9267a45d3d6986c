/*
 * legacy.c — Chinese text in GB18030 (and so GBK and GB2312) or Big5, and
 * Western text in windows-1252: told from binary data, decoded to UTF-8
 * for the detectors, and masked in the file's own encoding.
 *
 * Deciding (from a file's first bytes, sniff.c, only when they are not
 * UTF-8): uchardet names the encoding, under the rule measured against ICU
 * in bench/charset (RESULTS.md: no NUL-free binary head of 32,684 called
 * text): at least 32 bytes, at most 5 odd control bytes in 1000, an answer
 * of the Chinese or Western family, a head glibc's iconv converts without
 * error, and for Western text at most 200 bytes of 0x80 or more in 1000
 * and no run of three such bytes that would read as Chinese as well.
 *
 * Decoding: the code points come from iconv (tables built once, on first
 * use, for every one- and two-byte character; four-byte GB18030 characters
 * one by one); only where a character begins is known here, from the
 * encodings' structure. A subject that starts inside a run of double-byte
 * characters (not at the file's start, before any byte that is always a
 * character of its own) is aligned by which reading gives more common
 * characters, and where that run reaches into the block the other reading
 * is scanned too (scan.c): a function of the subject alone, so stream and
 * range agree.
 *
 * Masking: every character a mark touches becomes, whole, the encoding's
 * own full-width asterisk (＊, two bytes in GB18030 and Big5; two of them
 * for a four-byte character) or '*' for a one-byte character, so the
 * length is kept (redact_legacy_finish_block).
 *
 * The tables are built once and only read afterwards (pthread_once): no
 * state changes once a file has been looked at.
 */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <uchardet/uchardet.h>

#include "redact_i.h"

/* ---- Tables --------------------------------------------------------- */

#define LEADS 126  /* 0x81..0xFE */
#define TRAILS 191 /* 0x40..0xFE */

struct legacy_tables {
	uint16_t gb[LEADS][TRAILS];   /* GB18030 two-byte characters; 0: none */
	uint16_t big5[LEADS][TRAILS]; /* Big5; 0: none */
	uint16_t cp1252[128];         /* windows-1252 0x80..0xFF; 0: none */
	uint8_t star_gb[2], star_big5[2]; /* ＊ in each */
	bool ok;
};

static struct legacy_tables tables;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* The code point iconv makes of in[0..n) in encoding cd, or 0. */
static uint32_t convert_one(iconv_t cd, const uint8_t *in, size_t n)
{
	char src[4], dst[8];
	memcpy(src, in, n);
	char *ip = src, *op = dst;
	size_t il = n, ol = sizeof dst;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0 || ol != 4)
		return 0;
	return (uint32_t)(uint8_t)dst[0] | (uint32_t)(uint8_t)dst[1] << 8 |
	       (uint32_t)(uint8_t)dst[2] << 16 | (uint32_t)(uint8_t)dst[3] << 24;
}

static bool fill_double(uint16_t t[LEADS][TRAILS], const char *name)
{
	iconv_t cd = iconv_open("UTF-32LE", name);
	if (cd == (iconv_t)-1)
		return false;
	for (unsigned lead = 0x81; lead <= 0xFE; lead++)
		for (unsigned trail = 0x40; trail <= 0xFE; trail++) {
			uint8_t two[2] = {(uint8_t)lead, (uint8_t)trail};
			uint32_t cp = convert_one(cd, two, 2);
			t[lead - 0x81][trail - 0x40] = cp < 0x10000 ? (uint16_t)cp : 0;
		}
	iconv_close(cd);
	return true;
}

static bool star_in(const char *name, uint8_t star[2])
{
	iconv_t cd = iconv_open(name, "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	char src[] = "\xef\xbc\x8a", dst[8];
	char *ip = src, *op = dst;
	size_t il = 3, ol = sizeof dst;
	bool ok = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && sizeof dst - ol == 2;
	iconv_close(cd);
	if (ok)
		memcpy(star, dst, 2);
	return ok;
}

static void build_tables(void)
{
	bool ok = fill_double(tables.gb, "GB18030") && fill_double(tables.big5, "BIG5") &&
	          star_in("GB18030", tables.star_gb) && star_in("BIG5", tables.star_big5);
	iconv_t cd = iconv_open("UTF-32LE", "WINDOWS-1252");
	if (cd == (iconv_t)-1) {
		ok = false;
	} else {
		for (unsigned b = 0x80; b <= 0xFF; b++) {
			uint8_t one = (uint8_t)b;
			tables.cp1252[b - 0x80] = (uint16_t)convert_one(cd, &one, 1);
		}
		iconv_close(cd);
	}
	tables.ok = ok;
}

static const struct legacy_tables *get_tables(void)
{
	pthread_once(&tables_once, build_tables);
	return tables.ok ? &tables : NULL;
}

/* ---- Characters ----------------------------------------------------- */

bool redact_encoding_is_legacy(enum redact_encoding enc)
{
	return enc == REDACT_ENC_GB18030 || enc == REDACT_ENC_BIG5 || enc == REDACT_ENC_CP1252;
}

/* The length of the character at s[0..n) in enc (1 for a byte that starts
 * none: it is a barrier of its own). */
static size_t char_len(enum redact_encoding enc, const uint8_t *s, size_t n)
{
	uint8_t b = s[0];
	if (enc == REDACT_ENC_CP1252 || b < 0x81 || b == 0xFF || n < 2)
		return 1;
	if (enc == REDACT_ENC_GB18030 && s[1] >= 0x30 && s[1] <= 0x39)
		return n >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 && s[3] <= 0x39 ? 4 : 1;
	uint8_t t = s[1];
	if (enc == REDACT_ENC_BIG5)
		return (t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE) ? 2 : 1;
	return t >= 0x40 && t <= 0xFE && t != 0x7F ? 2 : 1;
}

/* Whether s[0..m), which runs to the end of the text, is the start of a
 * character whose other bytes are still to come. */
static bool unfinished(enum redact_encoding enc, const uint8_t *s, size_t m)
{
	if (enc == REDACT_ENC_CP1252 || s[0] < 0x81 || s[0] == 0xFF || m >= 4)
		return false;
	if (m == 1)
		return true;
	if (enc == REDACT_ENC_GB18030 && s[1] >= 0x30 && s[1] <= 0x39)
		return m == 2 || (s[2] >= 0x81 && s[2] <= 0xFE);
	return false;
}

/* A byte below this is a character of its own wherever it stands: after
 * it a character begins. */
static uint8_t sync_below(enum redact_encoding enc)
{
	return enc == REDACT_ENC_GB18030 ? 0x30 : 0x40;
}

/* A character common in Chinese text, for telling two readings apart:
 * GB2312's first level of hanzi and its punctuation; Big5's frequent
 * characters. */
static bool common(enum redact_encoding enc, const uint8_t *c, size_t len)
{
	if (len != 2)
		return false;
	if (enc == REDACT_ENC_GB18030)
		return ((c[0] >= 0xB0 && c[0] <= 0xD7) || c[0] == 0xA1 || c[0] == 0xA3) &&
		       c[1] >= 0xA1 && c[1] <= 0xFE;
	return c[0] >= 0xA4 && c[0] <= 0xC6;
}

size_t redact_legacy_first_char(enum redact_encoding enc, const uint8_t *s, size_t n,
                                bool at_file_start)
{
	if (at_file_start || enc == REDACT_ENC_CP1252 || n < 2)
		return 0;
	uint8_t below = sync_below(enc);
	size_t sync = 0;
	while (sync < n && s[sync] >= below)
		sync++;
	if (sync == 0)
		return 0;
	/* Read the run before the first sure boundary from its first byte
	 * and from its second; the one with more common characters wins. */
	size_t score[2] = {0, 0};
	for (size_t start = 0; start < 2; start++)
		for (size_t i = start; i < sync;) {
			size_t len = char_len(enc, s + i, n - i);
			score[start] += common(enc, s + i, len);
			i += len;
		}
	return score[1] > score[0] ? 1 : 0;
}

/* The code point of the character s[0..len) in enc, or 0 for none. */
static uint32_t code_point(const struct legacy_tables *t, enum redact_encoding enc,
                           const uint8_t *s, size_t len)
{
	if (s[0] < 0x80)
		return s[0];
	if (enc == REDACT_ENC_CP1252)
		return len == 1 ? t->cp1252[s[0] - 0x80] : 0;
	if (len == 2) {
		const uint16_t(*table)[TRAILS] = enc == REDACT_ENC_GB18030 ? t->gb : t->big5;
		return table[s[0] - 0x81][s[1] - 0x40];
	}
	if (len == 4) {
		iconv_t cd = iconv_open("UTF-32LE", "GB18030");
		if (cd == (iconv_t)-1)
			return 0;
		uint32_t cp = convert_one(cd, s, 4);
		iconv_close(cd);
		return cp;
	}
	return 0;
}

int redact_legacy_other_reading(enum redact_encoding enc, const uint8_t *s, size_t n, size_t from)
{
	if ((enc != REDACT_ENC_GB18030 && enc != REDACT_ENC_BIG5) || from == 0)
		return -1;
	uint8_t below = sync_below(enc);
	for (size_t i = 0; i <= from && i < n; i++)
		if (s[i] < below)
			return -1; /* the block's characters are sure */
	return 1 - (int)redact_legacy_first_char(enc, s, n, false);
}

int redact_legacy_decode(struct redact_decoded *d, enum redact_encoding enc, const uint8_t *s,
                         size_t n, bool at_file_start, int align)
{
	const struct legacy_tables *t = get_tables();
	d->len = 0;
	if (!t)
		return -EIO; /* no conversion tables: fail closed */
	/* a byte of windows-1252 can be three bytes of UTF-8 (0x80: U+20AC) */
	if (redact_decoded_reserve(d, n * 3 + 4) < 0)
		return -ENOMEM;
	size_t i = 0, first = align >= 0 && !at_file_start
	                              ? (size_t)align
	                              : redact_legacy_first_char(enc, s, n, at_file_start);
	for (; i < first; i++)
		redact_decoded_put(d, 0xFF, i, 1); /* the tail of a character begun before */
	while (i < n) {
		size_t len = char_len(enc, s + i, n - i);
		if (len == 1 && unfinished(enc, s + i, n - i))
			break; /* the view ends before a character still to come */
		uint32_t cp = code_point(t, enc, s + i, len);
		redact_decoded_put_cp(d, cp == 0 && s[i] != 0 ? REDACT_NO_CHAR : cp, i, len);
		i += len;
	}
	memset(d->marks, 0, d->len);
	return 0;
}

int redact_legacy_to_utf8(enum redact_encoding enc, const uint8_t *s, size_t n, char *out,
                          size_t cap)
{
	struct redact_decoded d = {0};
	int rc = redact_legacy_decode(&d, enc, s, n, true, 0);
	size_t len = rc == 0 && d.len < cap ? d.len : 0;
	if (rc == 0 && d.len >= cap)
		rc = -ENOSPC;
	if (rc == 0)
		memcpy(out, d.text, len);
	if (cap)
		out[len] = '\0';
	redact_decoded_fini(&d);
	return rc < 0 ? rc : (int)len;
}

void redact_legacy_finish_block(const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	if (b->enc == REDACT_ENC_CP1252 || !redact_encoding_is_legacy(b->enc))
		return;
	const struct legacy_tables *t = get_tables();
	if (!t)
		return; /* the scan failed already (redact_legacy_decode) */
	const uint8_t *star = b->enc == REDACT_ENC_GB18030 ? t->star_gb : t->star_big5;
	const uint8_t *s = b->subject;
	size_t n = b->subject_len;
	size_t i = redact_legacy_first_char(b->enc, s, n, b->from == 0);
	/* From the character that holds the block's first byte (it may have
	 * begun before: its bytes here are written as its other bytes were)
	 * to the last one that begins in the block. */
	while (i < b->to) {
		size_t len = char_len(b->enc, s + i, n - i);
		if (len > 1 && i + len > b->from) {
			bool marked = false, fixed = false;
			for (size_t k = i; k < i + len; k++) {
				marked = marked || (marks[k] && marks[k] < REDACT_MARK_LABEL);
				fixed = fixed || marks[k] >= REDACT_MARK_LABEL;
			}
			if (marked && !fixed)
				for (size_t k = i; k < i + len; k++) {
					over[k] = star[(k - i) % 2];
					marks[k] = REDACT_MARK_OVERLAY;
				}
		}
		i += len;
	}
}

/* ---- Deciding ------------------------------------------------------- */

/* Whether iconv converts s[0..n) from name without error (an incomplete
 * last character allowed: the head was cut there). */
static bool converts(const char *name, const uint8_t *s, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	char out[4096];
	char *ip = (char *)(uintptr_t)s;
	size_t il = n;
	bool ok = true;
	while (il > 0) {
		char *op = out;
		size_t ol = sizeof out;
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		ok = errno == EINVAL && il < 4; /* cut inside the last character */
		break;
	}
	iconv_close(cd);
	return ok;
}

static bool any_of(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

bool redact_legacy_detect(const uint8_t *h, size_t len, enum redact_encoding *enc,
                          const char **what)
{
	static const char *const chinese_gb[] = {"GB18030", "GBK", "GB2312", "HZ-GB-2312", NULL};
	static const char *const western[] = {
		"WINDOWS-1252", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-9",
		"ISO-8859-10", "ISO-8859-13", "ISO-8859-15", "ISO-8859-16", "WINDOWS-1250",
		"WINDOWS-1254", "WINDOWS-1257", "IBM852", "MAC-CENTRALEUROPE", NULL};
	if (len < 32 || !get_tables())
		return false;
	size_t odd = 0, high = 0, run = 0, longest = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = h[i];
		odd += c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
		                     c != '\b' && c != 0x1B && c != '\v');
		run = c >= 0x80 ? run + 1 : 0;
		high += c >= 0x80;
		if (run > longest)
			longest = run;
	}
	if (odd * 1000 > 5 * len)
		return false;
	uchardet_t ud = uchardet_new();
	if (!ud)
		return false;
	bool known = uchardet_handle_data(ud, (const char *)h, len) == 0;
	uchardet_data_end(ud);
	const char *name = uchardet_get_charset(ud);
	bool ok = false;
	if (known && name && any_of(name, chinese_gb)) {
		ok = converts("GB18030", h, len);
		*enc = REDACT_ENC_GB18030;
		*what = "text, GB18030 (GBK) by uchardet";
	} else if (known && name && strcmp(name, "BIG5") == 0) {
		ok = converts("BIG5", h, len);
		*enc = REDACT_ENC_BIG5;
		*what = "text, Big5 by uchardet";
	} else if (known && name && any_of(name, western)) {
		ok = converts("WINDOWS-1252", h, len) && high * 1000 <= 200 * len &&
		     !(longest >= 3 && (converts("GB18030", h, len) || converts("BIG5", h, len)));
		*enc = REDACT_ENC_CP1252;
		*what = "text, windows-1252 by uchardet";
	}
	uchardet_delete(ud);
	return ok;
}

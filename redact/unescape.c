/*
 * unescape.c — text as it reads once its escapes are decoded and its
 * invisible characters are left out, so that a value written escaped is
 * found, and masked whole in the bytes as written.
 *
 * Decoded here: JSON's and Python's \uXXXX (surrogate pairs too) and
 * \UXXXXXXXX, HTML's &#NNN; &#xHH; and the entities that spell the
 * characters of addresses and numbers (&commat; &period; &plus; ...), URL
 * encoding (%HH), quoted-printable mail (a soft line break "=" at a line's
 * end is left out; =HH where the bytes form a UTF-8 character). Left out:
 * characters that show nothing and split a value for a reader's eye only
 * (soft hyphen U+00AD, zero-width space and joiners U+200B-U+200F, word
 * joiner U+2060-U+2064, U+FEFF, U+180E, U+034F), written as themselves or
 * escaped.
 *
 * Invariant: every byte of the view remembers the whole escape it came
 * from (all of "\u5f20", all of "%40"), so a mark on it masks the whole
 * escape, and view.c's mark-back masks what was left out between two
 * marked bytes. What is not whole yet where the text ends is not decoded:
 * the view stops before it. The view depends only on its input, so a
 * block's view is the same whoever scans the block. Never longer than its
 * input.
 */
#include <errno.h>
#include <string.h>

#include "redact_i.h"

static int hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* The value of n hex digits at s, or -1. */
static long hex_n(const uint8_t *s, size_t n)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		int h = hex(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Code points that show nothing: left out of the view. */
static bool invisible(uint32_t cp)
{
	return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) ||
	       cp == 0xFEFF || cp == 0x180E || cp == 0x034F;
}

/* The length of an invisible character written as itself at s[0..n), or 0. */
static size_t invisible_at(const uint8_t *s, size_t n)
{
	if (n >= 2 && ((s[0] == 0xC2 && s[1] == 0xAD) || (s[0] == 0xCD && s[1] == 0x8F)))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xE2 && ((s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8F) ||
	                     (s[1] == 0x81 && s[2] >= 0xA0 && s[2] <= 0xA4)))
		return 3;
	if ((s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
	    (s[0] == 0xE1 && s[1] == 0xA0 && s[2] == 0x8E))
		return 3;
	return 0;
}

static const struct {
	const char *name; /* between '&' and ';' */
	uint32_t cp;
} entities[] = {
	{"amp", '&'},      {"lt", '<'},      {"gt", '>'},        {"quot", '"'},
	{"apos", '\''},    {"nbsp", 0xA0},   {"commat", '@'},    {"period", '.'},
	{"plus", '+'},     {"colon", ':'},   {"lowbar", '_'},    {"sol", '/'},
	{"num", '#'},      {"comma", ','},   {"hyphen", 0x2010}, {"dash", 0x2010},
	{"minus", 0x2212}, {"lpar", '('},    {"rpar", ')'},      {"semi", ';'},
};

/* An escape at s[0..n): its code point (cp, or REDACT_NO_CHAR for one that
 * names no character, which becomes a barrier) and its length; 0 when
 * none starts here. URL and quoted-printable bytes are not here
 * (escaped_bytes). */
static size_t escape_at(const uint8_t *s, size_t n, uint32_t *cp)
{
	if (s[0] == '\\' && n >= 6 && s[1] == 'u') {
		long u = hex_n(s + 2, 4);
		if (u < 0)
			return 0;
		if (u >= 0xD800 && u < 0xDC00 && n >= 12 && s[6] == '\\' && s[7] == 'u') {
			long lo = hex_n(s + 8, 4);
			if (lo >= 0xDC00 && lo < 0xE000) {
				*cp = 0x10000 + (((uint32_t)u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
				return 12;
			}
		}
		*cp = (u >= 0xD800 && u < 0xE000) ? REDACT_NO_CHAR : (uint32_t)u;
		return 6;
	}
	if (s[0] == '\\' && n >= 10 && s[1] == 'U') {
		long u = hex_n(s + 2, 8);
		if (u < 0)
			return 0;
		*cp = (u > 0x10FFFF || (u >= 0xD800 && u < 0xE000)) ? REDACT_NO_CHAR : (uint32_t)u;
		return 10;
	}
	if (s[0] != '&' || n < 3)
		return 0;
	if (s[1] == '#') {
		bool x = s[2] == 'x' || s[2] == 'X';
		size_t i = x ? 3 : 2, start = i;
		uint32_t v = 0;
		while (i < n && i - start < 7) {
			int h = hex(s[i]);
			if (h < 0 || (!x && h > 9))
				break;
			v = v * (x ? 16 : 10) + (uint32_t)h;
			i++;
		}
		if (i == start)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		*cp = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) ? REDACT_NO_CHAR : v;
		return i;
	}
	for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		size_t len = strlen(entities[k].name);
		if (n >= len + 2 && memcmp(s + 1, entities[k].name, len) == 0 && s[len + 1] == ';') {
			*cp = entities[k].cp;
			return len + 2;
		}
	}
	return 0;
}

/* The number of bytes a UTF-8 lead byte starts, or 0. */
static size_t utf8_len(uint8_t lead)
{
	return lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
	       : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
}

/* Bytes escaped three characters each at s[0..n) (URL: %HH; quoted-
 * printable: =HH): how many escapes they are (into bytes[]), or 0. A URL
 * escape stands for any byte; a quoted-printable one only inside a whole
 * UTF-8 character, since "=AB" is common in plain key=value text. */
static size_t escaped_bytes(const uint8_t *s, size_t n, uint8_t bytes[4])
{
	uint8_t mark = s[0];
	if ((mark != '%' && mark != '=') || n < 3)
		return 0;
	long v = hex_n(s + 1, 2);
	if (v < 0)
		return 0;
	if (mark == '%') {
		bytes[0] = (uint8_t)v;
		return 1;
	}
	size_t want = utf8_len((uint8_t)v);
	if (want == 0 || n < 3 * want)
		return 0;
	bytes[0] = (uint8_t)v;
	for (size_t k = 1; k < want; k++) {
		long c = s[3 * k] == '=' ? hex_n(s + 3 * k + 1, 2) : -1;
		if (c < 0x80 || c > 0xBF)
			return 0;
		bytes[k] = (uint8_t)c;
	}
	return want;
}

/* A quoted-printable soft line break at s[0..n): its length, or 0. */
static size_t soft_break_at(const uint8_t *s, size_t n)
{
	if (s[0] != '=' || n < 2)
		return 0;
	if (s[1] == '\n')
		return 2;
	return n >= 3 && s[1] == '\r' && s[2] == '\n' ? 3 : 0;
}

/* Bytes at which something to decode or leave out can start. */
static bool may_start(uint8_t c)
{
	return c == '\\' || c == '&' || c == '%' || c == '=' || c == 0xC2 || c == 0xCD ||
	       c == 0xE1 || c == 0xE2 || c == 0xEF;
}

/* What starts at s[0..n): the length of something to decode or leave out
 * (0: a plain byte). */
static size_t special_at(const uint8_t *s, size_t n)
{
	uint32_t cp;
	uint8_t bytes[4];
	if (!may_start(s[0]))
		return 0;
	size_t len = invisible_at(s, n);
	if (len)
		return len;
	if ((len = escape_at(s, n, &cp)) != 0)
		return len;
	if ((len = soft_break_at(s, n)) != 0)
		return len;
	return 3 * escaped_bytes(s, n, bytes);
}

/* The longest thing decoded here: a surrogate pair of \u escapes. */
#define LONGEST_ESCAPE 12

static bool all_hex(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hex(s[i]) < 0)
			return false;
	return true;
}

static bool all_digits(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Whether s[0..m), which runs to the end of the text, is the start of
 * something that more bytes could make an escape or an invisible
 * character, or change (an entity without its ';', a lone high
 * surrogate): decoded now, it would read as something else than it may
 * come to mean. */
static bool unfinished_at(const uint8_t *s, size_t m)
{
	if (m == 1)
		return may_start(s[0]);
	switch (s[0]) {
	case '\\':
		if (s[1] == 'U')
			return m < 10 && all_hex(s + 2, m - 2);
		if (s[1] != 'u')
			return false;
		if (m < 6)
			return all_hex(s + 2, m - 2);
		/* a high surrogate waiting for its low half */
		if (!all_hex(s + 2, 4) || hex_n(s + 2, 4) < 0xD800 || hex_n(s + 2, 4) >= 0xDC00)
			return false;
		return m == 6 || (s[6] == '\\' && (m == 7 || (s[7] == 'u' && all_hex(s + 8, m - 8))));
	case '&':
		if (s[1] == '#') {
			bool x = m > 2 && (s[2] == 'x' || s[2] == 'X');
			return x ? all_hex(s + 3, m - 3) : all_digits(s + 2, m - 2);
		}
		for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++) {
			size_t len = strlen(entities[k].name);
			if (m - 1 <= len && memcmp(s + 1, entities[k].name, m - 1) == 0)
				return true;
		}
		return false;
	case '%':
		return m == 2 && hex(s[1]) >= 0;
	case '=':
		if (s[1] == '\r')
			return m == 2;
		/* =HH=HH... of a UTF-8 character not yet whole */
		for (size_t k = 1; k < m; k++)
			if ((k % 3 == 0 && s[k] != '=') || (k % 3 != 0 && hex(s[k]) < 0))
				return false;
		return hex(s[1]) >= 0 && (m < 3 || utf8_len((uint8_t)hex_n(s + 1, 2)) * 3 > m);
	case 0xE2:
		return m == 2 && (s[1] == 0x80 || s[1] == 0x81);
	case 0xEF:
		return m == 2 && s[1] == 0xBB;
	case 0xE1:
		return m == 2 && s[1] == 0xA0;
	default:
		return false;
	}
}

/* Where, near the end of s[0..n), something unfinished begins (n: none). */
static size_t unfinished_from(const uint8_t *s, size_t n)
{
	for (size_t i = n > LONGEST_ESCAPE ? n - LONGEST_ESCAPE : 0; i < n; i++)
		if (may_start(s[i]) && unfinished_at(s + i, n - i))
			return i;
	return n;
}

/* Whether the escape at p (special_at said one starts) is one whose
 * decoding takes characters that could be a value's own: URL %HH and HTML
 * &#NNN; read digits that may be a number's ("%13812345678"). \u escapes,
 * named entities, quoted-printable bytes and invisible characters take
 * only their own syntax. */
static bool may_eat(const uint8_t *p)
{
	return p[0] == '%' || (p[0] == '&' && p[1] == '#');
}

unsigned redact_escapes_in(const uint8_t *s, size_t n)
{
	unsigned found = unfinished_from(s, n) < n ? REDACT_ESC_SOME : 0;
	/* One memchr pass per byte that can start something (memchr goes
	 * many bytes a cycle; a byte-by-byte loop costs a tenth of the scan
	 * of plain text), the ones that may eat a value's digits first. */
	static const uint8_t starts[] = {'%', '&', '\\', '=', 0xE2, 0xEF, 0xC2, 0xCD, 0xE1};
	for (size_t k = 0; k < sizeof starts; k++) {
		const uint8_t *p = s, *end = s + n;
		while ((p = memchr(p, starts[k], (size_t)(end - p))) != NULL) {
			if (special_at(p, (size_t)(end - p))) {
				found |= REDACT_ESC_SOME;
				if (may_eat(p))
					return found | REDACT_ESC_MAY_EAT;
				if (starts[k] != '%' && starts[k] != '&')
					return found; /* no eating kind is left to look for */
				break;
			}
			p++;
		}
	}
	return found;
}

int redact_unescape(struct redact_decoded *out, const uint8_t *s, size_t n)
{
	out->len = 0;
	if (redact_decoded_reserve(out, n + 4) < 0)
		return -ENOMEM;
	/* The text ends (at a cut or at the input's end) before what is not
	 * whole yet: a value running up to it is unfinished there (a partial
	 * match: EIO at a cut, masked at the end), never read as something
	 * else ("&#82" of "&#8203;" is not 'R'). view.c masks those last
	 * bytes with a value that runs to the view's end. */
	n = unfinished_from(s, n);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		uint8_t bytes[4];
		size_t len, count;
		if (!may_start(s[i])) {
			redact_decoded_put(out, s[i], i, 1);
			i++;
		} else if ((len = invisible_at(s + i, n - i)) != 0 ||
		           (len = soft_break_at(s + i, n - i)) != 0) {
			i += len; /* left out */
		} else if ((len = escape_at(s + i, n - i, &cp)) != 0) {
			if (!invisible(cp))
				redact_decoded_put_cp(out, cp, i, len);
			i += len;
		} else if ((count = escaped_bytes(s + i, n - i, bytes)) != 0) {
			for (size_t k = 0; k < count; k++)
				redact_decoded_put(out, bytes[k], i + 3 * k, 3);
			i += 3 * count;
		} else {
			redact_decoded_put(out, s[i], i, 1);
			i++;
		}
	}
	memset(out->marks, 0, out->len);
	return 0;
}

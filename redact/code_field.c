/*
 * code_field.c — a named field's value in source code (format code: a
 * file with a code suffix, or a "#!" script).
 *
 * In code, `name = self.tzname(None)`, `ip = IPv4Network(address)` and a
 * docstring's `address: A string or integer` are code and prose, not
 * values: masking them breaks the program a tool or agent is handed. Only
 * a string literal assigned to (or keyed by) a personal field name holds a
 * value: `name = "Zhang Wei"`, `"phone": "13812345678"`, `owner = u'张伟'`.
 * Its content is marked, never its quotes, so the literal stays a literal
 * and the file still compiles. A key inside a string (a URL template
 * "/lookup?phone=" or "name: %s") has for value the word after it up to
 * that string's end, which may be empty. A literal that reads as a constant of the
 * program rather than a value (empty, one lower-case identifier-like word
 * such as "default", "localhost", "utf-8", or a format template with % or
 * {} placeholders) is left alone. Numbers are left to the detectors of
 * their shape (a masked number would not compile).
 *
 * The other detectors' values in code (redact_code_span_ok) are masked
 * where they are text: inside a string literal, in a comment, or on a line
 * without code syntax (a docstring's prose). Elsewhere they are code: an
 * expression after a cue word (`condition = node.bases`), a slice that
 * reads as an IPv6 address (`b[::2]`). Except where the value has a shape
 * no code has, an e-mail address or 7 digits or more: a phone or an ID
 * number is masked wherever it stands, a number literal too (then the
 * line no longer compiles: fail closed, never the raw value). A span with a character of code syntax in it, ( ) [ ] { } = ;
 * quotes ` | or a backslash, is never a value. Where a line is is read
 * from that line alone (bounded): a docstring line with code syntax in it
 * counts as code.
 *
 * Invariant: as fieldmark.c's, whose error rule it shares: a literal that
 * does not close within the value limit (or before the subject's cut) is
 * an error, never a half-masked value.
 */
#include <errno.h>
#include <string.h>

#include "redact_i.h"

/* As fieldmark.c's FIELD_VALUE_MAX. */
#define CODE_VALUE_MAX 1536u

/* Up to two letters of a string prefix (Python r b u f rb; C L u U u8),
 * then the opening quote. Returns the quote's offset from at, or 0. */
static size_t literal_quote(const uint8_t *s, size_t at, size_t lim)
{
	for (size_t k = 0; k <= 2 && at + k < lim; k++) {
		uint8_t c = s[at + k];
		if (c == '"' || c == '\'' || c == '`')
			return k + 1;
		if (!strchr("rRbBuUfFL8", c))
			return 0;
	}
	return 0;
}

/* The end of a literal's content from i (after the opening quote q, tripled
 * when triple): the closing quote, or lim when it does not close before
 * it. A one-quote literal also ends, unclosed, at a line end. */
static size_t literal_end(const uint8_t *s, size_t i, size_t lim, uint8_t q, bool triple,
                          bool *closed)
{
	*closed = false;
	while (i < lim) {
		if (s[i] == '\\' && i + 1 < lim) {
			i += 2;
			continue;
		}
		if (s[i] == '\n' && !triple && q != '`')
			return i;
		if (s[i] == q && (!triple || (i + 2 < lim && s[i + 1] == q && s[i + 2] == q))) {
			*closed = true;
			return i;
		}
		i++;
	}
	return lim;
}

/* A constant of the program: empty, one lower-case word of identifier
 * characters (default, localhost, utf-8), or a
 * template with placeholders (%s, {name}, ${x}). */
static bool program_constant(const uint8_t *s, size_t from, size_t to)
{
	bool word = from < to && s[from] >= 'a' && s[from] <= 'z', alnum = false;
	for (size_t i = from; i < to; i++) {
		uint8_t c = s[i];
		if (c == '%' || c == '{')
			return true;
		bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		alnum |= lower || (c >= 'A' && c <= 'Z') || c >= 0x80;
		if (!(lower || c == '_' || c == '-' || c == '.'))
			word = false;
	}
	return word || !alnum; /* "default"; "", ".", ", " */
}

/* Is the literal that closed at i the whole value: nothing but a
 * separator, a closing bracket or a comment after it (not `'http://' +
 * address`, `"a" if x else "b"`)? */
static bool whole_value(const uint8_t *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i >= len || strchr(",;)]}\r\n#", s[i]) ||
	       (s[i] == '/' && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == '*'));
}

/* How far back a line is read for its open quotes: lines of code are
 * shorter; beyond it a key counts as outside any string. */
#define CODE_LINE_BACK 512u

/* What key_at is in, its line read from the start: the quote of the
 * one-line string open there, COMMENT after a comment's "# " or "//", or
 * 0 (code, or a line longer than CODE_LINE_BACK). */
#define COMMENT 1
static uint8_t open_quote(const uint8_t *s, size_t key_at)
{
	size_t start = key_at, stop = key_at > CODE_LINE_BACK ? key_at - CODE_LINE_BACK : 0;
	while (start > stop && s[start - 1] != '\n')
		start--;
	if (start == stop && stop > 0)
		return 0;
	uint8_t open = 0;
	for (size_t i = start; i < key_at; i++) {
		if (i + 2 < key_at && (s[i] == '"' || s[i] == '\'') && s[i + 1] == s[i] &&
		    s[i + 2] == s[i])
			return 0; /* a triple quote opens or closes: not known here */
		if (s[i] == '\\' && open) {
			i++;
		} else if (open ? s[i] == open : (s[i] == '"' || s[i] == '\'' || s[i] == '`')) {
			open = open ? 0 : s[i];
		} else if (!open && i + 1 < key_at &&
		           ((s[i] == '#' && s[i + 1] == ' ') || (s[i] == '/' && s[i + 1] == '/'))) {
			return COMMENT; /* its quotes are prose (don't) */
		}
	}
	return open;
}

/* The word after a key inside a string opened by quote: up to that
 * quote, a blank or a separator of a query or list. */
static int mark_in_string(const redact_profile *p, size_t det, const uint8_t *s, size_t value_at,
                          size_t lim, uint8_t quote, uint8_t *marks, uint8_t *over)
{
	size_t to = value_at;
	while (to < lim && s[to] != quote && s[to] != '\\' && !strchr(" \t\r\n&;,", s[to]))
		to++;
	if (!program_constant(s, value_at, to))
		redact_apply_action(p, det, s, value_at, to, marks, over);
	return 0;
}

int redact_code_field_mark(const redact_profile *p, size_t det, const uint8_t *s, size_t len,
                           bool cut, size_t key_at, size_t value_at, uint8_t *marks,
                           uint8_t *over)
{
	bool capped = value_at + CODE_VALUE_MAX < len;
	size_t lim = capped ? value_at + CODE_VALUE_MAX : len;
	uint8_t in_string = open_quote(s, key_at);
	if (in_string == COMMENT)
		return 0; /* prose: the key is a word in it */
	if (in_string)
		return mark_in_string(p, det, s, value_at, lim, in_string, marks, over);
	size_t q = literal_quote(s, value_at, lim);
	if (!q)
		return 0; /* an expression, a name, a number: code */
	size_t open = value_at + q - 1;
	uint8_t quote = s[open];
	bool triple = quote != '`' && open + 2 < lim && s[open + 1] == quote && s[open + 2] == quote;
	size_t from = open + (triple ? 3 : 1);
	bool closed;
	size_t to = literal_end(s, from, lim, quote, triple, &closed);
	if (!closed && to == lim && (capped || cut))
		return -EIO; /* its rest is out of sight: not half-masked */
	if (closed && !whole_value(s, to + (triple ? 3 : 1), len))
		return 0;
	if (!program_constant(s, from, to))
		redact_apply_action(p, det, s, from, to, marks, over);
	return 0;
}

/* Characters of code syntax: none is part of a name, an address, a number
 * or an e-mail address. */
static bool code_syntax(uint8_t c)
{
	return c && strchr("()[]{}=;\"'`|\\", c);
}

/* Is the line around at prose: a comment ("#", "//", a block comment's
 * "*" or a slash and star first), or a line without code syntax (a
 * docstring's)? */
static bool prose_line(const uint8_t *s, size_t len, size_t at)
{
	size_t start = at, stop = at > CODE_LINE_BACK ? at - CODE_LINE_BACK : 0;
	while (start > stop && s[start - 1] != '\n')
		start--;
	size_t i = start;
	while (i < at && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < at && (s[i] == '#' || s[i] == '*' ||
	               (s[i] == '/' && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == '*'))))
		return true;
	size_t end = at, lim = len - at > CODE_LINE_BACK ? at + CODE_LINE_BACK : len;
	while (end < lim && s[end] != '\n')
		end++;
	for (size_t k = start; k < end; k++)
		if (code_syntax(s[k]))
			return false;
	return true;
}

/* A value whose shape no code has: an e-mail address, or 7 digits or
 * more (a phone, an ID or card number, even as a number literal). */
static bool personal_shape(const uint8_t *s, size_t from, size_t to)
{
	size_t digits = 0;
	for (size_t i = from; i < to; i++) {
		if (s[i] == '@')
			return true;
		digits += s[i] >= '0' && s[i] <= '9';
	}
	return digits >= 7;
}

bool redact_code_span_ok(const uint8_t *s, size_t len, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (code_syntax(s[i]))
			return false;
	return personal_shape(s, from, to) || open_quote(s, from) || prose_line(s, len, from);
}

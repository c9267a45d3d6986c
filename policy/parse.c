/*
 * parse.c — turns policy text into lines for inih and inih's calls into
 * section.c's work, keeping line numbers exact.
 *
 * The reader hands inih one line per call and classifies it first, exactly
 * as inih will (blank/comment, [header], key = value, or an indented
 * continuation of the previous key). It reports at the line's own number
 * what inih would get wrong or only flag without a reason: a line too long
 * for inih's buffer, a NUL byte, a line that is none of the above, a header
 * without its closing ']'. Headers are handled here, not by inih, so an
 * unknown section is an error even when it has no keys. Invariant: after the
 * first recorded error the reader returns NULL, so inih stops there.
 */
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_i.h"

int policy_parse_error(struct parse_state *st, int line, const char *fmt, ...)
{
	if (st->err)
		return st->err;
	int n = snprintf(st->errbuf, st->errlen, "%s:%d: ", st->name, line);
	if (n >= 0 && (size_t)n < st->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(st->errbuf + n, st->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	st->err = -EINVAL;
	return st->err;
}

int policy_parse_nomem(struct parse_state *st)
{
	if (!st->err) {
		snprintf(st->errbuf, st->errlen, "%s: out of memory", st->name);
		st->err = -ENOMEM;
	}
	return st->err;
}

/* inih's find_chars_or_comment(): the first of chars (NULL: none), or of a
 * ';' that follows whitespace (an inline comment), or the end. */
static size_t find_chars_or_comment(const char *s, size_t len, const char *chars)
{
	bool was_space = false;
	size_t i = 0;
	for (; i < len; i++) {
		if (chars && strchr(chars, s[i]))
			break;
		if (was_space && s[i] == ';')
			break;
		was_space = isspace((unsigned char)s[i]);
	}
	return i;
}

/* A header line s[0..len) (stripped, s[0] == '['). */
static int header_line(struct parse_state *st, const char *s, size_t len)
{
	len = find_chars_or_comment(s, len, NULL);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len < 2 || s[len - 1] != ']')
		return policy_parse_error(st, st->line,
		                   "syntax error: a section header must end with ']'");
	char inner[256];
	snprintf(inner, sizeof inner, "%.*s", (int)(len - 2), s + 1);
	return policy_section_open(st, inner);
}

/* inih would cut a pattern at " ;" (an inline comment), silently changing
 * what it matches: refuse that instead. v[0..n) is the value part. */
static int pattern_comment_check(struct parse_state *st, const char *v, size_t n)
{
	if (strcmp(st->key, "pattern") != 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (v[i] == ';' && isspace((unsigned char)v[i - 1]))
			return policy_parse_error(st, st->line,
			                   "';' after a blank would start a comment and cut the "
			                   "pattern here (write [;] or \\; for a semicolon, and put "
			                   "comments on their own line)");
	return 0;
}

/* Classifies line s[0..len) (no line terminator) as inih will see it. */
static int classify(struct parse_state *st, const char *s, size_t len)
{
	size_t a = 0;
	if (st->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		a = 3; /* inih skips a UTF-8 BOM on the first line */
	size_t lead = a;
	while (a < len && isspace((unsigned char)s[a]))
		a++;
	while (len > a && isspace((unsigned char)s[len - 1]))
		len--;
	const char *start = s + a;
	size_t n = len - a;
	if (n == 0 || *start == ';' || *start == '#') {
		st->kind = LINE_BLANK;
		return 0;
	}
	if (st->have_key && a > lead) {
		st->kind = LINE_CONTINUATION;
		return pattern_comment_check(st, start, n);
	}
	if (*start == '[') {
		st->kind = LINE_HEADER;
		st->have_key = false;
		return header_line(st, start, n);
	}
	size_t eq = find_chars_or_comment(start, n, "=:");
	if (eq == n || (start[eq] != '=' && start[eq] != ':'))
		return policy_parse_error(st, st->line,
		                   "syntax error: expected '[section]', 'key = value' or a comment");
	size_t klen = eq;
	while (klen > 0 && isspace((unsigned char)start[klen - 1]))
		klen--;
	if (klen == 0)
		return policy_parse_error(st, st->line, "syntax error: a key name is missing before '%c'",
		                   start[eq]);
	snprintf(st->key, sizeof st->key, "%.*s", (int)klen, start);
	st->kind = LINE_KEY;
	st->have_key = true;
	return pattern_comment_check(st, start + eq + 1, n - eq - 1);
}

/* ini_reader: the next line into str (num bytes), or NULL at the end or
 * after an error. */
static char *reader(char *str, int num, void *arg)
{
	struct parse_state *st = arg;
	if (st->err)
		return NULL;
	if (st->pos >= st->end) {
		policy_section_close(st);
		return NULL;
	}
	const char *nl = memchr(st->pos, '\n', (size_t)(st->end - st->pos));
	size_t total = nl ? (size_t)(nl - st->pos) + 1 : (size_t)(st->end - st->pos);
	size_t len = total;
	if (len > 0 && st->pos[len - 1] == '\n')
		len--;
	if (len > 0 && st->pos[len - 1] == '\r')
		len--;
	st->line++;
	/* inih needs room for the line, "\r\n" and the NUL. */
	size_t max = num > 3 ? (size_t)num - 3 : 0;
	if (len > max) {
		policy_parse_error(st, st->line,
		            "line too long (%zu bytes, at most %zu): split a long pattern over "
		            "indented continuation lines",
		            len, max);
		return NULL;
	}
	if (memchr(st->pos, '\0', len)) {
		policy_parse_error(st, st->line, "NUL byte in line");
		return NULL;
	}
	if (classify(st, st->pos, len) < 0)
		return NULL;
	memcpy(str, st->pos, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	st->pos += total;
	return str;
}

/* ini_handler: a key or continuation line of the line the reader just
 * returned. inih's section and name are not used: the reader's are exact. */
static int handler(void *arg, const char *section, const char *name, const char *value)
{
	struct parse_state *st = arg;
	(void)section;
	(void)name;
	if (st->err)
		return 0;
	if (st->kind != LINE_KEY && st->kind != LINE_CONTINUATION)
		return policy_parse_error(st, st->line, "syntax error"), 0;
	return policy_section_key(st, value) == 0;
}

int policy_parse(struct policy *pol, const char *text, size_t len, char *err,
                 size_t errlen)
{
	struct parse_state *st = calloc(1, sizeof *st);
	if (!st) {
		snprintf(err, errlen, "%s: out of memory", pol->source);
		return -ENOMEM;
	}
	st->pol = pol;
	st->name = pol->source;
	st->pos = text;
	st->end = text + len;
	st->errbuf = err;
	st->errlen = errlen;
	int r = ini_parse_stream(reader, st, handler, st);
	if (!st->err && r == -2)
		policy_parse_nomem(st);
	else if (!st->err && r != 0)
		policy_parse_error(st, r > 0 ? r : st->line, "syntax error");
	/* An empty file, or one an editor is rewriting in place, must never
	 * be taken for a policy that denies and hides nothing. */
	if (!st->err)
		policy_section_resolve(st);
	if (!st->err && !st->global_line)
		policy_parse_error(st, 1, "no [global] section: a policy must have one (it may "
		                   "be empty), so that an empty or half-written file is refused");
	if (!st->err)
		policy_note_names(pol);
	policy_detector_reset(&st->det);
	int ret = st->err;
	free(st);
	return ret;
}

bool policy_list_next(const char **cursor, const char **item, size_t *len)
{
	const char *p = *cursor;
	if (p == NULL)
		return false;
	const char *comma = strchr(p, ',');
	size_t n = comma ? (size_t)(comma - p) : strlen(p);
	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*item = p;
	*len = n;
	*cursor = comma ? comma + 1 : NULL;
	return true;
}

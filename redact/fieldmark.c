/*
 * fieldmark.c — marking the value of a named field once its key has been
 * found (fields.c finds "KEY": / KEY= / KEY: and stops where the value
 * begins).
 *
 *   JSON      a string's content, a number or literal, or every string and
 *             number inside a nested object or array (its keys and the
 *             punctuation stay, so the document stays valid JSON);
 *   KEY=val   a quoted string's content, or a token up to a blank or one
 *             of , ; & " ' < > ) ]; when KEY begins its line (INI, .env)
 *             as KEY: val;
 *   KEY: val  a quoted string's content, or the rest of the clause: up to
 *             a line end, ; ； ， or a comma or blank that starts the next
 *             "key:" / "key=".
 *
 * Invariant: marking looks only inside the subject it is given (so a block
 * is marked the same whoever scans it) and starts marks on character
 * boundaries. A value that does not end within FIELD_VALUE_MAX bytes (or
 * runs into the subject's cut) is an error, never a half-masked value.
 */
#include <errno.h>
#include <string.h>

#include "redact_i.h"

/* A value must end within this many bytes of its start, or the read fails
 * (EIO) rather than show its rest. Keys are at most ~200 bytes, so a value
 * starting in a block always ends within the block's reach. */
#define FIELD_VALUE_MAX 1536u
#define FIELD_DEPTH_MAX 32

/* Where a value's bytes go: its detector's action (actions.c). */
struct field_target {
	const redact_profile *p;
	size_t det;
	const uint8_t *s;
	uint8_t *marks, *over;
};

static void mark(const struct field_target *t, size_t from, size_t to)
{
	if (to > from)
		redact_apply_action(t->p, t->det, t->s, from, to, t->marks, t->over);
}

/* The end of a "..." string's content starting at i (just after the
 * opening quote): the closing quote, a line end, or the limit. */
static size_t json_string_end(const uint8_t *s, size_t i, size_t lim)
{
	while (i < lim && s[i] != '"' && s[i] != '\n') {
		if (s[i] == '\\' && i + 1 < lim && s[i + 1] != '\n')
			i++;
		i++;
	}
	return i < lim ? i : lim;
}

static bool json_token_char(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '+' || c == '-';
}

/* Returns true when the value ended before lim. */
static bool mark_json(const uint8_t *s, size_t at, size_t lim, const struct field_target *t)
{
	bool in_object[FIELD_DEPTH_MAX];
	int depth = 0;
	bool expect_key = false;
	size_t i = at;
	do {
		while (i < lim && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i >= lim)
			return false;
		uint8_t c = s[i];
		if (c == '{' || c == '[') {
			if (depth == FIELD_DEPTH_MAX)
				return false;
			in_object[depth++] = (c == '{');
			expect_key = (c == '{');
			i++;
		} else if (c == '}' || c == ']') {
			depth--;
			i++;
		} else if (c == ',') {
			expect_key = depth > 0 && in_object[depth - 1];
			i++;
		} else if (c == ':') {
			expect_key = false;
			i++;
		} else if (c == '"') {
			size_t end = json_string_end(s, i + 1, lim);
			/* A string cut by the end of the input is marked to
			 * there: unfinished, not harmless. */
			if (!expect_key)
				mark(t, i + 1, end);
			if (end >= lim)
				return false;
			i = end + 1;
		} else if (json_token_char(c)) {
			size_t end = i;
			while (end < lim && json_token_char(s[end]))
				end++;
			mark(t, i, end);
			if (end >= lim)
				return false;
			i = end;
		} else {
			return true; /* not JSON after all: nothing more to mark */
		}
	} while (depth > 0 && i < lim);
	return depth <= 0;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Does a new "key:" or "key=" start after the comma or blank at i? */
static bool next_key_follows(const uint8_t *s, size_t i, size_t lim)
{
	size_t j = i + 1, stop = i + 48 < lim ? i + 48 : lim;
	while (j < stop && s[j] == ' ')
		j++;
	size_t word = j;
	while (j < stop && !is_space(s[j]) && !strchr(",:=", s[j]) &&
	       !(s[j] == 0xEF && j + 2 < stop && s[j + 1] == 0xBC && s[j + 2] == 0x9A))
		j++;
	if (j == word || j >= stop)
		return false;
	return s[j] == ':' || s[j] == '=' || s[j] == 0xEF;
}

/* True at a full-width ， ； or 。 */
static bool cjk_stop(const uint8_t *s, size_t i, size_t lim)
{
	if (i + 2 >= lim)
		return false;
	return (s[i] == 0xEF && s[i + 1] == 0xBC && (s[i + 2] == 0x8C || s[i + 2] == 0x9B)) ||
	       (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x82);
}

/* Returns true when the value ended before lim. */
static bool mark_plain(const uint8_t *s, size_t at, size_t lim, bool colon,
                       const struct field_target *t)
{
	if (s[at] == '"' || s[at] == '\'') {
		size_t end = at + 1;
		while (end < lim && s[end] != s[at] && s[end] != '\n')
			end++;
		mark(t, at + 1, end);
		return end < lim;
	}
	size_t end = at;
	while (end < lim) {
		uint8_t c = s[end];
		if (c == '\n' || c == '\r' || c == ';')
			break;
		if (colon) {
			if ((c == ',' || c == ' ') && next_key_follows(s, end, lim))
				break;
			if (c >= 0x80 && cjk_stop(s, end, lim))
				break;
		} else if (is_space(c) || strchr(",&\"'<>)]", c)) {
			break;
		}
		end++;
	}
	bool ended = end < lim;
	/* Blanks after a value are not its own, unless it runs to the end of
	 * the input: there it is unfinished, and its next word may follow. */
	while (ended && end > at && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	mark(t, at, end);
	return ended;
}

/* Whether the key at s[key_at] begins its line (after up to 16 blanks;
 * a CJK name found at the end of a longer key, 紧急联系人, counts from
 * that key's start): an INI or .env "key = value" line, whose value is
 * the rest of it. A block's keys start REDACT_BEHIND bytes into its
 * subject, further than this looks back (192 + 16 bytes), so the
 * subject's start is seen here only where the file starts. */
static bool key_starts_line(const uint8_t *s, size_t key_at)
{
	size_t k = key_at, blanks = 0;
	while (k > 0 && key_at - k < 192 && s[k - 1] >= 0x80)
		k--;
	while (k > 0 && blanks < 16 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--, blanks++;
	return k == 0 || s[k - 1] == '\n';
}

int redact_field_mark(const redact_profile *p, size_t det, const uint8_t *s, size_t len, bool cut,
                      size_t key_at, size_t value_at, uint8_t *marks, uint8_t *over)
{
	const struct field_target target = {p, det, s, marks, over}, *t = &target;
	if (value_at >= len)
		return 0;
	if (s[value_at - 1] == '(') {
		/* an SQL INSERT's head, up to its column list (fields.c); in
		 * format sql, sql.c reads every statement with what came before
		 * (standard_conforming_strings) */
		if (p->format != REDACT_FORMAT_SQL)
			redact_sql_mark_statement(p, s, key_at, len, cut, marks, over);
		return 0;
	}
	if (p->format == REDACT_FORMAT_CODE)
		return redact_code_field_mark(p, det, s, len, cut, key_at, value_at, marks,
		                              over);
	/* Within the limit, a value may end at the end of the file, but not
	 * at the limit or at a cut: its rest would stay visible. */
	bool capped = value_at + FIELD_VALUE_MAX < len;
	size_t lim = capped ? value_at + FIELD_VALUE_MAX : len;
	bool ended;
	if (s[key_at] == '"') {
		ended = mark_json(s, value_at, lim, t);
	} else {
		/* The separator is the last non-blank byte before the value. */
		size_t sep = value_at;
		while (sep > key_at && (s[sep - 1] == ' ' || s[sep - 1] == '\t'))
			sep--;
		bool to_clause = (sep > key_at && s[sep - 1] != '=') || key_starts_line(s, key_at);
		ended = mark_plain(s, value_at, lim, to_clause, t);
	}
	return ended || (!capped && !cut) ? 0 : -EIO;
}

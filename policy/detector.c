/*
 * detector.c — [detector:NAME] sections: custom detectors.
 *
 * A section's pattern (indented continuation lines joined to it), group
 * and description are gathered while it is read and handed to the engine's
 * catalog when the section ends, so a bad pattern is reported before
 * anything after its section. An engine complaint is reported at the line
 * it is about: the line holding the pattern offset it names, else the group
 * line for a group problem, else the pattern line. Invariant: a detector
 * name is checked (syntax, built-in clash, duplicate) at its header line,
 * before any of its keys.
 *
 * Pattern lines, as inih hands them over: leading and trailing whitespace
 * of each line is dropped and the lines are joined with nothing between
 * them (write \x20 or [ ] for a space at a join); a ';' after whitespace
 * starts a comment on pattern lines too (write \; or [;] inside a pattern).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_i.h"

void policy_detector_reset(struct parse_detector *d)
{
	free(d->pattern);
	free(d->group);
	free(d->description);
	memset(d, 0, sizeof *d);
}

static bool valid_detector_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* The line holding byte off of the joined pattern. */
static int pattern_line_at(const struct parse_detector *d, size_t off)
{
	int line = d->pattern_line;
	for (size_t i = 0; i < d->npieces; i++)
		if (d->piece[i].start <= off)
			line = d->piece[i].line;
	return line;
}

int policy_detector_close(struct parse_state *st)
{
	struct parse_detector *d = &st->det;
	if (!d->pattern_line)
		return policy_parse_error(st, d->line, "[detector:%s] has no pattern", d->name);
	if (d->pattern_len == 0)
		return policy_parse_error(st, d->pattern_line, "detector '%s': empty pattern", d->name);
	char msg[REDACT_ERRLEN] = "";
	int idx = redact_catalog_add(st->pol->catalog, d->name, d->pattern, d->group,
	                             d->description, msg, sizeof msg);
	if (idx == -ENOMEM)
		return policy_parse_nomem(st);
	if (idx < 0) {
		/* Point at the line the engine's complaint is about. */
		int line = d->pattern_line;
		const char *at = strstr(msg, "at offset ");
		size_t off;
		if (at && sscanf(at, "at offset %zu", &off) == 1)
			line = pattern_line_at(d, off);
		else if (d->group_line && strstr(msg, "group"))
			line = d->group_line;
		return policy_parse_error(st, line, "detector '%s': %s", d->name,
		                   msg[0] ? msg : "cannot be added");
	}
	if ((size_t)idx < REDACT_MAX_DETECTORS)
		st->detector_line[idx] = d->line;
	return 0;
}

int policy_detector_open(struct parse_state *st, const char *name)
{
	if (!valid_detector_name(name))
		return policy_parse_error(st, st->line,
		                   "bad detector name '%s' (1 to 32 of a-z, 0-9 and _)", name);
	int idx = redact_catalog_lookup(st->pol->catalog, name);
	if (idx >= 0 && redact_detector_is_builtin(st->pol->catalog, (size_t)idx))
		return policy_parse_error(st, st->line,
		                   "detector '%s' clashes with a built-in detector's name", name);
	if (idx >= 0)
		return policy_parse_error(st, st->line, "detector '%s' defined twice (first at line %d)",
		                   name, (size_t)idx < REDACT_MAX_DETECTORS ? st->detector_line[idx] : 0);
	policy_detector_reset(&st->det);
	snprintf(st->det.name, sizeof st->det.name, "%s", name);
	st->det.line = st->line;
	st->sec = SEC_DETECTOR;
	return 0;
}

/* Strips an inline comment and trailing space from a continuation value
 * (Debian's inih v55 leaves them on continuation lines). */
static size_t continuation_len(const char *v)
{
	size_t n = strlen(v);
	bool was_space = false;
	for (size_t i = 0; i < n; i++) {
		if (was_space && v[i] == ';') {
			n = i;
			break;
		}
		was_space = isspace((unsigned char)v[i]);
	}
	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return n;
}

static int pattern_append(struct parse_state *st, const char *v, size_t n)
{
	struct parse_detector *d = &st->det;
	if (d->pattern_len + n + 1 > POLICY_MAX_PATTERN)
		return policy_parse_error(st, st->line, "detector '%s': pattern longer than %u bytes",
		                   d->name, POLICY_MAX_PATTERN);
	if (d->npieces == POLICY_MAX_PIECES)
		return policy_parse_error(st, st->line, "detector '%s': pattern spans more than %u lines",
		                   d->name, POLICY_MAX_PIECES);
	char *p = realloc(d->pattern, d->pattern_len + n + 1);
	if (!p)
		return policy_parse_nomem(st);
	memcpy(p + d->pattern_len, v, n);
	d->piece[d->npieces].line = st->line;
	d->piece[d->npieces].start = d->pattern_len;
	d->npieces++;
	d->pattern = p;
	d->pattern_len += n;
	p[d->pattern_len] = '\0';
	return 0;
}

int policy_detector_key(struct parse_state *st, const char *value)
{
	struct parse_detector *d = &st->det;
	if (st->kind == LINE_CONTINUATION) {
		if (strcmp(st->key, "pattern") != 0)
			return policy_parse_error(st, st->line,
			                   "indented line continues '%s', but only 'pattern' may "
			                   "span lines (remove the indentation)", st->key);
		return pattern_append(st, value, continuation_len(value));
	}
	int *line;
	char **slot = NULL;
	if (strcmp(st->key, "pattern") == 0) {
		line = &d->pattern_line;
	} else if (strcmp(st->key, "group") == 0) {
		line = &d->group_line;
		slot = &d->group;
	} else if (strcmp(st->key, "description") == 0) {
		line = &d->description_line;
		slot = &d->description;
	} else {
		return policy_parse_error(st, st->line,
		                   "unknown key '%s' in [detector:%s] (keys: pattern, group, "
		                   "description)", st->key, d->name);
	}
	if (*line)
		return policy_parse_error(st, st->line, "key '%s' given twice in [detector:%s] (first at "
		                   "line %d)", st->key, d->name, *line);
	*line = st->line;
	if (!slot)
		return pattern_append(st, value, strlen(value));
	if (slot == &d->group && value[0] == '\0')
		return policy_parse_error(st, st->line, "empty group (give a group number or name, or "
		                   "leave the key out to mask the whole match)");
	if (!(*slot = strdup(value)))
		return policy_parse_nomem(st);
	return 0;
}

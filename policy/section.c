/*
 * section.c — what the sections and keys of a policy mean.
 *
 * Section headers open sections ([global] once, [path:GLOB] with its glob
 * compiled here, [detector:NAME] handed to detector.c). [global] and
 * [path:] set mode ("default" in [global]), binary, names, detectors,
 * fields, format, the actions (action.c), and the unmask lists (unmask.c); key_file
 * (keyfile.c) and audit_log only [global].
 * Detector lists may name detectors defined further down, so they are
 * resolved only after the whole file (policy_section_resolve).
 * Invariant: every value is checked here; a policy that loads has no
 * unchecked setting.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_i.h"

static const char *const key_names[2][POLICY_KEY_COUNT] = {
	{ "default", "binary", "detectors", "action", "fields", "format", "keep_head",
	  "keep_tail", "unmask_uids", "unmask_groups", "key_file", "audit_log",
	  "names" }, /* [global] */
	{ "mode", "binary", "detectors", "action", "fields", "format", "keep_head",
	  "keep_tail", "unmask_uids", "unmask_groups", "key_file", "audit_log",
	  "names" }, /* [path:] */
};

static struct policy_section *current(struct parse_state *st)
{
	if (st->sec == SEC_GLOBAL)
		return &st->pol->global;
	if (st->sec == SEC_PATH)
		return &st->pol->paths[st->path_index];
	return NULL;
}

/* ---- [global] and [path:] sections ----------------------------------- */

/* Checks the syntax of a detectors list: "all", or names separated by
 * commas (spaces around them allowed). Names are looked up later. */
static int check_detector_list(struct parse_state *st, const char *v)
{
	if (v[0] == '\0')
		return policy_parse_error(st, st->line, "empty detectors list (use 'all' or detector "
		                   "names separated by commas)");
	size_t items = 0, n;
	bool all = false;
	for (const char *cursor = v, *p; policy_list_next(&cursor, &p, &n);) {
		if (n == 0)
			return policy_parse_error(st, st->line, "empty name in detectors list '%s'", v);
		if (n == 3 && memcmp(p, "all", 3) == 0)
			all = true;
		items++;
	}
	if (all && items > 1)
		return policy_parse_error(st, st->line, "'all' cannot be combined with detector names "
		                   "in '%s'", v);
	return 0;
}

/* fields = a, b, c: names added to the default field names. */
static int set_fields(struct parse_state *st, struct policy_section *s, const char *value)
{
	char *copy = strdup(value);
	const char **names = calloc(strlen(value) / 2 + 2, sizeof *names);
	size_t n = 0;
	if (!copy || !names) {
		free(copy);
		free(names);
		return policy_parse_nomem(st);
	}
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		char *end = tok + strlen(tok);
		while (end > tok && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		names[n++] = tok;
	}
	char why[REDACT_ERRLEN];
	int rc = n ? redact_fields_new(&s->fields, names, n, why, sizeof why) : -EINVAL;
	if (!n)
		snprintf(why, sizeof why, "empty fields list");
	free(names);
	free(copy);
	if (rc == -ENOMEM)
		return policy_parse_nomem(st);
	if (rc < 0)
		return policy_parse_error(st, st->line, "%s", why);
	return 0;
}

static int setting_key(struct parse_state *st, const char *value)
{
	struct policy_section *s = current(st);
	int g = st->sec == SEC_GLOBAL ? 0 : 1;
	if (st->kind == LINE_CONTINUATION)
		return policy_parse_error(st, st->line,
		                   "indented line continues '%s', but only 'pattern' may span "
		                   "lines (remove the indentation)", st->key);
	if (strncmp(st->key, "action.", 7) == 0)
		return policy_action_key(st, s, value);
	if (strncmp(st->key, "label.", 6) == 0)
		return policy_label_key(st, value);
	int k = 0;
	while (k < POLICY_KEY_COUNT && strcmp(key_names[g][k], st->key) != 0)
		k++;
	if (g == 1 && (k == POLICY_KEY_KEY_FILE || k == POLICY_KEY_AUDIT_LOG))
		return policy_parse_error(st, st->line, "key '%s' is only allowed in [global]",
		                          st->key);
	if (k == POLICY_KEY_COUNT) {
		const char *hint = g == 0 ? " (keys: default, binary, detectors, action, "
		                            "action.DETECTOR, keep_head, keep_tail, fields, format, "
		                            "unmask_uids, unmask_groups, names, key_file, "
		                            "audit_log, label.DETECTOR)"
		                          : " (keys: mode, binary, detectors, action, "
		                            "action.DETECTOR, keep_head, keep_tail, fields, format, "
		                            "unmask_uids, unmask_groups, names)";
		if (g == 0 && strcmp(st->key, "mode") == 0)
			hint = " (in [global] the mode for unmatched paths is 'default')";
		else if (g == 1 && strcmp(st->key, "default") == 0)
			hint = " (in a [path:] section it is 'mode')";
		return policy_parse_error(st, st->line, "unknown key '%s' in [%s]%s", st->key,
		                   s->header, hint);
	}
	if (s->set & (1u << k))
		return policy_parse_error(st, st->line, "key '%s' given twice in [%s] (first at line %d)",
		                   st->key, s->header, s->key_line[k]);
	int bad = 0;
	const char *allowed = "";
	switch ((enum policy_key)k) {
	case POLICY_KEY_MODE:
		bad = policy_parse_mode(value, &s->mode);
		allowed = "redact, allow, deny, hide";
		break;
	case POLICY_KEY_BINARY:
		bad = policy_parse_binary(value, &s->binary);
		allowed = "deny, allow, scan";
		break;
	case POLICY_KEY_NAMES:
		bad = policy_parse_names(value, &s->names);
		allowed = "redact, keep";
		break;
	case POLICY_KEY_ACTION:
		if (policy_action_value(st, value, &s->action) < 0)
			return st->err;
		break;
	case POLICY_KEY_KEEP_HEAD:
	case POLICY_KEY_KEEP_TAIL:
		if (policy_keep_value(st, value, k == POLICY_KEY_KEEP_HEAD ? &s->keep_head
		                                                           : &s->keep_tail) < 0)
			return st->err;
		break;
	case POLICY_KEY_UNMASK_UIDS:
	case POLICY_KEY_UNMASK_GROUPS:
		if (policy_unmask_parse(st, &s->unmask[k == POLICY_KEY_UNMASK_GROUPS],
		                        k == POLICY_KEY_UNMASK_GROUPS, value) < 0)
			return st->err;
		break;
	case POLICY_KEY_KEY_FILE:
		if (policy_keyfile_load(st, value) < 0)
			return st->err;
		break;
	case POLICY_KEY_AUDIT_LOG:
		if (value[0] == '\0')
			return policy_parse_error(st, st->line, "empty path for audit_log");
		if (!(s->audit_log = policy_rel_path(st->name, value)))
			return policy_parse_nomem(st);
		break;
	case POLICY_KEY_DETECTORS:
		if (check_detector_list(st, value) < 0)
			return st->err;
		if (!(s->detectors = strdup(value)))
			return policy_parse_nomem(st);
		break;
	case POLICY_KEY_FIELDS:
		if (set_fields(st, s, value) < 0)
			return st->err;
		break;
	case POLICY_KEY_FORMAT:
		bad = policy_parse_format(value, &s->format);
		allowed = "auto, text, csv, tsv, code, sql";
		break;
	case POLICY_KEY_COUNT:
		break;
	}
	if (bad)
		return policy_parse_error(st, st->line, "bad value '%s' for %s (allowed: %s)", value,
		                   st->key, allowed);
	s->set |= 1u << k;
	s->key_line[k] = st->line;
	return 0;
}

int policy_section_key(struct parse_state *st, const char *value)
{
	switch (st->sec) {
	case SEC_GLOBAL:
	case SEC_PATH:
		return setting_key(st, value);
	case SEC_DETECTOR:
		return policy_detector_key(st, value);
	case SEC_NONE:
		break;
	}
	if (st->kind == LINE_CONTINUATION)
		return policy_parse_error(st, st->line, "syntax error: indented line outside any section");
	return policy_parse_error(st, st->line, "key '%s' outside any section (start with [global], "
	                   "[path:GLOB] or [detector:NAME])", st->key);
}

/* ---- Section boundaries ---------------------------------------------- */

int policy_section_close(struct parse_state *st)
{
	int r = 0;
	if (st->sec == SEC_DETECTOR)
		r = policy_detector_close(st);
	policy_detector_reset(&st->det);
	st->sec = SEC_NONE;
	return r;
}

static int path_open(struct parse_state *st, const char *inner)
{
	struct policy *pol = st->pol;
	if (pol->npaths == POLICY_MAX_SECTIONS)
		return policy_parse_error(st, st->line, "more than %u [path:] sections; a policy "
		                          "may have at most %u (join patterns with {a,b} or **)",
		                          POLICY_MAX_SECTIONS, POLICY_MAX_SECTIONS);
	struct policy_section *p = realloc(pol->paths, (pol->npaths + 1) * sizeof *p);
	if (!p)
		return policy_parse_nomem(st);
	pol->paths = p;
	struct policy_section *s = &p[pol->npaths];
	memset(s, 0, sizeof *s);
	char why[128];
	int r = policy_glob_compile(&s->glob, inner + 5, why, sizeof why);
	if (r == -ENOMEM)
		return policy_parse_nomem(st);
	if (r < 0)
		return policy_parse_error(st, st->line, "bad glob '%s': %s", inner + 5, why);
	if (!(s->header = strdup(inner))) {
		policy_glob_free(&s->glob);
		return policy_parse_nomem(st);
	}
	s->line = st->line;
	st->path_index = pol->npaths++;
	st->sec = SEC_PATH;
	return 0;
}

int policy_section_open(struct parse_state *st, const char *inner)
{
	if (policy_section_close(st) < 0)
		return st->err;
	if (strcmp(inner, "global") == 0) {
		if (st->global_line)
			return policy_parse_error(st, st->line, "section [global] given twice (first at "
			                   "line %d)", st->global_line);
		st->global_line = st->line;
		st->pol->global.line = st->line;
		st->sec = SEC_GLOBAL;
		return 0;
	}
	if (strncmp(inner, "path:", 5) == 0)
		return path_open(st, inner);
	if (strncmp(inner, "detector:", 9) == 0)
		return policy_detector_open(st, inner + 9);
	return policy_parse_error(st, st->line, "unknown section [%s] (expected [global], "
	                   "[path:GLOB] or [detector:NAME])", inner);
}

/* ---- After the whole file -------------------------------------------- */
/* Detector names (detectors lists, action.DETECTOR), the key pseudonymize
 * needs, and the table of unmask pairs. */

/* Fills s->profile from s->detectors; on an unknown name sets *bad_line
 * and *bad (a pointer into s->detectors, its length in *bad_len). */
static void resolve_list(const redact_catalog *cat, struct policy_section *s,
                         int *bad_line, const char **bad, size_t *bad_len)
{
	redact_profile_init(&s->profile, cat);
	char name[256];
	size_t n;
	for (const char *cursor = s->detectors, *p; policy_list_next(&cursor, &p, &n);) {
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		if (strcmp(name, "all") == 0) {
			redact_profile_enable_all(&s->profile);
		} else {
			int idx = redact_catalog_lookup(cat, name);
			if (idx >= 0) {
				redact_profile_enable(&s->profile, (size_t)idx);
			} else if (!*bad_line || s->key_line[POLICY_KEY_DETECTORS] < *bad_line) {
				*bad_line = s->key_line[POLICY_KEY_DETECTORS];
				*bad = p;
				*bad_len = n;
			}
		}
	}
}

int policy_section_resolve(struct parse_state *st)
{
	struct policy *pol = st->pol;
	int bad_line = 0;
	const char *bad = NULL;
	size_t bad_len = 0;
	for (size_t i = 0; i <= pol->npaths; i++) {
		struct policy_section *s = i < pol->npaths ? &pol->paths[i] : &pol->global;
		if (s->set & (1u << POLICY_KEY_DETECTORS))
			resolve_list(pol->catalog, s, &bad_line, &bad, &bad_len);
	}
	if (!(pol->global.set & (1u << POLICY_KEY_DETECTORS))) {
		redact_profile_init(&pol->global.profile, pol->catalog);
		redact_profile_enable_all(&pol->global.profile);
	}
	const char *bad_action = NULL, *bad_kind = "action";
	int action_line = policy_action_resolve(st, &bad_action, &bad_kind);
	int key_line = policy_action_needs_key(pol);
	/* Of the problems found after the file, the one on the first line. */
	if (bad_line && (!action_line || bad_line <= action_line) &&
	    (!key_line || bad_line <= key_line))
		return policy_parse_error(st, bad_line, "unknown detector '%.*s' in detectors list "
		                   "(see redact --list-detectors)", (int)bad_len, bad);
	if (action_line && (!key_line || action_line <= key_line))
		return policy_parse_error(st, action_line, "unknown detector '%s' in %s.%s "
		                   "(see redact --list-detectors)", bad_action, bad_kind, bad_action);
	if (key_line)
		return policy_parse_error(st, key_line, "pseudonymize needs key_file in [global]");
	if (policy_unmask_build(pol) < 0)
		return policy_parse_nomem(st);
	return 0;
}

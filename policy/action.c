/*
 * action.c — what a detector's matches become: `action`, `action.DETECTOR`,
 * `keep_head` and `keep_tail` in [global] and [path:] sections.
 *
 * action.DETECTOR may name a detector defined further down, so names are
 * looked up after the whole file, like detectors lists. pseudonymize needs
 * the key of [global] key_file, which may also come later in the file, so
 * that check is made after the file too. Invariant: a policy that loads
 * uses only actions the engine implements, and never pseudonymize without
 * a key (the engine would mask instead: fail closed, but not what was
 * asked for).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_i.h"

#define POLICY_KEEP_MAX 64

int policy_action_value(struct parse_state *st, const char *value, enum redact_action *out)
{
	if (policy_parse_action(value, out) < 0)
		return policy_parse_error(st, st->line, "bad value '%s' for %s (allowed: mask, "
		                          "partial, pseudonymize, replace, remove)", value, st->key);
	return 0;
}

int policy_keep_value(struct parse_state *st, const char *value, int *out)
{
	int v = 0;
	size_t n = strlen(value);
	bool ok = n > 0 && n <= 2;
	for (size_t i = 0; ok && i < n; i++) {
		ok = value[i] >= '0' && value[i] <= '9';
		v = v * 10 + (value[i] - '0');
	}
	if (!ok || v > POLICY_KEEP_MAX)
		return policy_parse_error(st, st->line, "bad value '%s' for %s (allowed: 0 to %d)",
		                          value, st->key, POLICY_KEEP_MAX);
	*out = v;
	return 0;
}

int policy_action_key(struct parse_state *st, struct policy_section *s, const char *value)
{
	const char *name = st->key + strlen("action.");
	if (name[0] == '\0')
		return policy_parse_error(st, st->line, "key 'action.' names no detector (write "
		                          "action.DETECTOR = ACTION)");
	for (size_t i = 0; i < s->ndact; i++)
		if (strcmp(s->dact[i].name, name) == 0)
			return policy_parse_error(st, st->line, "key '%s' given twice in [%s] (first "
			                          "at line %d)", st->key, s->header, s->dact[i].line);
	enum redact_action a;
	if (policy_action_value(st, value, &a) < 0)
		return st->err;
	struct policy_det_action *d = realloc(s->dact, (s->ndact + 1) * sizeof *d);
	if (!d)
		return policy_parse_nomem(st);
	s->dact = d;
	d += s->ndact;
	if (!(d->name = strdup(name)))
		return policy_parse_nomem(st);
	s->ndact++;
	d->idx = -1;
	d->action = a;
	d->line = st->line;
	return 0;
}

/* label.DETECTOR = TEXT ([global] only): what replace writes for it. */
int policy_label_key(struct parse_state *st, const char *value)
{
	struct policy *pol = st->pol;
	const char *name = st->key + strlen("label.");
	if (st->sec != SEC_GLOBAL)
		return policy_parse_error(st, st->line, "key '%s' is only allowed in [global]",
		                          st->key);
	if (name[0] == '\0')
		return policy_parse_error(st, st->line, "key 'label.' names no detector (write "
		                          "label.DETECTOR = TEXT)");
	size_t n = strlen(value);
	bool ok = n > 0 && n <= 64;
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)value[i] >= 0x20 && value[i] != 0x7f;
	if (!ok)
		return policy_parse_error(st, st->line, "bad label '%s' for %s (1 to 64 bytes, no "
		                          "control characters)", value, name);
	for (size_t i = 0; i < pol->nlabels; i++)
		if (strcmp(pol->label_list[i].name, name) == 0)
			return policy_parse_error(st, st->line, "key '%s' given twice in [global] (first "
			                          "at line %d)", st->key, pol->label_list[i].line);
	struct policy_label *l = realloc(pol->label_list, (pol->nlabels + 1) * sizeof *l);
	if (!l)
		return policy_parse_nomem(st);
	pol->label_list = l;
	l += pol->nlabels;
	l->name = strdup(name);
	l->text = strdup(value);
	l->line = st->line;
	if (!l->name || !l->text) {
		free(l->name);
		free(l->text);
		return policy_parse_nomem(st);
	}
	pol->nlabels++;
	return 0;
}

int policy_action_resolve(struct parse_state *st, const char **bad, const char **kind)
{
	struct policy *pol = st->pol;
	int bad_line = 0;
	for (size_t i = 0; i < pol->nlabels; i++) {
		struct policy_label *l = &pol->label_list[i];
		int idx = redact_catalog_lookup(pol->catalog, l->name);
		if (idx >= 0 && idx < (int)REDACT_MAX_DETECTORS)
			pol->labels[idx] = l->text;
		else if (!bad_line || l->line < bad_line)
			bad_line = l->line, *bad = l->name, *kind = "label";
	}
	for (size_t i = 0; i <= pol->npaths; i++) {
		struct policy_section *s = i < pol->npaths ? &pol->paths[i] : &pol->global;
		for (size_t j = 0; j < s->ndact; j++) {
			struct policy_det_action *d = &s->dact[j];
			d->idx = redact_catalog_lookup(pol->catalog, d->name);
			if (d->idx >= (int)REDACT_MAX_DETECTORS)
				d->idx = -1;
			if (d->idx < 0 && (!bad_line || d->line < bad_line)) {
				bad_line = d->line;
				*bad = d->name;
				*kind = "action";
			}
		}
	}
	return bad_line;
}

static void first_line(int *best, int line)
{
	if (!*best || line < *best)
		*best = line;
}

int policy_action_needs_key(const struct policy *pol)
{
	if (pol->key)
		return 0;
	int line = 0;
	for (size_t i = 0; i <= pol->npaths; i++) {
		const struct policy_section *s = i < pol->npaths ? &pol->paths[i] : &pol->global;
		if ((s->set & (1u << POLICY_KEY_ACTION)) && s->action == REDACT_ACTION_PSEUDONYMIZE)
			first_line(&line, s->key_line[POLICY_KEY_ACTION]);
		for (size_t j = 0; j < s->ndact; j++)
			if (s->dact[j].action == REDACT_ACTION_PSEUDONYMIZE)
				first_line(&line, s->dact[j].line);
	}
	return line;
}

/*
 * resolve.c — what applies to a path: the [global] settings, then every
 * matching [path:] section in file order, each overriding only the keys it
 * sets; then a hidden ancestor directory makes the path hidden too.
 *
 * Invariants: resolution reads the immutable policy only, allocates nothing
 * and keeps its scratch on the stack, so any number of threads may resolve
 * at once. It fails closed: a path that is not absolute, holds a "." or ".."
 * segment, or is longer than POLICY_MAX_PATH bytes / deeper than
 * POLICY_MAX_DEPTH segments resolves to mode deny, binary deny. The mount
 * root "/" is never a hiding ancestor (it is the mount itself), so
 * "default = hide" with a section giving /public and below "mode = allow"
 * shows /public and its files. The unmask lists in force are turned into
 * a pointer into the table built at load (unmask.c), so per-caller views
 * cost no allocation either.
 */
#include <string.h>

#include "policy_i.h"

bool policy_split_path(const char *path, struct policy_split *sp)
{
	int n = policy_path_split(path, sp->buf, sizeof sp->buf, sp->seg, POLICY_MAX_DEPTH);
	if (n < 0)
		return false;
	sp->path.seg = sp->seg;
	sp->path.nseg = (size_t)n;
	return true;
}

/* The effective mode of the first n segments of path, and the section that
 * set it (NULL: the built-in default). */
static enum policy_mode mode_of(const struct policy *pol, const struct policy_path *path,
                                size_t n, const struct policy_section **src)
{
	for (size_t i = pol->npaths; i-- > 0;) {
		const struct policy_section *s = &pol->paths[i];
		if ((s->set & (1u << POLICY_KEY_MODE)) && policy_glob_match(&s->glob, path, n)) {
			*src = s;
			return s->mode;
		}
	}
	*src = (pol->global.set & (1u << POLICY_KEY_MODE)) ? &pol->global : NULL;
	return pol->global.mode;
}

/* Applies section s's action.DETECTOR keys to p (and the trace). */
static void apply_dact(const struct policy_section *s, redact_profile *p,
                       struct policy_trace *trace)
{
	for (size_t j = 0; j < s->ndact; j++) {
		const struct policy_det_action *d = &s->dact[j];
		if (d->idx < 0)
			continue; /* cannot happen in a loaded policy */
		p->detector_action[d->idx] = (uint8_t)(d->action + 1);
		trace->dsrc[d->idx] = s;
		trace->dline[d->idx] = d->line;
	}
}

void policy_resolve_trace(const struct policy *pol, const char *path,
                          struct policy_view *view, struct policy_trace *trace)
{
	const struct policy_section *g = &pol->global;
	memset(trace, 0, sizeof *trace);
	view->mode = g->mode;
	view->unmask = NULL;
	view->binary = g->binary;
	view->names = g->names;
	view->profile = g->profile;
	redact_profile *p = &view->profile;
	memset(p->detector_action, 0, sizeof p->detector_action);
	p->action = g->action;
	p->keep_head = (g->set & (1u << POLICY_KEY_KEEP_HEAD)) ? (int16_t)g->keep_head : -1;
	p->keep_tail = (g->set & (1u << POLICY_KEY_KEEP_TAIL)) ? (int16_t)g->keep_tail : -1;
	p->key = pol->key;
	p->labels = pol->labels;
	apply_dact(g, p, trace);
	const redact_fields *fields = g->fields;
	int format = (g->set & (1u << POLICY_KEY_FORMAT)) ? g->format : -1;
	const struct policy_idlist *uids =
		(g->set & (1u << POLICY_KEY_UNMASK_UIDS)) ? &g->unmask[0] : NULL;
	const struct policy_idlist *gids =
		(g->set & (1u << POLICY_KEY_UNMASK_GROUPS)) ? &g->unmask[1] : NULL;
	for (int k = 0; k < POLICY_KEY_COUNT; k++)
		trace->src[k] = (g->set & (1u << k)) ? g : NULL;

	struct policy_split sp;
	if (path && !policy_split_path(path, &sp)) {
		view->mode = POLICY_MODE_DENY;
		view->binary = POLICY_BINARY_DENY;
		view->names = POLICY_NAMES_REDACT;
		trace->bad_path = true;
		return;
	}
	for (size_t i = 0; path && i < pol->npaths; i++) {
		const struct policy_section *s = &pol->paths[i];
		if (!policy_glob_match(&s->glob, &sp.path, sp.path.nseg))
			continue;
		if (s->set & (1u << POLICY_KEY_MODE))
			view->mode = s->mode;
		if (s->set & (1u << POLICY_KEY_BINARY))
			view->binary = s->binary;
		if (s->set & (1u << POLICY_KEY_NAMES))
			view->names = s->names;
		if (s->set & (1u << POLICY_KEY_DETECTORS))
			memcpy(p->enabled, s->profile.enabled, sizeof p->enabled);
		if (s->set & (1u << POLICY_KEY_ACTION))
			p->action = s->action;
		if (s->set & (1u << POLICY_KEY_KEEP_HEAD))
			p->keep_head = (int16_t)s->keep_head;
		if (s->set & (1u << POLICY_KEY_KEEP_TAIL))
			p->keep_tail = (int16_t)s->keep_tail;
		if (s->set & (1u << POLICY_KEY_FIELDS))
			fields = s->fields;
		if (s->set & (1u << POLICY_KEY_FORMAT))
			format = s->format;
		if (s->set & (1u << POLICY_KEY_UNMASK_UIDS))
			uids = &s->unmask[0];
		if (s->set & (1u << POLICY_KEY_UNMASK_GROUPS))
			gids = &s->unmask[1];
		apply_dact(s, p, trace);
		for (int k = 0; k < POLICY_KEY_COUNT; k++)
			if (s->set & (1u << k))
				trace->src[k] = s;
	}
	p->fields = fields;
	p->format = format >= 0 ? (enum redact_format)format : redact_format_for_name(path);
	/* A hidden ancestor (not the root) hides everything below it. */
	for (size_t n = 1; path && n < sp.path.nseg; n++) {
		const struct policy_section *src;
		if (mode_of(pol, &sp.path, n, &src) == POLICY_MODE_HIDE) {
			view->mode = POLICY_MODE_HIDE;
			trace->hidden_by = src;
			trace->hidden_len = (size_t)(sp.seg[n - 1] - sp.buf) + strlen(sp.seg[n - 1]);
			break;
		}
	}
	/* Unset names follow the mode: kept where content is served raw. */
	if (!trace->src[POLICY_KEY_NAMES])
		view->names = view->mode == POLICY_MODE_ALLOW ? POLICY_NAMES_KEEP
		                                              : POLICY_NAMES_REDACT;
	/* Callers matter only where content is redacted. */
	if (view->mode == POLICY_MODE_REDACT)
		view->unmask = policy_unmask_get(pol, uids, gids);
}

void policy_note_names(struct policy *pol)
{
	pol->names_all_kept = (pol->global.set & (1u << POLICY_KEY_NAMES)) &&
	                      pol->global.names == POLICY_NAMES_KEEP;
	for (size_t i = 0; pol->names_all_kept && i < pol->npaths; i++)
		if ((pol->paths[i].set & (1u << POLICY_KEY_NAMES)) &&
		    pol->paths[i].names == POLICY_NAMES_REDACT)
			pol->names_all_kept = false;
}

bool policy_names_all_kept(const policy *pol)
{
	return pol->names_all_kept;
}

void policy_resolve(const policy *pol, const char *path, struct policy_view *view)
{
	struct policy_trace trace;
	policy_resolve_trace(pol, path, view, &trace);
}

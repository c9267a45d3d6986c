/*
 * workspace.c — what a range read needs besides the file (redact.h,
 * redact_workspace): the window's bytes, marks and action bytes, and the
 * match state of up to two threads, kept from one read for the next.
 *
 * Invariant: a workspace never carries a result from one read into the
 * next: every read starts with its window's marks cleared, and match state
 * made for another catalog (a policy reload) is made again before use.
 * One read at a time per workspace.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

int redact_workspace_new(redact_workspace **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : -ENOMEM;
}

void redact_workspace_use_two_threads(redact_workspace *w, bool on)
{
	w->two_threads = on;
}

void redact_workspace_free(redact_workspace *w)
{
	if (!w)
		return;
	if (w->cat)
		redact_scratch_fini(&w->sc);
	if (w->cat2)
		redact_scratch_fini(&w->sc2);
	free(w->win);
	free(w->marks);
	free(w->over);
	free(w->marks2);
	free(w);
}

/* Makes sc (made for *made, NULL: not yet, whose match data holds *groups
 * capture groups) ready for catalog cat: another catalog (a reload) gets
 * new match state, and match data must hold the catalog's groups; the
 * limits are the same for every catalog. Returns 0 or -ENOMEM. */
static int scratch_ready(struct redact_scratch *sc, const redact_catalog **made,
                         uint32_t *groups, const redact_catalog *cat)
{
	if (*made == cat && cat->max_groups <= *groups)
		return 0;
	if (*made)
		redact_scratch_fini(sc);
	*made = NULL;
	if (redact_scratch_init(sc, cat) < 0)
		return -ENOMEM;
	*made = cat;
	*groups = cat->max_groups;
	return 0;
}

int redact_workspace_ready(redact_workspace *w, const redact_catalog *cat, size_t wlen)
{
	if (wlen > w->cap) {
		uint8_t *a = realloc(w->win, wlen), *b = a ? realloc(w->marks, wlen) : NULL;
		if (a)
			w->win = a;
		if (b)
			w->marks = b;
		uint8_t *c = b ? realloc(w->over, wlen) : NULL;
		if (!c)
			return -ENOMEM;
		w->over = c;
		w->cap = wlen;
	}
	memset(w->marks, 0, wlen);
	if (scratch_ready(&w->sc, &w->cat, &w->groups, cat) < 0)
		return -ENOMEM;
	w->sc.tally = NULL;
	return 0;
}

int redact_workspace_ready_second(redact_workspace *w, const redact_catalog *cat, size_t wlen)
{
	if (wlen > w->cap2) {
		uint8_t *m = realloc(w->marks2, wlen);
		if (!m)
			return -ENOMEM;
		w->marks2 = m;
		w->cap2 = wlen;
	}
	return scratch_ready(&w->sc2, &w->cat2, &w->groups2, cat);
}

/*
 * unmask.c — per-caller views: `unmask_uids = alice, 1001` and
 * `unmask_groups = hr, 2000` ([global] and [path:]), and the question
 * "does this caller read this path raw".
 *
 * Names are resolved to numbers once, at load (getpwnam_r / getgrnam_r);
 * an unknown name is an error at its line. A number is taken as is; an
 * empty value means "nobody" (to take back an earlier section's list).
 * Each section's lists are immutable. A path's uid list and gid list may
 * come from different sections (the last matching section that sets each
 * key wins), so every pair is built at load into one table: resolution
 * only picks a pointer, allocates nothing and takes no lock.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse_i.h"

_Static_assert(sizeof(uid_t) == sizeof(unsigned) && sizeof(gid_t) == sizeof(unsigned),
               "ids are kept as unsigned");

#define POLICY_MAX_UNMASK_LISTS 256u /* sections that may set each key */

/* ---- Parsing -------------------------------------------------------- */

/* A decimal id (not (unsigned)-1, which means "no id" to the kernel). */
static bool parse_number(const char *s, unsigned *out)
{
	unsigned long long v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned)(*s - '0');
		if (v >= 0xffffffffull)
			return false;
	}
	*out = (unsigned)v;
	return true;
}

/* Looks up a user (groups = false) or group name. Returns 0 and sets *id,
 * -ENOENT for an unknown name, or another -errno. */
static int lookup(const char *name, bool groups, unsigned *id)
{
	long hint = sysconf(groups ? _SC_GETGR_R_SIZE_MAX : _SC_GETPW_R_SIZE_MAX);
	size_t size = hint > 0 ? (size_t)hint : 16384;
	for (;;) {
		char *buf = malloc(size);
		if (!buf)
			return -ENOMEM;
		int r;
		if (groups) {
			struct group gr, *res = NULL;
			r = getgrnam_r(name, &gr, buf, size, &res);
			if (r == 0 && res)
				*id = (unsigned)gr.gr_gid;
			else if (r == 0)
				r = ENOENT;
		} else {
			struct passwd pw, *res = NULL;
			r = getpwnam_r(name, &pw, buf, size, &res);
			if (r == 0 && res)
				*id = (unsigned)pw.pw_uid;
			else if (r == 0)
				r = ENOENT;
		}
		free(buf);
		if (r != ERANGE || size > (1u << 24))
			return -r;
		size *= 2;
	}
}

int policy_unmask_parse(struct parse_state *st, struct policy_idlist *list, bool groups,
                        const char *value)
{
	const char *key = groups ? "unmask_groups" : "unmask_uids";
	unsigned *slots = groups ? &st->gid_lists : &st->uid_lists;
	if (*slots >= POLICY_MAX_UNMASK_LISTS)
		return policy_parse_error(st, st->line, "%s set in more than %u sections", key,
		                          POLICY_MAX_UNMASK_LISTS);
	if (!(list->text = strdup(value)) ||
	    !(list->ids = calloc(strlen(value) / 2 + 1, sizeof *list->ids)))
		return policy_parse_nomem(st);
	char name[256];
	size_t n;
	for (const char *cursor = *value ? value : NULL, *p; policy_list_next(&cursor, &p, &n);) {
		if (n == 0)
			return policy_parse_error(st, st->line, "empty name in %s list '%s'", key,
			                          value);
		if (n >= sizeof name)
			return policy_parse_error(st, st->line, "name too long in %s list", key);
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		unsigned id = 0;
		if (!parse_number(name, &id)) {
			int r = lookup(name, groups, &id);
			if (r == -ENOMEM)
				return policy_parse_nomem(st);
			if (r == -ENOENT)
				return policy_parse_error(st, st->line, "unknown %s '%s' in %s",
				                          groups ? "group" : "user", name, key);
			if (r < 0)
				return policy_parse_error(st, st->line, "cannot look up %s '%s' in %s: "
				                          "%s", groups ? "group" : "user", name, key,
				                          strerror(-r));
		}
		list->ids[list->n++] = id;
	}
	list->slot = (int)++*slots;
	return 0;
}

/* ---- The table of pairs ---------------------------------------------- */

int policy_unmask_build(struct policy *pol)
{
	size_t nu = 1, ng = 1;
	for (size_t i = 0; i <= pol->npaths; i++) {
		const struct policy_section *s = i < pol->npaths ? &pol->paths[i] : &pol->global;
		if (s->set & (1u << POLICY_KEY_UNMASK_UIDS))
			nu++;
		if (s->set & (1u << POLICY_KEY_UNMASK_GROUPS))
			ng++;
	}
	if (nu == 1 && ng == 1)
		return 0; /* nobody is ever unmasked */
	pol->unmask = calloc(nu * ng, sizeof *pol->unmask);
	if (!pol->unmask)
		return -ENOMEM;
	pol->nuid_slots = nu;
	pol->ngid_slots = ng;
	for (size_t i = 0; i <= pol->npaths; i++) {
		const struct policy_section *s = i < pol->npaths ? &pol->paths[i] : &pol->global;
		if (s->set & (1u << POLICY_KEY_UNMASK_UIDS))
			for (size_t g = 0; g < ng; g++)
				pol->unmask[(size_t)s->unmask[0].slot * ng + g].uids = &s->unmask[0];
		if (s->set & (1u << POLICY_KEY_UNMASK_GROUPS))
			for (size_t u = 0; u < nu; u++)
				pol->unmask[u * ng + (size_t)s->unmask[1].slot].gids = &s->unmask[1];
	}
	return 0;
}

const struct policy_unmask *policy_unmask_get(const struct policy *pol,
                                              const struct policy_idlist *uids,
                                              const struct policy_idlist *gids)
{
	if ((!uids || uids->n == 0) && (!gids || gids->n == 0))
		return NULL;
	size_t u = uids ? (size_t)uids->slot : 0, g = gids ? (size_t)gids->slot : 0;
	return &pol->unmask[u * pol->ngid_slots + g];
}

/* ---- Questions about a view ------------------------------------------ */

static bool has(const struct policy_idlist *l, unsigned id)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (l->ids[i] == id)
			return true;
	return false;
}

bool policy_view_unmasked(const struct policy_view *view, uid_t uid, gid_t gid,
                          const gid_t *groups, size_t ngroups)
{
	const struct policy_unmask *u = view->unmask;
	if (!u)
		return false;
	if (has(u->uids, (unsigned)uid) || has(u->gids, (unsigned)gid))
		return true;
	for (size_t i = 0; groups && i < ngroups; i++)
		if (has(u->gids, (unsigned)groups[i]))
			return true;
	return false;
}

bool policy_view_per_caller(const struct policy_view *view)
{
	return view->unmask != NULL;
}

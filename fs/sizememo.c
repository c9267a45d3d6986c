/*
 * sizememo.c — output lengths for getattr (sizememo.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "polref.h"
#include "serve.h"
#include "sizememo.h"
#include "source.h"
#include "srcfile.h"

/* Output sizes getattr computed. After a reload old entries just stop
 * matching and age out round robin. */
#define SIZE_MEMO_SLOTS 64
struct rfs_size_memo {
	pthread_mutex_t lock;
	size_t next;
	struct {
		struct rfs_pol *pol; /* a reference */
		char path[256];
		dev_t dev;
		ino_t ino;
		off_t size;
		struct timespec mtime, ctime;
		uint64_t out;
	} slot[SIZE_MEMO_SLOTS];
};

struct rfs_size_memo *rfs_size_memo_new(void)
{
	struct rfs_size_memo *m = calloc(1, sizeof(*m));
	if (m)
		pthread_mutex_init(&m->lock, NULL);
	return m;
}

void rfs_size_memo_free(struct rfs_size_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < SIZE_MEMO_SLOTS; i++)
		if (m->slot[i].pol)
			rfs_pol_unref(m->slot[i].pol);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static bool memo_match(const struct rfs_size_memo *m, size_t i, const struct rfs_pol *pol,
                       const char *path, const struct stat *st)
{
	return m->slot[i].pol == pol && m->slot[i].dev == st->st_dev &&
	       m->slot[i].ino == st->st_ino && m->slot[i].size == st->st_size &&
	       m->slot[i].mtime.tv_sec == st->st_mtim.tv_sec &&
	       m->slot[i].mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       m->slot[i].ctime.tv_sec == st->st_ctim.tv_sec &&
	       m->slot[i].ctime.tv_nsec == st->st_ctim.tv_nsec && strcmp(m->slot[i].path, path) == 0;
}

static bool memo_get(struct rfs_size_memo *m, const struct rfs_pol *pol, const char *path,
                     const struct stat *st, uint64_t *out)
{
	bool found = false;
	if (!m || strlen(path) >= sizeof m->slot[0].path)
		return false;
	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; i < SIZE_MEMO_SLOTS && !found; i++)
		if (memo_match(m, i, pol, path, st)) {
			*out = m->slot[i].out;
			found = true;
		}
	pthread_mutex_unlock(&m->lock);
	return found;
}

static void memo_put(struct rfs_size_memo *m, struct rfs_pol *pol, const char *path,
                     const struct stat *st, uint64_t out)
{
	if (!m || strlen(path) >= sizeof m->slot[0].path)
		return;
	pthread_mutex_lock(&m->lock);
	size_t i = m->next++ % SIZE_MEMO_SLOTS;
	if (m->slot[i].pol)
		rfs_pol_unref(m->slot[i].pol);
	m->slot[i].pol = rfs_pol_ref(pol);
	snprintf(m->slot[i].path, sizeof m->slot[i].path, "%s", path);
	m->slot[i].dev = st->st_dev;
	m->slot[i].ino = st->st_ino;
	m->slot[i].size = st->st_size;
	m->slot[i].mtime = st->st_mtim;
	m->slot[i].ctime = st->st_ctim;
	m->slot[i].out = out;
	pthread_mutex_unlock(&m->lock);
}

bool rfs_size_needs_engine(const struct policy_view *view)
{
	return view->mode == POLICY_MODE_REDACT && redact_profile_changes_length(&view->profile);
}

int rfs_output_size_of(struct rfs_pol *pol, const char *path, const struct policy_view *view,
                       struct rfs_src *src, struct stat *st)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	if (!S_ISREG(st->st_mode) || !rfs_size_needs_engine(view))
		return 0;
	struct stat fst = *st;
	struct rfs_caller who;
	struct rfs_decision d;
	rfs_caller_get(&who, policy_view_per_caller(view));
	int res = rfs_decide(pol, path, src, &who, &d);
	uint64_t out;
	if (res == 0 && d.opener.engine) {
		if (memo_get(ctx->size_memo, pol, path, &fst, &out)) {
			st->st_size = (off_t)out;
		} else {
			/* A full pass over the file, shared with its opens
			 * (srcfile.c): see the README (Caveats). */
			res = rfs_engine_size(d.opener.engine, &fst, &out);
			if (res == 0) {
				st->st_size = (off_t)out;
				memo_put(ctx->size_memo, pol, path, &fst, out);
			}
		}
	} else {
		res = 0; /* raw, denied or binary: SOURCE's size */
	}
	rfs_decision_clear(&d);
	free(who.groups);
	return res < 0 ? -EIO : 0;
}

int rfs_output_size(struct rfs_pol *pol, const char *path, const struct policy_view *view,
                    struct stat *st)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	if (!S_ISREG(st->st_mode) || !rfs_size_needs_engine(view))
		return 0;
	struct stat fst;
	struct rfs_src *src;
	if (rfs_src_open(ctx->srcs, ctx->rootfd, path, &fst, &src) < 0)
		return 0; /* not served: its size is SOURCE's */
	/* The file opened is the one whose size is asked (path may name a new
	 * one since the lstat): its attributes, with the output's length. */
	*st = fst;
	int res = rfs_output_size_of(pol, path, view, src, st);
	rfs_src_release(src);
	return res;
}

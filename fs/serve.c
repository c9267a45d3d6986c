/*
 * serve.c — deciding how an open file is served (serve.h): the policy's
 * view of its path, its first bytes (policy_serving), and whether its
 * opener is unmasked; and the engine's file that serves the redacted
 * view, kept with the policy its profile points into.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>

#include <fuse.h>

#include "ctx.h"
#include "gate.h"
#include "log.h"
#include "polref.h"
#include "serve.h"
#include "source.h"
#include "srcfile.h"

struct rfs_engine {
	_Atomic unsigned refs;
	redact_file *file;
	struct rfs_pol *pol; /* the profile's catalog, key and labels live here */
};

/* The engine's reader: pread on the SOURCE fd at arg. */
static ssize_t fd_reader(void *arg, void *buf, size_t len, uint64_t off)
{
	return rfs_source_pread(*(const int *)arg, buf, len, off);
}

struct rfs_engine *rfs_engine_new(struct rfs_pol *pol, const redact_profile *p, const int *fd,
                                  _Atomic unsigned long long *passes)
{
	struct rfs_engine *e = calloc(1, sizeof(*e));
	if (e == NULL)
		return NULL;
	if (redact_file_new(&e->file, p, fd_reader, (void *)fd) < 0) {
		free(e);
		return NULL;
	}
	redact_file_count_passes(e->file, passes);
	atomic_init(&e->refs, 1);
	e->pol = rfs_pol_ref(pol);
	return e;
}

struct rfs_engine *rfs_engine_ref(struct rfs_engine *e)
{
	if (e)
		atomic_fetch_add(&e->refs, 1);
	return e;
}

void rfs_engine_unref(struct rfs_engine *e)
{
	if (e == NULL || atomic_fetch_sub(&e->refs, 1) != 1)
		return;
	redact_file_free(e->file);
	rfs_pol_unref(e->pol);
	free(e);
}

static void version_of(struct redact_version *v, const struct stat *st)
{
	*v = (struct redact_version){
		.size = (uint64_t)st->st_size,
		.mtime_sec = st->st_mtim.tv_sec,
		.mtime_nsec = st->st_mtim.tv_nsec,
		.ctime_sec = st->st_ctim.tv_sec,
		.ctime_nsec = st->st_ctim.tv_nsec,
	};
}

int rfs_engine_read(struct rfs_engine *e, const struct stat *st, uint64_t off, size_t len,
                    void *out, size_t *n, redact_workspace *w, redact_tally *t)
{
	struct redact_version v;
	version_of(&v, st);
	return redact_file_read(e->file, &v, off, len, out, n, w, t);
}

int rfs_engine_size(struct rfs_engine *e, const struct stat *st, uint64_t *size)
{
	struct redact_version v;
	version_of(&v, st);
	return redact_file_size(e->file, &v, size);
}

void rfs_caller_get(struct rfs_caller *who, bool with_groups)
{
	const struct fuse_context *fc = fuse_get_context();
	*who = (struct rfs_caller){ .uid = fc->uid, .gid = fc->gid, .pid = fc->pid };
	if (!with_groups)
		return;
	int n = fuse_getgroups(0, NULL);
	if (n <= 0)
		return;
	gid_t *g = calloc((size_t)n + 8, sizeof(*g));
	if (g == NULL)
		return;
	int got = fuse_getgroups(n + 8, g);
	if (got <= 0 || got > n + 8) {
		free(g);
		return;
	}
	who->groups = g;
	who->ngroups = (size_t)got;
}

bool rfs_caller_unmasked(struct rfs_pol *pol, const char *path)
{
	struct policy_view view;
	if (rfs_gate(pol, path, &view) < 0 || view.mode != POLICY_MODE_REDACT ||
	    !policy_view_per_caller(&view))
		return false;
	struct rfs_caller who;
	rfs_caller_get(&who, true);
	bool unmasked = policy_view_unmasked(&view, who.uid, who.gid, who.groups, who.ngroups);
	free(who.groups);
	return unmasked;
}

void rfs_decision_clear(struct rfs_decision *d)
{
	rfs_engine_unref(d->engine);
	d->engine = NULL;
	d->opener.engine = d->masked.engine = NULL;
}

int rfs_decide(struct rfs_pol *pol, const char *path, struct rfs_src *src,
               const struct rfs_caller *who, struct rfs_decision *d)
{
	struct policy_view view;
	*d = (struct rfs_decision){ .mode = "hide" };
	int res = rfs_gate(pol, path, &view);
	if (res < 0) {
		d->opener.err = d->masked.err = res;
		return res;
	}
	d->mode = policy_mode_name(view.mode);
	enum policy_serving how = policy_serving(&view, NULL, 0, NULL);
	if (how == POLICY_SERVE_REDACTED) {
		/* the first bytes decide */
		unsigned char head[REDACT_SNIFF_LEN];
		ssize_t n = src ? rfs_source_pread(src->fd, head, sizeof(head), 0) : -EBADF;
		if (n < 0) {
			rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
			                       "redactfs: %s: read error %d\n", path, (int)-n);
			d->opener.err = d->masked.err = -EIO;
			return -EIO;
		}
		bool binary;
		how = policy_serving(&view, head, (size_t)n, &binary);
		d->masked.binary_raw = binary && how == POLICY_SERVE_RAW;
		if (binary && how == POLICY_SERVE_DENIED)
			d->mode = "binary-deny";
	}
	switch (how) {
	case POLICY_SERVE_RAW:
		d->masked.raw = true;
		break;
	case POLICY_SERVE_DENIED:
		d->masked.err = -EACCES;
		break;
	case POLICY_SERVE_HIDDEN:
		d->masked.err = -ENOENT;
		break;
	case POLICY_SERVE_REDACTED:
	default:
		d->engine = rfs_src_engine(src, pol, path, &view.profile);
		if (d->engine == NULL)
			d->masked.err = -ENOMEM;
		d->masked.engine = d->engine;
		break;
	}
	d->per_caller = view.mode == POLICY_MODE_REDACT && policy_view_per_caller(&view);
	if (d->per_caller &&
	    policy_view_unmasked(&view, who->uid, who->gid, who->groups, who->ngroups))
		d->opener = (struct rfs_serve){ .raw = true };
	else
		d->opener = d->masked;
	return d->opener.err;
}

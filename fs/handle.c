/*
 * handle.c — open files: open decides once how a file is served (serve.c),
 * read serves it through the decision's engine file (redact_file), release
 * closes it, fstat answers for it. The design (reloads, per-caller views,
 * files being written, the shared page cache): docs/fs.md, "Open files".
 *
 * Invariant (fail closed): a redacted read returns exactly the engine's
 * bytes for the requested range of the file as it is now, and any error
 * returns EIO, never raw bytes. Every read (and the GETATTR before it)
 * checks what could make its bytes wrong for the page cache all handles of
 * a path share: a path that now names another file, a binary = allow file
 * that no longer looks binary; both are EIO. A read or fstat under a newer
 * policy decides again first. A handle's decision changes only under its
 * state_lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cache.h"
#include "ctx.h"
#include "fh.h"
#include "gate.h"
#include "log.h"
#include "handle.h"
#include "openfiles.h"
#include "polref.h"
#include "serve.h"
#include "source.h"
#include "stats.h"
#include "wspool.h"

static void rfs_file_free(struct rfs_file *h)
{
	/* The decision's engine reads through the shared file: first. */
	rfs_decision_clear(&h->d);
	rfs_src_release(h->src);
	redact_tally_free(h->tally);
	if (h->tally_pol)
		rfs_pol_unref(h->tally_pol);
	pthread_mutex_destroy(&h->state_lock);
	if (h->pol)
		rfs_pol_unref(h->pol);
	free(h->who.groups);
	free(h->path);
	free(h->shown);
	free(h);
}

void rfs_file_free_listed(struct rfs_open_entry *e)
{
	rfs_file_free((struct rfs_file *)((char *)e - offsetof(struct rfs_file, listed)));
}

static struct rfs_file *rfs_file_of(const struct fuse_file_info *fi)
{
	struct rfs_file *h = (struct rfs_file *)(uintptr_t)fi->fh;
	if (h == NULL || h->kind != RFS_KIND_FILE)
		return NULL;
	return h;
}

const char *rfs_file_real_path(const struct fuse_file_info *fi)
{
	const struct rfs_file *h = fi ? rfs_file_of(fi) : NULL;
	return h ? h->path : NULL;
}

/* What this read of h serves under pol (held by the caller), with a
 * reference to its engine (rfs_engine_unref when done) and the tally its
 * values go to (NULL: not counted): the handle decides again first when
 * pol is newer than its decision. *fill (when not NULL): the read is a
 * page-cache fill of a per-caller file's direct_io handle. */
static void rfs_serve_of(struct rfs_file *h, struct rfs_pol *pol, const char *path,
                         const struct fuse_file_info *fi, struct rfs_serve *sv,
                         redact_tally **tally, bool *fill)
{
	pthread_mutex_lock(&h->state_lock);
	if (h->pol != pol) {
		struct rfs_decision d;
		int res = path ? rfs_decide(pol, path, h->src, &h->who, &d) : -EINVAL;
		if (res < 0) {
			rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
			                "redactfs: %s: the reloaded policy does not let "
			                "this open file be read (error %d); returning EIO\n",
			                path ? path : "?", -res);
			if (!path)
				d = (struct rfs_decision){ .mode = "hide" };
			d.opener.err = d.masked.err = -EIO;
		}
		if (d.masked.err < 0)
			d.masked.err = -EIO;
		/* reads still under the old decision keep its engine (and
		 * its policy) alive through their own references */
		rfs_decision_clear(&h->d);
		rfs_pol_unref(h->pol);
		h->pol = rfs_pol_ref(pol);
		h->d = d;
	}
	/* A page-cache fill (no lock owner) or any read of a handle that is
	 * not direct_io gets the masked view of a per-caller file. */
	bool page_fill = fi && fi->lock_owner == 0;
	if (h->d.per_caller && (!h->direct_io || page_fill))
		*sv = h->d.masked;
	else
		*sv = h->d.opener;
	if (fill)
		*fill = h->d.per_caller && h->direct_io && page_fill;
	rfs_engine_ref(sv->engine);
	*tally = h->tally_pol == pol ? h->tally : NULL;
	pthread_mutex_unlock(&h->state_lock);
}

/* 0 when the file of a binary_raw handle still looks binary, else -EIO. */
static int rfs_still_binary(const char *path, const struct rfs_file *h)
{
	unsigned char head[REDACT_SNIFF_LEN];
	ssize_t n = rfs_source_pread(h->src->fd, head, sizeof(head), 0);
	if (n >= 0 && redact_looks_binary(head, (size_t)n))
		return 0;
	rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
	                "redactfs: %s: %s since it was opened raw as binary; "
	                "returning EIO\n",
	                path ? path : "?", n < 0 ? "read error" : "no longer binary");
	return -EIO;
}

/* 0 when path still names the handle's file or nothing at all (deleted),
 * -EIO when it names another file or cannot be looked up. */
static int rfs_still_named(const char *path, const struct rfs_file *h)
{
	struct stat now;
	int res = path ? rfs_source_lstat(rfs_ctx_get()->rootfd, path, &now)
	               : -EINVAL;
	if (res == -ENOENT)
		return 0;
	if (res == 0 && now.st_dev == h->dev && now.st_ino == h->ino)
		return 0;
	if (res == 0)
		rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
		                "redactfs: %s: replaced in SOURCE since this handle was "
		                "opened; returning EIO\n", path);
	else
		rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
		                "redactfs: %s: cannot look the path up again (error %d); "
		                "returning EIO\n", path ? path : "?", -res);
	return -EIO;
}

/* The checks that keep a read from putting wrong bytes into the shared
 * page cache (see the header comment). */
static int rfs_read_checks(const char *path, const struct rfs_file *h,
                           const struct rfs_serve *sv)
{
	int res = rfs_still_named(path, h);
	if (res == 0 && sv->binary_raw)
		res = rfs_still_binary(path, h);
	return res;
}

int rfs_file_fstat(struct rfs_pol *pol, const char *path, const struct fuse_file_info *fi,
                   struct stat *st)
{
	struct rfs_file *h = rfs_file_of(fi);
	if (h == NULL)
		return -EBADF;
	/* The kernel asks this before every read(2) (auto_inval_data), also
	 * of cached pages: a handle whose path now names another file reads
	 * EIO there too, like its reads that reach rfs_read_buf. */
	int res = rfs_still_named(path, h);
	if (res < 0)
		return res;
	if (fstat(h->src->fd, st) < 0)
		return -errno;
	/* What a read under pol serves: decided again as a read would, with
	 * the engine (and the policy it points into) held while it is used. */
	struct rfs_serve sv;
	redact_tally *tally;
	rfs_serve_of(h, pol, path, fi, &sv, &tally, NULL);
	uint64_t size;
	/* (A decision that forbids reading leaves SOURCE's attributes: the
	 * read that follows fails with EIO, and is counted as such.) */
	if (sv.err == 0 && sv.engine) {
		res = rfs_engine_size(sv.engine, st, &size);
		if (res == 0)
			st->st_size = (off_t)size;
		else
			res = -EIO;
	}
	rfs_engine_unref(sv.engine);
	return res;
}

int rfs_open(const char *path, const char *shown, struct fuse_file_info *fi)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view;
	struct rfs_caller who;
	struct stat st = { 0 };

	if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC)) {
		rfs_stats_open(&ctx->stats, RFS_OPEN_DENIED);
		return -EROFS;
	}
	/* The handle first: the engine of its decision reads through its fd. */
	struct rfs_file *h = calloc(1, sizeof(*h));
	if (h == NULL || (h->path = strdup(path)) == NULL || (h->shown = strdup(shown)) == NULL) {
		if (h)
			free(h->path);
		free(h);
		rfs_stats_open(&ctx->stats, RFS_OPEN_FAILED);
		return -ENOMEM;
	}
	h->kind = RFS_KIND_FILE;
	pthread_mutex_init(&h->state_lock, NULL);
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	int res = rfs_gate(pol, path, &view);
	bool per_caller = res == 0 && view.mode == POLICY_MODE_REDACT &&
	                  policy_view_per_caller(&view);
	rfs_caller_get(&who, per_caller);
	h->who = who;
	if (res == 0 && (view.mode == POLICY_MODE_REDACT ||
	                 view.mode == POLICY_MODE_ALLOW)) {
		res = rfs_src_open(ctx->srcs, ctx->rootfd, path, &st, &h->src);
		if (res < 0) {
			/* SOURCE's error: the file is gone, a symlink or no
			 * regular file since the lookup, or SOURCE refused the
			 * daemon. Not an audited open (no mode applied); counted
			 * as failed. */
			rfs_pol_end(ctx);
			rfs_file_free(h);
			rfs_stats_open(&ctx->stats, RFS_OPEN_FAILED);
			return res;
		}
	}
	struct rfs_decision d;
	res = rfs_decide(pol, path, h->src, &who, &d);
	h->d = d;
	const char *action = res < 0 ? "denied" : d.opener.raw ? "raw" : "redacted";
	if (rfs_audit_record(pol->audit_fd, &who, path, shown, "open", d.mode, action, "{}") < 0 &&
	    res == 0)
		res = -EIO; /* an open the audit trail cannot record is refused */
	if (res < 0) {
		rfs_pol_end(ctx);
		rfs_stats_open(&ctx->stats, res == -EACCES || res == -ENOENT ? RFS_OPEN_DENIED
		                                                             : RFS_OPEN_FAILED);
		rfs_file_free(h);
		return res;
	}
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	h->direct_io = d.per_caller;
	h->pol = rfs_pol_ref(pol);
	/* Values are counted wherever this handle serves the engine's output:
	 * the opener's view, and for a per-caller file whose opener is
	 * unmasked, the masked view its page-cache fills (mmap) get. Only a
	 * redacted open has a close record. */
	bool engine_served = !d.opener.raw ||
	                     (d.per_caller && !d.masked.raw && d.masked.err == 0);
	if (engine_served) {
		if (redact_tally_new(&h->tally, (uint64_t)st.st_size) == 0)
			h->tally_pol = rfs_pol_ref(pol);
		else
			atomic_store(&ctx->stats.values_lost, true);
	}
	h->audited = pol->audit_fd >= 0 && h->tally != NULL && !d.opener.raw;
	/* Keep the kernel's cached pages only when they are this version
	 * under this policy (cache.c); a per-caller file never shares them.
	 * Decided and tracked under the policy lock: a reload either came
	 * before (another generation) or lists this handle afterwards and
	 * drops its path's pages (reload.c). */
	bool keep = false;
	rfs_version_of(&h->ver, &st, pol->gen);
	h->growing = rfs_changed_recently(&st);
	if (d.per_caller) {
		rfs_cache_forget(ctx->cache, path);
	} else {
		/* An audited redacted open counts what it reads: every read
		 * must reach rfs_read_buf, so it drops the pages too. */
		keep = rfs_cache_open(ctx->cache, path, &h->ver) && !h->audited && !h->growing;
		atomic_init(&h->confirm_pending, !keep);
	}
	h->listed.path = h->shown;
	h->listed.real = h->path;
	h->listed.src = h->src;
	h->listed.tally = h->tally;
	h->listed.catalog = h->tally ? policy_catalog(h->tally_pol->pol) : NULL;
	rfs_open_files_add(ctx, &h->listed);
	rfs_pol_end(ctx);
	rfs_stats_open(&ctx->stats, d.opener.raw ? RFS_OPEN_RAW : RFS_OPEN_REDACTED);
	fi->fh = (uint64_t)(uintptr_t)h;
	/* keep_cache 0: the kernel drops the file's cached pages before this
	 * open returns (pages of another content or another policy). */
	fi->keep_cache = keep;
	/* Pages are needed for mmap; but a per-caller file must not share
	 * them between callers, and a file being written must not be read
	 * from pages kept from before it grew: direct I/O (see the top of
	 * this file). */
	fi->direct_io = d.per_caller || h->growing;
	fi->noflush = 1;    /* nothing to flush */
	return 0;
}

static int rfs_read_serve(struct rfs_file *h, const struct rfs_serve *sv, redact_tally *tally,
                          const char *path, char *buf, size_t size, off_t off)
{
	struct stat st;
	size_t n = 0;
	int res = rfs_read_checks(path, h, sv);
	if (res < 0)
		return res;
	if (sv->raw) {
		ssize_t got = rfs_source_pread(h->src->fd, buf, size, (uint64_t)off);
		if (got < 0)
			return (int)got;
		/* again after: the file may have turned text while we read */
		if (sv->binary_raw && (res = rfs_still_binary(path, h)) < 0)
			return res;
		return (int)got;
	}
	/* The version is taken now: a file that grew or shrank since open is
	 * redacted as it is now, like the whole-file output would be. */
	if (fstat(h->src->fd, &st) < 0)
		return -errno;
	struct rfs_wspool *pool = &rfs_ctx_get()->wspool;
	redact_workspace *w = rfs_wspool_take(pool);
	res = rfs_engine_read(sv->engine, &st, (uint64_t)off, size, buf, &n, w, tally);
	rfs_wspool_give(pool, w);
	if (res < 0) {
		rfs_log_limited(&rfs_ctx_get()->read_errors, "read error", FUSE_LOG_ERR,
		                "redactfs: %s: redaction failed (error %d) at offset %lld, "
		                "%zu bytes; returning EIO\n",
		                path ? path : "?", -res, (long long)off, size);
		return -EIO;
	}
	if (n > size)
		return -EIO; /* cannot happen; never trust past the buffer */
	return (int)n;
}

int rfs_read_buf(const char *shown_path, struct fuse_bufvec **bufp, size_t size, off_t off,
                 struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct rfs_serve sv;
	redact_tally *tally;

	(void)shown_path; /* the handle knows its real path */
	if (h == NULL)
		return -EBADF;
	const char *path = h->path;
	if (off < 0)
		return -EINVAL;
	if (size > INT32_MAX)
		size = INT32_MAX; /* rfs_read_serve returns an int */
	/* A read comes only once the open has returned: the kernel has
	 * dropped the pages as this open asked (cache.c). */
	if (atomic_load(&h->confirm_pending) && atomic_exchange(&h->confirm_pending, false))
		rfs_cache_confirm(ctx->cache, h->path, &h->ver);
	struct fuse_bufvec *bv = malloc(sizeof(*bv));
	if (bv == NULL)
		return -ENOMEM;
	*bv = (struct fuse_bufvec)FUSE_BUFVEC_INIT(size);
	/* The whole decision under one policy; a reload waits for it to end
	 * before it drops the kernel's caches (reload.c). */
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	bool fill;
	rfs_serve_of(h, pol, path, fi, &sv, &tally, &fill);
	int res = sv.err;
	/* A page-cache fill of a per-caller file holds the masked view (its
	 * pages are every caller's). An unmasked caller reads raw with read(2),
	 * so its sendfile, splice or mmap must not give it other bytes: its
	 * fills fail (EIO) instead. */
	if (res == 0 && fill && rfs_caller_unmasked(pol, path))
		res = -EIO;
	if (res == 0 && sv.raw && !sv.binary_raw) {
		/* Bytes served as they are, after the same checks as below:
		 * libfuse moves them from the SOURCE fd to the kernel (splice,
		 * rfs_init) without a copy through us. A binary = allow handle
		 * is not: its file is looked at again after the read. */
		res = rfs_read_checks(path, h, &sv);
		bv->buf[0].flags = FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK | FUSE_BUF_FD_RETRY;
		bv->buf[0].fd = h->src->fd;
		bv->buf[0].pos = off;
	} else if (res == 0) {
		bv->buf[0].mem = malloc(size ? size : 1);
		res = bv->buf[0].mem ? rfs_read_serve(h, &sv, tally, path, bv->buf[0].mem, size, off)
		                     : -ENOMEM;
		if (res >= 0) {
			bv->buf[0].size = (size_t)res;
			res = 0;
		}
	}
	rfs_engine_unref(sv.engine);
	rfs_pol_end(ctx);
	if (res < 0) {
		if (res == -EIO)
			rfs_stats_read_failed(&ctx->stats);
		free(bv->buf[0].mem);
		free(bv);
		return res;
	}
	*bufp = bv;
	return 0;
}

bool rfs_changed_recently(const struct stat *st)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return true;
	/* a time in the future (another clock) counts as recent */
	return st->st_mtim.tv_sec >= now.tv_sec - RFS_RECENT_SEC;
}

/* The close record of a redacted file: values per detector in what was
 * read. Names only, never a value. */
static void rfs_audit_close(struct rfs_file *h)
{
	struct rfs_values v = { 0 };
	if (rfs_values_add_tally(&v, policy_catalog(h->tally_pol->pol), h->tally) == 0)
		(void)rfs_audit_close_record(h->tally_pol->audit_fd, &h->who, h->path, h->shown,
		                             h->d.mode, &v);
	rfs_values_free(&v);
}

int rfs_release(const char *path, struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	(void)path;
	if (h == NULL)
		return 0;
	if (h->audited)
		rfs_audit_close(h);
	rfs_open_files_remove(rfs_ctx_get(), &h->listed);
	rfs_file_free(h);
	fi->fh = 0;
	return 0;
}

/*
 * handle.c — open files: open decides once how a file is served, read
 * serves it, release closes it.
 *
 * Invariant (fail closed): a handle is either raw (mode allow, or a binary
 * file under binary = allow) or redacted; a redacted read returns exactly
 * the engine's bytes for the requested range of the file as it is now
 * (redact_range over the whole file's definition), and any error returns
 * EIO, never raw bytes. Nothing computed for a file's content is kept
 * between reads here, so a changed file is never served with old results;
 * whether an open may keep the kernel's cached pages of earlier reads is
 * cache.c's to say (keep_cache only for the same file version under the
 * same policy, never for per-caller views, never for an audited redacted
 * open, whose close record counts what was read). Every handle that
 * serves the engine's output (a redacted open, and an unmasked open of a
 * per-caller file, whose page-cache fills are masked) counts its values
 * per detector (redact_tally) for the status view (status.c); a release
 * merges them into the mount's totals while it holds the list lock. A
 * handle's decision changes only when the policy does (below), under its
 * state_lock, so reads may run in parallel. A raw handle's bytes go to the
 * kernel from the SOURCE fd (read_buf, spliced by libfuse) after the same
 * checks.
 *
 * Reload: a handle keeps a reference to the policy it was decided under.
 * A read under a newer policy (reads hold the policy read lock, polref.c)
 * first decides again for the handle's path and opener: what the new
 * policy gives is served from then on, and a path the new policy denies or
 * hides (or a binary file it denies) reads EIO. So no read after a reload
 * serves bytes the new policy forbids, whichever handle it comes through.
 *
 * Per-caller views: when unmask lists apply to a path (the view depends on
 * the caller), the opener's uid, gid and groups decide raw or redacted,
 * and every handle of the path is direct_io, so read(2)/pread(2) bypass
 * the page cache. The kernel still fills the page cache for a MAP_PRIVATE
 * mmap (MAP_SHARED fails with ENODEV): such fills carry no lock owner
 * (fi->lock_owner == 0, while a direct read always carries one), and are
 * served what a caller who is not unmasked gets. So the inode's pages
 * never hold raw bytes of a per-caller file: an unmasked caller reads raw
 * with read(2), and sees masks through mmap.
 *
 * Files being written: when a file grows while two readers read it, the
 * kernel can keep the last page it cached (the bytes before the file grew,
 * then zeros) although the file's size moved on: its invalidation fails
 * while another reader holds the page. An open of a file written to (its
 * mtime) in the last RFS_RECENT_SEC seconds is therefore direct_io: its reads always
 * reach the daemon and serve the file as it is (MAP_SHARED of it fails
 * with ENODEV, MAP_PRIVATE works).
 *
 * Shared page cache: the high-level FUSE API gives every open of one path
 * the same kernel inode, so what any handle's read returns lands in pages
 * that every handle of that path then reads (pread and mmap). Hence two
 * checks at every read, each failing with EIO rather than serving (the
 * second also at the GETATTR the kernel sends with the handle before each
 * read(2), so that pages it cached earlier are not read through it
 * either):
 *  - a handle raw only because its file was binary (binary = allow) looks
 *    at the file's first block again before and after reading: a file
 *    rewritten in place into text would otherwise put raw text into pages
 *    that redacted handles read;
 *  - a handle whose path now names another file (SOURCE replaced it by
 *    rename) would put the old file's bytes into pages that handles of the
 *    new file read. A path that names nothing (the file was deleted) is
 *    fine: no new handle can share the cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rfs_i.h"

/* How a file is served under one policy to one kind of caller. */
struct rfs_serve {
	int err;                /* 0, or the read's error (-EIO) */
	bool raw;               /* serve bytes as they are */
	bool binary_raw;        /* raw only because the file was binary */
	redact_profile profile; /* when !raw: what the engine runs */
	redact_tally *tally;    /* this read's counts go here, or NULL */
};

/* A handle's decision under one policy. */
struct rfs_decision {
	struct rfs_serve opener; /* what the opener gets */
	struct rfs_serve masked; /* what a caller not unmasked gets */
	bool per_caller;         /* the view depends on the caller */
	const char *mode;        /* for the audit: mode name or "binary-deny" */
};

struct rfs_file {
	enum rfs_kind kind;     /* RFS_KIND_FILE */
	struct rfs_file *prev, *next; /* in rfs_open_files, under its lock */
	int fd;                 /* the SOURCE file, O_RDONLY */
	dev_t dev;              /* the SOURCE file's identity, from open */
	ino_t ino;
	char *path;             /* mount path at open: invalidated after reload */
	struct rfs_caller who;  /* the opener */
	bool direct_io;         /* the view depends on the caller: direct I/O */
	bool growing;           /* changed just before the open: direct I/O too */
	/* The version this open saw (cache.c); confirm_pending: it answered
	 * keep_cache = 0 for a page-cached view, and its first read tells
	 * the cache table that the kernel's drop is done. */
	struct rfs_version ver;
	atomic_bool confirm_pending;
	/* The decision and the policy it was made under; changed only by a
	 * read under a newer policy, under state_lock. */
	pthread_mutex_t state_lock;
	struct rfs_pol *pol;    /* a reference */
	struct rfs_decision d;
	/* CSV/TSV only: parser checkpoints for the file version index_st
	 * describes (size, mtime, ctime); dropped when that changes or the
	 * policy does. Reads of such a file take index_lock for their whole
	 * redaction. */
	pthread_mutex_t index_lock;
	redact_index *index;
	struct stat index_st;
	/* Handles that serve the engine's output count its values (NULL
	 * otherwise; see rfs_open), for the status view and, for a redacted
	 * open with an audit log (audited), for the close record. Detector
	 * numbers are those of the policy the file was opened under
	 * (tally_pol): reads under a reloaded policy are not counted. */
	redact_tally *tally;
	struct rfs_pol *tally_pol;
	bool audited;
	/* replace/remove: output size per block for the file version
	 * sizes_st describes; under index_lock like the checkpoints. */
	redact_sizes *sizes;
	struct stat sizes_st;
};

struct rfs_open_files {
	pthread_mutex_t lock;
	struct rfs_file *head;
};

static void rfs_file_free(struct rfs_file *h)
{
	close(h->fd);
	redact_index_free(h->index);
	redact_sizes_free(h->sizes);
	redact_tally_free(h->tally);
	if (h->tally_pol)
		rfs_pol_unref(h->tally_pol);
	pthread_mutex_destroy(&h->index_lock);
	pthread_mutex_destroy(&h->state_lock);
	rfs_pol_unref(h->pol);
	free(h->who.groups);
	free(h->path);
	free(h);
}

struct rfs_open_files *rfs_open_files_new(void)
{
	struct rfs_open_files *list = calloc(1, sizeof(*list));
	if (list)
		pthread_mutex_init(&list->lock, NULL);
	return list;
}

void rfs_open_files_free(struct rfs_open_files *list)
{
	if (!list)
		return;
	while (list->head) {
		struct rfs_file *h = list->head;
		list->head = h->next;
		rfs_file_free(h);
	}
	pthread_mutex_destroy(&list->lock);
	free(list);
}

static void track(struct rfs_file *h)
{
	struct rfs_open_files *list = rfs_ctx_get()->open_files;
	pthread_mutex_lock(&list->lock);
	h->next = list->head;
	if (list->head)
		list->head->prev = h;
	list->head = h;
	pthread_mutex_unlock(&list->lock);
}

static void untrack(struct rfs_file *h)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct rfs_open_files *list = ctx->open_files;
	pthread_mutex_lock(&list->lock);
	if (h->prev)
		h->prev->next = h->next;
	else
		list->head = h->next;
	if (h->next)
		h->next->prev = h->prev;
	/* Its counts join the totals in the step that takes it off the list:
	 * rfs_open_files_values sees them once, open or closed. */
	if (h->tally)
		rfs_stats_merge(&ctx->stats, policy_catalog(h->tally_pol->pol), h->tally);
	pthread_mutex_unlock(&list->lock);
}

int rfs_open_files_values(struct rfs_ctx *ctx, struct rfs_values *out)
{
	struct rfs_open_files *list = ctx->open_files;
	pthread_mutex_lock(&list->lock);
	int res = rfs_stats_copy_values(&ctx->stats, out);
	for (struct rfs_file *h = list->head; h && res == 0; h = h->next)
		if (h->tally)
			res = rfs_values_add_tally(out, policy_catalog(h->tally_pol->pol), h->tally);
	pthread_mutex_unlock(&list->lock);
	return res;
}

int rfs_open_paths(struct rfs_ctx *ctx, char ***paths, size_t *n)
{
	struct rfs_open_files *list = ctx->open_files;
	size_t cap = 0, count = 0;
	char **out = NULL;
	int res = 0;
	pthread_mutex_lock(&list->lock);
	for (struct rfs_file *h = list->head; h; h = h->next) {
		if (count == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			char **grown = realloc(out, ncap * sizeof(*out));
			if (grown == NULL) {
				res = -ENOMEM;
				break;
			}
			out = grown;
			cap = ncap;
		}
		if ((out[count] = strdup(h->path)) == NULL) {
			res = -ENOMEM;
			break;
		}
		count++;
	}
	pthread_mutex_unlock(&list->lock);
	*paths = out;
	*n = count;
	return res;
}

static struct rfs_file *rfs_file_of(const struct fuse_file_info *fi)
{
	struct rfs_file *h = (struct rfs_file *)(uintptr_t)fi->fh;
	if (h == NULL || h->kind != RFS_KIND_FILE)
		return NULL;
	return h;
}

static bool same_version(const struct stat *a, const struct stat *b);
static int rfs_sizes_locked(struct rfs_file *h, const redact_profile *profile,
                            const struct stat *st);

static int rfs_still_named(const char *path, const struct rfs_file *h);

int rfs_file_fstat(const char *path, const struct fuse_file_info *fi, struct stat *st)
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
	if (fstat(h->fd, st) < 0)
		return -errno;
	/* What read serves: for replace/remove, the output's length. */
	pthread_mutex_lock(&h->state_lock);
	struct rfs_serve sv = h->d.opener;
	pthread_mutex_unlock(&h->state_lock);
	if (sv.err == 0 && !sv.raw && redact_profile_changes_length(&sv.profile)) {
		pthread_mutex_lock(&h->index_lock);
		res = rfs_sizes_locked(h, &sv.profile, st);
		if (res == 0)
			st->st_size = (off_t)redact_sizes_total(h->sizes);
		pthread_mutex_unlock(&h->index_lock);
		return res;
	}
	return 0;
}

/* Decides raw or redacted for a file the policy wants redacted, from its
 * first block. Returns 0 and sets *raw, or -errno. */
static int rfs_sniff(const char *path, int fd, const struct policy_view *view,
                     bool *raw)
{
	unsigned char head[REDACT_SNIFF_LEN];
	ssize_t n = rfs_source_pread(fd, head, sizeof(head), 0);
	if (n < 0) {
		fuse_log(FUSE_LOG_ERR, "redactfs: %s: read error %d\n", path,
		         (int)-n);
		return -EIO;
	}
	*raw = false;
	if (!redact_looks_binary(head, (size_t)n))
		return 0;
	switch (view->binary) {
	case POLICY_BINARY_ALLOW:
		*raw = true;
		return 0;
	case POLICY_BINARY_SCAN:
		return 0;
	case POLICY_BINARY_DENY:
	default:
		return -EACCES;
	}
}

/* What pol says path shows to who, for the SOURCE file fd. Returns 0 or
 * what an open gets: -ENOENT (hide), -EACCES (deny, binary deny), -EIO. */
static int rfs_decide(const struct rfs_pol *pol, const char *path, int fd,
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
	switch (view.mode) {
	case POLICY_MODE_ALLOW:
		d->masked.raw = true;
		d->opener = d->masked;
		return 0;
	case POLICY_MODE_REDACT:
		break;
	case POLICY_MODE_DENY:
	default:
		d->opener.err = d->masked.err = -EACCES;
		return -EACCES;
	}
	d->per_caller = policy_view_per_caller(&view);
	d->masked.profile = view.profile;
	res = rfs_sniff(path, fd, &view, &d->masked.raw);
	if (res == -EACCES)
		d->mode = "binary-deny";
	d->masked.err = res;
	d->masked.binary_raw = d->masked.raw;
	if (d->per_caller &&
	    policy_view_unmasked(&view, who->uid, who->gid, who->groups, who->ngroups))
		d->opener = (struct rfs_serve){ .raw = true, .profile = view.profile };
	else
		d->opener = d->masked;
	return d->opener.err;
}

/* The request's caller: uid, gid, pid, and (when with_groups) its
 * supplementary groups. On failure to read the groups, none: fewer rights,
 * never more. */
static void rfs_caller_get(struct rfs_caller *who, bool with_groups)
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

int rfs_open(const char *path, struct fuse_file_info *fi)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct rfs_decision d;
	struct policy_view view;
	struct rfs_caller who;
	struct stat st = { 0 };
	int fd = -1;

	if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC)) {
		rfs_stats_open(&ctx->stats, RFS_OPEN_DENIED);
		return -EROFS;
	}
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	int res = rfs_gate(pol, path, &view);
	bool per_caller = res == 0 && view.mode == POLICY_MODE_REDACT &&
	                  policy_view_per_caller(&view);
	rfs_caller_get(&who, per_caller);
	if (res == 0 && (view.mode == POLICY_MODE_REDACT ||
	                 view.mode == POLICY_MODE_ALLOW)) {
		fd = rfs_source_open_file(ctx->rootfd, path, &st);
		if (fd < 0) {
			/* SOURCE's error: the file is gone, a symlink or no
			 * regular file since the lookup, or SOURCE refused the
			 * daemon. Not an audited open (no mode applied); counted
			 * as failed. */
			rfs_pol_end(ctx);
			free(who.groups);
			rfs_stats_open(&ctx->stats, RFS_OPEN_FAILED);
			return fd;
		}
	}
	res = rfs_decide(pol, path, fd, &who, &d);
	const char *action = res < 0 ? "denied" : d.opener.raw ? "raw" : "redacted";
	if (rfs_audit_record(pol->audit_fd, &who, path, "open", d.mode, action, "{}") < 0 &&
	    res == 0)
		res = -EIO; /* an open the audit trail cannot record is refused */
	struct rfs_file *h = NULL;
	if (res == 0 && (h = calloc(1, sizeof(*h))) == NULL)
		res = -ENOMEM;
	if (res == 0 && (h->path = strdup(path)) == NULL)
		res = -ENOMEM;
	if (res < 0) {
		rfs_pol_end(ctx);
		rfs_stats_open(&ctx->stats, res == -EACCES || res == -ENOENT ? RFS_OPEN_DENIED
		                                                             : RFS_OPEN_FAILED);
		if (fd >= 0)
			close(fd);
		free(who.groups);
		if (h)
			free(h);
		return res;
	}
	h->kind = RFS_KIND_FILE;
	h->fd = fd;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	h->who = who;
	h->direct_io = d.per_caller;
	h->pol = rfs_pol_ref(pol);
	h->d = d;
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
	pthread_mutex_init(&h->state_lock, NULL);
	pthread_mutex_init(&h->index_lock, NULL);
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
	track(h);
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

/* What this read of h serves under pol (read-locked by the caller): the
 * handle decides again first when pol is newer than its decision. */
static void rfs_serve_of(struct rfs_file *h, struct rfs_pol *pol,
                         const char *path, const struct fuse_file_info *fi,
                         struct rfs_serve *sv)
{
	pthread_mutex_lock(&h->state_lock);
	if (h->pol != pol) {
		struct rfs_decision d = { .mode = "hide" };
		int res = path ? rfs_decide(pol, path, h->fd, &h->who, &d) : -EINVAL;
		if (res < 0) {
			fuse_log(FUSE_LOG_ERR, "redactfs: %s: the reloaded policy does "
			         "not let this open file be read (error %d); returning "
			         "EIO\n", path ? path : "?", -res);
			d.opener.err = d.masked.err = -EIO;
		}
		if (d.masked.err < 0)
			d.masked.err = -EIO;
		/* New profile: the CSV checkpoints and sizes may not fit it. */
		pthread_mutex_lock(&h->index_lock);
		redact_index_free(h->index);
		h->index = NULL;
		redact_sizes_free(h->sizes);
		h->sizes = NULL;
		pthread_mutex_unlock(&h->index_lock);
		rfs_pol_unref(h->pol);
		h->pol = rfs_pol_ref(pol);
		h->d = d;
	}
	/* A page-cache fill (no lock owner) or any read of a handle that is
	 * not direct_io gets the masked view of a per-caller file. */
	if (h->d.per_caller && (!h->direct_io || fi->lock_owner == 0))
		*sv = h->d.masked;
	else
		*sv = h->d.opener;
	sv->tally = h->tally_pol == pol ? h->tally : NULL;
	pthread_mutex_unlock(&h->state_lock);
}

static int rfs_read_columns(struct rfs_file *h, const redact_profile *profile,
                            redact_tally *tally, const struct stat *st, char *buf,
                            size_t size, off_t off, size_t *n);
static int rfs_read_sized(struct rfs_file *h, const redact_profile *profile,
                          const struct stat *st, char *buf, size_t size, off_t off, size_t *n);

/* The engine's reader: pread on the handle's fd. */
static ssize_t rfs_reader(void *arg, void *buf, size_t len, uint64_t off)
{
	const struct rfs_file *h = arg;
	return rfs_source_pread(h->fd, buf, len, off);
}

/* A length-keeping redacted range of h's file, with a workspace lent by the
 * mount's pool (wspool.c). */
static int rfs_range_tallied(const redact_profile *profile, redact_index *ix, redact_tally *tally,
                             struct rfs_file *h, const struct stat *st, char *buf,
                             size_t size, off_t off, size_t *n)
{
	struct rfs_wspool *pool = &rfs_ctx_get()->wspool;
	redact_workspace *w = rfs_wspool_take(pool);
	int res = redact_range_tallied_ws(profile, ix, tally, rfs_reader, h, (uint64_t)st->st_size,
	                                  (uint64_t)off, size, buf, n, w);
	rfs_wspool_give(pool, w);
	return res;
}


/* 0 when the file of a binary_raw handle still looks binary, else -EIO. */
static int rfs_still_binary(const char *path, const struct rfs_file *h)
{
	unsigned char head[REDACT_SNIFF_LEN];
	ssize_t n = rfs_source_pread(h->fd, head, sizeof(head), 0);
	if (n >= 0 && redact_looks_binary(head, (size_t)n))
		return 0;
	fuse_log(FUSE_LOG_ERR,
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
		fuse_log(FUSE_LOG_ERR,
		         "redactfs: %s: replaced in SOURCE since this handle was "
		         "opened; returning EIO\n", path);
	else
		fuse_log(FUSE_LOG_ERR,
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

static int rfs_read_serve(struct rfs_file *h, const struct rfs_serve *sv,
                          const char *path, char *buf, size_t size, off_t off)
{
	struct stat st;
	size_t n = 0;
	int res = rfs_read_checks(path, h, sv);
	if (res < 0)
		return res;
	if (sv->raw) {
		ssize_t got = rfs_source_pread(h->fd, buf, size, (uint64_t)off);
		if (got < 0)
			return (int)got;
		/* again after: the file may have turned text while we read */
		if (sv->binary_raw && (res = rfs_still_binary(path, h)) < 0)
			return res;
		return (int)got;
	}
	/* The size is taken now: a file that grew or shrank since open is
	 * redacted as it is now, like the whole-file output would be. */
	if (fstat(h->fd, &st) < 0)
		return -errno;
	if (redact_profile_changes_length(&sv->profile))
		res = rfs_read_sized(h, &sv->profile, &st, buf, size, off, &n);
	else if ((uint64_t)off >= (uint64_t)st.st_size)
		return 0;
	else if (sv->profile.format == REDACT_FORMAT_TEXT)
		res = rfs_range_tallied(&sv->profile, NULL, sv->tally, h, &st, buf, size, off, &n);
	else
		res = rfs_read_columns(h, &sv->profile, sv->tally, &st, buf, size, off, &n);
	if (res < 0) {
		fuse_log(FUSE_LOG_ERR,
		         "redactfs: %s: redaction failed (error %d) at offset %lld, "
		         "%zu bytes; returning EIO\n",
		         path ? path : "?", -res, (long long)off, size);
		return -EIO;
	}
	if (n > size)
		return -EIO; /* cannot happen; never trust past the buffer */
	return (int)n;
}

int rfs_read_buf(const char *path, struct fuse_bufvec **bufp, size_t size, off_t off,
                 struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct rfs_serve sv;

	if (h == NULL)
		return -EBADF;
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
	rfs_serve_of(h, pol, path, fi, &sv);
	int res = sv.err;
	if (res == 0 && sv.raw && !sv.binary_raw) {
		/* Bytes served as they are, after the same checks as below:
		 * libfuse moves them from the SOURCE fd to the kernel (splice,
		 * rfs_init) without a copy through us. A binary = allow handle
		 * is not: its file is looked at again after the read. */
		res = rfs_read_checks(path, h, &sv);
		bv->buf[0].flags = FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK | FUSE_BUF_FD_RETRY;
		bv->buf[0].fd = h->fd;
		bv->buf[0].pos = off;
	} else if (res == 0) {
		bv->buf[0].mem = malloc(size ? size : 1);
		res = bv->buf[0].mem ? rfs_read_serve(h, &sv, path, bv->buf[0].mem, size, off)
		                     : -ENOMEM;
		if (res >= 0) {
			bv->buf[0].size = (size_t)res;
			res = 0;
		}
	}
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

static bool same_version(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* A CSV/TSV read: the checkpoints kept for this version of the file make a
 * deep read parse at most a few blocks before its window. */
static int rfs_read_columns(struct rfs_file *h, const redact_profile *profile,
                            redact_tally *tally, const struct stat *st, char *buf,
                            size_t size, off_t off, size_t *n)
{
	pthread_mutex_lock(&h->index_lock);
	int res = 0;
	if (h->index && !same_version(&h->index_st, st)) {
		redact_index_free(h->index);
		h->index = NULL;
	}
	if (!h->index) {
		res = redact_index_new(&h->index);
		h->index_st = *st;
	}
	if (res == 0)
		res = rfs_range_tallied(profile, h->index, tally, h, st, buf, size, off, n);
	pthread_mutex_unlock(&h->index_lock);
	return res;
}

/* The close record of a redacted file: values per detector in what was
 * read. Names only, never a value. */
static void rfs_audit_close(struct rfs_file *h)
{
	struct rfs_values v = { 0 };
	if (rfs_values_add_tally(&v, policy_catalog(h->tally_pol->pol), h->tally) == 0)
		(void)rfs_audit_close_record(h->tally_pol->audit_fd, &h->who, h->path, h->d.mode, &v);
	rfs_values_free(&v);
}

/* The block sizes of h's file for its current version (index_lock held). */
static int rfs_sizes_locked(struct rfs_file *h, const redact_profile *profile,
                            const struct stat *st)
{
	if (h->sizes && same_version(&h->sizes_st, st))
		return 0;
	redact_sizes_free(h->sizes);
	h->sizes = NULL;
	h->sizes_st = *st;
	return redact_sizes_build(&h->sizes, profile, rfs_reader, h, (uint64_t)st->st_size);
}

/* A replace/remove read: offsets are the output's; the sizes (and, for
 * CSV/TSV, the checkpoints) are kept for the file's current version. */
static int rfs_read_sized(struct rfs_file *h, const redact_profile *profile,
                          const struct stat *st, char *buf, size_t size, off_t off, size_t *n)
{
	pthread_mutex_lock(&h->index_lock);
	int res = rfs_sizes_locked(h, profile, st);
	if (res == 0 && profile->format != REDACT_FORMAT_TEXT &&
	    (!h->index || !same_version(&h->index_st, st))) {
		redact_index_free(h->index);
		h->index = NULL;
		res = redact_index_new(&h->index);
		h->index_st = *st;
	}
	if (res == 0) {
		struct rfs_wspool *pool = &rfs_ctx_get()->wspool;
		redact_workspace *w = rfs_wspool_take(pool);
		res = redact_range_sized_ws(profile,
		                            profile->format != REDACT_FORMAT_TEXT ? h->index : NULL,
		                            h->sizes, rfs_reader, h, (uint64_t)st->st_size,
		                            (uint64_t)off, size, buf, n, w);
		rfs_wspool_give(pool, w);
	}
	pthread_mutex_unlock(&h->index_lock);
	return res;
}

/* Output sizes getattr computed, per (policy, path, file version), so a
 * stat of an unchanged file does not pass over it again. Each entry holds
 * a reference to its policy, so a policy's address is never reused while
 * an entry names it; after a reload old entries just stop matching and age
 * out round robin. */
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

int rfs_output_size(struct rfs_pol *pol, const char *path, const struct policy_view *view,
                    struct stat *st)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	if (!S_ISREG(st->st_mode))
		return 0;
	struct stat fst;
	int fd = rfs_source_open_file(ctx->rootfd, path, &fst);
	if (fd < 0)
		return 0; /* not served: its size is SOURCE's */
	struct rfs_caller who;
	struct rfs_decision d;
	rfs_caller_get(&who, policy_view_per_caller(view));
	int res = rfs_decide(pol, path, fd, &who, &d);
	uint64_t out;
	if (res == 0 && !d.opener.raw && redact_profile_changes_length(&d.opener.profile)) {
		if (memo_get(ctx->size_memo, pol, path, &fst, &out)) {
			st->st_size = (off_t)out;
		} else {
			/* A full pass over the file: see the README (Caveats). */
			struct rfs_file tmp = { .fd = fd };
			redact_sizes *z;
			res = redact_sizes_build(&z, &d.opener.profile, rfs_reader, &tmp,
			                         (uint64_t)fst.st_size);
			if (res == 0) {
				st->st_size = (off_t)redact_sizes_total(z);
				memo_put(ctx->size_memo, pol, path, &fst, redact_sizes_total(z));
				redact_sizes_free(z);
			}
		}
	} else {
		res = 0; /* raw, denied or binary: SOURCE's size */
	}
	close(fd);
	free(who.groups);
	return res < 0 ? -EIO : 0;
}

int rfs_release(const char *path, struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	(void)path;
	if (h == NULL)
		return 0;
	if (h->audited)
		rfs_audit_close(h);
	untrack(h);
	rfs_file_free(h);
	fi->fh = 0;
	return 0;
}

/*
 * handle.c — open files: open decides once how a file is served, read
 * serves it, release closes it.
 *
 * Invariant (fail closed): a handle is either raw (mode allow, or a binary
 * file under binary = allow) or redacted; a redacted read returns exactly
 * the engine's bytes for the requested range of the file as it is now
 * (redact_range over the whole file's definition), and any error returns
 * EIO, never raw bytes. Nothing computed for a file's content is kept
 * between reads, so a changed file is never served with old results. A
 * handle is immutable after open, so reads may run in parallel.
 *
 * Shared page cache: the high-level FUSE API gives every open of one path
 * the same kernel inode, so what any handle's read returns lands in pages
 * that every handle of that path then reads (pread and mmap). Hence two
 * checks at every read, each failing with EIO rather than serving:
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
#include <unistd.h>

#include "rfs_i.h"

struct rfs_file {
	enum rfs_kind kind;     /* RFS_KIND_FILE */
	struct rfs_file *prev, *next; /* in rfs_open_files, under its lock */
	int fd;                 /* the SOURCE file, O_RDONLY */
	bool raw;               /* serve bytes as they are */
	bool binary_raw;        /* raw only because the file was binary */
	dev_t dev;              /* the SOURCE file's identity, from open */
	ino_t ino;
	redact_profile profile; /* when !raw: what the engine runs */
	/* CSV/TSV only: parser checkpoints for the file version index_st
	 * describes (size, mtime, ctime); dropped when that changes. Reads of
	 * such a file take index_lock for their whole redaction. */
	pthread_mutex_t index_lock;
	redact_index *index;
	struct stat index_st;
};

struct rfs_open_files {
	pthread_mutex_t lock;
	struct rfs_file *head;
};

static void rfs_file_free(struct rfs_file *h)
{
	close(h->fd);
	redact_index_free(h->index);
	pthread_mutex_destroy(&h->index_lock);
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
	struct rfs_open_files *list = rfs_ctx_get()->open_files;
	pthread_mutex_lock(&list->lock);
	if (h->prev)
		h->prev->next = h->next;
	else
		list->head = h->next;
	if (h->next)
		h->next->prev = h->prev;
	pthread_mutex_unlock(&list->lock);
}

static struct rfs_file *rfs_file_of(const struct fuse_file_info *fi)
{
	struct rfs_file *h = (struct rfs_file *)(uintptr_t)fi->fh;
	if (h == NULL || h->kind != RFS_KIND_FILE)
		return NULL;
	return h;
}

int rfs_file_fstat(const struct fuse_file_info *fi, struct stat *st)
{
	const struct rfs_file *h = rfs_file_of(fi);
	if (h == NULL)
		return -EBADF;
	return fstat(h->fd, st) < 0 ? -errno : 0;
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

int rfs_open(const char *path, struct fuse_file_info *fi)
{
	struct policy_view view;
	struct stat st;
	bool raw, binary_raw = false;
	int res = rfs_gate(path, &view);
	if (res < 0)
		return res;
	if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC))
		return -EROFS;
	switch (view.mode) {
	case POLICY_MODE_REDACT:
		raw = false;
		break;
	case POLICY_MODE_ALLOW:
		raw = true;
		break;
	case POLICY_MODE_DENY:
	default:
		return -EACCES;
	}

	int fd = rfs_source_open_file(rfs_ctx_get()->rootfd, path, &st);
	if (fd < 0)
		return fd;
	if (!raw) {
		if ((res = rfs_sniff(path, fd, &view, &raw)) < 0) {
			close(fd);
			return res;
		}
		binary_raw = raw;
	}
	struct rfs_file *h = malloc(sizeof(*h));
	if (h == NULL) {
		close(fd);
		return -ENOMEM;
	}
	*h = (struct rfs_file){
		.kind = RFS_KIND_FILE,
		.fd = fd,
		.raw = raw,
		.binary_raw = binary_raw,
		.dev = st.st_dev,
		.ino = st.st_ino,
		.profile = view.profile,
	};
	pthread_mutex_init(&h->index_lock, NULL);
	track(h);
	fi->fh = (uint64_t)(uintptr_t)h;
	fi->keep_cache = 0; /* drop pages cached from an older content */
	fi->direct_io = 0;  /* pages are needed for mmap */
	fi->noflush = 1;    /* nothing to flush */
	return 0;
}

static int rfs_read_columns(struct rfs_file *h, const struct stat *st, char *buf, size_t size,
                            off_t off, size_t *n);

/* The engine's reader: pread on the handle's fd. */
static ssize_t rfs_reader(void *arg, void *buf, size_t len, uint64_t off)
{
	const struct rfs_file *h = arg;
	return rfs_source_pread(h->fd, buf, len, off);
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
static int rfs_read_checks(const char *path, const struct rfs_file *h)
{
	int res = rfs_still_named(path, h);
	if (res == 0 && h->binary_raw)
		res = rfs_still_binary(path, h);
	return res;
}

int rfs_read(const char *path, char *buf, size_t size, off_t off,
             struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	struct stat st;
	size_t n = 0;

	if (h == NULL)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if (size > INT32_MAX)
		size = INT32_MAX; /* the return value is an int */
	int res = rfs_read_checks(path, h);
	if (res < 0)
		return res;
	if (h->raw) {
		ssize_t got = rfs_source_pread(h->fd, buf, size, (uint64_t)off);
		if (got < 0)
			return (int)got;
		/* again after: the file may have turned text while we read */
		if (h->binary_raw && (res = rfs_still_binary(path, h)) < 0)
			return res;
		return (int)got;
	}
	/* The size is taken now: a file that grew or shrank since open is
	 * redacted as it is now, like the whole-file output would be. */
	if (fstat(h->fd, &st) < 0)
		return -errno;
	if ((uint64_t)off >= (uint64_t)st.st_size)
		return 0;
	if (h->profile.format == REDACT_FORMAT_TEXT)
		res = redact_range(&h->profile, rfs_reader, h, (uint64_t)st.st_size,
		                   (uint64_t)off, size, buf, &n);
	else
		res = rfs_read_columns(h, &st, buf, size, off, &n);
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

static bool same_version(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* A CSV/TSV read: the checkpoints kept for this version of the file make a
 * deep read parse at most a few blocks before its window. */
static int rfs_read_columns(struct rfs_file *h, const struct stat *st, char *buf, size_t size,
                            off_t off, size_t *n)
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
		res = redact_range_indexed(&h->profile, h->index, rfs_reader, h,
		                           (uint64_t)st->st_size, (uint64_t)off, size, buf, n);
	pthread_mutex_unlock(&h->index_lock);
	return res;
}

int rfs_release(const char *path, struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	(void)path;
	if (h == NULL)
		return 0;
	untrack(h);
	rfs_file_free(h);
	fi->fh = 0;
	return 0;
}

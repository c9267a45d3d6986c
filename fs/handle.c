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
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "rfs_i.h"

struct rfs_file {
	enum rfs_kind kind;     /* RFS_KIND_FILE */
	int fd;                 /* the SOURCE file, O_RDONLY */
	bool raw;               /* serve bytes as they are */
	redact_profile profile; /* when !raw: what the engine runs */
};

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
	bool raw;
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
	if (!raw && (res = rfs_sniff(path, fd, &view, &raw)) < 0) {
		close(fd);
		return res;
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
		.profile = view.profile,
	};
	fi->fh = (uint64_t)(uintptr_t)h;
	fi->keep_cache = 0; /* drop pages cached from an older content */
	fi->direct_io = 0;  /* pages are needed for mmap */
	fi->noflush = 1;    /* nothing to flush */
	return 0;
}

/* The engine's reader: pread on the handle's fd. */
static ssize_t rfs_reader(void *arg, void *buf, size_t len, uint64_t off)
{
	const struct rfs_file *h = arg;
	return rfs_source_pread(h->fd, buf, len, off);
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
	if (h->raw) {
		ssize_t got = rfs_source_pread(h->fd, buf, size, (uint64_t)off);
		return (int)got; /* a count or -errno */
	}
	/* The size is taken now: a file that grew or shrank since open is
	 * redacted as it is now, like the whole-file output would be. */
	if (fstat(h->fd, &st) < 0)
		return -errno;
	if ((uint64_t)off >= (uint64_t)st.st_size)
		return 0;
	int res = redact_range(&h->profile, rfs_reader, h, (uint64_t)st.st_size,
	                       (uint64_t)off, size, buf, &n);
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

int rfs_release(const char *path, struct fuse_file_info *fi)
{
	struct rfs_file *h = rfs_file_of(fi);
	(void)path;
	if (h == NULL)
		return 0;
	close(h->fd);
	free(h);
	fi->fh = 0;
	return 0;
}

/*
 * dir.c — directory listings.
 *
 * Invariant: a listing shows SOURCE's entries minus every entry whose path
 * the policy hides, so a hidden name never appears; a hidden or denied
 * directory cannot be listed at all (ENOENT, EACCES). Entries are passed to
 * libfuse in "offset 0" mode (the whole listing at once; libfuse keeps it
 * per handle and serves the kernel's offsets from it), so no seek cookie of
 * SOURCE is exposed. A handle is used by one thread at a time: libfuse locks
 * a directory handle around readdir.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rfs_i.h"

struct rfs_dir {
	enum rfs_kind kind; /* RFS_KIND_DIR */
	DIR *dp;
};

static struct rfs_dir *rfs_dir_of(const struct fuse_file_info *fi)
{
	struct rfs_dir *d = (struct rfs_dir *)(uintptr_t)fi->fh;
	if (d == NULL || d->kind != RFS_KIND_DIR)
		return NULL;
	return d;
}

int rfs_opendir(const char *path, struct fuse_file_info *fi)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	if (mode == POLICY_MODE_DENY)
		return -EACCES;

	int fd = rfs_source_open_dir(rfs_ctx_get()->rootfd, path);
	if (fd < 0)
		return fd;
	struct rfs_dir *d = malloc(sizeof(*d));
	if (d == NULL) {
		close(fd);
		return -ENOMEM;
	}
	d->kind = RFS_KIND_DIR;
	d->dp = fdopendir(fd);
	if (d->dp == NULL) {
		res = -errno;
		close(fd);
		free(d);
		return res;
	}
	fi->fh = (uint64_t)(uintptr_t)d;
	return 0;
}

/* Writes "DIR/NAME" (or "/NAME" under the root) into buf of size len.
 * Returns 0, or -ENAMETOOLONG. */
static int rfs_child_path(char *buf, size_t len, const char *dir,
                          const char *name)
{
	const char *sep = (dir[0] == '/' && dir[1] == '\0') ? "" : "/";
	int n = snprintf(buf, len, "%s%s%s", dir, sep, name);
	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

int rfs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	struct rfs_dir *d = rfs_dir_of(fi);
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view;
	(void)off;
	(void)flags;
	/* One policy for the directory and all its entries. */
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	int res = rfs_gate(pol, path, &view);
	if (res == 0 && d == NULL)
		res = -EBADF;
	if (res < 0) {
		rfs_pol_end(ctx);
		return res;
	}

	size_t len = strlen(path) + 2 + 256; /* "/" + NAME_MAX + NUL */
	char *child = malloc(len);
	if (child == NULL) {
		rfs_pol_end(ctx);
		return -ENOMEM;
	}
	/* libfuse asks again from offset 0 after rewinddir(3): start over. */
	rewinddir(d->dp);
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d->dp);
		if (de == NULL) {
			res = errno ? -errno : 0;
			break;
		}
		bool dots = strcmp(de->d_name, ".") == 0 ||
		            strcmp(de->d_name, "..") == 0;
		if (!dots) {
			struct policy_view cv;
			if (rfs_child_path(child, len, path, de->d_name) < 0)
				continue; /* cannot be looked up either */
			policy_resolve(pol->pol, child, &cv);
			if (cv.mode == POLICY_MODE_HIDE)
				continue;
		}
		struct stat st = {
			.st_ino = de->d_ino,
			.st_mode = DTTOIF(de->d_type),
		};
		if (filler(buf, de->d_name, &st, 0, 0) != 0) {
			res = -ENOMEM;
			break;
		}
	}
	free(child);
	rfs_pol_end(ctx);
	return res;
}

int rfs_releasedir(const char *path, struct fuse_file_info *fi)
{
	struct rfs_dir *d = rfs_dir_of(fi);
	(void)path;
	if (d == NULL)
		return 0;
	closedir(d->dp);
	free(d);
	fi->fh = 0;
	return 0;
}

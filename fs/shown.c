/*
 * shown.c — the operations as the consumer names things: each takes the
 * path the kernel gives (shown names, names.c), finds the real path, and
 * hands it to the module that serves the operation (attr.c, handle.c,
 * dir.c). readlink's target is shown too.
 *
 * Invariant: no module behind these sees a shown path, and no path that
 * does not translate reaches SOURCE: a real name that shows otherwise is
 * -ENOENT here, as for a name that does not exist.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "ctx.h"
#include "dir.h"
#include "gate.h"
#include "handle.h"
#include "names.h"
#include "openfiles.h"
#include "polref.h"
#include "shown.h"
#include "stats.h"

/* The real path of shown under the policy in force. */
static int real_of(const char *shown, char *real)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	int res = rfs_names_real_path(ctx, rfs_pol_begin(ctx), shown, real, PATH_MAX);
	rfs_pol_end(ctx);
	return res;
}

int rfs_shown_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	/* An open file answers by its handle (the getattr before each read
	 * with attr_timeout 0), also once its name is gone: no translation. */
	const char *held = rfs_file_real_path(fi);
	if (held)
		return rfs_getattr(held, st, fi);
	char real[PATH_MAX];
	int res = real_of(path, real);
	/* A name deleted from SOURCE while a file of it is open here: fstat(2)
	 * comes without the handle, and answers as its reads do. */
	if (res == -ENOENT)
		res = rfs_open_files_real(rfs_ctx_get(), path, real, sizeof(real));
	return res < 0 ? res : rfs_getattr(real, st, fi);
}

int rfs_shown_readlink(const char *path, char *buf, size_t size)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	if (res < 0)
		return res;
	char *target = malloc(size ? size : 1);
	if (!target)
		return -ENOMEM;
	res = rfs_readlink(real, target, size);
	if (res == 0) {
		struct rfs_ctx *ctx = rfs_ctx_get();
		res = rfs_names_link_target(ctx, rfs_pol_begin(ctx), real, target, buf, size);
		rfs_pol_end(ctx);
	}
	free(target);
	return res;
}

int rfs_shown_access(const char *path, int mode)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_access(real, mode);
}

int rfs_shown_statfs(const char *path, struct statvfs *sv)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_statfs(real, sv);
}

int rfs_shown_getxattr(const char *path, const char *name, char *value, size_t size)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_getxattr(real, name, value, size);
}

int rfs_shown_listxattr(const char *path, char *list, size_t size)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_listxattr(real, list, size);
}

int rfs_shown_open(const char *path, struct fuse_file_info *fi)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	if (res < 0) /* the kernel found it a moment ago: gone from SOURCE since */
		rfs_stats_open(&rfs_ctx_get()->stats, RFS_OPEN_FAILED);
	return res < 0 ? res : rfs_open(real, path, fi);
}

int rfs_shown_opendir(const char *path, struct fuse_file_info *fi)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_opendir(real, fi);
}

int rfs_shown_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	char real[PATH_MAX];
	int res = real_of(path, real);
	return res < 0 ? res : rfs_readdir(real, buf, filler, off, fi, flags);
}

int rfs_shown_refuse(const char *path)
{
	/* The parent must translate; the last name may be new (mkdir). A
	 * name the parent's map lacks is judged as the real path it would
	 * be: hidden there is -ENOENT, as before names were shown. */
	char real[PATH_MAX];
	int res = real_of(path, real);
	if (res == -ENOENT) {
		const char *slash = strrchr(path, '/');
		size_t n = (size_t)(slash - path);
		char parent[PATH_MAX];
		if (n >= sizeof parent)
			return -ENAMETOOLONG;
		memcpy(parent, path, n ? n : 1);
		parent[n ? n : 1] = '\0';
		if ((res = real_of(parent, real)) < 0)
			return res;
		size_t rl = strlen(real);
		if (rl + strlen(slash) + 1 > sizeof real)
			return -ENAMETOOLONG;
		strcpy(real + (rl == 1 ? 0 : rl), slash);
	} else if (res < 0) {
		return res;
	}
	enum policy_mode mode;
	res = rfs_gate_mode(real, &mode);
	return res < 0 ? res : -EROFS;
}

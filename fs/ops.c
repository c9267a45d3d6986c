/*
 * ops.c — the FUSE operations table of redactfs, its one chokepoint
 * (rfs_gate), and the metadata operations: getattr, readlink, access,
 * statfs, xattrs (and the root's control attributes), init.
 *
 * Invariant: every operation first asks rfs_gate() what the policy says
 * about its path, so a hidden path is ENOENT for every operation, whatever
 * the operation. Metadata is SOURCE's, unchanged (redaction keeps lengths,
 * so st_size is also the size of what read returns). Names, symlink targets
 * and metadata are not redacted; xattrs are not shown at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "rfs_i.h"

struct rfs_ctx *rfs_ctx_get(void)
{
	return fuse_get_context()->private_data;
}

int rfs_gate(const struct rfs_pol *pol, const char *path,
             struct policy_view *view)
{
	if (path == NULL || path[0] != '/')
		return -EINVAL;
	policy_resolve(pol->pol, path, view);
	if (view->mode != POLICY_MODE_HIDE)
		return 0;
	/* The root is the mount itself: it cannot vanish ("default = hide"
	 * hides what is in it, each entry resolved on its own). */
	if (path[1] == '\0') {
		view->mode = POLICY_MODE_ALLOW;
		return 0;
	}
	return -ENOENT;
}

int rfs_gate_mode(const char *path, enum policy_mode *mode)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view = { .mode = POLICY_MODE_HIDE };
	int res = rfs_gate(rfs_pol_begin(ctx), path, &view);
	rfs_pol_end(ctx);
	*mode = view.mode;
	return res;
}

static int rfs_getattr(const char *path, struct stat *st,
                       struct fuse_file_info *fi)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view;
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	int res = rfs_gate(pol, path, &view);
	/* An open file answers for itself (what read serves), even when
	 * SOURCE's name now points to another file. */
	if (res == 0 && (fi == NULL || rfs_file_fstat(fi, st) < 0)) {
		res = rfs_source_lstat(ctx->rootfd, path, st);
		/* replace/remove: st_size is the output's length. */
		if (res == 0 && view.mode == POLICY_MODE_REDACT &&
		    redact_profile_changes_length(&view.profile))
			res = rfs_output_size(pol, path, &view, st);
	}
	rfs_pol_end(ctx);
	return res;
}

/* Symlinks are mirrored as they are: the target is returned unredacted and
 * is followed by the kernel, never by the daemon. */
static int rfs_readlink(const char *path, char *buf, size_t size)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	return rfs_source_readlink(rfs_ctx_get()->rootfd, path, buf, size);
}

/* access(2) without default_permissions: existence, read-only, deny (a
 * denied path is not readable: open would fail with EACCES) and whether
 * any execute bit is set. Owner and group are the kernel's business
 * (default_permissions). */
static int rfs_access(const char *path, int mode)
{
	enum policy_mode pmode;
	struct stat st;
	int res = rfs_gate_mode(path, &pmode);
	if (res < 0)
		return res;
	res = rfs_source_lstat(rfs_ctx_get()->rootfd, path, &st);
	if (res < 0)
		return res;
	if (mode & W_OK)
		return -EROFS;
	if ((mode & R_OK) && pmode == POLICY_MODE_DENY)
		return -EACCES;
	if ((mode & X_OK) && !(st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return -EACCES;
	return 0;
}

static int rfs_statfs(const char *path, struct statvfs *sv)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	if (fstatvfs(rfs_ctx_get()->rootfd, sv) < 0)
		return -errno;
	return 0;
}

/* Extended attributes of SOURCE are not served (their values are not
 * redacted): every file has none. The mount root answers its control
 * attributes (reload.c: the daemon's pid, the last reload's outcome) by
 * name; they are not listed. */
static int rfs_getxattr(const char *path, const char *name, char *value,
                        size_t size)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	if (path[1] == '\0')
		return rfs_control_xattr(rfs_ctx_get(), name, value, size);
	return -ENODATA;
}

static int rfs_listxattr(const char *path, char *list, size_t size)
{
	enum policy_mode mode;
	(void)list;
	(void)size;
	return rfs_gate_mode(path, &mode);
}

/* Nothing is ever written, so there is nothing to sync. */
static int rfs_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)path;
	(void)datasync;
	(void)fi;
	return 0;
}

static void *rfs_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	/* Never hand the kernel a file descriptor or pipe of SOURCE bytes:
	 * every byte read goes through rfs_read. */
	conn->want &= ~(FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_MOVE |
	                FUSE_CAP_SPLICE_WRITE);

	cfg->use_ino = 1;      /* st_ino and d_ino mirror SOURCE */
	cfg->nullpath_ok = 0;  /* every operation gets its path: policy needs it */
	cfg->direct_io = 0;    /* the page cache is needed for mmap; files whose
	                        * view depends on the caller get direct_io per
	                        * handle (handle.c) */
	/* Caching, chosen so that a changed SOURCE file shows at the next open
	 * (the kernel keeps no stale data or size across opens):
	 *  - kernel_cache/auto_cache off, and rfs_open never sets keep_cache:
	 *    each open drops the file's cached pages, so no page computed from
	 *    old content is served after the file changed; and a handle still
	 *    open on a replaced file may not refill them (rfs_read: EIO);
	 *  - attr_timeout 0: every stat, and every read that reaches past the
	 *    cached size, asks us again, so the new size is seen at once;
	 *  - entry_timeout 1 s: a cached name only maps to a path, and open
	 *    and getattr re-resolve that path in SOURCE every time; a
	 *    removed file is ENOENT at its next getattr;
	 *  - negative_timeout 0: a file added to SOURCE shows at once. */
	cfg->kernel_cache = 0;
	cfg->auto_cache = 0;
	cfg->attr_timeout = 0.0;
	cfg->entry_timeout = 1.0;
	cfg->negative_timeout = 0.0;
	return fuse_get_context()->private_data;
}

/* Not implemented on purpose: read_buf (would allow splice of SOURCE
 * bytes), write_buf, lseek, ioctl, poll, bmap, lock, flock (the kernel
 * handles locks locally). */
const struct fuse_operations rfs_ops = {
	.init = rfs_init,
	.getattr = rfs_getattr,
	.readlink = rfs_readlink,
	.access = rfs_access,
	.statfs = rfs_statfs,
	.getxattr = rfs_getxattr,
	.listxattr = rfs_listxattr,
	.fsync = rfs_fsync,

	.open = rfs_open,
	.read = rfs_read,
	.release = rfs_release,

	.opendir = rfs_opendir,
	.readdir = rfs_readdir,
	.releasedir = rfs_releasedir,

	.mknod = rfs_refuse_mknod,
	.mkdir = rfs_refuse_mkdir,
	.unlink = rfs_refuse_unlink,
	.rmdir = rfs_refuse_rmdir,
	.symlink = rfs_refuse_symlink,
	.rename = rfs_refuse_rename,
	.link = rfs_refuse_link,
	.chmod = rfs_refuse_chmod,
	.chown = rfs_refuse_chown,
	.truncate = rfs_refuse_truncate,
	.write = rfs_refuse_write,
	.setxattr = rfs_refuse_setxattr,
	.removexattr = rfs_refuse_removexattr,
	.create = rfs_refuse_create,
	.utimens = rfs_refuse_utimens,
	.fallocate = rfs_refuse_fallocate,
	.copy_file_range = rfs_refuse_copy_file_range,
};

/*
 * ops.c — the FUSE operations table of redactfs, its one chokepoint
 * (rfs_gate), and the metadata operations: getattr, readlink, access,
 * statfs, xattrs (and the root's control attributes), init.
 *
 * Invariant: every operation first asks rfs_gate() what the policy says
 * about its path, so a hidden path is ENOENT for every operation, whatever
 * the operation. Metadata is SOURCE's, unchanged (redaction keeps lengths,
 * so st_size is also the size of what read returns; replace/remove files
 * get their output's length), except st_blksize of regular files, the
 * mount's preferred read size (rfs_attr_fixup). Names, symlink targets and
 * metadata are not redacted; xattrs are not shown at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "handle.h"
#include "sizememo.h"
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

/* A FUSE read is at most 1 MiB (libfuse asks the kernel for 256 pages),
 * and with attr_timeout 0 each read(2) costs a GETATTR round trip first
 * (auto_inval_data, see rfs_init): tools that size their reads by
 * st_blksize (cat, cp, Python's buffered files) then make one round trip
 * pair per MiB instead of per 4 KiB-128 KiB. */
#define RFS_IO_SIZE (1 << 20)

void rfs_attr_fixup(struct stat *st)
{
	if (S_ISREG(st->st_mode))
		st->st_blksize = RFS_IO_SIZE;
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
	/* An open file answers for itself (what read serves); EIO when
	 * SOURCE's name now points to another file (handle.c). */
	bool by_path = res == 0 && fi == NULL;
	if (res == 0 && fi != NULL) {
		res = rfs_file_fstat(pol, path, fi, st);
		by_path = res == -EBADF; /* fi is no file handle */
	}
	if (by_path) {
		res = rfs_source_lstat(ctx->rootfd, path, st);
		/* replace/remove: st_size is the output's length. */
		if (res == 0 && rfs_size_needs_engine(&view))
			res = rfs_output_size(pol, path, &view, st);
	}
	rfs_pol_end(ctx);
	if (res == 0)
		rfs_attr_fixup(st);
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
 * attributes (reload.c: the daemon's pid, the last reload's outcome, the
 * status view of status.c) by name; they are not listed, so copies of the
 * root (cp -a, rsync -X) and Samba's extended attributes never carry
 * them, and `getfattr -d` shows none. */
static int rfs_getxattr(const char *path, const char *name, char *value,
                        size_t size)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	/* Our own namespace: the root's control attributes, ENODATA
	 * elsewhere. Any other name: ENOTSUP, this filesystem serves no
	 * extended attributes. Tools remember that per filesystem (ls -l
	 * stops asking for SELinux labels and ACLs), where ENODATA makes them
	 * ask again for every file, a round trip each. */
	if (strncmp(name, RFS_XATTR_PREFIX, strlen(RFS_XATTR_PREFIX)) != 0)
		return -ENOTSUP;
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
	/* Replies may be spliced to the kernel: rfs_read_buf hands libfuse
	 * the SOURCE fd only for a raw handle, after every check a copy gets
	 * (handle.c); all other replies are our own buffers. Requests are
	 * never spliced in, pages never moved. */
	conn->want &= ~(FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_MOVE);
	conn->want |= conn->capable & FUSE_CAP_SPLICE_WRITE;

	cfg->use_ino = 1;      /* st_ino and d_ino mirror SOURCE */
	cfg->nullpath_ok = 0;  /* every operation gets its path: policy needs it */
	cfg->direct_io = 0;    /* the page cache is needed for mmap; files whose
	                        * view depends on the caller get direct_io per
	                        * handle (handle.c) */
	/* Caching, chosen so that a changed SOURCE file or a reloaded policy
	 * shows at the next open, and nothing cached is served that the file
	 * and the policy of now would not give:
	 *  - pages: kernel_cache/auto_cache off; rfs_open answers keep_cache 1
	 *    only when the kernel's pages of the path are this version of the
	 *    file under this policy (cache.c), else the kernel drops them at
	 *    the open. A reload drops the pages of open files (reload.c); a
	 *    handle still open on a replaced file may not refill them
	 *    (rfs_read_buf: EIO);
	 *  - attr_timeout 0, and auto_inval_data (libfuse's default) kept:
	 *    every stat, and every read(2) even of cached pages, asks getattr
	 *    again, so a new size shows at once and a changed mtime or size
	 *    drops the pages, also for a handle held open; and a handle open
	 *    on a file replaced by rename gets EIO there (handle.c) instead of
	 *    reading the new file's pages. A timeout > 0 would show the old
	 *    size of a changed file, or of a replace/remove file after a
	 *    reload, for that long, let the kernel cut reads of a grown file
	 *    at the old size, and share one caller's size of a per-caller
	 *    replace/remove file with others. The cost, a GETATTR per read(2),
	 *    is paid per MiB by tools that size reads by st_blksize
	 *    (rfs_attr_fixup);
	 *  - entry_timeout 1 s: a cached name only maps to a path, and open
	 *    and getattr re-resolve that path in SOURCE every time; a
	 *    removed file is ENOENT at its next getattr;
	 *  - negative_timeout 0: a file added to SOURCE shows at once. */
	conn->want |= conn->capable & FUSE_CAP_AUTO_INVAL_DATA;
	/* Listings always come with attributes (readdirplus, dir.c), not
	 * only their first chunk: whoever lists a directory here (ls -l,
	 * find, an indexer) stats its entries next, and each entry's
	 * attributes cost us one fstatat instead of the kernel one LOOKUP. */
	if (conn->capable & FUSE_CAP_READDIRPLUS)
		conn->want &= ~FUSE_CAP_READDIRPLUS_AUTO;
	cfg->kernel_cache = 0;
	cfg->auto_cache = 0;
	cfg->attr_timeout = 0.0;
	cfg->entry_timeout = 1.0;
	cfg->negative_timeout = 0.0;
	return fuse_get_context()->private_data;
}

/* Not implemented on purpose: read (read_buf serves every read), write_buf,
 * lseek, ioctl, poll, bmap, lock, flock (the kernel handles locks
 * locally). */
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
	.read_buf = rfs_read_buf,
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

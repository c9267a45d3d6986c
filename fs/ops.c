/*
 * ops.c — the FUSE operations table of redactfs and the connection's
 * settings (rfs_init): which operation each module serves, and how the
 * kernel may cache. Why the caching is set as it is: docs/fs.md.
 *
 * Invariant: every operation in the table passes rfs_gate() (gate.c)
 * first; every modifying operation is EROFS (refuse.c).
 */
#include "attr.h"
#include "dir.h"
#include "handle.h"
#include "ops.h"
#include "refuse.h"

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

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
#include "shown.h"

/* Why each setting is as it is: docs/fs.md, "What the kernel may cache". */
static void *rfs_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	/* replies spliced to the kernel only from our side, for raw handles */
	conn->want &= ~(FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_MOVE);
	conn->want |= conn->capable & FUSE_CAP_SPLICE_WRITE;

	cfg->use_ino = 1;     /* st_ino and d_ino mirror SOURCE */
	cfg->nullpath_ok = 0; /* every operation gets its path: policy needs it */
	cfg->direct_io = 0;   /* per handle where the view depends on the caller */
	/* a changed mtime or size drops the pages, also for a handle held open */
	conn->want |= conn->capable & FUSE_CAP_AUTO_INVAL_DATA;
	/* listings always come with attributes */
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
	/* paths as shown (names.c) become real ones in shown.c */
	.getattr = rfs_shown_getattr,
	.readlink = rfs_shown_readlink,
	.access = rfs_shown_access,
	.statfs = rfs_shown_statfs,
	.getxattr = rfs_shown_getxattr,
	.listxattr = rfs_shown_listxattr,
	.fsync = rfs_fsync,

	.open = rfs_shown_open,
	.read_buf = rfs_read_buf, /* the handle's real path */
	.release = rfs_release,

	.opendir = rfs_shown_opendir,
	.readdir = rfs_shown_readdir,
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

/*
 * attr.c — the metadata operations: getattr, readlink, access, statfs,
 * xattrs (and the root's control attributes), fsync.
 *
 * Invariant: metadata is SOURCE's, unchanged, except st_size of files
 * whose values are replaced or removed (the output's length, so st_size is
 * always the length of what read returns) and st_blksize of regular files
 * (rfs_attr_fixup). Names, symlink targets and metadata are not redacted;
 * SOURCE's xattrs are not shown at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "attr.h"
#include "control.h"
#include "ctx.h"
#include "gate.h"
#include "handle.h"
#include "openfiles.h"
#include "polref.h"
#include "reload.h"
#include "sizememo.h"
#include "source.h"
#include "srcfile.h"

/* The attributes of the file an open handle of path reads, or -ENOENT
 * when no handle of path is open. */
static int rfs_getattr_open(struct rfs_pol *pol, const char *path,
                            const struct policy_view *view, struct stat *st)
{
	struct rfs_src *src = rfs_open_files_src(rfs_ctx_get(), path);
	if (src == NULL)
		return -ENOENT;
	int res = fstat(src->fd, st) < 0 ? -errno : 0;
	if (res == 0)
		res = rfs_output_size_of(pol, path, view, src, st);
	rfs_src_release(src);
	return res;
}

int rfs_getattr(const char *path, struct stat *st,
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
		/* A file deleted from SOURCE while open here: its reads go on,
		 * and so must fstat(2), which the kernel asks without the
		 * handle. An open handle of the path answers. */
		if (res == -ENOENT)
			res = rfs_getattr_open(pol, path, &view, st);
	}
	rfs_pol_end(ctx);
	if (res == 0)
		rfs_attr_fixup(st);
	return res;
}

/* Symlinks are mirrored as they are: the target is returned unredacted and
 * is followed by the kernel, never by the daemon. */
int rfs_readlink(const char *path, char *buf, size_t size)
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
int rfs_access(const char *path, int mode)
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

int rfs_statfs(const char *path, struct statvfs *sv)
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
int rfs_getxattr(const char *path, const char *name, char *value,
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

int rfs_listxattr(const char *path, char *list, size_t size)
{
	enum policy_mode mode;
	(void)list;
	(void)size;
	return rfs_gate_mode(path, &mode);
}

/* Nothing is ever written, so there is nothing to sync. */
int rfs_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)path;
	(void)datasync;
	(void)fi;
	return 0;
}

/*
 * refuse.c — the read-only surface, written down: every operation that
 * would change something answers EROFS.
 *
 * Invariant: SOURCE is never modified through the mount. The mount is
 * also made with "ro", so the kernel refuses most of these before asking;
 * these handlers are the second line. A hidden path, and a real name that
 * shows otherwise, still answer ENOENT (rfs_shown_refuse: names.c, then
 * rfs_gate), so refusals reveal no name.
 */
#include <errno.h>

#include "refuse.h"
#include "shown.h"

static int rfs_refuse(const char *path)
{
	return rfs_shown_refuse(path);
}

int rfs_refuse_mknod(const char *path, mode_t mode, dev_t rdev)
{
	(void)mode;
	(void)rdev;
	return rfs_refuse(path);
}

int rfs_refuse_mkdir(const char *path, mode_t mode)
{
	(void)mode;
	return rfs_refuse(path);
}

int rfs_refuse_unlink(const char *path)
{
	return rfs_refuse(path);
}

int rfs_refuse_rmdir(const char *path)
{
	return rfs_refuse(path);
}

int rfs_refuse_symlink(const char *target, const char *path)
{
	(void)target;
	return rfs_refuse(path);
}

int rfs_refuse_rename(const char *from, const char *to, unsigned int flags)
{
	int res = rfs_refuse(from);
	(void)flags;
	return res == -EROFS ? rfs_refuse(to) : res;
}

int rfs_refuse_link(const char *from, const char *to)
{
	int res = rfs_refuse(from);
	return res == -EROFS ? rfs_refuse(to) : res;
}

int rfs_refuse_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	(void)mode;
	(void)fi;
	return rfs_refuse(path);
}

int rfs_refuse_chown(const char *path, uid_t uid, gid_t gid,
                     struct fuse_file_info *fi)
{
	(void)uid;
	(void)gid;
	(void)fi;
	return rfs_refuse(path);
}

int rfs_refuse_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	(void)size;
	(void)fi;
	return rfs_refuse(path);
}

int rfs_refuse_write(const char *path, const char *buf, size_t size, off_t off,
                     struct fuse_file_info *fi)
{
	(void)path;
	(void)buf;
	(void)size;
	(void)off;
	(void)fi;
	return -EROFS; /* no handle is ever open for writing */
}

int rfs_refuse_setxattr(const char *path, const char *name, const char *value,
                        size_t size, int flags)
{
	(void)name;
	(void)value;
	(void)size;
	(void)flags;
	return rfs_refuse(path);
}

int rfs_refuse_removexattr(const char *path, const char *name)
{
	(void)name;
	return rfs_refuse(path);
}

int rfs_refuse_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	(void)mode;
	(void)fi;
	return rfs_refuse(path);
}

int rfs_refuse_utimens(const char *path, const struct timespec tv[2],
                       struct fuse_file_info *fi)
{
	(void)tv;
	(void)fi;
	return rfs_refuse(path);
}

int rfs_refuse_fallocate(const char *path, int mode, off_t off, off_t len,
                         struct fuse_file_info *fi)
{
	(void)mode;
	(void)off;
	(void)len;
	(void)fi;
	return rfs_refuse(path);
}

/* Refused whatever the direction: a copy out of the mount must go through
 * read (and so through the engine), a copy into it is a write. */
ssize_t rfs_refuse_copy_file_range(const char *path_in,
                                   struct fuse_file_info *fi_in, off_t off_in,
                                   const char *path_out,
                                   struct fuse_file_info *fi_out,
                                   off_t off_out, size_t size, int flags)
{
	(void)path_in;
	(void)fi_in;
	(void)off_in;
	(void)path_out;
	(void)fi_out;
	(void)off_out;
	(void)size;
	(void)flags;
	return -EROFS;
}

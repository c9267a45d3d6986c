/*
 * refuse.h — every modifying operation is EROFS (refuse.c).
 */
#ifndef RFS_REFUSE_H
#define RFS_REFUSE_H

#include <fuse.h>

int rfs_refuse_mknod(const char *path, mode_t mode, dev_t rdev);
int rfs_refuse_mkdir(const char *path, mode_t mode);
int rfs_refuse_unlink(const char *path);
int rfs_refuse_rmdir(const char *path);
int rfs_refuse_symlink(const char *target, const char *path);
int rfs_refuse_rename(const char *from, const char *to, unsigned int flags);
int rfs_refuse_link(const char *from, const char *to);
int rfs_refuse_chmod(const char *path, mode_t mode, struct fuse_file_info *fi);
int rfs_refuse_chown(const char *path, uid_t uid, gid_t gid,
                     struct fuse_file_info *fi);
int rfs_refuse_truncate(const char *path, off_t size, struct fuse_file_info *fi);
int rfs_refuse_write(const char *path, const char *buf, size_t size, off_t off,
                     struct fuse_file_info *fi);
int rfs_refuse_setxattr(const char *path, const char *name, const char *value,
                        size_t size, int flags);
int rfs_refuse_removexattr(const char *path, const char *name);
int rfs_refuse_create(const char *path, mode_t mode, struct fuse_file_info *fi);
int rfs_refuse_utimens(const char *path, const struct timespec tv[2],
                       struct fuse_file_info *fi);
int rfs_refuse_fallocate(const char *path, int mode, off_t off, off_t len,
                         struct fuse_file_info *fi);
ssize_t rfs_refuse_copy_file_range(const char *path_in,
                                   struct fuse_file_info *fi_in, off_t off_in,
                                   const char *path_out,
                                   struct fuse_file_info *fi_out,
                                   off_t off_out, size_t size, int flags);

#endif /* RFS_REFUSE_H */

/*
 * shown.h — the operations that take a path as the consumer names it
 * (shown.c), for the operations table (ops.c).
 */
#ifndef RFS_SHOWN_H
#define RFS_SHOWN_H

#include <fuse.h>

int rfs_shown_getattr(const char *path, struct stat *st, struct fuse_file_info *fi);
int rfs_shown_readlink(const char *path, char *buf, size_t size);
int rfs_shown_access(const char *path, int mode);
int rfs_shown_statfs(const char *path, struct statvfs *sv);
int rfs_shown_getxattr(const char *path, const char *name, char *value, size_t size);
int rfs_shown_listxattr(const char *path, char *list, size_t size);
int rfs_shown_open(const char *path, struct fuse_file_info *fi);
int rfs_shown_opendir(const char *path, struct fuse_file_info *fi);
int rfs_shown_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags);
/* What a modifying operation on path answers: -ENOENT (or another error)
 * where the path leads nowhere or is hidden, else -EROFS. */
int rfs_shown_refuse(const char *path);

#endif /* RFS_SHOWN_H */

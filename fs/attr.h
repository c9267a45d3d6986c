/*
 * attr.h — the metadata operations of the table (attr.c).
 */
#ifndef RFS_ATTR_H
#define RFS_ATTR_H

#include <fuse.h>

int rfs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi);
int rfs_readlink(const char *path, char *buf, size_t size);
int rfs_access(const char *path, int mode);
int rfs_statfs(const char *path, struct statvfs *sv);
int rfs_getxattr(const char *path, const char *name, char *value, size_t size);
int rfs_listxattr(const char *path, char *list, size_t size);
int rfs_fsync(const char *path, int datasync, struct fuse_file_info *fi);

#endif /* RFS_ATTR_H */

/*
 * dir.h — directory listings (dir.c).
 */
#ifndef RFS_DIR_H
#define RFS_DIR_H

#include <fuse.h>

int rfs_opendir(const char *path, struct fuse_file_info *fi);
int rfs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                struct fuse_file_info *fi, enum fuse_readdir_flags flags);
int rfs_releasedir(const char *path, struct fuse_file_info *fi);

#endif /* RFS_DIR_H */

/*
 * source.h — the only door into SOURCE (source.c).
 */
#ifndef RFS_SOURCE_H
#define RFS_SOURCE_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Returns a new fd for path (a mount path, "/" or "/a/b") opened beneath
 * rootfd with flags (O_CLOEXEC is added), or -errno. Never follows a
 * symlink in any component (-ELOOP), never leaves SOURCE (-EXDEV). */
int rfs_source_open(int rootfd, const char *path, int flags);
/* lstat(2) of path beneath rootfd. Returns 0 or -errno. */
int rfs_source_lstat(int rootfd, const char *path, struct stat *st);
/* readlink(2) of path beneath rootfd into buf, NUL-terminated, truncated
 * to size - 1 bytes. Returns 0 or -errno (-EINVAL: not a symlink). */
int rfs_source_readlink(int rootfd, const char *path, char *buf, size_t size);
/* Opens the regular file at path for reading without blocking. Returns the
 * fd and fills *st, or -errno (-EACCES: not a regular file). */
int rfs_source_open_file(int rootfd, const char *path, struct stat *st);
/* lstat(2) of name, one entry of the SOURCE directory dirfd (opened by
 * rfs_source_open_dir): no '/' and no dot names. Returns 0 or -errno. */
int rfs_source_statat(int dirfd, const char *name, struct stat *st);
/* Opens the directory at path for listing. Returns the fd or -errno. */
int rfs_source_open_dir(int rootfd, const char *path);
/* Reads like pread(2) but retries short reads: returns the count read
 * (short only at end of file) or -errno. */
ssize_t rfs_source_pread(int fd, void *buf, size_t len, uint64_t off);

#endif /* RFS_SOURCE_H */

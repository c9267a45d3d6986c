/*
 * srcfile.h — SOURCE files shared by every open of them (srcfile.c): one
 * descriptor per file (device and inode), whatever number of handles and
 * getattr passes use it, and the engine's files (redact_file) of each
 * policy and path over it, so that one version's sizes pass (replace,
 * remove) is made once for all of them.
 *
 * Invariant: a shared file's descriptor is the very file its opener's
 * open found at the path (an open never picks another by name), is never
 * read by offset-keeping calls (pread only, so sharing is invisible), and
 * stays open while any handle, getattr or engine of it uses it. Idle
 * files (no user) are kept a few seconds, at most RFS_SRC_IDLE_MAX of
 * them, so that a stat followed by an open shares one pass; a deleted file
 * is never kept idle.
 */
#ifndef RFS_SRCFILE_H
#define RFS_SRCFILE_H

#include <sys/stat.h>

#include "redact.h"

struct rfs_pol;
struct rfs_engine;
struct rfs_srcs;

/* Idle files kept, and for how long. */
#define RFS_SRC_IDLE_MAX 8
#define RFS_SRC_IDLE_SEC 10

/* One SOURCE file. Only fd, dev and ino are for users. */
struct rfs_src {
	int fd;     /* O_RDONLY, for pread and splicing by offset */
	dev_t dev;
	ino_t ino;
};

/* The table (NULL on out of memory). passes: counts the engine's sizes
 * passes (may be NULL). */
struct rfs_srcs *rfs_srcs_new(_Atomic unsigned long long *passes);
/* Frees the table and every idle file; files still used must have been
 * released. */
void rfs_srcs_free(struct rfs_srcs *t);

/* Opens the regular file at path beneath rootfd (rfs_source_open_file)
 * and returns it shared with the other users of that file, in *out, with
 * *st its fstat now. 0 or -errno (-EACCES: not a regular file). */
int rfs_src_open(struct rfs_srcs *t, int rootfd, const char *path, struct stat *st,
                 struct rfs_src **out);
/* One more use of s, already used by the caller's knowledge (an open
 * handle's). */
void rfs_src_hold(struct rfs_src *s);
/* Ends one use of s (from rfs_src_open or rfs_src_hold; NULL: nothing). */
void rfs_src_release(struct rfs_src *s);

/* A reference to the engine for pol's profile p of path over s, shared by
 * every user of s with the same policy and path (made on first need).
 * NULL on out of memory. */
struct rfs_engine *rfs_src_engine(struct rfs_src *s, struct rfs_pol *pol, const char *path,
                                  const redact_profile *p);

#endif /* RFS_SRCFILE_H */

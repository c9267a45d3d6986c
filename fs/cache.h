/*
 * cache.h — may an open keep the kernel's cached pages? (cache.c)
 */
#ifndef RFS_CACHE_H
#define RFS_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

/* A file version under a policy: what cached pages were made from. */
struct rfs_version {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	uint64_t gen; /* rfs_pol.gen */
};

void rfs_version_of(struct rfs_version *v, const struct stat *st, uint64_t gen);
struct rfs_cache *rfs_cache_new(void);
void rfs_cache_free(struct rfs_cache *c);
/* For an open of path (a view that does not depend on the caller) that
 * saw version v: true when it may answer keep_cache = 1. When false, the
 * open answers keep_cache = 0 and its handle calls rfs_cache_confirm with
 * the same v at its first read. */
bool rfs_cache_open(struct rfs_cache *c, const char *path, const struct rfs_version *v);
/* The drop made by an open that saw v has completed (a read came). */
void rfs_cache_confirm(struct rfs_cache *c, const char *path, const struct rfs_version *v);
/* path is served per caller: no entry. */
void rfs_cache_forget(struct rfs_cache *c, const char *path);

#endif /* RFS_CACHE_H */

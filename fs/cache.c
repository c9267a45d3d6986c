/*
 * cache.c — when an open may keep the kernel's cached pages of a file.
 *
 * The high-level FUSE API gives each mount path one kernel inode, and every
 * open of that path shares its page cache. An open that answers
 * keep_cache = 0 makes the kernel drop all of the inode's pages before the
 * open returns to its caller (waiting for reads in flight and dropping
 * their pages too). keep_cache = 1 keeps them, so a repeated read of an
 * unchanged file costs no engine pass. This table says which it may be.
 *
 * Invariant: an open gets keep_cache = 1 only when every page the kernel
 * can hold for the path is what this open would be served. Per path, the
 * table keeps one entry: the file's identity as an open saw it (dev, ino,
 * size, mtime and ctime to the nanosecond), the policy generation it was
 * decided under, and whether a drop made under exactly these has
 * completed. keep_cache = 1 needs all three to match:
 *  - pages are made only by reads, and a read serves the file as it is at
 *    that read under the policy in force then (handle.c decides again after
 *    a reload). A file cannot get an identity back once it has left it
 *    (every change moves ctime forward; ctime cannot be set), and a policy
 *    generation is never reused (polref.c). So once a drop completed after
 *    the file had this identity under this generation, and the identity and
 *    generation are still the same now, every page made since the drop is
 *    this version under this policy, and pages made before it are gone;
 *  - a drop is known to be complete when a read arrives through a handle
 *    whose open answered keep_cache = 0 (the kernel sends READ only on an
 *    open file, after fuse_open dropped the pages): rfs_cache_confirm. Until
 *    then other opens drop again, so an open racing with the first one
 *    never reads pages from before it.
 * Anything else drops: no entry (the table is bounded; an overwritten
 * entry only costs a drop), another identity, another generation, a drop
 * not yet confirmed. Files whose view depends on the caller (unmask lists)
 * never keep and remove the path's entry (handle.c serves them direct_io).
 *
 * Limits, with their effect: a change that leaves size, mtime and ctime
 * as they were (a write through a shared mmap before writeback, or two
 * same-size writes within one timestamp tick of a filesystem with coarse
 * timestamps) can go unseen; the pages kept are then the engine's output
 * for the file's previous content under the same policy, never raw bytes
 * the policy forbids.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

/* Slots, direct-mapped by path hash: bounded memory whatever the number
 * of files; a collision only costs the evicted path one drop. */
#define RFS_CACHE_SLOTS 4096

struct rfs_cache_slot {
	char *path;               /* NULL: empty */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	uint64_t gen;             /* policy generation */
	bool confirmed;           /* a drop under these completed */
};

struct rfs_cache {
	pthread_mutex_t lock;
	struct rfs_cache_slot slot[RFS_CACHE_SLOTS];
};

struct rfs_cache *rfs_cache_new(void)
{
	struct rfs_cache *c = calloc(1, sizeof(*c));
	if (c)
		pthread_mutex_init(&c->lock, NULL);
	return c;
}

void rfs_cache_free(struct rfs_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < RFS_CACHE_SLOTS; i++)
		free(c->slot[i].path);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static struct rfs_cache_slot *slot_of(struct rfs_cache *c, const char *path)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return &c->slot[h % RFS_CACHE_SLOTS];
}

static bool slot_is(const struct rfs_cache_slot *s, const char *path,
                    const struct rfs_version *v)
{
	return s->path && strcmp(s->path, path) == 0 && s->gen == v->gen &&
	       s->dev == v->dev && s->ino == v->ino && s->size == v->size &&
	       s->mtime.tv_sec == v->mtime.tv_sec && s->mtime.tv_nsec == v->mtime.tv_nsec &&
	       s->ctime.tv_sec == v->ctime.tv_sec && s->ctime.tv_nsec == v->ctime.tv_nsec;
}

void rfs_version_of(struct rfs_version *v, const struct stat *st, uint64_t gen)
{
	*v = (struct rfs_version){ .dev = st->st_dev, .ino = st->st_ino,
	                           .size = st->st_size, .mtime = st->st_mtim,
	                           .ctime = st->st_ctim, .gen = gen };
}

bool rfs_cache_open(struct rfs_cache *c, const char *path, const struct rfs_version *v)
{
	bool keep = false;
	if (!c)
		return false;
	pthread_mutex_lock(&c->lock);
	struct rfs_cache_slot *s = slot_of(c, path);
	if (slot_is(s, path, v)) {
		keep = s->confirmed;
	} else {
		char *copy = strdup(path);
		free(s->path);
		*s = (struct rfs_cache_slot){ .path = copy, .dev = v->dev, .ino = v->ino,
		                              .size = v->size, .mtime = v->mtime,
		                              .ctime = v->ctime, .gen = v->gen };
	}
	pthread_mutex_unlock(&c->lock);
	return keep;
}

void rfs_cache_confirm(struct rfs_cache *c, const char *path, const struct rfs_version *v)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	struct rfs_cache_slot *s = slot_of(c, path);
	if (slot_is(s, path, v))
		s->confirmed = true;
	pthread_mutex_unlock(&c->lock);
}

void rfs_cache_forget(struct rfs_cache *c, const char *path)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	struct rfs_cache_slot *s = slot_of(c, path);
	if (s->path && strcmp(s->path, path) == 0) {
		free(s->path);
		*s = (struct rfs_cache_slot){ 0 };
	}
	pthread_mutex_unlock(&c->lock);
}

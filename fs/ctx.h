/*
 * ctx.h — the mounted filesystem's context: the one piece of mutable state
 * shared by every operation (reached through fuse_get_context()->private_data,
 * or passed directly to the reload thread, which is no FUSE worker).
 *
 * Invariant: each field is reached under its own lock or atomically, as its
 * module says (polref.c, openfiles.c, cache.c, status.c, wspool.c).
 */
#ifndef RFS_CTX_H
#define RFS_CTX_H

#include <pthread.h>
#include <stdatomic.h>

#include "log.h"
#include "stats.h"
#include "wspool.h"

struct fuse;
struct rfs_open_files;
struct rfs_size_memo;
struct rfs_srcs;
struct rfs_pol;
struct rfs_cache;
struct rfs_names;

struct rfs_ctx {
	struct rfs_wspool wspool; /* workspaces for redacted reads (wspool.c) */
	struct rfs_open_files *open_files; /* handles not released yet (openfiles.c) */
	struct rfs_size_memo *size_memo;   /* output sizes for getattr (sizememo.c) */
	struct rfs_srcs *srcs;   /* SOURCE files shared by their opens (srcfile.c) */
	struct rfs_cache *cache; /* what the kernel's page cache holds (cache.c) */
	struct rfs_names *names; /* shown names of SOURCE's directories (names.c) */
	int rootfd;         /* SOURCE, O_PATH | O_DIRECTORY; owned by main() */
	const char *source; /* absolute path of SOURCE, for messages */
	const char *policy_file; /* absolute path of -o policy, NULL: built-in */
	struct fuse *fuse;  /* for fuse_invalidate_path after a reload */
	/* polref.c: the policy in force, swapped under pol_lock. */
	pthread_rwlock_t pol_lock;
	struct rfs_pol *cur;
	/* reload.c: reloads tried and the last result, for the root's
	 * user.redactfs.reload attribute. */
	atomic_uint reloads;
	atomic_bool reload_failed;
	atomic_bool reload_stop; /* tells the reload thread to end */
	struct rfs_stats stats;  /* stats.c: what the status view counts */
	struct rfs_log_limit read_errors; /* log.c: messages of failed reads */
};

/* The context of the FUSE request being served. */
struct rfs_ctx *rfs_ctx_get(void);

#endif /* RFS_CTX_H */

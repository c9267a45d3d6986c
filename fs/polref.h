/*
 * polref.h — the policy in force, with a reference count (polref.c).
 *
 * Invariant: every operation holds the policy read lock while it uses the
 * policy, so a reload swaps it atomically: an operation sees the old or the
 * new policy, never a mix.
 */
#ifndef RFS_POLREF_H
#define RFS_POLREF_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

struct rfs_ctx;

/* A loaded policy plus what goes with it (the audit log's fd). */
struct rfs_pol {
	policy *pol;
	int audit_fd;       /* -1: no audit_log */
	uint64_t gen;       /* unique per load, never reused (cache.c) */
	atomic_long refs;
};

/* Loads file (NULL: the built-in policy) and opens its audit log. Returns
 * 0 and *out with one reference, or -errno with "FILE:LINE: ..." or
 * "FILE: ..." in err. */
int rfs_pol_load(struct rfs_pol **out, const char *file, char *err, size_t errlen);
struct rfs_pol *rfs_pol_ref(struct rfs_pol *p);
void rfs_pol_unref(struct rfs_pol *p);
/* Initialises ctx's lock with p as the policy in force (takes p's ref). */
int rfs_pol_init(struct rfs_ctx *ctx, struct rfs_pol *p);
void rfs_pol_fini(struct rfs_ctx *ctx);
/* Read-locks and returns the policy in force; valid until rfs_pol_end.
 * Never nested within one thread. */
struct rfs_pol *rfs_pol_begin(struct rfs_ctx *ctx);
void rfs_pol_end(struct rfs_ctx *ctx);
/* Makes p the policy in force (takes p's ref); waits for every operation
 * under the old one to end; drops the context's ref to the old one. */
void rfs_pol_swap(struct rfs_ctx *ctx, struct rfs_pol *p);

#endif /* RFS_POLREF_H */

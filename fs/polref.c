/*
 * polref.c — the policy in force: a pointer swapped under a rwlock, each
 * policy with a reference count.
 *
 * Invariant (atomic reload): an operation reads the policy only between
 * rfs_pol_begin and rfs_pol_end (read lock), so it sees one policy from
 * start to end; rfs_pol_swap takes the write lock, so once it returns no
 * operation still runs under the old policy (what reload.c relies on to
 * invalidate the kernel's caches after the swap). A policy is freed when
 * its last reference goes: the context's, or that of a file handle opened
 * under it (handle.c), whichever is last. Writers are preferred, so a
 * stream of reads cannot hold a reload off. Each loaded policy has a
 * generation number that no other load ever gets (cache.c compares it,
 * where an address could be reused).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "polref.h"

int rfs_pol_load(struct rfs_pol **out, const char *file, char *err, size_t errlen)
{
	policy *pol = NULL;
	err[0] = '\0';
	int res = file ? policy_load(&pol, file, err, errlen)
	               : policy_default(&pol, err, errlen);
	if (res < 0) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s: %s", file ? file : "(built-in)",
			         strerror(-res));
		return res;
	}
	int fd = -1;
	if (policy_audit_log(pol) != NULL) {
		fd = policy_audit_log_open(pol, err, errlen);
		if (fd < 0) {
			policy_free(pol);
			return fd;
		}
	}
	struct rfs_pol *p = malloc(sizeof(*p));
	if (p == NULL) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "%s: %s", policy_source(pol), strerror(ENOMEM));
		policy_free(pol);
		return -ENOMEM;
	}
	static atomic_uint_fast64_t generation;
	p->pol = pol;
	p->audit_fd = fd;
	p->gen = atomic_fetch_add(&generation, 1) + 1;
	atomic_init(&p->refs, 1);
	*out = p;
	return 0;
}

struct rfs_pol *rfs_pol_ref(struct rfs_pol *p)
{
	atomic_fetch_add(&p->refs, 1);
	return p;
}

void rfs_pol_unref(struct rfs_pol *p)
{
	if (p == NULL || atomic_fetch_sub(&p->refs, 1) != 1)
		return;
	if (p->audit_fd >= 0)
		close(p->audit_fd);
	policy_free(p->pol);
	free(p);
}

int rfs_pol_init(struct rfs_ctx *ctx, struct rfs_pol *p)
{
	pthread_rwlockattr_t attr;
	if (pthread_rwlockattr_init(&attr) != 0)
		return -ENOMEM;
	pthread_rwlockattr_setkind_np(&attr,
	                              PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	int res = pthread_rwlock_init(&ctx->pol_lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	if (res != 0)
		return -res;
	ctx->cur = p;
	return 0;
}

void rfs_pol_fini(struct rfs_ctx *ctx)
{
	rfs_pol_unref(ctx->cur);
	ctx->cur = NULL;
	pthread_rwlock_destroy(&ctx->pol_lock);
}

struct rfs_pol *rfs_pol_begin(struct rfs_ctx *ctx)
{
	pthread_rwlock_rdlock(&ctx->pol_lock);
	return ctx->cur;
}

void rfs_pol_end(struct rfs_ctx *ctx)
{
	pthread_rwlock_unlock(&ctx->pol_lock);
}

void rfs_pol_swap(struct rfs_ctx *ctx, struct rfs_pol *p)
{
	pthread_rwlock_wrlock(&ctx->pol_lock);
	struct rfs_pol *old = ctx->cur;
	ctx->cur = p;
	pthread_rwlock_unlock(&ctx->pol_lock);
	rfs_pol_unref(old);
}

/*
 * reload.c — live reload of the policy: SIGHUP, the thread that serves it,
 * and the root's control attributes (`redactfs reload MOUNTPOINT` asks for
 * a reload through them: client.c).
 *
 * Invariant: a policy that fails validation (or whose audit log cannot be
 * opened) is refused, its "FILE:LINE: what is wrong" is logged, and the
 * old policy stays in force. A good one is swapped in atomically
 * (polref.c) and then everything the kernel cached under the old policy is
 * dropped: the pages and attributes of every path with an open handle
 * (fuse_invalidate_path: the whole page cache of the inode, mmaps
 * included, and its attributes). An open decides and joins the list of
 * open handles under the policy read lock (handle.c), so it either saw the
 * new policy or is in the list. A file with no open handle (and no mmap,
 * which holds a handle) needs nothing: its next open sees another policy
 * generation and answers keep_cache 0 (cache.c), so the kernel drops its
 * cached pages before any read, and attr_timeout is 0. Handles opened
 * under the old policy decide again at their next read (handle.c).
 *
 * The root's user.redactfs.status attribute is status.c's text.
 *
 * SIGHUP is blocked in every thread (workers inherit the mask of the
 * thread that starts them) and taken with sigwait by the reload thread,
 * so no signal handler and no global state are needed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fuse.h>

#include "control.h"
#include "ctx.h"
#include "log.h"
#include "openfiles.h"
#include "polref.h"
#include "reload.h"
#include "stats.h"
#include "status.h"

int rfs_reload(struct rfs_ctx *ctx)
{
	char err[POLICY_ERRLEN];
	struct rfs_pol *p = NULL;
	const char *file = ctx->policy_file;
	int res = rfs_pol_load(&p, file, err, sizeof(err));
	if (res < 0) {
		rfs_log(FUSE_LOG_ERR, "redactfs: reload refused, old policy stays: %s\n",
		        err);
		atomic_store(&ctx->reload_failed, true);
		atomic_fetch_add(&ctx->reloads, 1);
		return res;
	}
	rfs_pol_swap(ctx, p);
	rfs_stats_loaded(&ctx->stats); /* before the count: `reload` then sees it */

	char **paths = NULL;
	size_t n = 0;
	if (rfs_open_paths(ctx, &paths, &n) < 0) {
		/* Cannot tell which inodes to drop: better say so loudly.
		 * Their next read still decides under the new policy. */
		rfs_log(FUSE_LOG_ERR, "redactfs: reload: out of memory listing "
		        "open files; their cached pages were not dropped\n");
	}
	for (size_t i = 0; i < n; i++) {
		if (ctx->fuse != NULL)
			fuse_invalidate_path(ctx->fuse, paths[i]); /* -ENOENT: not cached */
		free(paths[i]);
	}
	free(paths);
	rfs_log(FUSE_LOG_NOTICE, "redactfs: policy %s reloaded (%zu open file%s "
	        "invalidated)\n", file ? file : "(built-in)", n, n == 1 ? "" : "s");
	atomic_store(&ctx->reload_failed, false);
	atomic_fetch_add(&ctx->reloads, 1);
	return 0;
}

static void *rfs_reload_main(void *arg)
{
	struct rfs_ctx *ctx = arg;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	for (;;) {
		int sig;
		if (sigwait(&set, &sig) != 0)
			continue;
		if (atomic_load(&ctx->reload_stop))
			break;
		rfs_reload(ctx);
	}
	return NULL;
}

int rfs_reload_start(struct rfs_ctx *ctx, pthread_t *thread)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	int res = pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (res != 0)
		return -res;
	atomic_store(&ctx->reload_stop, false);
	res = pthread_create(thread, NULL, rfs_reload_main, ctx);
	return -res;
}

void rfs_reload_stop(struct rfs_ctx *ctx, pthread_t thread)
{
	atomic_store(&ctx->reload_stop, true);
	pthread_kill(thread, SIGHUP); /* ends its sigwait */
	pthread_join(thread, NULL);
}

/* Copies text into value like getxattr(2): size 0 asks for the length. */
static int rfs_xattr_value(const char *text, char *value, size_t size)
{
	size_t len = strlen(text);
	if (size == 0)
		return (int)len;
	if (size < len)
		return -ERANGE;
	memcpy(value, text, len);
	return (int)len;
}

/* Room the length of the status attribute (asked with size 0) leaves for
 * counters that grow before the value is fetched. */
#define RFS_STATUS_SLACK 256

int rfs_control_xattr(struct rfs_ctx *ctx, const char *name, char *value,
                      size_t size)
{
	char text[64];
	if (strcmp(name, RFS_XATTR_STATUS) == 0) {
		char *status;
		int res = rfs_status_text(ctx, fuse_get_context()->uid, &status);
		if (res == 0)
			res = size == 0 ? (int)strlen(status) + RFS_STATUS_SLACK
			                : rfs_xattr_value(status, value, size);
		free(status);
		return res;
	}
	if (strcmp(name, RFS_XATTR_PID) == 0) {
		snprintf(text, sizeof(text), "%ld", (long)getpid());
	} else if (strcmp(name, RFS_XATTR_RELOAD) == 0) {
		unsigned int n = atomic_load(&ctx->reloads);
		snprintf(text, sizeof(text), "%u %s", n,
		         n == 0 ? "none" :
		         atomic_load(&ctx->reload_failed) ? "failed" : "ok");
	} else {
		return -ENODATA;
	}
	return rfs_xattr_value(text, value, size);
}

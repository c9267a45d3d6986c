/*
 * wspool.c — engine workspaces lent to reads, kept in the mount's context.
 *
 * A redacted read needs buffers of about three bytes per byte read plus
 * match state (redact_workspace); allocating them for every read costs a
 * page fault per page, more than the redaction itself. The pool lends a
 * workspace to one read and takes it back after it; it keeps at most
 * RFS_WSPOOL_KEEP of them (about one per FUSE worker thread at work),
 * each about 0.5 MiB for 128 KiB reads.
 *
 * Invariant: a workspace serves one read at a time (it is off the list
 * while lent). Workspaces hold no file content between reads that matters:
 * every read fills what it uses.
 */
#include <errno.h>
#include <stdlib.h>

#include "wspool.h"

int rfs_wspool_init(struct rfs_wspool *p)
{
	p->count = 0;
	return pthread_mutex_init(&p->lock, NULL) == 0 ? 0 : -ENOMEM;
}

void rfs_wspool_fini(struct rfs_wspool *p)
{
	for (size_t i = 0; i < p->count; i++)
		redact_workspace_free(p->free[i]);
	p->count = 0;
	pthread_mutex_destroy(&p->lock);
}

redact_workspace *rfs_wspool_take(struct rfs_wspool *p)
{
	redact_workspace *w = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->count)
		w = p->free[--p->count];
	pthread_mutex_unlock(&p->lock);
	if (!w && redact_workspace_new(&w) < 0)
		return NULL; /* the read makes a throwaway one */
	return w;
}

void rfs_wspool_give(struct rfs_wspool *p, redact_workspace *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->count < RFS_WSPOOL_KEEP) {
		p->free[p->count++] = w;
		w = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	redact_workspace_free(w);
}

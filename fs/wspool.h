/*
 * wspool.h — engine workspaces lent to reads (wspool.c).
 */
#ifndef RFS_WSPOOL_H
#define RFS_WSPOOL_H

#include <pthread.h>
#include <stddef.h>

#include "redact.h"

#define RFS_WSPOOL_KEEP 16u
struct rfs_wspool {
	pthread_mutex_t lock;
	redact_workspace *free[RFS_WSPOOL_KEEP];
	size_t count;
};
int rfs_wspool_init(struct rfs_wspool *p);
void rfs_wspool_fini(struct rfs_wspool *p);
/* A workspace for one read (NULL when none can be made: the read then
 * makes a throwaway one). */
redact_workspace *rfs_wspool_take(struct rfs_wspool *p);
/* Takes w back (w may be NULL). */
void rfs_wspool_give(struct rfs_wspool *p, redact_workspace *w);

#endif /* RFS_WSPOOL_H */

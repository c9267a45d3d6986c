/*
 * openfiles.c — the list of open file handles (openfiles.h).
 *
 * Invariant: a handle's counts join the mount's totals in the same step
 * that takes it off the list, under the list's lock, so the status view
 * (rfs_open_files_values) sees each value once, open or closed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "openfiles.h"
#include "srcfile.h"
#include "stats.h"

struct rfs_open_files {
	pthread_mutex_t lock;
	struct rfs_open_entry *head;
};

struct rfs_open_files *rfs_open_files_new(void)
{
	struct rfs_open_files *list = calloc(1, sizeof(*list));
	if (list)
		pthread_mutex_init(&list->lock, NULL);
	return list;
}

void rfs_open_files_free(struct rfs_open_files *list,
                         void (*free_handle)(struct rfs_open_entry *e))
{
	if (!list)
		return;
	while (list->head) {
		struct rfs_open_entry *e = list->head;
		list->head = e->next;
		free_handle(e);
	}
	pthread_mutex_destroy(&list->lock);
	free(list);
}

void rfs_open_files_add(struct rfs_ctx *ctx, struct rfs_open_entry *h)
{
	struct rfs_open_files *list = ctx->open_files;
	pthread_mutex_lock(&list->lock);
	h->next = list->head;
	if (list->head)
		list->head->prev = h;
	list->head = h;
	pthread_mutex_unlock(&list->lock);
}

void rfs_open_files_remove(struct rfs_ctx *ctx, struct rfs_open_entry *h)
{
	struct rfs_open_files *list = ctx->open_files;
	pthread_mutex_lock(&list->lock);
	if (h->prev)
		h->prev->next = h->next;
	else
		list->head = h->next;
	if (h->next)
		h->next->prev = h->prev;
	/* Its counts join the totals in the step that takes it off the list:
	 * rfs_open_files_values sees them once, open or closed. */
	if (h->tally)
		rfs_stats_merge(&ctx->stats, h->catalog, h->tally);
	pthread_mutex_unlock(&list->lock);
}

int rfs_open_files_values(struct rfs_ctx *ctx, struct rfs_values *out)
{
	struct rfs_open_files *list = ctx->open_files;
	pthread_mutex_lock(&list->lock);
	int res = rfs_stats_copy_values(&ctx->stats, out);
	for (struct rfs_open_entry *h = list->head; h && res == 0; h = h->next)
		if (h->tally)
			res = rfs_values_add_tally(out, h->catalog, h->tally);
	pthread_mutex_unlock(&list->lock);
	return res;
}

struct rfs_src *rfs_open_files_src(struct rfs_ctx *ctx, const char *real)
{
	struct rfs_open_files *list = ctx->open_files;
	struct rfs_src *src = NULL;
	pthread_mutex_lock(&list->lock);
	for (struct rfs_open_entry *h = list->head; h && !src; h = h->next)
		if (h->src && h->real && strcmp(h->real, real) == 0)
			src = h->src;
	/* held under the list's lock: the handle cannot be freed meanwhile
	 * (release takes it off the list first) */
	if (src)
		rfs_src_hold(src);
	pthread_mutex_unlock(&list->lock);
	return src;
}

int rfs_open_files_real(struct rfs_ctx *ctx, const char *shown, char *real, size_t cap)
{
	struct rfs_open_files *list = ctx->open_files;
	int res = -ENOENT;
	pthread_mutex_lock(&list->lock);
	for (struct rfs_open_entry *h = list->head; h && res < 0; h = h->next)
		if (h->src && h->real && strcmp(h->path, shown) == 0 && strlen(h->real) < cap) {
			strcpy(real, h->real);
			res = 0;
		}
	pthread_mutex_unlock(&list->lock);
	return res;
}

int rfs_open_paths(struct rfs_ctx *ctx, char ***paths, size_t *n)
{
	struct rfs_open_files *list = ctx->open_files;
	size_t cap = 0, count = 0;
	char **out = NULL;
	int res = 0;
	pthread_mutex_lock(&list->lock);
	for (struct rfs_open_entry *h = list->head; h; h = h->next) {
		if (count == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			char **grown = realloc(out, ncap * sizeof(*out));
			if (grown == NULL) {
				res = -ENOMEM;
				break;
			}
			out = grown;
			cap = ncap;
		}
		if ((out[count] = strdup(h->path)) == NULL) {
			res = -ENOMEM;
			break;
		}
		count++;
	}
	pthread_mutex_unlock(&list->lock);
	*paths = out;
	*n = count;
	return res;
}

/*
 * stats.c — the mount's counters: how each open ended, reads answered EIO,
 * when the policy in force was loaded, and the values redacted per
 * detector name (the engine's tallies of closed handles).
 *
 * Invariant: names and counts only, never a value. Open and read counters
 * are atomics; the totals of values are under the lock, taken inside the
 * list of open files' lock (openfiles.c), never the other way round.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "timetext.h"

int rfs_stats_init(struct rfs_stats *s)
{
	for (size_t i = 0; i < RFS_OUTCOMES; i++)
		atomic_init(&s->opens[i], 0);
	atomic_init(&s->reads_failed, 0);
	atomic_init(&s->loaded_ms, rfs_now_ms());
	atomic_init(&s->values_lost, false);
	s->totals = (struct rfs_values){ 0 };
	int res = pthread_mutex_init(&s->lock, NULL);
	return -res;
}

void rfs_stats_fini(struct rfs_stats *s)
{
	rfs_values_free(&s->totals);
	pthread_mutex_destroy(&s->lock);
}

void rfs_stats_open(struct rfs_stats *s, enum rfs_outcome o)
{
	if (o < RFS_OUTCOMES)
		atomic_fetch_add(&s->opens[o], 1);
}

void rfs_stats_read_failed(struct rfs_stats *s)
{
	atomic_fetch_add(&s->reads_failed, 1);
}

void rfs_stats_loaded(struct rfs_stats *s)
{
	atomic_store(&s->loaded_ms, rfs_now_ms());
}

void rfs_values_free(struct rfs_values *v)
{
	free(v->v);
	*v = (struct rfs_values){ 0 };
}

/* Adds count to name's entry in v (made when new). 0 or -ENOMEM. */
static int rfs_values_add(struct rfs_values *v, const char *name, uint64_t count)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].name, name) == 0) {
			v->v[i].count += count;
			return 0;
		}
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 32;
		struct rfs_value_count *grown = realloc(v->v, cap * sizeof(*grown));
		if (grown == NULL)
			return -ENOMEM;
		v->v = grown;
		v->cap = cap;
	}
	snprintf(v->v[v->n].name, sizeof(v->v[v->n].name), "%s", name);
	v->v[v->n].count = count;
	v->n++;
	return 0;
}

int rfs_values_add_tally(struct rfs_values *v, const redact_catalog *cat,
                         const redact_tally *t)
{
	for (size_t i = 0; i < redact_catalog_size(cat); i++) {
		uint64_t c = redact_tally_count(t, i);
		if (c && rfs_values_add(v, redact_detector_name(cat, i), c) < 0)
			return -ENOMEM;
	}
	return 0;
}

void rfs_stats_merge(struct rfs_stats *s, const redact_catalog *cat, const redact_tally *t)
{
	pthread_mutex_lock(&s->lock);
	if (rfs_values_add_tally(&s->totals, cat, t) < 0)
		atomic_store(&s->values_lost, true);
	pthread_mutex_unlock(&s->lock);
}

int rfs_stats_copy_values(struct rfs_stats *s, struct rfs_values *out)
{
	int res = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->totals.n && res == 0; i++)
		res = rfs_values_add(out, s->totals.v[i].name, s->totals.v[i].count);
	pthread_mutex_unlock(&s->lock);
	return res;
}

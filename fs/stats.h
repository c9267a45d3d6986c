/*
 * stats.h — the mount's counters (stats.c): opens by outcome, failed
 * reads, when the policy was loaded, and values redacted per detector
 * name, for the status view (status.c) and the audit's close records.
 *
 * Invariant: names and counts only, never a value.
 */
#ifndef RFS_STATS_H
#define RFS_STATS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "redact.h"

/* How an open of a file ended (counted once per open). */
enum rfs_outcome {
	RFS_OPEN_REDACTED, /* served through the engine */
	RFS_OPEN_RAW,      /* served as it is: allow, binary = allow, unmasked */
	RFS_OPEN_DENIED,   /* refused: deny, hide, binary = deny, for writing */
	RFS_OPEN_FAILED,   /* an error of ours (EIO: fail closed; ENOMEM) or of
	                    * SOURCE (the file gone, replaced by a symlink or
	                    * no longer a regular file since the lookup) */
	RFS_OUTCOMES
};

/* Values redacted per detector name (names are [a-z0-9_], 1-32 bytes). */
struct rfs_value_count {
	char name[40];
	uint64_t count;
};
struct rfs_values {
	struct rfs_value_count *v; /* malloc'ed; n used of cap */
	size_t n, cap;
};

/* The mount's counters. Open and read counters are atomics; the totals of
 * values are under lock, which openfiles.c takes inside its list lock. */
struct rfs_stats {
	atomic_ullong opens[RFS_OUTCOMES];
	atomic_ullong reads_failed; /* reads answered EIO */
	atomic_ullong size_passes;  /* the engine's sizes passes (replace,
	                             * remove): one per file version */
	atomic_llong loaded_ms;     /* when the policy in force was loaded */
	atomic_bool values_lost;    /* some counts were lost (out of memory) */
	pthread_mutex_t lock;
	struct rfs_values totals;   /* of handles already closed */
};

/* Zero counters; the policy in force counts as loaded now. 0 or -errno. */
int rfs_stats_init(struct rfs_stats *s);
void rfs_stats_fini(struct rfs_stats *s);
void rfs_stats_open(struct rfs_stats *s, enum rfs_outcome o);
void rfs_stats_read_failed(struct rfs_stats *s);
/* A new policy is in force from now (reload.c). */
void rfs_stats_loaded(struct rfs_stats *s);
/* Adds a closing handle's tally (detector numbers of cat) to the totals. */
void rfs_stats_merge(struct rfs_stats *s, const redact_catalog *cat, const redact_tally *t);
/* Copies the totals into out. 0 or -ENOMEM. */
int rfs_stats_copy_values(struct rfs_stats *s, struct rfs_values *out);
/* Adds t's counts (detector numbers of cat) to v, by name, in cat's order:
 * the one walk from a tally to names and counts (status view, audit close
 * records). 0 or -ENOMEM. */
int rfs_values_add_tally(struct rfs_values *v, const redact_catalog *cat,
                         const redact_tally *t);
void rfs_values_free(struct rfs_values *v);

#endif /* RFS_STATS_H */

/*
 * openfiles.h — the list of open file handles (openfiles.c): what the
 * status view counts of files still open, what a reload invalidates, and
 * the handles the kernel never released, freed when the loop ends.
 *
 * Invariant: a handle's counts join the mount's totals in the same step
 * that takes it off the list (under the list's lock), so every value is
 * counted once, open or closed. Lock order: the list's lock, then the
 * status totals' (stats.c).
 */
#ifndef RFS_OPENFILES_H
#define RFS_OPENFILES_H

#include <stddef.h>

#include "redact.h"

struct rfs_ctx;
struct rfs_open_files;
struct rfs_src;
struct rfs_values;

/* What the list knows of an open file handle; embedded in the handle
 * (handle.h), which sets path, tally and catalog before it is added and
 * keeps them (and the policy the catalog belongs to) until it is freed. */
struct rfs_open_entry {
	struct rfs_open_entry *prev, *next; /* under the list's lock */
	const char *path;                   /* the mount path at open (shown) */
	const char *real;                   /* the real path at open */
	struct rfs_src *src;                /* the SOURCE file it reads, or NULL */
	redact_tally *tally;                /* the handle's counts, or NULL */
	const redact_catalog *catalog;      /* detector names of the tally */
};

struct rfs_open_files *rfs_open_files_new(void);
/* Frees the list, and with free_handle the handles still on it (those the
 * kernel never released). */
void rfs_open_files_free(struct rfs_open_files *list,
                         void (*free_handle)(struct rfs_open_entry *e));
/* Puts e on / takes e off ctx's list (off: its tally joins the totals). */
void rfs_open_files_add(struct rfs_ctx *ctx, struct rfs_open_entry *e);
void rfs_open_files_remove(struct rfs_ctx *ctx, struct rfs_open_entry *e);
/* The values redacted so far: the totals of closed handles plus the
 * tallies of open ones. 0 or -ENOMEM. */
int rfs_open_files_values(struct rfs_ctx *ctx, struct rfs_values *out);
/* The SOURCE file of an open handle opened at real path real, held for the
 * caller (rfs_src_release), or NULL when none is open: what answers for a
 * file deleted from SOURCE while it is open here. */
struct rfs_src *rfs_open_files_src(struct rfs_ctx *ctx, const char *real);
/* The real path (into real, cap bytes) of an open handle opened at the
 * shown path shown. 0, or -ENOENT when none is open. */
int rfs_open_files_real(struct rfs_ctx *ctx, const char *shown, char *real, size_t cap);
/* Copies of the paths of every open file handle (malloc'ed array of
 * malloc'ed strings; the caller frees both). 0 or -ENOMEM. */
int rfs_open_paths(struct rfs_ctx *ctx, char ***paths, size_t *n);

#endif /* RFS_OPENFILES_H */

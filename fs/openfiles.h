/*
 * openfiles.h — the list of open file handles (openfiles.c): what the
 * status view counts of files still open, what a reload invalidates, and
 * the handles the kernel never released, freed when the loop ends.
 *
 * Invariant: a handle's counts join the mount's totals in the same step
 * that takes it off the list (under the list's lock), so every value is
 * counted once, open or closed. Lock order: the list's lock, then the
 * status totals' (status.c).
 */
#ifndef RFS_OPENFILES_H
#define RFS_OPENFILES_H

#include <stddef.h>

struct rfs_ctx;
struct rfs_file;
struct rfs_open_files;
struct rfs_values;

struct rfs_open_files *rfs_open_files_new(void);
/* Frees the list and the handles still on it. */
void rfs_open_files_free(struct rfs_open_files *list);
/* Puts h on / takes h off ctx's list (off: its tally joins the totals). */
void rfs_open_files_add(struct rfs_ctx *ctx, struct rfs_file *h);
void rfs_open_files_remove(struct rfs_ctx *ctx, struct rfs_file *h);
/* The values redacted so far: the totals of closed handles plus the
 * tallies of open ones. 0 or -ENOMEM. */
int rfs_open_files_values(struct rfs_ctx *ctx, struct rfs_values *out);
/* Copies of the paths of every open file handle (malloc'ed array of
 * malloc'ed strings; the caller frees both). 0 or -ENOMEM. */
int rfs_open_paths(struct rfs_ctx *ctx, char ***paths, size_t *n);

#endif /* RFS_OPENFILES_H */

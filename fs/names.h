/*
 * names.h — the names a consumer sees (names.c): what each entry of a
 * SOURCE directory shows, and the way back from a shown path to the real
 * one.
 *
 * Invariant: a path the consumer gives is read as shown names only; a real
 * name that shows otherwise leads nowhere (-ENOENT, as for a name that
 * does not exist), so a guessed value cannot be confirmed by opening it.
 */
#ifndef RFS_NAMES_H
#define RFS_NAMES_H

#include <stddef.h>

struct rfs_ctx;
struct rfs_pol;
struct rfs_names;
struct rfs_dirmap;

/* Writes "DIR/NAME" (or "/NAME" under the root) into out of cap bytes.
 * Returns 0, or -ENAMETOOLONG. */
int rfs_child_path(char *out, size_t cap, const char *dir, const char *name);

struct rfs_names *rfs_names_new(void);
void rfs_names_free(struct rfs_names *n);

/* The real path (mount-relative, "/" or "/a/b") of the shown path shown,
 * under pol, into real (cap bytes). Returns 0, -ENOENT when a component
 * shows no entry, -ENAMETOOLONG, or -errno from SOURCE or the engine. */
int rfs_names_real_path(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *shown,
                        char *real, size_t cap);

/* The map of the real directory dir (a reference: rfs_dirmap_put). 0 or
 * -errno. */
int rfs_names_dir(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *dir,
                  struct rfs_dirmap **out);
void rfs_dirmap_put(struct rfs_dirmap *m);
/* What the entry real_name of m's directory shows; NULL: not listed (a
 * hidden entry, one whose name the engine could not scan, or one created
 * since the map was made). */
const char *rfs_dirmap_shown(const struct rfs_dirmap *m, const char *real_name);

/* A symlink's target (target, as read from SOURCE, of the link at the real
 * path link) as shown: each component that names an entry of SOURCE shows
 * that entry's shown name; the others are scanned like names under the
 * link's policy. Written into buf (size bytes, NUL-terminated, cut).
 * Returns 0 or -errno. */
int rfs_names_link_target(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *link,
                          const char *target, char *buf, size_t size);

#endif /* RFS_NAMES_H */

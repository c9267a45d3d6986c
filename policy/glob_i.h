/*
 * glob_i.h — private to policy/: path globs of [path:GLOB] sections.
 *
 * A glob is split into '/'-separated segments once, when the policy is
 * loaded. "**" as a whole segment matches zero or more path segments; every
 * other segment is matched against exactly one path segment with fnmatch(3)
 * and flags 0, so '*', '?' and [...] work inside a segment and '*' matches a
 * leading '.' too. Invariant: matching never allocates and never writes to
 * the glob, so one glob may be matched by any number of threads at once.
 */
#ifndef POLICY_GLOB_I_H
#define POLICY_GLOB_I_H

#include <stdbool.h>
#include <stddef.h>

#define POLICY_GLOB_MAX_SEGS 256u /* segments in one glob */

struct policy_glob {
	char *buf;     /* the segments, each NUL-terminated, back to back */
	char **seg;    /* seg[i] points into buf; NULL for a "**" segment */
	size_t nseg;   /* 0 for the glob "/" (matches the root only) */
};

/* Splits text into *g. Returns 0, or -EINVAL with the reason in err (text
 * must start with '/'; no empty, "." or ".." segments; "**" must be a whole
 * segment), or -ENOMEM. */
int policy_glob_compile(struct policy_glob *g, const char *text, char *err,
                        size_t errlen);
void policy_glob_free(struct policy_glob *g);

/* A path cut into segments by policy_path_split(): seg[i] is a
 * NUL-terminated segment inside the caller's buffer. */
struct policy_path {
	const char *const *seg;
	size_t nseg;
};

/* True when the first nseg segments of path match g. */
bool policy_glob_match(const struct policy_glob *g, const struct policy_path *path,
                       size_t nseg);

/* Copies path ("/a/b", absolute) into buf (bufsize bytes) with every '/'
 * replaced by NUL and points seg[0..] at its segments (at most maxseg).
 * Empty segments ("//", a trailing '/') are skipped. Returns the number of
 * segments, or -1 when the path does not start with '/', holds a "." or
 * ".." segment, or does not fit. Does not allocate. */
int policy_path_split(const char *path, char *buf, size_t bufsize, const char **seg,
                      size_t maxseg);

#endif /* POLICY_GLOB_I_H */

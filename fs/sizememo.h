/*
 * sizememo.h — the length of a file's output when the policy replaces or
 * removes values, for getattr without an open handle (sizememo.c): one
 * pass of the engine over the file, remembered per policy, path and file
 * version, so a stat of an unchanged file does not pass over it again.
 *
 * Invariant: a remembered length is used only for exactly the policy,
 * path and file version (device, inode, size, mtime, ctime) it was
 * computed for; each entry holds a reference to its policy, so a policy's
 * address is never reused while an entry names it.
 */
#ifndef RFS_SIZEMEMO_H
#define RFS_SIZEMEMO_H

#include <stdbool.h>
#include <sys/stat.h>

#include "policy.h"

struct rfs_pol;
struct rfs_size_memo;

struct rfs_size_memo *rfs_size_memo_new(void);
void rfs_size_memo_free(struct rfs_size_memo *m);

/* Whether a file's st_size through the mount needs the engine: its view
 * replaces or removes values (view of a regular file in redact mode). */
bool rfs_size_needs_engine(const struct policy_view *view);

/* For a file whose view (under pol, held by the caller) needs the engine
 * for its size, sets st->st_size to the output's length for this caller
 * (one pass over the file, remembered). A file served raw, denied or
 * binary keeps SOURCE's size. Returns 0 or -EIO. */
int rfs_output_size(struct rfs_pol *pol, const char *path, const struct policy_view *view,
                    struct stat *st);
/* The same for the SOURCE file src (held by the caller) whose fstat is
 * *st: a file still open here that SOURCE no longer names. */
struct rfs_src;
int rfs_output_size_of(struct rfs_pol *pol, const char *path, const struct policy_view *view,
                       struct rfs_src *src, struct stat *st);

#endif /* RFS_SIZEMEMO_H */

/*
 * serve.h — how an open file is served: decided from its path's policy
 * view, its first bytes and its opener, for the opener and for a caller
 * who is not unmasked (serve.c).
 *
 * Invariant (fail closed): a decision serves raw bytes only where the
 * policy says so (policy_serving: mode allow, binary = allow, or a caller
 * in the path's unmask lists); anything else goes through the engine or
 * is an error. The engine's file of a decision holds the policy its
 * profile points into: a read that holds the engine keeps both alive,
 * whatever reloads happen meanwhile.
 */
#ifndef RFS_SERVE_H
#define RFS_SERVE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "redact.h"

struct rfs_pol;
struct rfs_src;

/* Who opened a file: the FUSE request's caller. */
struct rfs_caller {
	uid_t uid;
	gid_t gid;
	pid_t pid;
	gid_t *groups; /* supplementary groups, malloc'ed; may be NULL */
	size_t ngroups;
};

/* The request's caller: uid, gid, pid, and (when with_groups) its
 * supplementary groups. On failure to read the groups, none: fewer
 * rights, never more. */
void rfs_caller_get(struct rfs_caller *who, bool with_groups);

/* Whether the request's caller is in the unmask lists pol gives path. */
bool rfs_caller_unmasked(struct rfs_pol *pol, const char *path);

/* The engine's file (redact_file) for one decision, shared by the reads
 * that use it; reference-counted, with a reference to its policy. */
struct rfs_engine;
/* An engine for profile p (pointing into pol, referenced) reading the
 * SOURCE file through *fd, which must outlive it; passes (may be NULL)
 * counts its sizes passes. NULL on out of memory. */
struct rfs_engine *rfs_engine_new(struct rfs_pol *pol, const redact_profile *p, const int *fd,
                                  _Atomic unsigned long long *passes);
struct rfs_engine *rfs_engine_ref(struct rfs_engine *e);
void rfs_engine_unref(struct rfs_engine *e); /* e may be NULL */
/* The output bytes [off, off + len) of the file as st (its fstat now)
 * says it is, into out; their count into *n. w: a workspace or NULL; t:
 * counts or NULL. Returns 0 or -errno. */
int rfs_engine_read(struct rfs_engine *e, const struct stat *st, uint64_t off, size_t len,
                    void *out, size_t *n, redact_workspace *w, redact_tally *t);
/* The output's length for the file as st says it is (st_size unless the
 * profile replaces or removes values). Returns 0 or -errno. */
int rfs_engine_size(struct rfs_engine *e, const struct stat *st, uint64_t *size);

/* How a file is served under one policy to one kind of caller. */
struct rfs_serve {
	int err;                   /* 0, or what a read gets (-EIO) */
	bool raw;                  /* serve bytes as they are */
	bool binary_raw;           /* raw only because the file was binary */
	struct rfs_engine *engine; /* when neither err nor raw: the decision's */
};

/* A handle's decision under one policy. */
struct rfs_decision {
	struct rfs_serve opener;    /* what the opener gets */
	struct rfs_serve masked;    /* what a caller not unmasked gets */
	bool per_caller;            /* the view depends on the caller */
	const char *mode;           /* for the audit: mode name or "binary-deny" */
	struct rfs_engine *engine;  /* the one reference the decision holds */
};

/* What pol says path shows to who, for the shared SOURCE file src (read
 * through it by the engine, shared with its other users: src must outlive
 * the decision; NULL when the path's mode reads nothing). Returns 0 or
 * what an open gets: -ENOENT (hide), -EACCES (deny, binary deny), -EIO,
 * -ENOMEM. d is filled either way; rfs_decision_clear releases it. */
int rfs_decide(struct rfs_pol *pol, const char *path, struct rfs_src *src,
               const struct rfs_caller *who, struct rfs_decision *d);
void rfs_decision_clear(struct rfs_decision *d);

#endif /* RFS_SERVE_H */

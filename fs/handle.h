/*
 * handle.h — open files of the mount: open decides how a file is served,
 * read serves it, release closes it (handle.c); and what an open file
 * handle holds, for the list of open files (openfiles.c).
 *
 * Invariant (fail closed): a handle serves raw bytes only as its decision
 * (serve.h) says, and any error of a redacted read is EIO, never raw
 * bytes. A handle's decision changes only when the policy does (a read
 * under a newer policy decides again), under its state_lock.
 */
#ifndef RFS_HANDLE_H
#define RFS_HANDLE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/stat.h>

#include <fuse.h>

#include "cache.h"
#include "fh.h"
#include "openfiles.h"
#include "serve.h"
#include "srcfile.h"

/* An open file handle (fi->fh). */
struct rfs_file {
	enum rfs_kind kind;     /* RFS_KIND_FILE */
	struct rfs_open_entry listed; /* in the list of open files (openfiles.c) */
	struct rfs_src *src;    /* the SOURCE file, shared (srcfile.h): every
	                         * handle has one (deny and hide make none) */
	dev_t dev;              /* the SOURCE file's identity, from open */
	ino_t ino;
	char *path;             /* the real path (from the mount root) at open */
	char *shown;            /* the path the opener used (names.c): the
	                         * kernel's, invalidated after a reload */
	struct rfs_caller who;  /* the opener */
	bool direct_io;         /* the view depends on the caller: direct I/O */
	bool growing;           /* written to just before the open: direct I/O too */
	/* The version this open saw (cache.c); confirm_pending: it answered
	 * keep_cache = 0 for a page-cached view, and its first read tells
	 * the cache table that the kernel's drop is done. */
	struct rfs_version ver;
	atomic_bool confirm_pending;
	/* The decision and the policy it was made under; changed only by a
	 * read under a newer policy, under state_lock. */
	pthread_mutex_t state_lock;
	struct rfs_pol *pol;    /* a reference */
	struct rfs_decision d;
	/* Handles that serve the engine's output count its values (NULL
	 * otherwise; see rfs_open), for the status view and, for a redacted
	 * open with an audit log (audited), for the close record. Detector
	 * numbers are those of the policy the file was opened under
	 * (tally_pol): reads under a reloaded policy are not counted. */
	redact_tally *tally;
	struct rfs_pol *tally_pol;
	bool audited;
};

/* Opens the file at the real path real, which the consumer named shown
 * (the path it used, for the kernel and the audit trail). */
int rfs_open(const char *real, const char *shown, struct fuse_file_info *fi);
/* The real path of the file handle fi (the one at open), or NULL when fi
 * is no file handle of this mount. */
const char *rfs_file_real_path(const struct fuse_file_info *fi);
int rfs_read_buf(const char *path, struct fuse_bufvec **bufp, size_t size, off_t off,
                 struct fuse_file_info *fi);
int rfs_release(const char *path, struct fuse_file_info *fi);
/* fstat(2) of an open file handle for path, as a read under pol (held by
 * the caller) would serve it: st_size is the output's length (it differs
 * for replace/remove). -EBADF when fi is not a file handle, -EIO when path
 * now names another file. */
int rfs_file_fstat(struct rfs_pol *pol, const char *path, const struct fuse_file_info *fi,
                   struct stat *st);
/* Frees a handle the kernel never released (the list's end of life:
 * rfs_open_files_free's free_handle). */
void rfs_file_free_listed(struct rfs_open_entry *e);

/* An open of a file written to (its mtime) within this many seconds is
 * served with direct I/O: docs/fs.md, "Files being written". */
#define RFS_RECENT_SEC 2
bool rfs_changed_recently(const struct stat *st);

#endif /* RFS_HANDLE_H */

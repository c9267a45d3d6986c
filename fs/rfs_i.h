/*
 * rfs_i.h — private header of fs/, the FUSE frontend of redactfs.
 *
 * fs/ speaks FUSE (libfuse3 high-level, path-based API) and asks policy/
 * what a path may show and redact/ for content; it holds no regexes.
 *
 * Invariants kept by the files of fs/:
 *  - source.c is the only code that touches SOURCE, always beneath the
 *    SOURCE dirfd with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS).
 *  - every operation passes rfs_gate() (ops.c) before it does anything:
 *    a hidden path is ENOENT for every operation.
 *  - a file handle serves either raw bytes (mode allow, or binary = allow)
 *    or engine output, decided once at open; an engine error is EIO,
 *    never raw bytes. Every read checks again what could make its bytes
 *    wrong for the page cache all handles of a path share (handle.c): a
 *    path that now names another file (checked at the GETATTR before each
 *    read(2) too), a binary = allow file that no longer looks binary; both
 *    are EIO.
 *  - the policy in force is reached only through polref.c: every
 *    operation holds the policy read lock while it uses the policy, so a
 *    reload (reload.c, write lock) swaps it atomically: an operation sees
 *    the old or the new policy, never a mix. A file handle keeps a
 *    reference to the policy it was decided under; a read under a newer
 *    policy decides again (handle.c) and fails with EIO when the new
 *    policy forbids what the handle served.
 *  - a file whose view depends on the caller (unmask lists) never puts raw
 *    bytes into the page cache: its handles are direct_io and a page-cache
 *    fill (mmap) of it is served masked (handle.c).
 *  - an open keeps the kernel's cached pages of a path only when they are
 *    the same file version under the same policy generation, and a drop
 *    made under exactly these has completed (cache.c); else the kernel
 *    drops them at the open.
 *  - mutable state shared between threads: the context's policy pointer
 *    (under its rwlock) and reload counters (atomics); the list of open
 *    handles (its mutex); the cache table (its mutex); a handle's
 *    decision (its mutex); the status counters (atomics, and the values'
 *    totals under their mutex, taken after the list's). A directory
 *    handle is only used under libfuse's per-handle lock.
 *  - the status view (status.c) shows counts and detector names, never a
 *    value of a file and never a file name.
 */
#ifndef RFS_I_H
#define RFS_I_H

#define FUSE_USE_VERSION 312 /* libfuse >= 3.12: fuse_loop_cfg_* */

#include <fuse.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "policy.h"
#include "redact.h"
#include "serve.h"

/* The mounted filesystem's state, reached through
 * fuse_get_context()->private_data (or passed directly to the reload
 * thread, which is no FUSE worker). */
struct rfs_open_files;
struct rfs_size_memo;
struct rfs_pol;
struct rfs_cache;

/* ---- status.c: counters and the administrator's status view ---------- */

#define RFS_XATTR_STATUS "user.redactfs.status"

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
 * values are under lock, which handle.c takes inside its list lock. */
struct rfs_stats {
	atomic_ullong opens[RFS_OUTCOMES];
	atomic_ullong reads_failed; /* reads answered EIO */
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

/* ---- wspool.c: engine workspaces lent to reads ------------------------ */

#define RFS_WSPOOL_KEEP 16u
struct rfs_wspool {
	pthread_mutex_t lock;
	redact_workspace *free[RFS_WSPOOL_KEEP];
	size_t count;
};
int rfs_wspool_init(struct rfs_wspool *p);
void rfs_wspool_fini(struct rfs_wspool *p);
/* A workspace for one read (NULL when none can be made: the read then
 * makes a throwaway one). */
redact_workspace *rfs_wspool_take(struct rfs_wspool *p);
/* Takes w back (w may be NULL). */
void rfs_wspool_give(struct rfs_wspool *p, redact_workspace *w);

struct rfs_ctx {
	struct rfs_wspool wspool; /* workspaces for redacted reads (wspool.c) */
	struct rfs_open_files *open_files; /* handles not released yet (openfiles.c) */
	struct rfs_size_memo *size_memo;   /* output sizes for getattr (sizememo.c) */
	struct rfs_cache *cache; /* what the kernel's page cache holds (cache.c) */
	int rootfd;         /* SOURCE, O_PATH | O_DIRECTORY; owned by main() */
	const char *source; /* absolute path of SOURCE, for messages */
	const char *policy_file; /* absolute path of -o policy, NULL: built-in */
	struct fuse *fuse;  /* for fuse_invalidate_path after a reload */
	/* polref.c: the policy in force, swapped under pol_lock. */
	pthread_rwlock_t pol_lock;
	struct rfs_pol *cur;
	/* reload.c: reloads tried and the last result, for the root's
	 * user.redactfs.reload attribute. */
	atomic_uint reloads;
	atomic_bool reload_failed;
	atomic_bool reload_stop; /* tells the reload thread to end */
	struct rfs_stats stats;  /* status.c: what the status view counts */
};

/* ---- polref.c: the policy in force, with a reference count ----------- */

/* A loaded policy plus what goes with it (the audit log's fd). */
struct rfs_pol {
	policy *pol;
	int audit_fd;       /* -1: no audit_log */
	uint64_t gen;       /* unique per load, never reused (cache.c) */
	atomic_long refs;
};

/* Loads file (NULL: the built-in policy) and opens its audit log. Returns
 * 0 and *out with one reference, or -errno with "FILE:LINE: ..." or
 * "FILE: ..." in err. */
int rfs_pol_load(struct rfs_pol **out, const char *file, char *err, size_t errlen);
struct rfs_pol *rfs_pol_ref(struct rfs_pol *p);
void rfs_pol_unref(struct rfs_pol *p);
/* Initialises ctx's lock with p as the policy in force (takes p's ref). */
int rfs_pol_init(struct rfs_ctx *ctx, struct rfs_pol *p);
void rfs_pol_fini(struct rfs_ctx *ctx);
/* Read-locks and returns the policy in force; valid until rfs_pol_end.
 * Never nested within one thread. */
struct rfs_pol *rfs_pol_begin(struct rfs_ctx *ctx);
void rfs_pol_end(struct rfs_ctx *ctx);
/* Makes p the policy in force (takes p's ref); waits for every operation
 * under the old one to end; drops the context's ref to the old one. */
void rfs_pol_swap(struct rfs_ctx *ctx, struct rfs_pol *p);

/* ---- cache.c: may an open keep the kernel's cached pages? ------------ */

/* A file version under a policy: what cached pages were made from. */
struct rfs_version {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	uint64_t gen; /* rfs_pol.gen */
};

void rfs_version_of(struct rfs_version *v, const struct stat *st, uint64_t gen);
struct rfs_cache *rfs_cache_new(void);
void rfs_cache_free(struct rfs_cache *c);
/* For an open of path (a view that does not depend on the caller) that
 * saw version v: true when it may answer keep_cache = 1. When false, the
 * open answers keep_cache = 0 and its handle calls rfs_cache_confirm with
 * the same v at its first read. */
bool rfs_cache_open(struct rfs_cache *c, const char *path, const struct rfs_version *v);
/* The drop made by an open that saw v has completed (a read came). */
void rfs_cache_confirm(struct rfs_cache *c, const char *path, const struct rfs_version *v);
/* path is served per caller: no entry. */
void rfs_cache_forget(struct rfs_cache *c, const char *path);

/* ---- reload.c: SIGHUP, the reload thread, the control attributes ----- */

#define RFS_XATTR_PREFIX "user.redactfs."
#define RFS_XATTR_PID "user.redactfs.pid"
#define RFS_XATTR_RELOAD "user.redactfs.reload"

/* Blocks SIGHUP in the calling thread (before any worker thread exists,
 * so that all inherit it) and starts the thread that reloads on SIGHUP. */
int rfs_reload_start(struct rfs_ctx *ctx, pthread_t *thread);
void rfs_reload_stop(struct rfs_ctx *ctx, pthread_t thread);
/* Loads the policy file again; on success swaps it in and invalidates
 * what the kernel cached for open files. Logs the outcome. 0 or -errno. */
int rfs_reload(struct rfs_ctx *ctx);
/* The root's control attributes: the value of name into value (size 0:
 * the length), or -ENODATA when name is not one. */
int rfs_control_xattr(struct rfs_ctx *ctx, const char *name, char *value,
                      size_t size);

/* status.c: the text of the root's user.redactfs.status attribute for the
 * caller uid (malloc'ed into *text): -EACCES unless caller is root or the
 * user running the daemon; -ENOMEM. Names and counts only. */
int rfs_status_text(struct rfs_ctx *ctx, uid_t caller, char **text);

/* ---- log.c: messages to syslog and stderr ---------------------------- */

/* openlog("redactfs", LOG_PID, LOG_DAEMON) and route fuse_log there too
 * (and to stderr, which is /dev/null once daemonized). */
void rfs_log_open(void);
void rfs_log(enum fuse_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- audit.c: the audit trail ----------------------------------------- */

/* Appends one JSON line for path to fd (no-op when fd < 0): event "open"
 * or "close", mode ("redact", "allow", "deny", "hide", "binary-deny"),
 * action ("redacted", "raw", "denied") and counts, a JSON object text
 * (names are detector names, [a-z0-9_]). One write(2) per line. Never
 * holds file content. Returns 0 or -errno. */
int rfs_audit_record(int fd, const struct rfs_caller *who, const char *path, const char *event,
                     const char *mode, const char *action, const char *counts);
/* The "close" line of a redacted file: the values v redacted per detector
 * (names and counts only). Returns 0 or -errno. */
int rfs_audit_close_record(int fd, const struct rfs_caller *who, const char *path,
                           const char *mode, const struct rfs_values *v);

/* Now, in ms since the epoch (CLOCK_REALTIME). */
long long rfs_now_ms(void);
/* ms since the epoch as the audit log and the status view write a time:
 * UTC, ISO 8601 with milliseconds (2025-01-31T09:15:02.123Z) into out,
 * which holds RFS_TIME_LEN bytes. */
#define RFS_TIME_LEN 40
void rfs_time_text(long long ms, char *out, size_t size);

/* What fi->fh points to; the kind tells file handles from dir handles. */
enum rfs_kind {
	RFS_KIND_FILE = 0x52464631, /* "RFF1" */
	RFS_KIND_DIR = 0x52464431,  /* "RFD1" */
};

/* ---- ops.c: the operations table and the chokepoint ------------------ */

extern const struct fuse_operations rfs_ops;

struct rfs_ctx *rfs_ctx_get(void);

/* All filesystem operations go through here. Fills *view with what pol
 * (held through rfs_pol_begin or a handle's reference) says for path;
 * returns 0, -ENOENT when the path is hidden, -EINVAL for a path that is
 * not absolute. The root "/" is never hidden (a hide there is reported as
 * allow: the root can be listed, its entries decide alone). */
int rfs_gate(const struct rfs_pol *pol, const char *path,
             struct policy_view *view);
/* rfs_gate under the policy in force, for operations that only need the
 * mode (view's profile would not outlive the call). */
int rfs_gate_mode(const char *path, enum policy_mode *mode);
/* What the mount changes in SOURCE's attributes besides st_size
 * (getattr, readdirplus): the preferred I/O size of regular files. */
void rfs_attr_fixup(struct stat *st);

/* ---- source.c: the only door into SOURCE ----------------------------- */

/* Returns a new fd for path (a mount path, "/" or "/a/b") opened beneath
 * rootfd with flags (O_CLOEXEC is added), or -errno. Never follows a
 * symlink in any component (-ELOOP), never leaves SOURCE (-EXDEV). */
int rfs_source_open(int rootfd, const char *path, int flags);
/* lstat(2) of path beneath rootfd. Returns 0 or -errno. */
int rfs_source_lstat(int rootfd, const char *path, struct stat *st);
/* readlink(2) of path beneath rootfd into buf, NUL-terminated, truncated
 * to size - 1 bytes. Returns 0 or -errno (-EINVAL: not a symlink). */
int rfs_source_readlink(int rootfd, const char *path, char *buf, size_t size);
/* Opens the regular file at path for reading without blocking. Returns the
 * fd and fills *st, or -errno (-EACCES: not a regular file). */
int rfs_source_open_file(int rootfd, const char *path, struct stat *st);
/* lstat(2) of name, one entry of the SOURCE directory dirfd (opened by
 * rfs_source_open_dir): no '/' and no dot names. Returns 0 or -errno. */
int rfs_source_statat(int dirfd, const char *name, struct stat *st);
/* Opens the directory at path for listing. Returns the fd or -errno. */
int rfs_source_open_dir(int rootfd, const char *path);
/* Reads like pread(2) but retries short reads: returns the count read
 * (short only at end of file) or -errno. */
ssize_t rfs_source_pread(int fd, void *buf, size_t len, uint64_t off);

/* ---- dir.c: directory listings --------------------------------------- */

int rfs_opendir(const char *path, struct fuse_file_info *fi);
int rfs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                struct fuse_file_info *fi, enum fuse_readdir_flags flags);
int rfs_releasedir(const char *path, struct fuse_file_info *fi);

/* ---- refuse.c: every modifying operation is EROFS -------------------- */

int rfs_refuse_mknod(const char *path, mode_t mode, dev_t rdev);
int rfs_refuse_mkdir(const char *path, mode_t mode);
int rfs_refuse_unlink(const char *path);
int rfs_refuse_rmdir(const char *path);
int rfs_refuse_symlink(const char *target, const char *path);
int rfs_refuse_rename(const char *from, const char *to, unsigned int flags);
int rfs_refuse_link(const char *from, const char *to);
int rfs_refuse_chmod(const char *path, mode_t mode, struct fuse_file_info *fi);
int rfs_refuse_chown(const char *path, uid_t uid, gid_t gid,
                     struct fuse_file_info *fi);
int rfs_refuse_truncate(const char *path, off_t size, struct fuse_file_info *fi);
int rfs_refuse_write(const char *path, const char *buf, size_t size, off_t off,
                     struct fuse_file_info *fi);
int rfs_refuse_setxattr(const char *path, const char *name, const char *value,
                        size_t size, int flags);
int rfs_refuse_removexattr(const char *path, const char *name);
int rfs_refuse_create(const char *path, mode_t mode, struct fuse_file_info *fi);
int rfs_refuse_utimens(const char *path, const struct timespec tv[2],
                       struct fuse_file_info *fi);
int rfs_refuse_fallocate(const char *path, int mode, off_t off, off_t len,
                         struct fuse_file_info *fi);
ssize_t rfs_refuse_copy_file_range(const char *path_in,
                                   struct fuse_file_info *fi_in, off_t off_in,
                                   const char *path_out,
                                   struct fuse_file_info *fi_out,
                                   off_t off_out, size_t size, int flags);

/* ---- main.c: what `redactfs SOURCE MOUNTPOINT` and `redactfs exec` share */

struct fuse_cmdline_opts;

/* Serves a checked setup: mounts (rfs_mount_new), serves, unmounts (rfs_mount_end).
 * Returns the exit status. */
typedef int rfs_serve_fn(struct fuse_args *args, const struct fuse_cmdline_opts *co,
                         struct rfs_ctx *ctx, void *arg);
/* Parses a mount command line ([options] SOURCE MOUNTPOINT), checks SOURCE,
 * the mountpoint and the policy, makes the context, then calls serve.
 * Every error is printed first (a bad policy as FILE:LINE: what) with
 * status 1, before serve mounts anything. Returns the exit status. */
int rfs_mount_command(int argc, char *argv[], rfs_serve_fn *serve, void *serve_arg);
/* fuse_new and fuse_mount at mountpoint (options as parsed: ro, nosuid,
 * nodev, subtype, fsname). Returns the filesystem or NULL (libfuse has
 * said why); sets ctx->fuse. */
struct fuse *rfs_mount_new(struct fuse_args *args, const char *mountpoint,
                           struct rfs_ctx *ctx);
/* Serves requests until the mount goes away (or fuse_exit). 0 or -1. */
int rfs_loop(struct fuse *f, const struct fuse_cmdline_opts *co);
/* Unmounts f (a no-op when the connection has already ended), frees it. */
void rfs_mount_end(struct rfs_ctx *ctx, struct fuse *f);
/* True when child is parent or inside it (both absolute, canonical). */
int rfs_path_within(const char *child, const char *parent);

#endif /* RFS_I_H */

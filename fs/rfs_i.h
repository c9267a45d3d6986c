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
 *    path that now names another file, a binary = allow file that no
 *    longer looks binary; both are EIO.
 *  - no mutable state is shared between threads: the context is immutable
 *    after mount; a file handle is immutable after open; a directory
 *    handle is only used under libfuse's per-handle lock.
 */
#ifndef RFS_I_H
#define RFS_I_H

#define FUSE_USE_VERSION 312 /* libfuse >= 3.12: fuse_loop_cfg_* */

#include <fuse.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "policy.h"
#include "redact.h"

/* The mounted filesystem's state, reached through
 * fuse_get_context()->private_data. Immutable once mounted. */
struct rfs_open_files;

struct rfs_ctx {
	struct rfs_open_files *open_files; /* handles not released yet (handle.c) */
	int rootfd;         /* SOURCE, O_PATH | O_DIRECTORY; owned by main() */
	const policy *pol;  /* owned by main() */
	const char *source; /* absolute path of SOURCE, for messages */
};

/* What fi->fh points to; the kind tells file handles from dir handles. */
enum rfs_kind {
	RFS_KIND_FILE = 0x52464631, /* "RFF1" */
	RFS_KIND_DIR = 0x52464431,  /* "RFD1" */
};

/* handle.c: the list of open file handles, so that those the kernel never
 * released (a reader still open at unmount) are freed when the loop ends. */
struct rfs_open_files *rfs_open_files_new(void);
void rfs_open_files_free(struct rfs_open_files *list);

/* ---- ops.c: the operations table and the chokepoint ------------------ */

extern const struct fuse_operations rfs_ops;

const struct rfs_ctx *rfs_ctx_get(void);

/* All filesystem operations go through here. Fills *view with the policy
 * for path; returns 0, -ENOENT when the path is hidden, -EINVAL for a path
 * that is not absolute. The root "/" is never hidden (a hide there is
 * reported as allow: the root can be listed, its entries decide alone). */
int rfs_gate(const char *path, struct policy_view *view);

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
/* Opens the directory at path for listing. Returns the fd or -errno. */
int rfs_source_open_dir(int rootfd, const char *path);
/* Reads like pread(2) but retries short reads: returns the count read
 * (short only at end of file) or -errno. */
ssize_t rfs_source_pread(int fd, void *buf, size_t len, uint64_t off);

/* ---- handle.c: open files -------------------------------------------- */

int rfs_open(const char *path, struct fuse_file_info *fi);
int rfs_read(const char *path, char *buf, size_t size, off_t off,
             struct fuse_file_info *fi);
int rfs_release(const char *path, struct fuse_file_info *fi);
/* fstat(2) of an open file handle, or -EBADF when fi is not one. */
int rfs_file_fstat(const struct fuse_file_info *fi, struct stat *st);

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

#endif /* RFS_I_H */

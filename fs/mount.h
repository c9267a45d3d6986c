/*
 * mount.h — what `redactfs SOURCE MOUNTPOINT` and `redactfs exec` share:
 * the checked setup, the mount, the loop and the unmount (mount.c).
 */
#ifndef RFS_MOUNT_H
#define RFS_MOUNT_H

#include <fuse.h>

struct rfs_ctx;

/* Exit statuses. */
enum { RFS_EXIT_OK = 0, RFS_EXIT_FAIL = 1 };

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

#endif /* RFS_MOUNT_H */

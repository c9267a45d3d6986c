/*
 * reload.h — SIGHUP, the reload thread, the control attributes (reload.c).
 */
#ifndef RFS_RELOAD_H
#define RFS_RELOAD_H

#include <pthread.h>
#include <stddef.h>

struct rfs_ctx;

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
/* `redactfs reload MOUNTPOINT`: returns the exit status. */
int rfs_reload_command(const char *prog, const char *mountpoint);

#endif /* RFS_RELOAD_H */

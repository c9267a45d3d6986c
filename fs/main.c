/*
 * main.c — the redactfs command: which command the words ask for, and the
 * daemon's way to serve a mount.
 *
 * `redactfs [options] SOURCE MOUNTPOINT` goes through the checks and setup
 * of mount.c, then mounts, daemonizes (unless -f) and serves, reloading
 * the policy on SIGHUP (reload.c).
 * `redactfs reload MOUNTPOINT` (exactly these two arguments) asks the
 * daemon serving MOUNTPOINT to load its policy file again, and `redactfs
 * status MOUNTPOINT` prints its status view: clients of a running mount
 * (client.c), which reload.c and status.c answer.
 * `redactfs exec ... -- COMMAND` goes through the same checks and setup
 * and serves its own way (exec.c: the sandbox).
 */
#include <pthread.h>
#include <string.h>

#include "client.h"
#include "ctx.h"
#include "exec.h"
#include "log.h"
#include "mount.h"
#include "reload.h"

#include <fuse_lowlevel.h> /* fuse_cmdline_opts */

/* `redactfs SOURCE MOUNTPOINT`: mounts, daemonizes unless foreground,
 * serves until unmounted, reloading the policy on SIGHUP. */
static int rfs_serve(struct fuse_args *args, const struct fuse_cmdline_opts *co,
                     struct rfs_ctx *ctx, void *unused)
{
	(void)unused;
	int ret = RFS_EXIT_FAIL;
	struct fuse *f = rfs_mount_new(args, co->mountpoint, ctx);
	if (f == NULL)
		return RFS_EXIT_FAIL;
	if (fuse_daemonize(co->foreground) != 0)
		goto out;
	struct fuse_session *se = fuse_get_session(f);
	if (fuse_set_signal_handlers(se) != 0)
		goto out;
	pthread_t reloader;
	int res = rfs_reload_start(ctx, &reloader);
	if (res < 0) {
		rfs_log(FUSE_LOG_ERR, "redactfs: cannot start the reload thread: %s\n",
		        strerror(-res));
		fuse_remove_signal_handlers(se);
		goto out;
	}
	rfs_log(FUSE_LOG_INFO, "redactfs: serving %s at %s with policy %s\n",
	        ctx->source, co->mountpoint,
	        ctx->policy_file ? ctx->policy_file : "(built-in)");
	ret = rfs_loop(f, co) == 0 ? RFS_EXIT_OK : RFS_EXIT_FAIL;
	rfs_reload_stop(ctx, reloader);
	fuse_remove_signal_handlers(se);
out:
	rfs_mount_end(ctx, f);
	return ret;
}

int main(int argc, char *argv[])
{
	const char *prog = argc > 0 ? argv[0] : "redactfs";

	if (argc == 3 && strcmp(argv[1], "reload") == 0)
		return rfs_reload_command(prog, argv[2]);
	if (argc == 3 && strcmp(argv[1], "status") == 0)
		return rfs_status_command(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "exec") == 0)
		return rfs_exec_command(prog, argc - 2, argv + 2);
	return rfs_mount_command(argc, argv, rfs_serve, NULL);
}

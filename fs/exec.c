/*
 * exec.c — `redactfs exec`: runs an untrusted COMMAND in a sandbox where
 * SOURCE (and PATH, with --at) shows the redacted view of SOURCE. This
 * file puts the steps together: check, mount the view in a namespace of
 * its own, serve it from a thread, run the sandbox, end.
 *
 * Invariant: COMMAND never sees raw bytes of SOURCE, and the view dies
 * with COMMAND.
 *
 * How it is kept:
 *  - Everything is checked before anything is mounted: the command line,
 *    SOURCE and the policy (main.c: FILE:LINE errors), --at PATH and
 *    --rw DIR (existing directories, apart from SOURCE and each other),
 *    bwrap and COMMAND in PATH (exec_args.c). A missing bwrap fails
 *    closed.
 *  - This process moves into a mount namespace of its own (/ made private),
 *    covers each directory above SOURCE, PATH or a DIR that COMMAND's user
 *    cannot search with a tmpfs holding only the way down to them
 *    (exec_reach.c), and mounts the view over SOURCE there, so nobody outside sees the
 *    mount and in here the path SOURCE is the view (exec_ns.c). The daemon
 *    reads SOURCE through the directory fd it opened before (beneath the
 *    mount).
 *  - FUSE is served by a thread. The main thread checks that SOURCE now
 *    shows the view (a FUSE filesystem, another device than the raw
 *    directory; else it refuses to run COMMAND), looks COMMAND up as its
 *    user would (126 or 127 with a message), then runs COMMAND in
 *    bubblewrap as another user, with no capability, no fd of ours and
 *    the view bound over the raw SOURCE (exec_sandbox.c, exec_user.c).
 *    The view is mounted with allow_other for that user (in a namespace no
 *    one else sees).
 *  - The main thread forwards SIGINT, SIGTERM, SIGHUP and SIGQUIT to bwrap
 *    (which dies and takes the sandbox with it), waits for it, unmounts
 *    and returns COMMAND's status. If this process is killed, bwrap and
 *    COMMAND are killed too (PR_SET_PDEATHSIG, --die-with-parent), and the
 *    view ends with this process's mount namespace and /dev/fuse fd.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "exec.h"
#include "exec_i.h"
#include "log.h"
#include "mount.h"

#include <fuse_lowlevel.h> /* struct fuse_cmdline_opts */

/* How long the end waits for the kernel to end the FUSE connection. */
#define RFS_EXEC_END_WAIT_S 10

struct rfs_exec_loop {
	struct fuse *f;
	const struct fuse_cmdline_opts *co;
	pthread_t waiter;   /* the thread in rfs_exec_wait */
	atomic_bool ended;  /* the loop returned: nobody serves the view */
	int res;
};

/* Serves the view. When the loop returns while COMMAND may still run (the
 * connection was aborted, the daemon failed), the waiter is woken to end
 * the sandbox: a COMMAND must not hang on a view nobody serves. */
static void *rfs_exec_loop_main(void *arg)
{
	struct rfs_exec_loop *l = arg;
	l->res = rfs_loop(l->f, l->co);
	atomic_store(&l->ended, true);
	pthread_kill(l->waiter, SIGCHLD); /* blocked there: sigwaitinfo takes it */
	return NULL;
}

/* Unmounts the view in this namespace (the sandbox's is gone with it), so
 * that the kernel ends the connection and the loop; then frees it. */
static void rfs_exec_end(struct rfs_ctx *ctx, struct fuse *f, pthread_t loop, int status)
{
	if (umount2(ctx->source, MNT_DETACH) < 0)
		rfs_log(FUSE_LOG_ERR, "redactfs exec: unmounting the view: %s\n", strerror(errno));
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += RFS_EXEC_END_WAIT_S;
	if (pthread_timedjoin_np(loop, NULL, &deadline) != 0) {
		/* Something outside the sandbox still holds a file of the view
		 * (through /proc/PID/root, as root): the connection ends with
		 * this process. */
		rfs_log(FUSE_LOG_ERR, "redactfs exec: the view is still in use; "
		        "ending the connection\n");
		fflush(NULL);
		_exit(status);
	}
	rfs_mount_end(ctx, f);
}

/* rfs_serve_fn for `redactfs exec`: SOURCE and the policy are checked. */
static int rfs_exec_serve(struct fuse_args *args, const struct fuse_cmdline_opts *co,
                          struct rfs_ctx *ctx, void *arg)
{
	struct rfs_exec *x = arg;
	int ret = rfs_exec_check(x, ctx->source);
	if (ret != 0)
		return ret;

	/* Blocked in every thread from now on; the main thread takes them in
	 * rfs_exec_wait (one arriving before bwrap runs waits for it). */
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);

	struct rfs_exec_covered covered = { 0 };
	if (rfs_exec_private_ns() < 0 || rfs_exec_reach(x, ctx, &covered) < 0)
		return RFS_EXEC_FAIL;
	/* Mounted on the directory the daemon holds, not on whatever the path
	 * names by now (a rename in SOURCE's parent would otherwise leave the
	 * raw tree beside the view); rfs_exec_view_check then proves the path
	 * shows it. The held fd belongs to the host's namespace, where no
	 * mount may be made from here: the same directory is opened again in
	 * this one and mounted on through /proc/self/fd. */
	int here = rfs_exec_reopen_source(ctx);
	if (here < 0)
		return RFS_EXEC_FAIL;
	char held[64];
	snprintf(held, sizeof(held), "/proc/self/fd/%d", here);
	struct fuse *f = rfs_mount_new(args, held, ctx);
	close(here);
	if (f == NULL)
		return RFS_EXEC_FAIL;
	struct rfs_exec_loop l = { .f = f, .co = co, .waiter = pthread_self() };
	atomic_init(&l.ended, false);
	pthread_t loop;
	int res = pthread_create(&loop, NULL, rfs_exec_loop_main, &l);
	if (res != 0) {
		fprintf(stderr, "redactfs exec: cannot start the FUSE loop: %s\n", strerror(res));
		rfs_mount_end(ctx, f);
		return RFS_EXEC_FAIL;
	}
	ret = rfs_exec_view_check(ctx) == 0 ? rfs_exec_command_check(x, &covered) : RFS_EXEC_FAIL;
	if (ret == 0)
		ret = rfs_exec_run(x, ctx->source, &mask, &l.ended);
	rfs_exec_end(ctx, f, loop, ret);
	if (l.res != 0)
		rfs_log(FUSE_LOG_ERR, "redactfs exec: the FUSE loop ended with an error\n");
	return ret;
}

int rfs_exec_command(const char *prog, int argc, char *argv[])
{
	struct rfs_exec x = { 0 };
	int ret = rfs_exec_parse(&x, prog, argc, argv);
	if (ret == 0)
		ret = rfs_mount_command(x.fuse_argc, x.fuse_argv, rfs_exec_serve, &x);
	else
		ret = ret > 0 ? 0 : RFS_EXEC_FAIL;
	for (size_t i = 0; x.rw != NULL && i < x.nrw; i++)
		free(x.rw[i]);
	free(x.rw);
	free(x.at);
	free(x.bwrap);
	free(x.rw_args);
	free(x.env_args);
	for (size_t i = 0; x.envp != NULL && i < x.nvars; i++)
		free(x.envp[i]);
	free(x.envp);
	free(x.fuse_argv);
	return ret;
}

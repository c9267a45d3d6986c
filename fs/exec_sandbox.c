/*
 * exec_sandbox.c — `redactfs exec`'s sandbox: bwrap's argv, the forked
 * child that becomes COMMAND's user and runs bwrap, and the wait for it.
 *
 * Invariant: COMMAND reaches nothing of SOURCE but the view, holds no way
 * out of the sandbox, and does not outlive this process. How it is kept:
 *  - bwrap is forked with every fd but 0, 1 and 2 closed (no raw fd
 *    crosses), as --user (default: a uid and gid of its own, which no
 *    account, group or process of the host has: exec_user.c; never root):
 *    a real uid with no supplementary groups, so COMMAND reads the rest of
 *    the host only as that user may, cannot ptrace the daemon, and the
 *    policy's unmask lists see that user, not the caller;
 *  - --unshare-user --disable-userns --uid USER --cap-drop ALL:
 *    COMMAND holds no capability in any namespace (no umount, no
 *    mount) and cannot make a user namespace to get one. The mounts
 *    it inherits from outside are locked too, but bwrap's own binds
 *    are not: without the capability drop they could be unmounted;
 *  - --unshare-pid --proc /proc: a /proc of its own pid namespace, in
 *    which the daemon (and its /proc/PID/root, fd, mem) does not exist;
 *  - --dev /dev: no /dev/fuse and no disks;
 *  - --ro-bind / /, then --bind DIR DIR for each --rw, then the view
 *    bound on SOURCE and on PATH: the raw SOURCE is under the view;
 *  - --die-with-parent, --new-session (no TIOCSTI into our terminal), and
 *    PR_SET_PDEATHSIG in the child: if this process is killed, bwrap and
 *    COMMAND are killed too;
 *  - SIGINT, SIGTERM, SIGHUP and SIGQUIT are passed on to bwrap (which
 *    dies and takes the sandbox with it), one asked for before bwrap runs
 *    keeps COMMAND from starting, and bwrap is killed when nobody serves
 *    the view any more.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec_i.h"
#include "log.h"

/* bwrap's argv (malloc'ed array; its strings belong to x and source). */
static char **rfs_exec_bwrap_argv(const struct rfs_exec *x, const char *source)
{
	size_t ncmd = 0;
	while (x->command[ncmd] != NULL)
		ncmd++;
	char **v = calloc(40 + 3 * x->nrw + ncmd, sizeof(*v));
	if (v == NULL)
		return NULL;
	size_t n = 0;
	const char *fixed[] = {
		x->bwrap,
		"--unshare-user", "--disable-userns", "--unshare-pid",
		"--uid", x->uid, "--gid", x->gid, "--cap-drop", "ALL",
		"--die-with-parent", "--new-session",
		"--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		v[n++] = (char *)fixed[i];
	for (size_t i = 0; i < x->nrw; i++) {
		v[n++] = (char *)"--bind";
		v[n++] = x->rw[i];
		v[n++] = x->rw[i];
	}
	/* In this namespace SOURCE is the view: bound again, last, on SOURCE
	 * (nothing may cover it) and on PATH. */
	v[n++] = (char *)"--ro-bind";
	v[n++] = (char *)source;
	v[n++] = (char *)source;
	if (x->at != NULL) {
		v[n++] = (char *)"--ro-bind";
		v[n++] = (char *)source;
		v[n++] = x->at;
	}
	v[n++] = (char *)"--";
	for (size_t i = 0; i < ncmd; i++)
		v[n++] = x->command[i];
	return v;
}

/* In the forked child of a threaded process: async-signal-safe calls only. */
__attribute__((noreturn))
static void rfs_exec_child(const struct rfs_exec *x, char **argv, const sigset_t *mask,
                           pid_t parent)
{
	static const char msg[] = "redactfs exec: cannot run bwrap\n";
	static const char msg_user[] = "redactfs exec: cannot become --user\n";

	/* COMMAND's user, on the host as inside: no groups of ours, no
	 * capability, so bwrap runs unprivileged and makes its user namespace
	 * as USER. (The parent-death signal is set after: a change of
	 * credentials clears it.) */
	if (rfs_exec_become_user(x) < 0) {
		if (write(STDERR_FILENO, msg_user, sizeof(msg_user) - 1) < 0) {
			/* nothing more to say */
		}
		_exit(RFS_EXEC_FAIL);
	}
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(RFS_EXEC_FAIL);
	/* No fd of ours crosses: the raw SOURCE dirfd, /dev/fuse, the audit
	 * log are O_CLOEXEC already; this holds for any other. */
	if (close_range(3, ~0u, 0) < 0) {
		struct rlimit rl;
		int max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 1u << 20
		          ? (int)rl.rlim_cur : 1 << 20;
		for (int fd = 3; fd < max; fd++)
			close(fd);
	}
	/* COMMAND starts as a program started from a clean shell would: every
	 * disposition the default (one our caller ignored, under nohup or a
	 * service manager, would make the signals we pass on do nothing and
	 * the wait never end) and no signal blocked. */
	(void)mask;
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &dfl, NULL); /* EINVAL for the few that cannot be set */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(argv[0], argv, x->envp); /* bwrap passes it on to COMMAND */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing more to say */
	}
	_exit(RFS_EXEC_FAIL);
}

/* Waits for bwrap, passing the signals of mask (blocked) on to it, and
 * killing it when the FUSE loop has ended (*loop_ended). Returns its exit
 * status, 128+N for a signal N. */
static int rfs_exec_wait(pid_t pid, const sigset_t *mask, const atomic_bool *loop_ended)
{
	bool told = false;
	for (;;) {
		if (!told && atomic_load(loop_ended)) {
			rfs_log(FUSE_LOG_ERR, "redactfs exec: the view is no longer served; "
			        "ending the sandbox\n");
			kill(pid, SIGKILL);
			told = true;
		}
		int status;
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			if (WIFEXITED(status))
				return WEXITSTATUS(status);
			if (WIFSIGNALED(status))
				return 128 + WTERMSIG(status);
			continue;
		}
		if (r < 0 && errno != EINTR) {
			perror("redactfs exec: waitpid");
			kill(pid, SIGKILL);
			return RFS_EXEC_FAIL;
		}
		int sig = sigwaitinfo(mask, NULL);
		if (sig > 0 && sig != SIGCHLD)
			kill(pid, sig);
	}
}

int rfs_exec_run(const struct rfs_exec *x, const char *source, const sigset_t *mask,
                 const atomic_bool *loop_ended)
{
	char **argv = rfs_exec_bwrap_argv(x, source);
	if (argv == NULL) {
		perror("redactfs exec");
		return RFS_EXEC_FAIL;
	}
	/* A stop asked for while the view was being set up: COMMAND does
	 * not start. */
	sigset_t pending;
	if (sigpending(&pending) == 0) {
		static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
		for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
			if (sigismember(&pending, stops[i])) {
				free(argv);
				return 128 + stops[i];
			}
		}
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0)
		rfs_exec_child(x, argv, mask, parent);
	int e = errno;
	free(argv);
	if (pid < 0) {
		fprintf(stderr, "redactfs exec: fork: %s\n", strerror(e));
		return RFS_EXEC_FAIL;
	}
	return rfs_exec_wait(pid, mask, loop_ended);
}

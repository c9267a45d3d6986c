/*
 * exec.c — `redactfs exec`: runs an untrusted COMMAND in a sandbox where
 * SOURCE (and PATH, with --at) shows the redacted view of SOURCE.
 *
 * Invariant: COMMAND never sees raw bytes of SOURCE, and the view dies
 * with COMMAND.
 *
 * How it is kept:
 *  - Everything is checked before anything is mounted: the command line,
 *    SOURCE and the policy (main.c: FILE:LINE errors), --at PATH and
 *    --rw DIR (existing directories, apart from SOURCE and each other),
 *    bwrap and COMMAND in PATH. A missing bwrap fails closed.
 *  - This process moves into a mount namespace of its own (/ made private)
 *    and mounts the view over SOURCE there, so nobody outside sees the
 *    mount and in here the path SOURCE is the view. The daemon reads
 *    SOURCE through the directory fd it opened before (beneath the mount).
 *  - FUSE is served by a thread. The main thread checks that SOURCE now
 *    shows the view (a FUSE filesystem, another device than the raw
 *    directory; else it refuses to run COMMAND), then forks bubblewrap
 *    with every fd but 0, 1 and 2 closed (no raw fd crosses), as --user
 *    (default: a uid and gid of its own, which no account, group or
 *    process of the host has: exec_user.c; never root): a real uid with no
 *    supplementary groups, so COMMAND reads the rest of the host only as
 *    that user may, cannot ptrace the daemon, and the policy's unmask
 *    lists see that user, not the caller. The view is mounted with
 *    allow_other for it (in a namespace no one else sees);
 *      --unshare-user --disable-userns --uid USER --cap-drop ALL:
 *        COMMAND holds no capability in any namespace (no umount, no
 *        mount) and cannot make a user namespace to get one. The mounts
 *        it inherits from outside are locked too, but bwrap's own binds
 *        are not: without the capability drop they could be unmounted;
 *      --unshare-pid --proc /proc: a /proc of its own pid namespace, in
 *        which the daemon (and its /proc/PID/root, fd, mem) does not exist;
 *      --dev /dev: no /dev/fuse and no disks;
 *      --ro-bind / /, then --bind DIR DIR for each --rw, then the view
 *        bound on SOURCE and on PATH: the raw SOURCE is under the view;
 *      --die-with-parent, --new-session (no TIOCSTI into our terminal).
 *  - The main thread forwards SIGINT, SIGTERM, SIGHUP and SIGQUIT to bwrap
 *    (which dies and takes the sandbox with it), waits for it, unmounts
 *    and returns COMMAND's status. If this process is killed, bwrap and
 *    COMMAND are killed too (PR_SET_PDEATHSIG, --die-with-parent), and the
 *    view ends with this process's mount namespace and /dev/fuse fd.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/magic.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "exec.h"
#include "log.h"
#include "mount.h"

#include <fuse_lowlevel.h> /* struct fuse_cmdline_opts */

enum {
	RFS_EXEC_FAIL = 1,         /* something is wrong before COMMAND runs */
	RFS_EXEC_CANNOT_RUN = 126, /* COMMAND is there but not executable */
	RFS_EXEC_NOT_FOUND = 127,  /* no such COMMAND */
};


/* How long the end waits for the kernel to end the FUSE connection. */
#define RFS_EXEC_END_WAIT_S 10

struct rfs_exec {
	/* From the command line. */
	char **fuse_argv;      /* prog, options, SOURCE, SOURCE: mounted over itself */
	int fuse_argc;
	const char *at_arg;    /* --at PATH, or NULL */
	const char **rw_args;  /* --rw DIR ... */
	size_t nrw;
	const char *user_arg;  /* --user USER, or NULL: a uid of its own (exec_user.c) */
	const char **env_args; /* --env NAME or NAME=VALUE ... */
	size_t nenv;
	char **command;        /* after "--", NULL-terminated */
	/* Checked and made absolute before mounting. */
	char *at;
	char **rw;
	char *bwrap;
	char **envp;           /* COMMAND's environment, NAME=VALUE, NULL-ended */
	size_t nvars;
	uid_t run_uid;         /* COMMAND's real uid and gid, on the host too */
	gid_t run_gid;
	char uid[16], gid[16]; /* the same, for bwrap's --uid and --gid */
};

static void rfs_exec_usage(FILE *out, const char *prog)
{
	fprintf(out, "usage: %s exec [options] SOURCE [--at PATH] [--rw DIR]... "
	        "[--user USER] [--env NAME[=VAL]]... -- COMMAND [ARG]...\n", prog);
}

static void rfs_exec_help(const char *prog)
{
	rfs_exec_usage(stdout, prog);
	printf("\n"
	       "Runs COMMAND in a sandbox (bubblewrap) in which SOURCE (and PATH,\n"
	       "with --at) shows the redacted view of SOURCE, as a mount of it\n"
	       "would, and the raw files cannot be reached: not by path, not by\n"
	       "unmounting the view, not through /proc. The view exists only for\n"
	       "COMMAND and ends with it. The policy is read once (no reload).\n"
	       "\n"
	       "    -o policy=FILE   the INI policy (default: the built-in one)\n"
	       "    --at PATH        show the view at PATH too (an existing\n"
	       "                     directory, neither inside SOURCE nor holding it)\n"
	       "    --rw DIR         let COMMAND write in DIR (an existing directory\n"
	       "                     apart from SOURCE and PATH, writable by USER);\n"
	       "                     all else is read-only\n"
	       "    --user USER      run COMMAND as USER, a name or a number, not root\n"
	       "                     (default: a uid and gid of its own, which no\n"
	       "                     account, group or process of the host has)\n"
	       "    --env NAME[=VAL] pass NAME (the caller's value, or VAL) to COMMAND;\n"
	       "                     COMMAND's environment is otherwise only PATH,\n"
	       "                     TERM, LANG, LANGUAGE, LC_* and TZ\n"
	       "    other -o         FUSE options, as for a mount (see --help)\n"
	       "\n"
	       "COMMAND runs as USER (its uid and primary group, no other groups,\n"
	       "on the host as inside) with no capabilities, in its own user, pid\n"
	       "and mount namespaces, with a fresh /proc and /dev. The rest of the\n"
	       "system stays readable as USER may read it, read-only. The whole view\n"
	       "is readable whatever SOURCE's modes say (as a root mount of it\n"
	       "would be); SOURCE and PATH (and the directories above them) must be\n"
	       "searchable by USER. The policy's unmask lists see USER: do not\n"
	       "unmask it for an untrusted COMMAND.\n"
	       "\n"
	       "Exit status: COMMAND's; 128+N when signal N ended it (as a shell\n"
	       "says); 1 when something is wrong before COMMAND runs (a bad policy\n"
	       "as FILE:LINE: what, SOURCE, PATH, DIR, no bwrap); 126 when COMMAND\n"
	       "cannot be run, 127 when it is not found. SIGINT, SIGTERM, SIGHUP and\n"
	       "SIGQUIT end the sandbox (COMMAND is killed).\n"
	       "\n"
	       "Needs root (for a private mount namespace) and bwrap 0.8 or later\n"
	       "in PATH (Debian package bubblewrap).\n");
}

/* ---- the command line ------------------------------------------------- */

/* Splits argv (the words after "exec") into FUSE options and SOURCE (for
 * main.c), --at, --rw and COMMAND. Returns 0, 1 after printing the help,
 * or -1 after a message. */
static int rfs_exec_parse(struct rfs_exec *x, const char *prog, int argc, char *argv[])
{
	const char *source = NULL;
	bool help = false;

	x->fuse_argv = calloc((size_t)argc + 5, sizeof(*x->fuse_argv));
	x->rw_args = calloc((size_t)argc + 1, sizeof(*x->rw_args));
	x->env_args = calloc((size_t)argc + 1, sizeof(*x->env_args));
	if (x->fuse_argv == NULL || x->rw_args == NULL || x->env_args == NULL) {
		perror("redactfs exec");
		return -1;
	}
	x->fuse_argv[x->fuse_argc++] = (char *)prog;
	/* COMMAND runs as another user than the daemon: the kernel lets it
	 * in only with allow_other. The view is in this process's private
	 * mount namespace, so no one else on the host reaches it. */
	x->fuse_argv[x->fuse_argc++] = (char *)"-o";
	x->fuse_argv[x->fuse_argc++] = (char *)"allow_other";
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			x->command = &argv[i + 1];
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			help = true;
		} else if (strcmp(a, "--at") == 0 || strcmp(a, "--rw") == 0 ||
		           strcmp(a, "--user") == 0 || strcmp(a, "--env") == 0 ||
		           strcmp(a, "-o") == 0) {
			if (i + 1 >= argc || strcmp(argv[i + 1], "--") == 0) {
				fprintf(stderr, "redactfs exec: %s needs a value\n", a);
				return -1;
			}
			const char *v = argv[++i];
			if (strcmp(a, "-o") == 0) {
				x->fuse_argv[x->fuse_argc++] = (char *)a;
				x->fuse_argv[x->fuse_argc++] = (char *)v;
			} else if (strcmp(a, "--rw") == 0) {
				x->rw_args[x->nrw++] = v;
			} else if (strcmp(a, "--env") == 0) {
				if (v[0] == '\0' || v[0] == '=') {
					fprintf(stderr, "redactfs exec: --env %s: no name\n", v);
					return -1;
				}
				x->env_args[x->nenv++] = v;
			} else if (strcmp(a, "--user") == 0) {
				if (x->user_arg != NULL) {
					fprintf(stderr, "redactfs exec: --user given twice\n");
					return -1;
				}
				x->user_arg = v;
			} else if (x->at_arg != NULL) {
				fprintf(stderr, "redactfs exec: --at given twice\n");
				return -1;
			} else {
				x->at_arg = v;
			}
		} else if (a[0] == '-' && a[1] == '-' && strcmp(a, "--version") != 0) {
			fprintf(stderr, "redactfs exec: unknown option %s (try --help)\n", a);
			return -1;
		} else if (a[0] == '-') {
			x->fuse_argv[x->fuse_argc++] = (char *)a; /* -f, -d, -s, -oOPT, -V */
		} else if (source != NULL) {
			fprintf(stderr, "redactfs exec: one SOURCE only (%s, then %s); "
			        "COMMAND goes after --\n", source, a);
			return -1;
		} else {
			source = a;
		}
	}
	if (help) {
		rfs_exec_help(prog);
		return 1;
	}
	if (source == NULL || x->command == NULL || x->command[0] == NULL) {
		rfs_exec_usage(stderr, prog);
		fprintf(stderr, "redactfs exec: missing %s (try --help)\n",
		        source == NULL ? "SOURCE" : "-- COMMAND");
		return -1;
	}
	x->fuse_argv[x->fuse_argc++] = (char *)source;
	x->fuse_argv[x->fuse_argc++] = (char *)source; /* the mountpoint */
	return 0;
}

/* ---- checks before mounting ----------------------------------------- */

/* The executable name would run: name itself when it holds a '/', else
 * the first in $PATH. Returns it (malloc'ed) or NULL with errno ENOENT
 * (none) or EACCES (found, but not an executable file). */
static char *rfs_exec_which(const char *name)
{
	struct stat st;
	int err = ENOENT;

	if (strchr(name, '/') != NULL) {
		if (stat(name, &st) < 0)
			return NULL;
		if (!S_ISREG(st.st_mode) || access(name, X_OK) < 0) {
			errno = EACCES;
			return NULL;
		}
		return strdup(name);
	}
	if (name[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	const char *path = getenv("PATH");
	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (;;) {
		size_t n = strcspn(path, ":");
		char *cand = malloc(n + strlen(name) + 3);
		if (cand == NULL)
			return NULL;
		/* An empty entry is the working directory. */
		sprintf(cand, "%.*s/%s", (int)(n ? n : 1), n ? path : ".", name);
		if (stat(cand, &st) == 0) {
			if (S_ISREG(st.st_mode) && access(cand, X_OK) == 0)
				return cand;
			err = EACCES;
		}
		free(cand);
		if (path[n] == '\0')
			break;
		path += n + 1;
	}
	errno = err;
	return NULL;
}

/* arg as an absolute, canonical, existing directory (malloc'ed) that is
 * neither inside apart_from[i] nor holds it. NULL after a message. */
static char *rfs_exec_dir(const char *what, const char *arg,
                          char *const apart_from[], size_t n)
{
	struct stat st;
	char *dir = realpath(arg, NULL);
	if (dir == NULL || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "redactfs exec: %s %s: %s\n", what, arg,
		        dir == NULL ? strerror(errno) : "not a directory");
		free(dir);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (apart_from[i] != NULL && (rfs_path_within(dir, apart_from[i]) ||
		                              rfs_path_within(apart_from[i], dir))) {
			fprintf(stderr, "redactfs exec: %s %s: overlaps %s (neither may "
			        "be inside the other)\n", what, arg, apart_from[i]);
			free(dir);
			return NULL;
		}
	}
	return dir;
}

/* Variables of the caller's environment that COMMAND gets: what a program
 * needs to run and to speak the caller's language. The rest may hold
 * tokens and sockets (SSH_AUTH_SOCK, SUDO_*, API keys); --env adds more. */
static bool rfs_exec_var_kept(const char *name, size_t len)
{
	static const char *const kept[] = {"PATH", "TERM", "LANG", "LANGUAGE", "TZ"};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strlen(kept[i]) == len && strncmp(name, kept[i], len) == 0)
			return true;
	return len > 3 && strncmp(name, "LC_", 3) == 0;
}

/* Sets NAME (len bytes of name) to value in x->envp, replacing an earlier
 * value. 0 or -1 (out of memory). */
static int rfs_exec_var_set(struct rfs_exec *x, const char *name, size_t len,
                            const char *value)
{
	char *v;
	if (asprintf(&v, "%.*s=%s", (int)len, name, value) < 0)
		return -1;
	for (size_t i = 0; i < x->nvars; i++) {
		if (strncmp(x->envp[i], v, len + 1) == 0) {
			free(x->envp[i]);
			x->envp[i] = v;
			return 0;
		}
	}
	x->envp[x->nvars++] = v;
	return 0;
}

/* Builds x->envp, the environment bwrap and COMMAND get: the kept
 * variables of the caller's, then each --env (NAME=VALUE, or NAME with the
 * caller's value; a later one wins). It is bwrap's own environment, not
 * its arguments: a value given with --env never shows in a process list.
 * 0, or -1 after a message. */
static int rfs_exec_env(struct rfs_exec *x)
{
	size_t n = 0;
	for (char **e = environ; *e != NULL; e++)
		n++;
	x->envp = calloc(n + x->nenv + 1, sizeof(*x->envp));
	if (x->envp == NULL)
		goto nomem;
	for (char **e = environ; *e != NULL; e++) {
		const char *eq = strchr(*e, '=');
		if (eq != NULL && rfs_exec_var_kept(*e, (size_t)(eq - *e)) &&
		    rfs_exec_var_set(x, *e, (size_t)(eq - *e), eq + 1) < 0)
			goto nomem;
	}
	for (size_t i = 0; i < x->nenv; i++) {
		const char *a = x->env_args[i], *eq = strchr(a, '=');
		const char *value = eq != NULL ? eq + 1 : getenv(a);
		if (value == NULL) {
			fprintf(stderr, "redactfs exec: --env %s: not set here "
			        "(give --env %s=VALUE)\n", a, a);
			return -1;
		}
		if (rfs_exec_var_set(x, a, eq != NULL ? (size_t)(eq - a) : strlen(a), value) < 0)
			goto nomem;
	}
	return 0;
nomem:
	perror("redactfs exec");
	return -1;
}

/* Checks --at, --rw, bwrap and COMMAND against SOURCE (absolute).
 * Returns 0, or the exit status after a message. */
static int rfs_exec_check(struct rfs_exec *x, const char *source)
{
	/* SOURCE, PATH, then each DIR: each kept apart from those before. */
	char **seen = calloc(x->nrw + 2, sizeof(*seen));
	x->rw = calloc(x->nrw + 1, sizeof(*x->rw));
	if (seen == NULL || x->rw == NULL) {
		free(seen);
		perror("redactfs exec");
		return RFS_EXEC_FAIL;
	}
	int ret = RFS_EXEC_FAIL;
	size_t nseen = 0;
	seen[nseen++] = (char *)source;
	if (x->at_arg != NULL) {
		x->at = rfs_exec_dir("--at", x->at_arg, seen, nseen);
		if (x->at == NULL)
			goto out;
		seen[nseen++] = x->at;
	}
	for (size_t i = 0; i < x->nrw; i++) {
		x->rw[i] = rfs_exec_dir("--rw", x->rw_args[i], seen, nseen);
		if (x->rw[i] == NULL)
			goto out;
		seen[nseen++] = x->rw[i];
	}
	x->bwrap = rfs_exec_which("bwrap");
	if (x->bwrap == NULL) {
		fprintf(stderr, "redactfs exec: bwrap not found in PATH: install "
		        "bubblewrap (0.8 or later; Debian: apt-get install bubblewrap)\n");
		goto out;
	}
	char *cmd = rfs_exec_which(x->command[0]);
	if (cmd == NULL) {
		bool found = errno == EACCES;
		fprintf(stderr, "redactfs exec: %s: %s\n", x->command[0],
		        found ? "cannot be run (not an executable file)" : "command not found");
		ret = found ? RFS_EXEC_CANNOT_RUN : RFS_EXEC_NOT_FOUND;
		goto out;
	}
	free(cmd); /* bwrap looks it up again, in the sandbox's view */
	if (rfs_exec_user(x->user_arg, &x->run_uid, &x->run_gid) < 0 || rfs_exec_env(x) < 0)
		goto out;
	snprintf(x->uid, sizeof(x->uid), "%u", (unsigned)x->run_uid);
	snprintf(x->gid, sizeof(x->gid), "%u", (unsigned)x->run_gid);
	ret = 0;
out:
	free(seen);
	return ret;
}

/* ---- the private mount namespace and the view in it ----------------- */

static int rfs_exec_private_ns(void)
{
	if (unshare(CLONE_NEWNS) < 0) {
		int e = errno;
		fprintf(stderr, "redactfs exec: cannot make a private mount namespace: %s%s\n",
		        strerror(e), e == EPERM ? " (redactfs exec needs root)" : "");
		return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		fprintf(stderr, "redactfs exec: cannot make / private: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* SOURCE's directory opened again in this namespace, checked to be the
 * one the daemon holds (ctx->rootfd). The fd (O_PATH, O_CLOEXEC), or -1
 * after a message. */
static int rfs_exec_reopen_source(const struct rfs_ctx *ctx)
{
	struct stat held, here;
	int fd = open(ctx->source, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &here) < 0 || fstat(ctx->rootfd, &held) < 0) {
		fprintf(stderr, "redactfs exec: %s: %s\n", ctx->source, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (here.st_dev != held.st_dev || here.st_ino != held.st_ino) {
		fprintf(stderr, "redactfs exec: %s was replaced while the view was set "
		        "up; not running the command\n", ctx->source);
		close(fd);
		return -1;
	}
	return fd;
}

/* SOURCE, as this namespace shows it, must be the view now: a FUSE
 * filesystem on another device than the raw directory the daemon holds.
 * 0, or -1 after a message (COMMAND must then not run). */
static int rfs_exec_view_check(const struct rfs_ctx *ctx)
{
	struct stat raw, seen;
	struct statfs fs;
	if (fstat(ctx->rootfd, &raw) < 0 || stat(ctx->source, &seen) < 0 ||
	    statfs(ctx->source, &fs) < 0) {
		fprintf(stderr, "redactfs exec: %s: %s\n", ctx->source, strerror(errno));
		return -1;
	}
	if (fs.f_type != FUSE_SUPER_MAGIC || seen.st_dev == raw.st_dev) {
		fprintf(stderr, "redactfs exec: %s does not show the view; "
		        "not running the command\n", ctx->source);
		return -1;
	}
	return 0;
}

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

/* ---- the sandbox ------------------------------------------------------- */

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
	 * as USER. Raw system calls: glibc's wrappers would signal every
	 * thread of the process, of which this child has only one. (The
	 * parent-death signal is set after: a change of credentials clears
	 * it.) */
	if (syscall(SYS_setgroups, 0, NULL) < 0 ||
	    syscall(SYS_setresgid, x->run_gid, x->run_gid, x->run_gid) < 0 ||
	    syscall(SYS_setresuid, x->run_uid, x->run_uid, x->run_uid) < 0) {
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
	sigprocmask(SIG_UNBLOCK, mask, NULL);
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

static int rfs_exec_run(const struct rfs_exec *x, const char *source, const sigset_t *mask,
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

	if (rfs_exec_private_ns() < 0)
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
	ret = rfs_exec_view_check(ctx) == 0 ? rfs_exec_run(x, ctx->source, &mask, &l.ended)
	                                   : RFS_EXEC_FAIL;
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

/*
 * exec_i.h — private header of `redactfs exec` (exec*.c): the launcher's
 * state and what its files ask of each other.
 *
 * Invariant: struct rfs_exec holds only what the command line said and
 * what exec_args.c checked and made absolute from it before anything is
 * mounted; the later steps (exec_ns.c, exec_sandbox.c) read it and never
 * change it.
 */
#ifndef RFS_EXEC_I_H
#define RFS_EXEC_I_H

#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/types.h>

struct rfs_ctx;

/* redactfs's own exit statuses (else COMMAND's, or 128+N for a signal N). */
enum {
	RFS_EXEC_FAIL = 1,         /* something is wrong before COMMAND runs */
	RFS_EXEC_CANNOT_RUN = 126, /* COMMAND is there but not executable */
	RFS_EXEC_NOT_FOUND = 127,  /* no such COMMAND */
};

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

/* ---- exec_args.c: the command line and the checks before mounting ---- */

/* Splits argv (the words after "exec") into FUSE options and SOURCE (for
 * main.c), --at, --rw and COMMAND. Returns 0, 1 after printing the help,
 * or -1 after a message. */
int rfs_exec_parse(struct rfs_exec *x, const char *prog, int argc, char *argv[]);
/* The PATH a lookup uses when no PATH is set (execvp's, without "."). */
#define RFS_EXEC_DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"
/* The executable name would run: name itself when it holds a '/', else
 * the first in path (':'-separated). Returns it (malloc'ed) or NULL with
 * errno ENOENT (none) or EACCES (found, but not an executable file for
 * the caller). */
char *rfs_exec_which(const char *name, const char *path);
/* The caller's PATH, and COMMAND's (x->envp's, once built). */
const char *rfs_exec_caller_path(void);
const char *rfs_exec_path_var(const struct rfs_exec *x);
/* Checks --at, --rw, bwrap and COMMAND against SOURCE (absolute).
 * Returns 0, or the exit status after a message. */
int rfs_exec_check(struct rfs_exec *x, const char *source);

/* ---- exec_ns.c: the private mount namespace and the view in it ------- */

/* Moves this process into a mount namespace of its own, / made private.
 * 0, or -1 after a message. */
int rfs_exec_private_ns(void);
/* SOURCE's directory opened again in this namespace, checked to be the
 * one the daemon holds (ctx->rootfd). The fd (O_PATH, O_CLOEXEC), or -1
 * after a message. */
int rfs_exec_reopen_source(const struct rfs_ctx *ctx);
/* SOURCE, as this namespace shows it, must be the view now: a FUSE
 * filesystem on another device than the raw directory the daemon holds.
 * 0, or -1 after a message (COMMAND must then not run). */
int rfs_exec_view_check(const struct rfs_ctx *ctx);

/* ---- exec_user.c: COMMAND's user ---------------------------------------- */

/* In a forked child (one thread; async-signal-safe): becomes COMMAND's
 * user, with no supplementary groups and no capability. 0, or -1. */
int rfs_exec_become_user(const struct rfs_exec *x);

/* ---- exec_reach.c: the way to SOURCE, PATH and DIRs; COMMAND as USER -- */

/* The directories covered for COMMAND's user, with what they were. */
#define RFS_EXEC_COVERED_MAX 8
struct rfs_exec_covered {
	size_t n;
	char dir[RFS_EXEC_COVERED_MAX][256];
	char was[RFS_EXEC_COVERED_MAX][96]; /* "drwx------ root" */
};
/* In the private namespace, before the view is mounted: each directory
 * above SOURCE, PATH or a DIR that COMMAND's user cannot search is covered
 * by a read-only tmpfs holding only the way down to them (listed in *c).
 * 0, or -1 after a message naming the directory. */
int rfs_exec_reach(const struct rfs_exec *x, const struct rfs_ctx *ctx,
                   struct rfs_exec_covered *c);
/* COMMAND looked up as its user would, in its PATH, with the view
 * mounted. 0, or the exit status (126, 127, 1) after a message (which
 * names a covered directory COMMAND was under). */
int rfs_exec_command_check(const struct rfs_exec *x, const struct rfs_exec_covered *c);

/* ---- exec_sandbox.c: bwrap, COMMAND's process, waiting for it -------- */

/* Runs bwrap (and in it COMMAND) and waits for it, passing the signals of
 * mask (blocked in every thread) on to it and killing it when the FUSE
 * loop has ended (*loop_ended). Returns COMMAND's exit status, 128+N for a
 * signal N, or RFS_EXEC_FAIL after a message. */
int rfs_exec_run(const struct rfs_exec *x, const char *source, const sigset_t *mask,
                 const atomic_bool *loop_ended);

#endif /* RFS_EXEC_I_H */

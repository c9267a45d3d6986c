/*
 * exec_args.c — `redactfs exec`'s command line and the checks made before
 * anything is mounted: usage and help, the options, the --at and --rw
 * directories, bwrap and COMMAND in PATH, --user, COMMAND's environment.
 *
 * Invariant: everything wrong with these is found here and reported on
 * stderr, with redactfs's own exit status (1; 126 or 127 for COMMAND),
 * before the view is mounted; a missing bwrap fails closed. COMMAND's
 * environment holds only the kept variables and --env's: nothing else of
 * the caller's (tokens, sockets) crosses.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"
#include "exec_i.h"
#include "mount.h"

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
	       "would be). A directory above SOURCE, PATH or a DIR that USER cannot\n"
	       "search (/root, a mktemp -d directory) is shown as an empty read-only\n"
	       "directory holding only the way down to them. The policy's unmask\n"
	       "lists see USER: do not unmask it for an untrusted COMMAND.\n"
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

int rfs_exec_parse(struct rfs_exec *x, const char *prog, int argc, char *argv[])
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

char *rfs_exec_which(const char *name, const char *path)
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

const char *rfs_exec_caller_path(void)
{
	const char *path = getenv("PATH");
	return path != NULL ? path : RFS_EXEC_DEFAULT_PATH;
}

const char *rfs_exec_path_var(const struct rfs_exec *x)
{
	for (size_t i = 0; i < x->nvars; i++)
		if (strncmp(x->envp[i], "PATH=", 5) == 0)
			return x->envp[i] + 5;
	return RFS_EXEC_DEFAULT_PATH;
}

int rfs_exec_check(struct rfs_exec *x, const char *source)
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
	x->bwrap = rfs_exec_which("bwrap", rfs_exec_caller_path());
	if (x->bwrap == NULL) {
		fprintf(stderr, "redactfs exec: bwrap not found in PATH: install "
		        "bubblewrap (0.8 or later; Debian: apt-get install bubblewrap)\n");
		goto out;
	}
	if (rfs_exec_user(x->user_arg, &x->run_uid, &x->run_gid) < 0 || rfs_exec_env(x) < 0)
		goto out;
	snprintf(x->uid, sizeof(x->uid), "%u", (unsigned)x->run_uid);
	snprintf(x->gid, sizeof(x->gid), "%u", (unsigned)x->run_gid);
	/* As root here; once the view is up, again as COMMAND's user
	 * (exec_reach.c), in COMMAND's PATH. */
	char *cmd = rfs_exec_which(x->command[0], rfs_exec_path_var(x));
	if (cmd == NULL) {
		bool found = errno == EACCES;
		fprintf(stderr, "redactfs exec: %s: %s\n", x->command[0],
		        found ? "cannot be run (not an executable file)" : "command not found");
		ret = found ? RFS_EXEC_CANNOT_RUN : RFS_EXEC_NOT_FOUND;
		goto out;
	}
	free(cmd); /* bwrap looks it up again, in the sandbox's view */
	ret = 0;
out:
	free(seen);
	return ret;
}

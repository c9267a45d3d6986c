/*
 * exec_reach.c — `redactfs exec`: the paths COMMAND needs, made reachable
 * by COMMAND's user, and COMMAND itself checked as that user.
 *
 * SOURCE, --at PATH and each --rw DIR must be reachable by COMMAND's user
 * (bwrap sets up its binds as that user). A directory above them that the
 * user cannot search (/root is 0700; every `mktemp -d` directory is) would
 * stop bwrap with "Can't find source path". Here, in the private mount
 * namespace and while still root, each such directory is covered by an
 * empty read-only tmpfs holding only the way down to what COMMAND needs:
 * the needed directories themselves bound there from the real ones, with
 * their own modes. The user could list nothing of the covered directory
 * before; now it sees only those paths. Nothing outside this namespace
 * changes.
 *
 * Invariant: the paths the sandbox binds are reachable by COMMAND's user,
 * or nothing runs and the message names the directory, its mode and owner,
 * and what helps; a COMMAND that user cannot run gives 126 (127 when it
 * does not find it) with a message, never bwrap's own exit status 1.
 *
 * What the user can do is asked of the kernel by a child process that has
 * become the user (access(2) with its real ids, so ACLs count too), not
 * guessed from mode bits.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctx.h"
#include "exec_i.h"
#include "mount.h"

/* At most this many paths are made reachable: SOURCE, PATH, the DIRs. */
#define RFS_REACH_MAX 64

/* One path COMMAND needs, and where the way to it is blocked. */
struct rfs_reach {
	const char *path;   /* absolute, canonical */
	size_t blocked;     /* length of the first prefix the user cannot
	                     * search, 0 when the way is open */
	int fd;             /* O_PATH fd of the real directory, or -1 */
};

/* ---- asking as the user ------------------------------------------------ */

/* Length of the first proper prefix of path ("/", "/a", "/a/b" for
 * "/a/b/c") that the calling user cannot search; 0 when none. Runs in the
 * child, as the user. */
static size_t rfs_reach_first_blocked(const char *path)
{
	char prefix[PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof(prefix) || access("/", X_OK) < 0)
		return 1; /* unsure counts as blocked */
	for (size_t i = 1; i < n; i++) {
		if (path[i] != '/')
			continue;
		memcpy(prefix, path, i);
		prefix[i] = '\0';
		if (access(prefix, X_OK) < 0)
			return i;
	}
	return 0;
}

/* Runs ask(x, arg, out) in a forked child that has become COMMAND's user;
 * what it writes to the pipe out (at most cap bytes) lands in buf (*got
 * bytes), its exit status in *code. 0, or -1 after a message (the child
 * could not be run, or was killed). */
static int rfs_as_user(const struct rfs_exec *x, int (*ask)(const struct rfs_exec *x,
                                                               const void *arg, int out),
                       const void *arg, void *buf, size_t cap, size_t *got, int *code)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		perror("redactfs exec: pipe");
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(rfs_exec_become_user(x) < 0 ? RFS_EXEC_FAIL : ask(x, arg, p[1]));
	}
	close(p[1]);
	if (pid < 0) {
		perror("redactfs exec: fork");
		close(p[0]);
		return -1;
	}
	*got = 0;
	for (;;) {
		ssize_t k = read(p[0], (char *)buf + *got, cap - *got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0 || (*got += (size_t)k) == cap)
			break;
	}
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status)) {
		fprintf(stderr, "redactfs exec: cannot check as COMMAND's user (uid %s)\n", x->uid);
		return -1;
	}
	*code = WEXITSTATUS(status);
	return 0;
}

/* In the child: for each path of r (arg, n_reach of them), the length of
 * its first blocked prefix. */
struct rfs_reach_ask {
	const struct rfs_reach *r;
	size_t n;
};

static int rfs_reach_ask(const struct rfs_exec *x, const void *arg, int out)
{
	(void)x;
	const struct rfs_reach_ask *a = arg;
	for (size_t i = 0; i < a->n; i++) {
		size_t b = rfs_reach_first_blocked(a->r[i].path);
		if (write(out, &b, sizeof(b)) != (ssize_t)sizeof(b))
			return RFS_EXEC_FAIL;
	}
	return 0;
}

/* Where the way to each of the n paths is blocked for COMMAND's user.
 * 0, or -1 after a message. */
static int rfs_reach_probe(const struct rfs_exec *x, struct rfs_reach *r, size_t n)
{
	size_t blocked[RFS_REACH_MAX], got;
	int code;
	struct rfs_reach_ask a = { .r = r, .n = n };
	if (rfs_as_user(x, rfs_reach_ask, &a, blocked, n * sizeof(blocked[0]), &got, &code) < 0)
		return -1;
	if (code != 0 || got != n * sizeof(blocked[0])) {
		fprintf(stderr, "redactfs exec: cannot check what COMMAND's user (uid %s) "
		        "may reach\n", x->uid);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		r[i].blocked = blocked[i] <= strlen(r[i].path) ? blocked[i] : 1;
	return 0;
}

/* "drwx------ root" for dir (at most 64 bytes into out). */
static void rfs_reach_describe(const char *dir, char *out, size_t cap)
{
	struct stat st;
	if (stat(dir, &st) < 0) {
		snprintf(out, cap, "%s", strerror(errno));
		return;
	}
	static const char rwx[] = "rwxrwxrwx";
	char mode[11];
	mode[0] = S_ISDIR(st.st_mode) ? 'd' : '-';
	for (int i = 0; i < 9; i++)
		mode[1 + i] = st.st_mode & (0400 >> i) ? rwx[i] : '-';
	mode[10] = '\0';
	char buf[1024];
	struct passwd pw, *found = NULL;
	if (getpwuid_r(st.st_uid, &pw, buf, sizeof(buf), &found) == 0 && found != NULL)
		snprintf(out, cap, "%s %s", mode, pw.pw_name);
	else
		snprintf(out, cap, "%s uid %u", mode, (unsigned)st.st_uid);
}

/* ---- the way down, in this namespace ------------------------------------ */

/* mkdir -p of path below the tmpfs at its first len bytes. 0 or -1. */
static int rfs_reach_mkdirs(const char *path, size_t len)
{
	char dir[PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof(dir))
		return -1;
	memcpy(dir, path, n + 1);
	for (size_t i = len + 1; i <= n; i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		char c = dir[i];
		dir[i] = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -1;
		dir[i] = c;
	}
	return 0;
}

/* Covers the blocked directory of r[first] with a tmpfs and binds every
 * needed path under it there. 0, or -1 after a message. */
static int rfs_reach_cover(struct rfs_reach *r, size_t n, size_t first,
                           struct rfs_exec_covered *c)
{
	char dir[PATH_MAX];
	size_t len = r[first].blocked;
	memcpy(dir, r[first].path, len);
	dir[len] = '\0';
	char what[96];
	rfs_reach_describe(dir, what, sizeof(what));
	if (c->n < RFS_EXEC_COVERED_MAX && len < sizeof(c->dir[0])) {
		memcpy(c->dir[c->n], dir, len + 1);
		memcpy(c->was[c->n], what, sizeof(what));
		c->n++;
	}
	if (mount("redactfs-exec", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	          "mode=0755,size=1m") < 0) {
		fprintf(stderr, "redactfs exec: %s (%s) cannot be searched by COMMAND's "
		        "user and cannot be covered for it: %s; make it searchable "
		        "(chmod o+x %s), or give SOURCE, --at and --rw outside it\n",
		        dir, what, strerror(errno), dir);
		return -1;
	}
	for (size_t i = first; i < n; i++) {
		if (r[i].blocked != len || strncmp(r[i].path, dir, len) != 0)
			continue;
		char from[64];
		snprintf(from, sizeof(from), "/proc/self/fd/%d", r[i].fd);
		if (rfs_reach_mkdirs(r[i].path, len) < 0 ||
		    mount(from, r[i].path, NULL, MS_BIND | MS_REC, NULL) < 0) {
			fprintf(stderr, "redactfs exec: %s: cannot show it under %s (%s), which "
			        "COMMAND's user cannot search: %s\n", r[i].path, dir, what,
			        strerror(errno));
			return -1;
		}
		r[i].blocked = 0; /* done */
	}
	/* Nothing else may be made there. */
	if (mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
	          NULL) < 0) {
		fprintf(stderr, "redactfs exec: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int rfs_exec_reach(const struct rfs_exec *x, const struct rfs_ctx *ctx,
                   struct rfs_exec_covered *c)
{
	struct rfs_reach r[RFS_REACH_MAX];
	size_t n = 0;
	if (x->nrw + 2 > RFS_REACH_MAX) {
		fprintf(stderr, "redactfs exec: at most %d --rw directories\n", RFS_REACH_MAX - 2);
		return -1;
	}
	r[n++] = (struct rfs_reach){ .path = ctx->source, .fd = -1 };
	if (x->at != NULL)
		r[n++] = (struct rfs_reach){ .path = x->at, .fd = -1 };
	for (size_t i = 0; i < x->nrw; i++)
		r[n++] = (struct rfs_reach){ .path = x->rw[i], .fd = -1 };
	if (rfs_reach_probe(x, r, n) < 0)
		return -1;

	int ret = -1;
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= r[i].blocked > 0;
	if (!any)
		return 0;
	/* Every real directory opened before anything covers it. SOURCE's
	 * must be the very one the daemon holds. */
	for (size_t i = 0; i < n; i++) {
		if (r[i].blocked == 0)
			continue;
		r[i].fd = i == 0 ? rfs_exec_reopen_source(ctx)
		                 : open(r[i].path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (r[i].fd < 0) {
			if (i != 0)
				fprintf(stderr, "redactfs exec: %s: %s\n", r[i].path, strerror(errno));
			goto out;
		}
		if (r[i].blocked == 1) { /* "/" itself */
			fprintf(stderr, "redactfs exec: COMMAND's user (uid %s) cannot search /\n",
			        x->uid);
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (r[i].blocked > 0 && rfs_reach_cover(r, n, i, c) < 0)
			goto out;
	ret = 0;
out:
	for (size_t i = 0; i < n; i++)
		if (r[i].fd >= 0)
			close(r[i].fd);
	return ret;
}

/* ---- COMMAND, as its user ---------------------------------------------- */

/* In the child: COMMAND looked up in its PATH; exits 0 when found, else
 * 126 or 127, having written for a name with a '/' the length of the
 * first directory on its way that stops the user. */
static int rfs_command_ask(const struct rfs_exec *x, const void *arg, int out)
{
	(void)arg;
	char *cmd = rfs_exec_which(x->command[0], rfs_exec_path_var(x));
	if (cmd != NULL)
		return 0;
	int e = errno;
	size_t b = x->command[0][0] == '/' ? rfs_reach_first_blocked(x->command[0]) : 0;
	if (write(out, &b, sizeof(b)) != (ssize_t)sizeof(b))
		return RFS_EXEC_FAIL;
	return e == EACCES ? RFS_EXEC_CANNOT_RUN : RFS_EXEC_NOT_FOUND;
}

int rfs_exec_command_check(const struct rfs_exec *x, const struct rfs_exec_covered *c)
{
	size_t b = 0, got;
	int code;
	if (rfs_as_user(x, rfs_command_ask, NULL, &b, sizeof(b), &got, &code) < 0)
		return RFS_EXEC_FAIL;
	if (code == 0)
		return 0;
	if (code == RFS_EXEC_FAIL) {
		fprintf(stderr, "redactfs exec: cannot check COMMAND as its user\n");
		return RFS_EXEC_FAIL;
	}
	const char *cmd = x->command[0];
	/* Root found it before the covers were made: under one, the user
	 * cannot reach it. */
	for (size_t i = 0; i < c->n; i++) {
		if (rfs_path_within(cmd, c->dir[i])) {
			fprintf(stderr, "redactfs exec: %s: COMMAND's user (uid %s) cannot reach "
			        "it: %s (%s) is not searchable for it\n", cmd, x->uid, c->dir[i],
			        c->was[i]);
			return RFS_EXEC_CANNOT_RUN;
		}
	}
	if (got == sizeof(b) && b > 0 && b < strlen(cmd)) {
		char dir[PATH_MAX], what[160];
		snprintf(dir, sizeof(dir), "%.*s", (int)b, cmd);
		rfs_reach_describe(dir, what, sizeof(what));
		fprintf(stderr, "redactfs exec: %s: COMMAND's user (uid %s) cannot reach it: "
		        "%s (%s) is not searchable for it\n", cmd, x->uid, dir, what);
		return RFS_EXEC_CANNOT_RUN;
	}
	/* Root found it (exec_args.c): a user that does not has a directory
	 * on the way it cannot search. Either way it cannot run it: 126. */
	fprintf(stderr, "redactfs exec: %s: cannot be run by COMMAND's user (uid %s): %s\n",
	        cmd, x->uid, code == RFS_EXEC_CANNOT_RUN
	        ? "not an executable file for it"
	        : "not found by it, though root finds it (a directory on the way is not "
	          "searchable for it)");
	return RFS_EXEC_CANNOT_RUN;
}

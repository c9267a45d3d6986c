/*
 * exec_ns.c — `redactfs exec`'s private mount namespace, and the checks
 * that the view is mounted where COMMAND will look.
 *
 * Invariant: the view is mounted only in a mount namespace of this
 * process's own (/ made private: nobody outside sees it), on the very
 * directory the daemon holds, and COMMAND runs only once SOURCE's path in
 * that namespace shows the view (a FUSE filesystem on another device than
 * the raw directory), never the raw tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ctx.h"
#include "exec_i.h"

int rfs_exec_private_ns(void)
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

int rfs_exec_reopen_source(const struct rfs_ctx *ctx)
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

int rfs_exec_view_check(const struct rfs_ctx *ctx)
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

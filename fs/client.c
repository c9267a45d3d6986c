/*
 * client.c — `redactfs reload MOUNTPOINT` and `redactfs status
 * MOUNTPOINT`: short-lived commands, each in a process of its own, that
 * speak to the daemon serving MOUNTPOINT only through the control
 * attributes of its root (reload.c and status.c answer them) and, to ask
 * for a reload, SIGHUP to the pid one of them names.
 *
 * Invariant: a client holds no state of the mount and changes nothing in
 * it but asking for a reload; what it reports is what the daemon answered
 * (status: the attribute's bytes as they are). Exit status 0 or 1.
 */
#include <errno.h>
#include <linux/limits.h> /* XATTR_SIZE_MAX */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "client.h"
#include "control.h"

/* Reads a control attribute of the mount root into buf. 0 or -errno. */
static int rfs_get_control(const char *mnt, const char *name, char *buf,
                           size_t size)
{
	ssize_t n = getxattr(mnt, name, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int rfs_reload_command(const char *prog, const char *mnt)
{
	char pidtext[64], before[64], after[64];
	(void)prog;
	int res = rfs_get_control(mnt, RFS_XATTR_PID, pidtext, sizeof(pidtext));
	if (res < 0) {
		fprintf(stderr, "redactfs: %s: not a redactfs mount root (%s)\n", mnt,
		        strerror(-res));
		return 1;
	}
	char *end;
	errno = 0;
	long pid = strtol(pidtext, &end, 10);
	if (errno || *end || pid <= 1) {
		fprintf(stderr, "redactfs: %s: bad daemon pid\n", mnt);
		return 1;
	}
	if (rfs_get_control(mnt, RFS_XATTR_RELOAD, before, sizeof(before)) < 0)
		before[0] = '\0';
	if (kill((pid_t)pid, SIGHUP) < 0) {
		fprintf(stderr, "redactfs: %s: cannot signal daemon %ld: %s\n", mnt,
		        pid, strerror(errno));
		return 1;
	}
	/* Wait (up to 10 s) until the daemon counts one more reload. */
	unsigned long n0 = strtoul(before, NULL, 10);
	for (int i = 0; i < 1000; i++) {
		if (rfs_get_control(mnt, RFS_XATTR_RELOAD, after, sizeof(after)) == 0 &&
		    strtoul(after, NULL, 10) > n0) {
			if (strstr(after, " ok") != NULL) {
				printf("redactfs: %s: policy reloaded\n", mnt);
				return 0;
			}
			fprintf(stderr, "redactfs: %s: new policy refused, the old one "
			        "stays in force (the reason is in the daemon's log)\n", mnt);
			return 1;
		}
		usleep(10000);
	}
	fprintf(stderr, "redactfs: %s: daemon %ld did not answer within 10 s\n",
	        mnt, pid);
	return 1;
}

int rfs_status_command(const char *mnt)
{
	char *buf = malloc(XATTR_SIZE_MAX);
	if (buf == NULL) {
		fprintf(stderr, "redactfs: out of memory\n");
		return 1;
	}
	ssize_t n = getxattr(mnt, RFS_XATTR_STATUS, buf, XATTR_SIZE_MAX);
	if (n < 0) {
		int e = errno;
		if (e == ENODATA || e == ENOTSUP)
			fprintf(stderr, "redactfs: %s: not the root of a redactfs mount (it has "
			        "no %s attribute)\n", mnt, RFS_XATTR_STATUS);
		else if (e == EACCES || e == EPERM)
			fprintf(stderr, "redactfs: %s: only root and the user who mounted it may "
			        "read its status\n", mnt);
		else
			fprintf(stderr, "redactfs: %s: %s\n", mnt, strerror(e));
		free(buf);
		return 1;
	}
	size_t out = fwrite(buf, 1, (size_t)n, stdout);
	free(buf);
	if (out != (size_t)n || fflush(stdout) != 0) {
		fprintf(stderr, "redactfs: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

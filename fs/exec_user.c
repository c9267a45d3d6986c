/*
 * exec_user.c — whom `redactfs exec` runs COMMAND as.
 *
 * Invariant: never root (uid or group 0), and by default a uid and gid
 * that nothing else on the host has: no account, no group, no running
 * process. COMMAND then owns no file of the host (it reads only what
 * anyone may), and no other process can reach the view through
 * /proc/PID/root of COMMAND (that needs COMMAND's uid, or root).
 *
 * --user USER names someone instead: an account (its uid and primary
 * group), or a number without an account (as its own group, when no
 * group has that number: a number must not bring a group's rights in).
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec.h"
#include "exec_i.h"

/* The range a run's own uid is picked from: above any distribution's
 * accounts and systemd's dynamic users, below (uid_t)-1 and 2^31. */
#define RFS_EXEC_UID_MIN 2100000000u
#define RFS_EXEC_UID_SPAN 40000000u
#define RFS_EXEC_UID_TRIES 64

/* True when an account or a group has number id (or the lookup fails:
 * unsure counts as taken). */
static bool rfs_id_has_entry(unsigned id)
{
	char buf[4096];
	struct passwd pw, *pwf = NULL;
	struct group gr, *grf = NULL;
	if (getpwuid_r((uid_t)id, &pw, buf, sizeof(buf), &pwf) != 0 || pwf != NULL)
		return true;
	if (getgrgid_r((gid_t)id, &gr, buf, sizeof(buf), &grf) != 0 || grf != NULL)
		return true;
	return false;
}

/* True when a process runs with uid or gid id in any of its ids (or
 * /proc cannot be read: unsure counts as taken). */
static bool rfs_id_has_process(unsigned id)
{
	DIR *d = opendir("/proc");
	if (d == NULL)
		return true;
	bool taken = false;
	struct dirent *e;
	char path[300], line[256];
	while (!taken && (e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "re");
		if (f == NULL)
			continue; /* gone meanwhile */
		while (!taken && fgets(line, sizeof(line), f) != NULL) {
			unsigned a, b, c, x;
			if ((sscanf(line, "Uid: %u %u %u %u", &a, &b, &c, &x) == 4 ||
			     sscanf(line, "Gid: %u %u %u %u", &a, &b, &c, &x) == 4) &&
			    (a == id || b == id || c == id || x == id))
				taken = true;
		}
		fclose(f);
	}
	closedir(d);
	return taken;
}

/* A uid (and gid, the same number) nothing on the host has. */
static int rfs_exec_pick_uid(uid_t *uid, gid_t *gid)
{
	for (int i = 0; i < RFS_EXEC_UID_TRIES; i++) {
		unsigned r;
		if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
			return -1;
		unsigned id = RFS_EXEC_UID_MIN + r % RFS_EXEC_UID_SPAN;
		if (!rfs_id_has_entry(id) && !rfs_id_has_process(id)) {
			*uid = (uid_t)id;
			*gid = (gid_t)id;
			return 0;
		}
	}
	return -1;
}

int rfs_exec_user(const char *user, uid_t *uid, gid_t *gid)
{
	if (user == NULL) {
		if (rfs_exec_pick_uid(uid, gid) == 0)
			return 0;
		fprintf(stderr, "redactfs exec: cannot find a free uid for COMMAND; "
		        "give one with --user\n");
		return -1;
	}
	struct passwd pw, *found = NULL;
	char buf[4096];
	char *end;
	errno = 0;
	unsigned long n = strtoul(user, &end, 10);
	bool numeric = user[0] >= '0' && user[0] <= '9' && *end == '\0' && errno == 0 &&
	               n < (unsigned long)(uid_t)-1;
	int e = numeric ? getpwuid_r((uid_t)n, &pw, buf, sizeof(buf), &found)
	                : getpwnam_r(user, &pw, buf, sizeof(buf), &found);
	if (found != NULL) {
		*uid = pw.pw_uid;
		*gid = pw.pw_gid;
	} else if (numeric && e == 0) {
		struct group gr, *grf = NULL;
		if (getgrgid_r((gid_t)n, &gr, buf, sizeof(buf), &grf) != 0 || grf != NULL) {
			fprintf(stderr, "redactfs exec: --user %s: no account has this uid, "
			        "and group %s is someone's: give an account's name\n", user, user);
			return -1;
		}
		*uid = (uid_t)n;
		*gid = (gid_t)n;
	} else {
		fprintf(stderr, "redactfs exec: --user %s: %s\n", user,
		        e ? strerror(e) : "no such user");
		return -1;
	}
	if (*uid == 0 || *gid == 0) {
		fprintf(stderr, "redactfs exec: --user %s: COMMAND may not run as root "
		        "(uid or group 0)\n", user);
		return -1;
	}
	return 0;
}

/* Raw system calls: glibc's wrappers would signal every thread of the
 * process, of which the forked child has only one. */
int rfs_exec_become_user(const struct rfs_exec *x)
{
	if (syscall(SYS_setgroups, 0, NULL) < 0 ||
	    syscall(SYS_setresgid, x->run_gid, x->run_gid, x->run_gid) < 0 ||
	    syscall(SYS_setresuid, x->run_uid, x->run_uid, x->run_uid) < 0)
		return -1;
	return 0;
}

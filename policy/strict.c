/*
 * strict.c — sshd's StrictModes for the files a policy trusts (the policy
 * itself, its key_file and its audit_log), and paths given relative to the
 * policy file.
 *
 * Invariant: a file is trusted only when nobody but its owner or root can
 * change it: it is owned by root or by the user running us, and no group or
 * other write bit is set. A secret (the key) must also be unreadable by
 * group and others. The check is made on the open descriptor (fstat), so
 * the file checked is the file read.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy_i.h"

bool policy_strict_ok(int fd, bool secret, char *why, size_t whylen)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		snprintf(why, whylen, "cannot stat it; refusing it");
		return false;
	}
	unsigned mode = (unsigned)st.st_mode & 07777u;
	if (st.st_uid != 0 && st.st_uid != geteuid()) {
		snprintf(why, whylen, "is owned by uid %u, not by root or the running user "
		         "(uid %u); refusing it", (unsigned)st.st_uid, (unsigned)geteuid());
		return false;
	}
	if (secret && (mode & 077u)) {
		snprintf(why, whylen, "is readable or writable by others (mode %04o); refusing "
		         "it (chmod 600)", mode);
		return false;
	}
	if (mode & 022u) {
		snprintf(why, whylen, "is writable by others (mode %04o); refusing it", mode);
		return false;
	}
	return true;
}

/* One directory above a trusted file: owned by root or the running user,
 * and writable by nobody else unless sticky (there, others cannot replace
 * what is not theirs: /tmp). */
static bool dir_ok(const char *dir, char *why, size_t whylen)
{
	struct stat st;
	if (stat(dir, &st) < 0) {
		snprintf(why, whylen, "cannot stat its directory %s; refusing it", dir);
		return false;
	}
	unsigned mode = (unsigned)st.st_mode & 07777u;
	if (st.st_uid != 0 && st.st_uid != geteuid()) {
		snprintf(why, whylen, "is in directory %s, owned by uid %u, not by root or the running "
		         "user (uid %u); refusing it", dir, (unsigned)st.st_uid, (unsigned)geteuid());
		return false;
	}
	if ((mode & 022u) && !(mode & S_ISVTX)) {
		snprintf(why, whylen, "is in directory %s, which others may write (mode %04o, not "
		         "sticky): anyone could replace the file there; refusing it (chmod go-w %s)",
		         dir, mode, dir);
		return false;
	}
	return true;
}

/* Every directory from dir (absolute) up to the root. */
static bool chain_ok(const char *dir, char *why, size_t whylen)
{
	char d[PATH_MAX];
	snprintf(d, sizeof d, "%s", dir);
	for (;;) {
		if (!dir_ok(d, why, whylen))
			return false;
		char *slash = strrchr(d, '/');
		if (!slash || (slash == d && d[1] == '\0'))
			return true;
		if (slash == d)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

bool policy_strict_dirs_ok(const char *path, char *why, size_t whylen)
{
	/* The directories of the path as given (a symlink's own directory is
	 * where it could be swapped), and those of the file it names. */
	char given[PATH_MAX], real[PATH_MAX];
	if (path[0] == '/') {
		snprintf(given, sizeof given, "%s", path);
	} else {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd)) {
			snprintf(why, whylen, "cannot tell the current directory; refusing it");
			return false;
		}
		if (strlen(cwd) + 1 + strlen(path) >= sizeof given) {
			snprintf(why, whylen, "has a path too long to check; refusing it");
			return false;
		}
		strcpy(given, cwd);
		strcat(given, "/");
		strcat(given, path);
	}
	if (!realpath(path, real)) {
		/* A file still to be made (an audit log): its directory's. */
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%s", given);
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		if (errno != ENOENT || !realpath(dir, real) || strlen(real) + 3 > sizeof real) {
			snprintf(why, whylen, "cannot resolve its path; refusing it");
			return false;
		}
		strcat(real, "/x"); /* only its directories are looked at */
	}
	char *both[] = {given, real};
	for (size_t i = 0; i < 2; i++) {
		char *slash = strrchr(both[i], '/');
		if (slash == both[i])
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		if (!chain_ok(both[i], why, whylen))
			return false;
	}
	return true;
}

char *policy_rel_path(const char *source, const char *value)
{
	if (value[0] == '/')
		return strdup(value);
	const char *slash = strrchr(source, '/');
	char dir[PATH_MAX];
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == source)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - source), source);
	char abs[PATH_MAX];
	const char *base = realpath(dir, abs) ? abs : dir;
	size_t n = strlen(base) + strlen(value) + 2;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s%s", base, strcmp(base, "/") == 0 ? "" : "/", value);
	return out;
}

int policy_audit_log_open(const policy *pol, char *err, size_t errlen)
{
	const char *log = pol->global.audit_log;
	if (log == NULL)
		return -ENOENT;
	char why[256];
	/* Its directory must be there (a clear "No such file or directory"),
	 * and then it and those above it safe: a file made in one others
	 * may change could be swapped for theirs. */
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", log);
	char *slash = strrchr(dir, '/');
	if (slash != NULL) {
		slash[slash == dir] = '\0';
		struct stat st;
		if (stat(dir, &st) < 0) {
			int e = errno;
			snprintf(err, errlen, "%s: audit_log %s: %s", policy_source(pol), log,
			         strerror(e));
			return -e;
		}
	}
	if (!policy_strict_dirs_ok(log, why, sizeof why)) {
		snprintf(err, errlen, "%s: audit_log %s %s", policy_source(pol), log, why);
		return -EPERM;
	}
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		int e = errno;
		snprintf(err, errlen, "%s: audit_log %s: %s", policy_source(pol), log, strerror(e));
		return -e;
	}
	if (!policy_strict_ok(fd, false, why, sizeof why)) {
		close(fd);
		snprintf(err, errlen, "%s: audit_log %s %s", policy_source(pol), log, why);
		return -EPERM;
	}
	return fd;
}

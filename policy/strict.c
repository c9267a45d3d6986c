/*
 * strict.c — sshd's StrictModes for the files a policy trusts (the policy
 * itself and its key_file), and paths given relative to the policy file.
 *
 * Invariant: a file is trusted only when nobody but its owner or root can
 * change it: it is owned by root or by the user running us, and no group or
 * other write bit is set. A secret (the key) must also be unreadable by
 * group and others. The check is made on the open descriptor (fstat), so
 * the file checked is the file read.
 */
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

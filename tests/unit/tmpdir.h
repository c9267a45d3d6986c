/*
 * tmpdir.h — what the fs/ unit tests share for files on disk: a fresh
 * directory made by mkdtemp(3) under $TMPDIR (or /tmp), a file written
 * into it, and the directory's removal with everything below it (a
 * symlink is removed, never followed), so that a test leaves nothing
 * behind.
 */
#ifndef TMPDIR_H
#define TMPDIR_H

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes the directory "$TMPDIR/redactfs-TAG-XXXXXX" and writes its path
 * into dir (size bytes). Returns 0 or -1. */
static inline int tmpdir_make(char *dir, size_t size, const char *tag)
{
	const char *base = getenv("TMPDIR");
	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	int n = snprintf(dir, size, "%s/redactfs-%s-XXXXXX", base, tag);
	if (n < 0 || (size_t)n >= size)
		return -1;
	return mkdtemp(dir) ? 0 : -1;
}

/* dir/name into out (size bytes); out. A path too long for out is a
 * mistake of the test: it stops there. */
static inline const char *tmpdir_path(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= size) {
		fprintf(stderr, "tmpdir_path: %s/%s is too long\n", dir, name);
		abort();
	}
	return out;
}

/* Writes text to dir/name (created or truncated, mode 0644 less the
 * umask). Returns 0 or -1. */
static inline int tmpdir_write(const char *dir, const char *name, const char *text)
{
	char path[4096];
	tmpdir_path(path, sizeof path, dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -1;
	size_t len = strlen(text);
	ssize_t n = write(fd, text, len);
	return close(fd) == 0 && n == (ssize_t)len ? 0 : -1;
}

static inline int tmpdir_remove_one(const char *path, const struct stat *st, int flag,
                                    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

/* Removes dir and everything below it. Returns 0 or -1. */
static inline int tmpdir_remove(const char *dir)
{
	return nftw(dir, tmpdir_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* TMPDIR_H */

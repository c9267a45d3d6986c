/*
 * source.c — the only door into SOURCE.
 *
 * Every name the kernel hands us is resolved here, relative to the SOURCE
 * directory fd, with openat2(2) and RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
 * RESOLVE_NO_MAGICLINKS. Invariant: whatever is swapped into SOURCE
 * (a symlink or ".." in any component, at any time), the daemon never
 * opens, stats or reads anything outside SOURCE; it never follows a
 * symlink, it only reports one as a symlink. Only regular files are opened
 * for reading, and opening never blocks (O_NONBLOCK: a FIFO swapped in
 * between getattr and open is refused, not waited on).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "source.h"

/* openat2 fails with EAGAIN under RESOLVE_BENEATH when a rename or mount
 * raced with the lookup; it is safe to try again a few times. */
#define RFS_OPENAT2_TRIES 16

/* The mount path "/a/b" as a name beneath SOURCE: "a/b"; "/" is ".". */
static const char *rfs_relname(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

int rfs_source_open(int rootfd, const char *path, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
		           RESOLVE_NO_MAGICLINKS,
	};
	const char *name = rfs_relname(path);

	for (int i = 0; i < RFS_OPENAT2_TRIES; i++) {
		long fd = syscall(SYS_openat2, rootfd, name, &how, sizeof(how));
		if (fd >= 0)
			return (int)fd;
		if (errno != EAGAIN && errno != EINTR)
			return -errno;
	}
	return -EAGAIN;
}

int rfs_source_lstat(int rootfd, const char *path, struct stat *st)
{
	int fd = rfs_source_open(rootfd, path, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return fd;
	int res = fstatat(fd, "", st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
	int saved = errno;
	close(fd);
	return res < 0 ? -saved : 0;
}

int rfs_source_readlink(int rootfd, const char *path, char *buf, size_t size)
{
	struct stat st;
	int res = 0;

	if (size == 0)
		return -EINVAL;
	int fd = rfs_source_open(rootfd, path, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return fd;
	if (fstatat(fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) < 0) {
		res = -errno;
	} else if (!S_ISLNK(st.st_mode)) {
		res = -EINVAL;
	} else {
		/* readlink(2) refuses a size of 0: room for the NUL only is "". */
		ssize_t n = size > 1 ? readlinkat(fd, "", buf, size - 1) : 0;
		if (n < 0)
			res = -errno;
		else
			buf[n] = '\0';
	}
	close(fd);
	return res;
}

int rfs_source_open_file(int rootfd, const char *path, struct stat *st)
{
	/* O_NOATIME keeps SOURCE's atimes as they were; it needs ownership or
	 * CAP_FOWNER, so fall back to a plain open when refused. */
	const int base = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
	int fd = rfs_source_open(rootfd, path, base | O_NOATIME);
	if (fd == -EPERM)
		fd = rfs_source_open(rootfd, path, base);
	if (fd == -ENXIO)
		return -EACCES; /* a socket, or a device without a driver: open(2)
		                 * refuses it before fstat sees it is no regular file */
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		int saved = errno;
		close(fd);
		return -saved;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -EACCES;
	}
	return fd;
}

int rfs_source_statat(int dirfd, const char *name, struct stat *st)
{
	/* One name in an open directory of SOURCE: no path, no dot-dot, so
	 * nothing is resolved but that name, and a symlink is not followed. */
	if (name[0] == '\0' || strchr(name, '/') != NULL || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return -EINVAL;
	if (fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	return 0;
}

int rfs_source_open_dir(int rootfd, const char *path)
{
	return rfs_source_open(rootfd, path,
	                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK);
}

ssize_t rfs_source_pread(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got = 0;

	if (off > (uint64_t)INT64_MAX || len > (size_t)INT64_MAX - off)
		return -EINVAL;
	while (got < len) {
		ssize_t n = pread(fd, (char *)buf + got, len - got,
		                  (off_t)(off + got));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * t_fs_source.c — the only door into SOURCE (fs/source.c), without a
 * mount.
 *
 * A SOURCE tree is built in a temporary directory, next to files outside
 * it, with symlinks of every kind (to a file, to a directory, relative
 * ones that escape, an absolute one, a loop), a FIFO, a socket, a
 * dot-file and an empty file. Covered: rfs_source_open resolves mount
 * paths ("/", "/a/b", repeated slashes) beneath the root fd with O_CLOEXEC
 * added; a symlink in any component (last, middle, after "..") is -ELOOP,
 * never followed; ".." that leaves SOURCE, even to come back, is -EXDEV;
 * lstat reports a symlink as itself; readlink gives the target unresolved,
 * truncated to size - 1 bytes and NUL-terminated without writing past
 * size, -EINVAL on what is no symlink; rfs_source_open_file opens regular
 * files read-only (and leaves their atime), and refuses a directory, a
 * FIFO (without blocking) and a socket with -EACCES; statat takes one name
 * only (no '/', no "." or "..", not empty) and does not follow it;
 * open_dir lists a directory and refuses a file, a FIFO and symlinks;
 * rfs_source_pread reads whole ranges, short only at end of file, refuses
 * offsets beyond 2^63 - 1. With the symlink swapped in and out of a path
 * component by another thread (RENAME_EXCHANGE), no open, lstat or
 * open_file ever reaches the file outside.
 *
 * pread(2) short reads and EINTR cannot be had from a regular file on
 * demand, so this program defines pread itself (the static library's
 * source.c links to it): it reads through the system call, at most
 * fake.chunk bytes a call, and fails calls on request. With it:
 * rfs_source_pread retries short reads (down to 1 byte a call) and EINTR,
 * and returns an error that is not EINTR.
 * Expected values are written by hand from source.h and the test tree.
 */
#undef _FORTIFY_SOURCE /* pread is defined below */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "source.h"
#include "tap.h"
#include "tmpdir.h"

static struct tap t;

/* ---- pread(2) as this program wants it ---- */

static struct {
	size_t chunk;    /* 0: as asked; else at most this many bytes a call */
	int eintr_every; /* 0: never; else calls 1, 1 + n, 1 + 2n, ... fail with EINTR */
	int fail_from;   /* 0: never; else this call and those after fail with EIO */
	int calls;
} fake;

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	fake.calls++;
	if (fake.eintr_every && (fake.calls - 1) % fake.eintr_every == 0) {
		errno = EINTR;
		return -1;
	}
	if (fake.fail_from && fake.calls >= fake.fail_from) {
		errno = EIO;
		return -1;
	}
	if (fake.chunk && n > fake.chunk)
		n = fake.chunk;
	return syscall(SYS_pread64, fd, buf, n, off);
}

/* ---- The tree ---- */

/*
 * DIR/outside.txt            "OUTSIDE secret\n"
 * DIR/outdir/b.txt           "OUTSIDE b\n"
 * DIR/src/                   SOURCE (rootfd)
 *   a.txt                    "alpha 555-0100\n"
 *   .hidden                  "dot\n"
 *   empty                    ""
 *   big.bin                  BIG bytes, byte i = (i * 7 + 3) % 251
 *   sub/b.txt                "inside b\n"
 *   sub/deeper/c.txt         "c\n"
 *   link -> a.txt, dirlink -> sub, esc -> ../outside.txt,
 *   escdir -> ../outdir, abs -> DIR/outside.txt, loop -> loop,
 *   swap -> ../outdir (exchanged with sub by the race test)
 *   fifo, sock
 */
#define BIG 100003

static char dir[4096], src[4096];
static int rootfd = -1;
static bool have_sock;

static bool make_tree(void)
{
	char p[4096], q[4096];
	bool ok = tmpdir_make(dir, sizeof dir, "source") == 0;
	if (!ok)
		return false;
	tmpdir_path(src, sizeof src, dir, "src");
	ok = ok && tmpdir_write(dir, "outside.txt", "OUTSIDE secret\n") == 0;
	ok = ok && mkdir(tmpdir_path(p, sizeof p, dir, "outdir"), 0755) == 0;
	ok = ok && tmpdir_write(p, "b.txt", "OUTSIDE b\n") == 0;
	ok = ok && mkdir(src, 0755) == 0;
	ok = ok && tmpdir_write(src, "a.txt", "alpha 555-0100\n") == 0;
	ok = ok && tmpdir_write(src, ".hidden", "dot\n") == 0;
	ok = ok && tmpdir_write(src, "empty", "") == 0;
	ok = ok && mkdir(tmpdir_path(p, sizeof p, src, "sub"), 0755) == 0;
	ok = ok && tmpdir_write(p, "b.txt", "inside b\n") == 0;
	ok = ok && mkdir(tmpdir_path(q, sizeof q, p, "deeper"), 0755) == 0;
	ok = ok && tmpdir_write(q, "c.txt", "c\n") == 0;
	static const char *links[][2] = {
		{ "a.txt", "link" }, { "sub", "dirlink" }, { "../outside.txt", "esc" },
		{ "../outdir", "escdir" }, { "loop", "loop" }, { "../outdir", "swap" },
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		ok = ok && symlink(links[i][0], tmpdir_path(p, sizeof p, src, links[i][1])) == 0;
	ok = ok && symlink(tmpdir_path(q, sizeof q, dir, "outside.txt"),
	                   tmpdir_path(p, sizeof p, src, "abs")) == 0;
	ok = ok && mkfifo(tmpdir_path(p, sizeof p, src, "fifo"), 0644) == 0;

	char *big = malloc(BIG + 1);
	if (big == NULL)
		return false;
	for (size_t i = 0; i < BIG; i++)
		big[i] = (char)((i * 7 + 3) % 251 + 1); /* no NUL: tmpdir_write takes text */
	big[BIG] = '\0';
	ok = ok && tmpdir_write(src, "big.bin", big) == 0;
	free(big);

	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	tmpdir_path(p, sizeof p, src, "sock");
	if (strlen(p) < sizeof sa.sun_path) {
		strcpy(sa.sun_path, p);
		int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		have_sock = s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof sa) == 0;
		if (s >= 0)
			close(s);
	}
	rootfd = open(src, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return ok && rootfd >= 0;
}

/* The byte at i of big.bin. */
static char big_at(uint64_t i)
{
	return (char)((i * 7 + 3) % 251 + 1);
}

/* The whole content of fd from offset 0 (at most size - 1 bytes). */
static const char *content(int fd, char *buf, size_t size)
{
	ssize_t n = fd < 0 ? -1 : (ssize_t)syscall(SYS_pread64, fd, buf, size - 1, (off_t)0);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

/* ---- rfs_source_open ---- */

static void test_open(void)
{
	char buf[256];
	struct stat root, st;
	fstat(rootfd, &root);

	int fd = rfs_source_open(rootfd, "/a.txt", O_RDONLY);
	tap_ok(&t, strcmp(content(fd, buf, sizeof buf), "alpha 555-0100\n") == 0,
	       "open /a.txt reads SOURCE's file");
	tap_ok(&t, fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "open adds O_CLOEXEC");
	if (fd >= 0)
		close(fd);

	static const struct {
		const char *path, *want;
	} files[] = {
		{ "/sub/b.txt", "inside b\n" }, { "/sub/deeper/c.txt", "c\n" },
		{ "//a.txt", "alpha 555-0100\n" }, { "/sub//b.txt", "inside b\n" },
		{ "/./sub/./b.txt", "inside b\n" }, { "/.hidden", "dot\n" },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		fd = rfs_source_open(rootfd, files[i].path, O_RDONLY);
		tap_ok(&t, strcmp(content(fd, buf, sizeof buf), files[i].want) == 0, "open %s",
		       files[i].path);
		if (fd >= 0)
			close(fd);
	}

	static const char *roots[] = { "/", "//", "/sub/.." };
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		fd = rfs_source_open(rootfd, roots[i], O_RDONLY | O_DIRECTORY);
		tap_ok(&t, fd >= 0 && fstat(fd, &st) == 0 && st.st_ino == root.st_ino &&
		           st.st_dev == root.st_dev,
		       "open '%s' is SOURCE itself", roots[i]);
		if (fd >= 0)
			close(fd);
	}

	static const struct {
		const char *path;
		int flags, want;
	} refused[] = {
		{ "/link", O_RDONLY, -ELOOP },
		{ "/link", O_RDONLY | O_NOFOLLOW, -ELOOP },
		{ "/dirlink/b.txt", O_RDONLY, -ELOOP },
		{ "/dirlink", O_RDONLY | O_DIRECTORY, -ELOOP },
		{ "/sub/../link", O_RDONLY, -ELOOP },
		{ "/esc", O_RDONLY, -ELOOP },
		{ "/escdir/b.txt", O_RDONLY, -ELOOP },
		{ "/abs", O_RDONLY, -ELOOP },
		{ "/loop", O_RDONLY, -ELOOP },
		{ "/..", O_RDONLY | O_DIRECTORY, -EXDEV },
		{ "/../outside.txt", O_RDONLY, -EXDEV },
		{ "/sub/../../outside.txt", O_RDONLY, -EXDEV },
		{ "/sub/deeper/../../../outdir/b.txt", O_RDONLY, -EXDEV },
		{ "/../src/a.txt", O_RDONLY, -EXDEV },
		{ "/missing", O_RDONLY, -ENOENT },
		{ "/a.txt/x", O_RDONLY, -ENOTDIR },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		fd = rfs_source_open(rootfd, refused[i].path, refused[i].flags);
		if (!tap_ok(&t, fd == refused[i].want, "open %s: %s", refused[i].path,
		            strerror(-refused[i].want)))
			printf("# got %d (%s)\n", fd, fd < 0 ? strerror(-fd) : "an fd");
		if (fd >= 0)
			close(fd);
	}
}

/* ---- lstat, readlink ---- */

static void test_lstat(void)
{
	struct stat st, root;
	fstat(rootfd, &root);
	int res = rfs_source_lstat(rootfd, "/a.txt", &st);
	tap_ok(&t, res == 0 && S_ISREG(st.st_mode) && st.st_size == 15, "lstat /a.txt: 15 bytes");
	res = rfs_source_lstat(rootfd, "/link", &st);
	tap_ok(&t, res == 0 && S_ISLNK(st.st_mode) && st.st_size == 5,
	       "lstat /link: the symlink itself (5 bytes of target)");
	res = rfs_source_lstat(rootfd, "/esc", &st);
	tap_ok(&t, res == 0 && S_ISLNK(st.st_mode) && st.st_size == 14,
	       "lstat /esc: the symlink, not what is outside");
	res = rfs_source_lstat(rootfd, "/", &st);
	tap_ok(&t, res == 0 && S_ISDIR(st.st_mode) && st.st_ino == root.st_ino,
	       "lstat /: SOURCE");
	res = rfs_source_lstat(rootfd, "/fifo", &st);
	tap_ok(&t, res == 0 && S_ISFIFO(st.st_mode), "lstat /fifo: a FIFO, without blocking");
	static const struct {
		const char *path;
		int want;
	} refused[] = {
		{ "/dirlink/b.txt", -ELOOP }, { "/escdir/b.txt", -ELOOP },
		{ "/../outside.txt", -EXDEV }, { "/sub/../../src/a.txt", -EXDEV },
		{ "/missing", -ENOENT },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		res = rfs_source_lstat(rootfd, refused[i].path, &st);
		tap_ok(&t, res == refused[i].want, "lstat %s: %s (%d)", refused[i].path,
		       strerror(-refused[i].want), res);
	}
}

static void test_readlink(void)
{
	char buf[64], abs[4096];
	int res;
	static const struct {
		const char *path, *want;
	} links[] = {
		{ "/link", "a.txt" }, { "/esc", "../outside.txt" }, { "/escdir", "../outdir" },
		{ "/loop", "loop" }, { "/sub/../dirlink", "sub" },
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		memset(buf, '#', sizeof buf);
		res = rfs_source_readlink(rootfd, links[i].path, buf, sizeof buf);
		tap_ok(&t, res == 0 && strcmp(buf, links[i].want) == 0, "readlink %s: %s",
		       links[i].path, links[i].want);
	}
	char absbuf[4096];
	res = rfs_source_readlink(rootfd, "/abs", absbuf, sizeof absbuf);
	tap_ok(&t, res == 0 && strcmp(absbuf, tmpdir_path(abs, sizeof abs, dir, "outside.txt")) == 0,
	       "readlink /abs: the absolute target as it is");

	/* Truncation: size - 1 bytes and a NUL, nothing written past size. */
	static const struct {
		size_t size;
		const char *want;
	} cuts[] = { { 7, "a.txt" }, { 6, "a.txt" }, { 5, "a.tx" }, { 2, "a" }, { 1, "" } };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		memset(buf, '#', sizeof buf);
		res = rfs_source_readlink(rootfd, "/link", buf, cuts[i].size);
		bool untouched = true;
		for (size_t k = cuts[i].size; k < sizeof buf; k++)
			untouched = untouched && buf[k] == '#';
		tap_ok(&t, res == 0 && strcmp(buf, cuts[i].want) == 0 && untouched,
		       "readlink /link into %zu bytes: '%s', nothing past them", cuts[i].size,
		       cuts[i].want);
	}
	memset(buf, '#', sizeof buf);
	res = rfs_source_readlink(rootfd, "/link", buf, 0);
	tap_ok(&t, res < 0 && buf[0] == '#', "readlink into 0 bytes: an error, nothing written");

	static const struct {
		const char *path;
		int want;
	} refused[] = {
		{ "/a.txt", -EINVAL }, { "/sub", -EINVAL }, { "/", -EINVAL }, { "/fifo", -EINVAL },
		{ "/dirlink/b.txt", -ELOOP }, { "/../src/link", -EXDEV }, { "/missing", -ENOENT },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		res = rfs_source_readlink(rootfd, refused[i].path, buf, sizeof buf);
		tap_ok(&t, res == refused[i].want, "readlink %s: %s (%d)", refused[i].path,
		       strerror(-refused[i].want), res);
	}
}

/* ---- open_file ---- */

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "Bail out! a SOURCE call blocked\n";
	if (write(1, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(2);
}

static void test_open_file(void)
{
	char buf[256], p[4096];
	struct stat st;
	int fd = rfs_source_open_file(rootfd, "/a.txt", &st);
	tap_ok(&t, fd >= 0 && S_ISREG(st.st_mode) && st.st_size == 15 &&
	           strcmp(content(fd, buf, sizeof buf), "alpha 555-0100\n") == 0,
	       "open_file /a.txt: fd, stat and content");
	tap_ok(&t, fd >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY &&
	           write(fd, "x", 1) < 0,
	       "open_file: read-only");
	tap_ok(&t, fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "open_file: close-on-exec");
	if (fd >= 0)
		close(fd);

	fd = rfs_source_open_file(rootfd, "/empty", &st);
	tap_ok(&t, fd >= 0 && S_ISREG(st.st_mode) && st.st_size == 0, "open_file /empty");
	if (fd >= 0)
		close(fd);

	/* SOURCE's atime stays as it was (source.c: O_NOATIME for the owner). */
	struct timespec old[2] = { { 1000000000, 0 }, { 0, UTIME_OMIT } };
	tmpdir_path(p, sizeof p, src, "sub/b.txt");
	if (utimensat(AT_FDCWD, p, old, 0) == 0) {
		fd = rfs_source_open_file(rootfd, "/sub/b.txt", &st);
		content(fd, buf, sizeof buf);
		if (fd >= 0)
			close(fd);
		tap_ok(&t, stat(p, &st) == 0 && st.st_atim.tv_sec == 1000000000,
		       "open_file and a read leave the atime (%lld)", (long long)st.st_atim.tv_sec);
	}

	/* Not regular files: refused, and a FIFO without waiting for a writer. */
	signal(SIGALRM, on_alarm);
	alarm(10);
	struct {
		const char *path;
		int want;
		bool have;
	} refused[] = {
		{ "/sub", -EACCES, true },
		{ "/", -EACCES, true },
		{ "/fifo", -EACCES, true },
		{ "/sock", -EACCES, have_sock },
		{ "/link", -ELOOP, true },
		{ "/dirlink/b.txt", -ELOOP, true },
		{ "/abs", -ELOOP, true },
		{ "/../outside.txt", -EXDEV, true },
		{ "/missing", -ENOENT, true },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		if (!refused[i].have) {
			printf("# no socket could be made here: %s not tried\n", refused[i].path);
			continue;
		}
		memset(&st, 0, sizeof st);
		fd = rfs_source_open_file(rootfd, refused[i].path, &st);
		tap_ok(&t, fd == refused[i].want, "open_file %s: %s (%d)", refused[i].path,
		       strerror(-refused[i].want), fd);
		if (fd >= 0)
			close(fd);
	}
	alarm(0);
}

/* ---- statat, open_dir ---- */

static void test_statat(void)
{
	struct stat st;
	int dfd = rfs_source_open_dir(rootfd, "/");
	tap_ok(&t, dfd >= 0, "open_dir /");
	static const struct {
		const char *name;
		mode_t type;
	} found[] = {
		{ "a.txt", S_IFREG }, { ".hidden", S_IFREG }, { "sub", S_IFDIR },
		{ "link", S_IFLNK }, { "dirlink", S_IFLNK }, { "esc", S_IFLNK },
		{ "loop", S_IFLNK }, { "fifo", S_IFIFO },
	};
	for (size_t i = 0; i < sizeof found / sizeof found[0]; i++) {
		int res = rfs_source_statat(dfd, found[i].name, &st);
		tap_ok(&t, res == 0 && (st.st_mode & S_IFMT) == found[i].type,
		       "statat %s: its own type, not followed", found[i].name);
	}
	static const struct {
		const char *name;
		int want;
	} refused[] = {
		{ "", -EINVAL }, { ".", -EINVAL }, { "..", -EINVAL }, { "sub/b.txt", -EINVAL },
		{ "/a.txt", -EINVAL }, { "../outside.txt", -EINVAL }, { "a.txt/", -EINVAL },
		{ "missing", -ENOENT },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		int res = rfs_source_statat(dfd, refused[i].name, &st);
		tap_ok(&t, res == refused[i].want, "statat '%s': %s (%d)", refused[i].name,
		       strerror(-refused[i].want), res);
	}
	if (dfd >= 0)
		close(dfd);

	dfd = rfs_source_open_dir(rootfd, "/sub");
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	int seen = 0, other = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strcmp(e->d_name, "b.txt") == 0 || strcmp(e->d_name, "deeper") == 0)
			seen++;
		else
			other++;
	}
	tap_ok(&t, d && seen == 2 && other == 0, "open_dir /sub lists b.txt and deeper");
	tap_ok(&t, d && rfs_source_statat(dirfd(d), "deeper", &st) == 0 && S_ISDIR(st.st_mode),
	       "statat in /sub: deeper");
	if (d)
		closedir(d);

	alarm(10);
	static const struct {
		const char *path;
		int want;
	} dirs_refused[] = {
		{ "/a.txt", -ENOTDIR }, { "/fifo", -ENOTDIR }, { "/dirlink/deeper", -ELOOP },
		{ "/escdir/.", -ELOOP }, { "/../outdir", -EXDEV }, { "/missing", -ENOENT },
	};
	for (size_t i = 0; i < sizeof dirs_refused / sizeof dirs_refused[0]; i++) {
		int fd = rfs_source_open_dir(rootfd, dirs_refused[i].path);
		tap_ok(&t, fd == dirs_refused[i].want, "open_dir %s: %s (%d)", dirs_refused[i].path,
		       strerror(-dirs_refused[i].want), fd);
		if (fd >= 0)
			close(fd);
	}
	/* A symlink as the last component: not followed. open(2) says so
	 * with ENOTDIR under O_DIRECTORY | O_NOFOLLOW; open_dir promises no
	 * errno of its own. */
	static const char *dir_links[] = { "/dirlink", "/escdir" };
	for (size_t i = 0; i < sizeof dir_links / sizeof dir_links[0]; i++) {
		int fd = rfs_source_open_dir(rootfd, dir_links[i]);
		tap_ok(&t, fd == -ELOOP || fd == -ENOTDIR, "open_dir %s: refused, not followed (%d)",
		       dir_links[i], fd);
		if (fd >= 0)
			close(fd);
	}
	alarm(0);
}

/* ---- pread ---- */

/* rfs_source_pread of [off, off + len) of big.bin equals the file's bytes
 * and counts min(len, BIG - off). */
static bool pread_ok(int fd, uint64_t off, size_t len)
{
	char *buf = malloc(len + 1);
	ssize_t n = rfs_source_pread(fd, buf, len, off);
	size_t want = off >= BIG ? 0 : (BIG - off < len ? BIG - off : len);
	bool ok = n == (ssize_t)want;
	for (size_t i = 0; ok && i < want; i++)
		ok = buf[i] == big_at(off + i);
	if (!ok)
		printf("# pread at %llu of %zu: %zd, want %zu\n", (unsigned long long)off, len, n,
		       want);
	free(buf);
	return ok;
}

static void test_pread(void)
{
	struct stat st;
	int fd = rfs_source_open_file(rootfd, "/big.bin", &st);
	tap_ok(&t, fd >= 0 && st.st_size == BIG, "open_file /big.bin");

	tap_ok(&t, pread_ok(fd, 0, BIG), "pread: the whole file");
	tap_ok(&t, pread_ok(fd, 4093, 8192), "pread: a range across pages");
	tap_ok(&t, pread_ok(fd, BIG - 13, 100), "pread: short only at the end (13 bytes)");
	tap_ok(&t, pread_ok(fd, BIG, 10) && pread_ok(fd, BIG + 4096, 10),
	       "pread: at and past the end, 0");
	tap_ok(&t, pread_ok(fd, 500, 0), "pread: 0 bytes");
	char b[16];
	tap_ok(&t, rfs_source_pread(fd, b, 1, (uint64_t)INT64_MAX + 1) == -EINVAL &&
	           rfs_source_pread(fd, b, 1, UINT64_MAX) == -EINVAL,
	       "pread: an offset past 2^63 - 1 is -EINVAL");
	tap_ok(&t, rfs_source_pread(fd, b, 2, (uint64_t)INT64_MAX) == -EINVAL,
	       "pread: a range ending past 2^63 - 1 is -EINVAL");
	tap_ok(&t, rfs_source_pread(-1, b, 1, 0) == -EBADF, "pread: a bad fd, -EBADF");
	int dfd = rfs_source_open_dir(rootfd, "/sub");
	tap_ok(&t, rfs_source_pread(dfd, b, 1, 0) == -EISDIR, "pread: a directory, -EISDIR");
	if (dfd >= 0)
		close(dfd);

	/* Short reads and EINTR, from the pread defined above. */
	fake = (typeof(fake)){ .chunk = 1000 };
	bool ok = pread_ok(fd, 0, BIG);
	tap_ok(&t, ok && fake.calls >= BIG / 1000,
	       "pread: 1000 bytes a call, the whole file (%d calls)", fake.calls);
	fake = (typeof(fake)){ .chunk = 1 };
	ok = pread_ok(fd, 77, 3000);
	tap_ok(&t, ok && fake.calls >= 3000, "pread: 1 byte a call, 3000 bytes (%d calls)",
	       fake.calls);
	fake = (typeof(fake)){ .chunk = 7 };
	tap_ok(&t, pread_ok(fd, BIG - 20, 64), "pread: 7 bytes a call, short only at the end");
	/* 40 reads of 512 bytes, and an EINTR before each pair: 60 calls. */
	fake = (typeof(fake)){ .chunk = 512, .eintr_every = 3 };
	ok = pread_ok(fd, 1, 20000);
	tap_ok(&t, ok && fake.calls >= 60, "pread: EINTR on every third call, retried (%d calls)",
	       fake.calls);
	fake = (typeof(fake)){ .chunk = 512, .fail_from = 3 };
	char *buf = malloc(8192);
	ssize_t n = rfs_source_pread(fd, buf, 8192, 0);
	tap_ok(&t, n == -EIO, "pread: EIO after two short reads is -EIO, not a short count (%zd)",
	       n);
	free(buf);
	fake = (typeof(fake)){ 0 };
	if (fd >= 0)
		close(fd);
}

/* ---- A symlink swapped in and out of a component ---- */

static atomic_bool swapping;
static atomic_long swaps;

/* Exchanges src/sub (a directory) and src/swap (a symlink to ../outdir)
 * until told to stop. */
static void *swapper(void *arg)
{
	(void)arg;
	while (atomic_load(&swapping)) {
		if (syscall(SYS_renameat2, rootfd, "sub", rootfd, "swap", RENAME_EXCHANGE) < 0)
			break;
		atomic_fetch_add(&swaps, 1);
	}
	return NULL;
}

static void test_swapped_symlink(void)
{
	if (syscall(SYS_renameat2, rootfd, "sub", rootfd, "swap", RENAME_EXCHANGE) < 0 ||
	    syscall(SYS_renameat2, rootfd, "sub", rootfd, "swap", RENAME_EXCHANGE) < 0) {
		printf("# RENAME_EXCHANGE: %s; race not tried\n", strerror(errno));
		return;
	}
	pthread_t th;
	atomic_store(&swapping, true);
	if (pthread_create(&th, NULL, swapper, NULL) != 0) {
		tap_ok(&t, false, "race: pthread_create");
		return;
	}
	long inside = 0, outside = 0, refused = 0, other = 0;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	char buf[64];
	struct stat st;
	for (long i = 0;; i++) {
		int fd;
		switch (i % 3) {
		case 0:
			fd = rfs_source_open(rootfd, "/sub/b.txt", O_RDONLY);
			break;
		case 1:
			fd = rfs_source_open_file(rootfd, "/sub/b.txt", &st);
			break;
		default:
			fd = rfs_source_lstat(rootfd, "/sub/b.txt", &st);
			if (fd == 0)
				fd = st.st_size == 9 ? -1000 : -1001; /* inside b: 9 bytes */
			break;
		}
		if (fd >= 0) {
			content(fd, buf, sizeof buf);
			close(fd);
			if (strcmp(buf, "inside b\n") == 0)
				inside++;
			else if (strstr(buf, "OUTSIDE"))
				outside++;
			else
				other++;
		} else if (fd == -1000) {
			inside++;
		} else if (fd == -1001) {
			outside++;
		} else if (fd == -ELOOP || fd == -ENOTDIR) {
			refused++; /* the symlink, or nothing there a moment */
		} else if (fd == -ENOENT || fd == -EAGAIN) {
			refused++;
		} else {
			other++;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		double secs = (double)(now.tv_sec - start.tv_sec) +
		              (double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if ((i >= 30000 && inside > 0 && refused > 0) || secs > 10)
			break;
	}
	atomic_store(&swapping, false);
	pthread_join(th, NULL);
	printf("# race: %ld swaps; %ld inside, %ld refused, %ld outside, %ld other\n",
	       atomic_load(&swaps), inside, refused, outside, other);
	tap_ok(&t, outside == 0 && other == 0,
	       "race: with a symlink swapped into /sub, nothing outside SOURCE is reached");
	tap_ok(&t, inside > 0 && refused > 0, "race: both the directory and the symlink were met");
	/* Put sub back where it was. */
	struct stat sub;
	if (fstatat(rootfd, "sub", &sub, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sub.st_mode))
		syscall(SYS_renameat2, rootfd, "sub", rootfd, "swap", RENAME_EXCHANGE);
}

int main(void)
{
	if (!tap_ok(&t, make_tree(), "a SOURCE tree in a temporary directory"))
		return tap_done(&t);
	test_open();
	test_lstat();
	test_readlink();
	test_open_file();
	test_statat();
	test_pread();
	test_swapped_symlink();
	close(rootfd);
	tap_ok(&t, tmpdir_remove(dir) == 0, "temporary directory removed");
	return tap_done(&t);
}

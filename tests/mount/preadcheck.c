/*
 * preadcheck.c — compares a file read through a mount with the bytes it
 * must hold, by every access path a consumer has.
 *
 * Usage: preadcheck MOUNTED_FILE EXPECTED_FILE [ITERATIONS [THREADS [SEED]]]
 *
 * The invariant checked: every pread at any offset and length (1-byte
 * reads, reads crossing 4096/8192 boundaries, reads past the end), a
 * sequential read in odd chunks, an mmap of the whole file, and THREADS
 * concurrent readers (half on a shared fd, half on their own) all return
 * exactly the bytes of EXPECTED_FILE, and fstat's st_size equals its length.
 * Prints TAP-style diagnostics ("# ...") and exits 0 when everything
 * matched, 1 on any mismatch, 2 on a usage or setup error. A mismatch is
 * reported by offset and byte values, never by printing file content.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct check {
	const char *path;
	const unsigned char *want; /* expected bytes */
	size_t size;               /* their count */
	int shared_fd;
	unsigned iterations;
	atomic_int failures;
};

struct worker {
	struct check *c;
	uint64_t seed;
	int own_fd; /* -1: use the shared fd */
	pthread_t tid;
};

/* xorshift64*: a small PRNG with explicit state (no global state). */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static uint64_t rnd_below(uint64_t *s, uint64_t n)
{
	return n ? rnd(s) % n : 0;
}

static void fail(struct check *c, const char *what, uint64_t off, size_t len,
                 const char *detail)
{
	if (atomic_fetch_add(&c->failures, 1) < 20)
		fprintf(stderr, "# MISMATCH %s: %s off=%" PRIu64 " len=%zu: %s\n",
		        c->path, what, off, len, detail);
}

/* Compares got[0..n) with the expected bytes at off; reports the first
 * differing offset. */
static int compare(struct check *c, const char *what, uint64_t off, size_t len,
                   const unsigned char *got, size_t n)
{
	char detail[128];
	size_t want_n = off >= c->size ? 0 : c->size - off;

	if (want_n > len)
		want_n = len;
	if (n != want_n) {
		snprintf(detail, sizeof(detail), "got %zu bytes, want %zu", n, want_n);
		fail(c, what, off, len, detail);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (got[i] != c->want[off + i]) {
			snprintf(detail, sizeof(detail),
			         "first difference at byte %" PRIu64 ": got 0x%02x want 0x%02x",
			         off + i, got[i], c->want[off + i]);
			fail(c, what, off, len, detail);
			return -1;
		}
	}
	return 0;
}

/* pread until len bytes or EOF; returns the count or -errno. */
static ssize_t pread_full(int fd, unsigned char *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = pread(fd, buf + done, len - done, (off_t)(off + done));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

static int one_pread(struct check *c, int fd, unsigned char *buf, uint64_t off, size_t len)
{
	ssize_t r = pread_full(fd, buf, len, off);

	if (r < 0) {
		char detail[64];
		snprintf(detail, sizeof(detail), "pread failed: %s", strerror((int)-r));
		fail(c, "pread", off, len, detail);
		return -1;
	}
	return compare(c, "pread", off, len, buf, (size_t)r);
}

/* Picks an offset and length; a third of them straddle a 4096/8192
 * multiple, some are 1 byte long, some run past the end of the file. */
static void pick(uint64_t *s, size_t size, uint64_t *off, size_t *len)
{
	static const size_t lens[] = {1, 1, 2, 3, 7, 100, 4095, 4096, 4097, 8191, 8192,
	                              8193, 65536, 131072 + 5};
	unsigned kind = (unsigned)rnd_below(s, 6);

	if (kind <= 1) { /* around a page or block boundary */
		uint64_t unit = kind == 0 ? 4096 : 8192;
		uint64_t nb = size / unit + 1;
		uint64_t b = rnd_below(s, nb + 1) * unit;
		uint64_t back = rnd_below(s, 40);
		*off = b > back ? b - back : 0;
		*len = 1 + (size_t)rnd_below(s, 80);
	} else if (kind == 2) {
		*off = rnd_below(s, size + 2);
		*len = 1;
	} else if (kind == 3) {
		*off = rnd_below(s, size + 1);
		*len = lens[rnd_below(s, sizeof(lens) / sizeof(lens[0]))];
	} else if (kind == 4) { /* the tail, possibly past EOF */
		uint64_t back = rnd_below(s, 9000);
		*off = size > back ? size - back : 0;
		*len = 1 + (size_t)rnd_below(s, 10000);
	} else {
		*off = rnd_below(s, size + 1);
		*len = 1 + (size_t)rnd_below(s, 20000);
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct check *c = w->c;
	int fd = w->own_fd >= 0 ? w->own_fd : c->shared_fd;
	unsigned char *buf = malloc(140000);

	if (!buf) {
		fail(c, "thread", 0, 0, "out of memory");
		return NULL;
	}
	for (unsigned i = 0; i < c->iterations; i++) {
		uint64_t off;
		size_t len;
		pick(&w->seed, c->size, &off, &len);
		one_pread(c, fd, buf, off, len);
	}
	free(buf);
	return NULL;
}

static int read_expected(const char *path, unsigned char **out, size_t *size)
{
	int fd = open(path, O_RDONLY);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "# cannot open %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	*out = malloc(*size + 1);
	if (!*out) {
		close(fd);
		return -1;
	}
	ssize_t r = pread_full(fd, *out, *size, 0);
	close(fd);
	if (r < 0 || (size_t)r != *size) {
		fprintf(stderr, "# short read of %s\n", path);
		return -1;
	}
	return 0;
}

/* Drops the kernel's cached pages of the file, so that the next phase reads
 * through the filesystem again instead of from the page cache. */
static void drop_cache(int fd)
{
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
}

static void check_sequential(struct check *c, int fd)
{
	/* read() in odd chunk sizes from the start to EOF */
	static const size_t chunks[] = {1, 4097, 3, 8191, 65537};
	unsigned char *got = malloc(c->size + 1);
	unsigned char *buf = malloc(65537);

	if (!got || !buf) {
		fail(c, "sequential", 0, 0, "out of memory");
		free(got);
		free(buf);
		return;
	}
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		size_t n = 0;
		size_t cs = chunks[k];
		if (cs < 4096 && c->size > 65536)
			continue; /* tiny reads of a big file: covered by pread */
		if (lseek(fd, 0, SEEK_SET) != 0) {
			fail(c, "sequential", 0, cs, "lseek failed");
			break;
		}
		for (;;) {
			ssize_t r = read(fd, buf, cs);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				fail(c, "sequential", n, cs, strerror(errno));
				break;
			}
			if (r == 0)
				break;
			if (n + (size_t)r > c->size) {
				fail(c, "sequential", n, cs, "more bytes than expected");
				break;
			}
			memcpy(got + n, buf, (size_t)r);
			n += (size_t)r;
		}
		compare(c, "sequential", 0, c->size + 1, got, n);
		drop_cache(fd);
	}
	free(got);
	free(buf);
}

static void check_mmap(struct check *c, int fd)
{
	if (c->size == 0)
		return;
	void *m = mmap(NULL, c->size, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		fail(c, "mmap", 0, c->size, strerror(errno));
		return;
	}
	compare(c, "mmap", 0, c->size, m, c->size);
	munmap(m, c->size);
}

int main(int argc, char **argv)
{
	struct check c = {0};
	unsigned nthreads = 8;
	uint64_t seed = 0x5eed5eedull;
	struct stat st;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: %s MOUNTED_FILE EXPECTED_FILE [ITERATIONS [THREADS [SEED]]]\n",
		        argv[0]);
		return 2;
	}
	c.path = argv[1];
	c.iterations = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 2000;
	if (argc > 4)
		nthreads = (unsigned)strtoul(argv[4], NULL, 10);
	if (argc > 5)
		seed = strtoull(argv[5], NULL, 0) | 1;
	atomic_init(&c.failures, 0);
	unsigned char *want;
	if (read_expected(argv[2], &want, &c.size) < 0)
		return 2;
	c.want = want;

	c.shared_fd = open(c.path, O_RDONLY);
	if (c.shared_fd < 0) {
		fprintf(stderr, "# cannot open %s: %s\n", c.path, strerror(errno));
		return 1;
	}
	if (fstat(c.shared_fd, &st) < 0 || (uint64_t)st.st_size != c.size) {
		fprintf(stderr, "# MISMATCH %s: st_size %jd, want %zu\n", c.path,
		        (intmax_t)st.st_size, c.size);
		atomic_fetch_add(&c.failures, 1);
	}

	/* 1. random preads, single thread */
	unsigned char *buf = malloc(140000);
	if (!buf)
		return 2;
	uint64_t s = seed;
	for (unsigned i = 0; i < c.iterations; i++) {
		uint64_t off;
		size_t len;
		pick(&s, c.size, &off, &len);
		one_pread(&c, c.shared_fd, buf, off, len);
	}
	/* every byte around every 4096 multiple, one byte at a time */
	for (uint64_t b = 4096; b < c.size + 4096 && b < 64u * 4096u; b += 4096)
		for (uint64_t off = b - 2; off < b + 2; off++)
			one_pread(&c, c.shared_fd, buf, off, 1);
	free(buf);
	drop_cache(c.shared_fd);

	/* 2. sequential read() in odd chunk sizes */
	check_sequential(&c, c.shared_fd);
	drop_cache(c.shared_fd);

	/* 3. mmap of the whole file */
	check_mmap(&c, c.shared_fd);
	drop_cache(c.shared_fd);

	/* 4. concurrent readers */
	struct worker *w = calloc(nthreads ? nthreads : 1, sizeof(*w));
	if (!w)
		return 2;
	for (unsigned i = 0; i < nthreads; i++) {
		w[i].c = &c;
		w[i].seed = seed * (i + 3) + 0x9e3779b97f4a7c15ull * (i + 1);
		w[i].own_fd = (i % 2) ? open(c.path, O_RDONLY) : -1;
		if ((i % 2) && w[i].own_fd < 0)
			fail(&c, "thread open", 0, 0, strerror(errno));
		if (pthread_create(&w[i].tid, NULL, worker_main, &w[i]) != 0) {
			fail(&c, "pthread_create", 0, 0, "failed");
			nthreads = i;
			break;
		}
	}
	for (unsigned i = 0; i < nthreads; i++) {
		pthread_join(w[i].tid, NULL);
		if (w[i].own_fd >= 0)
			close(w[i].own_fd);
	}
	free(w);
	close(c.shared_fd);
	free(want);

	int n = atomic_load(&c.failures);
	if (n) {
		fprintf(stderr, "# %s: %d mismatches (seed 0x%" PRIx64 ")\n", c.path, n, seed);
		return 1;
	}
	printf("# %s: %zu bytes, all reads matched\n", c.path, c.size);
	return 0;
}

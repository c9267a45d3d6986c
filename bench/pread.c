/* bench/pread.c - random 4 KiB pread timing for the bench suite (issue 5,
 * targets 4 and 5). Built by bench/run.sh with `cc -O2 -pthread`.
 *
 *   pread rand  FILE N SEED THREADS [MAX_SECONDS]
 *       T threads each open FILE (O_RDONLY, POSIX_FADV_RANDOM) and pread
 *       4 KiB at 4 KiB-aligned offsets drawn uniformly from the whole file
 *       by a fixed-seed generator (thread t uses SEED + t), N reads in all
 *       (split evenly), stopping early after MAX_SECONDS (default: none).
 *       Prints: "iops X ops N secs S".
 *   pread first FILE SEED
 *       Time to the first byte: open(FILE) + one 4 KiB pread at a
 *       4 KiB-aligned offset drawn (by SEED) from the second half of the
 *       file. Prints: "ms X offset O".
 *
 * Every read must return 4096 bytes (or run to the end of the file); a
 * short or failed read exits 1, so a broken mount never yields a figure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BS 4096

static const char *path;
static uint64_t nblocks;     /* 4 KiB blocks that start inside the file */
static off_t fsize;
static double max_secs;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* splitmix64: a small, fixed, well-mixed generator */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int read_block(int fd, off_t off, char *buf)
{
	size_t want = BS;
	if (off + (off_t)want > fsize)
		want = (size_t)(fsize - off);
	ssize_t n = pread(fd, buf, want, off);
	if (n != (ssize_t)want) {
		fprintf(stderr, "pread: %s at %jd: %s\n", path, (intmax_t)off,
			n < 0 ? strerror(errno) : "short read");
		return -1;
	}
	return 0;
}

struct job {
	uint64_t seed;
	long n;
	long done;
	int failed;
	double t0;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	char *buf = aligned_alloc(BS, BS);
	int fd = open(path, O_RDONLY);
	if (!buf || fd < 0) {
		fprintf(stderr, "pread: open %s: %s\n", path, strerror(errno));
		j->failed = 1;
		free(buf);
		return NULL;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
	uint64_t s = j->seed;
	for (long i = 0; i < j->n; i++) {
		off_t off = (off_t)(next_rand(&s) % nblocks) * BS;
		if (read_block(fd, off, buf) < 0) {
			j->failed = 1;
			break;
		}
		j->done++;
		if (max_secs > 0 && (i & 15) == 15 && now() - j->t0 > max_secs)
			break;
	}
	close(fd);
	free(buf);
	return NULL;
}

static int size_of(void)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "pread: stat %s: %s\n", path, strerror(errno));
		return -1;
	}
	fsize = st.st_size;
	nblocks = ((uint64_t)fsize + BS - 1) / BS;
	if (nblocks == 0) {
		fprintf(stderr, "pread: %s is empty\n", path);
		return -1;
	}
	return 0;
}

static int do_rand(long n, uint64_t seed, int threads)
{
	if (size_of() < 0)
		return 1;
	struct job *jobs = calloc((size_t)threads, sizeof *jobs);
	pthread_t *tid = calloc((size_t)threads, sizeof *tid);
	if (!jobs || !tid)
		return 1;
	double t0 = now();
	for (int t = 0; t < threads; t++) {
		jobs[t].seed = seed + (uint64_t)t;
		jobs[t].n = n / threads + (t < n % threads);
		jobs[t].t0 = t0;
		if (pthread_create(&tid[t], NULL, worker, &jobs[t]) != 0) {
			fprintf(stderr, "pread: pthread_create failed\n");
			return 1;
		}
	}
	long done = 0;
	int failed = 0;
	for (int t = 0; t < threads; t++) {
		pthread_join(tid[t], NULL);
		done += jobs[t].done;
		failed |= jobs[t].failed;
	}
	double secs = now() - t0;
	free(jobs);
	free(tid);
	if (failed || done == 0)
		return 1;
	printf("iops %.1f ops %ld secs %.3f\n", (double)done / secs, done, secs);
	return 0;
}

static int do_first(uint64_t seed)
{
	/* stat is not part of the timed path: the offset needs the size, and a
	 * consumer seeking deep into a file knows its size already. */
	if (size_of() < 0)
		return 1;
	uint64_t s = seed, half = nblocks / 2;
	off_t off = (off_t)(half + next_rand(&s) % (nblocks - half)) * BS;
	char *buf = aligned_alloc(BS, BS);
	if (!buf)
		return 1;
	double t0 = now();
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "pread: open %s: %s\n", path, strerror(errno));
		return 1;
	}
	int rc = read_block(fd, off, buf);
	double t1 = now();
	close(fd);
	free(buf);
	if (rc < 0)
		return 1;
	printf("ms %.3f offset %jd\n", (t1 - t0) * 1e3, (intmax_t)off);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "rand") == 0) {
		path = argv[2];
		long n = strtol(argv[3], NULL, 10);
		uint64_t seed = strtoull(argv[4], NULL, 10);
		int threads = atoi(argv[5]);
		max_secs = argc > 6 ? strtod(argv[6], NULL) : 0;
		if (n < 1 || threads < 1 || threads > 256) {
			fprintf(stderr, "pread: bad N or THREADS\n");
			return 2;
		}
		return do_rand(n, seed, threads);
	}
	if (argc == 4 && strcmp(argv[1], "first") == 0) {
		path = argv[2];
		return do_first(strtoull(argv[3], NULL, 10));
	}
	fprintf(stderr, "usage: pread rand FILE N SEED THREADS [MAX_SECONDS]\n"
			"       pread first FILE SEED\n");
	return 2;
}

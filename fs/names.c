/*
 * names.c — the names a consumer sees: for each SOURCE directory a map
 * between its entries' real names and what they show (the engine's
 * redact_filename under each entry's policy), and the way back from a
 * shown path to the real one.
 *
 * Invariants:
 * - A shown name leads to its entry; a real name that shows otherwise is
 *   looked up among the shown names like any other and found nowhere
 *   (-ENOENT): one hash probe, the same work as for a name that does not
 *   exist.
 * - Shown names are unique in their directory. Where several entries
 *   would show the same name, each whose real name differs from it gets
 *   "~INODE" before its extension (the inode number stat(2) reports
 *   anyway): the rule depends on the entry alone, so it is the same in
 *   every listing, for every reader and after a remount.
 * - A map is used only while its directory is as it was when the map was
 *   made (device, inode, mtime and ctime, the policy's generation), and
 *   only once that directory has not changed for RFS_NAMES_SETTLE_SEC
 *   (timestamps are coarser than changes): else it is made again. A name
 *   that no longer exists answers -ENOENT, never another entry.
 *
 * Maps live in a small direct-mapped table (a slot per directory path's
 * hash) under one lock; a map is made outside the lock and shared by
 * reference.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "names.h"
#include "polref.h"
#include "source.h"

#define RFS_NAMES_SLOTS 512
#define RFS_NAMES_SETTLE_SEC 1

struct name_entry {
	char *real, *shown;
	uint64_t ino;
};

struct rfs_dirmap {
	atomic_uint refs;
	char *dir;
	dev_t dev;
	ino_t ino;
	struct timespec mtim, ctim;
	uint64_t gen;
	bool settled;
	struct name_entry *e;
	size_t n;
	/* open addressing: entry index + 1, 0 = empty; hcap a power of 2 */
	uint32_t *by_shown, *by_real;
	size_t hcap;
};

struct rfs_names {
	pthread_mutex_t lock;
	struct rfs_dirmap *slot[RFS_NAMES_SLOTS];
};

struct rfs_names *rfs_names_new(void)
{
	struct rfs_names *n = calloc(1, sizeof *n);
	if (n)
		pthread_mutex_init(&n->lock, NULL);
	return n;
}

static void map_free(struct rfs_dirmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		if (m->e[i].shown != m->e[i].real)
			free(m->e[i].shown);
		free(m->e[i].real);
	}
	free(m->e);
	free(m->by_shown);
	free(m->by_real);
	free(m->dir);
	free(m);
}

void rfs_dirmap_put(struct rfs_dirmap *m)
{
	if (m && atomic_fetch_sub(&m->refs, 1) == 1)
		map_free(m);
}

void rfs_names_free(struct rfs_names *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < RFS_NAMES_SLOTS; i++)
		rfs_dirmap_put(n->slot[i]);
	pthread_mutex_destroy(&n->lock);
	free(n);
}

/* FNV-1a: a table's hash, not a digest. */
static uint64_t hash_text(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The index of the entry whose field (shown or real) is name, or -1. */
static long probe(const struct rfs_dirmap *m, const uint32_t *table, bool shown,
                  const char *name)
{
	if (!m->hcap)
		return -1;
	for (size_t i = hash_text(name) & (m->hcap - 1);; i = (i + 1) & (m->hcap - 1)) {
		uint32_t k = table[i];
		if (k == 0)
			return -1;
		const struct name_entry *e = &m->e[k - 1];
		if (strcmp(shown ? e->shown : e->real, name) == 0)
			return (long)k - 1;
	}
}

static void insert(struct rfs_dirmap *m, uint32_t *table, const char *name, size_t index)
{
	size_t i = hash_text(name) & (m->hcap - 1);
	while (table[i] != 0)
		i = (i + 1) & (m->hcap - 1);
	table[i] = (uint32_t)index + 1;
}

const char *rfs_dirmap_shown(const struct rfs_dirmap *m, const char *real_name)
{
	long i = probe(m, m->by_real, false, real_name);
	return i < 0 ? NULL : m->e[i].shown;
}

/* name with tag ("~123") before its extension, at most REDACT_NAME_MAX
 * bytes (the stem cut on a character boundary). NULL: no memory. */
static char *with_tag(const char *name, const char *tag)
{
	size_t len = strlen(name), ext = redact_filename_ext(name, len), t = strlen(tag);
	size_t stem = len - ext;
	if (stem + t + ext > REDACT_NAME_MAX) {
		stem = REDACT_NAME_MAX > t + ext ? REDACT_NAME_MAX - t - ext : 0;
		while (stem > 0 && ((unsigned char)name[stem] & 0xC0) == 0x80)
			stem--;
	}
	char *out = malloc(stem + t + ext + 1);
	if (!out)
		return NULL;
	memcpy(out, name, stem);
	memcpy(out + stem, tag, t);
	memcpy(out + stem + t, name + len - ext, ext);
	out[stem + t + ext] = '\0';
	return out;
}

static int cmp_shown(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	int c = strcmp(x->shown, y->shown);
	return c ? c : strcmp(x->real, y->real);
}

/* Shown names unique: entries that would show alike and differ from it
 * get "~INODE"; then any name still taken (a hard link's second name, a
 * real name that happens to read "x~12") "~INODE-K". Entries sorted by
 * shown name. 0 or -ENOMEM. */
static int make_unique(struct rfs_dirmap *m)
{
	if (m->n > 1)
		qsort(m->e, m->n, sizeof *m->e, cmp_shown);
	for (size_t i = 0; i < m->n;) {
		size_t j = i + 1;
		while (j < m->n && strcmp(m->e[j].shown, m->e[i].shown) == 0)
			j++;
		for (size_t k = i; j - i > 1 && k < j; k++) {
			struct name_entry *e = &m->e[k];
			if (e->shown == e->real)
				continue;
			char tag[32];
			snprintf(tag, sizeof tag, "~%" PRIu64, e->ino);
			char *s = with_tag(e->shown, tag);
			if (!s)
				return -ENOMEM;
			free(e->shown);
			e->shown = s;
		}
		i = j;
	}
	m->hcap = 16;
	while (m->hcap < 2 * m->n + 2)
		m->hcap *= 2;
	m->by_shown = calloc(m->hcap, sizeof *m->by_shown);
	m->by_real = calloc(m->hcap, sizeof *m->by_real);
	if (!m->by_shown || !m->by_real)
		return -ENOMEM;
	/* names kept as they are first: they never change */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->n; i++) {
			struct name_entry *e = &m->e[i];
			if ((e->shown == e->real) != (pass == 0))
				continue;
			for (unsigned k = 2; probe(m, m->by_shown, true, e->shown) >= 0; k++) {
				char tag[48];
				snprintf(tag, sizeof tag, "~%" PRIu64 "-%u", e->ino, k);
				char *s = with_tag(e->shown == e->real ? e->real : e->shown, tag);
				if (!s)
					return -ENOMEM;
				if (e->shown != e->real)
					free(e->shown);
				e->shown = s;
			}
			insert(m, m->by_shown, e->shown, i);
			insert(m, m->by_real, e->real, i);
		}
	return 0;
}

int rfs_child_path(char *out, size_t cap, const char *dir, const char *name)
{
	int n = snprintf(out, cap, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", name);
	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* Adds the entry name (inode ino) of directory dir to m under pol. An
 * entry the policy hides, or whose name the engine could not scan, is
 * left out (never shown raw). 0 or -ENOMEM. */
static int add_entry(struct rfs_dirmap *m, size_t *cap, const struct rfs_pol *pol, const char *dir,
                     const char *name, uint64_t ino)
{
	char child[PATH_MAX];
	if (rfs_child_path(child, sizeof child, dir, name) < 0)
		return 0; /* no path reaches it */
	struct policy_view view;
	policy_resolve(pol->pol, child, &view);
	if (view.mode == POLICY_MODE_HIDE)
		return 0;
	if (m->n == *cap) {
		size_t c = *cap ? 2 * *cap : 32;
		struct name_entry *e = realloc(m->e, c * sizeof *e);
		if (!e)
			return -ENOMEM;
		m->e = e;
		*cap = c;
	}
	struct name_entry *e = &m->e[m->n];
	if (!(e->real = strdup(name)))
		return -ENOMEM;
	e->ino = ino;
	e->shown = e->real;
	if (view.names == POLICY_NAMES_REDACT) {
		char shown[REDACT_NAME_MAX + 1];
		size_t n;
		int rc = redact_filename(&view.profile, name, strlen(name), shown, &n);
		if (rc == -ENOMEM) {
			free(e->real);
			return rc;
		}
		if (rc < 0) {
			free(e->real);
			return 0;
		}
		if (strcmp(shown, name) != 0 && !(e->shown = strdup(shown))) {
			free(e->real);
			return -ENOMEM;
		}
	}
	m->n++;
	return 0;
}

static bool same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

static bool map_fresh(const struct rfs_dirmap *m, const struct stat *st, uint64_t gen)
{
	return m->settled && m->gen == gen && m->dev == st->st_dev && m->ino == st->st_ino &&
	       same_time(&m->mtim, &st->st_mtim) && same_time(&m->ctim, &st->st_ctim);
}

/* Makes the map of dir as it is now (st: its attributes before listing). */
static int map_build(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *dir,
                     const struct stat *st, struct rfs_dirmap **out)
{
	struct rfs_dirmap *m = calloc(1, sizeof *m);
	if (!m || !(m->dir = strdup(dir))) {
		free(m);
		return -ENOMEM;
	}
	atomic_init(&m->refs, 1);
	m->dev = st->st_dev;
	m->ino = st->st_ino;
	m->mtim = st->st_mtim;
	m->ctim = st->st_ctim;
	m->gen = pol->gen;
	struct timespec now;
	time_t changed = st->st_mtim.tv_sec > st->st_ctim.tv_sec ? st->st_mtim.tv_sec
	                                                          : st->st_ctim.tv_sec;
	m->settled = clock_gettime(CLOCK_REALTIME, &now) == 0 &&
	             now.tv_sec > changed + RFS_NAMES_SETTLE_SEC;
	int fd = rfs_source_open_dir(ctx->rootfd, dir);
	DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;
	int rc = fd < 0 ? fd : dp ? 0 : -errno;
	if (fd >= 0 && !dp)
		close(fd);
	size_t cap = 0;
	while (rc == 0) {
		errno = 0;
		struct dirent *de = readdir(dp);
		if (!de) {
			rc = -errno;
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		rc = add_entry(m, &cap, pol, dir, de->d_name, (uint64_t)de->d_ino);
	}
	if (dp)
		closedir(dp);
	if (rc == 0)
		rc = make_unique(m);
	if (rc < 0) {
		map_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int rfs_names_dir(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *dir,
                  struct rfs_dirmap **out)
{
	struct stat st;
	int rc = rfs_source_lstat(ctx->rootfd, dir, &st);
	if (rc < 0)
		return rc;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	struct rfs_names *n = ctx->names;
	size_t slot = hash_text(dir) % RFS_NAMES_SLOTS;
	pthread_mutex_lock(&n->lock);
	struct rfs_dirmap *m = n->slot[slot];
	if (m && strcmp(m->dir, dir) == 0 && map_fresh(m, &st, pol->gen)) {
		atomic_fetch_add(&m->refs, 1);
		pthread_mutex_unlock(&n->lock);
		*out = m;
		return 0;
	}
	pthread_mutex_unlock(&n->lock);
	if ((rc = map_build(ctx, pol, dir, &st, &m)) < 0)
		return rc;
	atomic_fetch_add(&m->refs, 1); /* the caller's */
	pthread_mutex_lock(&n->lock);
	struct rfs_dirmap *old = n->slot[slot];
	n->slot[slot] = m;
	pthread_mutex_unlock(&n->lock);
	rfs_dirmap_put(old);
	*out = m;
	return 0;
}

int rfs_names_real_path(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *shown,
                        char *real, size_t cap)
{
	if (!shown || shown[0] != '/')
		return -EINVAL;
	if (policy_names_all_kept(pol->pol) || shown[1] == '\0') {
		if (strlen(shown) >= cap)
			return -ENAMETOOLONG;
		strcpy(real, shown);
		return 0;
	}
	if (cap < 2)
		return -ENAMETOOLONG;
	strcpy(real, "/");
	size_t len = 1;
	for (const char *p = shown + 1; *p;) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char name[REDACT_NAME_MAX + 1];
		if (n == 0 || n > REDACT_NAME_MAX)
			return n ? -ENOENT : -EINVAL;
		memcpy(name, p, n);
		name[n] = '\0';
		struct rfs_dirmap *m;
		int rc = rfs_names_dir(ctx, pol, real, &m);
		if (rc < 0)
			return rc == -ENOTDIR ? -ENOTDIR : rc;
		long i = probe(m, m->by_shown, true, name);
		int j = i < 0 ? -ENOENT : 0;
		if (j == 0) {
			const char *r = m->e[i].real;
			size_t rl = strlen(r) + (len > 1);
			if (len + rl + 1 > cap) {
				j = -ENAMETOOLONG;
			} else {
				if (len > 1)
					real[len++] = '/';
				strcpy(real + len, r);
				len += strlen(r);
			}
		}
		rfs_dirmap_put(m);
		if (j < 0)
			return j;
		p += n;
		if (*p == '/')
			p++;
	}
	return 0;
}

/* Appends s[0..n) to buf (size bytes) at *len, cut at the end. */
static void put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

int rfs_names_link_target(struct rfs_ctx *ctx, const struct rfs_pol *pol, const char *link,
                          const char *target, char *buf, size_t size)
{
	if (size == 0)
		return -EINVAL;
	buf[0] = '\0';
	struct policy_view view;
	policy_resolve(pol->pol, link, &view);
	/* where in SOURCE the target's next component is looked up; "" once
	 * it is outside (absolute, above the root, not a directory) */
	char base[PATH_MAX] = "";
	if (target[0] != '/') {
		const char *slash = strrchr(link, '/');
		size_t n = slash && slash != link ? (size_t)(slash - link) : 1;
		if (n < sizeof base) {
			memcpy(base, link, n);
			base[n] = '\0';
		}
	}
	size_t len = 0;
	for (const char *p = target;;) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char name[PATH_MAX];
		if (n >= sizeof name)
			return -ENAMETOOLONG;
		memcpy(name, p, n);
		name[n] = '\0';
		const char *shown = name;
		char scanned[REDACT_NAME_MAX + 1];
		struct rfs_dirmap *m = NULL;
		if (n == 0 || strcmp(name, ".") == 0) {
			/* as it is */
		} else if (strcmp(name, "..") == 0) {
			char *up = strrchr(base, '/');
			if (!base[0] || strcmp(base, "/") == 0)
				base[0] = '\0';
			else if (up == base)
				base[1] = '\0';
			else if (up)
				*up = '\0';
		} else if (base[0] && rfs_names_dir(ctx, pol, base, &m) == 0 &&
		           rfs_dirmap_shown(m, name)) {
			shown = rfs_dirmap_shown(m, name);
			char next[PATH_MAX];
			if (rfs_child_path(next, sizeof next, base, name) < 0)
				base[0] = '\0';
			else
				memcpy(base, next, strlen(next) + 1);
		} else {
			base[0] = '\0';
			if (view.names == POLICY_NAMES_REDACT && n <= REDACT_NAME_MAX) {
				size_t k;
				int rc = redact_filename(&view.profile, name, n, scanned, &k);
				if (rc < 0) {
					rfs_dirmap_put(m);
					return rc;
				}
				shown = scanned;
			}
		}
		put(buf, size, &len, shown, strlen(shown));
		rfs_dirmap_put(m);
		if (!end)
			break;
		put(buf, size, &len, "/", 1);
		p = end + 1;
	}
	return 0;
}

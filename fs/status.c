/*
 * status.c — the administrator's status view: the counters the mount keeps
 * while it serves, the text of the root's user.redactfs.status attribute,
 * and `redactfs status MOUNTPOINT`, which prints it.
 *
 * What it shows: the policy file (the administrator's own path, control
 * characters as '?', or "built-in") and when the policy in force was
 * loaded (UTC, ISO 8601 with milliseconds, as the audit writes times), the
 * reloads, how each open that reached the daemon ended (enum rfs_outcome:
 * redacted, raw, denied, failed; each open counted once: a failed one is
 * an error of the daemon or of SOURCE, such as a file removed between the
 * lookup and the open), how many read requests were answered EIO (fail
 * closed; the kernel may send a failed page read twice, so one read(2) can
 * count 2), and the values redacted per detector name, sorted by name,
 * with a line saying so when some counts were lost (out of memory).
 * Counters start at zero at mount.
 *
 * Invariant: counts and names only. A detector name or the policy file's
 * path may appear; a value of a file never does, and neither does a file
 * name (names can be personal data). The attribute answers only root and
 * the user running the daemon: a consumer (another user over allow_other,
 * a Samba client) gets EACCES. It is not listed (listxattr shows none), so
 * `cp -a`, `rsync -X` and Samba's extended attributes do not carry it.
 *
 * Values per detector are the engine's tallies (redact_tally, as for the
 * audit's close records): the values in each 8 KiB block the daemon
 * redacted for an open file, each block counted once per open however
 * often it is read, once its scan succeeded (a read that failed with EIO
 * counts nothing). This includes the masked pages the kernel fills for an
 * mmap of a per-caller file by a caller who reads it raw. Re-reads the
 * kernel answers from its page cache do not reach the daemon and are not
 * counted again; reads through a file opened before a reload, and files
 * whose action changes the length (replace, remove), are not counted. A
 * handle's tally joins the totals when it is released; the view adds the
 * tallies of handles still open (openfiles.c, rfs_open_files_values).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "openfiles.h"
#include "rfs_i.h"

/* The largest attribute value Linux passes (XATTR_SIZE_MAX). */
#define RFS_STATUS_MAX 65536

int rfs_stats_init(struct rfs_stats *s)
{
	for (size_t i = 0; i < RFS_OUTCOMES; i++)
		atomic_init(&s->opens[i], 0);
	atomic_init(&s->reads_failed, 0);
	atomic_init(&s->loaded_ms, rfs_now_ms());
	atomic_init(&s->values_lost, false);
	s->totals = (struct rfs_values){ 0 };
	int res = pthread_mutex_init(&s->lock, NULL);
	return -res;
}

void rfs_stats_fini(struct rfs_stats *s)
{
	rfs_values_free(&s->totals);
	pthread_mutex_destroy(&s->lock);
}

void rfs_stats_open(struct rfs_stats *s, enum rfs_outcome o)
{
	if (o < RFS_OUTCOMES)
		atomic_fetch_add(&s->opens[o], 1);
}

void rfs_stats_read_failed(struct rfs_stats *s)
{
	atomic_fetch_add(&s->reads_failed, 1);
}

void rfs_stats_loaded(struct rfs_stats *s)
{
	atomic_store(&s->loaded_ms, rfs_now_ms());
}

void rfs_values_free(struct rfs_values *v)
{
	free(v->v);
	*v = (struct rfs_values){ 0 };
}

/* Adds count to name's entry in v (made when new). 0 or -ENOMEM. */
static int rfs_values_add(struct rfs_values *v, const char *name, uint64_t count)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].name, name) == 0) {
			v->v[i].count += count;
			return 0;
		}
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 32;
		struct rfs_value_count *grown = realloc(v->v, cap * sizeof(*grown));
		if (grown == NULL)
			return -ENOMEM;
		v->v = grown;
		v->cap = cap;
	}
	snprintf(v->v[v->n].name, sizeof(v->v[v->n].name), "%s", name);
	v->v[v->n].count = count;
	v->n++;
	return 0;
}

int rfs_values_add_tally(struct rfs_values *v, const redact_catalog *cat,
                         const redact_tally *t)
{
	for (size_t i = 0; i < redact_catalog_size(cat); i++) {
		uint64_t c = redact_tally_count(t, i);
		if (c && rfs_values_add(v, redact_detector_name(cat, i), c) < 0)
			return -ENOMEM;
	}
	return 0;
}

void rfs_stats_merge(struct rfs_stats *s, const redact_catalog *cat, const redact_tally *t)
{
	pthread_mutex_lock(&s->lock);
	if (rfs_values_add_tally(&s->totals, cat, t) < 0)
		atomic_store(&s->values_lost, true);
	pthread_mutex_unlock(&s->lock);
}

int rfs_stats_copy_values(struct rfs_stats *s, struct rfs_values *out)
{
	int res = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->totals.n && res == 0; i++)
		res = rfs_values_add(out, s->totals.v[i].name, s->totals.v[i].count);
	pthread_mutex_unlock(&s->lock);
	return res;
}

static int rfs_value_by_name(const void *a, const void *b)
{
	return strcmp(((const struct rfs_value_count *)a)->name,
	              ((const struct rfs_value_count *)b)->name);
}

/* The policy file's path, one line whatever its bytes: control characters
 * become '?'. */
static void rfs_put_path(FILE *f, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, f);
}

static void rfs_status_write(FILE *f, struct rfs_ctx *ctx, const struct rfs_values *vals)
{
	static const char *const outcome[RFS_OUTCOMES] = { "redacted", "raw", "denied",
		                                           "failed" };
	struct rfs_stats *s = &ctx->stats;
	char when[RFS_TIME_LEN];
	fputs("policy: ", f);
	if (ctx->policy_file)
		rfs_put_path(f, ctx->policy_file);
	else
		fputs("built-in", f);
	rfs_time_text(atomic_load(&s->loaded_ms), when, sizeof(when));
	fprintf(f, "\npolicy loaded: %s\n", when);
	unsigned int n = atomic_load(&ctx->reloads);
	fprintf(f, "reloads: %u %s\n", n,
	        n == 0 ? "none" : atomic_load(&ctx->reload_failed) ? "failed" : "ok");
	for (size_t i = 0; i < RFS_OUTCOMES; i++)
		fprintf(f, "opens %s: %llu\n", outcome[i],
		        (unsigned long long)atomic_load(&s->opens[i]));
	fprintf(f, "reads failed: %llu\n", (unsigned long long)atomic_load(&s->reads_failed));
	for (size_t i = 0; i < vals->n; i++)
		fprintf(f, "values %s: %llu\n", vals->v[i].name,
		        (unsigned long long)vals->v[i].count);
	if (atomic_load(&s->values_lost))
		fputs("values incomplete: some counts were lost (out of memory)\n", f);
}

int rfs_status_text(struct rfs_ctx *ctx, uid_t caller, char **text)
{
	*text = NULL;
	if (caller != 0 && caller != getuid())
		return -EACCES;
	struct rfs_values vals = { 0 };
	int res = rfs_open_files_values(ctx, &vals);
	if (res < 0) {
		rfs_values_free(&vals);
		return res;
	}
	if (vals.n > 1)
		qsort(vals.v, vals.n, sizeof(*vals.v), rfs_value_by_name);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (f == NULL) {
		rfs_values_free(&vals);
		return -ENOMEM;
	}
	rfs_status_write(f, ctx, &vals);
	rfs_values_free(&vals);
	bool bad = ferror(f) != 0;
	if (fclose(f) != 0 || bad || len >= RFS_STATUS_MAX) {
		free(buf);
		return bad || len < RFS_STATUS_MAX ? -ENOMEM : -E2BIG;
	}
	*text = buf;
	return 0;
}

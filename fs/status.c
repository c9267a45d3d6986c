/*
 * status.c — the administrator's status view: the text of the root's
 * user.redactfs.status attribute (what it shows and how values are
 * counted: docs/fs.md, "The status view").
 *
 * Invariant: counts and names only. A detector name or the policy file's
 * path may appear; a value of a file never does, and neither does a file
 * name (names can be personal data). The attribute answers only root and
 * the user running the daemon (EACCES for anyone else).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "openfiles.h"
#include "polref.h"
#include "stats.h"
#include "status.h"
#include "timetext.h"

/* The largest attribute value Linux passes (XATTR_SIZE_MAX). */
#define RFS_STATUS_MAX 65536

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
	/* names: the policy in force masks some (names = redact, the
	 * default wherever content is redacted) or keeps every one */
	bool kept = policy_names_all_kept(rfs_pol_begin(ctx)->pol);
	rfs_pol_end(ctx);
	fprintf(f, "names: %s\n", kept ? "kept" : "masked");
	for (size_t i = 0; i < RFS_OUTCOMES; i++)
		fprintf(f, "opens %s: %llu\n", outcome[i],
		        (unsigned long long)atomic_load(&s->opens[i]));
	fprintf(f, "reads failed: %llu\n", (unsigned long long)atomic_load(&s->reads_failed));
	fprintf(f, "size passes: %llu\n", (unsigned long long)atomic_load(&s->size_passes));
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

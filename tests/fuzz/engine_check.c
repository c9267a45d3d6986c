/*
 * engine_check.c — the stream in one piece is the reference; chunked
 * streams, the stream without prefilter, range reads and write_all must
 * give its bytes (engine_check.h says exactly what is checked).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine_check.h"
#include "redact_i.h" /* redact_file_set_checkpoint_max: a test hook */

/* The stream over in[0..n), in one feed (rng NULL) or in random chunks. */
static int stream(const redact_profile *p, const uint8_t *in, size_t n, uint64_t *rng,
                  struct fuzz_buf *out)
{
	redact_stream *s;
	int rc = redact_stream_new(&s, p);
	if (rc < 0)
		return rc;
	for (size_t at = 0; rc == 0 && at < n;) {
		size_t k = n - at;
		if (rng) {
			/* mostly small chunks, some up to the whole rest */
			uint64_t r = fuzz_rnd(rng, 4);
			k = r == 0 ? 1 : r == 1 ? 1 + fuzz_rnd(rng, 16) : 1 + fuzz_rnd(rng, k);
			if (k > n - at)
				k = n - at;
		}
		rc = redact_stream_feed(s, in + at, k, fuzz_collect, out);
		at += k;
		if (rc == 0 && rng && fuzz_rnd(rng, 8) == 0)
			rc = redact_stream_feed(s, in + at, 0, fuzz_collect, out); /* empty feeds too */
	}
	if (rc == 0)
		rc = redact_stream_finish(s, fuzz_collect, out);
	redact_stream_free(s);
	return rc;
}

/* a and b agree on their common prefix. */
static bool same_prefix(const struct fuzz_buf *a, const struct fuzz_buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	return n == 0 || memcmp(a->data, b->data, n) == 0;
}

static bool same(const struct fuzz_buf *a, const struct fuzz_buf *b)
{
	return a->len == b->len && same_prefix(a, b);
}

static void check_chunks(const redact_profile *p, const uint8_t *in, size_t n, uint64_t *rng,
                         const struct fuzz_buf *whole, int rc)
{
	struct fuzz_buf part = {0};
	int prc = stream(p, in, n, rng, &part);
	if (prc != rc)
		fuzz_fail("chunked stream: rc %d, one feed: rc %d (%zu bytes in)", prc, rc, n);
	if (rc == 0 && !same(&part, whole))
		fuzz_fail("chunked stream: %zu bytes out, one feed %zu, or they differ", part.len,
		          whole->len);
	if (rc < 0 && !same_prefix(&part, whole))
		fuzz_fail("chunked and one-feed streams failed (rc %d) after different bytes", rc);
	fuzz_buf_free(&part);
}

static void check_full_scan(const redact_profile *p, const uint8_t *in, size_t n,
                            const struct fuzz_buf *whole, int rc)
{
	redact_profile full = *p;
	full.full_scan = !p->full_scan;
	struct fuzz_buf out = {0};
	int frc = stream(&full, in, n, NULL, &out);
	/* A detector may hit its match limit at a place the prefilter rightly
	 * skips (no match starts there): then only one of them fails. */
	if (frc == 0 && rc == 0 && !same(&out, whole))
		fuzz_fail("full_scan %d gives %zu bytes, full_scan %d gives %zu, or they differ",
		          full.full_scan, out.len, p->full_scan, whole->len);
	if (frc < 0 && frc != -EIO)
		fuzz_fail("full_scan %d: rc %d", full.full_scan, frc);
	fuzz_buf_free(&out);
}

/* One range [off, off + len) of f (or of a fresh file when f is NULL). */
static void check_range(const redact_profile *p, redact_file *f, struct fuzz_source *src,
                        uint64_t off, size_t len, redact_workspace *w, redact_tally *t,
                        const struct fuzz_buf *whole, int rc)
{
	struct redact_version v = {.size = src->len};
	uint8_t *got = malloc(len ? len : 1);
	if (!got)
		fuzz_fail("out of memory for a %zu-byte range", len);
	redact_file *fresh = NULL;
	if (!f && redact_file_new(&fresh, p, fuzz_read, src) < 0)
		fuzz_fail("redact_file_new failed");
	size_t n = 0;
	int r = redact_file_read(f ? f : fresh, &v, off, len, got, &n, w, t);
	if (rc == 0) {
		size_t want = off >= whole->len ? 0 : whole->len - off < len ? whole->len - off : len;
		if (r != 0 || n != want)
			fuzz_fail("range off %llu len %zu%s: rc %d, %zu bytes (stream: %zu of %zu)",
			          (unsigned long long)off, len, f ? "" : " (fresh file)", r, n, want,
			          whole->len);
		if (n && memcmp(got, whole->data + off, n) != 0)
			fuzz_fail("range off %llu len %zu%s: bytes differ from the stream's",
			          (unsigned long long)off, len, f ? "" : " (fresh file)");
	} else if (r == 0 && !redact_profile_changes_length(p) && off + n <= whole->len && n &&
	           memcmp(got, whole->data + off, n) != 0) {
		/* the stream failed later: what it gave before must agree */
		fuzz_fail("range off %llu len %zu: differs from what the failed stream gave",
		          (unsigned long long)off, len);
	}
	redact_file_free(fresh);
	free(got);
}

static void check_ranges(const redact_profile *p, struct fuzz_source *src, uint64_t *rng,
                         const struct fuzz_buf *whole, int rc, const struct engine_check_opts *o)
{
	redact_file *f;
	redact_workspace *w;
	redact_tally *t;
	if (redact_file_new(&f, p, fuzz_read, src) < 0 || redact_workspace_new(&w) < 0 ||
	    redact_tally_new(&t, src->len) < 0)
		fuzz_fail("out of memory for a file, workspace or tally");
	if (o->checkpoint_max)
		redact_file_set_checkpoint_max(f, o->checkpoint_max);
	struct redact_version v = {.size = src->len};
	uint64_t size = 0;
	int zrc = redact_file_size(f, &v, &size);
	if (rc == 0 && (zrc != 0 || size != whole->len))
		fuzz_fail("redact_file_size: rc %d, %llu bytes; the stream gave %zu", zrc,
		          (unsigned long long)size, whole->len);
	uint64_t span = (rc == 0 ? whole->len : src->len) + 1;
	for (unsigned i = 0; i < o->ranges; i++) {
		uint64_t off = fuzz_rnd(rng, span + 16);
		size_t len;
		switch (fuzz_rnd(rng, 4)) {
		case 0: len = 1; break;
		case 1: len = 1 + (size_t)fuzz_rnd(rng, 64); break;
		case 2: len = 1 + (size_t)fuzz_rnd(rng, 3 * REDACT_BLOCK); break;
		default: len = 1 + (size_t)fuzz_rnd(rng, span); break;
		}
		bool kept = fuzz_rnd(rng, 4) != 0;
		check_range(p, kept ? f : NULL, src, off, len, fuzz_rnd(rng, 2) ? w : NULL,
		            fuzz_rnd(rng, 2) ? t : NULL, whole, rc);
	}
	/* the whole output in one read, through the kept file */
	check_range(p, f, src, 0, (size_t)span, w, NULL, whole, rc);

	struct fuzz_buf all = {0};
	redact_workspace_use_two_threads(w, fuzz_rnd(rng, 2));
	int arc = redact_file_write_all(f, &v, fuzz_collect, &all, w);
	if (rc == 0 && (arc != 0 || !same(&all, whole)))
		fuzz_fail("write_all: rc %d, %zu bytes; the stream gave %zu (or other bytes)", arc,
		          all.len, whole->len);
	fuzz_buf_free(&all);
	redact_tally_free(t);
	redact_workspace_free(w);
	redact_file_free(f);
}

int engine_check(const redact_profile *p, const uint8_t *in, size_t n, uint64_t seed,
                 const struct engine_check_opts *o, struct fuzz_buf *out)
{
	uint64_t rng = seed ? seed : 1;
	struct fuzz_buf whole = {0};
	int rc = stream(p, in, n, NULL, &whole);
	if (rc < 0 && rc != -EIO)
		fuzz_fail("stream: rc %d (only EIO is expected: a detector's limit, a cut value)", rc);
	if (rc == 0 && !redact_profile_changes_length(p) && whole.len != n)
		fuzz_fail("a profile that keeps lengths turned %zu bytes into %zu", n, whole.len);

	check_chunks(p, in, n, &rng, &whole, rc);
	if (o->full_scan)
		check_full_scan(p, in, n, &whole, rc);
	/* reads of any size, a few of a handful of bytes */
	size_t max_read = fuzz_rnd(&rng, 8) ? 1 + (size_t)fuzz_rnd(&rng, 2 * REDACT_BLOCK)
	                                    : 1 + (size_t)fuzz_rnd(&rng, 7);
	struct fuzz_source src = {in, n, max_read};
	check_ranges(p, &src, &rng, &whole, rc, o);
	if (out)
		*out = whole;
	else
		fuzz_buf_free(&whole);
	return rc;
}

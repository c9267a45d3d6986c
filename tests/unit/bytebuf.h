/*
 * bytebuf.h — what the engine tests share for bytes: a growable buffer that
 * a stream's sink appends to (kept NUL-terminated), and a reader over one
 * for range calls that returns short reads on purpose (at most 3000 bytes),
 * so callers must loop as they do over a real file; the stream run over a
 * whole input; a small deterministic random generator for test inputs; and
 * the check that random ranges of a file equal the stream's output.
 */
#ifndef BYTEBUF_H
#define BYTEBUF_H

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "redact.h"

struct buf {
	char *data;
	size_t len, cap;
};

/* A redact_sink: appends n bytes to the struct buf at arg. */
static inline int collect(void *arg, const void *p, size_t n)
{
	struct buf *b = arg;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *grown = realloc(b->data, cap);
		if (!grown)
			return -ENOMEM;
		b->data = grown;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* A redact_reader over the struct buf at arg. */
static inline ssize_t mem_read(void *arg, void *out, size_t len, uint64_t off)
{
	const struct buf *b = arg;
	if (off >= b->len)
		return 0;
	size_t n = b->len - off < len ? b->len - off : len;
	if (n > 3000)
		n = 3000;
	memcpy(out, b->data + off, n);
	return (ssize_t)n;
}

/* Runs the stream over in[0..len) fed in chunks of chunk bytes (0: all at
 * once), appending the output to out. Returns 0 or the engine's -errno. */
static inline int stream_all(const redact_profile *p, const void *in, size_t len, size_t chunk,
                             struct buf *out)
{
	redact_stream *s;
	int rc = redact_stream_new(&s, p);
	if (rc < 0)
		return rc;
	const char *c = in;
	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t at = 0; rc == 0 && at < len; at += chunk)
		rc = redact_stream_feed(s, c + at, len - at < chunk ? len - at : chunk, collect, out);
	if (rc == 0)
		rc = redact_stream_finish(s, collect, out);
	redact_stream_free(s);
	return rc;
}

/* The stream's output of in[0..len) as a NUL-terminated string to free,
 * or NULL with the engine's error in *rc. */
static inline char *stream_str(const redact_profile *p, const char *in, size_t len, size_t chunk,
                               int *rc)
{
	struct buf out = {0};
	*rc = stream_all(p, in, len, chunk, &out);
	if (*rc < 0) {
		free(out.data);
		return NULL;
	}
	return out.data ? out.data : calloc(1, 1);
}

/* A catalog of the built-in detectors, and (all not NULL) a profile of
 * all of them (action mask); a test that cannot have them bails out. */
static inline redact_catalog *test_catalog(redact_profile *all)
{
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		printf("Bail out! catalog\n");
		exit(1);
	}
	if (all) {
		redact_profile_init(all, cat);
		redact_profile_enable_all(all);
	}
	return cat;
}

/* xorshift64: a deterministic number in [0, n) from *state (non-zero). */
static inline uint32_t test_rnd(uint64_t *state, uint32_t n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t)(*state % n);
}

/* The version of a file held in b (its length; no times). */
static inline struct redact_version buf_version(const struct buf *b)
{
	return (struct redact_version){.size = b->len};
}

/* One read of the file in (of size bytes) through a fresh redact_file:
 * nothing kept from earlier reads. w and t may be NULL. */
static inline int read_once(const redact_profile *p, const struct buf *in, uint64_t size,
                            uint64_t off, size_t len, void *out, size_t *n, redact_workspace *w,
                            redact_tally *t)
{
	redact_file *f;
	int rc = redact_file_new(&f, p, mem_read, (void *)in);
	if (rc < 0)
		return rc;
	struct redact_version v = {.size = size};
	rc = redact_file_read(f, &v, off, len, out, n, w, t);
	redact_file_free(f);
	return rc;
}

/* Whether count reads of the file in at random offsets equal the same
 * bytes of whole (the stream's output): through f (kept between reads, as
 * the mount keeps one per open file) or, with f NULL, a fresh file each
 * time. Every other read at most short_max bytes long, the others at most
 * long_max. */
static inline bool ranges_equal(const redact_profile *p, redact_file *f, const struct buf *in,
                                const struct buf *whole, int count, size_t short_max,
                                size_t long_max, uint64_t *state)
{
	char *got = malloc(long_max > short_max ? long_max : short_max);
	bool ok = got != NULL && in->len > 0;
	struct redact_version v = buf_version(in);
	for (int r = 0; r < count && ok; r++) {
		uint64_t off = test_rnd(state, (uint32_t)in->len);
		size_t len = 1 + test_rnd(state, (uint32_t)(r % 2 ? short_max : long_max)), n;
		int rc = f ? redact_file_read(f, &v, off, len, got, &n, NULL, NULL)
		           : read_once(p, in, in->len, off, len, got, &n, NULL, NULL);
		size_t want = in->len - off < len ? in->len - off : len;
		ok = rc == 0 && n == want && memcmp(got, whole->data + off, n) == 0;
	}
	free(got);
	return ok;
}

#endif /* BYTEBUF_H */

/*
 * fuzz.h — what the libFuzzer targets of tests/fuzz share.
 *
 * - fuzz_fail: a broken invariant is reported on stderr and the process
 *   aborts, so libFuzzer saves the input that broke it (a crash file).
 * - a growable byte buffer that a redact_sink appends to;
 * - a redact_reader over bytes in memory that returns short reads, so the
 *   engine's callers must loop as they do over a real file;
 * - a small random generator seeded from the input itself: a saved input
 *   replays the same chunkings and ranges (no state outside the input);
 * - fuzz_input: the input cut into a few control bytes and the data.
 *
 * Every target is run by tests/fuzz/run.sh (see docs/testing.md).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "redact.h"

/* Reports a broken invariant (printf-style, never the input's bytes)
 * and aborts. */
_Noreturn void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct fuzz_buf {
	uint8_t *data;
	size_t len, cap;
};

/* A redact_sink appending to the struct fuzz_buf at arg. */
int fuzz_collect(void *arg, const void *p, size_t n);
/* Appends n bytes; aborts when out of memory (a fuzz run has no use for
 * an input it could not build). */
void fuzz_append(struct fuzz_buf *b, const void *p, size_t n);
void fuzz_buf_free(struct fuzz_buf *b);

/* What fuzz_read reads: len bytes of data, at most max_read per call. */
struct fuzz_source {
	const uint8_t *data;
	size_t len;
	size_t max_read; /* >= 1 */
};
ssize_t fuzz_read(void *arg, void *out, size_t len, uint64_t off);

/* xorshift64 over *state (never 0): a number in [0, n), n >= 1. */
uint64_t fuzz_rnd(uint64_t *state, uint64_t n);
/* A state from 8 bytes of the input (any value, 0 too). */
uint64_t fuzz_seed(const uint8_t *p, size_t n);

/* The input: the first CONTROL bytes steer the target (zero when the
 * input is shorter), the rest is the data the engine reads. */
#define FUZZ_CONTROL 8u
struct fuzz_input {
	uint8_t control[FUZZ_CONTROL];
	const uint8_t *data;
	size_t len;
};
struct fuzz_input fuzz_split(const uint8_t *in, size_t n);

/* The file a target gives the engine: data at offset pad (pad filler
 * bytes before it), then data again until the file holds at least
 * tile bytes. Places a small input across the engine's block, reach and
 * checkpoint boundaries. Caller frees out. */
void fuzz_layout(struct fuzz_buf *out, const uint8_t *data, size_t len, size_t pad,
                 uint8_t filler, size_t tile);

#endif /* FUZZ_H */

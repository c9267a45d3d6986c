/*
 * fuzz.c — the helpers of fuzz.h: failing loudly, buffers, a short-read
 * reader, a random generator seeded from the input, and the input's
 * control bytes and layout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void fuzz_append(struct fuzz_buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = (b->len + n) * 2 + 16;
		uint8_t *grown = realloc(b->data, cap);
		if (!grown)
			fuzz_fail("out of memory for %zu bytes", cap);
		b->data = grown;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

int fuzz_collect(void *arg, const void *p, size_t n)
{
	fuzz_append(arg, p, n);
	return 0;
}

void fuzz_buf_free(struct fuzz_buf *b)
{
	free(b->data);
	*b = (struct fuzz_buf){0};
}

ssize_t fuzz_read(void *arg, void *out, size_t len, uint64_t off)
{
	const struct fuzz_source *src = arg;
	if (off >= src->len)
		return 0;
	size_t n = src->len - off < len ? src->len - off : len;
	if (n > src->max_read)
		n = src->max_read;
	memcpy(out, src->data + off, n);
	return (ssize_t)n;
}

uint64_t fuzz_rnd(uint64_t *state, uint64_t n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state % n;
}

uint64_t fuzz_seed(const uint8_t *p, size_t n)
{
	uint64_t s = 0x9E3779B97F4A7C15u;
	for (size_t i = 0; i < n; i++)
		s = (s ^ p[i]) * 0x100000001B3u;
	return s ? s : 1;
}

struct fuzz_input fuzz_split(const uint8_t *in, size_t n)
{
	struct fuzz_input x = {{0}, in, n};
	size_t c = n < FUZZ_CONTROL ? n : FUZZ_CONTROL;
	if (c)
		memcpy(x.control, in, c);
	x.data = in + c;
	x.len = n - c;
	return x;
}

void fuzz_layout(struct fuzz_buf *out, const uint8_t *data, size_t len, size_t pad,
                 uint8_t filler, size_t tile)
{
	for (size_t i = 0; i < pad; i++)
		fuzz_append(out, &filler, 1);
	do
		fuzz_append(out, data, len);
	while (len > 0 && out->len < tile);
}

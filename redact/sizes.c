/*
 * sizes.c — the output length of every block of one version of one file,
 * for a profile that replaces or removes values (redact_sizes): one pass
 * of the stream over the whole file, then the blocks that hold any range
 * of output offsets are found without reading the file again.
 *
 * Invariant: the sizes are what the stream wrote for each block, so
 * output offsets computed from them are the stream's; a file that changed
 * since shows as an output of another length (range.c fails the read).
 */
#include <errno.h>
#include <stdlib.h>

#include "redact_i.h"

/* Per block, how much longer or shorter its output is than its input, in
 * two bytes (a block's input is REDACT_BLOCK bytes but the last); the
 * running total every SIZES_GROUP blocks; and the few blocks whose change
 * does not fit in two bytes, aside. About 256 KiB per GiB of file. */
#define SIZES_GROUP 256u
#define DELTA_ASIDE INT16_MIN

struct size_aside {
	uint64_t block;
	int64_t delta;
};

struct redact_sizes {
	int16_t *delta;       /* per block; DELTA_ASIDE: see aside */
	uint64_t *group_cum;  /* output bytes before block g * SIZES_GROUP */
	struct size_aside *aside;
	size_t blocks, cap, naside, aside_cap;
	uint64_t total;       /* output bytes of the whole file */
	uint64_t file_size;
};

static int64_t block_delta(const redact_sizes *z, size_t k)
{
	if (z->delta[k] != DELTA_ASIDE)
		return z->delta[k];
	size_t lo = 0, hi = z->naside; /* aside is sorted by block */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->aside[mid].block < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return z->aside[lo].delta;
}

static uint64_t block_in_len(const redact_sizes *z, size_t k)
{
	uint64_t start = (uint64_t)k * REDACT_BLOCK;
	return z->file_size - start < REDACT_BLOCK ? z->file_size - start : REDACT_BLOCK;
}

static uint64_t block_out_len(const redact_sizes *z, size_t k)
{
	return (uint64_t)((int64_t)block_in_len(z, k) + block_delta(z, k));
}

static int count_block(void *arg, const void *buf, size_t n)
{
	(void)buf;
	redact_sizes *z = arg;
	if (z->blocks + 1 > z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 64;
		int16_t *grown = realloc(z->delta, cap * sizeof *grown);
		if (!grown)
			return -ENOMEM;
		z->delta = grown;
		uint64_t *g = realloc(z->group_cum, (cap / SIZES_GROUP + 1) * sizeof *g);
		if (!g)
			return -ENOMEM;
		z->group_cum = g;
		z->cap = cap;
	}
	size_t k = z->blocks;
	if (k % SIZES_GROUP == 0)
		z->group_cum[k / SIZES_GROUP] = z->total;
	int64_t delta = (int64_t)n - (int64_t)block_in_len(z, k);
	if (delta > INT16_MIN && delta <= INT16_MAX) {
		z->delta[k] = (int16_t)delta;
	} else {
		if (redact_grow(&z->aside, &z->aside_cap, z->naside, sizeof *z->aside, 16) < 0)
			return -ENOMEM;
		z->aside[z->naside++] = (struct size_aside){.block = k, .delta = delta};
		z->delta[k] = DELTA_ASIDE;
	}
	z->total += n;
	z->blocks++;
	return 0;
}

int redact_sizes_build(redact_sizes **out, const redact_profile *p, redact_reader read,
                       void *arg, uint64_t file_size)
{
	redact_sizes *z = calloc(1, sizeof *z);
	redact_stream *s = NULL;
	uint8_t *buf = malloc(64 * 1024);
	int rc = -ENOMEM;
	if (!z || !buf)
		goto out;
	z->file_size = file_size; /* each block's input length (block_in_len) */
	rc = redact_stream_new(&s, p);
	/* The stream calls its sink once per block: each call is a size. */
	for (uint64_t pos = 0; rc == 0 && pos < file_size;) {
		size_t want = file_size - pos < 64 * 1024 ? (size_t)(file_size - pos) : 64 * 1024;
		ssize_t got = read(arg, buf, want, pos);
		if (got <= 0) {
			rc = got < 0 ? (int)got : -EIO; /* shorter than it was */
			break;
		}
		rc = redact_stream_feed(s, buf, (size_t)got, count_block, z);
		pos += (uint64_t)got;
	}
	if (rc == 0)
		rc = redact_stream_finish(s, count_block, z);
out:
	redact_stream_free(s);
	free(buf);
	if (rc < 0) {
		redact_sizes_free(z);
		return rc;
	}
	*out = z;
	return 0;
}

uint64_t redact_sizes_total(const redact_sizes *z)
{
	return z->total;
}

void redact_sizes_free(redact_sizes *z)
{
	if (!z)
		return;
	free(z->delta);
	free(z->group_cum);
	free(z->aside);
	free(z);
}

void redact_sizes_find(const redact_sizes *z, uint64_t off, uint64_t end, size_t *first,
                       size_t *last, uint64_t *out_first, uint64_t *out_after)
{
	/* k: the block holding output byte off (first its group, then the
	 * block); m: the one holding end - 1. */
	size_t groups = (z->blocks + SIZES_GROUP - 1) / SIZES_GROUP;
	size_t lo = 0, hi = groups;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (z->group_cum[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	size_t k = lo * SIZES_GROUP;
	uint64_t cum_k = z->group_cum[lo];
	while (k + 1 < z->blocks && cum_k + block_out_len(z, k) <= off)
		cum_k += block_out_len(z, k++);
	size_t m = k;
	uint64_t cum_m1 = cum_k + block_out_len(z, k); /* output before block m + 1 */
	while (m + 1 < z->blocks && cum_m1 < end)
		cum_m1 += block_out_len(z, ++m);
	*first = k;
	*last = m;
	*out_first = cum_k;
	*out_after = cum_m1;
}

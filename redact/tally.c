/*
 * tally.c — counting the values a file's reads redacted, per detector, for
 * the mount's audit close records and status view: each block is counted
 * once per tally, by the first read that scans it without error, so
 * re-reads and overlapping reads do not inflate it and a failed scan loses
 * nothing. A read counts a block's values apart (range.c) and adds them
 * here only when it claims the block after a good scan.
 * Lock-free: atomic counters and an atomic bit per block.
 */
#include <errno.h>
#include <stdlib.h>

#include "redact_i.h"

int redact_tally_new(redact_tally **out, uint64_t file_size)
{
	redact_tally *t = calloc(1, sizeof *t);
	if (!t)
		return -ENOMEM;
	t->blocks = (size_t)(file_size / REDACT_BLOCK + 1);
	t->seen = calloc((t->blocks + 7) / 8, 1);
	if (!t->seen) {
		free(t);
		return -ENOMEM;
	}
	*out = t;
	return 0;
}

void redact_tally_free(redact_tally *t)
{
	if (!t)
		return;
	free((void *)t->seen);
	free(t);
}

uint64_t redact_tally_count(const redact_tally *t, size_t detector)
{
	return detector < REDACT_MAX_DETECTORS ? atomic_load(&t->count[detector]) : 0;
}

bool redact_tally_uncounted(const redact_tally *t, uint64_t j)
{
	if (!t || j >= t->blocks)
		return false;
	uint8_t bit = (uint8_t)(1u << (j % 8));
	return !(atomic_load(&t->seen[j / 8]) & bit);
}

bool redact_tally_claim(redact_tally *t, uint64_t j)
{
	if (!t || j >= t->blocks)
		return false;
	uint8_t bit = (uint8_t)(1u << (j % 8));
	return !(atomic_fetch_or(&t->seen[j / 8], bit) & bit);
}

void redact_tally_add(redact_tally *t, const _Atomic uint64_t *counts, size_t n)
{
	for (size_t i = 0; i < n && i < REDACT_MAX_DETECTORS; i++) {
		uint64_t c = atomic_load_explicit(&counts[i], memory_order_relaxed);
		if (c)
			atomic_fetch_add(&t->count[i], c);
	}
}

/*
 * grow.c — room for one more element in an array that doubles as it fills
 * (the CSV index's checkpoints, the sizes table's blocks set aside).
 *
 * Invariant: on failure the array and its capacity are as they were, so
 * the caller's structure stays consistent and can be freed as usual.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

int redact_grow(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
	if (count < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : first;
	void *old;
	memcpy(&old, items, sizeof old);
	void *grown = realloc(old, want * size);
	if (grown == NULL)
		return -ENOMEM;
	memcpy(items, &grown, sizeof grown);
	*cap = want;
	return 0;
}

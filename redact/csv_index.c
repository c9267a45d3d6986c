/*
 * csv_index.c — checkpoints of the CSV/TSV parser for one version of one
 * file, filled lazily (see csv.c for why they make range reads agree with
 * the stream).
 *
 * Checkpoint i is the parser state at byte i * span, span starting at
 * REDACT_CHECKPOINT_BLOCKS * REDACT_BLOCK; checkpoints are recorded only
 * after the header record has ended (the header itself is kept once, in
 * the index). Memory is bounded whatever the file's size: when
 * REDACT_CHECKPOINT_MAX checkpoints are held, every other one is dropped
 * and the span doubles (a read deep in a huge file parses at most a span
 * before its window: 256 KiB at 4 GiB). Protected by
 * ix->lock: a read that needs a checkpoint beyond the last one parses
 * forward under the lock, recording the checkpoints it passes.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

#define CHECKPOINT_SPAN ((uint64_t)REDACT_CHECKPOINT_BLOCKS * REDACT_BLOCK)

struct redact_index {
	pthread_mutex_t lock;
	uint64_t span;            /* bytes between checkpoints (a multiple of a block) */
	size_t max;               /* checkpoints kept at most */
	struct redact_csv_header header; /* valid when header_done */
	bool header_done;
	uint64_t first;           /* checkpoint number of cp[0] */
	struct redact_csv *cp;    /* cp[k]: state at checkpoint first + k */
	size_t count, cap;
};

int redact_index_new(redact_index **out)
{
	redact_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return -ENOMEM;
	pthread_mutex_init(&ix->lock, NULL);
	ix->span = CHECKPOINT_SPAN;
	ix->max = REDACT_CHECKPOINT_MAX;
	*out = ix;
	return 0;
}

void redact_index_set_max(redact_index *ix, size_t max)
{
	ix->max = max < 2 ? 2 : max;
}

size_t redact_index_held(redact_index *ix, uint64_t *span)
{
	pthread_mutex_lock(&ix->lock);
	size_t n = ix->count;
	*span = ix->span;
	pthread_mutex_unlock(&ix->lock);
	return n;
}

/* Keeps the checkpoints at multiples of twice the span, and doubles it. */
static void thin_out(redact_index *ix)
{
	size_t kept = 0;
	for (size_t i = 0; i < ix->count; i++)
		if ((ix->first + i) % 2 == 0)
			ix->cp[kept++] = ix->cp[i];
	ix->first = (ix->first + 1) / 2;
	ix->count = kept;
	ix->span *= 2;
}

void redact_index_free(redact_index *ix)
{
	if (!ix)
		return;
	pthread_mutex_destroy(&ix->lock);
	redact_csv_header_fini(&ix->header);
	free(ix->cp);
	free(ix);
}

/* Records st as the state at checkpoint number k if it extends the list. */
static int record(redact_index *ix, uint64_t k, const struct redact_csv *st,
                  const struct redact_csv_header *h)
{
	if (!ix->header_done) {
		int rc = redact_csv_header_copy(&ix->header, h);
		if (rc < 0)
			return rc;
		ix->header_done = true;
		ix->first = k;
	}
	if (k != ix->first + ix->count)
		return 0;
	if (ix->count >= ix->max) {
		thin_out(ix);
		if (k % 2)
			return 0; /* not at a checkpoint any more */
		k /= 2;
		if (k != ix->first + ix->count)
			return 0;
	}
	if (redact_grow(&ix->cp, &ix->cap, ix->count, sizeof *ix->cp, 64) < 0)
		return -ENOMEM;
	ix->cp[ix->count++] = *st;
	return 0;
}

static int state_at_locked(redact_index *ix, const redact_profile *p, enum redact_encoding enc,
                           struct redact_scratch *sc, redact_reader read, void *arg,
                           uint64_t target, struct redact_csv *st, struct redact_csv_header *h)
{
	uint64_t pos = 0;
	redact_csv_init(st, h);
	if (ix->header_done && ix->count) {
		uint64_t want = target / ix->span;
		if (want >= ix->first) {
			uint64_t k = want - ix->first < ix->count ? want : ix->first + ix->count - 1;
			*st = ix->cp[k - ix->first];
			int rc = redact_csv_header_copy(h, &ix->header);
			if (rc < 0)
				return rc;
			pos = k * ix->span;
		}
	}
	/* A block, its reach, and one byte to tell whether the file goes on:
	 * the parser sees what the stream's parser sees for the same block.
	 * The file is read ahead in large pieces (one read per block would be
	 * one system call per 8 KiB in the mount). */
	const size_t span = REDACT_BLOCK + REDACT_REACH;
	const size_t cap = 32 * REDACT_BLOCK + span + 1;
	uint8_t *buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	int rc = 0;
	uint64_t base = pos; /* file offset of buf[0] */
	size_t have = 0;
	bool eof = false;
	/* Block by block, as the stream parses (UTF-16 is decoded per block). */
	while (pos < target) {
		size_t at = (size_t)(pos - base);
		if (at + span + 1 > have && !eof) {
			/* Slide what is left to the front and fill up. */
			memmove(buf, buf + at, have - at);
			have -= at;
			base = pos;
			at = 0;
			ssize_t got = redact_read_full(read, arg, buf + have, cap - have, base + have);
			if (got < 0) {
				rc = (int)got;
				break;
			}
			have += (size_t)got;
			eof = have < cap;
		}
		size_t got = have - at;
		if (got < REDACT_BLOCK) {
			rc = -EIO; /* the file is shorter than it was */
			break;
		}
		bool cut = got > span;
		size_t avail = cut ? span : got;
		rc = redact_csv_run_block(p, st, h, enc, sc, buf + at, REDACT_BLOCK, avail, cut, NULL,
		                          NULL);
		if (rc < 0)
			break;
		pos += REDACT_BLOCK;
		if (pos % ix->span == 0 && h->done) {
			rc = record(ix, pos / ix->span, st, h);
			if (rc < 0)
				break;
		}
	}
	free(buf);
	return rc;
}

int redact_index_state_at(redact_index *ix, const redact_profile *p, enum redact_encoding enc,
                          redact_reader read, void *arg, uint64_t target,
                          struct redact_csv *st, struct redact_csv_header *h)
{
	struct redact_scratch sc = {0};
	pthread_mutex_lock(&ix->lock);
	int rc = state_at_locked(ix, p, enc, &sc, read, arg, target, st, h);
	pthread_mutex_unlock(&ix->lock);
	redact_decoded_fini(&sc.dec);
	if (rc < 0)
		redact_csv_header_fini(h);
	return rc;
}

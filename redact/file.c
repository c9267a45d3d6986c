/*
 * file.c — one file read by ranges (redact_file): the engine's one entry
 * for random access, whatever the file's format or the profile's actions.
 *
 * A file keeps, for the version its latest read saw, what reads of that
 * version share: the encoding and the format (a "#!" script is code)
 * decided from its first bytes (sniff.c, fields.c), the
 * CSV/TSV checkpoints (csv_index.c) and, for a profile that replaces or
 * removes values, the output length of every block (sizes.c). All of it
 * belongs to one version: a read under another version (size, mtime or
 * ctime differ) puts a fresh state in its place, and the old one goes when
 * its last read ends.
 *
 * Invariants: what a read serves depends only on the file's bytes, the
 * profile and the version it names; reads of one file may run at once
 * (each holds a reference to the state it uses; the state's own lock
 * covers only what is computed once for it: the encoding and the sizes);
 * lock order: the file's lock, then a state's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* What one version of the file taught the reads. */
struct file_state {
	_Atomic unsigned refs;
	struct redact_version v;
	pthread_mutex_t lock; /* for enc_known/enc and sizes */
	bool enc_known;
	enum redact_encoding enc;
	redact_profile p; /* the file's, with the format its head gives */
	redact_index *index;  /* CSV/TSV columns; NULL otherwise */
	redact_sizes *sizes;  /* replace/remove: built on first need */
};

struct redact_file {
	redact_profile p;
	bool columns, varlen;
	size_t checkpoint_max; /* 0: the default (tests lower it) */
	redact_reader read;
	void *arg;
	pthread_mutex_t lock; /* protects cur */
	struct file_state *cur;
	_Atomic unsigned long long *passes; /* counts sizes passes, or NULL */
};

static void state_unref(struct file_state *st)
{
	if (!st || atomic_fetch_sub(&st->refs, 1) != 1)
		return;
	redact_index_free(st->index);
	redact_sizes_free(st->sizes);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

int redact_file_new(redact_file **out, const redact_profile *p, redact_reader read, void *arg)
{
	redact_file *f = calloc(1, sizeof *f);
	if (!f)
		return -ENOMEM;
	f->p = *p;
	f->columns = redact_profile_has_columns(p);
	f->varlen = redact_profile_changes_length(p);
	f->read = read;
	f->arg = arg;
	pthread_mutex_init(&f->lock, NULL);
	*out = f;
	return 0;
}

void redact_file_free(redact_file *f)
{
	if (!f)
		return;
	state_unref(f->cur);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

static bool same_version(const struct redact_version *a, const struct redact_version *b)
{
	return a->size == b->size && a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
	       a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* A reference to the state of version v (made when the file's last read
 * saw another), or NULL with *rc = -ENOMEM. */
static struct file_state *state_of(redact_file *f, const struct redact_version *v, int *rc)
{
	pthread_mutex_lock(&f->lock);
	struct file_state *st = f->cur;
	if (!st || !same_version(&st->v, v)) {
		st = calloc(1, sizeof *st);
		if (st && f->columns && redact_index_new(&st->index) < 0) {
			free(st);
			st = NULL;
		}
		if (st && st->index && f->checkpoint_max)
			redact_index_set_max(st->index, f->checkpoint_max);
		if (!st) {
			pthread_mutex_unlock(&f->lock);
			*rc = -ENOMEM;
			return NULL;
		}
		atomic_init(&st->refs, 1); /* the file's */
		st->v = *v;
		pthread_mutex_init(&st->lock, NULL);
		state_unref(f->cur);
		f->cur = st;
	}
	atomic_fetch_add(&st->refs, 1);
	pthread_mutex_unlock(&f->lock);
	return st;
}

/* The state's encoding (decided once, from the version's first bytes as
 * the stream decides it) and, when wanted, its block sizes. Returns 0 or
 * -errno. */
static int state_ready(redact_file *f, struct file_state *st, bool sizes)
{
	int rc = 0;
	pthread_mutex_lock(&st->lock);
	if (!st->enc_known) {
		uint8_t head[REDACT_SNIFF_LEN];
		size_t want = st->v.size < REDACT_SNIFF_LEN ? (size_t)st->v.size : REDACT_SNIFF_LEN;
		ssize_t n = redact_read_full(f->read, f->arg, head, want, 0);
		if (n < 0) {
			rc = (int)n;
		} else {
			st->enc = redact_encoding_of(head, (size_t)n);
			st->p = f->p;
			st->p.format = redact_format_for_head(f->p.format, head, (size_t)n);
			st->enc_known = true;
		}
	}
	if (rc == 0 && sizes && !st->sizes) {
		rc = redact_sizes_build(&st->sizes, &st->p, f->read, f->arg, st->v.size);
		if (f->passes)
			atomic_fetch_add(f->passes, 1);
	}
	pthread_mutex_unlock(&st->lock);
	return rc;
}

int redact_file_size(redact_file *f, const struct redact_version *v, uint64_t *size)
{
	if (!f->varlen) {
		*size = v->size;
		return 0;
	}
	int rc = 0;
	struct file_state *st = state_of(f, v, &rc);
	if (!st)
		return rc;
	rc = state_ready(f, st, true);
	if (rc == 0)
		*size = redact_sizes_total(st->sizes);
	state_unref(st);
	return rc;
}

void redact_file_count_passes(redact_file *f, _Atomic unsigned long long *counter)
{
	f->passes = counter;
}

int redact_file_read(redact_file *f, const struct redact_version *v, uint64_t off, size_t len,
                     void *out, size_t *out_len, redact_workspace *w, redact_tally *t)
{
	*out_len = 0;
	if (len == 0 || (!f->varlen && off >= v->size))
		return 0;
	int rc = 0;
	struct file_state *st = state_of(f, v, &rc);
	if (!st)
		return rc;
	rc = state_ready(f, st, f->varlen);
	if (rc == 0 && f->varlen)
		rc = redact_range_sized(&st->p, st->index, t, st->sizes, f->read, f->arg, v->size,
		                        st->enc, off, len, out, out_len, w);
	else if (rc == 0)
		rc = redact_range_keep(&st->p, st->index, t, f->read, f->arg, v->size, st->enc, off,
		                       len, out, out_len, w);
	state_unref(st);
	return rc;
}

/* A replace/remove file in one pass: the stream, fed from the reader. */
static int write_streamed(redact_file *f, uint8_t *buf, redact_sink sink, void *arg)
{
	redact_stream *s = NULL;
	int rc = redact_stream_new(&s, &f->p);
	for (uint64_t off = 0; rc == 0;) {
		ssize_t n = f->read(f->arg, buf, REDACT_WRITE_CHUNK, off);
		if (n < 0)
			rc = (int)n;
		else if (n == 0)
			rc = redact_stream_finish(s, sink, arg);
		else
			rc = redact_stream_feed(s, buf, (size_t)n, sink, arg);
		if (n <= 0)
			break;
		off += (uint64_t)n;
	}
	redact_stream_free(s);
	return rc;
}

int redact_file_write_all(redact_file *f, const struct redact_version *v, redact_sink sink,
                          void *arg, redact_workspace *w)
{
	uint8_t *buf = malloc(REDACT_WRITE_CHUNK);
	if (!buf)
		return -ENOMEM;
	int rc = 0;
	if (f->varlen) {
		rc = write_streamed(f, buf, sink, arg);
	} else {
		for (uint64_t off = 0; rc == 0;) {
			size_t n = 0;
			rc = redact_file_read(f, v, off, REDACT_WRITE_CHUNK, buf, &n, w, NULL);
			if (rc < 0 || n == 0)
				break; /* the end (or the file shrank: served as it is now) */
			rc = sink(arg, buf, n);
			off += n;
		}
	}
	free(buf);
	return rc;
}

void redact_file_set_checkpoint_max(redact_file *f, size_t max)
{
	f->checkpoint_max = max;
}

size_t redact_file_checkpoints_held(redact_file *f, uint64_t *span)
{
	pthread_mutex_lock(&f->lock);
	size_t held = f->cur && f->cur->index ? redact_index_held(f->cur->index, span) : 0;
	pthread_mutex_unlock(&f->lock);
	return held;
}

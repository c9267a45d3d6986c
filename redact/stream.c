/*
 * stream.c — the engine over a whole input fed front to back in chunks of
 * any size (this is what `redact` prints, and so the definition of a file's
 * redacted content).
 *
 * The stream holds the bytes [k*B - REDACT_BEHIND, (k+1)*B + REDACT_REACH]
 * around the next block k and nothing more: as soon as block k's subject
 * (and one byte past it) is here, block k is scanned, CSV/TSV columns are
 * parsed through it, and it is written out. Memory is therefore fixed (one
 * buffer of STREAM_CAP bytes, its marks, one block of output, and a CSV
 * header's column bits) whatever the input's length.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* One byte more than a block's subject: a block is processed only once a
 * byte past its subject is known, so that "the subject ends before the
 * file" is decided exactly as range.c decides it. */
#define STREAM_CAP (REDACT_BEHIND + REDACT_BLOCK + REDACT_REACH + 1)

struct redact_stream {
	redact_profile profile;
	struct redact_scratch scratch;
	uint8_t *buf;   /* input bytes [base, base + len) */
	uint8_t *marks; /* parallel to buf */
	uint8_t *over;  /* parallel to buf: actions' output bytes */
	uint8_t *out;   /* one block of output */
	uint64_t base;
	size_t len;
	uint64_t next_block;
	bool failed;
	enum redact_encoding enc;       /* from the first bytes */
	bool columns;                   /* CSV/TSV columns by header */
	bool varlen;                    /* replace/remove: blocks change length */
	struct redact_outbuf vout;      /* a block's output when varlen */
	struct redact_csv csv;          /* parser state at next_block */
	struct redact_csv_header header;
};

int redact_stream_new(redact_stream **out, const redact_profile *p)
{
	redact_stream *s = calloc(1, sizeof *s);
	if (!s)
		return -ENOMEM;
	s->profile = *p;
	s->columns = redact_profile_has_columns(p);
	s->varlen = redact_profile_changes_length(p);
	redact_csv_init(&s->csv, &s->header);
	s->buf = malloc(STREAM_CAP);
	s->marks = calloc(1, STREAM_CAP);
	s->over = malloc(STREAM_CAP);
	s->out = malloc(REDACT_BLOCK);
	if (!s->buf || !s->marks || !s->over || !s->out || redact_scratch_init(&s->scratch, p->catalog) < 0) {
		redact_stream_free(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

void redact_stream_free(redact_stream *s)
{
	if (!s)
		return;
	redact_scratch_fini(&s->scratch);
	redact_csv_header_fini(&s->header);
	free(s->vout.data);
	free(s->buf);
	free(s->marks);
	free(s->over);
	free(s->out);
	free(s);
}

/* Scans and writes out block next_block of a file of size bytes (UINT64_MAX
 * while the end is not known yet), then drops what no later block needs. */
static int process_block(redact_stream *s, uint64_t size, redact_sink sink, void *arg)
{
	uint64_t ss, bs, be, se;
	redact_block_bounds(s->next_block, size, &ss, &bs, &be, &se);
	size_t at = (size_t)(ss - s->base);
	if (s->next_block == 0) {
		/* As redact_file decides them, from the same first bytes. */
		s->enc = redact_encoding_of(s->buf, s->len);
		s->profile.format = redact_format_for_head(s->profile.format, s->buf, s->len);
	}
	struct redact_block b = {
		.subject = s->buf + at,
		.subject_len = (size_t)(se - ss),
		.from = (size_t)(bs - ss),
		.to = (size_t)(be - ss),
		.cut = se < size,
		.enc = s->enc,
	};
	/* The record rules yield to the header (scan.c): the parser's state
	 * at the block's first byte (not in UTF-16/32, parsed decoded). */
	bool bytes = s->enc == REDACT_ENC_UTF8 || redact_encoding_is_legacy(s->enc);
	s->scratch.csv_at = s->columns && bytes ? &s->csv : NULL;
	s->scratch.csv_header = &s->header;
	int rc = redact_scan_block(&s->profile, &s->scratch, &b, s->marks + at, s->over + at);
	if (rc == 0 && s->columns)
		rc = redact_csv_run_block(&s->profile, &s->csv, &s->header, s->enc, &s->scratch,
		                          b.subject + b.from, b.to - b.from, b.subject_len - b.from,
		                          b.cut, s->marks + at + b.from, s->over + at + b.from);
	if (rc < 0)
		return rc;
	redact_legacy_finish_block(&b, s->marks + at, s->over + at);
	if (s->varlen) {
		s->vout.len = 0;
		rc = redact_emit_var(&b, s->marks + at, s->over + at, b.from, b.to, &s->profile,
		                     &s->vout);
		if (rc == 0)
			rc = sink(arg, s->vout.data ? (void *)s->vout.data : (void *)s->out, s->vout.len);
	} else {
		redact_emit(&b, s->marks + at, s->over + at, b.from, b.to, s->out);
		rc = sink(arg, s->out, b.to - b.from);
	}
	if (rc < 0)
		return rc;

	s->next_block++;
	uint64_t keep_from, nbs, nbe, nse;
	redact_block_bounds(s->next_block, UINT64_MAX, &keep_from, &nbs, &nbe, &nse);
	if (keep_from > s->base) {
		size_t drop = (size_t)(keep_from - s->base);
		if (drop > s->len)
			drop = s->len;
		memmove(s->buf, s->buf + drop, s->len - drop);
		memmove(s->marks, s->marks + drop, s->len - drop);
		memmove(s->over, s->over + drop, s->len - drop);
		memset(s->marks + s->len - drop, 0, drop);
		s->len -= drop;
		s->base += drop;
	}
	return 0;
}

int redact_stream_feed(redact_stream *s, const void *in, size_t len, redact_sink sink,
                       void *arg)
{
	const uint8_t *p = in;
	if (s->failed)
		return -EINVAL;
	while (len > 0) {
		/* Block k can be processed once its whole subject, and one
		 * byte more, is here. */
		uint64_t need_end = (s->next_block + 1) * REDACT_BLOCK + REDACT_REACH + 1;
		uint64_t have_end = s->base + s->len;
		size_t take = len;
		if (need_end - have_end < take)
			take = (size_t)(need_end - have_end);
		memcpy(s->buf + s->len, p, take);
		s->len += take;
		p += take;
		len -= take;
		if (s->base + s->len == need_end) {
			int rc = process_block(s, UINT64_MAX, sink, arg);
			if (rc < 0) {
				s->failed = true;
				return rc;
			}
		}
	}
	return 0;
}

int redact_stream_finish(redact_stream *s, redact_sink sink, void *arg)
{
	if (s->failed)
		return -EINVAL;
	uint64_t size = s->base + s->len;
	while (s->next_block * REDACT_BLOCK < size) {
		int rc = process_block(s, size, sink, arg);
		if (rc < 0) {
			s->failed = true;
			return rc;
		}
	}
	return 0;
}

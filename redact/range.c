/*
 * range.c — random access: the redacted bytes [off, off + len) of a file,
 * equal to the same bytes of the whole-file stream.
 *
 * A match that starts in block j ends before (j+1)*B + REDACT_REACH, and a
 * byte's output looks at most two bytes either side of it. So the bytes
 * from off on can only be marked by blocks j >= j0 = floor((off - 2 -
 * REACH) / B). This file scans blocks j0 .. last with exactly the subjects
 * stream.c uses, and writes each block's share of the range right after
 * scanning it, as the stream does: same marks at the same moment, same
 * bytes. For CSV/TSV columns the parser state at block j0 comes from the
 * file's checkpoints (csv_index.c) and is carried through the blocks. The window read from the source is bounded by len + 2*B + REACH +
 * BEHIND, wherever in the file the range lies.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* Reads exactly [off, off + len) unless the file ends first; returns the
 * count read or -errno. */
static ssize_t read_full(redact_reader read, void *arg, uint8_t *buf, size_t len,
                         uint64_t off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(arg, buf + got, len - got, off + got);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int redact_range(const redact_profile *p, redact_reader read, void *arg,
                 uint64_t file_size, uint64_t off, size_t len, void *out,
                 size_t *out_len)
{
	return redact_range_indexed(p, NULL, read, arg, file_size, off, len, out, out_len);
}

int redact_range_indexed(const redact_profile *p, redact_index *ix, redact_reader read,
                         void *arg, uint64_t file_size, uint64_t off, size_t len,
                         void *out, size_t *out_len)
{
	return redact_range_tallied(p, ix, NULL, read, arg, file_size, off, len, out, out_len);
}

int redact_range_tallied(const redact_profile *p, redact_index *ix, redact_tally *t,
                         redact_reader read, void *arg, uint64_t file_size, uint64_t off,
                         size_t len, void *out, size_t *out_len)
{
	*out_len = 0;
	if (off >= file_size || len == 0)
		return 0;
	uint64_t end = off + len < file_size ? off + len : file_size;

	uint64_t reach_back = 2 + REDACT_REACH;
	uint64_t j0 = off >= reach_back ? (off - reach_back) / REDACT_BLOCK : 0;
	uint64_t j1 = (end - 1) / REDACT_BLOCK;
	uint64_t ws, bs, be, we;
	redact_block_bounds(j0, file_size, &ws, &bs, &be, &we);
	redact_block_bounds(j1, file_size, &bs, &bs, &be, &we);
	size_t wlen = (size_t)(we - ws);

	uint8_t *win = malloc(wlen);
	uint8_t *marks = calloc(1, wlen);
	uint8_t *over = malloc(wlen);
	struct redact_scratch sc = {0};
	struct redact_csv csv;
	struct redact_csv_header header;
	redact_index *own_ix = NULL;
	bool columns = redact_profile_has_columns(p);
	redact_csv_init(&csv, &header);
	int rc = -ENOMEM;
	if (!win || !marks || !over || redact_scratch_init(&sc, p->catalog) < 0)
		goto out;
	ssize_t got = read_full(read, arg, win, wlen, ws);
	if (got < 0) {
		rc = (int)got;
		goto out;
	}
	if ((size_t)got < wlen) {
		/* The file shrank since its size was taken: serve it as it is
		 * now, by the same rules. */
		file_size = ws + (uint64_t)got;
		if (end > file_size)
			end = file_size;
		if (off >= end) {
			rc = 0;
			goto out;
		}
		j1 = (end - 1) / REDACT_BLOCK;
	}
	/* The encoding is announced by the file's first two bytes. */
	uint8_t head[2];
	ssize_t hn = ws == 0 ? (got < 2 ? got : 2) : read_full(read, arg, head, 2, 0);
	if (hn < 0) {
		rc = (int)hn;
		goto out;
	}
	if (ws == 0)
		memcpy(head, win, (size_t)hn);
	enum redact_encoding enc = redact_encoding_of(head, (size_t)hn);
	if (columns) {
		if (!ix && (rc = redact_index_new(&own_ix)) < 0)
			goto out;
		rc = redact_index_state_at(ix ? ix : own_ix, p, enc, read, arg, j0 * REDACT_BLOCK,
		                           &csv, &header);
		if (rc < 0)
			goto out;
	}

	for (uint64_t j = j0; j <= j1; j++) {
		uint64_t ss, se;
		redact_block_bounds(j, file_size, &ss, &bs, &be, &se);
		size_t at = (size_t)(ss - ws);
		struct redact_block b = {
			.subject = win + at,
			.subject_len = (size_t)(se - ss),
			.from = (size_t)(bs - ss),
			.to = (size_t)(be - ss),
			.cut = se < file_size,
			.enc = enc,
		};
		/* Count the values of a block holding requested bytes, once. */
		sc.tally = j >= off / REDACT_BLOCK && redact_tally_claim(t, j) ? t->count : NULL;
		rc = redact_scan_block(p, &sc, &b, marks + at, over + at);
		if (rc == 0 && columns)
			rc = redact_csv_run_block(p, &csv, &header, enc, &sc, b.subject + b.from,
			                          b.to - b.from, b.subject_len - b.from, b.cut,
			                          marks + at + b.from, over + at + b.from);
		if (rc < 0)
			goto out;
		uint64_t lo = bs > off ? bs : off, hi = be < end ? be : end;
		if (lo < hi)
			redact_emit(&b, marks + at, over + at, (size_t)(lo - ss), (size_t)(hi - ss),
			            (uint8_t *)out + (lo - off));
	}
	*out_len = (size_t)(end - off);
	rc = 0;
out:
	redact_index_free(own_ix);
	redact_csv_header_fini(&header);
	redact_scratch_fini(&sc);
	free(win);
	free(marks);
	free(over);
	return rc;
}

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
 * bytes. The window read from the source is bounded by len + 2*B + REACH +
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
	struct redact_scratch sc = {0};
	int rc = -ENOMEM;
	if (!win || !marks || redact_scratch_init(&sc, p->catalog) < 0)
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

	for (uint64_t j = j0; j <= j1; j++) {
		uint64_t ss, se;
		redact_block_bounds(j, file_size, &ss, &bs, &be, &se);
		size_t at = (size_t)(ss - ws);
		struct redact_block b = {
			.subject = win + at,
			.subject_len = (size_t)(se - ss),
			.from = (size_t)(bs - ss),
			.to = (size_t)(be - ss),
		};
		rc = redact_scan_block(p, &sc, &b, marks + at);
		if (rc < 0)
			goto out;
		uint64_t lo = bs > off ? bs : off, hi = be < end ? be : end;
		if (lo < hi)
			redact_emit(&b, marks + at, (size_t)(lo - ss), (size_t)(hi - ss),
			            (uint8_t *)out + (lo - off));
	}
	*out_len = (size_t)(end - off);
	rc = 0;
out:
	redact_scratch_fini(&sc);
	free(win);
	free(marks);
	return rc;
}

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
 * file's checkpoints (csv_index.c) and is carried through the blocks. The
 * window read from the source is bounded by len + 2*B + REACH + BEHIND,
 * wherever in the file the range lies. A profile that replaces or removes
 * values is served in output offsets: the blocks that hold them come from
 * the file's block sizes (sizes.c), and are rendered whole and cropped.
 * What a read needs besides the file is in its workspace (workspace.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* ---- Two threads for a long read ------------------------------------ */

/* Reads of at least this many blocks are scanned by two threads. */
#define SPLIT_BLOCKS 8u

/* Whether every enabled detector masks: then marks are a plain union (a
 * byte is masked or not) and two threads may mark apart and be merged. */
static bool masks_only(const redact_profile *p)
{
	for (size_t i = 0; i < p->catalog->count; i++)
		if (redact_profile_enabled(p, i) && redact_profile_action(p, i) != REDACT_ACTION_MASK)
			return false;
	return true;
}

/* Before block j of a read from off is scanned: when the block holds
 * requested bytes and t has not counted it yet, its values are counted
 * apart, in sc->block_counts (else not at all). */
static void count_begin(struct redact_scratch *sc, const redact_profile *p,
                        const redact_tally *t, uint64_t j, uint64_t off)
{
	sc->tally = NULL;
	if (j < off / REDACT_BLOCK || !redact_tally_uncounted(t, j))
		return;
	for (size_t i = 0; i < p->catalog->count; i++)
		atomic_store_explicit(&sc->block_counts[i], 0, memory_order_relaxed);
	sc->tally = sc->block_counts;
}

/* After block j was scanned without error: its values join t, unless
 * another read has counted the block meanwhile. A block whose scan failed
 * never gets here, so a later read counts it. */
static void count_end(struct redact_scratch *sc, const redact_profile *p, redact_tally *t,
                      uint64_t j)
{
	if (sc->tally && redact_tally_claim(t, j))
		redact_tally_add(t, sc->block_counts, p->catalog->count);
	sc->tally = NULL;
}

struct scan_job {
	const redact_profile *p;
	struct redact_scratch *sc;
	redact_tally *t;
	uint8_t *win, *marks, *over;
	uint64_t ws, file_size, off, first, last; /* blocks [first, last] */
	enum redact_encoding enc;
	int rc;
};

/* Scans blocks [first, last] of the window into job->marks. */
static void *scan_blocks(void *arg)
{
	struct scan_job *job = arg;
	job->rc = 0;
	for (uint64_t j = job->first; j <= job->last && job->rc == 0; j++) {
		uint64_t ss, bs, be, se;
		redact_block_bounds(j, job->file_size, &ss, &bs, &be, &se);
		size_t at = (size_t)(ss - job->ws);
		struct redact_block b = {
			.subject = job->win + at,
			.subject_len = (size_t)(se - ss),
			.from = (size_t)(bs - ss),
			.to = (size_t)(be - ss),
			.cut = se < job->file_size,
			.enc = job->enc,
		};
		count_begin(job->sc, job->p, job->t, j, job->off);
		job->rc = redact_scan_block(job->p, job->sc, &b, job->marks + at, job->over + at);
		if (job->rc == 0)
			count_end(job->sc, job->p, job->t, j);
	}
	job->sc->tally = NULL;
	return NULL;
}

/* Scans blocks [j0, j1] of a window of wlen bytes with two threads: the
 * first half here, the second into w->marks2 on another thread, merged
 * after. Returns 0, -errno, or 1 when it could not split (the caller then
 * scans as usual). */
static int scan_split(redact_workspace *w, const redact_profile *p, redact_tally *t,
                      uint64_t ws, size_t wlen, uint64_t file_size, uint64_t off, uint64_t j0,
                      uint64_t j1, enum redact_encoding enc)
{
	if (redact_workspace_ready_second(w, p->catalog, wlen) < 0)
		return 1;
	uint64_t mid = j0 + (j1 - j0 + 1) / 2;
	uint64_t ss, bs, be, se;
	redact_block_bounds(mid, file_size, &ss, &bs, &be, &se);
	size_t from = (size_t)(bs - ws); /* what the second half may mark */
	memset(w->marks2 + from, 0, wlen - from);
	struct scan_job a = {p, &w->sc, t, w->win, w->marks, w->over, ws, file_size, off, j0, mid - 1,
	                     enc, 0};
	struct scan_job b = {p, &w->sc2, t, w->win, w->marks2, w->over, ws, file_size, off, mid, j1,
	                     enc, 0};
	pthread_t th;
	if (pthread_create(&th, NULL, scan_blocks, &b) != 0)
		return 1;
	scan_blocks(&a);
	pthread_join(th, NULL);
	w->sc.tally = NULL;
	if (a.rc < 0 || b.rc < 0)
		return a.rc < 0 ? a.rc : b.rc;
	for (size_t i = from; i < wlen; i++)
		w->marks[i] |= w->marks2[i];
	return 0;
}

/* The core: with vout NULL, writes input-aligned output into out (length-
 * keeping profiles); with vout, appends the variable-length output of the
 * requested input bytes to vout (callers ask for whole blocks). */
static int range_core(const redact_profile *p, redact_index *ix, redact_tally *t,
                      redact_reader read, void *arg, uint64_t file_size,
                      enum redact_encoding enc, uint64_t off, size_t len, void *out,
                      size_t *out_len, struct redact_outbuf *vout, redact_workspace *w);

int redact_range_keep(const redact_profile *p, redact_index *ix, redact_tally *t,
                      redact_reader read, void *arg, uint64_t file_size,
                      enum redact_encoding enc, uint64_t off, size_t len, void *out,
                      size_t *out_len, redact_workspace *w)
{
	if (redact_profile_changes_length(p)) {
		*out_len = 0;
		return -EINVAL; /* offsets differ: redact_range_sized */
	}
	return range_core(p, ix, t, read, arg, file_size, enc, off, len, out, out_len, NULL, w);
}

static int range_core(const redact_profile *p, redact_index *ix, redact_tally *t,
                      redact_reader read, void *arg, uint64_t file_size,
                      enum redact_encoding enc, uint64_t off, size_t len, void *out,
                      size_t *out_len, struct redact_outbuf *vout, redact_workspace *w)
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

	/* Without a workspace, a throwaway one. */
	redact_workspace *own_w = NULL;
	struct redact_csv csv;
	struct redact_csv_header header;
	redact_index *own_ix = NULL;
	bool columns = redact_profile_has_columns(p);
	redact_csv_init(&csv, &header);
	int rc = -ENOMEM;
	if (!w && redact_workspace_new(&own_w) < 0)
		goto out;
	if (!w)
		w = own_w;
	if (redact_workspace_ready(w, p->catalog, wlen) < 0)
		goto out;
	uint8_t *win = w->win, *marks = w->marks, *over = w->over;
	struct redact_scratch *sc = &w->sc;
	ssize_t got = redact_read_full(read, arg, win, wlen, ws);
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
	if (columns) {
		if (!ix && (rc = redact_index_new(&own_ix)) < 0)
			goto out;
		rc = redact_index_state_at(ix ? ix : own_ix, p, enc, read, arg, j0 * REDACT_BLOCK,
		                           &csv, &header);
		if (rc < 0)
			goto out;
	}

	/* A long read of a masking profile through a two-thread workspace: its
	 * blocks are scanned by two threads first (blocks are independent
	 * and their marks a union), then parsed and written in order. (Not
	 * when CSV columns are counted too: a block's count is claimed once,
	 * by its scan; not in UTF-16/32 or legacy files: there a block's
	 * marks include action bytes written in the file's encoding, and a
	 * legacy block's characters are finished before the next block is
	 * scanned, so the order matters.) */
	bool scanned = false;
	/* (Nor in a CSV header: the record rules yield to it, which needs the
	 * parser's state at each block. Past the header, with masks only, a
	 * record rule and a column it yields to mask the same bytes.) */
	if (w->two_threads && !vout && !(columns && t) && !(columns && csv.in_header) &&
	    j1 - j0 + 1 >= SPLIT_BLOCKS && masks_only(p) && enc == REDACT_ENC_UTF8) {
		rc = scan_split(w, p, t, ws, wlen, file_size, off, j0, j1, enc);
		if (rc < 0)
			goto out;
		scanned = rc == 0;
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
		if (!scanned) {
			/* Count the values of a block holding requested bytes,
			 * once, when its scan (and its columns) succeed. */
			count_begin(sc, p, t, j, off);
			bool bytes = enc == REDACT_ENC_UTF8 || redact_encoding_is_legacy(enc);
			sc->csv_at = columns && bytes ? &csv : NULL;
			sc->csv_header = &header;
			rc = redact_scan_block(p, sc, &b, marks + at, over + at);
			sc->csv_at = NULL;
		}
		if (rc == 0 && columns)
			rc = redact_csv_run_block(p, &csv, &header, enc, sc, b.subject + b.from,
			                          b.to - b.from, b.subject_len - b.from, b.cut,
			                          marks + at + b.from, over + at + b.from);
		if (rc < 0) {
			sc->tally = NULL;
			goto out;
		}
		if (!scanned)
			count_end(sc, p, t, j);
		redact_legacy_finish_block(&b, marks + at, over + at);
		uint64_t lo = bs > off ? bs : off, hi = be < end ? be : end;
		if (lo < hi && vout)
			rc = redact_emit_var(&b, marks + at, over + at, (size_t)(lo - ss),
			                     (size_t)(hi - ss), p, vout);
		else if (lo < hi)
			redact_emit(&b, marks + at, over + at, (size_t)(lo - ss), (size_t)(hi - ss),
			            (uint8_t *)out + (lo - off));
		if (rc < 0)
			goto out;
	}
	*out_len = (size_t)(end - off);
	rc = 0;
out:
	redact_index_free(own_ix);
	redact_csv_header_fini(&header);
	redact_workspace_free(own_w);
	return rc;
}

/* ---- Length-changing output ------------------------------------------ */

int redact_range_sized(const redact_profile *p, redact_index *ix, redact_tally *t,
                       const redact_sizes *z, redact_reader read, void *arg,
                       uint64_t file_size, enum redact_encoding enc, uint64_t off, size_t len,
                       void *out, size_t *out_len, redact_workspace *w)
{
	*out_len = 0;
	uint64_t total = redact_sizes_total(z);
	if (off >= total || len == 0)
		return 0;
	uint64_t end = off + len < total ? off + len : total;
	size_t k, m;
	uint64_t cum_k, cum_m1; /* output before block k, and before block m + 1 */
	redact_sizes_find(z, off, end, &k, &m, &cum_k, &cum_m1);
	struct redact_outbuf o = {0};
	size_t n;
	uint64_t in_off = (uint64_t)k * REDACT_BLOCK;
	uint64_t in_end = (uint64_t)(m + 1) * REDACT_BLOCK;
	if (in_end > file_size)
		in_end = file_size;
	int rc = range_core(p, ix, t, read, arg, file_size, enc, in_off, (size_t)(in_end - in_off),
	                    NULL, &n, &o, w);
	if (rc == 0 && o.len != cum_m1 - cum_k)
		rc = -EIO; /* the file changed since its sizes were taken */
	if (rc == 0) {
		memcpy(out, o.data + (off - cum_k), (size_t)(end - off));
		*out_len = (size_t)(end - off);
	}
	free(o.data);
	return rc;
}

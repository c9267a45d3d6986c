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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

ssize_t redact_read_full(redact_reader read, void *arg, uint8_t *buf, size_t len, uint64_t off)
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

/* ---- Workspace: what a range call needs, kept for the next one -------- */

struct redact_workspace {
	uint8_t *win, *marks, *over; /* the window's bytes, marks and action bytes */
	uint8_t *marks2;             /* the second thread's marks (scan_split) */
	size_t cap, cap2;
	struct redact_scratch sc, sc2; /* sc2: for the second thread */
	const redact_catalog *cat; /* sc was made for it (NULL: not yet) */
	const redact_catalog *cat2;
	uint32_t groups, groups2;  /* capture groups sc's / sc2's match data holds */
	bool two_threads;          /* long reads may be scanned by scan_split */
};

int redact_workspace_new(redact_workspace **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : -ENOMEM;
}

void redact_workspace_use_two_threads(redact_workspace *w, bool on)
{
	w->two_threads = on;
}

void redact_workspace_free(redact_workspace *w)
{
	if (!w)
		return;
	if (w->cat)
		redact_scratch_fini(&w->sc);
	if (w->cat2)
		redact_scratch_fini(&w->sc2);
	free(w->win);
	free(w->marks);
	free(w->over);
	free(w->marks2);
	free(w);
}

/* Makes w ready for a window of wlen bytes under catalog cat (marks
 * cleared). Returns 0 or -ENOMEM. */
static int workspace_ready(redact_workspace *w, const redact_catalog *cat, size_t wlen)
{
	if (wlen > w->cap) {
		uint8_t *a = realloc(w->win, wlen), *b = a ? realloc(w->marks, wlen) : NULL;
		if (a)
			w->win = a;
		if (b)
			w->marks = b;
		uint8_t *c = b ? realloc(w->over, wlen) : NULL;
		if (!c)
			return -ENOMEM;
		w->over = c;
		w->cap = wlen;
	}
	memset(w->marks, 0, wlen);
	/* Another catalog (a reload): new match state, kept buffers. Match
	 * data must hold the catalog's groups; the limits are the same for
	 * every catalog. */
	if (w->cat != cat || cat->max_groups > w->groups) {
		if (w->cat)
			redact_scratch_fini(&w->sc);
		w->cat = NULL;
		if (redact_scratch_init(&w->sc, cat) < 0)
			return -ENOMEM;
		w->cat = cat;
		w->groups = cat->max_groups;
	}
	w->sc.tally = NULL;
	return 0;
}

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
	if (wlen > w->cap2) {
		uint8_t *m = realloc(w->marks2, wlen);
		if (!m)
			return 1;
		w->marks2 = m;
		w->cap2 = wlen;
	}
	if (w->cat2 != p->catalog || p->catalog->max_groups > w->groups2) {
		if (w->cat2)
			redact_scratch_fini(&w->sc2);
		w->cat2 = NULL;
		if (redact_scratch_init(&w->sc2, p->catalog) < 0)
			return 1;
		w->cat2 = p->catalog;
		w->groups2 = p->catalog->max_groups;
	}
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
	if (workspace_ready(w, p->catalog, wlen) < 0)
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
	if (w->two_threads && !vout && !(columns && t) && j1 - j0 + 1 >= SPLIT_BLOCKS && masks_only(p) &&
	    enc == REDACT_ENC_UTF8) {
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
			rc = redact_scan_block(p, sc, &b, marks + at, over + at);
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
		if (z->naside == z->aside_cap) {
			size_t cap = z->aside_cap ? z->aside_cap * 2 : 16;
			struct size_aside *grown = realloc(z->aside, cap * sizeof *grown);
			if (!grown)
				return -ENOMEM;
			z->aside = grown;
			z->aside_cap = cap;
		}
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

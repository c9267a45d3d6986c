/*
 * scan.c — the heart of the one output definition: marking the values that
 * start inside one block (emit.c turns the marks into output bytes).
 *
 * Invariants kept here:
 * - redact_scan_block looks only at its subject: the result for a block is
 *   a function of the bytes [block - REDACT_BEHIND, block end +
 *   REDACT_REACH) alone, whoever calls it.
 * - Every start position in the block is tried (after a match at m, the
 *   search resumes at the next character after m, not after the match), so
 *   overlapping values are all found and which ones are found does not
 *   depend on where an earlier scan happened to stop.
 * - Marked spans start on character boundaries of the text scanned, so a
 *   valid multi-byte UTF-8 character is either wholly marked or not at
 *   all (in a GB18030 or Big5 file, whose bytes are scanned as UTF-8 too,
 *   legacy.c widens every mark to whole characters); where a subject is
 *   cut short of the file's end, a value that could run past the cut makes
 *   the block fail (EIO) instead of being masked in part.
 * - A view adds to what a subject's bytes give, never takes from it
 *   (readings, below); where a subject ends the input, what could still
 *   become a value is masked (mask_unfinished).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "name_gazetteer.h"
#include "records_i.h"
#include "redact_i.h"

int redact_scratch_init(struct redact_scratch *sc, const redact_catalog *cat)
{
	memset(sc, 0, sizeof *sc);
	sc->md = pcre2_match_data_create(cat->max_groups + 1, NULL);
	sc->mctx = pcre2_match_context_copy(cat->mctx);
	if (!sc->md || !sc->mctx) {
		redact_scratch_fini(sc);
		return -ENOMEM;
	}
	return 0;
}

void redact_scratch_fini(struct redact_scratch *sc)
{
	pcre2_match_data_free(sc->md);
	sc->md = NULL;
	pcre2_match_context_free(sc->mctx);
	sc->mctx = NULL;
	redact_prescan_fini(&sc->prescan);
	redact_decoded_fini(&sc->dec);
	redact_decoded_fini(&sc->unesc);
	redact_decoded_fini(&sc->fold);
	free(sc->vmarks);
	sc->vmarks = NULL;
	sc->vmarks_cap = 0;
	free(sc->governed);
	sc->governed = NULL;
	sc->governed_cap = 0;
}

/* The next position after pos at which a character can begin. */
static size_t next_char(const uint8_t *s, size_t len, size_t pos)
{
	pos++;
	while (pos < len && redact_is_continuation(s[pos]))
		pos++;
	return pos;
}

/* The span [*lo, *hi) of the subject that the view bytes [from, to) come
 * from (a view is being scanned; from < to). */
static void view_span(const struct redact_scratch *sc, size_t from, size_t to, size_t *lo,
                      size_t *hi)
{
	for (int i = sc->nviews - 1; i >= 0; i--) {
		const struct redact_decoded *d = sc->views[i];
		size_t nlo = d->raw[from], nhi = d->raw[to - 1] + d->rawlen[to - 1];
		from = nlo, to = nhi;
	}
	*lo = from, *hi = to;
}

/* Whether the view bytes [from, to) are the subject's bytes as written:
 * a UTF-8 file, and nothing decoded, folded or left out in between. Then
 * a value there gets its detector's action on the subject itself. */
static bool as_written(const struct redact_scratch *sc, size_t from, size_t to, size_t *lo,
                       size_t *hi)
{
	if (sc->base->enc != REDACT_ENC_UTF8 || from >= to)
		return false;
	view_span(sc, from, to, lo, hi);
	return *hi - *lo == to - from;
}

/* Whether a value at [from, to) of the text being scanned is one to
 * count: always in the first reading of a subject; in a later one only
 * when no earlier reading marked all of it already. */
static bool found_anew(const struct redact_scratch *sc, size_t from, size_t to)
{
	if (!sc->views || sc->count_all || from >= to)
		return true;
	size_t lo, hi;
	view_span(sc, from, to, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		if (!sc->base_marks[i] && !(sc->vmarked && sc->vmarks[i]))
			return true;
	return false;
}

/* Whether the match in sc->md, with its value at [gs, ...) of the text
 * scanned, is a record rule's (records_i.h) that yields to a CSV/TSV
 * header: in the header row or in a column the header names (csv.c
 * redact_csv_governed, computed once per block when first asked). Sets
 * *err on failure. */
static bool record_yields(const redact_profile *p, struct redact_scratch *sc,
                          const struct redact_block *b, size_t gs, int *err)
{
	if (!sc->csv_at)
		return false;
	PCRE2_SPTR mark = pcre2_get_mark(sc->md);
	if (!mark || strcmp((const char *)mark, REC_MARK) != 0)
		return false;
	const struct redact_block *base = sc->views ? sc->base : b;
	size_t pos = gs;
	if (sc->views) {
		size_t hi;
		view_span(sc, gs, gs + 1, &pos, &hi);
	}
	if (pos < base->from || pos >= base->to)
		return false;
	if (sc->governed_state == 0) {
		size_t avail = base->subject_len - base->from;
		if (avail > sc->governed_cap) {
			uint8_t *grown = realloc(sc->governed, avail);
			if (!grown) {
				*err = -ENOMEM;
				return false;
			}
			sc->governed = grown;
			sc->governed_cap = avail;
		}
		int rc = redact_csv_governed(p, sc->csv_at, sc->csv_header, base->enc,
		                             base->subject + base->from, base->to - base->from,
		                             avail, base->cut, sc->governed);
		sc->governed_state = rc < 0 ? rc : 1;
	}
	if (sc->governed_state < 0) {
		*err = sc->governed_state;
		return false;
	}
	return sc->governed[pos - base->from] != 0;
}

/* A value found in a weak context (a signature line, the words after
 * Dear: the pattern set the mark NAME_CHECK_MARK) must also read as a name
 * by the lists (name_gazetteer.c); any other match passes. */
static bool weak_context_ok(struct redact_scratch *sc, const struct redact_block *b, size_t gs,
                            size_t ge)
{
	PCRE2_SPTR mark = pcre2_get_mark(sc->md);
	return !mark || strcmp((const char *)mark, NAME_CHECK_MARK) != 0 ||
	       redact_name_weak_context_valid(b->subject + gs, ge - gs);
}

/* Records the match in ov (a value starting in the block) as the
 * detector's action, or, for the field detector, its value's. */
static int record_match(size_t det, const redact_profile *p, struct redact_scratch *sc,
                        const struct redact_block *b, const PCRE2_SIZE *ov, uint8_t *marks,
                        uint8_t *over)
{
	const struct redact_detector *d = &p->catalog->det[det];
	size_t lo, hi;
	if (d->field) {
		/* A key as written has its value marked in the subject, with
		 * the field's action (escapes inside it and all). */
		int rc;
		if (sc->views && as_written(sc, ov[0], ov[1], &lo, &hi))
			rc = redact_field_mark(p, det, sc->base->subject, sc->base->subject_len,
			                       sc->base->cut, lo, hi, sc->base_marks, sc->base_over);
		else
			rc = redact_field_mark(p, det, b->subject, b->subject_len, b->cut, ov[0],
			                       ov[1], marks, over);
		if (rc < 0)
			return rc;
		if (sc->tally && ov[1] < b->subject_len && found_anew(sc, ov[1], ov[1] + 1))
			atomic_fetch_add(&sc->tally[det], 1);
		return 0;
	}
	size_t gs = ov[2 * d->group], ge = ov[2 * d->group + 1];
	if (gs == PCRE2_UNSET || ge == PCRE2_UNSET)
		return 0;
	/* A group captured in a lookbehind may lie before the block; values
	 * of earlier blocks are theirs to mark. */
	if (gs < b->from) {
		gs = b->from;
		while (gs < ge && redact_is_continuation(b->subject[gs]))
			gs++;
	}
	int err = 0;
	if (gs < ge && record_yields(p, sc, b, gs, &err))
		return 0;
	if (err < 0)
		return err;
	if (gs < ge && (!d->validate || d->validate(b->subject + gs, ge - gs)) &&
	    weak_context_ok(sc, b, gs, ge) &&
	    (p->format != REDACT_FORMAT_CODE ||
	     redact_code_span_ok(b->subject, b->subject_len, gs, ge))) {
		if (sc->views && as_written(sc, gs, ge, &lo, &hi))
			redact_apply_action(p, det, sc->base->subject, lo, hi, sc->base_marks,
			                    sc->base_over);
		else
			redact_apply_action(p, det, b->subject, gs, ge, marks, over);
		if (sc->tally && found_anew(sc, gs, ge))
			atomic_fetch_add(&sc->tally[det], 1);
	}
	return 0;
}

/* The pattern detector det runs (the field detector's comes from the
 * profile's field list); at_end: the one for the end of the input. */
static const pcre2_code *detector_code(const redact_profile *p, size_t det, bool at_end,
                                       bool *jit)
{
	const struct redact_detector *d = &p->catalog->det[det];
	if (at_end && d->end_code) {
		*jit = d->end_jit;
		return d->end_code;
	}
	*jit = d->field ? redact_profile_fields(p)->jit : d->jit;
	return d->field ? redact_profile_fields(p)->code : d->code;
}

/* One search of code in b's subject from pos, no match starting after
 * last (the match context's offset limit). Returns pcre2's result, with
 * two corrections:
 * - pcre2's JIT (10.42) does not hold to the offset limit after a
 *   (*SKIP): a match (or partial match) it reports past last is none of
 *   this window's;
 * - a partial match the JIT reports is checked again by the interpreter,
 *   which holds to the limit, so that a partial match beyond the window
 *   never fails a read or masks another block's bytes. */
static int search(const pcre2_code *code, bool jit, struct redact_scratch *sc,
                  const struct redact_block *b, size_t pos, size_t last, uint32_t options)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	/* The JIT's fast path skips checks that hold here: the subject is
	 * given with its length, and invalid UTF-8 is dealt with by
	 * MATCH_INVALID_UTF. */
	int rc = jit ? pcre2_jit_match(code, b->subject, b->subject_len, pos, options, sc->md,
	                               sc->mctx)
	             : pcre2_match(code, b->subject, b->subject_len, pos, options, sc->md, sc->mctx);
	/* (The JIT also reports an empty partial match at the very end of a
	 * subject for a pattern with a lookbehind: past the window, so none.) */
	if ((rc >= 0 || rc == PCRE2_ERROR_PARTIAL) && ov[0] > last)
		return PCRE2_ERROR_NOMATCH;
	if (rc == PCRE2_ERROR_PARTIAL && jit) {
		rc = pcre2_match(code, b->subject, b->subject_len, pos, options | PCRE2_NO_JIT, sc->md,
		                 sc->mctx);
		if ((rc >= 0 || rc == PCRE2_ERROR_PARTIAL) && ov[0] > last)
			return PCRE2_ERROR_NOMATCH;
	}
	return rc;
}

/* Tries every start position in [pos, last] (last < b->to), each match
 * recorded. Returns 0 or -EIO/-ENOMEM. */
static int scan_window(size_t det, const redact_profile *p, struct redact_scratch *sc,
                       const struct redact_block *b, size_t pos, size_t last, uint8_t *marks,
                       uint8_t *over)
{
	bool jit;
	const pcre2_code *code = detector_code(p, det, false, &jit);
	/* Where the subject was cut short of the file's end, a match that
	 * runs into the cut could have gone on: ask pcre2 to say so. */
	uint32_t options = b->cut ? PCRE2_PARTIAL_HARD : 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	pcre2_set_offset_limit(sc->mctx, last);
	/* A character starts a match, never a byte inside one. */
	while (pos < b->subject_len && redact_is_continuation(b->subject[pos]))
		pos++;
	while (pos <= last) {
		int rc = search(code, jit, sc, b, pos, last, options);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc == PCRE2_ERROR_PARTIAL)
			/* A value that starts in this block and is longer than the
			 * reach cannot be masked whole: fail closed. */
			return -EIO;
		if (rc < 0)
			return rc == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EIO;
		rc = record_match(det, p, sc, b, ov, marks, over);
		if (rc < 0)
			return rc;
		pos = next_char(b->subject, b->subject_len, ov[0]);
	}
	return 0;
}

/* ---- The end of the input ------------------------------------------- */
/* How far before the input's end an unfinished value can start: a
 * built-in value is at most a few hundred bytes long (an e-mail address
 * 318), a custom one shorter than the reach (a longer one fails a read at
 * a cut). Trying only there keeps small files cheap. */
#define UNFINISHED_BUILTIN_REACH 1024u

/* Whether a complete value of detector det starts at q (pcre2's soft
 * partial matching takes a complete match over a partial one): its group
 * is set and passes the detector's validator. The match stays in the
 * ovector. */
static bool complete_value_at(const redact_profile *p, size_t det, struct redact_scratch *sc,
                              const struct redact_block *b, const pcre2_code *code, size_t q)
{
	const struct redact_detector *d = &p->catalog->det[det];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	int rc = pcre2_match(code, b->subject, b->subject_len, q,
	                     PCRE2_PARTIAL_SOFT | PCRE2_ANCHORED | PCRE2_NO_JIT, sc->md, sc->mctx);
	if (rc < 0)
		return false;
	size_t gs = ov[2 * d->group], ge = ov[2 * d->group + 1];
	return gs != PCRE2_UNSET && ge != PCRE2_UNSET && gs < ge &&
	       (!d->validate || d->validate(b->subject + gs, ge - gs));
}

/* Where b's subject ends the input (the file as it is now: a log being
 * written, a file cut short), a value may stand there unfinished: "tel
 * 138123", "mail alice.zhang@exam". Whatever detector det could still
 * complete from a start in the block, pcre2's partial match at the
 * subject's end says, is masked from its start to the end, as if it were
 * complete (only bytes no detector marked: a complete value keeps its own
 * action). The prefilter's windows say nothing of values still to come,
 * so every start position of the block is tried. Returns 0 or -errno. */
static int mask_unfinished(size_t det, const redact_profile *p, struct redact_scratch *sc,
                           const struct redact_block *b, uint8_t *marks)
{
	if (b->from >= b->to)
		return 0;
	bool jit;
	const pcre2_code *code = detector_code(p, det, true, &jit);
	/* Hard: a match that more bytes could change is unfinished too (a
	 * 14-digit run is a card number that fails its check, or the start
	 * of one that passes). */
	const uint32_t partial = PCRE2_PARTIAL_HARD;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	size_t last = b->to - 1, pos = b->from;
	size_t reach = p->catalog->det[det].builtin ? UNFINISHED_BUILTIN_REACH : REDACT_REACH;
	if (b->subject_len > reach && pos < b->subject_len - reach)
		pos = b->subject_len - reach;
	pcre2_set_offset_limit(sc->mctx, last);
	while (pos < b->subject_len && redact_is_continuation(b->subject[pos]))
		pos++;
	while (pos <= last) {
		int rc = search(code, jit, sc, b, pos, last, partial);
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
		if (rc >= 0) { /* complete: the scan recorded it */
			pos = next_char(b->subject, b->subject_len, ov[0]);
			continue;
		}
		if (rc != PCRE2_ERROR_PARTIAL)
			return rc == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EIO;
		/* ov[0] may lie before the start, at characters a lookbehind
		 * looked at (a cue such as "Tel: "): the start is the first
		 * position from there at which the pattern, anchored, still
		 * matches partially. A later one would lie inside its span. */
		size_t q = ov[0] > pos ? ov[0] : pos;
		while (q <= last) {
			rc = pcre2_match(code, b->subject, b->subject_len, q,
			                 partial | PCRE2_ANCHORED | PCRE2_NO_JIT, sc->md,
			                 sc->mctx);
			if (rc == PCRE2_ERROR_PARTIAL)
				break;
			if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
				return rc == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EIO;
			q = next_char(b->subject, b->subject_len, q);
		}
		if (q > last)
			return 0;
		/* A start whose fixed part already fails the detector's check
		 * ("Page 3" is no street, whatever line follows) is none: the
		 * next start is tried. */
		const struct redact_detector *d = &p->catalog->det[det];
		if (d->validate_unfinished &&
		    !d->validate_unfinished(b->subject + q, b->subject_len - q)) {
			pos = next_char(b->subject, b->subject_len, q);
			continue;
		}
		/* A complete, valid value may start there (an e-mail address
		 * whose domain could grow, a date after its cue): the scan
		 * marked it with its action, and only what follows it may be
		 * the unfinished rest of a longer one ("Wang F" of "Wang
		 * Fang"). Anything else (a number too short, or failing its
		 * check digit for now) is unfinished from its start. */
		size_t from = q;
		if (complete_value_at(p, det, sc, b, code, q))
			from = ov[1];
		for (size_t i = from; i < b->subject_len; i++)
			if (!marks[i])
				marks[i] = REDACT_MARK_MASK;
		return 0;
	}
	return 0;
}

#define WINDOW_GAP 16u
/* More than one anchor per DENSE_ANCHORS bytes: windows DENSE_GAP apart
 * become one. */
#define DENSE_ANCHORS 256u
#define DENSE_GAP 512u

static bool prefix_at(const struct redact_detector *d, const uint8_t *s, size_t len, size_t pos)
{
	if (!d->prefix_caseless)
		return pos + d->prefix_len <= len && memcmp(s + pos, d->prefix, d->prefix_len) == 0;
	/* Case-blind, where ſ and the Kelvin sign are s and k. */
	size_t q = pos;
	for (size_t i = 0; i < d->prefix_len; i++) {
		uint8_t c = (uint8_t)d->prefix[i], lower = c | 0x20;
		bool letter = lower >= 'a' && lower <= 'z';
		if (q >= len)
			return false;
		if (letter && (s[q] | 0x20) == lower) {
			q++;
		} else if (lower == 's' && q + 1 < len && s[q] == 0xC5 && s[q + 1] == 0xBF) {
			q += 2;
		} else if (lower == 'k' && q + 2 < len && s[q] == 0xE2 && s[q + 1] == 0x84 &&
		           s[q + 2] == 0xAA) {
			q += 3;
		} else if (!letter && s[q] == c) {
			q++;
		} else {
			return false;
		}
	}
	return true;
}

/* A custom detector whose matches all start with known bytes: pcre2 runs
 * only where they are. (A candidate too close to a cut subject's end for
 * its prefix cannot start a value of this block: the cut lies
 * REDACT_REACH past the block.) */
static int scan_prefixed(size_t det, const redact_profile *p, struct redact_scratch *sc,
                         const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	const struct redact_detector *d = &p->catalog->det[det];
	const struct redact_prescan *ps = &sc->prescan;
	if (!d->prefix_caseless) {
		/* Exact bytes: memmem finds them faster than any class. */
		const uint8_t *s = b->subject;
		size_t pos = b->from;
		while (pos < b->to) {
			const uint8_t *q = memmem(s + pos, b->subject_len - pos, d->prefix, d->prefix_len);
			if (!q || (size_t)(q - s) >= b->to)
				break;
			pos = (size_t)(q - s);
			int rc = scan_window(det, p, sc, b, pos, pos, marks, over);
			if (rc < 0)
				return rc;
			pos++;
		}
		return 0;
	}
	if (!(ps->present >> d->anchor[0].cls & 1))
		return 0;
	const uint64_t *row = ps->bits + (size_t)d->anchor[0].cls * ps->words;
	for (size_t w = b->from / 64; w * 64 < b->to; w++)
		for (uint64_t v = row[w]; v; v &= v - 1) {
			size_t pos = w * 64 + (size_t)__builtin_ctzll(v);
			if (pos < b->from || pos >= b->to ||
			    !prefix_at(d, b->subject, b->subject_len, pos))
				continue;
			int rc = scan_window(det, p, sc, b, pos, pos, marks, over);
			if (rc < 0)
				return rc;
		}
	return 0;
}

/* A detector with one anchor: its windows, [p - hi, p - lo] for each
 * anchor character p in order, merged as they come. */
static int scan_one_anchor(size_t det, const redact_profile *p, struct redact_scratch *sc,
                           const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	const struct redact_anchor *an = &p->catalog->det[det].anchor[0];
	const struct redact_prescan *ps = &sc->prescan;
	if (!(ps->present >> an->cls & 1) || b->from >= b->to)
		return 0;
	const uint64_t *row = ps->bits + (size_t)an->cls * ps->words;
	/* anchors at [from + lo, to - 1 + hi] give starts in [from, to) */
	long first = (long)b->from + an->lo, last = (long)b->to - 1 + an->hi;
	if (first < 0)
		first = 0;
	if (last >= (long)ps->len)
		last = (long)ps->len - 1;
	size_t cur_a = 0, cur_b = 0; /* the window being gathered: [cur_a, cur_b] */
	bool open = false;
	/* Where a custom pattern's anchors are dense (an upper-case letter for
	 * one that starts with [A-Z]), one search over them all costs less
	 * than a call for each: pcre2 skips to its first characters quickly.
	 * (Built-ins' anchors are chosen to be rare; where they are not, as
	 * numbers in a log, pcre2 tries every digit: windows are better.) */
	size_t gap = !p->catalog->det[det].builtin && ps->count[an->cls] * DENSE_ANCHORS > ps->len
	                     ? DENSE_GAP
	                     : WINDOW_GAP;
	/* The anchors of one 64-bit word of the row are taken together: one
	 * window from its first anchor's to its last one's (a window covering
	 * more than the anchors' own is never wrong, only longer). */
	for (size_t w = (size_t)first / 64; first <= last && w <= (size_t)last / 64; w++) {
		uint64_t v = row[w];
		if ((long)(w * 64) < first)
			v &= ~UINT64_C(0) << (first - (long)(w * 64));
		if ((long)(w * 64 + 63) > last)
			v &= ~UINT64_C(0) >> (63 - (last - (long)(w * 64)));
		if (!v)
			continue;
		long at0 = (long)(w * 64) + __builtin_ctzll(v);
		long at1 = (long)(w * 64) + 63 - __builtin_clzll(v);
		long wa = at0 - an->hi, wb = at1 - an->lo;
		size_t a = wa < (long)b->from ? b->from : (size_t)wa;
		size_t z = wb >= (long)b->to ? b->to - 1 : (size_t)wb;
		if (open && a <= cur_b + 1 + gap) {
			if (z > cur_b)
				cur_b = z;
			continue;
		}
		if (open) {
			int rc = scan_window(det, p, sc, b, cur_a, cur_b, marks, over);
			if (rc < 0)
				return rc;
		}
		cur_a = a, cur_b = z, open = true;
	}
	return open ? scan_window(det, p, sc, b, cur_a, cur_b, marks, over) : 0;
}

static int scan_detector(size_t det, const redact_profile *p, struct redact_scratch *sc,
                         const struct redact_block *b, bool prescanned, uint8_t *marks,
                         uint8_t *over)
{
	const struct redact_detector *d = &p->catalog->det[det];
	if (prescanned && d->prefix_len && (!d->prefix_caseless || d->anchor[0].cls))
		return scan_prefixed(det, p, sc, b, marks, over);
	if (!prescanned || !d->anchor[0].cls)
		return b->from < b->to ? scan_window(det, p, sc, b, b->from, b->to - 1, marks, over)
		                       : 0;
	if (!d->field && !d->anchor[1].cls)
		return scan_one_anchor(det, p, sc, b, marks, over);
	bool any;
	if (d->field) {
		/* Where a key can start before a separator (when a name ends
		 * in a digit, every separator counts, a clock's too). */
		const redact_fields *f = redact_profile_fields(p);
		any = redact_prescan_field_windows(&sc->prescan, f,
		                                   f->digit_end ? RC_FIELDSEP : RC_KEYSEP,
		                                   d->anchor[1].cls, b->subject, b->from, b->to);
	} else {
		any = redact_prescan_windows(&sc->prescan, d->anchor);
	}
	if (!any)
		return 0;
	size_t pos = redact_prescan_next(&sc->prescan, b->from, b->to, true);
	while (pos < b->to) {
		size_t end = redact_prescan_next(&sc->prescan, pos, b->to, false);
		/* Windows close together are searched as one: pcre2 skips a
		 * short gap faster than a call costs. */
		for (;;) {
			size_t next = redact_prescan_next(&sc->prescan, end, b->to, true);
			if (next >= b->to || next - end > WINDOW_GAP)
				break;
			end = redact_prescan_next(&sc->prescan, next, b->to, false);
		}
		int rc = scan_window(det, p, sc, b, pos, end - 1, marks, over);
		if (rc < 0)
			return rc;
		pos = redact_prescan_next(&sc->prescan, end, b->to, true);
	}
	return 0;
}

/* Scans text b with every enabled detector; at_end: also what is
 * unfinished where b's subject ends the input. */
static int scan_utf8(const redact_profile *p, struct redact_scratch *sc,
                     const struct redact_block *b, bool at_end, uint8_t *marks, uint8_t *over)
{
	const redact_catalog *cat = p->catalog;
	bool prescanned = !p->full_scan && b->subject_len < UINT32_MAX;
	if (prescanned) {
		int rc = redact_prescan_run(&sc->prescan, &cat->prefilter, b->subject, b->subject_len);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < cat->count; i++) {
		if (!redact_profile_enabled(p, i))
			continue;
		int rc = scan_detector(i, p, sc, b, prescanned, marks, over);
		if (rc < 0)
			return rc;
	}
	/* After every complete value is marked: what is unfinished at the
	 * input's end. (Not for the field detector: its pattern ends where a
	 * value begins, so what it leaves unfinished is a key, and the value
	 * of a key that is there fieldmark.c masks to the end.) */
	for (size_t i = 0; i < cat->count && at_end && !b->cut; i++) {
		if (!redact_profile_enabled(p, i) || cat->det[i].field)
			continue;
		int rc = mask_unfinished(i, p, sc, b, marks);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- Readings: the views of a subject the detectors read ----------------
 *
 * A subject is read as its bytes and through chains of views (view.c), each
 * view made from the one below: the file's encoding decoded (UTF-16/32,
 * legacy), escapes decoded and invisible characters left out, full-width
 * forms folded. A view adds to what the bytes give, never takes from it:
 * decoding "%13812345678" eats two digits of the phone, so a subject with
 * escapes is read both without and with them decoded; a GB18030 or Big5
 * block that starts in a run of double-byte characters is read on both
 * possible character boundaries. The marks of every reading are united. */

/* Builds the chain of one reading into chain (0 to 3 views); unescape:
 * escapes decoded; align: where legacy characters begin (-1: the likelier
 * reading). Returns how many views, or -errno. */
static int build_reading(struct redact_scratch *sc, const struct redact_block *b, bool unescape,
                         int align, struct redact_decoded **chain)
{
	int k = 0, rc;
	const uint8_t *text = b->subject;
	size_t len = b->subject_len;
	if (b->enc != REDACT_ENC_UTF8) {
		/* only block 0's subject starts at the file's start */
		rc = redact_decode(&sc->dec, b->enc, text, len, b->from == 0, align);
		if (rc < 0)
			return rc;
		chain[k++] = &sc->dec;
		text = sc->dec.text, len = sc->dec.len;
	}
	if (unescape) {
		if ((rc = redact_unescape(&sc->unesc, text, len)) < 0)
			return rc;
		chain[k++] = &sc->unesc;
		text = sc->unesc.text, len = sc->unesc.len;
	}
	if (redact_has_fullwidth(text, len)) {
		if ((rc = redact_fold_fullwidth(&sc->fold, text, len)) < 0)
			return rc;
		chain[k++] = &sc->fold;
	}
	return k;
}

static int vmarks_ready(struct redact_scratch *sc, size_t n)
{
	if (n > sc->vmarks_cap) {
		uint8_t *grown = realloc(sc->vmarks, n);
		if (!grown)
			return -ENOMEM;
		sc->vmarks = grown;
		sc->vmarks_cap = n;
	}
	memset(sc->vmarks, 0, n);
	return 0;
}

/* Takes the marks of chain[0..k) (chain[0] made from s[0..n)) down into
 * sc->vmarks, added to what earlier readings marked there. */
static int mark_down(struct redact_scratch *sc, struct redact_decoded *const *chain, int k,
                     const uint8_t *s, size_t n)
{
	if (!sc->vmarked) { /* the block's first view: no marks below yet */
		if (vmarks_ready(sc, n) < 0)
			return -ENOMEM;
		sc->vmarked = true;
	}
	for (int i = k - 1; i >= 0; i--)
		redact_decoded_mark_back(chain[i], i > 0 ? chain[i - 1]->text : s,
		                         i > 0 ? chain[i - 1]->len : n,
		                         i > 0 ? chain[i - 1]->marks : sc->vmarks);
	return 0;
}

int redact_view_mark_subject(struct redact_scratch *sc, struct redact_decoded *const *chain,
                             int k, enum redact_encoding enc, const uint8_t *s, size_t n,
                             uint8_t *marks, uint8_t *over)
{
	sc->vmarked = false;
	if (mark_down(sc, chain, k, s, n) < 0)
		return -ENOMEM;
	redact_view_render(enc, s, n, sc->vmarks, marks, over);
	return 0;
}

/* Scans one reading of b (its views built); first: no reading before it
 * (every value it finds is counted). Its marks go into sc->vmarks. */
static int scan_reading(const redact_profile *p, struct redact_scratch *sc,
                        const struct redact_block *b, bool unescape, int align, bool first,
                        uint8_t *marks, uint8_t *over)
{
	struct redact_decoded *chain[3];
	int k = build_reading(sc, b, unescape, align, chain);
	if (k < 0)
		return k;
	if (k == 0) /* the bytes themselves: UTF-8 without escapes or folds */
		return scan_utf8(p, sc, b, true, marks, over);
	struct redact_decoded *top = chain[k - 1];
	size_t from = b->from, to = b->to;
	for (int i = 0; i < k; i++) {
		from = redact_decoded_pos(chain[i], from);
		to = redact_decoded_pos(chain[i], to);
	}
	struct redact_block vb = {
		.subject = top->text,
		.subject_len = top->len,
		.from = from,
		.to = to,
		.cut = b->cut,
		.enc = REDACT_ENC_UTF8,
	};
	/* A value that is there as written gets its action on the subject
	 * (UTF-8 files); anything else found in a view is masked: its output
	 * would have to be written back in the file's own form. */
	sc->views = chain;
	sc->nviews = k;
	sc->base = b;
	sc->base_marks = marks;
	sc->base_over = over;
	sc->count_all = first;
	int rc = scan_utf8(p, sc, &vb, true, top->marks, NULL);
	sc->views = NULL;
	sc->nviews = 0;
	sc->base = NULL;
	if (rc == 0)
		rc = mark_down(sc, chain, k, b->subject, b->subject_len);
	return rc;
}

int redact_scan_block(const redact_profile *p, struct redact_scratch *sc,
                      const struct redact_block *b, uint8_t *marks, uint8_t *over)
{
	int rc = 0;
	bool first = true;
	sc->vmarked = false;
	sc->governed_state = 0;
	if (b->enc != REDACT_ENC_UTF8) {
		/* A UTF-16/32 or legacy file's own bytes are scanned too, as
		 * UTF-8 with every action: a claim of encoding may add to what
		 * is found, never take from it (UTF-8 lines appended to UTF-16
		 * text). UTF-8 full-width forms there are not anchors of the
		 * prefilter: then every position is tried. */
		redact_profile raw = *p;
		raw.full_scan = p->full_scan || redact_has_fullwidth(b->subject, b->subject_len);
		rc = scan_utf8(&raw, sc, b, true, marks, over);
		first = false;
		/* the decoded text, to know its escapes */
		if (rc == 0)
			rc = redact_decode(&sc->dec, b->enc, b->subject, b->subject_len, b->from == 0, -1);
	}
	const uint8_t *text = b->enc == REDACT_ENC_UTF8 ? b->subject : sc->dec.text;
	size_t len = b->enc == REDACT_ENC_UTF8 ? b->subject_len : sc->dec.len;
	unsigned escapes = rc == 0 ? redact_escapes_in(text, len) : 0;
	/* Without escapes decoded (unless there are none that could eat a
	 * value's characters: then the decoded reading holds all of it);
	 * then, where there are any, with them. */
	bool plain = !(escapes & REDACT_ESC_SOME) || (escapes & REDACT_ESC_MAY_EAT);
	if (rc == 0 && plain)
		rc = scan_reading(p, sc, b, false, -1, first, marks, over);
	if (rc == 0 && (escapes & REDACT_ESC_SOME))
		rc = scan_reading(p, sc, b, true, -1, first && !plain, marks, over);
	/* A legacy block that starts inside a run of double-byte characters:
	 * the other reading of its first characters too. */
	int other = redact_legacy_other_reading(b->enc, b->subject, b->subject_len, b->from);
	if (rc == 0 && other >= 0 && plain)
		rc = scan_reading(p, sc, b, false, other, false, marks, over);
	if (rc == 0 && other >= 0 && (escapes & REDACT_ESC_SOME))
		rc = scan_reading(p, sc, b, true, other, false, marks, over);
	if (rc == 0 && sc->vmarked)
		redact_view_render(b->enc, b->subject, b->subject_len, sc->vmarks, marks, over);
	return rc;
}

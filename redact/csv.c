/*
 * csv.c — CSV and TSV columns redacted by header, and the checkpoints that
 * let a read deep in such a file start without parsing all of it.
 *
 * The parser is a byte-at-a-time state machine (RFC 4180 quoting for CSV:
 * quoted fields may hold delimiters, "" and line breaks; TSV has no
 * quoting). The first record is the header: a column whose header cell is
 * a field name (fields.c) is sensitive, and in every later record the
 * content bytes of a sensitive column are marked — never its delimiters,
 * its enclosing quotes or line breaks, so the masked file parses the same.
 *
 * Invariant: the marks of a block depend only on the parser state at the
 * block's first byte and the block's bytes, and the state after a block
 * depends only on the state before it and its bytes. Stream and range
 * therefore agree as long as they start a block from the same state: the
 * stream carries it along, range takes it from a checkpoint (state every
 * REDACT_CHECKPOINT_BLOCKS blocks, recorded once the header is complete)
 * and parses forward to its window.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

#define CSV_MAX_COLUMNS 65536u

void redact_csv_init(struct redact_csv *st, struct redact_csv_header *h)
{
	memset(st, 0, sizeof *st);
	st->at_field_start = 1;
	st->in_header = 1;
	memset(h, 0, sizeof *h);
}

void redact_csv_header_fini(struct redact_csv_header *h)
{
	free(h->sensitive);
	h->sensitive = NULL;
}

int redact_csv_header_copy(struct redact_csv_header *dst, const struct redact_csv_header *src)
{
	*dst = *src;
	dst->sensitive = NULL;
	if (src->columns) {
		dst->sensitive = malloc((src->columns + 7) / 8);
		if (!dst->sensitive)
			return -ENOMEM;
		memcpy(dst->sensitive, src->sensitive, (src->columns + 7) / 8);
	}
	return 0;
}

static bool sensitive(const struct redact_csv_header *h, uint32_t col)
{
	return col < h->columns && (h->sensitive[col / 8] >> (col % 8)) & 1u;
}

/* Ends a header cell: records whether its column is sensitive. */
static int header_cell_done(const redact_profile *p, struct redact_csv_header *h, uint32_t col)
{
	if (col >= CSV_MAX_COLUMNS)
		return 0;
	if (col >= h->columns) {
		uint32_t columns = col + 1;
		uint8_t *grown = realloc(h->sensitive, (columns + 7) / 8);
		if (!grown)
			return -ENOMEM;
		memset(grown + (h->columns + 7) / 8, 0, (columns + 7) / 8 - (h->columns + 7) / 8);
		h->sensitive = grown;
		h->columns = columns;
	}
	const char *cell = h->cell;
	size_t len = h->cell_len;
	if (col == 0 && len >= 3 && memcmp(cell, "\xef\xbb\xbf", 3) == 0)
		cell += 3, len -= 3; /* a UTF-8 byte-order mark is not part of the name */
	if (redact_fields_match_header(redact_profile_fields(p), cell, len))
		h->sensitive[col / 8] |= (uint8_t)(1u << (col % 8));
	h->cell_len = 0;
	return 0;
}

/* The end of the cell whose content starts at s[i], looking no further
 * than avail: a closing quote (quoted cells, "" skipped) or a delimiter or
 * line break; SIZE_MAX when it does not end within avail (cut: the bytes go
 * on past avail) or within FIELD_CELL_MAX. */
#define FIELD_CELL_MAX 1536u
static size_t cell_end(const uint8_t *s, size_t i, size_t avail, bool cut, bool quoted,
                       uint8_t delim)
{
	size_t lim = i + FIELD_CELL_MAX < avail ? i + FIELD_CELL_MAX : avail;
	bool capped = lim < avail;
	for (size_t j = i; j < lim; j++) {
		if (quoted && s[j] == '"') {
			if (j + 1 < avail && s[j + 1] == '"') {
				j++;
				continue;
			}
			if (j + 1 < avail || !cut)
				return j;
			return SIZE_MAX;
		}
		if (!quoted && (s[j] == delim || s[j] == '\n' || s[j] == '\r'))
			return j;
	}
	return !capped && !cut ? lim : SIZE_MAX;
}

int redact_csv_run(const redact_profile *p, struct redact_csv *st, struct redact_csv_header *h,
                   const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *marks,
                   uint8_t *over, _Atomic uint64_t *tally)
{
	const bool quoting = p->format == REDACT_FORMAT_CSV;
	const uint8_t delim = p->format == REDACT_FORMAT_TSV ? '\t' : ',';
	const size_t field = p->catalog->field_index;
	const bool whole_cells = redact_profile_action(p, field) != REDACT_ACTION_MASK;
	for (size_t i = 0; i < n; i++) {
		/* Inside a cell, past its first byte and not given a whole-cell
		 * action: nothing changes until the next delimiter or line
		 * break, or in a quoted cell the next quote; the bytes between
		 * are content (masked in a sensitive column) but for line
		 * breaks in quotes and '\r'. */
		if (!st->at_field_start && st->cell_seen && !st->overlaid && !st->in_header &&
		    !st->quote_pending) {
			size_t j = i;
			if (!st->in_quotes) {
				while (j < n && s[j] != delim && s[j] != '\n')
					j++;
			} else {
				const uint8_t *q = memchr(s + i, '"', n - i);
				j = q ? (size_t)(q - s) : n;
			}
			if (marks && j > i && sensitive(h, st->field))
				for (size_t k = i; k < j; k++)
					if (s[k] != '\r' && s[k] != '\n' && marks[k] < REDACT_MARK_LABEL)
						marks[k] = REDACT_MARK_MASK;
			if (j == n)
				break;
			i = j;
		}
		uint8_t c = s[i];
		bool content = false;
		/* Bytes of a cell already given its action as a whole. */
		bool covered = st->overlaid > 0;
		if (covered)
			st->overlaid--;
		if (st->in_quotes) {
			if (st->quote_pending) {
				st->quote_pending = 0;
				if (c == '"')
					continue; /* "" stands for one quote: leave both */
				st->in_quotes = 0; /* that quote closed the field */
			} else if (c == '"') {
				st->quote_pending = 1;
				continue;
			} else {
				/* Line breaks inside a quoted cell stay, so the
				 * file keeps its lines. */
				content = c != '\n' && c != '\r';
				if (!content) {
					st->at_field_start = 0;
					continue;
				}
			}
		}
		if (!st->in_quotes && !content) {
			if (c == delim || c == '\n') {
				if (st->in_header) {
					int rc = header_cell_done(p, h, st->field);
					if (rc < 0)
						return rc;
				}
				if (c == '\n') {
					st->field = 0;
					if (st->in_header) {
						st->in_header = 0;
						h->done = true;
					}
				} else if (st->field < UINT32_MAX) {
					st->field++;
				}
				st->at_field_start = 1;
				st->cell_seen = 0;
				continue;
			}
			if (c == '\r')
				continue;
			if (c == '"' && quoting && st->at_field_start) {
				st->in_quotes = 1;
				st->at_field_start = 0;
				continue;
			}
			content = true;
		}
		st->at_field_start = 0;
		if (st->in_header) {
			if (h->cell_len < sizeof h->cell)
				h->cell[h->cell_len++] = (char)c;
		} else if (sensitive(h, st->field) && !covered) {
			if (tally && !st->cell_seen)
				atomic_fetch_add(&tally[field], 1);
			/* A cell whose action is not mask gets it as a whole, when
			 * its end is in sight; else (and for mask) byte by byte. */
			size_t e = whole_cells && !st->cell_seen
			                   ? cell_end(s, i, avail, cut, st->in_quotes, delim)
			                   : SIZE_MAX;
			if (e != SIZE_MAX) {
				if (marks)
					redact_apply_action(p, field, s, i, e, marks, over);
				st->overlaid = (uint32_t)(e - i - 1);
			} else if (marks && marks[i] < REDACT_MARK_LABEL) {
				marks[i] = REDACT_MARK_MASK;
			}
		}
		st->cell_seen = 1;
	}
	return 0;
}

bool redact_profile_has_columns(const redact_profile *p)
{
	return p->format != REDACT_FORMAT_TEXT && redact_profile_field_enabled(p);
}

int redact_csv_run_block(const redact_profile *p, struct redact_csv *st,
                         struct redact_csv_header *h, enum redact_encoding enc,
                         struct redact_scratch *sc, const uint8_t *raw, size_t n, size_t avail,
                         bool cut, uint8_t *marks, uint8_t *over)
{
	if (enc == REDACT_ENC_UTF8)
		return redact_csv_run(p, st, h, raw, n, avail, cut, marks, over, sc->tally);
	/* UTF-16/32: each block is decoded alone (its bounds fall between
	 * code units), so no cell is seen past it; whatever the action, the
	 * cells are masked, in the file's encoding (view.c). */
	struct redact_decoded *d = &sc->dec;
	int rc = redact_decode(d, enc, raw, n);
	if (rc == 0)
		rc = redact_csv_run(p, st, h, d->text, d->len, d->len, true,
		                    marks ? d->marks : NULL, NULL, sc->tally);
	if (rc == 0 && marks)
		rc = redact_view_mark_subject(sc, &d, 1, enc, raw, n, marks, over);
	return rc;
}

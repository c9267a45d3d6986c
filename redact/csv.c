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
	st->lines.at_field_start = 1;
	st->lines.in_header = 1;
	st->lines.rfc_at_field_start = 1;
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
	char utf8[sizeof h->cell * 3 + 1];
	if (redact_encoding_is_legacy(h->enc)) {
		int n = redact_legacy_to_utf8(h->enc, (const uint8_t *)cell, len, utf8, sizeof utf8);
		if (n >= 0)
			cell = utf8, len = (size_t)n;
	}
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

static int run_records(const redact_profile *p, struct redact_csv *st, struct redact_csv_header *h,
                       const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *marks,
                       uint8_t *over, _Atomic uint64_t *tally);
static void read_lines(const redact_profile *p, struct redact_csv_lines *l,
                       const struct redact_csv_header *h, const uint8_t *s, size_t n,
                       size_t avail, bool cut, uint8_t *marks);

int redact_csv_run(const redact_profile *p, struct redact_csv *st, struct redact_csv_header *h,
                   const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *marks,
                   uint8_t *over, _Atomic uint64_t *tally)
{
	if (p->format == REDACT_FORMAT_SQL) {
		h->done = true; /* no header: each statement names its columns */
		return redact_sql_run(p, &st->sql, s, n, avail, cut, marks, over, tally);
	}
	int rc = run_records(p, st, h, s, n, avail, cut, marks, over, tally);
	if (rc == 0)
		read_lines(p, &st->lines, h, s, n, avail, cut, marks);
	return rc;
}

/* The RFC 4180 parse (TSV: no quoting) of s[0..n). */
static int run_records(const redact_profile *p, struct redact_csv *st, struct redact_csv_header *h,
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

/* ---- The line-by-line reading ------------------------------------------
 *
 * One unclosed quote makes the RFC 4180 parse read the rest of the file as
 * one cell; one unquoted delimiter in a cell shifts every later cell of
 * its row. Whoever can type into a free-text field could so switch off
 * masking by column for every later row. So each line whose parse is in
 * doubt is also read as a record of its own, in which a quote counts only
 * when it closes on the same line, and its cells are masked by every
 * column they could be:
 *  - a line inside a quoted cell of the RFC parse (a cell that runs over
 *    lines: the quote may be stray), or one with a quote that does not
 *    close on it, is in doubt;
 *  - so is a line with more or fewer cells than the header: with d cells
 *    too many, cell i may be any column in [i - d, i]; with d too few, any
 *    in [i, i + d].
 * A line is looked at from its start, at most LINE_LOOKAHEAD bytes ahead
 * (a block's subject reaches that far past any byte of the block, so the
 * stream and the checkpoints decide alike); a longer line's cells cannot
 * be counted in time, so it is in doubt and each of its cells may be any
 * column. Well-formed lines are left to the RFC parse (and their cells to
 * their field's action); this reading masks, never a quote, a delimiter
 * (the RFC parse's delimiters stay so) or a line break. */
#define LINE_LOOKAHEAD REDACT_REACH

/* Where the quote at s[q] (opening a cell) closes on its line: the index
 * of the closing quote, or SIZE_MAX when the line ends (or lim comes)
 * first. */
static size_t closing_quote(const uint8_t *s, size_t q, size_t lim)
{
	for (size_t j = q + 1; j < lim; j++) {
		if (s[j] == '\n')
			return SIZE_MAX;
		if (s[j] == '"') {
			if (j + 1 < lim && s[j + 1] == '"') {
				j++;
				continue;
			}
			return j;
		}
	}
	return SIZE_MAX;
}

/* Reads the line starting at s[x] (up to lim) as the line reading does:
 * its cells, and whether a quote on it does not close on it. Returns
 * false when the line does not end before lim (its cells not counted). */
static bool read_line(const uint8_t *s, size_t x, size_t lim, bool eof_at_lim, bool quoting,
                      uint8_t delim, uint32_t *cells, bool *unclosed)
{
	*cells = 1;
	*unclosed = false;
	bool at_start = true;
	for (size_t j = x; j < lim; j++) {
		uint8_t c = s[j];
		if (c == '\n')
			return true;
		if (c == delim) {
			(*cells)++;
			at_start = true;
			continue;
		}
		if (c == '"' && quoting && at_start) {
			size_t e = closing_quote(s, j, lim);
			if (e != SIZE_MAX) {
				j = e;
				at_start = false;
				continue;
			}
			*unclosed = true;
		}
		if (c != '\r')
			at_start = false;
	}
	return eof_at_lim;
}

/* How many sensitive columns come before each column: before[c] counts
 * those among 0..c-1 (columns + 1 entries). A line in doubt asks for
 * every byte whether a range of columns (up to 2 * 65535 wide) holds a
 * sensitive one; with these counts that is one subtraction instead of a
 * walk over the range. NULL when out of memory (the bits are walked). */
static uint32_t *count_sensitive(const struct redact_csv_header *h)
{
	uint32_t *before = malloc(((size_t)h->columns + 1) * sizeof *before);
	if (!before)
		return NULL;
	before[0] = 0;
	for (uint32_t c = 0; c < h->columns; c++)
		before[c + 1] = before[c] + sensitive(h, c);
	return before;
}

/* Whether a column in [field - up, field + down] is sensitive. */
static bool any_sensitive(const struct redact_csv_header *h, const uint32_t *before,
                          uint32_t field, uint32_t up, uint32_t down)
{
	uint32_t lo = field > up ? field - up : 0;
	uint64_t hi = (uint64_t)field + down;
	if (lo >= h->columns)
		return false;
	if (hi >= h->columns)
		hi = h->columns - 1;
	if (before)
		return before[hi + 1] > before[lo];
	for (uint64_t c = lo; c <= hi; c++)
		if (sensitive(h, (uint32_t)c))
			return true;
	return false;
}

/* Decides at the start of a line (s[x]) whether it is in doubt, and how
 * far its cells may be shifted. */
static void line_starts(struct redact_csv_lines *l, const struct redact_csv_header *h,
                        const uint8_t *s, size_t x, size_t avail, bool cut, bool quoting,
                        uint8_t delim)
{
	l->field = 0;
	l->quoted = l->quote_pending = 0;
	l->at_field_start = 1;
	l->up = l->down = 0;
	size_t lim = avail - x > LINE_LOOKAHEAD ? x + LINE_LOOKAHEAD : avail;
	uint32_t cells;
	bool unclosed;
	bool ended = read_line(s, x, lim, lim == avail && !cut, quoting, delim, &cells, &unclosed);
	l->doubt = l->rfc_in_quotes || unclosed;
	if (!ended && h->columns) {
		/* too long to count its cells in time: any cell may be any
		 * column */
		l->up = l->down = UINT16_MAX;
		l->doubt = 1;
	} else if (h->columns && cells != h->columns) {
		uint32_t d = cells > h->columns ? cells - h->columns : h->columns - cells;
		if (d > UINT16_MAX)
			d = UINT16_MAX;
		if (cells > h->columns)
			l->up = (uint16_t)d;
		else
			l->down = (uint16_t)d;
		l->doubt = 1;
	}
}

/* The line reading over s[0..n) (avail bytes readable from s[0]): marks
 * the content of cells that could be sensitive in lines in doubt. */
static void read_lines(const redact_profile *p, struct redact_csv_lines *l,
                       const struct redact_csv_header *h, const uint8_t *s, size_t n,
                       size_t avail, bool cut, uint8_t *marks)
{
	const bool quoting = p->format == REDACT_FORMAT_CSV;
	const uint8_t delim = p->format == REDACT_FORMAT_TSV ? '\t' : ',';
	uint32_t *before = NULL; /* count_sensitive's, made at the first byte in doubt */
	bool counted = false;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];
		/* The RFC parse's quotes, to know where a line lies in one. */
		if (l->rfc_in_quotes) {
			if (l->rfc_quote_pending) {
				l->rfc_quote_pending = 0;
				if (c != '"')
					l->rfc_in_quotes = 0;
			} else if (c == '"') {
				l->rfc_quote_pending = 1;
			}
		}
		bool rfc_open = l->rfc_in_quotes;
		if (!rfc_open) {
			if (c == '"' && quoting && l->rfc_at_field_start)
				l->rfc_in_quotes = 1;
			if (c != '\r')
				l->rfc_at_field_start = c == delim || c == '\n';
		}
		if (c == '\n') {
			if (l->in_header) {
				if (rfc_open)
					continue; /* a line break inside a header cell */
				l->in_header = 0;
			}
			line_starts(l, h, s, i + 1, avail, cut, quoting, delim);
			continue;
		}
		if (l->in_header)
			continue;
		/* The line's own cells. */
		if (l->quoted) {
			if (l->quote_pending) {
				l->quote_pending = 0;
				if (c == '"')
					continue; /* "" inside */
				l->quoted = 0; /* that quote closed it */
			} else if (c == '"') {
				l->quote_pending = 1;
				continue;
			}
		}
		if (!l->quoted) {
			if (c == delim) {
				if (l->field < UINT32_MAX)
					l->field++;
				l->at_field_start = 1;
				continue;
			}
			if (c == '\r')
				continue;
			if (c == '"' && quoting && l->at_field_start &&
			    closing_quote(s, i, avail - i > LINE_LOOKAHEAD ? i + LINE_LOOKAHEAD : avail) !=
			            SIZE_MAX) {
				l->quoted = 1;
				l->at_field_start = 0;
				continue;
			}
		}
		l->at_field_start = 0;
		/* Quotes stay, whatever this reading makes of them: under the
		 * RFC parse they may enclose cells, and the masked file must
		 * parse as the file does. */
		if (!l->doubt || !marks || c == '"' || c == delim || marks[i] >= REDACT_MARK_LABEL)
			continue;
		if (!counted) {
			before = count_sensitive(h);
			counted = true;
		}
		if (any_sensitive(h, before, l->field, l->up, l->down))
			marks[i] = REDACT_MARK_MASK;
	}
	free(before);
}

bool redact_profile_has_columns(const redact_profile *p)
{
	/* CSV and TSV columns, SQL's INSERT/COPY columns; not text or code */
	return (p->format == REDACT_FORMAT_CSV || p->format == REDACT_FORMAT_TSV ||
	        p->format == REDACT_FORMAT_SQL) &&
	       redact_profile_field_enabled(p);
}

int redact_csv_run_block(const redact_profile *p, struct redact_csv *st,
                         struct redact_csv_header *h, enum redact_encoding enc,
                         struct redact_scratch *sc, const uint8_t *raw, size_t n, size_t avail,
                         bool cut, uint8_t *marks, uint8_t *over)
{
	/* UTF-8 and legacy encodings are parsed as bytes: delimiters, quotes
	 * and line breaks are ASCII and never part of a GB18030 or Big5
	 * character; header names are decoded (header_cell_done). */
	h->enc = enc;
	if (enc == REDACT_ENC_UTF8 || redact_encoding_is_legacy(enc))
		return redact_csv_run(p, st, h, raw, n, avail, cut, marks, over, sc->tally);
	/* UTF-16/32: each block is decoded alone (its bounds fall between
	 * code units), so no cell is seen past it; whatever the action, the
	 * cells are masked, in the file's encoding (view.c). */
	struct redact_decoded *d = &sc->dec;
	int rc = redact_decode(d, enc, raw, n, false, -1);
	if (rc == 0)
		rc = redact_csv_run(p, st, h, d->text, d->len, d->len, true,
		                    marks ? d->marks : NULL, NULL, sc->tally);
	if (rc == 0 && marks)
		rc = redact_view_mark_subject(sc, &d, 1, enc, raw, n, marks, over);
	return rc;
}

/* ---- Where the record rules yield to the header ------------------------
 *
 * The record rules (records_i.h) read a dump row without a header. In a
 * file read as CSV/TSV whose header names a personal field, the header
 * knows better: its row is no record, and a column it names takes the
 * field's action (a pseudonym, say), which a record rule's mask would
 * overrule. A header that names no field (a dump's first row) is a record
 * like the others. */

static bool names_a_field(const struct redact_csv_header *h)
{
	for (uint32_t c = 0; c < h->columns; c++)
		if (sensitive(h, c))
			return true;
	return false;
}

int redact_csv_governed(const redact_profile *p, const struct redact_csv *at,
                        const struct redact_csv_header *header, enum redact_encoding enc,
                        const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *map)
{
	memset(map, 0, avail);
	struct redact_csv st = *at;
	struct redact_csv_header h;
	int rc = redact_csv_header_copy(&h, header);
	if (rc < 0)
		return rc;
	h.enc = enc;
	/* The header row, a byte at a time (it is short, and only block 0
	 * usually holds it): where it ends, and whether it names a field. */
	size_t i = 0;
	while (rc == 0 && i < n && st.in_header) {
		rc = run_records(p, &st, &h, s + i, 1, avail - i, cut, NULL, NULL, NULL);
		i++;
	}
	if (rc == 0 && i && names_a_field(&h))
		memset(map, 1, i);
	/* The rest: the content of the columns it names (a state copied, the
	 * same parse as redact_csv_run's, marking into map). */
	if (rc == 0 && i < n && names_a_field(&h))
		rc = run_records(p, &st, &h, s + i, n - i, avail - i, cut, map + i, NULL, NULL);
	redact_csv_header_fini(&h);
	return rc;
}

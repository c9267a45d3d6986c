/*
 * sql.c — the columns of SQL statements in .sql files (format "sql"):
 * INSERT INTO t (cols) VALUES (...), (...); and pg_dump's
 * COPY t (cols) FROM stdin; blocks (tab-separated rows up to "\.").
 *
 * A value in a column whose name is a field (fields.c: the list, the
 * policy's names and field_meaning.c's rule) gets the field detector's
 * action. Only the content of a quoted string (INSERT) or of a cell (COPY)
 * is marked, never a quote, an escape (\x, '', \N), a comma, a
 * parenthesis, a tab or a line break, so the masked dump still loads.
 * Unquoted values (numbers, NULL, function calls) are left to the text
 * detectors.
 *
 * Invariant (as csv.c): the parser is a byte-at-a-time state machine
 * whose state (struct redact_sql, fixed size) after a block depends only on
 * the state before it and the block's bytes, and the marks of a block only
 * on the same. A statement's column list is part of the state, so a COPY
 * block's rows or a long INSERT's tuples are marked however far below
 * their column list they are: the stream carries the state along, a range
 * read takes it from the file's checkpoints (csv_index.c). Limits:
 * columns past SQL_MAX_COLUMNS and column names longer than
 * SQL_WORD_MAX are not fields. An INSERT without a column list (mysqldump
 * without --complete-insert) goes by the column definitions of the last
 * CREATE TABLE, when it named the same table (mysqldump writes each
 * table's CREATE TABLE right before its INSERTs); otherwise its columns
 * are not known and it is left to the text detectors.
 *
 * In text files (logs), redact_sql_mark_statement reads one INSERT from
 * its head (found by the field pattern, fields.c) with a fresh state, as
 * far as the block's subject reaches: tuples more than REDACT_REACH past
 * the end of the block that holds the head are not seen there (a value
 * cut at that point is masked up to it). Dumps belong in format sql.
 *
 * Strings: '' stands for a quote; a backslash escapes the next byte
 * (MySQL) unless the dump said standard_conforming_strings (pg_dump) —
 * either way both bytes of an escape stay as they are.
 */
#include <string.h>

#include "redact_i.h"

enum sql_stage {
	SQL_IDLE = 0,     /* between statements: looking for INSERT or COPY */
	SQL_SKIP,         /* a statement of no interest: up to its ';' */
	SQL_INSERT,       /* INSERT [IGNORE]: INTO next */
	SQL_TABLE,        /* the table's name next */
	SQL_AFTER_TABLE,  /* '(' of the column list next */
	SQL_COLUMNS,      /* in the column list */
	SQL_AFTER_COLUMNS,/* VALUES next (INSERT), FROM stdin (COPY) */
	SQL_TUPLES,       /* between tuples: '(' or ',' or ';' */
	SQL_TUPLE,        /* inside a tuple */
	SQL_COPY_FROM,    /* COPY ... FROM: stdin next */
	SQL_COPY_SEMI,    /* ...stdin: ';' then the line's end */
	SQL_COPY_DATA,    /* the rows */
	SQL_CREATE,       /* CREATE: TABLE next */
	SQL_CREATE_DEFS,  /* CREATE TABLE t ( column definitions ) */
};

/* Whether byte c continues an identifier or keyword. */
static bool word_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c >= 0x80;
}

static bool word_is(const struct redact_sql *q, const char *kw)
{
	size_t n = strlen(kw);
	if (q->word_len != n || q->word_long)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = q->word[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != kw[i])
			return false;
	}
	return true;
}

/* The hash of a table's name (its last part, case folded): a later INSERT
 * without a column list goes by the CREATE TABLE of the same name. */
static uint32_t name_hash(const struct redact_sql *q)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < q->word_len; i++) {
		uint8_t c = (uint8_t)q->word[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h | 1u; /* never 0: no table */
}

static bool personal(const struct redact_sql *q, uint32_t col)
{
	return col < SQL_MAX_COLUMNS && (q->personal[col / 8] >> (col % 8)) & 1u;
}

/* A column name has ended (the word or quoted identifier in q->word):
 * its bit in the statement's columns, or in CREATE TABLE's. */
static void column_done(const redact_profile *p, struct redact_sql *q)
{
	uint8_t *bits = q->stage == SQL_CREATE_DEFS ? q->create_personal : q->personal;
	if (q->col < SQL_MAX_COLUMNS && !q->word_long && q->word_len &&
	    redact_fields_match_header(redact_profile_fields(p), q->word, q->word_len))
		bits[q->col / 8] |= (uint8_t)(1u << (q->col % 8));
}

/* A column definition's first word at depth 1: a column, or a constraint
 * (PRIMARY KEY (...), KEY idx (...), CONSTRAINT ...) that is none. */
static void definition_word(const redact_profile *p, struct redact_sql *q, bool quoted)
{
	static const char *const constraints[] = {"primary", "key", "unique", "constraint",
	                                          "index", "foreign", "check", "fulltext",
	                                          "spatial", "exclude", "period", NULL};
	if (!q->def_start || q->depth != 1)
		return;
	q->def_start = 0;
	for (const char *const *c = constraints; !quoted && *c; c++)
		if (word_is(q, *c))
			return;
	q->def_column = 1;
	column_done(p, q);
}

/* A table's name (a part of it: schema.table) has ended. */
static void table_name_done(struct redact_sql *q)
{
	q->table_hash = name_hash(q);
}

/* A word (keyword or identifier, not quoted) has ended: move the stage. */
static void word_done(const redact_profile *p, struct redact_sql *q)
{
	if (word_is(q, "standard_conforming_strings"))
		q->literal_backslash = 1; /* SET standard_conforming_strings = on */
	switch (q->stage) {
	case SQL_IDLE:
		if (word_is(q, "insert") || word_is(q, "replace")) {
			q->stage = SQL_INSERT;
			q->copy = 0;
		} else if (word_is(q, "copy")) {
			q->stage = SQL_TABLE;
			q->copy = 1;
		} else if (word_is(q, "create")) {
			q->stage = SQL_CREATE;
		} else {
			q->stage = SQL_SKIP;
		}
		break;
	case SQL_INSERT:
		if (word_is(q, "into"))
			q->stage = SQL_TABLE;
		else if (!word_is(q, "ignore") && !word_is(q, "low_priority") &&
		         !word_is(q, "delayed") && !word_is(q, "high_priority"))
			q->stage = SQL_SKIP;
		break;
	case SQL_CREATE:
		if (word_is(q, "table")) {
			q->stage = SQL_TABLE;
			q->copy = 0;
			q->create = 1;
		} else if (!word_is(q, "temporary") && !word_is(q, "temp") &&
		           !word_is(q, "unlogged") && !word_is(q, "global") && !word_is(q, "local")) {
			q->stage = SQL_SKIP;
		}
		break;
	case SQL_TABLE:
		if (!word_is(q, "only") && !word_is(q, "if") && !word_is(q, "not") &&
		    !word_is(q, "exists")) {
			table_name_done(q);
			q->stage = SQL_AFTER_TABLE;
		}
		break;
	case SQL_AFTER_TABLE:
		if (q->after_dot) { /* schema.table */
			q->after_dot = 0;
			table_name_done(q);
		} else if (!q->copy && !q->create && (word_is(q, "values") || word_is(q, "value")) &&
		           q->create_hash && q->create_hash == q->table_hash) {
			/* no column list: the table's CREATE TABLE above says
			 * (mysqldump writes it right before its INSERTs) */
			memcpy(q->personal, q->create_personal, sizeof q->personal);
			q->stage = SQL_TUPLES;
		} else {
			q->stage = SQL_SKIP; /* no column list: the columns are not known */
		}
		break;
	case SQL_CREATE_DEFS:
		definition_word(p, q, false);
		break;
	case SQL_COLUMNS:
		column_done(p, q);
		break;
	case SQL_AFTER_COLUMNS:
		if (!q->copy && (word_is(q, "values") || word_is(q, "value")))
			q->stage = SQL_TUPLES;
		else if (q->copy && word_is(q, "from"))
			q->stage = SQL_COPY_FROM;
		else
			q->stage = SQL_SKIP;
		break;
	case SQL_COPY_FROM:
		q->stage = word_is(q, "stdin") ? SQL_COPY_SEMI : SQL_SKIP;
		if (q->stage == SQL_COPY_SEMI)
			q->literal_backslash = 1; /* a PostgreSQL dump */
		break;
	case SQL_TUPLES:
		q->stage = SQL_SKIP; /* ON DUPLICATE KEY UPDATE ..., RETURNING ... */
		break;
	default:
		break;
	}
	q->word_len = 0;
	q->word_long = 0;
}

static void word_add(struct redact_sql *q, uint8_t c)
{
	if (q->word_len < SQL_WORD_MAX)
		q->word[q->word_len++] = (char)c;
	else
		q->word_long = 1;
}

/* Marks s[i] (content of a personal value) unless something marked it
 * with a label already. */
static void mark_byte(uint8_t *marks, size_t i)
{
	if (marks && marks[i] < REDACT_MARK_LABEL)
		marks[i] = REDACT_MARK_MASK;
}

/* Where the string whose content starts at s[i] ends (its closing quote),
 * within avail; SIZE_MAX when not in sight (or cut) or too long. */
#define SQL_VALUE_WHOLE_MAX 1536u
static size_t string_end(const struct redact_sql *q, const uint8_t *s, size_t i, size_t avail,
                         bool cut)
{
	size_t lim = i + SQL_VALUE_WHOLE_MAX < avail ? i + SQL_VALUE_WHOLE_MAX : avail;
	for (size_t j = i; j < lim; j++) {
		if (s[j] == '\\' && !q->literal_backslash) {
			j++;
			continue;
		}
		if (s[j] == q->quote) {
			if (j + 1 < avail && s[j + 1] == q->quote) {
				j++;
				continue;
			}
			return j + 1 < avail || !cut ? j : SIZE_MAX;
		}
	}
	return SIZE_MAX;
}

/* One byte inside a quoted string or identifier (q->quote). */
static void in_quotes(const redact_profile *p, struct redact_sql *q, const uint8_t *s, size_t i,
                      size_t avail, bool cut, uint8_t *marks, uint8_t *over,
                      _Atomic uint64_t *tally)
{
	uint8_t c = s[i];
	if (q->escape) {
		q->escape = 0; /* the escaped byte stays */
		return;
	}
	if (q->quote_pending) {
		q->quote_pending = 0;
		if (c == q->quote)
			return; /* '' stands for one quote: both stay */
		q->quote = 0; /* that quote closed it: c is read afresh */
		q->reread = 1;
		return;
	}
	if (c == q->quote) {
		q->quote_pending = 1;
		return;
	}
	bool value = q->stage == SQL_TUPLE && q->quote != '`';
	if (c == '\\' && value && !q->literal_backslash) {
		q->escape = 1;
		return;
	}
	if (!value) {
		if (q->stage == SQL_COLUMNS || q->stage == SQL_TABLE ||
		    (q->stage == SQL_AFTER_TABLE && q->after_dot) ||
		    (q->stage == SQL_CREATE_DEFS && q->def_start && q->depth == 1))
			word_add(q, c);
		return;
	}
	/* (a string inside a call, upper('...'), is the column's too) */
	if (!personal(q, q->col) || c == '\n' || c == '\r' || c == '\\')
		return;
	if (q->overlaid) {
		q->overlaid--;
		return;
	}
	const size_t field = p->catalog->field_index;
	if (!q->value_seen) {
		q->value_seen = 1;
		if (tally)
			atomic_fetch_add(&tally[field], 1);
		/* Another action than mask goes on the whole value when its end
		 * is in sight and it holds no escape. */
		if (redact_profile_action(p, field) != REDACT_ACTION_MASK) {
			size_t e = string_end(q, s, i, avail, cut);
			bool plain = e != SIZE_MAX;
			for (size_t j = i; plain && j < e; j++)
				plain = s[j] != '\\' && s[j] != q->quote && s[j] != '\n';
			if (plain) {
				if (marks)
					redact_apply_action(p, field, s, i, e, marks, over);
				q->overlaid = (uint32_t)(e - i - 1);
				return;
			}
		}
	}
	mark_byte(marks, i);
}

/* One byte of a COPY block's rows. */
static void copy_byte(const redact_profile *p, struct redact_sql *q, const uint8_t *s, size_t i,
                      uint8_t *marks, _Atomic uint64_t *tally)
{
	uint8_t c = s[i];
	if (q->escape) {
		q->escape = 0;
		if (q->line_start_escape && c == '.') {
			q->copy_ending = 1; /* "\." ends the rows */
		}
		q->line_start_escape = 0;
		q->at_line_start = 0;
		return;
	}
	if (c == '\n') {
		if (q->copy_ending) {
			memset(q->personal, 0, sizeof q->personal);
			q->stage = SQL_IDLE;
			q->copy_ending = 0;
		}
		q->col = 0;
		q->at_line_start = 1;
		q->value_seen = 0;
		return;
	}
	if (c == '\\') {
		q->escape = 1;
		q->line_start_escape = q->at_line_start;
		q->at_line_start = 0;
		return;
	}
	q->at_line_start = 0;
	if (c == '\t') {
		if (q->col < UINT32_MAX)
			q->col++;
		q->value_seen = 0;
		return;
	}
	if (c == '\r' || !personal(q, q->col))
		return;
	if (!q->value_seen) {
		q->value_seen = 1;
		if (tally)
			atomic_fetch_add(&tally[p->catalog->field_index], 1);
	}
	mark_byte(marks, i);
}

/* One byte outside strings, comments and COPY rows. */
static void structure_byte(const redact_profile *p, struct redact_sql *q, uint8_t c)
{
	if (word_char(c)) {
		word_add(q, c);
		return;
	}
	if (q->word_len || q->word_long)
		word_done(p, q);
	if (c == ';') {
		if (q->stage == SQL_COPY_SEMI) {
			q->copy_semi = 1;
			return;
		}
		q->stage = SQL_IDLE;
		q->create = 0;
		q->copy = 0;
		memset(q->personal, 0, sizeof q->personal);
		return;
	}
	if (c == '\n' && q->stage == SQL_COPY_SEMI && q->copy_semi) {
		q->stage = SQL_COPY_DATA;
		q->copy_semi = 0;
		q->col = 0;
		q->at_line_start = 1;
		q->value_seen = 0;
		return;
	}
	if (c == '\'' || c == '"' || c == '`') {
		q->quote = c;
		q->value_seen = 0;
		return;
	}
	switch (q->stage) {
	case SQL_AFTER_TABLE:
		if (c == '(' && q->create) {
			q->stage = SQL_CREATE_DEFS;
			q->create_hash = q->table_hash;
			memset(q->create_personal, 0, sizeof q->create_personal);
			q->col = 0;
			q->depth = 1;
			q->def_start = 1;
			q->def_column = 0;
			q->after_dot = 0;
		} else if (c == '(') {
			q->stage = SQL_COLUMNS;
			q->col = 0;
			q->after_dot = 0;
		} else if (c == '.') {
			q->after_dot = 1;
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			q->stage = SQL_SKIP;
		}
		break;
	case SQL_COLUMNS:
		if (c == ',' && q->col < UINT32_MAX)
			q->col++;
		else if (c == ')')
			q->stage = SQL_AFTER_COLUMNS;
		break;
	case SQL_CREATE_DEFS:
		if (c == '(' && q->depth < UINT8_MAX) {
			q->depth++;
		} else if (c == ')') {
			if (--q->depth == 0)
				q->stage = SQL_SKIP; /* table options, up to ';' */
		} else if (c == ',' && q->depth == 1) {
			if (q->def_column && q->col < UINT32_MAX)
				q->col++;
			q->def_start = 1;
			q->def_column = 0;
		}
		break;
	case SQL_TUPLES:
		if (c == '(') {
			q->stage = SQL_TUPLE;
			q->depth = 1;
			q->col = 0;
		}
		break;
	case SQL_TUPLE:
		if (c == '(' && q->depth < UINT8_MAX) {
			q->depth++;
		} else if (c == ')') {
			if (--q->depth == 0)
				q->stage = SQL_TUPLES;
		} else if (c == ',' && q->depth == 1 && q->col < UINT32_MAX) {
			q->col++;
		}
		break;
	default:
		break;
	}
}

void redact_sql_init(struct redact_sql *q)
{
	memset(q, 0, sizeof *q);
}

/* One byte s[i] of the statements. */
static void sql_step(const redact_profile *p, struct redact_sql *q, const uint8_t *s, size_t i,
                     size_t avail, bool cut, uint8_t *marks, uint8_t *over,
                     _Atomic uint64_t *tally)
{
	uint8_t c = s[i];
	if (q->stage == SQL_COPY_DATA) {
		copy_byte(p, q, s, i, marks, tally);
		return;
	}
	if (q->line_comment) {
		if (c == '\n')
			q->line_comment = 0;
		return;
	}
	if (q->block_comment) {
		if (q->star && c == '/')
			q->block_comment = 0;
		q->star = c == '*';
		return;
	}
	if (q->quote) {
		in_quotes(p, q, s, i, avail, cut, marks, over, tally);
		if (!q->reread)
			return;
		q->reread = 0; /* the byte after a closing quote */
		/* a quoted identifier has ended */
		if (q->stage == SQL_COLUMNS) {
			column_done(p, q);
		} else if (q->stage == SQL_TABLE) {
			table_name_done(q);
			q->stage = SQL_AFTER_TABLE;
		} else if (q->stage == SQL_AFTER_TABLE && q->after_dot) {
			table_name_done(q);
			q->after_dot = 0;
		} else if (q->stage == SQL_CREATE_DEFS) {
			definition_word(p, q, true);
		}
		q->word_len = 0;
		q->word_long = 0;
	}
	/* "--" and slash-star comments (a dash or slash pending) */
	if (q->dash) {
		q->dash = 0;
		if (c == '-') {
			q->line_comment = 1;
			return;
		}
	}
	if (q->slash) {
		q->slash = 0;
		if (c == '*') {
			q->block_comment = 1;
			q->star = 0;
			return;
		}
	}
	if (c == '-')
		q->dash = 1; /* "--" starts a comment, "-1" is a number */
	else if (c == '/')
		q->slash = 1;
	structure_byte(p, q, c);
}

int redact_sql_run(const redact_profile *p, struct redact_sql *q, const uint8_t *s, size_t n,
                   size_t avail, bool cut, uint8_t *marks, uint8_t *over,
                   _Atomic uint64_t *tally)
{
	for (size_t i = 0; i < n; i++)
		sql_step(p, q, s, i, avail, cut, marks, over, tally);
	return 0;
}

void redact_sql_mark_statement(const redact_profile *p, const uint8_t *s, size_t from,
                               size_t len, bool cut, uint8_t *marks, uint8_t *over)
{
	struct redact_sql q;
	redact_sql_init(&q);
	bool begun = false;
	for (size_t i = from; i < len; i++) {
		sql_step(p, &q, s, i, len, cut, marks, over, NULL);
		/* done once the statement has ended (';', or anything but
		 * another tuple after its last one: a log line goes on) */
		if (q.stage != SQL_IDLE && q.stage != SQL_SKIP)
			begun = true;
		else if (begun && !q.quote)
			break;
	}
}

/*
 * redact_i.h — private parts of the engine shared by its files.
 *
 * The catalog owns compiled detectors; scan.c finds and marks values inside
 * one block; emit.c-style helpers in scan.c turn marks into masked bytes.
 * stream.c and range.c both drive redact_scan_block() and redact_emit() with
 * exactly the same subjects for the same block, which is what makes their
 * outputs identical (see the top of redact.h).
 */
#ifndef REDACT_I_H
#define REDACT_I_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "redact.h"

/* Decides whether a candidate really is a value (check digits, dates...). */
typedef bool (*redact_validator)(const uint8_t *s, size_t len);

struct redact_detector {
	char name[33];
	char *description;
	const char *example;
	pcre2_code *code;
	uint32_t group; /* capture group whose bytes are masked; 0 = match */
	redact_validator validate; /* NULL: every match counts */
	bool builtin;
};

struct redact_catalog {
	struct redact_detector det[REDACT_MAX_DETECTORS];
	size_t count;
	uint32_t max_groups;         /* largest capture count of any detector */
	pcre2_match_context *mctx;   /* match limits; read-only while matching */
};

struct redact_builtin {
	const char *name;
	const char *description;
	const char *example;
	const char *pattern;
	const char *group; /* NULL: mask the whole match; else group name */
	redact_validator validate;
};

/* detectors.c: the built-in tables, one per detect_*.c file. */
struct redact_builtin_table {
	const struct redact_builtin *detectors;
	const size_t *count;
};
extern const struct redact_builtin_table redact_builtin_tables[];
extern const size_t redact_builtin_table_count;

extern const struct redact_builtin redact_detect_contact[];
extern const size_t redact_detect_contact_count;
extern const struct redact_builtin redact_detect_ids[];
extern const size_t redact_detect_ids_count;
extern const struct redact_builtin redact_detect_people[];
extern const size_t redact_detect_people_count;
extern const struct redact_builtin redact_detect_places[];
extern const size_t redact_detect_places_count;

/* validate.c: helpers for validators, which each take the matched bytes. */

/* Copies the digits of s into out (ASCII and full-width ０-９ as ASCII;
 * X, x and Ｘ as 'X'; everything else skipped), NUL-terminated. Returns how
 * many, or SIZE_MAX when they do not fit in cap - 1. */
size_t redact_digits_of(const uint8_t *s, size_t len, char *out, size_t cap);
bool redact_luhn_ok(const char *digits, size_t n);
bool redact_date_ok(int year, int month, int day);

/* scan.c ---------------------------------------------------------------- */

/* Where one block sits inside a subject buffer. The subject is the file's
 * bytes [block_start - REDACT_BEHIND, block_end + REDACT_REACH) clipped to
 * the file; from/to are the block's own bytes, as offsets into it. */
struct redact_block {
	const uint8_t *subject;
	size_t subject_len;
	size_t from; /* first start position of the block */
	size_t to;   /* one past the last start position */
};

/* Per-thread scratch for matching. */
struct redact_scratch {
	pcre2_match_data *md;
};

int redact_scratch_init(struct redact_scratch *sc, const redact_catalog *cat);
void redact_scratch_fini(struct redact_scratch *sc);

/* Runs every enabled detector from every start position in [from, to) and
 * sets marks[i] = 1 for each byte i of the subject that a validated match
 * covers. marks is parallel to the subject. Returns 0 or -EIO/-ENOMEM. */
int redact_scan_block(const redact_profile *p, struct redact_scratch *sc,
                      const struct redact_block *b, uint8_t *marks);

/* Writes the output bytes for subject positions [from, to) into out
 * (out[0] is position from), applying the mask rules of redact.h. Looks
 * at marks and bytes up to two positions either side, within the subject. */
void redact_emit(const struct redact_block *b, const uint8_t *marks, size_t from,
                 size_t to, uint8_t *out);

/* Absolute bounds of block k's subject in a file of size bytes. */
static inline void redact_block_bounds(uint64_t k, uint64_t size, uint64_t *subj_start,
                                       uint64_t *block_start, uint64_t *block_end,
                                       uint64_t *subj_end)
{
	uint64_t bs = k * REDACT_BLOCK;
	uint64_t be = bs + REDACT_BLOCK;
	uint64_t se = be + REDACT_REACH;
	*block_start = bs;
	*block_end = be < size ? be : size;
	*subj_start = bs >= REDACT_BEHIND ? bs - REDACT_BEHIND : 0;
	*subj_end = se < size ? se : size;
}

#endif /* REDACT_I_H */

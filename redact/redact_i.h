/*
 * redact_i.h — private parts of the engine shared by its files.
 *
 * The catalog owns compiled detectors; scan.c finds and marks values inside
 * one block; emit.c turns marks into output bytes. stream.c and range.c
 * both drive redact_scan_block() and redact_emit() (or redact_emit_var())
 * with exactly the same subjects for the same block, which is what makes
 * their outputs identical (see the top of redact.h).
 */
#ifndef REDACT_I_H
#define REDACT_I_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdatomic.h>

#include "redact.h"

/* Decides whether a candidate really is a value (check digits, dates...). */
typedef bool (*redact_validator)(const uint8_t *s, size_t len);

/* The prefilter (prefilter_i.h): classes of characters that anchor
 * matches. */
enum {
	RC_NONE = 0,  /* ends a detector's anchor list */
	RC_DIGIT1,    /* a digit after no digit: where a number starts */
	RC_RUN3,      /* ... of 3 digits or more */
	RC_RUN4,      /* ... of 4 or more */
	RC_RUN6,      /* ... of 6 or more */
	RC_GEONUM,    /* ... of 1-3 digits, then . ° º or 度 (or the end) */
	RC_ADDRNUM,   /* ... of 1-6 digits, a letter?, -digits?, then a space */
	RC_AT,        /* @ [ ( (e-mail: "@", "[at]", "(at)") */
	RC_COLON,     /* : */
	RC_MACSEP,    /* : - . */
	RC_FIELDSEP,  /* : = and the lead byte of ： */
	RC_HIGH,      /* lead bytes of 3- and 4-byte UTF-8 characters (Han...) */
	RC_GT,        /* > */
	RC_DDASH,     /* the first - of -- */
	RC_KEYSEP,    /* a FIELDSEP whose key (before blanks and a quote) does
	               * not end in a digit: not a clock's "12:30" */
	RC_CELLCAP,   /* an ASCII capital where a dump row's cell can start: at a
	               * line's start, after | ; , tab " - ， ； or two blanks */
	RC_POSTCODE,  /* a number of 4 or 5 digits before a blank (4: or
	               * none) and a capital or non-ASCII letter: a Dutch,
	               * German or Swiss postcode (detect_address.c) */
	RC_BUILTIN_END, /* classes made by the catalog follow: one for the cue
	                 * words of each built-in that has some, then custom
	                 * patterns' first bytes */
};
#define REDACT_CLASSES 64u
#define REDACT_ANCHORS 6u
/* Every match that starts at s has a character of class cls somewhere in
 * [s + lo, s + hi]. */
struct redact_anchor {
	uint8_t cls;
	int16_t lo, hi;
};
/* In a built-in's anchors: the first letter of one of its cue words (its
 * .cues); the catalog puts the class it makes for them in its place. */
#define RC_CUE 0xFFu

/* A cue word of a built-in detector: a word that some of its matches
 * start with (Dear, diagnosis, lat), for the prefilter, which marks where
 * the word occurs (looked up case-blind). The list sits next to the
 * pattern it describes; the prefilter test compares the output with and
 * without the prefilter, so a word left out shows there. */
#define REDACT_CUE_MAX 16 /* letters */
/* What may stand between a cue word and its next (below): up to 3 of. */
#define REDACT_CUE_SKIP " _\t\r\n\f\v\"'"
struct redact_cue {
	const char *word; /* lower-case ASCII letters; NULL ends a list */
	/* NULL, or what must come next for the word to be a cue:
	 * alternatives separated by '|', each compared case-blind after up
	 * to 3 of REDACT_CUE_SKIP ("name|:") */
	const char *next;
	bool line_start; /* a cue only at the start of a line (the pattern
	                  * fences it with (?<![^\n])); next is then NULL */
};
/* The entries of a list: a cue where next (NULL: anything) follows; a cue
 * at the start of a line only; the end. */
#define REDACT_CUE(word, next) {word, next, false}
#define REDACT_CUE_AT_LINE_START(word) {word, NULL, true}
#define REDACT_CUES_END {NULL, NULL, false}
/* A next that asks for a key's separator (lat=, diagnosis:). */
#define REDACT_CUE_KEY_SEP ":|="

struct redact_detector {
	bool field; /* the "field" detector: code and names come from the
	             * profile's field list (fields.c, fieldmark.c) */
	char name[33];
	char *description;
	const char *example;
	const char *example_masked; /* NULL: the example is masked whole */
	pcre2_code *code;
	/* code without the alternatives that never match (patterns_i.h), for
	 * what is unfinished at the end of the input; NULL: code itself. */
	pcre2_code *end_code;
	bool end_jit;
	uint32_t group; /* capture group whose bytes are masked; 0 = match */
	redact_validator validate; /* NULL: every match counts */
	/* At the input's end: whether an unfinished value (its start to the
	 * end) can still become a valid one; NULL: any can. */
	redact_validator validate_unfinished;
	bool builtin;
	/* The detector whose settings this one follows: itself, or for a
	 * second pattern of a built-in (name_prose of name) that one's index.
	 * A profile enables, acts and labels by it (catalog.c, actions.c). */
	uint32_t settings;
	/* Where matches can start (prefilter.c); none: every position. */
	struct redact_anchor anchor[REDACT_ANCHORS];
	/* Custom patterns: what every match starts with (prefix_len >= 2),
	 * compared case-blind when prefix_caseless. */
	char prefix[16];
	uint8_t prefix_len;
	bool prefix_caseless;
	bool jit; /* compiled by pcre2's JIT: matched by its fast path */
};

#define REDACT_WORD_SLOTS 2048u /* a power of two; kept under a quarter full */
struct redact_prefilter {
	uint64_t bytecls[256]; /* bit c: the byte is of class c */
	unsigned classes;      /* classes in use */
	uint64_t cue_classes;  /* the built-ins' cue word classes */
	bool letters_classed;  /* some ASCII letter is in a custom class */
	bool digits_classed;   /* some digit is */
	uint8_t kind[256];     /* PF_KIND_* (prefilter_i.h) */
	/* [length][first letter]: bit of each last letter of a cue word */
	uint32_t word_ends[REDACT_CUE_MAX + 1][26];
	uint8_t custom_set[REDACT_CLASSES - RC_BUILTIN_END][32];
	struct {
		char text[REDACT_CUE_MAX];
		uint8_t len;
		uint64_t classes;      /* the word's classes anywhere */
		uint64_t line_classes; /* ... and at the start of a line */
		const char *next;      /* what must follow for classes (NULL: any) */
	} word[REDACT_WORD_SLOTS]; /* cue words, lower case */
};

/* Where the classes occur in one subject: a bitmap per class. */
struct redact_prescan {
	uint64_t *bits;   /* REDACT_CLASSES rows of words */
	uint64_t *win;    /* a detector's candidate starts, and a scratch row */
	uint64_t *maps;   /* two rows: ASCII letters; bytes to look at */
	size_t words;     /* per row, for this subject */
	size_t cap;       /* rows' allocated words */
	size_t len;       /* subject length */
	uint64_t present; /* classes that occur */
	size_t count[REDACT_CLASSES]; /* how often */
};

struct redact_catalog {
	struct redact_prefilter prefilter;
	redact_fields *fields; /* the default field names */
	size_t field_index;    /* of the "field" detector */
	struct redact_detector det[REDACT_MAX_DETECTORS];
	size_t count;
	uint32_t max_groups;         /* largest capture count of any detector */
	pcre2_match_context *mctx;   /* match limits; read-only while matching */
};

struct redact_builtin {
	const char *name;
	const char *description;
	const char *example;
	const char *example_masked; /* what the example becomes (NULL: all '*') */
	const char *pattern;        /* NULL only for the "field" detector */
	const char *group; /* NULL: mask the whole match; else group name */
	redact_validator validate;
	/* NULL, or whether a value the input's end cuts short (from its
	 * start) can still become one that validate accepts: a part that can
	 * no longer change already fails (scan.c, mask_unfinished). */
	redact_validator validate_unfinished;
	struct redact_anchor anchor[REDACT_ANCHORS]; /* see struct redact_anchor */
	const struct redact_cue *cues; /* for an RC_CUE anchor; else NULL */
	/* NULL, or the built-in (listed before it) this is a second pattern
	 * of: it has its own anchors and validator, but is enabled, acts and
	 * labels as that one; a policy cannot name it. */
	const char *part_of;
};

/* prefilter.c: the classes. */
void redact_prefilter_init(struct redact_prefilter *pf);
/* Gives built-in detector d (anchors copied from its table) a class for
 * its cue words cues (NULL: none), in place of its RC_CUE anchor; when no
 * class is left, no anchor at all (d is tried everywhere). Returns 0, or
 * -EINVAL when cues and the RC_CUE anchor do not go together or a word
 * is not 1 to REDACT_CUE_MAX lower-case letters. */
int redact_prefilter_anchor_builtin(struct redact_prefilter *pf, struct redact_detector *d,
                                    const struct redact_cue *cues);
/* custom_anchor.c: gives a custom detector the anchor pcre2's first-byte
 * set implies, when it has one and a class is free, and the literal bytes
 * its matches start with (prefix). */
void redact_prefilter_anchor_custom(struct redact_prefilter *pf, struct redact_detector *d,
                                    const char *pattern);
/* prescan.c: records where each class occurs in s[0..n). Returns 0 or
 * -ENOMEM. */
int redact_prescan_run(struct redact_prescan *ps, const struct redact_prefilter *pf,
                       const uint8_t *s, size_t n);
void redact_prescan_fini(struct redact_prescan *ps);
/* candidates.c: computes the candidate starts of a detector with these
 * anchors into ps->win. False: none at all. */
bool redact_prescan_windows(struct redact_prescan *ps, const struct redact_anchor *anchor);
/* Computes the candidate starts of the field detector (keys of fields f,
 * before the separators of class cls; and the words of class word_cls, 0:
 * none, where an SQL statement's head may start) into ps->win, for starts
 * in [from, to) of subject s. False: none at all. */
bool redact_prescan_field_windows(struct redact_prescan *ps, const redact_fields *f,
                                  unsigned cls, unsigned word_cls, const uint8_t *s,
                                  size_t from, size_t to);
/* The first position in [from, to) whose candidate bit is set (set) or
 * clear (!set); to when there is none. */
size_t redact_prescan_next(const struct redact_prescan *ps, size_t from, size_t to, bool set);

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
extern const struct redact_builtin redact_detect_names[];
extern const size_t redact_detect_names_count;
extern const struct redact_builtin redact_detect_health[];
extern const size_t redact_detect_health_count;
extern const struct redact_builtin redact_detect_places[];
extern const size_t redact_detect_places_count;
extern const struct redact_builtin redact_detect_address[];
extern const size_t redact_detect_address_count;
extern const struct redact_builtin redact_detect_fields[];
extern const size_t redact_detect_fields_count;

/* validate.c: helpers for validators, which each take the matched bytes. */

/* Copies the digits of s into out (X and x as 'X'; everything else
 * skipped), NUL-terminated. Returns how many, or SIZE_MAX when they do not
 * fit in cap - 1. Full-width digits and letters count as their ASCII forms. */
size_t redact_digits_of(const uint8_t *s, size_t len, char *out, size_t cap);
/* The same for letters (as upper case) and digits. */
size_t redact_alnum_of(const uint8_t *s, size_t len, char *out, size_t cap);
bool redact_luhn_ok(const char *digits, size_t n);
bool redact_date_ok(int year, int month, int day);

/* sniff.c, unicode.c, view.c, unescape.c, fold.c: what the detectors read */

enum redact_encoding {
	REDACT_ENC_UTF8 = 0, /* also: binary data scanned as text (binary = scan) */
	REDACT_ENC_UTF16LE,
	REDACT_ENC_UTF16BE,
	REDACT_ENC_UTF32LE,
	REDACT_ENC_UTF32BE,
	REDACT_ENC_GB18030, /* GBK and GB2312 too (legacy.c) */
	REDACT_ENC_BIG5,
	REDACT_ENC_CP1252,  /* windows-1252, and Latin-1 text */
};

/* Text holds at most one odd control character in this many. */
#define REDACT_CONTROL_SHARE 16u

/* What a file is, from its first bytes (sniff.c). */
struct redact_sniff_result {
	bool binary;
	enum redact_encoding enc; /* for text */
	const char *what;         /* a static phrase for --explain */
};
void redact_sniff(const void *head, size_t len, struct redact_sniff_result *out);
/* The encoding text with these first bytes is read in (UTF-8 for binary). */
enum redact_encoding redact_encoding_of(const uint8_t *head, size_t len);

/* A view of a subject (view.c): UTF-8 text for the detectors, in which
 * each byte remembers the span [raw, raw + rawlen) of the text below it
 * (the subject, or the view it was made from) it came from. */
struct redact_decoded {
	uint8_t *text;
	uint32_t *raw;
	uint8_t *rawlen;
	uint8_t *marks; /* parallel to text */
	size_t len, cap;
};

/* Makes room for need bytes of text. Returns 0 or -ENOMEM. */
int redact_decoded_reserve(struct redact_decoded *d, size_t need);
/* Appends a byte of text that came from [raw, raw + rawlen) below (room
 * reserved by the caller). */
static inline void redact_decoded_put(struct redact_decoded *d, uint8_t byte, size_t raw,
                                      size_t rawlen)
{
	d->text[d->len] = byte;
	d->raw[d->len] = (uint32_t)raw;
	d->rawlen[d->len] = (uint8_t)rawlen;
	d->len++;
}
/* No character: decoded as one invalid byte, a barrier no match crosses. */
#define REDACT_NO_CHAR 0xFFFFFFFFu
/* Appends code point cp as UTF-8 (1 to 4 bytes, each from [raw, raw +
 * rawlen) below); a surrogate, a value past U+10FFFF or REDACT_NO_CHAR as
 * a barrier byte. */
void redact_decoded_put_cp(struct redact_decoded *d, uint32_t cp, size_t raw, size_t rawlen);
/* The UTF-16 / UTF-32 code unit at s[i] in either byte order. */
static inline unsigned redact_unit16(const uint8_t *s, size_t i, bool be)
{
	return be ? (unsigned)s[i] << 8 | s[i + 1] : (unsigned)s[i + 1] << 8 | s[i];
}
static inline uint32_t redact_unit32(const uint8_t *s, size_t i, bool be)
{
	return be ? (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 | (uint32_t)s[i + 2] << 8 | s[i + 3]
	          : (uint32_t)s[i + 3] << 24 | (uint32_t)s[i + 2] << 16 | (uint32_t)s[i + 1] << 8 |
	                    s[i];
}
void redact_decoded_fini(struct redact_decoded *d);
/* The first text index that comes from offset raw (below) or later. */
size_t redact_decoded_pos(const struct redact_decoded *d, size_t raw);
/* Sets below[i] = 1 for every byte of the text below (text, text_len
 * bytes) that a marked byte of d came from, for what lies between two
 * marked neighbours' spans but line breaks (and a soft line break's "="),
 * and for the bytes after the view's end when its last byte is marked. */
void redact_decoded_mark_back(const struct redact_decoded *d, const uint8_t *text,
                              size_t text_len, uint8_t *below);
/* Writes, in the subject s[0..n) of encoding enc, the masks of the bytes
 * vmarks (parallel to s) says a view marked, where marks has none yet:
 * UTF-8 as mask marks, UTF-16/32 code units as '*' or '＊' in over. */
void redact_view_render(enum redact_encoding enc, const uint8_t *s, size_t n,
                        const uint8_t *vmarks, uint8_t *marks, uint8_t *over);

/* Decodes s[0..n) in encoding enc (UTF-16/32, legacy) into d (marks
 * cleared); at_file_start: s[0] is the file's first byte; align: where a
 * legacy subject's first character begins (0 or 1; -1: the likelier, see
 * legacy.c). Returns 0,
 * -ENOMEM, -EIO (no conversion tables), or -EINVAL for UTF-8. */
int redact_decode(struct redact_decoded *d, enum redact_encoding enc, const uint8_t *s, size_t n,
                  bool at_file_start, int align);
int redact_utf16_decode(struct redact_decoded *d, const uint8_t *s, size_t n, bool be);
int redact_utf32_decode(struct redact_decoded *d, const uint8_t *s, size_t n, bool be);
/* Whether s[0..n) (after a byte-order mark) is UTF-16 / UTF-32 text. */
bool redact_utf16_plausible(const uint8_t *s, size_t n, bool be);
bool redact_utf32_plausible(const uint8_t *s, size_t n, bool be);

/* legacy.c: GB18030 (GBK), Big5 and windows-1252. */
bool redact_encoding_is_legacy(enum redact_encoding enc);
/* Whether the head h[0..len) (not UTF-8) is text in one of them: *enc and
 * a phrase for --explain in *what. */
bool redact_legacy_detect(const uint8_t *h, size_t len, enum redact_encoding *enc,
                          const char **what);
/* Where the first character of s[0..n) begins (0 or 1). */
size_t redact_legacy_first_char(enum redact_encoding enc, const uint8_t *s, size_t n,
                                bool at_file_start);
int redact_legacy_decode(struct redact_decoded *d, enum redact_encoding enc, const uint8_t *s,
                         size_t n, bool at_file_start, int align);
/* For a GB18030 or Big5 subject whose block (from its byte from) starts
 * before any byte that is surely a character of its own: the start (0 or
 * 1) of the less likely reading, to be scanned too. Else -1. */
int redact_legacy_other_reading(enum redact_encoding enc, const uint8_t *s, size_t n, size_t from);
/* s[0..n) (starting at a character) as UTF-8 in out (NUL-terminated).
 * Returns its length, or -errno (-ENOSPC: longer than cap - 1). */
int redact_legacy_to_utf8(enum redact_encoding enc, const uint8_t *s, size_t n, char *out,
                          size_t cap);

/* unescape.c: whether s holds an escape to decode or an invisible
 * character to leave out, and the view without them. */
/* What redact_escapes_in finds: something to decode or leave out; and an
 * escape whose decoding may take a value's own characters (%HH, &#NNN;),
 * after which the text must be read without escapes decoded too. */
#define REDACT_ESC_SOME 1u
#define REDACT_ESC_MAY_EAT 2u
unsigned redact_escapes_in(const uint8_t *s, size_t n);
int redact_unescape(struct redact_decoded *out, const uint8_t *s, size_t n);

/* fold.c: full-width letters, digits and @ . - _ + as ASCII. */
bool redact_has_fullwidth(const uint8_t *s, size_t n);
int redact_fold_fullwidth(struct redact_decoded *out, const uint8_t *s, size_t n);

/* fields.c / fieldmark.c ------------------------------------------------ */

struct redact_fields {
	char **names; /* normalised: ASCII lower case, '-' and ' ' as '_' */
	size_t count;
	pcre2_code *code; /* finds a named key; the match ends at its value */
	bool digit_end;   /* some name ends in a digit (scan.c) */
	bool jit;         /* code was compiled by the JIT */
	/* For candidates.c: bit L-1 set when some name is L bytes long, and
	 * whether every name's length in bytes is the length of any key it
	 * matches (ASCII and case-less characters only; then only ſ and the
	 * Kelvin sign, matching s and k, make a key longer). */
	uint64_t lengths;
	bool exact_lengths;
	size_t longest; /* bytes */
};

bool redact_fields_match_header(const redact_fields *f, const char *cell, size_t len);
/* field_meaning.c: whether a key names personal data by what it says
 * (receiver_name, customerName, 紧急联系人; not file_name, ip_address). */
#define FIELD_MEANING_KEY_MAX 256u
bool redact_field_key_personal(const char *key, size_t len);
/* The field pattern's callouts (fields.c): they ask the key's meaning. */
#define FIELD_CALLOUT_JSON "redact-field-json"
#define FIELD_CALLOUT_PLAIN "redact-field-plain"
int redact_fields_callout(pcre2_callout_block *cb, void *data);
/* For the prefilter: where a key that is personal by its meaning starts
 * (its opening quote for JSON) when it ends before the separator at
 * s[sep] (after blanks); SIZE_MAX when there is none. Looks back at most
 * FIELD_MEANING_SPAN bytes. */
#define FIELD_MEANING_SPAN (4u * 64 + 12)
size_t redact_fields_meaning_start(const uint8_t *s, size_t sep);
/* Marks the value that starts at value_at, after a key found at key_at. */
/* Returns 0, or -EIO when the value does not end within its limit or
 * before the subject's cut (cut: the subject ends before the file). */
int redact_field_mark(const redact_profile *p, size_t det, const uint8_t *s, size_t len, bool cut,
                      size_t key_at, size_t value_at, uint8_t *marks, uint8_t *over);
/* code_field.c: the same in source code (format code), where only a
 * string literal's content is a value. */
int redact_code_field_mark(const redact_profile *p, size_t det, const uint8_t *s, size_t len,
                           bool cut, size_t key_at, size_t value_at, uint8_t *marks,
                           uint8_t *over);
/* May a detector's value s[from, to) in code be masked? Only where it is
 * text (a string literal, a comment, prose) and holds no code syntax. */
bool redact_code_span_ok(const uint8_t *s, size_t len, size_t from, size_t to);
const redact_fields *redact_profile_fields(const redact_profile *p);
bool redact_profile_field_enabled(const redact_profile *p);

/* csv_index.c: checkpoints of one version of one file (redact.h,
 * redact_file): the CSV/TSV header and the parser's state every
 * REDACT_CHECKPOINT_BLOCKS blocks, filled in lazily as reads go deeper.
 * Thread-safe. A few bytes per checkpoint, ~200 KiB for a 1 GiB file. */
typedef struct redact_index redact_index;
int redact_index_new(redact_index **out);
void redact_index_free(redact_index *ix);

/* sizes.c: the output length of every block of one version of one file
 * (one pass of the stream over the whole file; 2 bytes per 8 KiB block). */
typedef struct redact_sizes redact_sizes;
int redact_sizes_build(redact_sizes **out, const redact_profile *p, redact_reader read,
                       void *arg, uint64_t file_size);
uint64_t redact_sizes_total(const redact_sizes *z);
/* The blocks [*first, *last] whose output holds the output bytes [off,
 * end) (off < end <= the total), the output offset of block *first's
 * first byte and of the byte after block *last. */
void redact_sizes_find(const redact_sizes *z, uint64_t off, uint64_t end, size_t *first,
                       size_t *last, uint64_t *out_first, uint64_t *out_after);
void redact_sizes_free(redact_sizes *z);

/* range.c: the redacted bytes [off, off + len) of a file of file_size
 * bytes in encoding enc (sniff.c), with checkpoints ix (NULL: a throwaway
 * index) and counts t (NULL: none) through w (NULL: a throwaway
 * workspace): input offsets, for a profile that keeps lengths. */
int redact_range_keep(const redact_profile *p, redact_index *ix, redact_tally *t,
                      redact_reader read, void *arg, uint64_t file_size,
                      enum redact_encoding enc, uint64_t off, size_t len, void *out,
                      size_t *out_len, redact_workspace *w);
/* The same in output offsets, for a profile that replaces or removes
 * values, with the block sizes z of the file. */
int redact_range_sized(const redact_profile *p, redact_index *ix, redact_tally *t,
                       const redact_sizes *z, redact_reader read, void *arg,
                       uint64_t file_size, enum redact_encoding enc, uint64_t off, size_t len,
                       void *out, size_t *out_len, redact_workspace *w);

/* csv.c / csv_index.c ---------------------------------------------------- */

/* tally.c */
struct redact_tally {
	_Atomic uint64_t count[REDACT_MAX_DETECTORS];
	_Atomic uint8_t *seen; /* bit per block: already counted */
	size_t blocks;
};
/* Whether t counts block j and has not counted it yet (t may be NULL). */
bool redact_tally_uncounted(const redact_tally *t, uint64_t j);
/* Whether block j should be counted now (marks it counted): called after
 * the block was scanned without error, so that its counts join t once. */
bool redact_tally_claim(redact_tally *t, uint64_t j);
/* Adds counts[0..n) (per detector: one block's values) to t. */
void redact_tally_add(redact_tally *t, const _Atomic uint64_t *counts, size_t n);

/* The second reading of a CSV/TSV file, for rows whose parse is in doubt
 * (csv.c): every line a record, a quote only when it closes on its line. */
struct redact_csv_lines {
	uint32_t field;         /* cell of the current line */
	uint16_t up, down;      /* cell i may be any column in [i - up, i + down] */
	uint8_t doubt;          /* this line is masked by this reading */
	uint8_t quoted;         /* inside a quote that closes on this line */
	uint8_t quote_pending;  /* a quote inside it: "" or the end */
	uint8_t at_field_start;
	uint8_t in_header;      /* the header record has not ended */
	/* the RFC 4180 parse's quotes, as the main parser reads them */
	uint8_t rfc_in_quotes, rfc_quote_pending, rfc_at_field_start;
};

/* sql.c: the SQL statement parser's state at a byte (fixed size: copied
 * into checkpoints with the CSV state it sits in). */
#define SQL_MAX_COLUMNS 512u /* columns past these are not fields */
#define SQL_WORD_MAX 64u     /* longer names are no field's */
struct redact_sql {
	uint8_t stage;             /* enum sql_stage (sql.c) */
	uint8_t copy;              /* the statement is a COPY */
	uint8_t quote;             /* inside '...', "..." or `...`: that quote */
	uint8_t quote_pending, escape, reread, literal_backslash;
	uint8_t line_comment, block_comment, star, dash, slash;
	uint8_t copy_semi, copy_ending, at_line_start, line_start_escape;
	uint8_t value_seen, after_dot, word_long, depth, word_len;
	uint8_t create, def_start, def_column; /* in CREATE TABLE's definitions */
	uint32_t table_hash;       /* the statement's table (sql.c name_hash) */
	uint32_t create_hash;      /* the last CREATE TABLE's; 0: none */
	uint32_t col;              /* column of the current value or name */
	uint32_t overlaid;         /* bytes ahead given a whole-value action */
	char word[SQL_WORD_MAX];   /* the keyword or name being read */
	uint8_t personal[SQL_MAX_COLUMNS / 8]; /* bit per column of the statement */
	uint8_t create_personal[SQL_MAX_COLUMNS / 8]; /* ... of the last CREATE TABLE */
};
void redact_sql_init(struct redact_sql *q);
/* Parses s[0..n) as csv.c's redact_csv_run does (same arguments). */
int redact_sql_run(const redact_profile *p, struct redact_sql *q, const uint8_t *s, size_t n,
                   size_t avail, bool cut, uint8_t *marks, uint8_t *over,
                   _Atomic uint64_t *tally);
/* Text files: marks the personal values of the one INSERT statement whose
 * head starts at s[from], looking no further than s[len) (cut: the file
 * goes on), with a fresh parser. */
void redact_sql_mark_statement(const redact_profile *p, const uint8_t *s, size_t from,
                               size_t len, bool cut, uint8_t *marks, uint8_t *over);

/* The CSV/TSV parser's state at a byte: small, copied into checkpoints. */
struct redact_csv {
	uint32_t field;         /* column of the current cell */
	uint8_t in_quotes;      /* inside a quoted cell */
	uint8_t quote_pending;  /* a quote inside a quoted cell: "" or the end */
	uint8_t at_field_start; /* nothing of the cell seen yet */
	uint8_t in_header;      /* still in the first record */
	uint8_t cell_seen;      /* a byte of the current cell was seen */
	uint32_t overlaid;      /* bytes ahead already given a whole-cell action */
	struct redact_csv_lines lines; /* the line-by-line reading (csv.c) */
	struct redact_sql sql;  /* format sql: the statement parser (sql.c) */
};

/* What the header says: which columns are sensitive. */
struct redact_csv_header {
	enum redact_encoding enc; /* of the file (header names are decoded) */
	uint8_t *sensitive; /* bit per column */
	uint32_t columns;
	bool done;          /* the header record has ended */
	char cell[256];     /* the header cell being read */
	size_t cell_len;
};

void redact_csv_init(struct redact_csv *st, struct redact_csv_header *h);
/* Where the record rules yield (records_i.h): map[i] (map holds avail
 * bytes) is set for s[i] in the header row, when the header names a
 * personal field, and in the content of the columns it names; parsed from
 * a copy of the state at (s[0]) and of the header. Returns 0 or -ENOMEM. */
int redact_csv_governed(const redact_profile *p, const struct redact_csv *at,
                        const struct redact_csv_header *header, enum redact_encoding enc,
                        const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *map);
void redact_csv_header_fini(struct redact_csv_header *h);
int redact_csv_header_copy(struct redact_csv_header *dst, const struct redact_csv_header *src);
/* Parses s[0..n), marking (when marks is not NULL; marks[i] for s[i]) the
 * content of sensitive columns: byte by byte for mask, as whole cells for
 * other actions (over: their bytes) when a cell ends within s[0..avail)
 * (cut: the file goes on past avail). The same state results whether marks
 * is NULL or not. Returns 0 or -ENOMEM. */
int redact_csv_run(const redact_profile *p, struct redact_csv *st, struct redact_csv_header *h,
                   const uint8_t *s, size_t n, size_t avail, bool cut, uint8_t *marks,
                   uint8_t *over, _Atomic uint64_t *tally);
/* Lowers the most checkpoints ix keeps (tests: thinning out early). */
void redact_index_set_max(redact_index *ix, size_t max);
/* How many checkpoints ix holds, and their spacing in bytes (tests). */
size_t redact_index_held(redact_index *ix, uint64_t *span);
/* Tests: the checkpoints of f's versions from now on keep at most max;
 * how many f's current version holds, and their spacing. */
void redact_file_set_checkpoint_max(redact_file *f, size_t max);
size_t redact_file_checkpoints_held(redact_file *f, uint64_t *span);
/* Whether p redacts columns by header (CSV/TSV with the field detector). */
bool redact_profile_has_columns(const redact_profile *p);
/* The parser state at byte target (a block start) and the header, from the
 * nearest checkpoint in ix. h must be freed with redact_csv_header_fini. */
int redact_index_state_at(redact_index *ix, const redact_profile *p, enum redact_encoding enc,
                          redact_reader read, void *arg, uint64_t target,
                          struct redact_csv *st, struct redact_csv_header *h);

/* scan.c ---------------------------------------------------------------- */

/* Whether c is a UTF-8 continuation byte: no character begins at it. */
static inline bool redact_is_continuation(uint8_t c)
{
	return (c & 0xC0) == 0x80;
}

/* Where one block sits inside a subject buffer. The subject is the file's
 * bytes [block_start - REDACT_BEHIND, block_end + REDACT_REACH) clipped to
 * the file; from/to are the block's own bytes, as offsets into it. */
struct redact_block {
	const uint8_t *subject;
	size_t subject_len;
	size_t from; /* first start position of the block */
	size_t to;   /* one past the last start position */
	bool cut;    /* the subject ends before the file does */
	enum redact_encoding enc;
};

/* Per-thread scratch for matching. */
struct redact_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mctx;  /* the catalog's, with this thread's offset limit */
	struct redact_prescan prescan;
	_Atomic uint64_t *tally;    /* per detector; NULL: this block is not counted */
	/* What tally points to while a block is counted: its values, added to
	 * the redact_tally only once the block was scanned without error. */
	_Atomic uint64_t block_counts[REDACT_MAX_DETECTORS];
	/* The views of a subject (view.c): decoded from UTF-16/32, escapes
	 * decoded, full-width forms folded; and what they marked on it. */
	struct redact_decoded dec, unesc, fold;
	uint8_t *vmarks;
	size_t vmarks_cap;
	bool vmarked; /* vmarks holds this block's view marks (zeroed at its first) */
	/* While a view is scanned (scan.c): its chain, and the block of the
	 * subject it was made from, with that block's marks and action bytes. */
	struct redact_decoded *const *views;
	int nviews;
	const struct redact_block *base;
	uint8_t *base_marks, *base_over;
	bool count_all; /* the first reading: every value it finds counts */
	/* In a file read as CSV/TSV (UTF-8 or legacy): the parser's state at
	 * the block's first byte and the header, set by the caller before a
	 * block's scan (NULL: none); where the record rules yield in the
	 * block, computed when a record match asks (scan.c). */
	const struct redact_csv *csv_at;
	const struct redact_csv_header *csv_header;
	uint8_t *governed;
	size_t governed_cap;
	int governed_state; /* 0: not computed for this block, 1: map ready, -errno */
};

int redact_scratch_init(struct redact_scratch *sc, const redact_catalog *cat);
/* Takes the marks of the views chain[0..k) (each made from the one below,
 * chain[0] from the subject s[0..n) in encoding enc) down to the subject
 * and writes them there (view.c's redact_view_render). Returns 0 or
 * -ENOMEM. */
int redact_view_mark_subject(struct redact_scratch *sc, struct redact_decoded *const *chain,
                             int k, enum redact_encoding enc, const uint8_t *s, size_t n,
                             uint8_t *marks, uint8_t *over);
void redact_scratch_fini(struct redact_scratch *sc);

/* Runs every enabled detector from every start position in [from, to) and
 * records each validated match's action for its bytes: marks[i] = 1 for a
 * mask, 2 for an action whose output byte is over[i]. marks and over are
 * parallel to the subject. Returns 0 or -EIO/-ENOMEM. */
int redact_scan_block(const redact_profile *p, struct redact_scratch *sc,
                      const struct redact_block *b, uint8_t *marks, uint8_t *over);

/* workspace.c: what a range read needs besides the file, kept for the
 * next one (redact.h). */
struct redact_workspace {
	uint8_t *win, *marks, *over; /* the window's bytes, marks and action bytes */
	uint8_t *marks2;             /* the second thread's marks (range.c) */
	size_t cap, cap2;
	struct redact_scratch sc, sc2; /* sc2: for the second thread */
	const redact_catalog *cat; /* sc was made for it (NULL: not yet) */
	const redact_catalog *cat2;
	uint32_t groups, groups2;  /* capture groups sc's / sc2's match data holds */
	bool two_threads;          /* long reads may be scanned on two threads */
};
/* Makes w ready for a window of wlen bytes under catalog cat (marks
 * cleared, sc made for cat, not counting). Returns 0 or -ENOMEM. */
int redact_workspace_ready(redact_workspace *w, const redact_catalog *cat, size_t wlen);
/* The same for the second thread: marks2 (wlen bytes, not cleared) and
 * sc2. Returns 0 or -ENOMEM. */
int redact_workspace_ready_second(redact_workspace *w, const redact_catalog *cat, size_t wlen);

/* read_full.c: reads exactly [off, off + len) unless the file ends first;
 * returns the count read or -errno. */
ssize_t redact_read_full(redact_reader read, void *arg, uint8_t *buf, size_t len, uint64_t off);

/* grow.c: room for one more element in the array *items points to (count
 * used of *cap, size bytes each): when full, the capacity doubles (first
 * when empty). items is the address of the array pointer. 0, or -ENOMEM
 * with the array unchanged. */
int redact_grow(void *items, size_t *cap, size_t count, size_t size, size_t first);

/* What a byte's mark means (marks arrays). */
enum {
	REDACT_MARK_MASK = 1,    /* masked: '*' or '＊' */
	REDACT_MARK_OVERLAY = 2, /* partial / pseudonymize: its byte is in over[] */
	REDACT_MARK_LABEL = 3,   /* replace: the label of detector over[i] is output here */
	REDACT_MARK_GONE = 4,    /* replace / remove: nothing is output */
};

/* actions.c: the label of detector det under p ("[EMAIL]" by default;
 * buf holds it). */
const char *redact_label(const redact_profile *p, size_t det, char *buf, size_t size);

/* actions.c: applies detector det's action to the value s[from, to): a
 * mask sets marks to 1; partial and pseudonymize write their bytes into
 * over and set marks to 2 where no mask is. over NULL: mask. */
void redact_apply_action(const redact_profile *p, size_t det, const uint8_t *s, size_t from,
                         size_t to, uint8_t *marks, uint8_t *over);

/* csv.c: runs the CSV/TSV parser over one block's own bytes raw[0..n) in
 * the file's encoding (UTF-16 is decoded first, block by block), marking
 * in marks (parallel to raw; may be NULL). Returns 0 or -ENOMEM. */
int redact_csv_run_block(const redact_profile *p, struct redact_csv *st,
                         struct redact_csv_header *h, enum redact_encoding enc,
                         struct redact_scratch *sc, const uint8_t *raw, size_t n, size_t avail,
                         bool cut, uint8_t *marks, uint8_t *over);

/* legacy.c: in a GB18030 or Big5 block, turns every multi-byte character
 * a mark touches into the encoding's '＊' (action bytes), from the
 * character that holds the block's first byte to the last that begins in
 * it. Called after the block's scan and columns, before its output. */
void redact_legacy_finish_block(const struct redact_block *b, uint8_t *marks, uint8_t *over);

/* emit.c ---------------------------------------------------------------- */

/* Writes the output bytes for subject positions [from, to) into out
 * (out[0] is position from), applying the mask rules of redact.h. Looks
 * at marks and bytes up to two positions either side, within the subject. */
void redact_emit(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                 size_t from, size_t to, uint8_t *out);
/* A growable output buffer for length-changing output. */
struct redact_outbuf {
	uint8_t *data;
	size_t len, cap;
};
/* Appends block output for subject positions [from, to) with labels and
 * deletions applied. Returns 0 or -ENOMEM. */
int redact_emit_var(const struct redact_block *b, const uint8_t *marks, const uint8_t *over,
                    size_t from, size_t to, const redact_profile *p, struct redact_outbuf *o);

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

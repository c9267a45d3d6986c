/*
 * parse_i.h — private to policy/: the state of one policy parse, shared by
 * parse.c (lines, via inih), section.c and detector.c (what each section
 * and key means).
 *
 * inih (Debian's v55: 200-byte lines, multi-line values, ';' inline
 * comments, no line numbers for the handler) is fed by our own reader, one
 * line per call. The reader sees every line before inih does, so it knows
 * the line number, whether the line is a header, a key or an indented
 * continuation, and keeps the current section itself (inih cuts section
 * names at 50 bytes and stops them at the first ']'). Invariant: the first
 * error recorded is the one reported; after it the reader returns no more
 * lines, so nothing is parsed past it.
 */
#ifndef POLICY_PARSE_I_H
#define POLICY_PARSE_I_H

#include <stdbool.h>
#include <stddef.h>

#include "policy_i.h"

#define POLICY_MAX_PATTERN 65536u /* bytes of one joined pattern */
#define POLICY_MAX_PIECES 512u    /* lines of one pattern */
/* [path:] sections of one policy: every lookup resolves a path against
 * each (4096 cost an ls -lR of a small tree 1.8x one section's time and
 * the daemon 10 MB; 100,000 cost 12x and 264 MB). */
#define POLICY_MAX_SECTIONS 4096u

enum parse_line_kind {
	LINE_BLANK,        /* empty or a comment */
	LINE_HEADER,       /* [section] */
	LINE_KEY,          /* key = value */
	LINE_CONTINUATION, /* indented line after a key: more of its value */
};

enum parse_section_kind { SEC_NONE, SEC_GLOBAL, SEC_PATH, SEC_DETECTOR };

/* A [detector:NAME] section being read; added to the catalog at its end. */
struct parse_detector {
	char name[64];
	int line; /* of the header */
	char *pattern;
	size_t pattern_len;
	int pattern_line; /* 0: no pattern key yet */
	struct { int line; size_t start; } piece[POLICY_MAX_PIECES];
	size_t npieces;
	char *group;
	int group_line;
	char *description;
	int description_line;
};

struct parse_state {
	struct policy *pol;
	const char *name;       /* FILE in messages */
	const char *pos, *end;  /* text not yet handed to inih */
	int line;               /* number of the line inih is working on */
	enum parse_line_kind kind; /* of that line */
	char key[256];          /* key of the last key line (inih's prev_name) */
	bool have_key;          /* a continuation line is possible */
	enum parse_section_kind sec;
	size_t path_index;      /* SEC_PATH: index in pol->paths */
	struct parse_detector det; /* SEC_DETECTOR */
	int global_line;        /* line of [global], 0 if none yet */
	int detector_line[REDACT_MAX_DETECTORS]; /* by catalog index */
	unsigned uid_lists, gid_lists; /* sections that set unmask_uids/_groups */
	int err;                /* 0, or the -errno of the first error */
	char *errbuf;
	size_t errlen;
};

/* Records "FILE:LINE: message" as the error (the first one only) and
 * returns -EINVAL. */
int policy_parse_error(struct parse_state *st, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int policy_parse_nomem(struct parse_state *st);

/* The items of a comma-separated value ("a, b,c"): each call gives the
 * next item, blanks around it trimmed (it may be empty: "a,,b"), as
 * *item and *len, and returns false after the last one. *cursor starts at
 * the value and is advanced (NULL once the value is used up). */
bool policy_list_next(const char **cursor, const char **item, size_t *len);

/* section.c ------------------------------------------------------------ */

/* A header line; inner is the text between the brackets. Ends the previous
 * section first. Returns 0 or -errno (error recorded). */
int policy_section_open(struct parse_state *st, const char *inner);
/* Ends the current section (a detector is compiled into the catalog). */
int policy_section_close(struct parse_state *st);
/* A key line (st->key, value) or a continuation line (value) of st->key. */
int policy_section_key(struct parse_state *st, const char *value);
/* After the whole file: resolves every detectors list into its profile and
 * every action.DETECTOR name, checks that pseudonymize has its key, and
 * builds the unmask table. Returns 0 or -errno (error recorded). */
int policy_section_resolve(struct parse_state *st);

/* action.c ------------------------------------------------------------- */

/* An action.DETECTOR key of section s (st->key is the whole key). Returns
 * 0 or -errno. */
int policy_action_key(struct parse_state *st, struct policy_section *s, const char *value);
/* A value for action or action.DETECTOR into *out; reports a bad one at
 * the current line. Returns 0 or -errno. */
int policy_action_value(struct parse_state *st, const char *value, enum redact_action *out);
/* keep_head / keep_tail: 0..64 into *out. Returns 0 or -errno. */
int policy_keep_value(struct parse_state *st, const char *value, int *out);
/* After the whole file: the line of the first unknown detector named by an
 * action.DETECTOR key (0: none; *bad is its name), every idx filled in. */
int policy_action_resolve(struct parse_state *st, const char **bad, const char **kind);
int policy_label_key(struct parse_state *st, const char *value);
/* After the whole file: the first line using pseudonymize when there is no
 * key_file, or 0. */
int policy_action_needs_key(const struct policy *pol);

/* keyfile.c: key_file = value in [global]; reads and checks the file and
 * sets pol->key. Returns 0 or -errno. */
int policy_keyfile_load(struct parse_state *st, const char *value);

/* unmask.c: unmask_uids (groups false) or unmask_groups = value into list.
 * Returns 0 or -errno. */
int policy_unmask_parse(struct parse_state *st, struct policy_idlist *list, bool groups,
                        const char *value);

/* detector.c ----------------------------------------------------------- */

/* A [detector:NAME] header; checks the name. Returns 0 or -errno. */
int policy_detector_open(struct parse_state *st, const char *name);
/* A key or continuation line inside it. Returns 0 or -errno. */
int policy_detector_key(struct parse_state *st, const char *value);
/* Its end: adds the detector to the catalog. Returns 0 or -errno. */
int policy_detector_close(struct parse_state *st);
void policy_detector_reset(struct parse_detector *d);

#endif /* POLICY_PARSE_I_H */

/*
 * policy_i.h — private to policy/: the shape of a loaded policy.
 *
 * A policy is a [global] section (possibly absent: built-in defaults) and
 * the [path:] sections in file order, each remembering which keys it set and
 * on which line, so resolution can apply them in order and explain can say
 * where every effective setting came from. Invariant: after policy_load*
 * returns, nothing in here changes; every reader may share it.
 */
#ifndef POLICY_I_H
#define POLICY_I_H

#include <stdbool.h>
#include <stddef.h>

#include "glob_i.h"
#include "policy.h"

/* Keys a [global] or [path:] section can set (bit numbers). */
enum policy_key {
	POLICY_KEY_MODE = 0, /* "default" in [global], "mode" in [path:] */
	POLICY_KEY_BINARY,
	POLICY_KEY_DETECTORS,
	POLICY_KEY_ACTION,
	POLICY_KEY_FIELDS, /* field names added to the defaults */
	POLICY_KEY_FORMAT, /* auto (by file name), text, csv, tsv */
	POLICY_KEY_COUNT
};

struct policy_section {
	char *header;   /* text between the brackets: "global", "path:/x" */
	int line;       /* line of the section header */
	struct policy_glob glob; /* [path:] only */
	unsigned set;   /* bit k: key k was given */
	int key_line[POLICY_KEY_COUNT];
	enum policy_mode mode;
	enum policy_binary binary;
	enum redact_action action;
	char *detectors;        /* the list as written, until resolved */
	redact_fields *fields;  /* defaults + this section's field names */
	int format;             /* -1: auto, else an enum redact_format */
	redact_profile profile; /* enabled bits, once the list is resolved */
};

struct policy {
	char *source;            /* FILE in messages, "(built-in)" */
	redact_catalog *catalog; /* built-ins plus this file's detectors */
	struct policy_section global; /* set == 0 when there is no [global] */
	struct policy_section *paths; /* [path:] sections, in file order */
	size_t npaths;
};

/* parse.c: fills pol (source and catalog already set) from text; on error
 * returns -EINVAL (or -ENOMEM) with "FILE:LINE: ..." in err. */
int policy_parse(struct policy *pol, const char *text, size_t len, char *err,
                 size_t errlen);

/* keys.c: value words. Each returns 0, or -1 for a value not allowed. */
int policy_parse_mode(const char *value, enum policy_mode *out);
int policy_parse_binary(const char *value, enum policy_binary *out);
int policy_parse_action(const char *value, enum redact_action *out);
int policy_parse_format(const char *value, int *out);
const char *policy_format_name(int format);
const char *policy_action_name(enum redact_action action);

/* resolve.c: where each setting for path comes from. src[k] is the section
 * that set key k last (NULL: built-in default); *hidden_by is the section
 * that made an ancestor hidden, with that ancestor's length in path, or
 * NULL. Returns false when path cannot be resolved (see resolve.c): the
 * view is then the fail-closed one. */
struct policy_trace {
	const struct policy_section *src[POLICY_KEY_COUNT];
	const struct policy_section *hidden_by;
	size_t hidden_len; /* bytes of path naming the hidden ancestor */
	bool bad_path;
};
void policy_resolve_trace(const struct policy *pol, const char *path,
                          struct policy_view *view, struct policy_trace *trace);

/* A path cut into segments, for matching (resolve.c). */
#define POLICY_MAX_PATH 4096u
#define POLICY_MAX_DEPTH 1024u
struct policy_split {
	char buf[POLICY_MAX_PATH];
	const char *seg[POLICY_MAX_DEPTH];
	struct policy_path path;
};
/* Returns false for a path that is not absolute, holds "." or "..", or is
 * too long or too deep. */
bool policy_split_path(const char *path, struct policy_split *sp);

void policy_section_free(struct policy_section *s);

#endif /* POLICY_I_H */

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
#include <stdint.h>

#include "glob_i.h"
#include "policy.h"

/* Keys a [global] or [path:] section can set (bit numbers). */
enum policy_key {
	POLICY_KEY_MODE = 0, /* "default" in [global], "mode" in [path:] */
	POLICY_KEY_BINARY,
	POLICY_KEY_DETECTORS,
	POLICY_KEY_ACTION,
	POLICY_KEY_FIELDS, /* field names added to the defaults */
	POLICY_KEY_FORMAT, /* auto (by file name), text, csv, tsv, sql */
	POLICY_KEY_KEEP_HEAD, /* partial: characters kept at the start */
	POLICY_KEY_KEEP_TAIL, /* partial: characters kept at the end */
	POLICY_KEY_UNMASK_UIDS,   /* callers (users) who read raw */
	POLICY_KEY_UNMASK_GROUPS, /* callers (groups) who read raw */
	POLICY_KEY_KEY_FILE,  /* [global] only: the pseudonymization key */
	POLICY_KEY_AUDIT_LOG, /* [global] only: JSON lines of opens */
	POLICY_KEY_NAMES,     /* names of entries: redact or keep */
	POLICY_KEY_COUNT
};

/* action.DETECTOR = ACTION in one section; idx is filled in after the
 * whole file (detectors may be defined further down). */
struct policy_det_action {
	char *name;
	int idx; /* catalog index, -1 until resolved */
	enum redact_action action;
	int line;
};

/* A list of ids (unmask_uids or unmask_groups) as one section gives it. */
struct policy_idlist {
	unsigned *ids; /* uid_t / gid_t values, in the order written */
	size_t n;
	char *text;    /* the value as written, for explain */
	int slot;      /* 1 + its index among the sections setting this key */
};

/* Who reads a path raw: the uid list and the gid list in force there (each
 * from the last matching section that set it). Immutable; one per pair of
 * lists, built at load, so resolution only picks a pointer. */
struct policy_unmask {
	const struct policy_idlist *uids; /* NULL: no section set unmask_uids */
	const struct policy_idlist *gids; /* NULL: no section set unmask_groups */
};

struct policy_section {
	char *header;   /* text between the brackets: "global", "path:/x" */
	int line;       /* line of the section header */
	struct policy_glob glob; /* [path:] only */
	unsigned set;   /* bit k: key k was given */
	int key_line[POLICY_KEY_COUNT];
	enum policy_mode mode;
	enum policy_binary binary;
	enum policy_names names;
	enum redact_action action;
	char *detectors;        /* the list as written, until resolved */
	redact_fields *fields;  /* defaults + this section's field names */
	int format;             /* -1: auto, else an enum redact_format */
	redact_profile profile; /* enabled bits, once the list is resolved */
	int keep_head, keep_tail; /* 0..64 when set */
	struct policy_det_action *dact; /* action.DETECTOR keys, file order */
	size_t ndact;
	struct policy_idlist unmask[2]; /* [0] uids, [1] groups */
	char *key_file;  /* [global]: as resolved (absolute or policy-relative) */
	char *audit_log; /* [global]: as resolved */
};

/* label.DETECTOR = TEXT in [global]. */
struct policy_label {
	char *name, *text;
	int line;
};

struct policy {
	char *source;            /* FILE in messages, "(built-in)" */
	struct policy_label *label_list; /* as written, in file order */
	size_t nlabels;
	const char *labels[REDACT_MAX_DETECTORS]; /* by detector, once resolved */
	redact_catalog *catalog; /* built-ins plus this file's detectors */
	struct policy_section global; /* set == 0 when there is no [global] */
	struct policy_section *paths; /* [path:] sections, in file order */
	size_t npaths;
	uint8_t *key;        /* REDACT_KEY_LEN bytes (sodium_malloc), or NULL */
	bool names_all_kept; /* policy_note_names: no name is ever scanned */
	/* unmask[u * ngid_slots + g]: for uid list slot u and gid list slot g
	 * (0: none set); the [0] entry is unused (nobody is unmasked). */
	struct policy_unmask *unmask;
	size_t nuid_slots, ngid_slots;
};

/* parse.c: fills pol (source and catalog already set) from text; on error
 * returns -EINVAL (or -ENOMEM) with "FILE:LINE: ..." in err. */
int policy_parse(struct policy *pol, const char *text, size_t len, char *err,
                 size_t errlen);

/* keys.c: value words. Each returns 0, or -1 for a value not allowed
 * (policy_parse_action: -2 for an action not supported yet). */
int policy_parse_mode(const char *value, enum policy_mode *out);
int policy_parse_binary(const char *value, enum policy_binary *out);
int policy_parse_names(const char *value, enum policy_names *out);
/* resolve.c: sets pol->names_all_kept once the file is parsed. */
void policy_note_names(struct policy *pol);
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
	/* action.DETECTOR: the section and line that set detector i's action */
	const struct policy_section *dsrc[REDACT_MAX_DETECTORS];
	int dline[REDACT_MAX_DETECTORS];
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

/* strict.c: sshd's StrictModes for a file open on fd (named name in
 * messages): refuses one that is not owned by root or the running user, or
 * that group or others can write (any group/other bit when secret). On
 * refusal writes "what is wrong; refusing it" (no file name) into why and
 * returns false. */
bool policy_strict_ok(int fd, bool secret, char *why, size_t whylen);
/* The same for every directory above path, as given and as resolved:
 * owned by root or the running user, not writable by others unless sticky
 * (sshd's StrictModes). false with the reason in why. */
bool policy_strict_dirs_ok(const char *path, char *why, size_t whylen);

/* A path from a policy value: absolute as given, else relative to the
 * directory of the policy file named source (made absolute when it can be,
 * so a daemon that changes directory still finds it). Returns a malloc'ed
 * string or NULL (out of memory). */
char *policy_rel_path(const char *source, const char *value);

/* unmask.c: builds pol->unmask from the sections' lists. Returns 0 or
 * -ENOMEM. */
int policy_unmask_build(struct policy *pol);
/* The combination for a uid list and a gid list (NULL: none), or NULL when
 * both are absent or empty. */
const struct policy_unmask *policy_unmask_get(const struct policy *pol,
                                              const struct policy_idlist *uids,
                                              const struct policy_idlist *gids);

#endif /* POLICY_I_H */

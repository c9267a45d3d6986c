/*
 * policy.h — redactfs policies: an INI file turned into an immutable object
 * that answers "what does a consumer get for this path".
 *
 * This is the only public header of policy/. A policy is parsed with inih,
 * validated completely (every error is reported as "FILE:LINE: what is
 * wrong"), and never changes afterwards, so any number of threads may
 * resolve paths against it at once. It owns the detector catalog its
 * profiles point into.
 *
 * Paths are relative to the mount root and start with '/': "/" is the root,
 * "/exports/a.csv" a file in it.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "redact.h"

#define POLICY_ERRLEN 1024u

enum policy_mode {
	POLICY_MODE_REDACT = 0, /* served through the engine */
	POLICY_MODE_ALLOW,      /* served raw */
	POLICY_MODE_DENY,       /* open fails with EACCES */
	POLICY_MODE_HIDE,       /* ENOENT, absent from listings */
};

enum policy_binary {
	POLICY_BINARY_DENY = 0, /* a binary file cannot be opened: EACCES */
	POLICY_BINARY_ALLOW,    /* a binary file is served raw */
	POLICY_BINARY_SCAN,     /* a binary file is redacted like text */
};

/* What applies to one path. A plain value; profile points into the policy's
 * catalog, so the view lives as long as the policy. */
struct policy_unmask; /* who reads a path raw: policy-owned, immutable */

/* What the names of directory entries show (names = ...). */
enum policy_names {
	POLICY_NAMES_REDACT = 0, /* scanned with the path's detectors and actions */
	POLICY_NAMES_KEEP,       /* shown as they are */
};

struct policy_view {
	enum policy_mode mode;
	enum policy_binary binary;
	/* The entry's name: names = ..., by default redact, but keep where
	 * mode is allow. The same for every caller (unmask lists do not
	 * apply: the kernel caches names for all callers alike). */
	enum policy_names names;
	redact_profile profile; /* used in redact mode and for binary = scan */
	const struct policy_unmask *unmask; /* NULL: every caller is redacted */
};

/* Whether a caller (the FUSE request's uid, gid and supplementary groups)
 * reads this path raw: its uid is in unmask_uids or one of its groups in
 * unmask_groups (global and per path; the last section setting each key
 * wins). Only meaningful in redact mode. */
bool policy_view_unmasked(const struct policy_view *view, uid_t uid, gid_t gid,
                          const gid_t *groups, size_t ngroups);

/* Whether what this path shows depends on the caller (an unmask list
 * applies to it): such files must not share cached pages between callers. */
bool policy_view_per_caller(const struct policy_view *view);

/* How a file is served under a view, once its first bytes are known. */
enum policy_serving {
	POLICY_SERVE_REDACTED = 0, /* through the engine (text, or binary = scan) */
	POLICY_SERVE_RAW,          /* as it is: mode allow, or binary = allow */
	POLICY_SERVE_DENIED,       /* EACCES: mode deny, or binary = deny */
	POLICY_SERVE_HIDDEN,       /* ENOENT: mode hide */
};

/* How view serves a file whose first bytes (up to REDACT_SNIFF_LEN of them)
 * are head[0..n); head may be NULL when the mode alone decides (allow,
 * deny, hide). *binary (may be NULL) says whether the file is binary. The
 * one place where mode and binary setting meet; the mount and `redact`
 * both ask it. (Whether a caller is unmasked is policy_view_unmasked's.) */
enum policy_serving policy_serving(const struct policy_view *view, const void *head, size_t n,
                                   bool *binary);
/* "redacted", "raw", "refused", "not there", with why (for --explain). */
const char *policy_serving_says(const struct policy_view *view, enum policy_serving how,
                                bool binary);


typedef struct policy policy;

/* The audit_log file of [global], or NULL. */
const char *policy_audit_log(const policy *pol);

/* Loads and validates the policy file at path. Returns 0 and sets *out, or
 * -errno with "FILE:LINE: what is wrong" (or "FILE: what is wrong" when no
 * line applies, e.g. it cannot be read) in err. */
int policy_load(policy **out, const char *path, char *err, size_t errlen);

/* The same from text in memory; name stands for FILE in messages. */
int policy_load_string(policy **out, const char *name, const char *text,
                       char *err, size_t errlen);

/* The built-in policy used when none is given: default = redact, every
 * built-in detector, action mask, binary = deny. */
int policy_default(policy **out, char *err, size_t errlen);

/* Fills *view for path (see the top of this file). A path under a hidden
 * directory is hidden too. path NULL means "matched by no [path:] section"
 * (used for standard input). */
void policy_resolve(const policy *pol, const char *path, struct policy_view *view);

/* Prints the effective settings for path and, for each, the section (with
 * its line number) that gave it. Returns 0 or -errno. */
int policy_explain(const policy *pol, const char *path, FILE *out);

/* The file the policy came from ("(built-in)" for the default). */
const char *policy_source(const policy *pol);
const redact_catalog *policy_catalog(const policy *pol);
void policy_free(policy *pol);

/* Whether names = keep holds for every path (no section makes a name
 * redacted, and [global] keeps them): the mount then shows names as they
 * are without looking at them. */
bool policy_names_all_kept(const policy *pol);

/* Opens pol's audit_log for appending (made 0600 when missing), held to
 * the policy file's StrictModes: the file and every directory above it
 * owned by root or the running user and not writable by others (a
 * directory may be when sticky). The fd, or -errno with "FILE: audit_log
 * PATH what is wrong" in err (-ENOENT: the policy names none). */
int policy_audit_log_open(const policy *pol, char *err, size_t errlen);

const char *policy_mode_name(enum policy_mode mode);
const char *policy_names_name(enum policy_names names);
const char *policy_binary_name(enum policy_binary binary);

#endif /* POLICY_H */

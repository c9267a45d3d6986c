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

#include <stdio.h>

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
struct policy_view {
	enum policy_mode mode;
	enum policy_binary binary;
	redact_profile profile; /* used in redact mode and for binary = scan */
};

typedef struct policy policy;

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

const char *policy_mode_name(enum policy_mode mode);
const char *policy_binary_name(enum policy_binary binary);

#endif /* POLICY_H */

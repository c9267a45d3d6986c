/*
 * audit.h — the audit trail (audit.c).
 *
 * Invariant: a record holds names and counts, never file content.
 */
#ifndef RFS_AUDIT_H
#define RFS_AUDIT_H

#include "serve.h"
#include "stats.h"

/* Appends one JSON line for path (the real path; shown: the one the
 * consumer used, names.c) to fd (no-op when fd < 0): event "open"
 * or "close", mode ("redact", "allow", "deny", "hide", "binary-deny"),
 * action ("redacted", "raw", "denied") and counts, a JSON object text
 * (names are detector names, [a-z0-9_]). One write(2) per line. Never
 * holds file content. Returns 0 or -errno. */
int rfs_audit_record(int fd, const struct rfs_caller *who, const char *path, const char *shown,
                     const char *event, const char *mode, const char *action, const char *counts);
/* The "close" line of a redacted file: the values v redacted per detector
 * (names and counts only). Returns 0 or -errno. */
int rfs_audit_close_record(int fd, const struct rfs_caller *who, const char *path,
                           const char *shown, const char *mode, const struct rfs_values *v);

#endif /* RFS_AUDIT_H */

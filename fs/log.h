/*
 * log.h — the one way the daemon writes a message: syslog and stderr
 * (log.c), with a limit for messages a reader can make at will.
 *
 * Invariant: messages name paths, sections and errors, never file content.
 */
#ifndef RFS_LOG_H
#define RFS_LOG_H

#include <stdatomic.h>

#include <fuse_log.h>

/* openlog("redactfs", LOG_PID, LOG_DAEMON) and route fuse_log there too
 * (and to stderr, which is /dev/null once daemonized). */
void rfs_log_open(void);
void rfs_log(enum fuse_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A budget for one kind of message (what: "read error"): at most
 * RFS_LOG_BURST of them in any RFS_LOG_WINDOW_MS; the first one after a
 * window in which some were dropped is preceded by a line saying how many
 * (the status view's "reads failed" counts every failed read). A reader
 * that fails every read (a file the engine cannot scan, read in a loop)
 * then cannot flood the journal. Zero-initialised is ready; lives in the
 * mount's context (ctx.h). */
#define RFS_LOG_BURST 20u
#define RFS_LOG_WINDOW_MS 10000
struct rfs_log_limit {
	atomic_llong window_start_ms; /* CLOCK_MONOTONIC */
	atomic_uint in_window;        /* messages counted in this window */
	atomic_ullong dropped;        /* not written since the last report */
};
void rfs_log_limited(struct rfs_log_limit *limit, const char *what,
                     enum fuse_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* RFS_LOG_H */

/*
 * log.c — where redactfs's messages go: syslog (journald picks it up) and
 * stderr (seen with -f; /dev/null once daemonized).
 *
 * Invariant: messages name paths, sections and errors, never file content
 * (callers keep to it; nothing here adds content). libfuse's own messages
 * (fuse_log) take the same way. A limited kind of message (rfs_log_limited)
 * is written at most RFS_LOG_BURST times per window; how many were dropped
 * is said before the next one that is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static int rfs_syslog_level(enum fuse_log_level level)
{
	switch (level) {
	case FUSE_LOG_EMERG: return LOG_EMERG;
	case FUSE_LOG_ALERT: return LOG_ALERT;
	case FUSE_LOG_CRIT: return LOG_CRIT;
	case FUSE_LOG_ERR: return LOG_ERR;
	case FUSE_LOG_WARNING: return LOG_WARNING;
	case FUSE_LOG_NOTICE: return LOG_NOTICE;
	case FUSE_LOG_INFO: return LOG_INFO;
	case FUSE_LOG_DEBUG:
	default: return LOG_DEBUG;
	}
}

static void rfs_log_func(enum fuse_log_level level, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	vsyslog(rfs_syslog_level(level), fmt, ap2);
	va_end(ap2);
	vfprintf(stderr, fmt, ap);
}

void rfs_log_open(void)
{
	openlog("redactfs", LOG_PID, LOG_DAEMON);
	fuse_set_log_func(rfs_log_func);
}

void rfs_log(enum fuse_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rfs_log_func(level, fmt, ap);
	va_end(ap);
}

static long long rfs_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rfs_log_limited(struct rfs_log_limit *limit, const char *what,
                     enum fuse_log_level level, const char *fmt, ...)
{
	long long now = rfs_monotonic_ms();
	long long start = atomic_load(&limit->window_start_ms);
	/* One thread opens the next window; the others count in it. */
	if ((start == 0 || now - start >= RFS_LOG_WINDOW_MS) &&
	    atomic_compare_exchange_strong(&limit->window_start_ms, &start, now)) {
		atomic_store(&limit->in_window, 0);
		unsigned long long dropped = atomic_exchange(&limit->dropped, 0);
		if (dropped > 0)
			rfs_log(level, "redactfs: %llu more %s message%s not written "
			        "(at most %u per %d s)\n", dropped, what, dropped == 1 ? "" : "s",
			        RFS_LOG_BURST, RFS_LOG_WINDOW_MS / 1000);
	}
	if (atomic_fetch_add(&limit->in_window, 1) >= RFS_LOG_BURST) {
		atomic_fetch_add(&limit->dropped, 1);
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	rfs_log_func(level, fmt, ap);
	va_end(ap);
}

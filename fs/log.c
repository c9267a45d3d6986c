/*
 * log.c — where redactfs's messages go: syslog (journald picks it up) and
 * stderr (seen with -f; /dev/null once daemonized).
 *
 * Invariant: messages name paths, sections and errors, never file content
 * (callers keep to it; nothing here adds content). libfuse's own messages
 * (fuse_log) take the same way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

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

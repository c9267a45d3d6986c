/*
 * log.h — messages to syslog and stderr (log.c).
 */
#ifndef RFS_LOG_H
#define RFS_LOG_H

#include <fuse_log.h>

/* openlog("redactfs", LOG_PID, LOG_DAEMON) and route fuse_log there too
 * (and to stderr, which is /dev/null once daemonized). */
void rfs_log_open(void);
void rfs_log(enum fuse_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* RFS_LOG_H */

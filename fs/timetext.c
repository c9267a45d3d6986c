/*
 * timetext.c — times written one way for the audit log and the status
 * view: UTC, ISO 8601 with milliseconds (2025-01-31T09:15:02.123Z).
 */
#include <stdio.h>
#include <time.h>

#include "timetext.h"

long long rfs_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rfs_time_text(long long ms, char *out, size_t size)
{
	time_t sec = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&sec, &tm);
	size_t w = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + w, size - w, ".%03lldZ", ms % 1000);
}

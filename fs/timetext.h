/*
 * timetext.h — the time as the audit log and the status view write it
 * (timetext.c).
 */
#ifndef RFS_TIMETEXT_H
#define RFS_TIMETEXT_H

#include <stddef.h>

/* Now, in ms since the epoch (CLOCK_REALTIME). */
long long rfs_now_ms(void);
/* ms since the epoch as the audit log and the status view write a time:
 * UTC, ISO 8601 with milliseconds (2025-01-31T09:15:02.123Z) into out,
 * which holds RFS_TIME_LEN bytes. */
#define RFS_TIME_LEN 40
void rfs_time_text(long long ms, char *out, size_t size);

#endif /* RFS_TIMETEXT_H */

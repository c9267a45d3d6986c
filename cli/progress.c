/*
 * progress.c — the progress bar `redact` draws on standard error for a
 * long input: one line redrawn in place with '\r', at most ten times a
 * second, and erased when the input is done, so the terminal is left as it
 * was.
 *
 * Shown for an input of CLI_PROGRESS_MIN bytes or more: a regular file of
 * that size from the start (a bar, the percentage, the bytes done and the
 * speed), or a pipe once that much has been read (the bytes read and the
 * speed). The caller decides whether to draw at all (redact_main.c: when
 * standard error is a terminal). When standard output is a terminal too,
 * the bar is drawn only while the output stands at a line start, and
 * erased before any output is written (output.c), so the output is never
 * overwritten: the bar lives on the line below the last line written.
 *
 * Invariant: it writes only to the descriptor it is given, never to
 * standard output, and shows counts only, never input content. A failed
 * write of the bar is ignored: it never changes what `redact` outputs or
 * its exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli_i.h"

#define CLI_PROGRESS_EVERY_NS 100000000LL /* 10 redraws a second at most */
#define CLI_PROGRESS_BAR 24               /* cells of the bar */
#define BYTES_PER_MIB (1024.0 * 1024.0)

/* Now on the monotonic clock, in ns (for the speed and the redraw rate). */
static long long monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Writes all of buf to fd, best effort: a failed write is ignored. */
static void progress_write(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		buf += w;
		len -= (size_t)w;
	}
}

void cli_progress_start(struct cli_progress *p, int fd, uint64_t total)
{
	*p = (struct cli_progress){ .fd = fd, .total = total, .start_ns = monotonic_ns() };
	if (total > 0 && total < CLI_PROGRESS_MIN)
		p->fd = -1; /* known to be short: never drawn */
	struct winsize ws;
	if (p->fd >= 0 && ioctl(p->fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		p->columns = ws.ws_col;
}

/* The line for the state of p at time now (no '\r'). */
static size_t format_line(const struct cli_progress *p, long long now, char *line, size_t size)
{
	double secs = (double)(now - p->start_ns) / 1e9;
	char speed[32] = "";
	if (secs >= 0.05)
		snprintf(speed, sizeof speed, "  %.1f MB/s", (double)p->done / secs / 1e6);
	int n;
	if (p->total > 0) {
		uint64_t done = p->done < p->total ? p->done : p->total;
		unsigned pct = (unsigned)(done * 100 / p->total);
		char bar[CLI_PROGRESS_BAR + 1];
		size_t fill = (size_t)(done * CLI_PROGRESS_BAR / p->total);
		memset(bar, '#', fill);
		memset(bar + fill, '.', CLI_PROGRESS_BAR - fill);
		bar[CLI_PROGRESS_BAR] = '\0';
		n = snprintf(line, size, "redact: [%s] %3u%%  %.1f of %.1f MiB%s", bar, pct,
		             (double)done / BYTES_PER_MIB, (double)p->total / BYTES_PER_MIB, speed);
	} else {
		n = snprintf(line, size, "redact: %.1f MiB read%s", (double)p->done / BYTES_PER_MIB,
		             speed);
	}
	size_t len = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
	/* Never wider than the terminal: a wrapped line cannot be redrawn. */
	if (p->columns > 1 && len >= p->columns)
		len = p->columns - 1;
	return len;
}

void cli_progress_add(struct cli_progress *p, uint64_t n)
{
	if (p->fd < 0)
		return;
	p->done += n;
	if (p->total == 0 && p->done < CLI_PROGRESS_MIN)
		return;
	if (p->may_draw != NULL && !*p->may_draw)
		return; /* the output on this terminal is in mid-line */
	long long now = monotonic_ns();
	if (p->drawn > 0 && now < p->next_ns)
		return;
	p->next_ns = now + CLI_PROGRESS_EVERY_NS;
	char buf[160];
	buf[0] = '\r';
	size_t len = 1 + format_line(p, now, buf + 1, sizeof buf - 1);
	/* Blanks over the rest of a longer line drawn before. */
	while (len - 1 < p->drawn && len < sizeof buf)
		buf[len++] = ' ';
	progress_write(p->fd, buf, len);
	p->drawn = len - 1;
}

void cli_progress_clear(struct cli_progress *p)
{
	if (p->fd >= 0 && p->drawn > 0) {
		char buf[162];
		size_t len = 0;
		buf[len++] = '\r';
		while (len - 1 < p->drawn && len < sizeof buf - 1)
			buf[len++] = ' ';
		buf[len++] = '\r';
		progress_write(p->fd, buf, len);
	}
	p->drawn = 0;
}

void cli_progress_end(struct cli_progress *p)
{
	cli_progress_clear(p);
	p->fd = -1;
}

/*
 * output.c — buffered, complete writes to standard output for `redact`.
 *
 * Bytes are gathered into CLI_OUT_BUF-byte writes; short writes and EINTR
 * are retried until every byte is out. When the progress bar shares the
 * terminal (o->bar), it is erased before every write, and full buffers are
 * written up to a line end so that it can be drawn again below the output.
 * Invariant: the bytes written are exactly the bytes given, in order, with
 * or without a bar. A write error (EPIPE
 * included: SIGPIPE is ignored by main) is returned, never dropped, so the
 * exit status tells the truth.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli_i.h"

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		if (w == 0)
			return -EIO;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int note(struct cli_out *o, int r)
{
	if (r < 0 && !o->err)
		o->err = r;
	return r;
}

/* Writes len bytes out, the progress bar on the same terminal erased
 * first; remembers whether they end a line. */
static int write_out(struct cli_out *o, const unsigned char *p, size_t len)
{
	if (len == 0)
		return 0;
	if (o->bar)
		cli_progress_clear(o->bar);
	int r = write_all(o->fd, p, len);
	if (r == 0)
		o->line_start = p[len - 1] == '\n';
	return note(o, r);
}

int cli_out_flush(struct cli_out *o)
{
	int r = write_out(o, o->buf, o->len);
	o->len = 0;
	return r;
}

/* A full buffer under a bar: written up to its last line end (all of it
 * when it holds none), the rest kept for the next write. */
static int flush_lines(struct cli_out *o)
{
	const unsigned char *nl = memrchr(o->buf, '\n', o->len);
	size_t n = nl ? (size_t)(nl - o->buf) + 1 : o->len;
	int r = write_out(o, o->buf, n);
	memmove(o->buf, o->buf + n, o->len - n);
	o->len -= n;
	return r;
}

int cli_out_write(struct cli_out *o, const void *p, size_t len)
{
	const unsigned char *s = p;
	while (len > 0) {
		if (o->len == sizeof o->buf) {
			int r = o->bar ? flush_lines(o) : cli_out_flush(o);
			if (r < 0)
				return r;
		}
		if (o->len == 0 && len >= sizeof o->buf && !o->bar)
			return write_out(o, s, len); /* too big to gather */
		size_t n = len < sizeof o->buf - o->len ? len : sizeof o->buf - o->len;
		memcpy(o->buf + o->len, s, n);
		o->len += n;
		s += n;
		len -= n;
	}
	return 0;
}

int cli_out_sink(void *arg, const void *buf, size_t len)
{
	return cli_out_write(arg, buf, len);
}

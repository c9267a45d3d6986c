/*
 * output.c — buffered, complete writes to standard output for `redact`.
 *
 * Bytes are gathered into CLI_OUT_BUF-byte writes; short writes and EINTR
 * are retried until every byte is out. Invariant: a write error (EPIPE
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

int cli_out_flush(struct cli_out *o)
{
	int r = write_all(o->fd, o->buf, o->len);
	o->len = 0;
	return note(o, r);
}

int cli_out_write(struct cli_out *o, const void *p, size_t len)
{
	const unsigned char *s = p;
	if (len == 0)
		return 0;
	if (o->len + len > sizeof o->buf) {
		int r = cli_out_flush(o);
		if (r < 0)
			return r;
		if (len >= sizeof o->buf)
			return note(o, write_all(o->fd, s, len)); /* too big to gather */
	}
	memcpy(o->buf + o->len, s, len);
	o->len += len;
	return 0;
}

int cli_out_sink(void *arg, const void *buf, size_t len)
{
	return cli_out_write(arg, buf, len);
}

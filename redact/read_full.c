/*
 * read_full.c — reading a source through its redact_reader, which may
 * return fewer bytes than asked for (a pipe, the mount's backing file, the
 * tests' short-reading buffers).
 *
 * Invariant: what a caller gets is the source's bytes from the offset on,
 * as many as it asked for unless the source ends first; a read error is
 * returned as it came, never taken for the end.
 */
#include "redact_i.h"

ssize_t redact_read_full(redact_reader read, void *arg, uint8_t *buf, size_t len, uint64_t off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(arg, buf + got, len - got, off + got);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * binary.c — deciding whether a file is binary from its first bytes.
 *
 * Detectors cannot see inside compressed or encoded data, so a binary file
 * must never be served as if its bytes had been checked: callers refuse it
 * (binary = deny), serve it raw only when the policy says so, or scan it
 * anyway. A file is binary when its first REDACT_SNIFF_LEN bytes hold a NUL
 * or it starts with a known binary magic; a file that starts with a UTF-16
 * byte-order mark is text (decoded by utf16.c).
 */
#include <string.h>

#include "redact_i.h"

struct magic {
	const char *bytes;
	size_t len;
};

#define MAGIC(s) {s, sizeof(s) - 1}

static const struct magic magics[] = {
	MAGIC("\x1f\x8b"),                         /* gzip */
	MAGIC("\x1f\x9d"),                         /* compress */
	MAGIC("BZh"),                              /* bzip2 */
	MAGIC("\xfd" "7zXZ"),                      /* xz */
	MAGIC("\x28\xb5\x2f\xfd"),                 /* zstd */
	MAGIC("\x04\x22\x4d\x18"),                 /* lz4 */
	MAGIC("PK\x03\x04"),                       /* zip, docx, xlsx, odt, jar */
	MAGIC("PK\x05\x06"),                       /* empty zip */
	MAGIC("PK\x07\x08"),                       /* spanned zip */
	MAGIC("7z\xbc\xaf\x27\x1c"),               /* 7-Zip */
	MAGIC("Rar!\x1a\x07"),                     /* RAR */
	MAGIC("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), /* OLE: doc, xls, ppt, msg */
	MAGIC("%PDF-"),                            /* PDF */
	MAGIC("\x89PNG"),                          /* PNG */
	MAGIC("\xff\xd8\xff"),                     /* JPEG */
	MAGIC("GIF8"),                             /* GIF */
	MAGIC("\x7f" "ELF"),                       /* ELF */
	MAGIC("SQLite format 3"),                  /* SQLite */
};

bool redact_looks_binary(const void *head, size_t len)
{
	if (len > REDACT_SNIFF_LEN)
		len = REDACT_SNIFF_LEN;
	/* UTF-16 text with a byte-order mark is text: the engine decodes it
	 * (utf16.c). Its ASCII characters hold NUL bytes. */
	const uint8_t *h = head;
	if (len >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) || (h[0] == 0xFE && h[1] == 0xFF)))
		return false;
	if (memchr(head, '\0', len))
		return true;
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (len >= magics[i].len && memcmp(head, magics[i].bytes, magics[i].len) == 0)
			return true;
	return false;
}

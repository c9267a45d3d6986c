/*
 * t_binary.c — which first blocks make a file binary, and what the engine
 * says a file is (redact_content_kind).
 */
#include <string.h>

#include "redact.h"
#include "tap.h"

int main(void)
{
	struct tap t = {0};
	static const struct {
		const char *what;
		const char *bytes;
		size_t len;
		bool binary;
	} cases[] = {
		{"plain text", "name,email\nAlice,alice@example.com\n", 35, false},
		{"UTF-8 Chinese text", "姓名，手机\n", 16, false},
		{"UTF-8 byte-order mark", "\xef\xbb\xbfid,name\n", 11, false},
		{"empty file", "", 0, false},
		{"NUL byte", "abc\0def", 7, true},
		{"gzip", "\x1f\x8b\x08\x00", 4, true},
		{"zip / docx / xlsx", "PK\x03\x04\x14\x00", 6, true},
		{"OLE (doc, xls)", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, true},
		{"PDF", "%PDF-1.7\n", 9, true},
		{"bzip2", "BZh91AY&SY", 10, true},
		{"xz", "\xfd" "7zXZ", 5, true},
		{"zstd", "\x28\xb5\x2f\xfd", 4, true},
		{"7z", "7z\xbc\xaf\x27\x1c", 6, true},
		{"rar", "Rar!\x1a\x07\x01", 7, true},
		{"UTF-16LE with BOM (text, decoded)", "\xff\xfei\x00", 4, false},
		{"UTF-16BE with BOM (text, decoded)", "\xfe\xff\x00i", 4, false},
		{"UTF-32LE with BOM (text, decoded)", "\xff\xfe\x00\x00i\x00\x00\x00", 8, false},
		{"UTF-32BE with BOM (text, decoded)", "\x00\x00\xfe\xff\x00\x00\x00i", 8, false},
		{"a UTF-32BE BOM before little-endian units is binary",
		 "\x00\x00\xfe\xffi\x00\x00\x00", 8, true},
		{"a UTF-16LE BOM before ASCII is a lie: text", "\xff\xfemail alice@example.com\n", 25,
		 false},
		{"a UTF-16BE BOM before ASCII is a lie: text", "\xfe\xffmail alice@example.com\n", 25,
		 false},
		{"a UTF-16LE BOM before an unpaired low surrogate: NUL bytes, binary",
		 "\xff\xfe\x00\xdc" "a\x00", 6, true},
		{"a stray Latin-1 byte in a long UTF-8 line is text",
		 "2024-01-01 12:00:00 INFO caf\xe9 order 12345 shipped to the customer as planned, "
		 "status ok, latency 12 ms, retries 0, region cn-north, all good here today\n"
		 "2024-01-01 12:00:01 INFO next order 12346 shipped to the customer as planned, "
		 "status ok, latency 11 ms, retries 0, region cn-north, all good here today\n"
		 "2024-01-01 12:00:02 INFO next order 12347 shipped\n", 354, false},
		{"UTF-8 cut inside its last character (a file being written) is text",
		 "name 张\xe4\xbc", 9, false},
		{"many control bytes are binary", "a\x01b\x02c\x03d\x04e\x05f\x06", 12, true},
		{"a zlib stream without NUL (a git object) is binary",
		 "\x78\x9c\x2d\xcd\x41\x0a\xc2\x30\x10\x40\x51\xd7\x39\xc5\xec\x85\x32\x0d\xd3"
		 "\x71\x02\x22\xde\xa2\xe0\x2e\x49\x27\x36\x60\x4c\x29\x11\x4b\x4f\xaf\x82\x7f"
		 "\xf5\x76\x3f\xd6\x52\x72\x83\x9e\xf9\xd0\x56\x55\xa0\x20\x76\x98\x22\x93\x8d"
		 "\x81\x35\x38\x8f\x8c\x3a\x50\x48\x32\xb1\xb3\x22\x29\xa8\x92\x43\x32\xfe\xd5"
		 "\xe6\xba\xc2\x6d\xf6\xcf\x3b\x8c\x9a\xe1\xbc\xff\xd8\xbd\x35\x5f\x75\xf3\x65"
		 "\x79\x68\x17\x6b\xb9\x40\x7f\xc2\x7f\x70\x44\x41\x34\x26\xe5\xed\x3b\x34\x1f"
		 "\x12\xdf\x24\x06", 118, true},
		{"random bytes without NUL are binary",
		 "\x53\xf3\x27\x66\xa7\x0d\x13\xd3\x8a\x19\x5e\x96\x0f\xe9\x82\x37\x0a\x17\x70"
		 "\x6c\x12\x3e\x18\x8e\x6d\x10\xd4\x91\x20\xf3\x3a\xa2\xa1\x96\xf3\x10\x94\x96"
		 "\x66\x0d\xfa\x39\x0c\x8f\xdc\x23\x4b\x6c\x25\x8b\x1f\x93\x4f\x90\xd1\xaf\x2f"
		 "\x1b\x95\x93\xa4\x31\x60\x19", 64, true},
		{"NULs without a BOM", "i\x00d\x00", 4, true},
		{"PNG", "\x89PNG\r\n\x1a\n", 8, true},
		{"text that merely mentions PK", "PKG list\n", 9, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tap_ok(&t, redact_looks_binary(cases[i].bytes, cases[i].len) == cases[i].binary,
		       "%s is %s", cases[i].what, cases[i].binary ? "binary" : "text");

	/* What --explain says a file is. */
	tap_ok(&t, strcmp(redact_content_kind("\xff\xfei\x00", 4),
	                  "text, UTF-16LE (byte-order mark checked)") == 0,
	       "content kind: checked UTF-16LE: %s", redact_content_kind("\xff\xfei\x00", 4));
	tap_ok(&t, strstr(redact_content_kind("\xff\xfemail a@b.cd\n", 14), "do not bear out") != NULL,
	       "content kind: a lying byte-order mark is named: %s",
	       redact_content_kind("\xff\xfemail a@b.cd\n", 14));
	tap_ok(&t, strcmp(redact_content_kind("\x1f\x8b\x08\x00", 4), "gzip data") == 0,
	       "content kind: gzip data");

	/* A NUL past the sniffed block does not count; one inside does. */
	static char big[REDACT_SNIFF_LEN + 10];
	memset(big, 'a', sizeof big);
	big[REDACT_SNIFF_LEN + 5] = '\0';
	tap_ok(&t, !redact_looks_binary(big, sizeof big), "NUL after the first block is not looked at");
	big[REDACT_SNIFF_LEN - 1] = '\0';
	tap_ok(&t, redact_looks_binary(big, sizeof big), "NUL at the end of the first block counts");
	return tap_done(&t);
}

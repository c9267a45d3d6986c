/*
 * t_binary.c — which first blocks make a file binary.
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
		{"NULs without a BOM", "i\x00d\x00", 4, true},
		{"PNG", "\x89PNG\r\n\x1a\n", 8, true},
		{"text that merely mentions PK", "PKG list\n", 9, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		tap_ok(&t, redact_looks_binary(cases[i].bytes, cases[i].len) == cases[i].binary,
		       "%s is %s", cases[i].what, cases[i].binary ? "binary" : "text");

	/* A NUL past the sniffed block does not count; one inside does. */
	static char big[REDACT_SNIFF_LEN + 10];
	memset(big, 'a', sizeof big);
	big[REDACT_SNIFF_LEN + 5] = '\0';
	tap_ok(&t, !redact_looks_binary(big, sizeof big), "NUL after the first block is not looked at");
	big[REDACT_SNIFF_LEN - 1] = '\0';
	tap_ok(&t, redact_looks_binary(big, sizeof big), "NUL at the end of the first block counts");
	return tap_done(&t);
}

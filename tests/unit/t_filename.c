/*
 * t_filename.c — what a directory entry's name shows (redact_filename):
 * values found by the detectors masked, '_' separating values, a person's
 * name standing alone in a segment taken for a name, the extension and
 * every other part kept; never '/', "", "." or "..", never more than 255
 * bytes. The built-in policy's profile (every detector, action mask).
 *
 * Expected names are written by hand: '*' per byte of an ASCII value,
 * '＊' per Han character. All values invented.
 */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "tap.h"

static const struct {
	const char *in, *want;
} cases[] = {
	/* values, the extension kept */
	{"13812345678.pdf", "***********.pdf"},
	{"13812345678", "***********"},
	{"customer_11010519491231002X.csv", "customer_******************.csv"},
	{"john.smith@example.com.pdf", "**********************.pdf"},
	/* a '_' inside a value: the value is masked whole, not from the '_' */
	{"john_smith@example.com.pdf", "**********************.pdf"},
	/* (a local part may hold '_': cv_john_smith is all of it) */
	{"cv_john_smith@example.com_13812345678.pdf", "*************************_***********.pdf"},
	/* a directory named after an address: the whole name is the value */
	{"wei.zhang@example.com", "*********************"},
	/* a name alone in a segment */
	{"张伟_身份证复印件.jpg", "＊＊_身份证复印件.jpg"},
	{"李四-简历.pdf", "＊＊-简历.pdf"},
	{"王小明", "＊＊＊"},
	{"Zhang_Wei.docx", "*****_***.docx"},
	{"john.smith_cv.pdf", "****.*****_cv.pdf"},
	/* no value: the name as it is */
	{"周报_2024.xlsx", "周报_2024.xlsx"},
	{"report_final.pdf", "report_final.pdf"},
	{"data_export.csv", "data_export.csv"},
	{"README.md", "README.md"},
	{"IMG_20240101_123456.jpg", "IMG_20240101_123456.jpg"},
	{"v1.2.3.4.tar.gz", "v1.2.3.4.tar.gz"},
	{"2024-03-15 meeting notes.txt", "2024-03-15 meeting notes.txt"},
	{"a__b", "a__b"},
	{"..x", "..x"},
	/* a line break in a name does not end the scan early */
	{"notes\n13812345678.txt", "notes\n***********.txt"},
};

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		tap_ok(&t, false, "catalog");
		return tap_done(&t);
	}
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	char out[REDACT_NAME_MAX + 1];
	size_t n;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = redact_filename(&p, cases[i].in, strlen(cases[i].in), out, &n);
		bool ok = rc == 0 && n == strlen(out) && strcmp(out, cases[i].want) == 0;
		if (!tap_ok(&t, ok, "name %zu shows as written", i))
			printf("#   got:  %s (rc %d)\n#   want: %s\n", rc == 0 ? out : "", rc, cases[i].want);
	}
	/* 255 bytes of name with a phone: at most 255 bytes, extension kept */
	char big[256];
	memset(big, 'a', sizeof big);
	memcpy(big, "13812345678_", 12);
	memcpy(big + 251, ".pdf", 4);
	big[255] = '\0';
	int rc = redact_filename(&p, big, 255, out, &n);
	tap_ok(&t, rc == 0 && n <= REDACT_NAME_MAX && strncmp(out, "***********_", 12) == 0 &&
	                   strcmp(out + n - 4, ".pdf") == 0,
	       "a 255-byte name: masked, at most 255 bytes, its extension kept");
	/* a replace label with a '/' in it never makes a path */
	p.action = REDACT_ACTION_REPLACE;
	const char *labels[REDACT_MAX_DETECTORS] = {0};
	labels[redact_catalog_lookup(cat, "phone")] = "a/b";
	p.labels = labels;
	rc = redact_filename(&p, "13812345678.pdf", 15, out, &n);
	tap_ok(&t, rc == 0 && strchr(out, '/') == NULL && strcmp(out, "a_b.pdf") == 0,
	       "a label with '/' becomes '_' in a name (got %s)", rc == 0 ? out : "?");
	/* invalid UTF-8 is kept, values around it found */
	p.labels = NULL;
	p.action = REDACT_ACTION_MASK;
	rc = redact_filename(&p, "\xff\xfe_13812345678", 14, out, &n);
	tap_ok(&t, rc == 0 && n == 14 && memcmp(out, "\xff\xfe_***********", 14) == 0,
	       "invalid UTF-8 kept, the phone after it masked");
	redact_catalog_free(cat);
	return tap_done(&t);
}

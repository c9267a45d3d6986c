/*
 * t_unfinished.c — the end of the input: a file still being written (a
 * log, a growing export) or cut short, and runs longer than any value.
 *
 * Whatever a detector could still complete at the input's end is masked as
 * if it were complete; a complete, valid value there keeps its action; text
 * that ends with a line break is untouched by the rule. Every prefix of a
 * text full of values masks at least what the whole text masks over the
 * same bytes (no moment shows a raw part of a value), by the stream and by
 * range reads alike. A run of digits or letters longer than any value is
 * decided without reading to its end: no read fails because of it.
 *
 * Expected outputs are written by hand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static const struct {
	const char *in, *want;
} ends[] = {
	/* the three, as a reader of a growing log saw them raw */
	{"id 11010519491231002", "id *****************"},
	{"mail alice.zhang@exam", "mail ****************"},
	{"tel 138123", "tel ******"},
	/* a card number too short yet, or failing its check digit for now */
	{"card 41111111111", "card ***********"},
	{"card 41111111111111", "card **************"},
	/* a cue in a lookbehind stays; only the value-to-be is masked */
	{"Tel: 1381", "Tel: ****"},
	{"手机1381234", "手机*******"},
	/* a complete, valid value keeps its own marks; its cue stays */
	{"mail alice@example.com", "mail *****************"},
	{"出生日期：1990年3月7日", "出生日期：****＊*＊*＊"},
	/* a finished line is not unfinished */
	{"tel 138123\n", "tel 138123\n"},
	{"hello world\n", "hello world\n"},
	/* a key is not a value: only a value after it is masked */
	{"x {\"note\": \"ok\"", "x {\"note\": \"ok\""},
	/* an escape or an invisible character not whole yet at the end: the
	 * value before it may go on */
	{"tel 138123&#5", "tel *********"},
	{"x 1101051949123&#4", "x ****************"},
	{"card 62220212345\\u00", "card ***************"},
	{"tel 138123=", "tel *******"},
	{"tel 138123\xe2\x80", "tel ********"},
	{"{\"phone\": \"1381", "{\"phone\": \"****"},
	{"", ""},
};

/* A text full of values of every kind, each followed by text. */
static const char full_text[] =
	"2024-05-01 12:00:01 user=alice.zhang@example.com tel 13812345678 ok\n"
	"客户姓名：张伟，手机：13912345678，身份证号11010519491231002X，"
	"住址：北京市朝阳区建国路88号。\n"
	"card 4111 1111 1111 1111 from 192.168.10.23 mac 00:1a:2b:3c:4d:5e "
	"v6 2001:db8:85a3::8a2e:370:7334\n"
	"IBAN GB19 WEST 1234 5698 7654 99, SSN 536-22-1840, 护照号码：E12345678\n"
	"出生日期：1990年3月7日 诊断：2型糖尿病 Dear Alice Smith, at 31.2304, 121.4737 "
	"京A·12345 {\"name\": \"Wang Fang\", \"phone\": \"+86 139 1234 5678\"}\n"
	"HK A123456(3) TW A123456789 passport No. X12345678 end\n";

/* For every prefix of the text: each byte the whole text masks is masked
 * in the prefix's output too. Returns the first failing prefix length, or
 * SIZE_MAX. */
static size_t first_leaky_prefix(const redact_profile *p, const char *text, size_t len,
                                 const char *final, bool by_range)
{
	for (size_t n = 1; n <= len; n++) {
		char *got = NULL;
		size_t got_len = 0;
		int rc;
		if (by_range) {
			struct buf file = {0};
			collect(&file, text, n);
			got = malloc(n + 1);
			/* the last page of the file, as a reader at its end asks */
			uint64_t off = n > 4096 ? n - 4096 : 0;
			rc = got ? read_once(p, &file, n, off, n - off, got + off, &got_len, NULL, NULL)
			         : -ENOMEM;
			if (rc == 0 && got_len == n - off && off > 0) {
				size_t head_len;
				rc = read_once(p, &file, n, 0, off, got, &head_len, NULL, NULL);
			}
			got_len = n;
			free(file.data);
		} else {
			got = stream_str(p, text, n, 0, &rc);
			got_len = got ? strlen(got) : 0;
		}
		if (rc < 0 || got_len != n) {
			free(got);
			return n;
		}
		for (size_t i = 0; i < n; i++)
			if (final[i] == '*' && got[i] != '*') {
				free(got);
				return n;
			}
		free(got);
	}
	return SIZE_MAX;
}

int main(void)
{
	struct tap t = {0};
	redact_profile p;
	redact_catalog *cat = test_catalog(&p);

	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		int rc;
		char *got = stream_str(&p, ends[i].in, strlen(ends[i].in), 0, &rc);
		bool same = got && strcmp(got, ends[i].want) == 0;
		size_t len = strlen(ends[i].in);
		bool ended = len > 0 && ends[i].in[len - 1] == '\n';
		tap_ok(&t, same, "at the end: '%.*s'%s", (int)(ended ? len - 1 : len), ends[i].in,
		       ended ? " and a line break" : "");
		if (!same) {
			tap_diag_text("got", got);
			tap_diag_text("want", ends[i].want);
		}
		free(got);
	}

	/* partial action: a complete e-mail at the end keeps its action */
	{
		redact_profile pp = p;
		pp.action = REDACT_ACTION_PARTIAL;
		int rc;
		char *got = stream_str(&pp, "mail alice@example.com", 22, 0, &rc);
		tap_ok(&t, got && strcmp(got, "mail a****@example.com") == 0,
		       "a complete value at the end keeps its action (partial): %s", got ? got : "");
		free(got);
	}

	/* UTF-16 text cut inside a code unit, and UTF-8 written after UTF-16
	 * text: what is unfinished at the end is masked there too. */
	{
		static const char u16_odd[] = "\xff\xfe" "t\0e\0l\0 \0" "1\0" "3\0" "8\0" "1\0" "2";
		static const char u16_then_8[] = "\xff\xfe" "o\0k\0\n\0" "tel 138123";
		struct buf out = {0};
		int rc = stream_all(&p, u16_odd, sizeof u16_odd - 1, 0, &out);
		bool ok = rc == 0 && out.len == sizeof u16_odd - 1 &&
		          !memchr(out.data + 10, '1', out.len - 10) && !memchr(out.data + 10, '3', out.len - 10);
		tap_ok(&t, ok, "UTF-16 cut inside its last code unit: the unfinished phone is masked");
		free(out.data);
		out = (struct buf){0};
		rc = stream_all(&p, u16_then_8, sizeof u16_then_8 - 1, 0, &out);
		ok = rc == 0 && out.len == sizeof u16_then_8 - 1 &&
		     memcmp(out.data + out.len - 6, "******", 6) == 0;
		tap_ok(&t, ok, "UTF-8 written after UTF-16 text: the unfinished phone at the end is masked");
		free(out.data);
	}

	/* A custom value unfinished over more than a kilobyte: masked too. */
	{
		char err[REDACT_ERRLEN];
		int det = redact_catalog_add(cat, "case_no", "CASE-[0-9]{1,1800}/[0-9]{4}", NULL,
		                             NULL, err, sizeof err);
		redact_profile cp;
		redact_profile_init(&cp, cat);
		if (det >= 0)
			redact_profile_enable(&cp, (size_t)det);
		struct buf in = {0};
		collect(&in, "see CASE-", 9);
		while (in.len < 9 + 1500)
			collect(&in, "7", 1);
		struct buf out = {0};
		int rc = det >= 0 ? stream_all(&cp, in.data, in.len, 0, &out) : det;
		bool masked = rc == 0 && out.len == in.len && memcmp(out.data, "see ", 4) == 0;
		for (size_t i = 4; masked && i < out.len; i++)
			masked = out.data[i] == '*';
		tap_ok(&t, masked, "a custom value unfinished 1,500 bytes before the end is masked (rc %d)",
		       rc);
		free(in.data);
		free(out.data);
	}

	/* Every moment of a growing text: stream and range at its end. */
	{
		size_t len = strlen(full_text);
		int rc;
		char *final = stream_str(&p, full_text, len, 0, &rc);
		size_t masked = 0;
		for (size_t i = 0; final && i < len; i++)
			masked += final[i] == '*';
		tap_ok(&t, final && masked > 200, "the whole text masks its values (%zu bytes)", masked);
		if (final) {
			size_t bad = first_leaky_prefix(&p, full_text, len, final, false);
			tap_ok(&t, bad == SIZE_MAX, "stream: no prefix of %zu shows a byte the whole "
			       "text masks (first bad: %zu)", len, bad == SIZE_MAX ? 0 : bad);
			bad = first_leaky_prefix(&p, full_text, len, final, true);
			tap_ok(&t, bad == SIZE_MAX, "range: no prefix of %zu shows a byte the whole "
			       "text masks (first bad: %zu)", len, bad == SIZE_MAX ? 0 : bad);
		}
		free(final);
	}

	/* Runs longer than any value: never an error, served as they are. */
	{
		static const char *const runs[] = {"1", "a", "f0", "1 ", "1-", "x.", "中"};
		for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
			struct buf in = {0};
			collect(&in, "run ", 4);
			while (in.len < 12004)
				collect(&in, runs[r], strlen(runs[r]));
			collect(&in, "\ntel 13812345678 mail bob@example.com\n", 38);
			struct buf out = {0};
			int rc = stream_all(&p, in.data, in.len, 0, &out);
			bool run_kept = rc == 0 && out.len == in.len &&
			                memcmp(out.data, in.data, in.len - 38) == 0;
			bool tail_masked = rc == 0 && out.len == in.len &&
			                   strcmp(out.data + in.len - 38,
			                          "\ntel *********** mail ***************\n") == 0;
			tap_ok(&t, run_kept && tail_masked,
			       "a 12,000-byte run of '%s' is served unchanged, the values after it masked "
			       "(rc %d)", runs[r], rc);
			/* the same with every detector tried at every position */
			redact_profile full = p;
			full.full_scan = true;
			size_t n;
			char *mid = malloc(4096);
			rc = mid ? read_once(&full, &in, in.len, 6000, 4096, mid, &n, NULL, NULL) : -ENOMEM;
			tap_ok(&t, rc == 0 && n == 4096 && memcmp(mid, in.data + 6000, 4096) == 0,
			       "a range inside the run of '%s' reads, without the prefilter (rc %d)",
			       runs[r], rc);
			free(mid);
			free(in.data);
			free(out.data);
		}
		/* 3.9 MB of digits only */
		struct buf in = {0};
		char digits[4096];
		for (size_t i = 0; i < sizeof digits; i++)
			digits[i] = (char)('0' + (i * 7 + 3) % 10);
		while (in.len < 3900000)
			collect(&in, digits, sizeof digits);
		collect(&in, "\n", 1); /* a finished line: see the ends above */
		struct buf out = {0};
		int rc = stream_all(&p, in.data, in.len, 65536, &out);
		tap_ok(&t, rc == 0 && out.len == in.len && memcmp(out.data, in.data, in.len) == 0,
		       "3.9 MB of digits only: read whole, unchanged (rc %d)", rc);
		free(in.data);
		free(out.data);
	}

	redact_catalog_free(cat);
	return tap_done(&t);
}

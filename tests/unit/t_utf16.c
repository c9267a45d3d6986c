/*
 * t_utf16.c — UTF-16LE/BE and UTF-32LE/BE files with a byte-order mark:
 * found like UTF-8, masked in their own encoding with the byte length
 * kept, and random reads equal to the whole-file stream; byte-order marks
 * that lie (ASCII after FF FE) and UTF-8 lines appended to UTF-16 text:
 * the values are found all the same.
 *
 * Expected outputs are written by hand in UTF-8 ('*' for a masked ASCII
 * character, '＊' for any other masked character) and turned into UTF-16
 * by the small encoder below, which is independent of the engine.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static void put16(struct buf *b, unsigned u, bool be)
{
	uint8_t two[2] = {(uint8_t)(be ? u >> 8 : u & 0xFF), (uint8_t)(be ? u & 0xFF : u >> 8)};
	collect(b, two, 2);
}

/* UTF-8 (valid, as written in this file) to UTF-16 with a BOM. */
static struct buf to_utf16(const char *s, bool be)
{
	struct buf b = {0};
	put16(&b, 0xFEFF, be);
	const uint8_t *p = (const uint8_t *)s;
	while (*p) {
		uint32_t cp;
		if (*p < 0x80) {
			cp = *p++;
		} else if (*p < 0xE0) {
			cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else if (*p < 0xF0) {
			cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		} else {
			cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
			     (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
			p += 4;
		}
		if (cp >= 0x10000) {
			put16(&b, 0xD800 + ((cp - 0x10000) >> 10), be);
			put16(&b, 0xDC00 + ((cp - 0x10000) & 0x3FF), be);
		} else {
			put16(&b, cp, be);
		}
	}
	return b;
}

/* UTF-8 to UTF-32 with a BOM. */
static struct buf to_utf32(const char *s, bool be)
{
	struct buf u16 = to_utf16(s, false), b = {0};
	for (size_t i = 0; i + 1 < u16.len; i += 2) {
		uint32_t cp = (uint32_t)(uint8_t)u16.data[i] | (uint32_t)(uint8_t)u16.data[i + 1] << 8;
		if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < u16.len) {
			uint32_t lo = (uint32_t)(uint8_t)u16.data[i + 2] |
			              (uint32_t)(uint8_t)u16.data[i + 3] << 8;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		uint8_t four[4];
		for (int k = 0; k < 4; k++)
			four[be ? 3 - k : k] = (uint8_t)(cp >> (8 * k));
		collect(&b, four, 4);
	}
	free(u16.data);
	return b;
}

static int run(const redact_profile *p, const struct buf *in, size_t chunk, struct buf *out)
{
	return stream_all(p, in->data, in->len, chunk, out);
}

static const struct {
	enum redact_format format;
	const char *in, *want;
} cases[] = {
	{REDACT_FORMAT_TEXT, "mail alice@example.com now\n", "mail ***************** now\n"},
	{REDACT_FORMAT_TEXT, "手机13812345678，姓名：张三丰\n", "手机***********，姓名：＊＊＊\n"},
	{REDACT_FORMAT_TEXT, "身份证号110101199003071233\n", "身份证号******************\n"},
	{REDACT_FORMAT_TEXT, "no values here: 1700000000123 v1.2.3\n",
	 "no values here: 1700000000123 v1.2.3\n"},
	{REDACT_FORMAT_TEXT, "{\"name\": \"Zoë 😀\"}", "{\"name\": \"**＊***\"}"},
	{REDACT_FORMAT_CSV, "id,姓名,note\r\n1,王五,ok\r\n", "id,姓名,note\r\n1,＊＊,ok\r\n"},
	{REDACT_FORMAT_TEXT, "邮箱ｂｏｂ＠ｅｘａｍｐｌｅ．ｏｒｇ。\n", "邮箱＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊。\n"},
};

int main(void)
{
	struct tap t = {0};
	redact_profile all;
	redact_catalog *cat = test_catalog(&all);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int be = 0; be < 2; be++) {
			all.format = cases[i].format;
			struct buf in = to_utf16(cases[i].in, be), want = to_utf16(cases[i].want, be);
			struct buf out = {0};
			int rc = run(&all, &in, 3, &out);
			tap_ok(&t, rc == 0 && out.len == want.len && memcmp(out.data, want.data, want.len) == 0,
			       "UTF-16%s case %zu masked in its own encoding", be ? "BE" : "LE", i);
			free(in.data);
			free(want.data);
			free(out.data);
		}
	}

	/* UTF-32 with its mark: found, masked in UTF-32 (a character beyond
	 * U+FFFF is one unit there: '＊'). */
	static const struct {
		const char *in, *want;
	} cases32[] = {
		{"mail alice@example.com now\n", "mail ***************** now\n"},
		{"手机13812345678，姓名：张三丰\n", "手机***********，姓名：＊＊＊\n"},
		{"{\"name\": \"Zoë 😀\"}", "{\"name\": \"**＊*＊\"}"},
	};
	for (size_t i = 0; i < sizeof cases32 / sizeof cases32[0]; i++) {
		for (int be = 0; be < 2; be++) {
			struct buf in = to_utf32(cases32[i].in, be), want = to_utf32(cases32[i].want, be);
			struct buf out = {0};
			int rc = run(&all, &in, 5, &out);
			tap_ok(&t, rc == 0 && out.len == want.len && memcmp(out.data, want.data, want.len) == 0,
			       "UTF-32%s case %zu masked in its own encoding", be ? "BE" : "LE", i);
			free(in.data);
			free(want.data);
			free(out.data);
		}
	}
	all.format = REDACT_FORMAT_TEXT;

	/* A mark that lies: ASCII after FF FE (or FE FF) is read as what it is. */
	{
		static const char *const lies[] = {"\xff\xfe", "\xfe\xff"};
		for (int l = 0; l < 2; l++) {
			struct buf in = {0}, out = {0};
			collect(&in, lies[l], 2);
			const char *body = "mail alice.zhang@example.com id 11010519491231002X card "
			                   "4111111111111111\n";
			collect(&in, body, strlen(body));
			int rc = run(&all, &in, 1, &out);
			const char *want = "mail *********************** id ****************** card "
			                   "****************\n";
			tap_ok(&t, rc == 0 && out.len == in.len && memcmp(out.data, lies[l], 2) == 0 &&
			               memcmp(out.data + 2, want, strlen(want)) == 0,
			       "a %s mark before ASCII does not hide its values", l ? "FE FF" : "FF FE");
			free(in.data);
			free(out.data);
		}
	}

	/* UTF-8 lines appended to UTF-16 text: both parts masked; ranges equal
	 * the stream. */
	{
		struct buf in = to_utf16("手机13812345678，邮箱bob@example.org\n", false);
		const char *tail = "mail alice.zhang@example.com id 11010519491231002X\n";
		for (int k = 0; k < 400; k++)
			collect(&in, tail, strlen(tail));
		struct buf out = {0};
		int rc = run(&all, &in, 4097, &out);
		bool raw = false;
		for (size_t i = 0; rc == 0 && i + 11 <= out.len; i++)
			raw = raw || memcmp(out.data + i, "11010519491231002X", 11) == 0 ||
			      memcmp(out.data + i, "alice.zhang", 11) == 0;
		struct buf head16 = to_utf16("13812345678", false);
		for (size_t i = 0; rc == 0 && i + head16.len - 2 <= out.len; i++)
			raw = raw || memcmp(out.data + i, head16.data + 2, head16.len - 2) == 0;
		tap_ok(&t, rc == 0 && out.len == in.len && !raw,
		       "UTF-8 lines after UTF-16 text: no value of either part is left");
		bool ok = rc == 0;
		uint8_t *got = malloc(9000);
		unsigned seed = 11;
		for (int r = 0; r < 200 && ok && got; r++) {
			seed = seed * 1103515245u + 12345u;
			uint64_t off = (seed >> 5) % in.len;
			size_t len = 1 + (seed >> 9) % 9000;
			size_t n;
			rc = read_once(&all, &in, in.len, off, len, got, &n, NULL, NULL);
			size_t exp = in.len - off < len ? in.len - off : len;
			ok = rc == 0 && n == exp && memcmp(got, out.data + off, n) == 0;
		}
		tap_ok(&t, ok, "UTF-8 lines after UTF-16 text: random ranges equal the stream");
		free(got);
		free(head16.data);
		free(in.data);
		free(out.data);
	}

	/* Random ranges (odd offsets too) of a large UTF-16 file and of a CSV
	 * equal the stream. */
	for (int csv = 0; csv < 2; csv++) {
		all.format = csv ? REDACT_FORMAT_CSV : REDACT_FORMAT_TEXT;
		struct buf text = {0};
		collect(&text, csv ? "id,name,comment\n" : "", csv ? 16 : 0);
		static const char *const bits[] = {
			"1,\"张伟\",\"line\nbreak, 😀\"\n", "2,bob@example.org,x\n",
			"联系电话：13812345678；", "Zoë ", "\"a\",\"b\",\"c\"\n", "110101199003071233 ",
			"ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ "};
		unsigned seed = 5;
		while (text.len < 200000) {
			seed = seed * 1103515245u + 12345u;
			const char *b = bits[(seed >> 16) % 7];
			collect(&text, b, strlen(b));
		}
		collect(&text, "", 1); /* NUL-terminate for to_utf16 */
		struct buf in = to_utf16((const char *)text.data, csv);
		struct buf whole = {0};
		int rc = run(&all, &in, 70001, &whole);
		bool ok = rc == 0 && whole.len == in.len;
		uint8_t *got = malloc(40000);
		for (int r = 0; r < 300 && ok; r++) {
			seed = seed * 1103515245u + 12345u;
			uint64_t off = (seed >> 5) % in.len;
			size_t len = 1 + (seed >> 9) % (r % 2 ? 9 : 40000);
			size_t n;
			rc = read_once(&all, &in, in.len, off, len, got, &n, NULL, NULL);
			size_t exp = in.len - off < len ? in.len - off : len;
			ok = rc == 0 && n == exp && memcmp(got, whole.data + off, n) == 0;
		}
		tap_ok(&t, ok, "%s: random UTF-16 ranges equal the stream",
		       csv ? "CSV (UTF-16BE)" : "text (UTF-16LE)");
		free(got);
		free(text.data);
		free(in.data);
		free(whole.data);
	}
	redact_catalog_free(cat);
	return tap_done(&t);
}

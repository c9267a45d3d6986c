/*
 * t_stream.c — the one-definition property of the engine.
 *
 * For random inputs full of values (many placed across block and page
 * boundaries), the output of one whole feed must equal: the output of
 * feeding the same bytes in random chunks from 1 byte up, and every
 * read of the file (redact_file_read) at random offsets and lengths (1-byte reads,
 * reads that start or end inside a value, the whole file). Values that
 * straddle a block boundary must be masked whole; a detector that fails to
 * run must make both APIs fail rather than return bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint32_t rnd(uint32_t n)
{
	return test_rnd(&rng_state, n);
}

static const char *const pieces[] = {
	"alice@example.com", "张伟 zhang.wei@example.org", "13812345678", "138 1234 5678",
	"+86 139-1234-5678", "010-12345678", "110101199003071233", "11010519491231002X",
	"6222021234567890128", "4012 8888 8888 1881", "192.168.10.23", "v1.2.3.4",
	"1700000000123", "order 202310151234567890", "中文文本，", "\xff\xfe", "\xe4\xb8",
	"\n", " ", ", ", "EMP-123456", "EMP-1234567890123", "abcdefghij", "ÄÖÜ é",
	"𝄞", "(021) 62345678", "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "１３８１２３４５６７８",
};

static struct buf random_text(size_t size)
{
	struct buf b = {0};
	while (b.len < size) {
		const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
		collect(&b, p, strlen(p));
	}
	return b;
}

static int run_stream(const redact_profile *p, const struct buf *in, size_t max_chunk,
                      struct buf *out)
{
	redact_stream *s;
	int rc = redact_stream_new(&s, p);
	if (rc < 0)
		return rc;
	size_t at = 0;
	while (at < in->len && rc == 0) {
		size_t n = max_chunk ? 1 + rnd((uint32_t)max_chunk) : in->len;
		if (n > in->len - at)
			n = in->len - at;
		rc = redact_stream_feed(s, in->data + at, n, collect, out);
		at += n;
	}
	if (rc == 0)
		rc = redact_stream_finish(s, collect, out);
	redact_stream_free(s);
	return rc;
}

static bool range_matches(const redact_profile *p, const struct buf *in, const struct buf *want,
                          uint64_t off, size_t len)
{
	uint8_t *out = malloc(len + 1);
	size_t n = 0;
	int rc = read_once(p, in, in->len, off, len, out, &n, NULL, NULL);
	size_t expect = off >= in->len ? 0 : (in->len - off < len ? in->len - off : len);
	bool ok = rc == 0 && n == expect &&
	          (n == 0 || memcmp(out, want->data + off, n) == 0);
	if (!ok)
		printf("#   range off=%llu len=%zu rc=%d n=%zu expect=%zu\n", (unsigned long long)off,
		       len, rc, n, expect);
	free(out);
	return ok;
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	char err[REDACT_ERRLEN];
	if (redact_catalog_new(&cat) < 0 ||
	    redact_catalog_add(cat, "employee_id", "EMP-[0-9]+", NULL, NULL, err, sizeof err) < 0 ||
	    redact_catalog_add(cat, "cn_word", "(?<=张)伟", NULL, NULL, err, sizeof err) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	redact_profile all;
	redact_profile_init(&all, cat);
	redact_profile_enable_all(&all);

	static const size_t sizes[] = {0, 1, 100, 8191, 8192, 8193, 9300, 40000, 300000};
	for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
		struct buf in = random_text(sizes[si]);
		struct buf whole = {0};
		int rc = run_stream(&all, &in, 0, &whole);
		tap_ok(&t, rc == 0 && whole.len == in.len, "size %zu: whole feed keeps length",
		       in.len);
		static const size_t chunks[] = {1, 2, 7, 100, 4096, 70000};
		for (size_t ci = 0; ci < sizeof chunks / sizeof chunks[0]; ci++) {
			struct buf part = {0};
			rc = run_stream(&all, &in, chunks[ci], &part);
			tap_ok(&t, rc == 0 && part.len == whole.len &&
			                   (whole.len == 0 || memcmp(part.data, whole.data, whole.len) == 0),
			       "size %zu: chunks up to %zu give the whole-feed bytes", in.len,
			       chunks[ci]);
			free(part.data);
		}
		bool all_ranges = true;
		int tried = 0;
		for (int r = 0; r < 300 && all_ranges; r++, tried++) {
			uint64_t off = in.len ? rnd((uint32_t)in.len + 10) : rnd(10);
			size_t len = r % 5 == 0 ? 1 : 1 + rnd(r % 2 ? 200 : 30000);
			all_ranges = range_matches(&all, &in, &whole, off, len);
		}
		/* Reads aligned on page and block boundaries, and the whole file. */
		for (uint64_t off = 0; off < in.len && all_ranges; off += 4096)
			all_ranges = range_matches(&all, &in, &whole, off, 4096) &&
			             range_matches(&all, &in, &whole, off ? off - 1 : 0, 2);
		if (all_ranges)
			all_ranges = range_matches(&all, &in, &whole, 0, in.len + 1);
		tap_ok(&t, all_ranges, "size %zu: random and aligned ranges give the whole-feed bytes",
		       in.len);
		free(in.data);
		free(whole.data);
	}

	/* Values across block and page boundaries are masked whole. */
	static const size_t at[] = {4090, 8180, 12285, 16375, 24570, 28000};
	struct buf in = {0};
	for (size_t i = 0; i < 30000; i++)
		collect(&in, "x", 1);
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		memcpy(in.data + at[i], " bob@example.org ", 17);
	struct buf whole = {0};
	run_stream(&all, &in, 5, &whole);
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		bool masked = whole.len == in.len &&
		              memcmp(whole.data + at[i], " *************** ", 17) == 0;
		tap_ok(&t, masked, "a value across offset %zu is masked whole", at[i]);
		uint8_t one;
		size_t n;
		bool byte_masked = read_once(&all, &in, in.len, at[i] + 8, 1, &one, &n, NULL, NULL) ==
		                           0 && n == 1 && one == '*';
		tap_ok(&t, byte_masked, "a 1-byte read inside that value is masked");
	}
	free(in.data);
	free(whole.data);

	/* A detector that cannot finish makes the read fail: no bytes. */
	redact_profile slow;
	redact_profile_init(&slow, cat);
	int bad = redact_catalog_add(cat, "backtracker", "(a|aa)+[cd]", NULL, NULL, err, sizeof err);
	redact_profile_enable(&slow, (size_t)bad);
	in = (struct buf){0};
	for (int i = 0; i < 5000; i++)
		collect(&in, "a", 1);
	whole = (struct buf){0};
	int rc = run_stream(&slow, &in, 0, &whole);
	tap_ok(&t, rc == -EIO, "stream fails with EIO when a detector hits its match limit");
	uint8_t out[64];
	size_t n = 99;
	rc = read_once(&slow, &in, in.len, 100, sizeof out, out, &n, NULL, NULL);
	tap_ok(&t, rc == -EIO, "range fails with EIO too");
	free(in.data);
	free(whole.data);

	redact_catalog_free(cat);
	return tap_done(&t);
}

/*
 * t_csv_doubt.c — a malformed CSV/TSV row never makes later rows less
 * masked than a well-formed file would be: an unclosed quote, a stray
 * delimiter, a missing cell. Rows in doubt are masked by every reading
 * that could be true; quotes, delimiters and line breaks stay, so the
 * masked file parses as the file does; well-formed rows keep their
 * field's action; random ranges (through checkpoints) equal the stream.
 *
 * Expected outputs are written by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static const struct {
	enum redact_format format;
	const char *what, *in, *want;
} cases[] = {
	{REDACT_FORMAT_CSV, "an unclosed quote: its row and every later one",
	 "id,note,name,city\n1,ok,Zhang Wei,Beijing\n2,\"unterminated note,Li Na,Shanghai\n"
	 "3,fine,Wang Fang,Shenzhen\n",
	 "id,note,name,city\n1,ok,*********,Beijing\n2,\"unterminated note,*****,Shanghai\n"
	 "3,fine,*********,Shenzhen\n"},
	{REDACT_FORMAT_CSV, "a stray comma before the name: every column the name could be",
	 "id,note,name,city\n4,ok, really,Zhao Lei,Wuhan\n5,fine,Sun Li,Xian\n",
	 "id,note,name,city\n4,ok,*******,********,Wuhan\n5,fine,******,Xian\n"},
	{REDACT_FORMAT_CSV, "a missing cell: every column the name could be",
	 "id,note,name,city\n6,Qian Mo,Nanjing\n7,fine,Zhou Yi,Hefei\n",
	 "id,note,name,city\n6,*******,*******\n7,fine,*******,Hefei\n"},
	{REDACT_FORMAT_CSV, "a quoted cell over two lines: its quotes stay, the name is masked",
	 "id,note,name,city\n1,\"multi\nline, more\",Zhang Wei,Beijing\n2,ok,Li Na,Shanghai\n",
	 "id,note,name,city\n*,\"*****\nline, more\",*********,Beijing\n2,ok,*****,Shanghai\n"},
	{REDACT_FORMAT_CSV, "quoted commas are no stray commas",
	 "id,note,name,city\n1,\"a, b, c\",Zhang Wei,Beijing\n",
	 "id,note,name,city\n1,\"a, b, c\",*********,Beijing\n"},
	{REDACT_FORMAT_CSV, "a multi-line cell: the RFC delimiters after it stay",
	 "id,note,name,x\n1,\"line one\n\",Zhang Wei,\"x\"\n",
	 "id,note,name,x\n*,\"********\n\",*********,\"*\"\n"},
	{REDACT_FORMAT_TSV, "a stray tab in a TSV row",
	 "id\tnote\tname\tcity\n1\tok\textra\tZhang Wei\tBeijing\n",
	 "id\tnote\tname\tcity\n1\tok\t*****\t*********\tBeijing\n"},
};

int main(void)
{
	struct tap t = {0};
	redact_profile p;
	redact_catalog *cat = test_catalog(&p);
	redact_profile_init(&p, cat); /* the field detector alone */
	redact_profile_enable(&p, (size_t)redact_catalog_lookup(cat, "field"));

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p.format = cases[i].format;
		struct buf out = {0}, one = {0};
		int rc = stream_all(&p, cases[i].in, strlen(cases[i].in), 0, &out);
		int rc1 = stream_all(&p, cases[i].in, strlen(cases[i].in), 1, &one);
		bool same = rc == 0 && rc1 == 0 && out.data && strcmp(out.data, cases[i].want) == 0 &&
		            one.data && strcmp(one.data, out.data) == 0;
		tap_ok(&t, same, "%s", cases[i].what);
		if (!same) {
			tap_diag_text("got", out.data);
			tap_diag_text("want", cases[i].want);
		}
		free(out.data);
		free(one.data);
	}

	/* A line too long to count its cells in time (padding over 2 KiB,
	 * then a stray comma): every cell may be any column. */
	{
		p.format = REDACT_FORMAT_CSV;
		struct buf in = {0}, out = {0};
		collect(&in, "id,comment,name\n1,hello", 24);
		for (int i = 0; i < 2100; i++)
			collect(&in, "x", 1);
		collect(&in, ", world,Bob Stone\n2,ok,Ann Lee\n", 31);
		int rc = stream_all(&p, in.data, in.len, 0, &out);
		tap_ok(&t, rc == 0 && out.len == in.len && !memmem(out.data, out.len, "Bob", 3) &&
		               !memmem(out.data, out.len, "Ann", 3) &&
		               memmem(out.data, out.len, "\n2,ok,", 6) != NULL,
		       "a line over 2 KiB with a stray comma: its name is masked, the next row as usual");
		free(in.data);
		free(out.data);
	}

	/* Well-formed rows keep their field's action. */
	{
		static const uint8_t key[REDACT_KEY_LEN] = {9};
		redact_profile pp = p;
		pp.format = REDACT_FORMAT_CSV;
		pp.action = REDACT_ACTION_PSEUDONYMIZE;
		pp.key = key;
		const char *in = "id,name,city\n1,Zhang Wei,Beijing\n2,Li Na,Shanghai\n";
		struct buf out = {0};
		int rc = stream_all(&pp, in, strlen(in), 0, &out);
		bool tokens = rc == 0 && out.len == strlen(in) && !strstr(out.data, "Zhang Wei") &&
		              !strstr(out.data, "Li Na") && !strchr(out.data, '*') &&
		              strstr(out.data, ",Beijing\n") && strstr(out.data, ",Shanghai\n");
		tap_ok(&t, tokens, "well-formed rows keep pseudonyms (no mask, no raw name)");
		if (!tokens)
			printf("#   got %zu bytes, rc %d\n", out.len, rc);
		free(out.data);
	}

	/* A long export with broken rows: no later name is left; random
	 * ranges through checkpoints equal the stream. */
	{
		p.format = REDACT_FORMAT_CSV;
		uint64_t rng = 0x9E3779B97F4A7C15u;
		struct buf csv = {0};
		collect(&csv, "id,note,name,city\n", 18);
		char line[256];
		for (unsigned i = 0; csv.len < 400000; i++) {
			const char *note = "ok";
			uint32_t r = test_rnd(&rng, 100);
			if (r < 2)
				note = "\"unclosed note";
			else if (r < 4)
				note = "stray, comma";
			else if (r < 6)
				note = "\"two\nlines\"";
			else if (r < 8)
				note = "\"closed, quoted\"";
			int n = snprintf(line, sizeof line, "%u,%s,Person%uName,City%u\n", i, note, i, i);
			collect(&csv, line, (size_t)n);
		}
		struct buf whole = {0};
		int rc = stream_all(&p, csv.data, csv.len, 0, &whole);
		bool leak = rc != 0;
		for (size_t i = 0; !leak && i + 6 < whole.len; i++)
			leak = memcmp(whole.data + i, "Person", 6) == 0;
		tap_ok(&t, rc == 0 && whole.len == csv.len && !leak,
		       "a %zu-byte export with broken rows: no name is left", csv.len);
		redact_file *kept;
		bool all = rc == 0 && redact_file_new(&kept, &p, mem_read, &csv) == 0;
		all = all && ranges_equal(&p, kept, &csv, &whole, 250, 300, 65536, &rng) &&
		      ranges_equal(&p, NULL, &csv, &whole, 50, 300, 65536, &rng);
		tap_ok(&t, all, "broken rows: random ranges through checkpoints equal the stream");
		redact_file_free(kept);
		free(csv.data);
		free(whole.data);
	}
	redact_catalog_free(cat);
	return tap_done(&t);
}

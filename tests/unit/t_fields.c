/*
 * t_fields.c — field-aware redaction: values of fields named like personal
 * data in key=value / key: value text, JSON (nested too) and CSV/TSV columns
 * by header; random CSV reads against the whole-file stream; values too long
 * for a block's reach fail instead of showing their rest.
 *
 * Expected outputs are written by hand ('*' per ASCII byte, '＊' per CJK
 * character); all data is invented.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "redact_i.h" /* test hooks: redact_file_set_checkpoint_max */
#include "tap.h"

static int run(const redact_profile *p, const char *in, size_t len, struct buf *out)
{
	return stream_all(p, in, len, 0, out);
}

struct example {
	enum redact_format format;
	const char *in, *want;
};

static const struct example examples[] = {
	/* key=value and key: value */
	{REDACT_FORMAT_TEXT, "user=alice name=Alice phone=x1 ok", "user=alice name=***** phone=** ok"},
	{REDACT_FORMAT_TEXT, "Name: Alice Chen\nCity: Paris\n", "Name: **********\nCity: Paris\n"},
	{REDACT_FORMAT_TEXT, "name: Bob Li, dept: sales", "name: ******, dept: sales"},
	{REDACT_FORMAT_TEXT, "address: 12 Rue Example, Paris; ok", "address: *********************; ok"},
	{REDACT_FORMAT_TEXT, "姓名：张三丰，性别：男", "姓名：＊＊＊，性别：男"},
	{REDACT_FORMAT_TEXT, "客户姓名: 李四\n", "客户姓名: ＊＊\n"},
	{REDACT_FORMAT_TEXT, "First Name = \"Ann Lee\" x", "First Name = \"*******\" x"},
	{REDACT_FORMAT_TEXT, "hostname=web01 filename=a.txt", "hostname=web01 filename=a.txt"},
	{REDACT_FORMAT_TEXT, "?q=1&email=x%40example.org&p=2", "?q=1&email=***************&p=2"},
	/* JSON */
	{REDACT_FORMAT_TEXT, "{\"name\": \"Alice\", \"age\": 30}", "{\"name\": \"*****\", \"age\": 30}"},
	{REDACT_FORMAT_TEXT, "{\"Phone\":\"+1 555 0100\",\"ok\":true}", "{\"Phone\":\"***********\",\"ok\":true}"},
	{REDACT_FORMAT_TEXT, "{\"dob\": 19900307}", "{\"dob\": ********}"},
	{REDACT_FORMAT_TEXT, "{\"address\": {\"city\": \"Lyon\", \"zip\": 69001}, \"n\": 1}",
	 "{\"address\": {\"city\": \"****\", \"zip\": *****}, \"n\": 1}"},
	{REDACT_FORMAT_TEXT, "{\"email\": [\"a@b.c\", \"d\\\"e\"]}", "{\"email\": [\"*****\", \"****\"]}"},
	{REDACT_FORMAT_TEXT, "{\"display_name\": \"Build Bot\"}", "{\"display_name\": \"Build Bot\"}"},
	{REDACT_FORMAT_TEXT, "{\"nickname\": \"Al\"}", "{\"nickname\": \"**\"}"},
	/* CSV by header: quoted cells, embedded commas and newlines, "" */
	{REDACT_FORMAT_CSV, "id,name,city\n1,Ann,Oslo\n2,\"Lee, Bo\",Rome\n",
	 "id,name,city\n1,***,Oslo\n2,\"*******\",Rome\n"},
	{REDACT_FORMAT_CSV, "id,Address\n1,\"12 Main St\nApt 4\"\n2,\"say \"\"hi\"\"\"\n",
	 "id,Address\n1,\"**********\n*****\"\n2,\"****\"\"**\"\"\"\n"},
	{REDACT_FORMAT_CSV, "\xef\xbb\xbf姓名,年龄\r\n王五,30\r\n", "\xef\xbb\xbf姓名,年龄\r\n＊＊,30\r\n"},
	{REDACT_FORMAT_CSV, "id,note\n1,name=Zed\n", "id,note\n1,name=***\n"},
	{REDACT_FORMAT_TSV, "id\tphone\n1\t555 0100\n", "id\tphone\n1\t********\n"},
	{REDACT_FORMAT_TSV, "id\tnote\n1\t\"x\ty\"\n", "id\tnote\n1\t\"x\ty\"\n"},
};

/* A CSV of n records with a multi-line quoted column and names. */
static struct buf random_csv(size_t n, unsigned seed)
{
	struct buf b = {0};
	static const char *const names[] = {"Ann", "Bo Lee", "陈爱丽", "O\"\"Brien", "Zed, Jr"};
	collect(&b, "id,comment,name,score\n", 22);
	for (size_t i = 0; i < n; i++) {
		char line[256];
		seed = seed * 1103515245u + 12345u;
		const char *name = names[(seed >> 16) % 5];
		int multi = (seed >> 8) % 4 == 0;
		int len = snprintf(line, sizeof line, "%zu,\"%s%s\",\"%s\",%u\n", i,
		                   multi ? "line one\nline, two" : "plain",
		                   (seed >> 4) % 3 ? "" : " \"\"quoted\"\"", name, seed % 100);
		collect(&b, line, (size_t)len);
	}
	return b;
}

/* Private to the engine (redact_i.h): a smaller checkpoint limit. */

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat = test_catalog(NULL);
	redact_profile field;
	redact_profile_init(&field, cat);
	redact_profile_enable(&field, (size_t)redact_catalog_lookup(cat, "field"));

	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		field.format = examples[i].format;
		struct buf out = {0};
		int rc = run(&field, examples[i].in, strlen(examples[i].in), &out);
		bool same = rc == 0 && out.data && strcmp(out.data, examples[i].want) == 0;
		char what[128];
		size_t w = 0;
		for (const char *c = examples[i].in; *c && w + 3 < sizeof what; c++) {
			if (*c == '\n' || *c == '\r' || *c == '\t') {
				what[w++] = '\\';
				what[w++] = *c == '\n' ? 'n' : *c == '\r' ? 'r' : 't';
			} else {
				what[w++] = *c;
			}
		}
		what[w] = '\0';
		tap_ok(&t, same, "field (format %d): %s", (int)examples[i].format, what);
		if (!same)
			printf("#   (got and want differ; both are multi-line, not printed)\n");
		free(out.data);
	}

	/* Extra field names from a policy. */
	const char *extra[] = {"employee_code", "工号"};
	redact_fields *more;
	char err[REDACT_ERRLEN];
	tap_ok(&t, redact_fields_new(&more, extra, 2, err, sizeof err) == 0, "extra field names");
	redact_profile ext = field;
	ext.fields = more;
	ext.format = REDACT_FORMAT_TEXT;
	struct buf out = {0};
	run(&ext, "employee-code: E77 工号：9 name=N", 36, &out);
	tap_ok(&t, out.data && strcmp(out.data, "employee-code: *** 工号：* name=*") == 0,
	       "extra names are fields, defaults stay");
	free(out.data);
	const char *bad[] = {"a=b"};
	redact_fields *none;
	tap_ok(&t, redact_fields_new(&none, bad, 1, err, sizeof err) == -EINVAL && strstr(err, "a=b"),
	       "a field name with '=' is refused: %s", err);

	/* Random CSV reads equal the stream, through one index and without. */
	field.format = REDACT_FORMAT_CSV;
	struct buf csv = random_csv(6000, 7);
	struct buf whole = {0};
	tap_ok(&t, run(&field, csv.data, csv.len, &whole) == 0 && whole.len == csv.len,
	       "CSV of %zu bytes redacted whole", csv.len);
	tap_ok(&t, whole.data && !strstr(whole.data, "陈爱丽") && !strstr(whole.data, "Bo Lee") &&
	                   strstr(whole.data, "line, two"),
	       "name column masked, comment column kept");
	redact_file *ix;
	redact_file_new(&ix, &field, mem_read, &csv);
	struct redact_version v = buf_version(&csv);
	bool all = true;
	unsigned seed = 99;
	char *got = malloc(70000);
	for (int r = 0; r < 400 && all; r++) {
		seed = seed * 1103515245u + 12345u;
		uint64_t off = (seed >> 3) % csv.len;
		size_t len = r % 3 ? 1 + (seed >> 11) % 300 : 1 + (seed >> 7) % 65536;
		size_t n;
		int rc = r % 7 == 0 ? read_once(&field, &csv, csv.len, off, len, got, &n, NULL, NULL)
		                    : redact_file_read(ix, &v, off, len, got, &n, NULL, NULL);
		size_t want = csv.len - off < len ? csv.len - off : len;
		all = rc == 0 && n == want && memcmp(got, whole.data + off, n) == 0;
		if (!all)
			printf("#   off=%llu len=%zu rc=%d\n", (unsigned long long)off, len, rc);
	}
	tap_ok(&t, all, "random CSV ranges (with and without checkpoints) equal the stream");
	/* Backwards, after the checkpoints went deep. */
	all = true;
	for (uint64_t off = csv.len; off > 4096 && all; off = off > 40000 ? off - 40000 : 0) {
		size_t n;
		int rc = redact_file_read(ix, &v, off - 4096, 4096, got, &n, NULL, NULL);
		all = rc == 0 && n == 4096 && memcmp(got, whole.data + off - 4096, n) == 0;
	}
	tap_ok(&t, all, "reads going backwards use earlier checkpoints correctly");
	free(got);
	redact_file_free(ix);
	free(csv.data);
	free(whole.data);

	/* An index that may hold only 3 checkpoints thins them out (every
	 * other one goes, the span doubles) and still gives the same bytes. */
	/* Mostly quoted multi-line cells: a checkpoint taken for the wrong
	 * place puts the parser inside or outside quotes wrongly for long. */
	csv = (struct buf){0};
	collect(&csv, "id,comment,name\n", 16);
	for (unsigned i = 0; csv.len < 900000; i++) {
		char line[512];
		seed = seed * 1103515245u + 12345u;
		int n = snprintf(line, sizeof line,
		                 "%u,\"%.*s\nmore, text \"\"%u\"\"\n%.*s\",\"Name %u\"\n", i,
		                 (int)(seed % 150), "one, two three four five six seven eight nine ten "
		                 "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
		                 "nineteen twenty twenty-one twenty-two",
		                 seed % 97, (int)(seed >> 8) % 120,
		                 "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
		                 "nu xi omicron pi rho sigma tau upsilon phi chi psi omega", i);
		collect(&csv, line, (size_t)n);
	}
	whole = (struct buf){0};
	bool tok_whole = run(&field, csv.data, csv.len, &whole) == 0 && whole.len == csv.len;
	redact_file_new(&ix, &field, mem_read, &csv);
	redact_file_set_checkpoint_max(ix, 3);
	v = buf_version(&csv);
	got = malloc(80000);
	redact_workspace *ws = NULL;
	redact_workspace_new(&ws);
	redact_workspace_use_two_threads(ws, true);
	all = tok_whole;
	for (int r = 0; r < 300 && all; r++) {
		seed = seed * 1103515245u + 12345u;
		/* deep first, then anywhere */
		uint64_t off = r < 10 ? csv.len - 1 - (uint64_t)r * 1000 : (seed >> 3) % csv.len;
		size_t len = 1 + (seed >> 9) % 9000, n;
		/* half of them through a kept workspace (long ones: two threads) */
		int rc = r % 2 ? redact_file_read(ix, &v, off, len * 8, got, &n, ws, NULL)
		               : redact_file_read(ix, &v, off, len, got, &n, NULL, NULL);
		size_t want = csv.len - off < (r % 2 ? len * 8 : len) ? csv.len - off
		                                                       : (r % 2 ? len * 8 : len);
		all = rc == 0 && n == want && memcmp(got, whole.data + off, n) == 0;
	}
	tap_ok(&t, all, "a thinned-out index (%zu-byte CSV, 3 checkpoints kept) equals the stream",
	       csv.len);
	uint64_t span = 0;
	size_t held = redact_file_checkpoints_held(ix, &span);
	tap_ok(&t, held >= 1 && held <= 3 && span >= 4 * REDACT_CHECKPOINT_BLOCKS * REDACT_BLOCK,
	       "its memory is bounded: %zu checkpoints, %llu bytes apart", held,
	       (unsigned long long)span);
	redact_workspace_free(ws);
	free(got);
	redact_file_free(ix);
	free(csv.data);
	free(whole.data);

	/* A value too long for a block's reach fails closed, in both APIs. */
	int tok = redact_catalog_add(cat, "token", "TOKEN-[A-Z]+", NULL, NULL, err, sizeof err);
	redact_profile longp;
	redact_profile_init(&longp, cat);
	redact_profile_enable(&longp, (size_t)tok);
	redact_profile_enable(&longp, (size_t)redact_catalog_lookup(cat, "field"));
	struct buf in = {0};
	for (int i = 0; i < 8000; i++)
		collect(&in, "x", 1);
	collect(&in, " TOKEN-", 7);
	for (int i = 0; i < 3000; i++)
		collect(&in, "A", 1);
	collect(&in, " end\n", 5);
	out = (struct buf){0};
	tap_ok(&t, run(&longp, in.data, in.len, &out) == -EIO, "a 3000-byte custom value fails the stream");
	size_t n;
	char small[16];
	tap_ok(&t, read_once(&longp, &in, in.len, 9000, 10, small, &n, NULL, NULL) == -EIO,
	       "and a read inside it");
	/* The same value near the start of the file fits its block's reach. */
	out.len = 0;
	tap_ok(&t, run(&longp, in.data + 7990, in.len - 7990, &out) == 0 &&
	                   out.len == in.len - 7990 && strspn(out.data + 11, "*") == 3006,
	       "but the same value is masked whole where it fits");
	free(out.data);
	free(in.data);
	in = (struct buf){0};
	collect(&in, "name: ", 6);
	for (int i = 0; i < 2000; i++)
		collect(&in, "y", 1);
	collect(&in, "\nrest\n", 6);
	out = (struct buf){0};
	tap_ok(&t, run(&longp, in.data, in.len, &out) == -EIO, "a 2000-byte field value fails");
	free(out.data);
	free(in.data);

	redact_fields_free(more);
	redact_catalog_free(cat);
	return tap_done(&t);
}

/*
 * t_records.c — the record rules (redact/records_i.h): in a line of a
 * delimited dump that also holds a personal value, a name-shaped cell is a
 * name and an address-shaped cell an address; rows of non-personal records
 * stay as they are; in a file read as CSV/TSV the rules yield to a header
 * that names a personal field (its row, and the columns it names, keep the
 * field's action), while a headerless comma or tab dump is masked like any
 * other; random ranges equal the stream.
 *
 * Expected outputs are written by hand ('*' per byte of an ASCII
 * character, '＊' per 3-byte character). All data invented.
 */
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "examples.h"

static const struct example examples[] = {
	/* Chinese names, every delimiter; a space after the surname; compound
	 * surnames; the personal value before or after */
	{"name", "张伟|13812345678|zw@example.com", "＊＊|13812345678|zw@example.com"},
	{"name", "1001,李秀英,lxy@example.org", "1001,＊＊＊,lxy@example.org"},
	{"name", "13912345678\t王芳\t北京", "13912345678\t＊＊\t北京"},
	{"name", "11010519491231002X  钱 昊玉", "11010519491231002X  ＊*＊＊"},
	{"name", "user9@example.org----欧阳娜娜----139 1234 5678",
	 "user9@example.org----＊＊＊＊----139 1234 5678"},
	{"name", "\"13740476567\",\"苏凯坤\"", "\"13740476567\",\"＊＊＊\""},
	/* Latin and pinyin names: given family, FAMILY given, initials */
	{"name", "Zhang Wei,13812345678,2024-01-01", "*********,13812345678,2024-01-01"},
	{"name", "xuan.xu@example.com | XU Xuan | 131-0793-5105",
	 "xuan.xu@example.com | ******* | 131-0793-5105"},
	{"name", "18906718841|Mia K. Mason|6524 Elm Drive",
	 "18906718841|************|6524 Elm Drive"},
	{"name", "James Thompson-Kowalski\t+8615266532615",
	 "***********************\t+8615266532615"},
	{"name", "1408824638----James Williams----19172403996",
	 "1408824638----**************----19172403996"},
	{"name", "13580813969   Haoyu Fan", "13580813969   *********"},
	/* Family, Given: only where the delimiter is not a comma */
	{"name", "Smith, John|13812345678", "***********|13812345678"},
	{"name", "Smith, John,13812345678", "Smith, John,13812345678"},
	/* addresses: a whole cell */
	{"address", "18741423268;哈蕾;130102200512148556;周口市淮阳区城南街道西营村8组6号",
	 "18741423268;哈蕾;130102200512148556;＊＊＊＊＊＊＊＊＊＊＊＊＊*＊*＊"},
	{"address", "Yuting Ye  530102200503209323  Flat 30, 107 Manor Close, Birmingham B10 3LX",
	 "Yuting Ye  530102200503209323  ********************************************"},
	{"address", "Li Na|13812345678|696 N Main St, Columbus, OH 43246-9052|",
	 "Li Na|13812345678|**************************************|"},
	/* hard negatives: no personal value on the line, non-name cells,
	 * words that start with a surname, places and products */
	{"name", "1001|高兴|2024-01-01", "1001|高兴|2024-01-01"},
	{"name", "王国|3|ok", "王国|3|ok"},
	{"name", "我们很高兴，13812345678", "我们很高兴，13812345678"},
	{"name", "Apple Watch|4999|2024-01-01|in stock", "Apple Watch|4999|2024-01-01|in stock"},
	{"name", "2024-01-01 12:00:00  INFO  Order Service  started  pid 4242",
	 "2024-01-01 12:00:00  INFO  Order Service  started  pid 4242"},
	{"name", "New York,13812345678", "New York,13812345678"},
	{"name", "Hong Kong|+852 2345 6789", "Hong Kong|+852 2345 6789"},
	{"name", "Northwind Traders Inc|13812345678", "Northwind Traders Inc|13812345678"},
	{"name", "Meeting with the Sales Team, call 13812345678",
	 "Meeting with the Sales Team, call 13812345678"},
	{"name", "{\"company_name\":  \"Tailspin Toys\", \"phone\": \"13812345678\"}",
	 "{\"company_name\":  \"Tailspin Toys\", \"phone\": \"13812345678\"}"},
	{"address", "上海市|13812345678", "上海市|13812345678"},
};

/* A CSV profile: every detector masks, the field detector pseudonymizes
 * (the analysts' policy, examples/policies/analysts.ini). */
static const uint8_t key[REDACT_KEY_LEN] = {7, 1, 3};
static redact_profile csv_profile(const redact_catalog *cat, enum redact_format format)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	p.format = format;
	p.key = key;
	p.detector_action[redact_catalog_lookup(cat, "field")] = REDACT_ACTION_PSEUDONYMIZE + 1;
	return p;
}

/* Whether s holds a star ('*' or '＊') in its bytes [from, from + n). */
static bool starred(const char *s, size_t from, size_t n)
{
	for (size_t i = from; i < from + n; i++)
		if (s[i] == '*' || (s[i] == '\xef' && s[i + 1] == '\xbc' && s[i + 2] == '\x8a'))
			return true;
	return false;
}

static void csv_cases(struct tap *t, const redact_catalog *cat)
{
	redact_profile p = csv_profile(cat, REDACT_FORMAT_CSV);
	int rc;

	/* The header names the name column: its cells keep their pseudonyms
	 * (no star, not the name); the phone is masked by its detector. */
	const char *named = "id,name,phone\n1,Zhang Wei,13812345678\n2,Li Na,13912345678\n";
	char *out = stream_str(&p, named, strlen(named), 0, &rc);
	bool ok = out && strlen(out) == strlen(named) && !strstr(out, "Zhang Wei") &&
	          !strstr(out, "Li Na") && !starred(out, 16, 9) && !starred(out, 40, 5) &&
	          strncmp(out, "id,name,phone\n1,", 16) == 0 && strstr(out, ",***********\n2,");
	tap_ok(t, ok, "a CSV whose header names the name column: pseudonyms, not the record mask");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);

	const char *zh = "编号,姓名,手机\n1,张伟,13812345678\n";
	out = stream_str(&p, zh, strlen(zh), 0, &rc);
	ok = out && strlen(out) == strlen(zh) && !strstr(out, "张伟") && !starred(out, 23, 6);
	tap_ok(t, ok, "a 姓名 column: pseudonyms, not the record mask");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);

	/* A column the header does not name is still read by the record
	 * rules. */
	const char *note = "id,note,phone\n1,Zhang Wei,13812345678\n";
	out = stream_str(&p, note, strlen(note), 0, &rc);
	ok = out && strncmp(out, "id,note,phone\n1,*********,", 26) == 0;
	tap_ok(t, ok, "a column the header does not name: the record rule masks its name");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);

	/* The header row is no record: a value in it stays. */
	const char *head = "name,Zhang Wei,13812345678\nLi Na,x,13912345678\n";
	out = stream_str(&p, head, strlen(head), 0, &rc);
	ok = out && strncmp(out, "name,Zhang Wei,", 15) == 0 && !strstr(out, "Li Na") &&
	     !starred(out, 27, 5);
	tap_ok(t, ok, "the header row of a CSV whose header names a field is no record");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);

	/* A headerless comma dump read as CSV: its first row is no header (it
	 * names no field), every row's name is masked. */
	const char *dump = "张伟,13812345678,2024-01-01\nZhang Wei,zw@example.com\n";
	const char *want = "＊＊,***********,2024-01-01\n*********,**************\n";
	out = stream_str(&p, dump, strlen(dump), 0, &rc);
	ok = out && strcmp(out, want) == 0;
	tap_ok(t, ok, "a headerless comma dump read as CSV: every name masked");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);

	redact_profile tsv = csv_profile(cat, REDACT_FORMAT_TSV);
	const char *tdump = "13812345678\tWANG Fang\nLi Na\t11010519491231002X\n";
	const char *twant = "***********\t*********\n*****\t******************\n";
	out = stream_str(&tsv, tdump, strlen(tdump), 0, &rc);
	ok = out && strcmp(out, twant) == 0;
	tap_ok(t, ok, "a headerless tab dump read as TSV: every name masked");
	if (!ok)
		printf("#   got: %s\n", out ? out : "(error)");
	free(out);
}

/* A long export with a header and a long dump without one: random ranges
 * (through checkpoints, and from scratch) equal the stream. */
static void csv_ranges(struct tap *t, const redact_catalog *cat)
{
	static const char *const people[] = {"Zhang Wei", "李秀英", "WANG Fang", "Mia K. Mason"};
	for (int headed = 0; headed < 2; headed++) {
		redact_profile p = csv_profile(cat, REDACT_FORMAT_CSV);
		uint64_t rng = 0x2545F4914F6CDD1Du;
		struct buf csv = {0};
		if (headed)
			collect(&csv, "id,name,phone,note\n", 19);
		char line[256];
		for (unsigned i = 0; csv.len < 120000; i++) {
			int n = snprintf(line, sizeof line, "%u,%s,139%08u,%s\n", i,
			                 people[test_rnd(&rng, 4)], i, people[test_rnd(&rng, 4)]);
			collect(&csv, line, (size_t)n);
		}
		struct buf whole = {0};
		int rc = stream_all(&p, csv.data, csv.len, 0, &whole);
		bool leak = rc != 0 || whole.len != csv.len;
		for (size_t i = 0; !leak && i + 5 < whole.len; i++)
			leak = memcmp(whole.data + i, "WANG ", 5) == 0 ||
			       memcmp(whole.data + i, "Mason", 5) == 0;
		tap_ok(t, !leak, "%s: no name is left", headed ? "a long export" : "a long dump");
		redact_file *kept = NULL;
		bool all = rc == 0 && redact_file_new(&kept, &p, mem_read, &csv) == 0;
		all = all && ranges_equal(&p, kept, &csv, &whole, 200, 300, 65536, &rng) &&
		      ranges_equal(&p, NULL, &csv, &whole, 40, 300, 65536, &rng);
		tap_ok(t, all, "%s: random ranges equal the stream", headed ? "a long export" : "a long dump");
		redact_file_free(kept);
		free(csv.data);
		free(whole.data);
	}
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat = test_catalog(NULL);
	run_examples(&t, cat, examples, sizeof examples / sizeof examples[0]);
	csv_cases(&t, cat);
	csv_ranges(&t, cat);
	redact_catalog_free(cat);
	return tap_done(&t);
}

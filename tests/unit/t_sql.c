/*
 * t_sql.c — SQL dumps (format sql, sql.c): INSERT column lists and pg_dump
 * COPY blocks, personal columns masked by name with quotes, escapes, NULLs
 * and row structure kept; random reads deep in a COPY block and in a long
 * INSERT equal the whole-file stream; a masked dump still loads (sqlite3,
 * when it is installed, or Python's sqlite3 module).
 *
 * Expected outputs are written by hand; all data is invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bytebuf.h"
#include "redact.h"
#include "redact_i.h"
#include "tap.h"

struct example {
	const char *in, *want;
};

static const struct example examples[] = {
	/* multi-row VALUES, '' escapes, NULL and numbers */
	{"INSERT INTO t (name, note, mobile) VALUES ('Ann O''Hara', 'hi', '555'), (NULL, 'x', 12);\n",
	 "INSERT INTO t (name, note, mobile) VALUES ('*****''****', 'hi', '***'), (NULL, 'x', 12);\n"},
	/* MySQL: backticks, schema.table, backslash escapes, "..." strings */
	{"INSERT INTO `db`.`users` (`id`, `full_name`) VALUES (1,'Li \\'Bo\\''),(2,\"Wu\");\n",
	 "INSERT INTO `db`.`users` (`id`, `full_name`) VALUES (1,'***\\'**\\''),(2,\"**\");\n"},
	/* PostgreSQL: quoted names, standard strings (a backslash is itself) */
	{"SET standard_conforming_strings = on;\n"
	 "INSERT INTO public.\"Customer\" (\"Name\", \"City\") VALUES ('C:\\', 'Oslo');\n",
	 "SET standard_conforming_strings = on;\n"
	 "INSERT INTO public.\"Customer\" (\"Name\", \"City\") VALUES ('**\\', 'Oslo');\n"},
	/* columns by meaning; no column list: nothing known */
	{"INSERT INTO o (receiver_name, product_name) VALUES ('Bo', 'Kindle');\n"
	 "INSERT INTO o VALUES ('Bo', 'Kindle');\n",
	 "INSERT INTO o (receiver_name, product_name) VALUES ('**', 'Kindle');\n"
	 "INSERT INTO o VALUES ('Bo', 'Kindle');\n"},
	/* comments (a quote in one), a call, a statement that is no INSERT */
	{"-- don't\n/* it's */ insert into t(owner, at) values (upper('Zed'), now());\n"
	 "UPDATE t SET owner = 'Al';\n",
	 "-- don't\n/* it's */ insert into t(owner, at) values (upper('***'), now());\n"
	 "UPDATE t SET owner = '**';\n"}, /* (owner = '...': a key by meaning) */
	/* mysqldump without --complete-insert: the columns of the CREATE
	 * TABLE right above (constraints are no columns); not another table's */
	{"CREATE TABLE `c` (\n  `id` int(11) NOT NULL,\n  `full_name` varchar(64),\n"
	 "  `price` decimal(10,2),\n  PRIMARY KEY (`id`),\n  KEY `k` (`full_name`)\n) ENGINE=InnoDB;\n"
	 "INSERT INTO `c` VALUES (1,'Ann Lee',1.50),(2,'Bo',2.00);\n"
	 "INSERT INTO `d` VALUES (1,'Ann Lee',1.50);\n",
	 "CREATE TABLE `c` (\n  `id` int(11) NOT NULL,\n  `full_name` varchar(64),\n"
	 "  `price` decimal(10,2),\n  PRIMARY KEY (`id`),\n  KEY `k` (`full_name`)\n) ENGINE=InnoDB;\n"
	 "INSERT INTO `c` VALUES (1,'*******',1.50),(2,'**',2.00);\n"
	 "INSERT INTO `d` VALUES (1,'Ann Lee',1.50);\n"},
	{"CREATE TABLE IF NOT EXISTS public.p (\"Name\" text, note text);\n"
	 "INSERT INTO public.p VALUES ('Zed', 'ok');\n",
	 "CREATE TABLE IF NOT EXISTS public.p (\"Name\" text, note text);\n"
	 "INSERT INTO public.p VALUES ('***', 'ok');\n"},
	/* pg_dump COPY: tabs, \N, escapes, the end marker; then an INSERT */
	{"COPY public.t (id, receiver, note) FROM stdin;\n1\tAnn Lee\tok\n2\t\\N\tA\\tB\n"
	 "3\tO\\\\Neil\tx\n\\.\nINSERT INTO x (note, 姓名) VALUES ('Ann', '王五');\n",
	 "COPY public.t (id, receiver, note) FROM stdin;\n1\t*******\tok\n2\t\\N\tA\\tB\n"
	 "3\t*\\\\****\tx\n\\.\nINSERT INTO x (note, 姓名) VALUES ('Ann', '＊＊');\n"},
};

/* Text files (logs): one INSERT read from its head, within the reach. */
static const struct example text_examples[] = {
	{"2025-01-01 INFO sql: INSERT INTO users (name, city, mobile) VALUES ('Ann Lee', 'Oslo', "
	 "'555'), ('Bo', 'Rome', NULL) took 3ms\nname2 = (x)\n",
	 "2025-01-01 INFO sql: INSERT INTO users (name, city, mobile) VALUES ('*******', 'Oslo', "
	 "'***'), ('**', 'Rome', NULL) took 3ms\nname2 = (x)\n"},
	{"exec insert ignore into `t` (`holder`, `n`)\n  values ('Zed', 1),\n  ('Al', 2);\n",
	 "exec insert ignore into `t` (`holder`, `n`)\n  values ('***', 1),\n  ('**', 2);\n"},
	/* no column list, a SELECT, and words that only look like a head */
	{"INSERT INTO t VALUES ('Ann'); INSERT INTO t (name) SELECT 'Bo'; reinsert into (x)\n",
	 "INSERT INTO t VALUES ('Ann'); INSERT INTO t (name) SELECT 'Bo'; reinsert into (x)\n"},
};

static const char *const given[] = {"Ann", "Bo", "Zed", "Mia", "Kai", "Liu Yang", "O''Brien"};

/* A dump: CREATE TABLEs, a COPY block of rows rows, a one-line INSERT of
 * rows tuples, another COPY block. Names in the personal columns carry
 * their row number (NAME12345), so a miss shows. */
static struct buf make_dump(unsigned rows, bool copy)
{
	struct buf b = {0};
	char line[512];
	const char *head = "CREATE TABLE people (id INTEGER, full_name TEXT, city TEXT, mobile TEXT);\n";
	collect(&b, head, strlen(head));
	if (copy) {
		const char *c = "COPY people (id, full_name, city, mobile) FROM stdin;\n";
		collect(&b, c, strlen(c));
		for (unsigned i = 0; i < rows; i++) {
			int n = snprintf(line, sizeof line, "%u\tNAME%05u %s\tCity %u\t%s\n", i, i,
			                 given[i % 5], i % 40, i % 9 ? "555-0100" : "\\N");
			collect(&b, line, (size_t)n);
		}
		collect(&b, "\\.\n\n", 4);
	}
	const char *ins = "INSERT INTO people (id, full_name, city, mobile) VALUES ";
	collect(&b, ins, strlen(ins));
	for (unsigned i = 0; i < rows; i++) {
		int n = snprintf(line, sizeof line, "%s(%u, 'NAME%05u %s', 'City, %u', %s)",
		                 i ? "," : "", rows + i, rows + i, given[i % 7], i % 40,
		                 i % 11 ? "'555-0100'" : "NULL");
		collect(&b, line, (size_t)n);
	}
	collect(&b, ";\n", 2);
	return b;
}

/* Whether the masked INSERT dump loads: the sqlite3 shell, or Python's
 * sqlite3 module. Returns 1 loaded with want rows, 0 failed, -1 no loader. */
static int loads(const char *dir, const struct buf *dump, unsigned want)
{
	char path[4096], cmd[8192];
	snprintf(path, sizeof path, "%s/dump.sql", dir);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(dump->data, 1, dump->len, f) != dump->len) {
		if (f)
			fclose(f);
		return 0;
	}
	fclose(f);
	if (system("command -v sqlite3 >/dev/null 2>&1") == 0)
		snprintf(cmd, sizeof cmd,
		         "test \"$(sqlite3 -bail :memory: '.read %s' "
		         "'SELECT count(*) FROM people;')\" = %u",
		         path, want);
	else if (system("command -v python3 >/dev/null 2>&1") == 0)
		snprintf(cmd, sizeof cmd,
		         "python3 -c 'import sqlite3,sys; c=sqlite3.connect(\":memory:\"); "
		         "c.executescript(open(sys.argv[1]).read()); "
		         "sys.exit(c.execute(\"select count(*) from people\").fetchone()[0] != %u)' %s",
		         want, path);
	else
		return -1;
	return system(cmd) == 0;
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat = test_catalog(NULL);
	redact_profile field;
	redact_profile_init(&field, cat);
	redact_profile_enable(&field, (size_t)redact_catalog_lookup(cat, "field"));
	field.format = REDACT_FORMAT_SQL;
	tap_ok(&t, redact_format_for_name("/x/dump.SQL") == REDACT_FORMAT_SQL, ".sql is format sql");

	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		struct buf out = {0};
		int rc = stream_all(&field, examples[i].in, strlen(examples[i].in), 0, &out);
		bool same = rc == 0 && out.data && strcmp(out.data, examples[i].want) == 0;
		tap_ok(&t, same, "example %zu", i);
		if (!same)
			printf("#   got: %s\n", out.data ? out.data : "(error)");
		free(out.data);
	}

	field.format = REDACT_FORMAT_TEXT;
	for (size_t i = 0; i < sizeof text_examples / sizeof text_examples[0]; i++) {
		struct buf out = {0};
		const char *in = text_examples[i].in;
		int rc = stream_all(&field, in, strlen(in), 0, &out);
		bool same = rc == 0 && out.data && strcmp(out.data, text_examples[i].want) == 0;
		tap_ok(&t, same, "text example %zu", i);
		if (!same)
			printf("#   got: %s\n", out.data ? out.data : "(error)");
		free(out.data);
	}
	/* A log of INSERT lines: random ranges equal the stream there too. */
	struct buf log = {0};
	for (unsigned i = 0; log.len < 300000; i++) {
		char line[600];
		int n = snprintf(line, sizeof line,
		                 "2025-01-01 INFO q%u: INSERT INTO t (id, receiver, note) VALUES "
		                 "(%u, 'NAME%05u', 'note %u')%s took %ums\n",
		                 i, i, i, i % 13, i % 5 ? "" : ", (0, 'NAMEX', 'x')", i % 7);
		collect(&log, line, (size_t)n);
	}
	struct buf logout = {0};
	tap_ok(&t, stream_all(&field, log.data, log.len, 5000, &logout) == 0 &&
	                   logout.data && !strstr(logout.data, "NAME") && strstr(logout.data, "note 12"),
	       "a log of INSERTs: every receiver masked, notes kept");
	bool same = true;
	uint64_t lseed = 77;
	char *part = malloc(20000);
	for (int r = 0; r < 200 && same; r++) {
		uint64_t off = test_rnd(&lseed, (uint32_t)log.len);
		size_t len = 1 + test_rnd(&lseed, 20000), n;
		int rc = read_once(&field, &log, log.len, off, len, part, &n, NULL, NULL);
		size_t want = log.len - off < len ? log.len - off : len;
		same = rc == 0 && n == want && memcmp(part, logout.data + off, n) == 0;
	}
	tap_ok(&t, same, "random ranges of the log equal the stream");
	free(part);
	free(log.data);
	free(logout.data);
	field.format = REDACT_FORMAT_SQL;

	/* Deep in a long COPY block and a long INSERT: random ranges equal
	 * the stream, and the last rows are masked as the first. */
	struct buf dump = make_dump(12000, true);
	struct buf whole = {0};
	tap_ok(&t, stream_all(&field, dump.data, dump.len, 7777, &whole) == 0 &&
	                   whole.len == dump.len,
	       "dump of %zu bytes redacted whole", dump.len);
	tap_ok(&t, whole.data && !strstr(whole.data, "NAME") && strstr(whole.data, "City 39") &&
	                   strstr(whole.data, "City, 39"),
	       "every row's name masked (COPY and INSERT), the cities kept");
	redact_file *ix;
	redact_file_new(&ix, &field, mem_read, &dump);
	struct redact_version v = buf_version(&dump);
	bool all = true;
	uint64_t seed = 4242;
	char *got = malloc(70000);
	for (int r = 0; r < 300 && all; r++) {
		uint64_t off = test_rnd(&seed, (uint32_t)dump.len);
		size_t len = r % 3 ? 1 + test_rnd(&seed, 300) : 1 + test_rnd(&seed, 65536);
		size_t n;
		int rc = r % 7 == 0 ? read_once(&field, &dump, dump.len, off, len, got, &n, NULL, NULL)
		                    : redact_file_read(ix, &v, off, len, got, &n, NULL, NULL);
		size_t want = dump.len - off < len ? dump.len - off : len;
		all = rc == 0 && n == want && memcmp(got, whole.data + off, n) == 0;
		if (!all)
			printf("#   off=%llu len=%zu rc=%d\n", (unsigned long long)off, len, rc);
	}
	tap_ok(&t, all, "random ranges of the dump equal the stream");
	free(got);
	redact_file_free(ix);

	/* The masked COPY rows keep their cells: as many tabs per row. */
	const char *cs = strstr(dump.data, "FROM stdin;\n"), *ms = strstr(whole.data, "FROM stdin;\n");
	bool cells = cs && ms && cs - dump.data == ms - whole.data;
	for (size_t i = (size_t)(cs - dump.data); cells && i < dump.len; i++) {
		if (dump.data[i] == '\\' && i + 1 < dump.len && dump.data[i + 1] == '.')
			break;
		cells = (dump.data[i] == '\t') == (whole.data[i] == '\t') &&
		        (dump.data[i] == '\n') == (whole.data[i] == '\n') &&
		        (dump.data[i] == '\\') == (whole.data[i] == '\\');
	}
	tap_ok(&t, cells, "COPY rows keep their tabs, escapes and lines");
	free(dump.data);
	free(whole.data);

	/* A masked dump of INSERTs still loads, every row. */
	char dir[] = "/tmp/t_sql.XXXXXX";
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	dump = make_dump(3000, false);
	whole = (struct buf){0};
	stream_all(&field, dump.data, dump.len, 0, &whole);
	int l = loads(dir, &whole, 3000);
	if (l < 0)
		printf("ok %d # SKIP neither sqlite3 nor python3\n", ++t.n);
	else
		tap_ok(&t, l == 1 && !strstr(whole.data, "NAME"), "the masked INSERT dump loads");
	free(dump.data);
	free(whole.data);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	redact_catalog_free(cat);
	return tap_done(&t);
}

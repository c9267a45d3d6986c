/*
 * t_code.c — source code (format code): a field's value counts only when it
 * is a string literal, other detectors mask only text (literals, comments,
 * prose lines), and the file still compiles; a "#!" script is code by its
 * first bytes, through the stream and through random reads alike.
 *
 * Expected strings are written by hand ('*' per byte of an ASCII value,
 * '＊' per 3-byte character). All data invented.
 */
#include <errno.h>

#include "examples.h"

struct code_example {
	const char *in, *want, *why;
};

static const struct code_example code_examples[] = {
	/* what the issue names: code and prose, not values */
	{"name = self.tzname(None)\n", "name = self.tzname(None)\n", "an expression is code"},
	{"ip = IPv4Network(address, strict=False)\n", "ip = IPv4Network(address, strict=False)\n",
	 "a call is code"},
	{"    address: A string or integer, the IP network.\n",
	 "    address: A string or integer, the IP network.\n", "a docstring's argument"},
	{"patient = Patient(name=name, dob=dob)\n", "patient = Patient(name=name, dob=dob)\n",
	 "keyword arguments naming variables"},
	{"condition = node.bases or node.keywords\n", "condition = node.bases or node.keywords\n",
	 "a cue word before an expression (health)"},
	{"next.sparse = list(zip(sparse[::2], sparse[1::2]))\n",
	 "next.sparse = list(zip(sparse[::2], sparse[1::2]))\n", "a slice is no IPv6 address"},
	{"static const char *name = \"default\";\n", "static const char *name = \"default\";\n",
	 "a constant word of the program"},
	{"user_name = os.environ.get(\"USER\", \"nobody\")\n",
	 "user_name = os.environ.get(\"USER\", \"nobody\")\n", "a literal inside a call"},
	{"address = 'http://' + address\n", "address = 'http://' + address\n",
	 "a literal that is part of an expression"},
	{"name = '.' + name\n", "name = '.' + name\n", "punctuation is no value"},
	{"url = \"/lookup?phone=\" + phone\n", "url = \"/lookup?phone=\" + phone\n",
	 "a key inside a string with nothing after it"},
	{"fmt = \"name: %s\" % who\n", "fmt = \"name: %s\" % who\n", "a template"},
	/* values: literals, strings, comments */
	{"name = \"Zhang Wei\"\n", "name = \"*********\"\n", "a name in a literal"},
	{"owner = {\"name\": \"Li Na\", \"mobile\": \"13812345678\"}\n",
	 "owner = {\"name\": \"*****\", \"mobile\": \"***********\"}\n", "a dict literal"},
	{"name = u'张伟'\n", "name = u'＊＊'\n", "a prefixed literal"},
	{"NAME = \"\"\"Wang Fang\"\"\"\n", "NAME = \"\"\"*********\"\"\"\n", "a triple-quoted literal"},
	{"url = \"/lookup?phone=13812345678&x=1\"\n", "url = \"/lookup?phone=***********&x=1\"\n",
	 "a key inside a string, its value there"},
	{"# Maintainer: write to li.na@example.com\n", "# Maintainer: write to *****************\n",
	 "an e-mail address in a comment"},
	{"SUPPORT = \"call 13812345678\"  # hotline\n", "SUPPORT = \"call ***********\"  # hotline\n",
	 "a phone in a string"},
	{" * Copyright (c) 2021 Jane Doe <jane.doe@example.com>\n",
	 " * Copyright (c) 2021 ******** <********************>\n",
	 "a block comment's line is prose"},
	{"x = 1  # ask Dr. Alan Smith\n", "x = 1  # ask Dr. **********\n", "a trailing comment"},
	/* a shape no code has is masked wherever it stands (fail closed: a
	 * number literal then no longer compiles) */
	{"PHONES = [13812345678, 13912345678]\n", "PHONES = [***********, ***********]\n",
	 "phone numbers as number literals"},
	{"    Contact: Zhang Wei (zw@example.com)\n", "    Contact: Zhang Wei (**************)\n",
	 "an e-mail on a docstring line with code syntax"},
};

/* in redacted with every detector under format. */
static char *redact_as(const redact_catalog *cat, enum redact_format format, const char *in)
{
	return redact_as_format(cat, NULL, format, in);
}

struct memfile {
	const char *data;
	size_t len;
};

static ssize_t read_mem(void *arg, void *buf, size_t len, uint64_t off)
{
	const struct memfile *m = arg;
	if (off >= m->len)
		return 0;
	size_t n = m->len - off < len ? m->len - off : len;
	memcpy(buf, m->data + off, n);
	return (ssize_t)n;
}

/* in read through a redact_file under format, bytes [off, off + len). */
static char *read_as(const redact_catalog *cat, enum redact_format format, const char *in,
                     size_t off, size_t len)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	p.format = format;
	struct memfile m = {in, strlen(in)};
	struct redact_version v = {.size = m.len};
	redact_file *f;
	char *out = calloc(1, len + 1);
	size_t got = 0;
	if (!out || redact_file_new(&f, &p, read_mem, &m) < 0) {
		free(out);
		return NULL;
	}
	if (redact_file_read(f, &v, off, len, out, &got, NULL, NULL) < 0) {
		free(out);
		out = NULL;
	}
	redact_file_free(f);
	return out;
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	char line[512];
	for (size_t i = 0; i < sizeof code_examples / sizeof code_examples[0]; i++) {
		const struct code_example *e = &code_examples[i];
		char *got = redact_as(cat, REDACT_FORMAT_CODE, e->in);
		bool same = got && strcmp(got, e->want) == 0;
		tap_ok(&t, same, "code, %s: %s", e->why, example_one_line(e->in, line, sizeof line));
		if (!same)
			printf("#   got:  %s\n", got ? example_one_line(got, line, sizeof line) : "(error)");
		free(got);
	}

	/* The same lines as text: the field rule of text applies (the
	 * control: without the code format these are masked). */
	char *text = redact_as(cat, REDACT_FORMAT_TEXT, "name = self.tzname(None)\n");
	tap_ok(&t, text && strcmp(text, "name = self.tzname(None)\n") != 0,
	       "text (the control): an assignment's right side is a field value");
	free(text);

	/* Suffixes and the first bytes. */
	tap_ok(&t, redact_format_for_name("/src/app/models.py") == REDACT_FORMAT_CODE,
	       "a .py file is code");
	tap_ok(&t, redact_format_for_name("/inc/zlib.h") == REDACT_FORMAT_CODE, "a .h file is code");
	tap_ok(&t, redact_format_for_name("/notes/readme.txt") == REDACT_FORMAT_TEXT,
	       "a .txt file is text");
	tap_ok(&t, redact_format_for_name("/exports/a.csv") == REDACT_FORMAT_CSV,
	       "a .csv file is still CSV");
	const char *script = "#!/bin/sh\nname=$(whoami)\nname=\"Li Na\"\n";
	tap_ok(&t, redact_format_for_head(REDACT_FORMAT_TEXT, (const uint8_t *)script, 10) ==
	               REDACT_FORMAT_CODE,
	       "text starting with #! is code");
	tap_ok(&t, redact_format_for_head(REDACT_FORMAT_CSV, (const uint8_t *)script, 10) ==
	               REDACT_FORMAT_CSV,
	       "a CSV file stays CSV whatever its first bytes");
	const char *want = "#!/bin/sh\nname=$(whoami)\nname=\"*****\"\n";
	char *streamed = redact_as(cat, REDACT_FORMAT_TEXT, script);
	tap_ok(&t, streamed && strcmp(streamed, want) == 0,
	       "a #! script through the stream: name=$(whoami) is code, \"Li Na\" a value");
	if (streamed && strcmp(streamed, want) != 0)
		printf("#   got:  %s\n", example_one_line(streamed, line, sizeof line));
	/* A read that starts after the first bytes still knows they are "#!". */
	char *tail = read_as(cat, REDACT_FORMAT_TEXT, script, 10, 15);
	tap_ok(&t, tail && strcmp(tail, "name=$(whoami)\n") == 0,
	       "a #! script read from offset 10: the same bytes as the stream");
	free(streamed);
	free(tail);

	redact_catalog_free(cat);
	return tap_done(&t);
}

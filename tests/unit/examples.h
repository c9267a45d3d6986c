/*
 * examples.h — what the detector tests share: redact a string with one
 * detector (or all) through the stream, and check a table of hand-written
 * examples against it.
 *
 * An example's expected output is written by hand: the value's characters
 * replaced by '*' (ASCII) or '＊' (a 3-byte character), the rest untouched.
 * Each example is redacted as a finished line: a line break is added to an
 * example without one (and to what it should become), so that it shows the
 * detector in text, not the end of a file still being written, where
 * whatever could still become a value is masked (t_unfinished.c).
 */
#ifndef EXAMPLES_H
#define EXAMPLES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "tap.h"

struct example {
	const char *detector; /* a name, several separated by blanks, or NULL: all */
	const char *in;
	const char *want;
};

struct example_buf {
	char *data;
	size_t len;
};

static inline int example_collect(void *arg, const void *p, size_t n)
{
	struct example_buf *b = arg;
	char *grown = realloc(b->data, b->len + n + 1);
	if (!grown)
		return -1;
	b->data = grown;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* Redacts in, read as format, with only the named detectors enabled
 * (blank-separated; NULL: all). Returns a string to free, or NULL on an
 * error or an unknown name. */
static inline char *redact_as_format(const redact_catalog *cat, const char *detector,
                                     enum redact_format format, const char *in)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	p.format = format;
	if (detector) {
		char list[512];
		snprintf(list, sizeof list, "%s", detector);
		for (char *save = NULL, *n = strtok_r(list, " ", &save); n;
		     n = strtok_r(NULL, " ", &save)) {
			int i = redact_catalog_lookup(cat, n);
			if (i < 0)
				return NULL;
			redact_profile_enable(&p, (size_t)i);
		}
	} else {
		redact_profile_enable_all(&p);
	}
	redact_stream *s;
	struct example_buf out = {calloc(1, 1), 0};
	if (!out.data || redact_stream_new(&s, &p) < 0) {
		free(out.data);
		return NULL;
	}
	if (redact_stream_feed(s, in, strlen(in), example_collect, &out) < 0 ||
	    redact_stream_finish(s, example_collect, &out) < 0) {
		free(out.data);
		out.data = NULL;
	}
	redact_stream_free(s);
	return out.data;
}

/* The same for text. */
static inline char *redact_with(const redact_catalog *cat, const char *detector, const char *in)
{
	return redact_as_format(cat, detector, REDACT_FORMAT_TEXT, in);
}

/* s with line breaks and tabs written as \n, \r, \t, so that a TAP
 * description stays on one line. */
static inline const char *example_one_line(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	for (; *s && n + 3 < size; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			buf[n++] = '\\';
			buf[n++] = *s == '\n' ? 'n' : *s == '\r' ? 'r' : 't';
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = '\0';
	return buf;
}

/* One TAP line per example. */
static inline void run_examples(struct tap *t, const redact_catalog *cat,
                                const struct example *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(ex[i].in);
		bool ended = len > 0 && ex[i].in[len - 1] == '\n';
		char *in = malloc(len + 2), *want = malloc(strlen(ex[i].want) + 2);
		if (!in || !want) {
			printf("Bail out! out of memory\n");
			exit(1);
		}
		sprintf(in, "%s%s", ex[i].in, ended ? "" : "\n");
		sprintf(want, "%s%s", ex[i].want, ended ? "" : "\n");
		char *got = redact_with(cat, ex[i].detector, in);
		bool same = got && strcmp(got, want) == 0;
		const char *who = !ex[i].detector ? "all"
		                  : strchr(ex[i].detector, ' ') ? "several" : ex[i].detector;
		char line[512];
		tap_ok(t, same, "%s: %s", who, example_one_line(ex[i].in, line, sizeof line));
		if (!same) {
			printf("#   got:  %s\n", got ? example_one_line(got, line, sizeof line) : "(error)");
			printf("#   want: %s\n", example_one_line(want, line, sizeof line));
		}
		free(got);
		free(in);
		free(want);
	}
}

/* The whole of a test program that only checks a table of examples. */
static inline int examples_main(const struct example *ex, size_t n)
{
	struct tap t = {0};
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	run_examples(&t, cat, ex, n);
	redact_catalog_free(cat);
	return tap_done(&t);
}

#endif /* EXAMPLES_H */

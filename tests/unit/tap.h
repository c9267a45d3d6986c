/*
 * tap.h — a minimal TAP producer for the unit tests.
 *
 * Each check prints "ok N - what" or "not ok N - what"; tap_done() prints
 * the plan and returns the exit status (non-zero when anything failed), so
 * meson's TAP protocol and the exit code agree.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct tap {
	int n;
	int failed;
};

static inline bool tap_ok(struct tap *t, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline bool tap_ok(struct tap *t, bool cond, const char *fmt, ...)
{
	va_list ap;
	t->n++;
	if (!cond)
		t->failed++;
	printf("%sok %d - ", cond ? "" : "not ", t->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* A diagnostic line "#   label: TEXT" with line breaks and tabs in text
 * written as \n, \r, \t, so that TAP sees one comment line. */
static inline void tap_diag_text(const char *label, const char *text)
{
	printf("#   %s: ", label);
	for (const char *c = text ? text : "(none)"; *c; c++) {
		if (*c == '\n')
			fputs("\\n", stdout);
		else if (*c == '\r')
			fputs("\\r", stdout);
		else if (*c == '\t')
			fputs("\\t", stdout);
		else
			putchar(*c);
	}
	putchar('\n');
}

static inline int tap_done(struct tap *t)
{
	printf("1..%d\n", t->n);
	return t->failed ? 1 : 0;
}

#endif /* TAP_H */

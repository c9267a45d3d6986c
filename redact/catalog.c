/*
 * catalog.c — compiles detectors (built-in and custom) into a catalog.
 *
 * Every pattern is compiled once, with UTF + UCP + MATCH_INVALID_UTF (so
 * invalid UTF-8 in a file never stops a scan: it is a barrier no match
 * crosses) and JIT where available. A catalog is immutable after the last
 * redact_catalog_add and can then be shared by all threads. Error messages
 * describe the pattern's problem only; they never contain subject data.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "health_i.h"
#include "patterns_i.h"
#include "redact_i.h"

/* A custom pattern that backtracks wildly fails the read (EIO) instead of
 * stalling it: fail closed, and bounded in time. */
#define REDACT_MATCH_LIMIT 2000000u
#define REDACT_DEPTH_LIMIT 100000u
/* Lookbehinds must fit in the context a block carries before it. */
#define REDACT_MAX_LOOKBEHIND_CHARS (REDACT_BEHIND / 4u)

/* USE_OFFSET_LIMIT: scan.c bounds each search to a prefilter window. */
static const uint32_t compile_options =
	PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT;

/* The one callout function of the catalog's match context: named
 * callouts are the field pattern's, numbered ones the health pattern's;
 * each answers 0 ("go on") for one that is not its own. */
static int engine_callout(pcre2_callout_block *cb, void *data)
{
	return cb->callout_string ? redact_fields_callout(cb, data)
	                          : redact_health_callout(cb, data);
}

static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/* Compiles pattern into d->code and resolves group. Returns 0 or -EINVAL
 * (message in err) or -ENOMEM. */
static int compile_detector(struct redact_detector *d, const char *pattern,
                            const char *group, char *err, size_t errlen)
{
	int code;
	PCRE2_SIZE where;
	d->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, compile_options,
	                        &code, &where, NULL);
	if (!d->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(err, errlen, "invalid pattern at offset %zu: %s", (size_t)where,
		         (char *)msg);
		return code == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EINVAL;
	}
	for (const char *c = pattern; *c; c++) {
		if (*c == '\\' && c[1] == 'K') {
			snprintf(err, errlen, "\\K is not supported (use group = to mask part "
			                      "of a match)");
			goto invalid;
		}
		if (*c == '\\' && c[1])
			c++;
	}
	uint32_t minlen = 0, lookbehind = 0, captures = 0;
	pcre2_pattern_info(d->code, PCRE2_INFO_MINLENGTH, &minlen);
	pcre2_pattern_info(d->code, PCRE2_INFO_MAXLOOKBEHIND, &lookbehind);
	pcre2_pattern_info(d->code, PCRE2_INFO_CAPTURECOUNT, &captures);
	if (minlen == 0) {
		snprintf(err, errlen, "pattern can match an empty string");
		goto invalid;
	}
	if (lookbehind > REDACT_MAX_LOOKBEHIND_CHARS) {
		snprintf(err, errlen, "lookbehind of %u characters is longer than the %u allowed",
		         lookbehind, REDACT_MAX_LOOKBEHIND_CHARS);
		goto invalid;
	}
	d->group = 0;
	if (group && *group) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(group, &end, 10);
		if (*end == '\0' && errno == 0) {
			if (n > captures) {
				snprintf(err, errlen, "group %lu does not exist (the pattern has %u)",
				         n, captures);
				goto invalid;
			}
			d->group = (uint32_t)n;
		} else {
			int g = pcre2_substring_number_from_name(d->code, (PCRE2_SPTR)group);
			if (g < 0) {
				snprintf(err, errlen, "the pattern has no group named '%s'", group);
				goto invalid;
			}
			d->group = (uint32_t)g;
		}
	}
	/* JIT is an optimisation: without it pcre2_match interprets. */
	d->jit = pcre2_jit_compile(d->code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD) == 0;
	return 0;
invalid:
	pcre2_code_free(d->code);
	d->code = NULL;
	return -EINVAL;
}

static void note_groups(redact_catalog *cat, const struct redact_detector *d)
{
	uint32_t captures = 0;
	pcre2_pattern_info(d->code, PCRE2_INFO_CAPTURECOUNT, &captures);
	if (captures > cat->max_groups)
		cat->max_groups = captures;
}

/* The built-in pattern without its SKIP_RUN, JIT_SCAN_HINT and NOT_AT_END
 * alternatives (patterns_i.h), as a string to free; NULL when it has none (or no
 * memory: then the pattern itself serves, masking more at the end). */
static char *end_pattern(const char *pattern)
{
	static const char *const never[] = {SKIP_RUN_END, JIT_SCAN_HINT};
	if (!strstr(pattern, SKIP_RUN_END) && !strstr(pattern, JIT_SCAN_HINT) &&
	    !strstr(pattern, NOT_AT_END_OPEN))
		return NULL;
	char *s = strdup(pattern);
	/* NOT_AT_END alternatives, with the '|' before each */
	for (char *at; s && (at = strstr(s, NOT_AT_END_OPEN)) != NULL;) {
		char *close = strstr(at, NOT_AT_END_CLOSE);
		if (!close)
			break;
		close += strlen(NOT_AT_END_CLOSE);
		if (at > s && at[-1] == '|')
			at--;
		memmove(at, close, strlen(close) + 1);
	}
	for (size_t k = 0; s && k < sizeof never / sizeof never[0]; k++) {
		char *at;
		while ((at = strstr(s, never[k])) != NULL) {
			/* the alternative starts at the '|' before it (a class
			 * such as [0-9A-Fa-f] holds none) */
			char *bar = at;
			while (bar > s && *bar != '|')
				bar--;
			size_t tail = strlen(at + strlen(never[k]));
			memmove(bar, at + strlen(never[k]), tail + 1);
		}
	}
	return s;
}

/* Compiles one built-in into the next slot. A built-in that does not
 * compile is a bug; the catalog is refused rather than run without it. */
static int add_builtin(redact_catalog *cat, const struct redact_builtin *b)
{
	char err[REDACT_ERRLEN];
	if (cat->count >= REDACT_MAX_DETECTORS)
		return -EINVAL;
	struct redact_detector *d = &cat->det[cat->count];
	if (b->pattern) {
		int rc = compile_detector(d, b->pattern, b->group, err, sizeof err);
		if (rc < 0)
			return rc == -ENOMEM ? rc : -EINVAL;
		char *end = end_pattern(b->pattern);
		if (end) {
			int code;
			PCRE2_SIZE where;
			d->end_code = pcre2_compile((PCRE2_SPTR)end, PCRE2_ZERO_TERMINATED,
			                            compile_options, &code, &where, NULL);
			free(end);
			d->end_jit = d->end_code &&
			             pcre2_jit_compile(d->end_code, PCRE2_JIT_PARTIAL_HARD) == 0;
		}
	} else {
		d->field = true; /* its pattern comes with each field list */
		cat->field_index = cat->count;
	}
	/* Its anchors, with its cue words' class in place of RC_CUE. */
	memcpy(d->anchor, b->anchor, sizeof d->anchor);
	int rc = redact_prefilter_anchor_builtin(&cat->prefilter, d, b->cues);
	if (rc == 0 && !(d->description = strdup(b->description)))
		rc = -ENOMEM;
	if (rc < 0) {
		pcre2_code_free(d->code);
		pcre2_code_free(d->end_code);
		d->code = d->end_code = NULL;
		return rc;
	}
	snprintf(d->name, sizeof d->name, "%s", b->name);
	d->example = b->example;
	d->example_masked = b->example_masked;
	d->validate = b->validate;
	d->validate_unfinished = b->validate_unfinished;
	d->builtin = true;
	d->settings = (uint32_t)cat->count;
	if (b->part_of) {
		int of = redact_catalog_lookup(cat, b->part_of);
		if (of < 0)
			return -EINVAL; /* a table listed out of order */
		d->settings = (uint32_t)of;
	}
	cat->count++;
	note_groups(cat, d);
	return 0;
}

int redact_catalog_new(redact_catalog **out)
{
	if (sodium_init() < 0) /* for pseudonymize; safe to call again */
		return -EIO;
	redact_catalog *cat = calloc(1, sizeof *cat);
	if (!cat)
		return -ENOMEM;
	redact_prefilter_init(&cat->prefilter);
	cat->mctx = pcre2_match_context_create(NULL);
	if (!cat->mctx) {
		free(cat);
		return -ENOMEM;
	}
	pcre2_set_match_limit(cat->mctx, REDACT_MATCH_LIMIT);
	pcre2_set_depth_limit(cat->mctx, REDACT_DEPTH_LIMIT);
	/* the pattern checks of the health detector (numbered callouts,
	 * health_context.c) and of keys by meaning (named ones, fields.c) */
	pcre2_set_callout(cat->mctx, engine_callout, NULL);
	char err[REDACT_ERRLEN];
	int frc = redact_fields_new(&cat->fields, NULL, 0, err, sizeof err);
	if (frc < 0) {
		pcre2_match_context_free(cat->mctx);
		free(cat);
		return frc;
	}
	for (size_t t = 0; t < redact_builtin_table_count; t++) {
		const struct redact_builtin_table *table = &redact_builtin_tables[t];
		for (size_t i = 0; i < *table->count; i++) {
			int rc = add_builtin(cat, &table->detectors[i]);
			if (rc < 0) {
				redact_catalog_free(cat);
				return rc;
			}
		}
	}
	*out = cat;
	return 0;
}

int redact_catalog_add(redact_catalog *cat, const char *name, const char *pattern,
                       const char *group, const char *description, char *err,
                       size_t errlen)
{
	if (!name_ok(name)) {
		snprintf(err, errlen,
		         "detector name '%.40s' must be 1 to 32 of a-z, 0-9 and _", name);
		return -EINVAL;
	}
	int existing = -1; /* any detector's, a second pattern's too */
	for (size_t i = 0; i < cat->count && existing < 0; i++)
		if (strcmp(cat->det[i].name, name) == 0)
			existing = (int)i;
	if (existing >= 0) {
		snprintf(err, errlen, cat->det[existing].builtin
		                              ? "detector '%s' is a built-in detector's name"
		                              : "detector '%s' is defined twice",
		         name);
		return -EINVAL;
	}
	if (cat->count >= REDACT_MAX_DETECTORS) {
		snprintf(err, errlen, "more than %u detectors", REDACT_MAX_DETECTORS);
		return -EINVAL;
	}
	struct redact_detector *d = &cat->det[cat->count];
	memset(d, 0, sizeof *d);
	int rc = compile_detector(d, pattern, group, err, errlen);
	if (rc < 0)
		return rc;
	d->description = strdup(description ? description : "custom pattern");
	if (!d->description) {
		pcre2_code_free(d->code);
		pcre2_code_free(d->end_code);
		d->code = d->end_code = NULL;
		return -ENOMEM;
	}
	snprintf(d->name, sizeof d->name, "%s", name);
	d->example = "";
	d->builtin = false;
	d->settings = (uint32_t)cat->count;
	redact_prefilter_anchor_custom(&cat->prefilter, d, pattern);
	note_groups(cat, d);
	return (int)cat->count++;
}

int redact_catalog_lookup(const redact_catalog *cat, const char *name)
{
	for (size_t i = 0; i < cat->count; i++)
		if (cat->det[i].settings == i && strcmp(cat->det[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *redact_detector_part_of(const redact_catalog *cat, size_t i)
{
	return i < cat->count && cat->det[i].settings != i ? cat->det[cat->det[i].settings].name
	                                                   : NULL;
}

size_t redact_catalog_size(const redact_catalog *cat)
{
	return cat->count;
}

const char *redact_detector_name(const redact_catalog *cat, size_t i)
{
	return i < cat->count ? cat->det[i].name : NULL;
}

const char *redact_detector_description(const redact_catalog *cat, size_t i)
{
	return i < cat->count ? cat->det[i].description : NULL;
}

const char *redact_detector_example(const redact_catalog *cat, size_t i)
{
	return i < cat->count ? cat->det[i].example : NULL;
}

const char *redact_detector_example_masked(const redact_catalog *cat, size_t i)
{
	return i < cat->count ? cat->det[i].example_masked : NULL;
}

bool redact_detector_is_builtin(const redact_catalog *cat, size_t i)
{
	return i < cat->count && cat->det[i].builtin;
}

void redact_catalog_free(redact_catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->count; i++) {
		pcre2_code_free(cat->det[i].code);
		pcre2_code_free(cat->det[i].end_code);
		free(cat->det[i].description);
	}
	pcre2_match_context_free(cat->mctx);
	redact_fields_free(cat->fields);
	free(cat);
}

/* ---- Profiles ---------------------------------------------------------- */

void redact_profile_init(redact_profile *p, const redact_catalog *cat)
{
	memset(p, 0, sizeof *p);
	p->catalog = cat;
	p->action = REDACT_ACTION_MASK;
	p->format = REDACT_FORMAT_TEXT;
	p->keep_head = -1;
	p->keep_tail = -1;
}

enum redact_action redact_profile_action(const redact_profile *p, size_t detector)
{
	if (detector < p->catalog->count)
		detector = p->catalog->det[detector].settings;
	if (detector < REDACT_MAX_DETECTORS && p->detector_action[detector])
		return (enum redact_action)(p->detector_action[detector] - 1);
	return p->action;
}

const redact_fields *redact_profile_fields(const redact_profile *p)
{
	return p->fields ? p->fields : p->catalog->fields;
}

bool redact_profile_field_enabled(const redact_profile *p)
{
	const redact_catalog *cat = p->catalog;
	for (size_t i = 0; i < cat->count; i++)
		if (cat->det[i].field && redact_profile_enabled(p, i))
			return true;
	return false;
}

void redact_profile_enable(redact_profile *p, size_t detector)
{
	if (detector < REDACT_MAX_DETECTORS)
		p->enabled[detector / 64] |= UINT64_C(1) << (detector % 64);
}

void redact_profile_enable_all(redact_profile *p)
{
	for (size_t i = 0; i < redact_catalog_size(p->catalog); i++)
		redact_profile_enable(p, i);
}

bool redact_profile_enabled(const redact_profile *p, size_t detector)
{
	if (detector < p->catalog->count)
		detector = p->catalog->det[detector].settings;
	return detector < REDACT_MAX_DETECTORS &&
	       (p->enabled[detector / 64] >> (detector % 64)) & 1u;
}

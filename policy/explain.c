/*
 * explain.c — `redact --explain`: the effective settings for one path and
 * where each came from.
 *
 * Output (one item per line; FILE:LINE is the line of the key that set the
 * value, or of the section header in the "matching" list):
 *   policy:    FILE
 *   path:      /exports/a.csv
 *   matching:  FILE:5 [path:/exports]      (or "(none)")
 *              FILE:9 [path:/exports/a.csv]
 *   mode:      redact  FILE:6 [path:/exports]
 *   binary:    deny  (default)
 *   detectors: email, phone  FILE:2 [global]
 *   action:    mask  (default)
 * Invariant: it reports exactly what policy_resolve() decides, because both
 * come from policy_resolve_trace().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "policy_i.h"

static void origin(const struct policy *pol, const struct policy_section *s, int key,
                   FILE *out)
{
	if (!s)
		fprintf(out, "  (default)\n");
	else
		fprintf(out, "  %s:%d [%s]\n", pol->source, s->key_line[key], s->header);
}

static void list_detectors(const redact_profile *p, FILE *out)
{
	const redact_catalog *cat = p->catalog;
	size_t n = redact_catalog_size(cat), shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!redact_profile_enabled(p, i))
			continue;
		fprintf(out, "%s%s", shown ? ", " : "", redact_detector_name(cat, i));
		shown++;
	}
	if (!shown)
		fprintf(out, "(none)");
}

int policy_explain(const policy *pol, const char *path, FILE *out)
{
	struct policy_view view;
	struct policy_trace tr;
	policy_resolve_trace(pol, path, &view, &tr);

	fprintf(out, "policy:    %s\n", pol->source);
	if (!path)
		fprintf(out, "path:      (none: standard input, no [path:] section applies)\n");
	else
		fprintf(out, "path:      %s\n", path);
	if (tr.bad_path) {
		fprintf(out, "matching:  (none: not an absolute path without '.' and '..' "
		             "segments, or too long)\n");
	} else if (path) {
		struct policy_split *sp = malloc(sizeof *sp);
		if (!sp)
			return -ENOMEM;
		policy_split_path(path, sp);
		size_t shown = 0;
		for (size_t i = 0; i < pol->npaths; i++) {
			const struct policy_section *s = &pol->paths[i];
			if (!policy_glob_match(&s->glob, &sp->path, sp->path.nseg))
				continue;
			fprintf(out, "%s%s:%d [%s]\n", shown ? "           " : "matching:  ",
			        pol->source, s->line, s->header);
			shown++;
		}
		free(sp);
		if (!shown)
			fprintf(out, "matching:  (none)\n");
	} else {
		fprintf(out, "matching:  (none)\n");
	}

	fprintf(out, "mode:      %s", policy_mode_name(view.mode));
	if (tr.bad_path)
		fprintf(out, "  (fail closed: path cannot be matched)\n");
	else if (tr.hidden_by)
		fprintf(out, "  (under hidden %.*s: %s:%d [%s])\n", (int)tr.hidden_len, path,
		        pol->source, tr.hidden_by->key_line[POLICY_KEY_MODE],
		        tr.hidden_by->header);
	else
		origin(pol, tr.src[POLICY_KEY_MODE], POLICY_KEY_MODE, out);
	fprintf(out, "binary:    %s", policy_binary_name(view.binary));
	if (tr.bad_path)
		fprintf(out, "  (fail closed: path cannot be matched)\n");
	else
		origin(pol, tr.src[POLICY_KEY_BINARY], POLICY_KEY_BINARY, out);
	fprintf(out, "detectors: ");
	list_detectors(&view.profile, out);
	origin(pol, tr.src[POLICY_KEY_DETECTORS], POLICY_KEY_DETECTORS, out);
	fprintf(out, "action:    %s", policy_action_name(view.profile.action));
	origin(pol, tr.src[POLICY_KEY_ACTION], POLICY_KEY_ACTION, out);
	fprintf(out, "fields:    %s", view.profile.fields ? "the defaults and the section's names"
	                                                  : "the defaults");
	origin(pol, tr.src[POLICY_KEY_FIELDS], POLICY_KEY_FIELDS, out);
	fprintf(out, "format:    %s", policy_format_name((int)view.profile.format));
	if (!tr.src[POLICY_KEY_FORMAT])
		fprintf(out, "  (by file name)\n");
	else
		origin(pol, tr.src[POLICY_KEY_FORMAT], POLICY_KEY_FORMAT, out);
	fflush(out);
	return ferror(out) ? -EIO : 0;
}

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
 *   action.email: pseudonymize  FILE:7 [path:/exports]   (one per detector
 *                                          with its own action)
 *   keep_head: 3  FILE:4 [global]          ("detector default" when unset)
 *   keep_tail: detector default  (default)
 *   key:       from /etc/redactfs/k.key  FILE:3 [global]   (never the key)
 *   fields:    the defaults  (default)
 *   format:    csv  (by file name)
 *   unmask_uids: alice, 1001 (uids 1000, 1001)  FILE:8 [path:/hr]
 *   unmask_groups: (nobody)  (default)
 *   audit_log: /var/log/redactfs.jsonl  FILE:5 [global]
 * Invariant: it reports exactly what policy_resolve() decides, because both
 * come from policy_resolve_trace().
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
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

static void keep(const struct policy *pol, const char *label, int value,
                 const struct policy_section *s, int key, FILE *out)
{
	if (value < 0)
		fprintf(out, "%sdetector default", label);
	else
		fprintf(out, "%s%d", label, value);
	origin(pol, s, key, out);
}

/* An unmask list: as written, then the numbers it resolved to. */
static void idlist(const struct policy *pol, const char *label, const char *what,
                   const struct policy_section *s, int key, FILE *out)
{
	const struct policy_idlist *l = s ? &s->unmask[key == POLICY_KEY_UNMASK_GROUPS] : NULL;
	if (!l || l->n == 0) {
		fprintf(out, "%s(nobody)", label);
	} else {
		fprintf(out, "%s%s (%s", label, l->text, what);
		for (size_t i = 0; i < l->n; i++)
			fprintf(out, "%s%u", i ? ", " : " ", l->ids[i]);
		fprintf(out, ")");
	}
	origin(pol, s, key, out);
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

/* The line "shown as" for path's last name where names are redacted (the
 * mount adds ~INODE where two names of a directory would show alike). */
static void shown_name(const struct policy_view *view, const char *path, FILE *out)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (view->names != POLICY_NAMES_REDACT || !slash || slash[1] == '\0')
		return;
	char shown[REDACT_NAME_MAX + 1];
	size_t n;
	if (redact_filename(&view->profile, slash + 1, strlen(slash + 1), shown, &n) < 0)
		fprintf(out, "shown as:  (the engine failed: the name is not listed)\n");
	else
		fprintf(out, "shown as:  %s\n", shown);
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
	fprintf(out, "names:     %s", policy_names_name(view.names));
	if (tr.bad_path)
		fprintf(out, "  (fail closed: path cannot be matched)\n");
	else if (!tr.src[POLICY_KEY_NAMES])
		fprintf(out, "  (default: %s)\n", view.names == POLICY_NAMES_KEEP
		                                        ? "mode allow shows real names"
		                                        : "names are scanned like content");
	else
		origin(pol, tr.src[POLICY_KEY_NAMES], POLICY_KEY_NAMES, out);
	shown_name(&view, path, out);
	fprintf(out, "detectors: ");
	list_detectors(&view.profile, out);
	origin(pol, tr.src[POLICY_KEY_DETECTORS], POLICY_KEY_DETECTORS, out);
	fprintf(out, "action:    %s", policy_action_name(view.profile.action));
	origin(pol, tr.src[POLICY_KEY_ACTION], POLICY_KEY_ACTION, out);
	const redact_catalog *cat = pol->catalog;
	for (size_t i = 0; i < redact_catalog_size(cat) && i < REDACT_MAX_DETECTORS; i++)
		if (tr.dsrc[i])
			fprintf(out, "action.%s: %s  %s:%d [%s]\n", redact_detector_name(cat, i),
			        policy_action_name(redact_profile_action(&view.profile, i)),
			        pol->source, tr.dline[i], tr.dsrc[i]->header);
	for (size_t i = 0; i < pol->nlabels; i++)
		fprintf(out, "label.%s: %s  %s:%d [global]\n", pol->label_list[i].name,
		        pol->label_list[i].text, pol->source, pol->label_list[i].line);
	keep(pol, "keep_head: ", view.profile.keep_head, tr.src[POLICY_KEY_KEEP_HEAD],
	     POLICY_KEY_KEEP_HEAD, out);
	keep(pol, "keep_tail: ", view.profile.keep_tail, tr.src[POLICY_KEY_KEEP_TAIL],
	     POLICY_KEY_KEEP_TAIL, out);
	if (pol->key)
		fprintf(out, "key:       from %s", pol->global.key_file);
	else
		fprintf(out, "key:       (none)");
	origin(pol, tr.src[POLICY_KEY_KEY_FILE], POLICY_KEY_KEY_FILE, out);
	fprintf(out, "fields:    %s", view.profile.fields ? "the defaults and the section's names"
	                                                  : "the defaults");
	origin(pol, tr.src[POLICY_KEY_FIELDS], POLICY_KEY_FIELDS, out);
	fprintf(out, "format:    %s", policy_format_name((int)view.profile.format));
	if (!tr.src[POLICY_KEY_FORMAT])
		fprintf(out, "  (by file name)\n");
	else
		origin(pol, tr.src[POLICY_KEY_FORMAT], POLICY_KEY_FORMAT, out);
	idlist(pol, "unmask_uids: ", "uids", tr.src[POLICY_KEY_UNMASK_UIDS],
	       POLICY_KEY_UNMASK_UIDS, out);
	idlist(pol, "unmask_groups: ", "gids", tr.src[POLICY_KEY_UNMASK_GROUPS],
	       POLICY_KEY_UNMASK_GROUPS, out);
	if (view.mode != POLICY_MODE_REDACT && (tr.src[POLICY_KEY_UNMASK_UIDS] ||
	                                        tr.src[POLICY_KEY_UNMASK_GROUPS]))
		fprintf(out, "               (unmask lists apply only in redact mode)\n");
	fprintf(out, "audit_log: %s", pol->global.audit_log ? pol->global.audit_log : "(none)");
	origin(pol, tr.src[POLICY_KEY_AUDIT_LOG], POLICY_KEY_AUDIT_LOG, out);
	fflush(out);
	return ferror(out) ? -EIO : 0;
}

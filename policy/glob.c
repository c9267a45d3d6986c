/*
 * glob.c — compiling and matching the globs of [path:GLOB] sections.
 *
 * Invariant (see glob_i.h): a compiled glob is immutable and matching it
 * neither allocates nor recurses, so resolution is cheap and thread-safe.
 * Matching works on whole segments: the classic wildcard algorithm with one
 * backtrack point, where "**" plays the role of '*' and a plain segment
 * (tested with fnmatch(3), flags 0) the role of one character. A run of
 * "**" segments is folded into one when the glob is compiled.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glob_i.h"

int policy_glob_compile(struct policy_glob *g, const char *text, char *err,
                        size_t errlen)
{
	memset(g, 0, sizeof *g);
	if (text[0] != '/') {
		snprintf(err, errlen, "must start with '/' (globs are relative to the mount root)");
		return -EINVAL;
	}
	if (strcmp(text, "/") == 0)
		return 0; /* the root only */
	size_t len = strlen(text);
	g->buf = malloc(len + 1);
	g->seg = calloc(POLICY_GLOB_MAX_SEGS, sizeof *g->seg);
	if (!g->buf || !g->seg) {
		policy_glob_free(g);
		return -ENOMEM;
	}
	memcpy(g->buf, text, len + 1);
	char *p = g->buf + 1;
	for (;;) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		const char *why = NULL;
		if (*p == '\0')
			why = "empty path segment ('//' or a trailing '/')";
		else if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0)
			why = "'.' and '..' segments never match";
		else if (strstr(p, "**") && strcmp(p, "**") != 0)
			why = "'**' must be a whole path segment, as in /a/**/b";
		else if (g->nseg == POLICY_GLOB_MAX_SEGS)
			why = "too many path segments";
		if (why) {
			snprintf(err, errlen, "%s", why);
			policy_glob_free(g);
			return -EINVAL;
		}
		bool dstar = strcmp(p, "**") == 0;
		/* Fold "**" runs: they match the same paths as one "**". */
		if (!(dstar && g->nseg > 0 && g->seg[g->nseg - 1] == NULL))
			g->seg[g->nseg++] = dstar ? NULL : p;
		if (!slash)
			break;
		p = slash + 1;
	}
	return 0;
}

void policy_glob_free(struct policy_glob *g)
{
	free(g->buf);
	free(g->seg);
	memset(g, 0, sizeof *g);
}

bool policy_glob_match(const struct policy_glob *g, const struct policy_path *path,
                       size_t nseg)
{
	size_t i = 0, j = 0;
	size_t star_i = 0, star_j = 0;
	bool have_star = false;
	while (j < nseg) {
		if (i < g->nseg && g->seg[i] == NULL) {
			have_star = true;
			star_i = i++;
			star_j = j;
			continue;
		}
		if (i < g->nseg && fnmatch(g->seg[i], path->seg[j], 0) == 0) {
			i++;
			j++;
			continue;
		}
		if (!have_star)
			return false;
		/* Let the last "**" take one more segment and retry. */
		i = star_i + 1;
		j = ++star_j;
	}
	while (i < g->nseg && g->seg[i] == NULL)
		i++;
	return i == g->nseg;
}

int policy_path_split(const char *path, char *buf, size_t bufsize, const char **seg,
                      size_t maxseg)
{
	if (!path || path[0] != '/')
		return -1;
	size_t len = strlen(path);
	if (len + 1 > bufsize)
		return -1;
	memcpy(buf, path, len + 1);
	size_t n = 0;
	char *p = buf;
	while (*p) {
		while (*p == '/')
			*p++ = '\0';
		if (!*p)
			break;
		char *start = p;
		while (*p && *p != '/')
			p++;
		if (*p)
			*p++ = '\0';
		if (strcmp(start, ".") == 0 || strcmp(start, "..") == 0 || n == maxseg)
			return -1;
		seg[n++] = start;
	}
	return (int)n;
}

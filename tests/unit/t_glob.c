/*
 * t_glob.c — path glob semantics of [path:GLOB] sections.
 *
 * "**" is a whole segment matching zero or more segments (so /a followed by
 * a "**" segment matches /a itself), '*' '?' and [...] stay inside one segment and '*' matches
 * dotfiles, '/' is never matched by a wildcard, and bad globs are refused.
 * Every expected result below is written by hand from those rules.
 */
#include <string.h>

#include "glob_i.h"
#include "tap.h"

/* 1 = match, 0 = no match, -1 = glob or path refused. */
static int match(const char *glob, const char *path)
{
	struct policy_glob g;
	char err[128];
	if (policy_glob_compile(&g, glob, err, sizeof err) < 0)
		return -1;
	char buf[4096];
	const char *seg[256];
	int n = policy_path_split(path, buf, sizeof buf, seg, 256);
	int r = -1;
	if (n >= 0) {
		struct policy_path p = { seg, (size_t)n };
		r = policy_glob_match(&g, &p, (size_t)n);
	}
	policy_glob_free(&g);
	return r;
}

static bool refused(const char *glob, const char *want_in_err)
{
	struct policy_glob g;
	char err[128] = "";
	int r = policy_glob_compile(&g, glob, err, sizeof err);
	if (r == 0) {
		policy_glob_free(&g);
		return false;
	}
	return strstr(err, want_in_err) != NULL;
}

static const struct {
	const char *glob, *path;
	int want;
} cases[] = {
	{ "/", "/", 1 },
	{ "/", "/a", 0 },
	{ "/a", "/a", 1 },
	{ "/a", "/a/b", 0 },
	{ "/a", "/ab", 0 },
	{ "/a/**", "/a", 1 },          /* zero segments */
	{ "/a/**", "/a/b", 1 },
	{ "/a/**", "/a/b/c/d", 1 },
	{ "/a/**", "/ab", 0 },
	{ "/a/**", "/b/a", 0 },
	{ "/**", "/", 1 },
	{ "/**", "/x/y/z", 1 },
	{ "/a/**/b", "/a/b", 1 },
	{ "/a/**/b", "/a/x/b", 1 },
	{ "/a/**/b", "/a/x/y/b", 1 },
	{ "/a/**/b", "/a/x/c", 0 },
	{ "/a/**/b", "/a/b/c", 0 },
	{ "/**/a/b", "/a/a/b", 1 },    /* needs backtracking */
	{ "/**/a/b", "/a/a/a/b", 1 },
	{ "/**/a/b", "/a/b/a", 0 },
	{ "/a/**/b/**/c", "/a/b/c", 1 },
	{ "/a/**/b/**/c", "/a/1/b/2/3/c", 1 },
	{ "/a/**/b/**/c", "/a/c/b", 0 },
	{ "/**/**/x", "/x", 1 },
	{ "/**/**/x", "/p/q/x", 1 },
	{ "/**/*.pem", "/k.pem", 1 },
	{ "/**/*.pem", "/a/b/k.pem", 1 },
	{ "/**/*.pem", "/a/b/k.pemx", 0 },
	{ "/*.csv", "/x.csv", 1 },
	{ "/*.csv", "/.hidden.csv", 1 }, /* '*' matches a leading dot */
	{ "/*.csv", "/d/x.csv", 0 },     /* '*' stays in one segment */
	{ "/a/*", "/a/.env", 1 },
	{ "/a/*", "/a", 0 },
	{ "/a/*", "/a/b/c", 0 },
	{ "/a*b", "/a/b", 0 },           /* '*' never matches '/' */
	{ "/a/?", "/a/b", 1 },
	{ "/a/?", "/a/bc", 0 },
	{ "/a/?", "/a/.", -1 },          /* a "." path segment is refused */
	{ "/a/[bc]d", "/a/cd", 1 },
	{ "/a/[bc]d", "/a/dd", 0 },
	{ "/a/[!b]", "/a/c", 1 },
	{ "/a/[!b]", "/a/b", 0 },
	{ "/data-*/x", "/data-2024/x", 1 },
	{ "/data-*/x", "/data/x", 0 },
	{ "/a\\*", "/a*", 1 },           /* backslash escapes */
	{ "/a\\*", "/ab", 0 },
	{ "/A", "/a", 0 },               /* case-sensitive */
	{ "/a/b", "/a//b", 1 },          /* empty path segments are skipped */
	{ "/a/b", "/a/b/", 1 },
	{ "/a/b", "/a/../a/b", -1 },     /* ".." refused: caller fails closed */
	{ "/a/b", "a/b", -1 },           /* not absolute */
};

int main(void)
{
	struct tap t = { 0 };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = match(cases[i].glob, cases[i].path);
		tap_ok(&t, got == cases[i].want, "%s vs %s -> %d (want %d)", cases[i].glob,
		       cases[i].path, got, cases[i].want);
	}

	/* A prefix of a path: what ancestor checks ask. */
	struct policy_glob g;
	char err[128];
	policy_glob_compile(&g, "/a/b", err, sizeof err);
	char buf[64];
	const char *seg[8];
	int n = policy_path_split("/a/b/c", buf, sizeof buf, seg, 8);
	struct policy_path p = { seg, (size_t)n };
	tap_ok(&t, n == 3, "split /a/b/c into 3 segments");
	tap_ok(&t, policy_glob_match(&g, &p, 2), "/a/b matches the first 2 segments of /a/b/c");
	tap_ok(&t, !policy_glob_match(&g, &p, 3), "/a/b does not match all of /a/b/c");
	tap_ok(&t, !policy_glob_match(&g, &p, 1), "/a/b does not match /a");
	policy_glob_free(&g);
	tap_ok(&t, policy_path_split("/a/b", buf, 4, seg, 8) < 0, "too long a path is refused");
	tap_ok(&t, policy_path_split("/a/b/c", buf, sizeof buf, seg, 2) < 0,
	       "too deep a path is refused");

	tap_ok(&t, refused("exports/**", "must start with '/'"), "glob without leading / refused");
	tap_ok(&t, refused("", "must start with '/'"), "empty glob refused");
	tap_ok(&t, refused("/a//b", "empty path segment"), "glob with // refused");
	tap_ok(&t, refused("/a/", "empty path segment"), "glob with trailing / refused");
	tap_ok(&t, refused("/a/../b", "'..'"), "glob with .. refused");
	tap_ok(&t, refused("/a**", "whole path segment"), "glob with a** refused");
	tap_ok(&t, refused("/**x/y", "whole path segment"), "glob with **x refused");
	return tap_done(&t);
}

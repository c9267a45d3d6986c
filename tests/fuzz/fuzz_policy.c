/*
 * fuzz_policy.c — libFuzzer target: the policy parser on any text.
 *
 * Invariant (policy.h): any text either loads or is refused with a message
 * "FILE:LINE: what is wrong" (or "FILE: ..."), never both, never a crash,
 * leak or out-of-bounds access (ASan, UBSan). A policy that loads answers
 * for any path: policy_resolve gives a view within the enums, its profile
 * points into the policy's catalog, policy_explain succeeds, and the
 * view's profile drives the engine (engine_check.c's invariants, on the
 * policy text itself as the file).
 *
 * The whole input is the policy text (up to its first NUL). It is loaded
 * as FILE.ini in a private directory holding two keys, fuzz.key and
 * analysts.key (as the example policies name them), so that pseudonymize
 * policies load too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_check.h"
#include "policy.h"

/* The private directory: made once, removed at exit. */
static char dir[] = "/tmp/redactfs-fuzz-policy-XXXXXX";

static void remove_dir(void)
{
	char path[sizeof dir + 32];
	static const char *const keys[] = {"fuzz.key", "analysts.key"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, keys[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void write_key(const char *name)
{
	char path[sizeof dir + 32];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || chmod(path, 0600) < 0 ||
	    fputs("an invented key for fuzzing, 32 bytes or more\n", f) < 0 || fclose(f) != 0)
		fuzz_fail("cannot write the key %s", path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		fuzz_fail("cannot make a private directory");
	atexit(remove_dir);
	write_key("fuzz.key");
	write_key("analysts.key");
	return 0;
}

/* Checks what the loaded policy answers for path. */
static void check_path(const policy *pol, const char *path, const char *text, size_t len,
                       uint64_t *rng)
{
	struct policy_view v;
	policy_resolve(pol, path, &v);
	if ((unsigned)v.mode > POLICY_MODE_HIDE || (unsigned)v.binary > POLICY_BINARY_SCAN ||
	    (unsigned)v.names > POLICY_NAMES_KEEP || v.profile.catalog != policy_catalog(pol) ||
	    (unsigned)v.profile.action >= REDACT_ACTION_COUNT ||
	    (unsigned)v.profile.format > REDACT_FORMAT_SQL)
		fuzz_fail("policy_resolve(%s) gave a view out of range", path ? path : "(null)");
	if (!policy_mode_name(v.mode) || !policy_binary_name(v.binary) ||
	    !policy_names_name(v.names))
		fuzz_fail("a mode, binary or names setting without a name");
	gid_t groups[2] = {0, 5151};
	(void)policy_view_unmasked(&v, 4242, 4242, groups, 2);
	(void)policy_view_per_caller(&v);
	bool binary;
	enum policy_serving how = policy_serving(&v, text, len, &binary);
	if (!policy_serving_says(&v, how, binary))
		fuzz_fail("policy_serving_says gave nothing");
	if (path) {
		char *out = NULL;
		size_t outlen = 0;
		FILE *f = open_memstream(&out, &outlen);
		if (!f)
			fuzz_fail("open_memstream");
		int rc = policy_explain(pol, path, f);
		fclose(f);
		if (rc != 0 || outlen == 0)
			fuzz_fail("policy_explain(%s): rc %d, %zu bytes", path, rc, outlen);
		free(out);
	}
	if (v.mode == POLICY_MODE_REDACT && fuzz_rnd(rng, 4) == 0) {
		struct engine_check_opts o = {.ranges = 3};
		engine_check(&v.profile, (const uint8_t *)text, len, *rng, &o, NULL);
	}
}

/* Every "[path:GLOB]" of the text, the glob itself taken as a path. */
static void check_section_paths(const policy *pol, const char *text, size_t len,
                                uint64_t *rng)
{
	int budget = 4;
	for (const char *p = text; budget > 0 && (p = strstr(p, "[path:")) != NULL; p++) {
		const char *end = strchr(p, ']');
		const char *nl = strchr(p, '\n');
		if (!end || (nl && nl < end) || end - p - 6 > 200)
			continue;
		char path[256];
		snprintf(path, sizeof path, "%.*s", (int)(end - p - 6), p + 6);
		if (path[0] == '/') {
			check_path(pol, path, text, len, rng);
			budget--;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	char *text = malloc(n + 1);
	if (!text)
		return 0;
	memcpy(text, in, n);
	text[n] = '\0';
	size_t len = strlen(text);
	char name[sizeof dir + 16];
	snprintf(name, sizeof name, "%s/fuzz.ini", dir);

	policy *pol = (policy *)1;
	char err[POLICY_ERRLEN];
	err[0] = '\0';
	int rc = policy_load_string(&pol, name, text, err, sizeof err);
	if (rc < 0) {
		size_t nl = strlen(name);
		if (pol != NULL)
			fuzz_fail("policy_load_string failed (rc %d) but set a policy", rc);
		if (!memchr(err, '\0', sizeof err) || strncmp(err, name, nl) != 0 || err[nl] != ':' ||
		    err[nl + 1] == '\0')
			fuzz_fail("a refusal's message does not read \"FILE:LINE: what\": %.200s", err);
	} else {
		if (rc != 0 || !pol)
			fuzz_fail("policy_load_string: rc %d, policy %p", rc, (void *)pol);
		uint64_t rng = fuzz_seed(in, n);
		static const char *const paths[] = {"/", "/a.txt", "/exports/2024/data.csv",
			"/hr/people.tsv", "/.hidden/x", "/src/main.c", "/db/dump.sql", NULL};
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
			check_path(pol, paths[i], text, len, &rng);
		check_section_paths(pol, text, len, &rng);
		(void)policy_names_all_kept(pol);
		(void)policy_audit_log(pol);
		if (strcmp(policy_source(pol), name) != 0)
			fuzz_fail("policy_source is not the name given");
		policy_free(pol);
	}
	free(text);
	return 0;
}

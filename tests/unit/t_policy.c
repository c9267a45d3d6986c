/*
 * t_policy.c — loading and resolving policies.
 *
 * Resolution order (global, then every matching [path:] section in file
 * order, each overriding only its own keys), hidden ancestors, custom
 * detectors (enabled by "all", named before their definition, patterns over
 * continuation lines, actually masking through the engine), the NULL path
 * of standard input, fail-closed paths, error lines, explain output, and
 * many threads resolving against one policy at once; actions (action,
 * action.DETECTOR, keep_head/keep_tail), key_file (the derived key, checked
 * against BLAKE2b-256 computed independently with Python's hashlib),
 * per-caller unmask lists, and audit_log.
 * Expected values are written by hand from the policy texts below.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy.h"
#include "tap.h"

static struct tap t;

static policy *load(const char *text)
{
	policy *pol = NULL;
	char err[POLICY_ERRLEN] = "";
	if (policy_load_string(&pol, "t.ini", text, err, sizeof err) < 0) {
		printf("# unexpected load error: %s\n", err);
		return NULL;
	}
	return pol;
}

/* The error message for text, or "" when it loads. */
static const char *load_error(const char *text)
{
	static char err[POLICY_ERRLEN];
	policy *pol = NULL;
	err[0] = '\0';
	if (policy_load_string(&pol, "t.ini", text, err, sizeof err) == 0) {
		policy_free(pol);
		err[0] = '\0';
	}
	return err;
}

static bool enabled(const policy *pol, const struct policy_view *v, const char *name)
{
	int i = redact_catalog_lookup(policy_catalog(pol), name);
	return i >= 0 && redact_profile_enabled(&v->profile, (size_t)i);
}

static size_t count_enabled(const policy *pol, const struct policy_view *v)
{
	size_t n = 0;
	for (size_t i = 0; i < redact_catalog_size(policy_catalog(pol)); i++)
		n += redact_profile_enabled(&v->profile, i);
	return n;
}

static bool view_is(const policy *pol, const char *path, enum policy_mode m,
                    enum policy_binary b)
{
	struct policy_view v;
	policy_resolve(pol, path, &v);
	if (v.mode != m || v.binary != b)
		printf("# %s: got %s/%s\n", path ? path : "(null)", policy_mode_name(v.mode),
		       policy_binary_name(v.binary));
	return v.mode == m && v.binary == b;
}

/* What a path's view should be: a row of a table checked by views_are. */
struct view_case {
	const char *path;
	enum policy_mode mode;
	enum policy_binary binary;
	const char *what;
};

static void views_are(const policy *pol, const struct view_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tap_ok(&t, view_is(pol, c[i].path, c[i].mode, c[i].binary), "%s", c[i].what);
}

struct buf {
	char data[256];
	size_t len;
};

static int collect(void *arg, const void *p, size_t n)
{
	struct buf *b = arg;
	if (b->len + n >= sizeof b->data)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* The engine's output for in under path's view. */
static const char *redacted(const policy *pol, const char *path, const char *in)
{
	static struct buf b;
	struct policy_view v;
	redact_stream *s;
	policy_resolve(pol, path, &v);
	b.len = 0;
	b.data[0] = '\0';
	if (redact_stream_new(&s, &v.profile) < 0)
		return "(stream error)";
	int r = redact_stream_feed(s, in, strlen(in), collect, &b);
	if (r == 0)
		r = redact_stream_finish(s, collect, &b);
	redact_stream_free(s);
	return r == 0 ? b.data : "(engine error)";
}

static void same(const char *got, const char *want, const char *what)
{
	if (!tap_ok(&t, strcmp(got, want) == 0, "%s", what))
		printf("# got:  %s# want: %s", got, want);
}

static void test_default(void)
{
	char err[POLICY_ERRLEN];
	policy *pol = NULL;
	tap_ok(&t, policy_default(&pol, err, sizeof err) == 0, "built-in policy loads");
	if (!pol)
		return;
	tap_ok(&t, strcmp(policy_source(pol), "(built-in)") == 0, "built-in source name");
	struct policy_view v;
	policy_resolve(pol, "/any/file.txt", &v);
	size_t n = redact_catalog_size(policy_catalog(pol));
	tap_ok(&t, v.mode == POLICY_MODE_REDACT && v.binary == POLICY_BINARY_DENY &&
	               v.profile.action == REDACT_ACTION_MASK,
	       "built-in: redact, binary deny, mask");
	tap_ok(&t, n > 0 && count_enabled(pol, &v) == n, "built-in: every detector enabled");
	tap_ok(&t, enabled(pol, &v, "email"), "built-in: email enabled");
	tap_ok(&t, view_is(pol, NULL, POLICY_MODE_REDACT, POLICY_BINARY_DENY),
	       "built-in: NULL path redacts");
	policy_free(pol);
}

static void test_order(void)
{
	policy *pol = load("[global]\n"
	                   "default = allow\n"
	                   "binary = scan\n"
	                   "[path:/data/**]\n"
	                   "mode = redact\n"
	                   "detectors = email\n"
	                   "[path:/data/public/**]\n"
	                   "mode = allow\n"
	                   "[path:/data/*.bin]\n"
	                   "binary = allow\n"
	                   "[path:/data/public/secret.txt]\n"
	                   "mode = deny\n"
	                   "[path:/data/**]\n"
	                   "binary = deny\n");
	tap_ok(&t, pol != NULL, "ordered policy loads");
	if (!pol)
		return;
	static const struct view_case views1[] = {
		{"/other/x", POLICY_MODE_ALLOW, POLICY_BINARY_SCAN,
		 "unmatched path takes [global] default and binary"},
		{"/data", POLICY_MODE_REDACT, POLICY_BINARY_DENY, "/data/** matches /data itself"},
		{"/data/a.txt", POLICY_MODE_REDACT, POLICY_BINARY_DENY,
		 "/data/a.txt: mode from /data/**, binary from the later /data/**"},
		{"/data/x.bin", POLICY_MODE_REDACT, POLICY_BINARY_DENY,
		 "a later section's binary overrides an earlier one's"},
		{"/data/public/p.txt", POLICY_MODE_ALLOW, POLICY_BINARY_DENY,
		 "later /data/public/** overrides mode only"},
		{"/data/public/secret.txt", POLICY_MODE_DENY, POLICY_BINARY_DENY,
		 "a still later exact section wins"},
		{NULL, POLICY_MODE_ALLOW, POLICY_BINARY_SCAN,
		 "NULL path: no [path:] section applies, not even /**-like ones"},
	};
	views_are(pol, views1, sizeof views1 / sizeof views1[0]);
	struct policy_view v;
	policy_resolve(pol, "/data/public/p.txt", &v);
	tap_ok(&t, enabled(pol, &v, "email") && count_enabled(pol, &v) == 1,
	       "detectors inherited from an earlier section that set them");
	policy_resolve(pol, "/other/x", &v);
	tap_ok(&t, count_enabled(pol, &v) == redact_catalog_size(policy_catalog(pol)),
	       "detectors default to all");
	policy_free(pol);
}

static void test_hide(void)
{
	policy *pol = load("[global]\n[path:/secret]\n"
	                   "mode = hide\n"
	                   "[path:/secret/ok.txt]\n"
	                   "mode = allow\n"
	                   "[path:/a/*/deep]\n"
	                   "mode = hide\n");
	tap_ok(&t, pol != NULL, "hide policy loads");
	if (!pol)
		return;
	static const struct view_case views2[] = {
		{"/secret", POLICY_MODE_HIDE, POLICY_BINARY_DENY, "the hidden directory itself"},
		{"/secret/ok.txt", POLICY_MODE_HIDE, POLICY_BINARY_DENY,
		 "a hidden ancestor beats the path's own allow"},
		{"/secret/x/y/z", POLICY_MODE_HIDE, POLICY_BINARY_DENY,
		 "hidden at any depth below"},
		{"/secretx/a", POLICY_MODE_REDACT, POLICY_BINARY_DENY,
		 "a sibling with a longer name is not hidden"},
		{"/a/secret/b", POLICY_MODE_REDACT, POLICY_BINARY_DENY,
		 "a same-named directory elsewhere is not hidden"},
		{"/a/q/deep/f", POLICY_MODE_HIDE, POLICY_BINARY_DENY,
		 "hidden through a wildcard ancestor"},
		{"/a/q/deeper/f", POLICY_MODE_REDACT, POLICY_BINARY_DENY,
		 "not hidden when the wildcard ancestor does not match"},
	};
	views_are(pol, views2, sizeof views2 / sizeof views2[0]);
	policy_free(pol);

	pol = load("[global]\ndefault = hide\n[path:/public/**]\nmode = allow\n");
	tap_ok(&t, pol != NULL, "allow-list policy loads");
	if (!pol)
		return;
	static const struct view_case views3[] = {
		{"/public/a/b.txt", POLICY_MODE_ALLOW, POLICY_BINARY_DENY,
		 "default = hide does not hide /public via the root"},
		{"/other", POLICY_MODE_HIDE, POLICY_BINARY_DENY,
		 "default = hide hides an unmatched path"},
		{"/other/x/public", POLICY_MODE_HIDE, POLICY_BINARY_DENY,
		 "and everything below it"},
	};
	views_are(pol, views3, sizeof views3 / sizeof views3[0]);
	policy_free(pol);
}

static void test_custom(void)
{
	policy *pol = load("[global]\n"
	                   "detectors = all\n"
	                   "[path:/hr/**]\n"
	                   "detectors = emp, acct\n"
	                   "[path:/mail/**]\n"
	                   "detectors = email\n"
	                   "[detector:emp]\n"
	                   "pattern = EMP-[0-9]{6}\n"
	                   "description = employee number\n"
	                   "[detector:acct]\n"
	                   "pattern = ACCT-\n"
	                   "    [0-9]{4}\n"
	                   "\n"
	                   "    ; the branch code\n"
	                   "    -[A-Z]{2}\n"
	                   "[detector:tok]\n"
	                   "pattern = tok=(?<secret>[a-f0-9]{8})\n"
	                   "group = secret\n");
	tap_ok(&t, pol != NULL, "custom detector policy loads");
	if (!pol)
		return;
	const redact_catalog *cat = policy_catalog(pol);
	int emp = redact_catalog_lookup(cat, "emp");
	tap_ok(&t, emp >= 0 && !redact_detector_is_builtin(cat, (size_t)emp),
	       "custom detector is in the catalog");
	tap_ok(&t, emp >= 0 && strcmp(redact_detector_description(cat, (size_t)emp),
	                              "employee number") == 0, "description kept");
	struct policy_view v;
	policy_resolve(pol, "/x", &v);
	tap_ok(&t, enabled(pol, &v, "emp") && enabled(pol, &v, "acct") &&
	               enabled(pol, &v, "email"), "'all' enables built-in and custom detectors");
	policy_resolve(pol, "/hr/list.txt", &v);
	tap_ok(&t, enabled(pol, &v, "emp") && enabled(pol, &v, "acct") &&
	               count_enabled(pol, &v) == 2,
	       "a list may name detectors defined further down");
	policy_resolve(pol, "/mail/a", &v);
	tap_ok(&t, !enabled(pol, &v, "emp") && count_enabled(pol, &v) == 1,
	       "a list naming only email leaves custom detectors off");
	const char *out = redacted(pol, "/hr/list.txt", "id EMP-123456 acct ACCT-1234-AB end\n");
	same(out, "id ********** acct ************ end\n",
	     "custom detectors mask (continuation lines joined, comment dropped)");
	out = redacted(pol, "/hr/list.txt", "ACCT-1234 and ACCT-1234-ab\n");
	same(out, "ACCT-1234 and ACCT-1234-ab\n", "the joined pattern needs all its parts");
	out = redacted(pol, "/x", "url?tok=0a1b2c3d&x=1\n");
	same(out, "url?tok=********&x=1\n", "group masks only the group");
	policy_free(pol);
}

static void test_errors(void)
{
	char long_line[400];
	snprintf(long_line, sizeof long_line, "[detector:x]\npattern = %0250d\n", 7);
	struct {
		const char *text, *want;
	} cases[] = {
		{ "[global]\ndefault = redact\nbinary = maybe\n",
		  "t.ini:3: bad value 'maybe' for binary (allowed: deny, allow, scan)" },
		{ "; ok\n[foo]\n", "t.ini:2: unknown section [foo] (expected [global], "
		                   "[path:GLOB] or [detector:NAME])" },
		{ "[path:/a]\nmode = allow\n[paths:/x]\n", "t.ini:3: unknown section [paths:/x] "
		  "(expected [global], [path:GLOB] or [detector:NAME])" },
		{ long_line, "t.ini:2: line too long (260 bytes, at most 197): split a long "
		             "pattern over indented continuation lines" },
		{ "[path:/a]\nmode = allow\n  binary = scan\n", "t.ini:3: indented line continues "
		  "'mode', but only 'pattern' may span lines (remove the indentation)" },
		{ "[path:/a]\ndetectors = email, nosuch\n[path:/b]\ndetectors = other\n",
		  "t.ini:2: unknown detector 'nosuch' in detectors list (see redact "
		  "--list-detectors)" },
		{ "[detector:d]\npattern = (ab\n", "t.ini:2: detector 'd': invalid pattern at offset "
		  "3: missing closing parenthesis" },
		{ "[detector:d]\npattern = ab\n  (cd\n  ef\n", "t.ini:4: detector 'd': invalid "
		  "pattern at offset 7: missing closing parenthesis" },
		{ "[global]\nmode = deny\n", "t.ini:2: unknown key 'mode' in [global] (in [global] "
		  "the mode for unmatched paths is 'default')" },
		{ "mode = deny\n", "t.ini:1: key 'mode' outside any section (start with [global], "
		  "[path:GLOB] or [detector:NAME])" },
		{ "[global]\ndefault = Deny\n", "t.ini:2: bad value 'Deny' for default (allowed: "
		  "redact, allow, deny, hide)" },
		{ "[path:/a/**]\ndetectors = all, email\n", "t.ini:2: 'all' cannot be combined with "
		  "detector names in 'all, email'" },
		{ "[global]\naction = blank\n", "t.ini:2: bad value 'blank' for action (allowed: "
		  "mask, partial, pseudonymize, replace, remove)" },
		{ "[path:/a]\nlabel.email = [X]\n", "t.ini:2: key 'label.email' is only allowed in "
		  "[global]" },
		{ "[global]\naction = Mask\n", "t.ini:2: bad value 'Mask' for action (allowed: "
		  "mask, partial, pseudonymize, replace, remove)" },
		{ "[path:/a]\naction.email = pseudonymize\n", "t.ini:2: pseudonymize needs key_file "
		  "in [global]" },
		{ "[path:/a]\naction = partial\n[global]\naction = pseudonymize\n",
		  "t.ini:4: pseudonymize needs key_file in [global]" },
		{ "[path:/a]\naction.nosuch = pseudonymize\n[path:/b]\ndetectors = nope\n",
		  "t.ini:2: unknown detector 'nosuch' in action.nosuch (see redact --list-detectors)" },
		{ "[path:/a]\ndetectors = nope\n[path:/b]\naction.nosuch = mask\n",
		  "t.ini:2: unknown detector 'nope' in detectors list (see redact --list-detectors)" },
		{ "[path:/a]\naction.email = pseudonymize\n[path:/b]\naction.nosuch = mask\n",
		  "t.ini:2: pseudonymize needs key_file in [global]" },
		{ "[global]\nkeep_head = 007\n", "t.ini:2: bad value '007' for keep_head (allowed: "
		  "0 to 64)" },
		{ "[global]\nkeep_tail =\n", "t.ini:2: bad value '' for keep_tail (allowed: 0 to "
		  "64)" },
		{ "[global]\nkeep_head = 64\nkeep_head = 1\n", "t.ini:3: key 'keep_head' given twice "
		  "in [global] (first at line 2)" },
		{ "[global]\nunmask_uids = 4294967295\n", "t.ini:2: unknown user '4294967295' in "
		  "unmask_uids" },
		{ "[global]\nunmask_groups = ,root\n", "t.ini:2: empty name in unmask_groups list "
		  "',root'" },
		{ "[path:/x]\nkey_file = k\n", "t.ini:2: key 'key_file' is only allowed in [global]" },
		{ "[global]\nmodee = 1\n", "t.ini:2: unknown key 'modee' in [global] (keys: default, "
		  "binary, detectors, action, action.DETECTOR, keep_head, keep_tail, fields, format, "
		  "unmask_uids, unmask_groups, names, key_file, audit_log, label.DETECTOR)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = load_error(cases[i].text);
		if (!tap_ok(&t, strcmp(got, cases[i].want) == 0, "error %zu", i))
			printf("# got:  %s\n# want: %s\n", got, cases[i].want);
	}
}

static void test_bad_paths(void)
{
	policy *pol = load("[global]\ndefault = allow\nbinary = allow\n");
	if (!pol)
		return;
	tap_ok(&t, view_is(pol, "/a/../b", POLICY_MODE_DENY, POLICY_BINARY_DENY),
	       "a path with .. resolves to deny");
	tap_ok(&t, view_is(pol, "relative", POLICY_MODE_DENY, POLICY_BINARY_DENY),
	       "a relative path resolves to deny");
	char *huge = malloc(10000);
	memset(huge, 'a', 9999);
	huge[0] = '/';
	huge[9999] = '\0';
	tap_ok(&t, view_is(pol, huge, POLICY_MODE_DENY, POLICY_BINARY_DENY),
	       "a path too long to match resolves to deny");
	free(huge);
	policy_free(pol);
}

static void test_explain(void)
{
	policy *pol = load("[global]\n"
	                   "binary = scan\n"
	                   "[path:/x/**]\n"
	                   "mode = allow\n"
	                   "[path:/x/h]\n"
	                   "mode = hide\n"
	                   "[path:/x/*.txt]\n"
	                   "detectors = email\n");
	if (!pol)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int r = policy_explain(pol, "/x/a.txt", f);
	fclose(f);
	tap_ok(&t, r == 0, "explain returns 0");
	const char *want = "policy:    t.ini\n"
	                   "path:      /x/a.txt\n"
	                   "matching:  t.ini:3 [path:/x/**]\n"
	                   "           t.ini:7 [path:/x/*.txt]\n"
	                   "mode:      allow  t.ini:4 [path:/x/**]\n"
	                   "binary:    scan  t.ini:2 [global]\n"
	                   "names:     keep  (default: mode allow shows real names)\n"
	                   "detectors: email  t.ini:8 [path:/x/*.txt]\n"
	                   "action:    mask  (default)\n"
	                   "keep_head: detector default  (default)\n"
	                   "keep_tail: detector default  (default)\n"
	                   "key:       (none)  (default)\n"
	                   "fields:    the defaults  (default)\n"
	                   "format:    text  (by file name)\n"
	                   "unmask_uids: (nobody)  (default)\n"
	                   "unmask_groups: (nobody)  (default)\n"
	                   "audit_log: (none)  (default)\n";
	if (!tap_ok(&t, text && strcmp(text, want) == 0, "explain output"))
		printf("# got:\n%s", text ? text : "");
	free(text);
	f = open_memstream(&text, &len);
	policy_explain(pol, "/x/h/in.txt", f);
	fclose(f);
	tap_ok(&t, text && strstr(text, "mode:      hide  (under hidden /x/h: t.ini:6 "
	                                 "[path:/x/h])\n"), "explain names the hiding ancestor");
	free(text);
	policy_free(pol);
}

struct worker {
	const policy *pol;
	int wrong;
};

static void *resolve_many(void *arg)
{
	struct worker *w = arg;
	static const struct {
		const char *path;
		enum policy_mode mode;
	} want[] = {
		{ "/secret/a/b", POLICY_MODE_HIDE },
		{ "/pub/x.txt", POLICY_MODE_ALLOW },
		{ "/pub/x.pem", POLICY_MODE_DENY },
		{ "/other", POLICY_MODE_REDACT },
	};
	for (int i = 0; i < 20000; i++) {
		struct policy_view v;
		policy_resolve(w->pol, want[i % 4].path, &v);
		w->wrong += v.mode != want[i % 4].mode;
		/* only /other is per caller: uid 5 reads it raw */
		bool other = i % 4 == 3;
		w->wrong += policy_view_per_caller(&v) != other;
		w->wrong += policy_view_unmasked(&v, 5, 5, NULL, 0) != other;
	}
	return NULL;
}

static void test_threads(void)
{
	policy *pol = load("[path:/secret]\nmode = hide\n[path:/pub/**]\nmode = allow\n"
	                   "[path:/**/*.pem]\nmode = deny\n[path:/other]\nunmask_uids = 5\n");
	if (!pol)
		return;
	pthread_t th[8];
	struct worker w[8];
	int started = 0, wrong = 0;
	for (int i = 0; i < 8; i++) {
		w[i] = (struct worker){ pol, 0 };
		started += pthread_create(&th[i], NULL, resolve_many, &w[i]) == 0;
	}
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		wrong += w[i].wrong;
	}
	tap_ok(&t, started == 8 && wrong == 0, "8 threads x 20000 resolutions agree (%d wrong)",
	       wrong);
	policy_free(pol);
}

/* fields = adds names per path; format follows the file name unless set. */
static void test_fields_format(void)
{
	policy *pol = load("[path:/hr/**]\n"
	                   "fields = 工号, badge\n"
	                   "[path:/raw/**]\n"
	                   "format = text\n");
	if (!pol)
		return;
	struct policy_view v;
	policy_resolve(pol, "/hr/staff.csv", &v);
	tap_ok(&t, v.profile.format == REDACT_FORMAT_CSV && v.profile.fields,
	       "a .csv under /hr is CSV with extra field names");
	same(redacted(pol, "/hr/staff.csv", "id,工号,badge,team\n1,A7,B9,ops\n"),
	     "id,工号,badge,team\n1,**,**,ops\n", "extra names mask their columns");
	same(redacted(pol, "/other/staff.csv", "id,工号,name\n1,A7,Ann\n"),
	     "id,工号,name\n1,A7,***\n", "elsewhere only the default names do");
	same(redacted(pol, "/raw/staff.csv", "id,name\n1,Ann\n"), "id,name\n1,Ann\n",
	     "format = text turns the columns off");
	policy_resolve(pol, "/x/list.TSV", &v);
	tap_ok(&t, v.profile.format == REDACT_FORMAT_TSV, ".TSV is TSV");
	policy_free(pol);
}

/* action, action.DETECTOR, keep_head and keep_tail: each key separately,
 * in file order. */
static void test_actions(void)
{
	policy *pol = load("[global]\n"
	                   "action = partial\n"
	                   "keep_head = 2\n"
	                   "action.email = mask\n"
	                   "[path:/hr/**]\n"
	                   "action = mask\n"
	                   "keep_tail = 0\n"
	                   "action.emp = partial\n"
	                   "[path:/hr/open/**]\n"
	                   "action.email = partial\n"
	                   "keep_head = 64\n"
	                   "[detector:emp]\n"
	                   "pattern = EMP-[0-9]{6}\n");
	tap_ok(&t, pol != NULL, "action policy loads");
	if (!pol)
		return;
	const redact_catalog *cat = policy_catalog(pol);
	int email = redact_catalog_lookup(cat, "email"), emp = redact_catalog_lookup(cat, "emp");
	int phone = redact_catalog_lookup(cat, "phone");
	if (!tap_ok(&t, email >= 0 && emp >= 0 && phone >= 0, "email, emp and phone exist"))
		return;
	struct policy_view v;
	policy_resolve(pol, "/x.txt", &v);
	tap_ok(&t, v.profile.action == REDACT_ACTION_PARTIAL && v.profile.keep_head == 2 &&
	               v.profile.keep_tail == -1, "[global]: partial, keep_head 2, tail default");
	tap_ok(&t, v.profile.detector_action[email] == REDACT_ACTION_MASK + 1 &&
	               v.profile.detector_action[emp] == 0 &&
	               v.profile.detector_action[phone] == 0,
	       "[global]: action.email = mask, others follow action");
	tap_ok(&t, v.profile.key == NULL, "no key_file: no key in the view");
	policy_resolve(pol, "/hr/a.txt", &v);
	tap_ok(&t, v.profile.action == REDACT_ACTION_MASK && v.profile.keep_head == 2 &&
	               v.profile.keep_tail == 0, "/hr: action and keep_tail overridden, head kept");
	tap_ok(&t, v.profile.detector_action[email] == REDACT_ACTION_MASK + 1 &&
	               v.profile.detector_action[emp] == REDACT_ACTION_PARTIAL + 1,
	       "/hr: action.emp (defined further down) added, action.email inherited");
	policy_resolve(pol, "/hr/open/a.txt", &v);
	tap_ok(&t, v.profile.detector_action[email] == REDACT_ACTION_PARTIAL + 1 &&
	               v.profile.detector_action[emp] == REDACT_ACTION_PARTIAL + 1 &&
	               v.profile.keep_head == 64 && v.profile.keep_tail == 0,
	       "/hr/open: a later action.email overrides only that detector");
	policy_resolve(pol, NULL, &v);
	tap_ok(&t, v.profile.action == REDACT_ACTION_PARTIAL &&
	               v.profile.detector_action[emp] == 0, "NULL path: [global] actions only");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	policy_explain(pol, "/hr/open/a.txt", f);
	fclose(f);
	tap_ok(&t, text && strstr(text, "action:    mask  t.ini:6 [path:/hr/**]\n"
	                                "action.email: partial  t.ini:10 [path:/hr/open/**]\n"
	                                "action.emp: partial  t.ini:8 [path:/hr/**]\n"
	                                "keep_head: 64  t.ini:11 [path:/hr/open/**]\n"
	                                "keep_tail: 0  t.ini:7 [path:/hr/**]\n"),
	       "explain: action, per-detector actions and kept counts with their lines");
	if (text && !strstr(text, "action.email: partial"))
		printf("# got:\n%s", text);
	free(text);
	policy_free(pol);
}

static const uint8_t want_key[REDACT_KEY_LEN] = {
	/* BLAKE2b-256 of key_text, from Python: hashlib.blake2b(c, digest_size=32) */
	0xcc, 0x3b, 0x47, 0xb4, 0xf3, 0xf3, 0x80, 0xfb, 0xb6, 0xb0, 0xb6, 0x99, 0x5d, 0x19,
	0x54, 0x27, 0x9d, 0x52, 0xa1, 0x10, 0xeb, 0x49, 0xca, 0x75, 0x24, 0x2a, 0xfc, 0x20,
	0x92, 0x84, 0xc7, 0x11,
};
static const char key_text[] = "invented pseudonym key for t_policy, 48 bytes..\n";

static bool write_file(const char *path, const char *data, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	size_t n = strlen(data);
	bool ok = write(fd, data, n) == (ssize_t)n && fchmod(fd, mode) == 0;
	return close(fd) == 0 && ok;
}

/* key_file: read at load relative to the policy, derived with BLAKE2b, the
 * same pointer in every view; pseudonymize then loads. audit_log too. */
static void test_key_audit(void)
{
	char dir[] = "/tmp/t_policy.XXXXXX";
	if (!tap_ok(&t, mkdtemp(dir) != NULL, "temp dir"))
		return;
	char key[64], name[64], other[64];
	snprintf(key, sizeof key, "%s/k.bin", dir);
	snprintf(name, sizeof name, "%s/p.ini", dir);
	snprintf(other, sizeof other, "%s/open.bin", dir);
	tap_ok(&t, write_file(key, key_text, 0600) && write_file(other, key_text, 0644),
	       "key files written");
	policy *pol = NULL;
	char err[POLICY_ERRLEN] = "";
	int r = policy_load_string(&pol, name,
	                           "[path:/exports/**]\n"
	                           "action.email = pseudonymize\n"
	                           "[global]\n"
	                           "key_file = k.bin\n"
	                           "audit_log = logs/audit.jsonl\n",
	                           err, sizeof err);
	if (!tap_ok(&t, r == 0, "a key_file later in the file satisfies pseudonymize"))
		printf("# %s\n", err);
	if (pol) {
		struct policy_view a, b;
		policy_resolve(pol, "/exports/a.csv", &a);
		policy_resolve(pol, NULL, &b);
		tap_ok(&t, a.profile.key && a.profile.key == b.profile.key,
		       "every view carries the policy's key");
		tap_ok(&t, a.profile.key && memcmp(a.profile.key, want_key, REDACT_KEY_LEN) == 0,
		       "the key is BLAKE2b-256 of the file");
		char want[128];
		snprintf(want, sizeof want, "%s/logs/audit.jsonl", dir);
		tap_ok(&t, policy_audit_log(pol) && strcmp(policy_audit_log(pol), want) == 0,
		       "audit_log relative to the policy's directory");
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		policy_explain(pol, "/exports/a.csv", f);
		fclose(f);
		char line[256];
		snprintf(line, sizeof line, "key:       from %s  %s:4 [global]\n", key, name);
		tap_ok(&t, text && strstr(text, line) != NULL, "explain names the key file");
		snprintf(line, sizeof line, "audit_log: %s  %s:5 [global]\n", want, name);
		tap_ok(&t, text && strstr(text, line) != NULL, "explain names the audit log");
		tap_ok(&t, text && strstr(text, "action.email: pseudonymize") != NULL &&
		               !strstr(text, "invented"), "explain shows the action, not the key");
		free(text);
		policy_free(pol);
	}
	r = policy_load_string(&pol, name, "[global]\nkey_file = k.bin\nkey_file = k.bin\n", err,
	                       sizeof err);
	char want[256];
	snprintf(want, sizeof want, "%s:3: key 'key_file' given twice in [global] (first at "
	         "line 2)", name);
	tap_ok(&t, r < 0 && strcmp(err, want) == 0, "key_file given twice");
	r = policy_load_string(&pol, name, "[global]\nkey_file = open.bin\n", err, sizeof err);
	snprintf(want, sizeof want, "%s:2: key_file %s: is readable or writable by others (mode "
	         "0644); refusing it (chmod 600)", name, other);
	if (!tap_ok(&t, r < 0 && strcmp(err, want) == 0, "a key_file readable by others"))
		printf("# got:  %s\n# want: %s\n", err, want);
	pol = load("[global]\naudit_log = /var/log/redactfs/audit.jsonl\n");
	tap_ok(&t, pol && strcmp(policy_audit_log(pol), "/var/log/redactfs/audit.jsonl") == 0,
	       "an absolute audit_log is kept as is");
	policy_free(pol);
	pol = load("[global]\ndefault = redact\n");
	tap_ok(&t, pol && policy_audit_log(pol) == NULL, "no audit_log: NULL");
	policy_free(pol);
	unlink(key);
	unlink(other);
	rmdir(dir);
}

static bool unmasked(const struct policy_view *v, uid_t uid, gid_t gid, const gid_t *g,
                     size_t n)
{
	return policy_view_unmasked(v, uid, gid, g, n);
}

/* unmask_uids / unmask_groups: per section, the last one setting each key
 * wins; only in redact mode; names resolved at load. */
static void test_unmask(void)
{
	policy *pol = load("[global]\n"
	                   "unmask_uids = 1001, daemon\n"
	                   "[path:/hr/**]\n"
	                   "unmask_groups = 2000\n"
	                   "[path:/hr/secret/**]\n"
	                   "unmask_uids =\n"
	                   "[path:/pub/**]\n"
	                   "mode = allow\n"
	                   "unmask_groups = 3000\n"
	                   "[path:/sealed/**]\n"
	                   "unmask_uids =\n");
	tap_ok(&t, pol != NULL, "unmask policy loads");
	if (!pol)
		return;
	const gid_t sup[] = { 7, 2000 };
	const gid_t none[] = { 5 };
	struct policy_view v, w;
	policy_resolve(pol, "/x.txt", &v);
	tap_ok(&t, policy_view_per_caller(&v), "[global] unmask_uids: per caller");
	tap_ok(&t, unmasked(&v, 1001, 1001, NULL, 0) && unmasked(&v, 1, 100, none, 1),
	       "uid 1001 and daemon (uid 1) read raw");
	tap_ok(&t, !unmasked(&v, 1002, 2000, sup, 2) && !unmasked(&v, 0, 0, NULL, 0),
	       "another uid does not, whatever its groups (no group list here); nor root");
	policy_resolve(pol, "/hr/a.txt", &v);
	tap_ok(&t, unmasked(&v, 1001, 1001, NULL, 0), "/hr: [global] uids still apply");
	tap_ok(&t, unmasked(&v, 1500, 2000, NULL, 0), "/hr: primary gid 2000 reads raw");
	tap_ok(&t, unmasked(&v, 1500, 1500, sup, 2), "/hr: supplementary gid 2000 reads raw");
	tap_ok(&t, !unmasked(&v, 1500, 1500, none, 1), "/hr: other groups do not");
	policy_resolve(pol, "/hr/secret/b.txt", &v);
	tap_ok(&t, !unmasked(&v, 1001, 1001, NULL, 0) && unmasked(&v, 1001, 2000, NULL, 0),
	       "/hr/secret: empty unmask_uids takes uids back, groups inherited");
	policy_resolve(pol, "/hr/secret/c.txt", &w);
	tap_ok(&t, v.unmask == w.unmask, "the same pair of lists: the same precomputed object");
	policy_resolve(pol, "/pub/p.txt", &v);
	tap_ok(&t, v.mode == POLICY_MODE_ALLOW && !policy_view_per_caller(&v) &&
	               !unmasked(&v, 1001, 3000, NULL, 0),
	       "allow mode: the same for every caller");
	policy_resolve(pol, "/sealed/s.txt", &v);
	tap_ok(&t, !policy_view_per_caller(&v) && v.unmask == NULL,
	       "both lists empty: nobody is unmasked, not per caller");
	policy_resolve(pol, "/a/../hr/x", &v);
	tap_ok(&t, v.mode == POLICY_MODE_DENY && !policy_view_per_caller(&v),
	       "a bad path: deny, nobody unmasked");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	policy_explain(pol, "/hr/secret/b.txt", f);
	fclose(f);
	tap_ok(&t, text && strstr(text, "unmask_uids: (nobody)  t.ini:6 [path:/hr/secret/**]\n"
	                                "unmask_groups: 2000 (gids 2000)  t.ini:4 [path:/hr/**]\n"),
	       "explain: unmask lists with their lines");
	free(text);
	f = open_memstream(&text, &len);
	policy_explain(pol, "/x", f);
	fclose(f);
	tap_ok(&t, text && strstr(text, "unmask_uids: 1001, daemon (uids 1001, 1)  t.ini:2 "
	                                "[global]\n"), "explain: names as written and numbers");
	free(text);
	policy_free(pol);

	pol = load("[path:/hr/**]\nunmask_groups = root\n");
	if (pol) {
		policy_resolve(pol, "/hr/x", &v);
		tap_ok(&t, unmasked(&v, 1500, 0, NULL, 0) && !unmasked(&v, 0, 1, NULL, 0),
		       "group name root resolves to gid 0 (uid 0 alone is not enough)");
		policy_resolve(pol, "/other", &v);
		tap_ok(&t, !policy_view_per_caller(&v), "no list for the path: not per caller");
		policy_free(pol);
	}
	/* No [global]: an empty file (an editor's rewrite in progress) or a
	 * file of [path:] sections alone is refused, not taken for a policy
	 * that denies and hides nothing. */
	tap_ok(&t, strcmp(load_error(""), "t.ini:1: no [global] section: a policy must have one "
	                                  "(it may be empty), so that an empty or half-written "
	                                  "file is refused") == 0, "an empty policy is refused");
	tap_ok(&t, strncmp(load_error("[path:/secret/**]\nmode = hide\n"), "t.ini:1: no [global]",
	                   20) == 0, "a policy of [path:] sections alone is refused");
	/* At most 256 sections may set each list. */
	size_t cap = 300 * 40;
	char *big = malloc(cap), *p = big;
	if (big)
		p += snprintf(p, cap, "[global]\n");
	for (int i = 0; big && i < 257; i++)
		p += snprintf(p, cap - (size_t)(p - big), "[path:/d%d]\nunmask_uids = %d\n", i, i);
	tap_ok(&t, big && strcmp(load_error(big), "t.ini:515: unmask_uids set in more than 256 "
	                                          "sections") == 0, "257 uid lists refused");
	if (big)
		big[strstr(big, "[path:/d256]") - big] = '\0';
	tap_ok(&t, big && load_error(big)[0] == '\0', "256 uid lists load");
	free(big);
}

/* label.DETECTOR: resolved to the detector, shown by explain. */
static void test_labels(void)
{
	policy *pol = load("[global]\naction.email = replace\nlabel.email = [邮箱]\n");
	if (!pol)
		return;
	struct policy_view v;
	policy_resolve(pol, "/a.txt", &v);
	int e = redact_catalog_lookup(policy_catalog(pol), "email");
	tap_ok(&t, e >= 0 && v.profile.labels && v.profile.labels[e] &&
	                   strcmp(v.profile.labels[e], "[邮箱]") == 0,
	       "label.email reaches the profile");
	same(redacted(pol, "/a.txt", "to a@b.cd now\n"), "to [邮箱] now\n", "the label replaces the value");
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	policy_explain(pol, "/a.txt", f);
	fclose(f);
	tap_ok(&t, text && strstr(text, "label.email: [邮箱]  t.ini:3 [global]\n"),
	       "explain shows the label with its line");
	free(text);
	policy_free(pol);
}

int main(void)
{
	test_labels();
	test_default();
	test_fields_format();
	test_order();
	test_hide();
	test_custom();
	test_errors();
	test_bad_paths();
	test_explain();
	test_threads();
	test_actions();
	test_key_audit();
	test_unmask();
	return tap_done(&t);
}

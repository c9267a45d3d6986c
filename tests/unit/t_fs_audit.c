/*
 * t_fs_audit.c — the audit trail's JSON lines (fs/audit.c), without a
 * mount.
 *
 * Each record is read back through a SOCK_SEQPACKET socket pair, where
 * one write(2) is one message, so "one write per line" is seen, and parsed
 * by a strict JSON parser written here (RFC 8259: no raw control
 * character in a string, valid UTF-8 only, surrogate pairs). Covered: the
 * keys of a line (exactly time, event, uid, gid, pid, path, mode, action,
 * counts, as the README shows), their values for every mode and action,
 * uid/gid/pid at their extremes, the time (UTC, milliseconds, between the
 * clock before and after), and the path's escaping: quotes, backslashes,
 * a file name that looks like an escape or like the rest of a record,
 * control characters, DEL, valid UTF-8 passing through unescaped (2, 3 and
 * 4 bytes, U+10FFFF, a C1 control), and every kind of invalid UTF-8 (a
 * lone continuation byte, overlong forms, a surrogate, beyond U+10FFFF, a
 * bad lead byte, a sequence cut short at the end or before ASCII) written
 * as \u00XX per byte; a 4000-byte path of control characters (the largest
 * escape); fd < 0 writes nothing; a read-only fd and a pipe with less room
 * than the line report an error; 8 threads appending to one O_APPEND file
 * never interleave. Close records: no values ("{}"), values by name, and
 * 60 detectors with 39-byte names and counts of 2^64 - 1, whole.
 * Expected values are written by hand from audit.h, the comment at the top
 * of audit.c and the README's audit log section.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "tap.h"
#include "tmpdir.h"

static struct tap t;

/* ---- A strict JSON parser (what a reader of the audit log runs) ---- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_OBJ, J_ARR };

struct jmem;
struct jv {
	enum jtype type;
	char *s;        /* J_STR: the decoded string (UTF-8); J_NUM, J_BOOL: its text */
	size_t len;     /* of s */
	struct jmem *m; /* J_OBJ: members; J_ARR: elements (key NULL) */
	size_t n;
};
struct jmem {
	char *key;
	size_t keylen;
	struct jv v;
};

struct jparse {
	const unsigned char *p, *end;
};

static void jv_free(struct jv *v)
{
	free(v->s);
	for (size_t i = 0; i < v->n; i++) {
		free(v->m[i].key);
		jv_free(&v->m[i].v);
	}
	free(v->m);
	memset(v, 0, sizeof *v);
}

static void jskip(struct jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Appends code point cp to s as UTF-8. */
static void put_utf8(char *s, size_t *n, uint32_t cp)
{
	if (cp < 0x80) {
		s[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		s[(*n)++] = (char)(0xc0 | cp >> 6);
		s[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		s[(*n)++] = (char)(0xe0 | cp >> 12);
		s[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		s[(*n)++] = (char)(0xf0 | cp >> 18);
		s[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* The code point of the UTF-8 sequence at p (before end) and its length
 * into *len, or 0 in *len when it is not well-formed (Unicode table 3-7). */
static uint32_t get_utf8(const unsigned char *p, const unsigned char *end, size_t *len)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t cp, min;
	*len = 0;
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2, cp = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, cp = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*len = n;
	return cp;
}

static int hex4(const unsigned char *p, const unsigned char *end, uint32_t *out)
{
	if (end - p < 4)
		return -1;
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

static bool jstring(struct jparse *j, char **out, size_t *outlen)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	/* Decoded, a string is never longer than its JSON text. */
	char *s = malloc((size_t)(j->end - j->p) + 1);
	size_t n = 0;
	if (s == NULL)
		return false;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = *j->p;
		if (c < 0x20)
			goto bad; /* raw control character */
		if (c != '\\') {
			size_t len;
			get_utf8(j->p, j->end, &len);
			if (len == 0)
				goto bad; /* not UTF-8 */
			memcpy(s + n, j->p, len);
			n += len;
			j->p += len;
			continue;
		}
		if (j->end - j->p < 2)
			goto bad;
		c = j->p[1];
		j->p += 2;
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *at = c ? strchr(from, c) : NULL;
		if (at) {
			s[n++] = to[at - from];
			continue;
		}
		uint32_t cp, lo;
		if (c != 'u' || hex4(j->p, j->end, &cp) < 0)
			goto bad;
		j->p += 4;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			goto bad; /* a lone low surrogate */
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
			    hex4(j->p + 2, j->end, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
				goto bad;
			j->p += 6;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		put_utf8(s, &n, cp);
	}
	if (j->p >= j->end)
		goto bad;
	j->p++;
	s[n] = '\0';
	*out = s;
	*outlen = n;
	return true;
bad:
	free(s);
	return false;
}

static bool jdigits(struct jparse *j)
{
	const unsigned char *at = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > at;
}

static bool jnumber(struct jparse *j, struct jv *v)
{
	const unsigned char *at = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!jdigits(j))
		return false;
	if (j->p < j->end && *j->p == '.' && (j->p++, !jdigits(j)))
		return false;
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!jdigits(j))
			return false;
	}
	v->type = J_NUM;
	v->len = (size_t)(j->p - at);
	v->s = strndup((const char *)at, v->len);
	return v->s != NULL;
}

static bool jvalue(struct jparse *j, struct jv *v, int depth);

/* An object ('{') or an array ('['): members or elements. */
static bool jcontainer(struct jparse *j, struct jv *v, int depth)
{
	bool obj = *j->p == '{';
	char close = obj ? '}' : ']';
	v->type = obj ? J_OBJ : J_ARR;
	j->p++;
	jskip(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		struct jmem *m = realloc(v->m, (v->n + 1) * sizeof *m);
		if (m == NULL)
			return false;
		v->m = m;
		m = &v->m[v->n];
		memset(m, 0, sizeof *m);
		v->n++;
		jskip(j);
		if (obj) {
			if (!jstring(j, &m->key, &m->keylen))
				return false;
			jskip(j);
			if (j->p >= j->end || *j->p != ':')
				return false;
			j->p++;
		}
		if (!jvalue(j, &m->v, depth + 1))
			return false;
		jskip(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return true;
		}
		return false;
	}
}

static bool jword(struct jparse *j, struct jv *v, const char *word, enum jtype type)
{
	size_t n = strlen(word);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
		return false;
	j->p += n;
	v->type = type;
	v->s = strdup(word);
	v->len = n;
	return v->s != NULL;
}

static bool jvalue(struct jparse *j, struct jv *v, int depth)
{
	jskip(j);
	if (j->p >= j->end || depth > 16)
		return false;
	switch (*j->p) {
	case '"':
		v->type = J_STR;
		return jstring(j, &v->s, &v->len);
	case '{':
	case '[':
		return jcontainer(j, v, depth);
	case 't':
		return jword(j, v, "true", J_BOOL);
	case 'f':
		return jword(j, v, "false", J_BOOL);
	case 'n':
		return jword(j, v, "null", J_NULL);
	default:
		return jnumber(j, v);
	}
}

/* Parses text[0..len) as exactly one JSON value. */
static bool json_parse(const char *text, size_t len, struct jv *v)
{
	struct jparse j = { (const unsigned char *)text, (const unsigned char *)text + len };
	memset(v, 0, sizeof *v);
	bool ok = jvalue(&j, v, 0);
	jskip(&j);
	if (!ok || j.p != j.end) {
		jv_free(v);
		return false;
	}
	return true;
}

/* The member key of object o (NULL: none, or o is no object). */
static const struct jv *jget(const struct jv *o, const char *key)
{
	if (o->type != J_OBJ)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (o->m[i].keylen == strlen(key) && memcmp(o->m[i].key, key, o->m[i].keylen) == 0)
			return &o->m[i].v;
	return NULL;
}

static bool jstr_is(const struct jv *v, const char *want)
{
	return v && v->type == J_STR && v->len == strlen(want) && memcmp(v->s, want, v->len) == 0;
}

static bool jnum_is(const struct jv *v, const char *want)
{
	return v && v->type == J_NUM && strcmp(v->s, want) == 0;
}

/* ---- Records ---- */

/* What one call wrote: the message, and how many writes it took. */
struct got {
	int res;
	char *line; /* the first message, NUL-terminated */
	size_t len;
	int writes; /* messages received */
	bool truncated;
};

static void got_free(struct got *g)
{
	free(g->line);
	g->line = NULL;
}

/* Reads every message waiting on fd into g. */
static void collect_messages(int fd, struct got *g)
{
	size_t cap = 1 << 18;
	char *buf = malloc(cap);
	g->writes = 0;
	g->line = NULL;
	g->len = 0;
	g->truncated = false;
	for (; buf;) {
		struct iovec iov = { buf, cap - 1 };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n < 0)
			break;
		if (g->writes++ == 0) {
			g->truncated = (mh.msg_flags & MSG_TRUNC) != 0;
			g->line = malloc((size_t)n + 1);
			if (g->line) {
				memcpy(g->line, buf, (size_t)n);
				g->line[n] = '\0';
				g->len = (size_t)n;
			}
		}
	}
	free(buf);
}

/* A socket pair where each write(2) on sv[0] is one message on sv[1]. */
static bool pair_open(int sv[2])
{
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		perror("socketpair");
		return false;
	}
	int sz = 1 << 20;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	return true;
}

/* What was written on sv[0] into g; closes the pair. */
static void pair_collect(int sv[2], struct got *g)
{
	collect_messages(sv[1], g);
	close(sv[0]);
	close(sv[1]);
}

static struct rfs_caller caller(uid_t uid, gid_t gid, pid_t pid)
{
	return (struct rfs_caller){ .uid = uid, .gid = gid, .pid = pid };
}

/* rfs_audit_record through a socket pair. */
static struct got record(const struct rfs_caller *who, const char *path, const char *event,
                         const char *mode, const char *action, const char *counts)
{
	struct got g = { .res = -1 };
	int sv[2];
	if (pair_open(sv)) {
		g.res = rfs_audit_record(sv[0], who, path, path, event, mode, action, counts);
		pair_collect(sv, &g);
	}
	return g;
}

/* The record's line is one whole write: one message, ending in its only
 * line break, a JSON object with exactly the README's keys. Parsed into
 * *v (freed by the caller) when true. */
static bool line_ok(const struct got *g, struct jv *v)
{
	memset(v, 0, sizeof *v);
	if (g->res != 0 || g->writes != 1 || g->truncated || g->line == NULL || g->len == 0 ||
	    g->line[g->len - 1] != '\n' || memchr(g->line, '\n', g->len - 1) != NULL) {
		printf("# res %d, %d writes, truncated %d\n", g->res, g->writes, g->truncated);
		tap_diag_text("line", g->line);
		return false;
	}
	if (!json_parse(g->line, g->len, v) || v->type != J_OBJ) {
		tap_diag_text("not a JSON object", g->line);
		return false;
	}
	static const char *keys[] = { "time", "event", "uid", "gid", "pid", "path", "shown", "mode",
	                              "action", "counts" };
	bool ok = v->n == sizeof keys / sizeof keys[0];
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		ok = ok && jget(v, keys[i]) != NULL;
	if (!ok)
		tap_diag_text("keys", g->line);
	return ok;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "2025-01-31T09:15:02.123Z" as ms since the epoch, or -1. */
static long long time_of(const struct jv *v)
{
	if (v == NULL || v->type != J_STR || v->len != 24)
		return -1;
	const char *pattern = "dddd-dd-ddTdd:dd:dd.dddZ";
	for (size_t i = 0; i < 24; i++)
		if (pattern[i] == 'd' ? (v->s[i] < '0' || v->s[i] > '9') : v->s[i] != pattern[i])
			return -1;
	struct tm tm = { 0 };
	int ms;
	sscanf(v->s, "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	       &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm) * 1000 + ms;
}

static void test_basic(void)
{
	struct rfs_caller who = caller(1001, 1002, 4711);
	long long before = now_ms();
	struct got g = record(&who, "/hr/staff.csv", "open", "redact", "redacted", "{}");
	long long after = now_ms();
	struct jv v;
	tap_ok(&t, g.res == 0, "open record: returns 0");
	tap_ok(&t, g.writes == 1, "open record: one write (%d)", g.writes);
	bool ok = line_ok(&g, &v);
	tap_ok(&t, ok, "open record: one JSON line with exactly the README's keys");
	if (ok) {
		tap_ok(&t, jstr_is(jget(&v, "event"), "open"), "open record: event");
		tap_ok(&t, jnum_is(jget(&v, "uid"), "1001") && jnum_is(jget(&v, "gid"), "1002") &&
		           jnum_is(jget(&v, "pid"), "4711"),
		       "open record: uid, gid, pid as numbers");
		tap_ok(&t, jstr_is(jget(&v, "path"), "/hr/staff.csv"), "open record: path");
		tap_ok(&t, jstr_is(jget(&v, "mode"), "redact") &&
		           jstr_is(jget(&v, "action"), "redacted"),
		       "open record: mode and action");
		const struct jv *counts = jget(&v, "counts");
		tap_ok(&t, counts && counts->type == J_OBJ && counts->n == 0,
		       "open record: counts is an empty object");
		long long when = time_of(jget(&v, "time"));
		if (!tap_ok(&t, when >= before && when <= after,
		            "open record: time is UTC with ms, when the record was made"))
			printf("# %lld not in [%lld, %lld]\n", when, before, after);
	}
	jv_free(&v);
	got_free(&g);
}

static void test_modes_and_callers(void)
{
	static const struct {
		const char *mode, *action;
	} cases[] = {
		{ "allow", "raw" }, { "redact", "raw" }, { "deny", "denied" },
		{ "hide", "denied" }, { "binary-deny", "denied" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct rfs_caller who = caller(33, 33, 900 + (pid_t)i);
		struct got g = record(&who, "/pub/readme.txt", "open", cases[i].mode,
		                      cases[i].action, "{}");
		struct jv v;
		bool ok = line_ok(&g, &v);
		tap_ok(&t, ok && jstr_is(jget(&v, "mode"), cases[i].mode) &&
		           jstr_is(jget(&v, "action"), cases[i].action),
		       "mode %s, action %s", cases[i].mode, cases[i].action);
		jv_free(&v);
		got_free(&g);
	}
	static const struct {
		uid_t uid;
		gid_t gid;
		pid_t pid;
		const char *uid_text, *gid_text, *pid_text;
	} who_cases[] = {
		{ 0, 0, 1, "0", "0", "1" },
		{ 4294967294u, 4294967293u, 4194304, "4294967294", "4294967293", "4194304" },
		{ 65534, 100, 2147483647, "65534", "100", "2147483647" },
	};
	for (size_t i = 0; i < sizeof who_cases / sizeof who_cases[0]; i++) {
		struct rfs_caller who = caller(who_cases[i].uid, who_cases[i].gid, who_cases[i].pid);
		struct got g = record(&who, "/x", "open", "redact", "redacted", "{}");
		struct jv v;
		bool ok = line_ok(&g, &v);
		tap_ok(&t, ok && jnum_is(jget(&v, "uid"), who_cases[i].uid_text) &&
		           jnum_is(jget(&v, "gid"), who_cases[i].gid_text) &&
		           jnum_is(jget(&v, "pid"), who_cases[i].pid_text),
		       "uid %s, gid %s, pid %s", who_cases[i].uid_text, who_cases[i].gid_text,
		       who_cases[i].pid_text);
		jv_free(&v);
		got_free(&g);
	}
}

/* Each path's JSON string decodes to want (UTF-8): an invalid byte XX is
 * the code point U+00XX. raw: bytes the line must hold as they are. */
static void test_paths(void)
{
	static const struct {
		const char *what, *path, *want, *raw;
	} cases[] = {
		{ "plain", "/exports/2024/q3 report.txt", "/exports/2024/q3 report.txt", NULL },
		{ "empty", "", "", NULL },
		{ "quote and backslash", "/a\"b\\c", "/a\"b\\c", NULL },
		{ "a name that looks like an escape", "/\\u0041\\n", "/\\u0041\\n", NULL },
		{ "a name that looks like the rest of a record",
		  "/x\", \"action\": \"raw\", \"y\": \"", "/x\", \"action\": \"raw\", \"y\": \"", NULL },
		{ "line break, tab, carriage return", "/line\nbreak\ttab\rcr",
		  "/line\nbreak\ttab\rcr", NULL },
		{ "control characters and DEL", "/\x01\x1b[31m\x1f\x7f", "/\x01\x1b[31m\x1f\x7f",
		  NULL },
		{ "valid UTF-8 (2, 3, 4 bytes) passes through",
		  "/caf\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80", "/caf\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80",
		  "/caf\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80" },
		{ "U+10FFFF passes through", "/\xf4\x8f\xbf\xbf", "/\xf4\x8f\xbf\xbf",
		  "\xf4\x8f\xbf\xbf" },
		{ "a C1 control (U+0085, valid UTF-8)", "/a\xc2\x85z", "/a\xc2\x85z", NULL },
		{ "Latin-1 bytes", "/Ma\xefs.txt", "/Ma\xc3\xafs.txt", NULL },
		{ "0xff 0xfe", "/\xff\xfe", "/\xc3\xbf\xc3\xbe", NULL },
		{ "a lone continuation byte", "/\x80", "/\xc2\x80", NULL },
		{ "overlong '/' in 2 bytes", "/..\xc0\xaf..", "/..\xc3\x80\xc2\xaf..", NULL },
		{ "overlong '/' in 3 bytes", "/\xe0\x80\xaf", "/\xc3\xa0\xc2\x80\xc2\xaf", NULL },
		{ "overlong in 4 bytes", "/\xf0\x8f\xbf\xbf", "/\xc3\xb0\xc2\x8f\xc2\xbf\xc2\xbf",
		  NULL },
		{ "a surrogate (U+D800)", "/\xed\xa0\x80", "/\xc3\xad\xc2\xa0\xc2\x80", NULL },
		{ "beyond U+10FFFF", "/\xf4\x90\x80\x80", "/\xc3\xb4\xc2\x90\xc2\x80\xc2\x80",
		  NULL },
		{ "lead byte 0xf5", "/\xf5\x80\x80\x80", "/\xc3\xb5\xc2\x80\xc2\x80\xc2\x80", NULL },
		{ "a sequence cut short at the end", "/x\xe2\x82", "/x\xc3\xa2\xc2\x82", NULL },
		{ "a sequence cut short before ASCII", "/\xe2\x82" "A.txt",
		  "/\xc3\xa2\xc2\x82" "A.txt", NULL },
		{ "a 4-byte sequence cut short before a valid one", "/\xf0\x9f\x98\xc3\xa9",
		  "/\xc3\xb0\xc2\x9f\xc2\x98\xc3\xa9", "\xc3\xa9" },
		{ "valid then invalid", "/\xc3\xa9\xe9", "/\xc3\xa9\xc3\xa9", "/\xc3\xa9" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct rfs_caller who = caller(1000, 1000, 1234);
		struct got g = record(&who, cases[i].path, "open", "redact", "redacted", "{}");
		struct jv v;
		bool ok = line_ok(&g, &v);
		bool path_ok = ok && jstr_is(jget(&v, "path"), cases[i].want);
		bool rest_ok = ok && jstr_is(jget(&v, "action"), "redacted") &&
		               jstr_is(jget(&v, "mode"), "redact") &&
		               jstr_is(jget(&v, "event"), "open");
		bool raw_ok = !cases[i].raw || (g.line && strstr(g.line, cases[i].raw));
		if (!tap_ok(&t, path_ok && rest_ok && raw_ok, "path: %s", cases[i].what))
			tap_diag_text("line", g.line);
		jv_free(&v);
		got_free(&g);
	}

	/* The largest escape: every byte a control character. */
	char *path = malloc(4001), *want = malloc(4001);
	if (path == NULL || want == NULL)
		abort();
	path[0] = want[0] = '/';
	for (size_t i = 1; i < 4000; i++)
		path[i] = want[i] = (char)(1 + i % 31);
	path[4000] = want[4000] = '\0';
	struct rfs_caller who = caller(1000, 1000, 1234);
	struct got g = record(&who, path, "close", "binary-deny", "denied", "{}");
	struct jv v;
	bool ok = line_ok(&g, &v);
	tap_ok(&t, ok && jstr_is(jget(&v, "path"), want) && jstr_is(jget(&v, "mode"), "binary-deny"),
	       "path: 4000 bytes of control characters, one whole line (%zu bytes)", g.len);
	jv_free(&v);
	got_free(&g);
	/* And 3000 invalid bytes. */
	for (size_t i = 1; i < 3001; i++)
		path[i] = (char)0xfe;
	path[3001] = '\0';
	g = record(&who, path, "open", "deny", "denied", "{}");
	ok = line_ok(&g, &v);
	const struct jv *p = ok ? jget(&v, "path") : NULL;
	bool all = p && p->type == J_STR && p->len == 1 + 3000 * 2;
	for (size_t i = 1; all && i < p->len; i += 2)
		all = (unsigned char)p->s[i] == 0xc3 && (unsigned char)p->s[i + 1] == 0xbe;
	tap_ok(&t, all, "path: 3000 invalid bytes, each U+00FE");
	jv_free(&v);
	got_free(&g);
	free(path);
	free(want);
}

static void test_errors(const char *dir)
{
	struct rfs_caller who = caller(1000, 1000, 1234);
	tap_ok(&t, rfs_audit_record(-1, &who, "/a", "/a", "open", "redact", "redacted", "{}") == 0,
	       "fd -1: no audit log, returns 0");

	char path[4096];
	tmpdir_path(path, sizeof path, dir, "readonly.jsonl");
	int fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
	int res = rfs_audit_record(fd, &who, "/a", "/a", "open", "redact", "redacted", "{}");
	tap_ok(&t, res == -EBADF, "a read-only fd: -EBADF (%d)", res);
	struct stat st;
	tap_ok(&t, fstat(fd, &st) == 0 && st.st_size == 0, "a read-only fd: nothing written");
	close(fd);

	/* A pipe with room for less than the line: a torn line is an error. */
	int pp[2];
	if (pipe2(pp, O_NONBLOCK | O_CLOEXEC) == 0) {
		fcntl(pp[1], F_SETPIPE_SZ, 4096);
		long room = fcntl(pp[1], F_GETPIPE_SZ);
		size_t n = (size_t)room + 1000;
		char *long_path = malloc(n + 1);
		memset(long_path, 'a', n);
		long_path[0] = '/';
		long_path[n] = '\0';
		res = rfs_audit_record(pp[1], &who, long_path, long_path, "open", "redact", "redacted", "{}");
		tap_ok(&t, res < 0, "a pipe with room for %ld bytes, a longer line: an error (%d)",
		       room, res);
		free(long_path);
		close(pp[0]);
		close(pp[1]);
	} else {
		tap_ok(&t, false, "pipe2");
	}
}

/* ---- Parallel appends ---- */

#define APPEND_THREADS 8
#define APPEND_EACH 250

struct appender {
	int fd, id, failed;
};

/* A long path with escapes, unique per thread and record. */
static void append_path(char *out, size_t size, int id, int i)
{
	int n = snprintf(out, size, "/t%d/r%d/", id, i);
	for (size_t k = (size_t)n; k < size - 1; k++)
		out[k] = (char)("ab\"\\\x01\xff"[k % 6]);
	out[size - 1] = '\0';
}

static void *appender_run(void *arg)
{
	struct appender *a = arg;
	char path[1500];
	struct rfs_caller who = caller(2000 + (uid_t)a->id, 2000, 3000 + a->id);
	for (int i = 0; i < APPEND_EACH; i++) {
		append_path(path, sizeof path, a->id, i);
		a->failed += rfs_audit_record(a->fd, &who, path, path, "open", "redact", "redacted",
		                              "{}") != 0;
	}
	return NULL;
}

static void test_parallel(const char *dir)
{
	char path[4096];
	tmpdir_path(path, sizeof path, dir, "audit.jsonl");
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	struct appender a[APPEND_THREADS];
	pthread_t th[APPEND_THREADS];
	int started = 0, failed = 0;
	for (int i = 0; i < APPEND_THREADS; i++) {
		a[i] = (struct appender){ .fd = fd, .id = i };
		if (pthread_create(&th[i], NULL, appender_run, &a[i]) != 0)
			break;
		started++;
	}
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		failed += a[i].failed;
	}
	close(fd);
	tap_ok(&t, started == APPEND_THREADS && failed == 0, "parallel: %d threads appended",
	       started);

	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lines = 0, bad = 0;
	static bool seen[APPEND_THREADS][APPEND_EACH];
	while (f && (n = getline(&line, &cap, f)) > 0) {
		struct jv v;
		lines++;
		int id = -1, i = -1;
		if (json_parse(line, (size_t)n, &v)) {
			const struct jv *p = jget(&v, "path");
			if (p && p->type == J_STR)
				sscanf(p->s, "/t%d/r%d/", &id, &i);
			char raw[1500], want[3000];
			size_t w = 0;
			if (id >= 0 && id < APPEND_THREADS && i >= 0 && i < APPEND_EACH) {
				/* The path as written, with 0xff decoded as U+00FF. */
				append_path(raw, sizeof raw, id, i);
				for (const char *c = raw; *c; c++) {
					if (*c == '\xff') {
						want[w++] = '\xc3';
						want[w++] = '\xbf';
					} else {
						want[w++] = *c;
					}
				}
				if (p->len != w || memcmp(p->s, want, w) != 0 || seen[id][i])
					id = -1;
				else
					seen[id][i] = true;
			}
			jv_free(&v);
		}
		bad += id < 0;
	}
	free(line);
	if (f)
		fclose(f);
	tap_ok(&t, lines == APPEND_THREADS * APPEND_EACH && bad == 0,
	       "parallel: %d whole JSON lines, each record once (%d bad)", lines, bad);
}

/* ---- Close records ---- */

static struct got close_record(const char *path, const struct rfs_values *vals)
{
	struct got g = { .res = -1 };
	struct rfs_caller who = caller(1001, 1001, 4711);
	int sv[2];
	if (pair_open(sv)) {
		g.res = rfs_audit_close_record(sv[0], &who, path, path, "redact", vals);
		pair_collect(sv, &g);
	}
	return g;
}

static void test_close(void)
{
	struct rfs_caller who = caller(1, 1, 1);
	struct rfs_values none = { 0 };
	tap_ok(&t, rfs_audit_close_record(-1, &who, "/a", "/a", "redact", &none) == 0,
	       "close, fd -1: returns 0");

	struct got g = close_record("/hr/staff.csv", &none);
	struct jv v;
	bool ok = line_ok(&g, &v);
	const struct jv *c = ok ? jget(&v, "counts") : NULL;
	tap_ok(&t, ok && jstr_is(jget(&v, "event"), "close") &&
	           jstr_is(jget(&v, "action"), "redacted") && jstr_is(jget(&v, "mode"), "redact") &&
	           jstr_is(jget(&v, "path"), "/hr/staff.csv"),
	       "close record: event close, action redacted, mode and path");
	tap_ok(&t, c && c->type == J_OBJ && c->n == 0, "close record, no values: counts {}");
	jv_free(&v);
	got_free(&g);

	struct rfs_value_count two[] = { { "email", 120 }, { "field", 240 } };
	struct rfs_values vals = { two, 2, 2 };
	g = close_record("/hr/staff.csv", &vals);
	ok = line_ok(&g, &v);
	c = ok ? jget(&v, "counts") : NULL;
	tap_ok(&t, g.writes == 1 && c && c->type == J_OBJ && c->n == 2 &&
	           jnum_is(jget(c, "email"), "120") && jnum_is(jget(c, "field"), "240"),
	       "close record: counts {\"email\": 120, \"field\": 240}");
	jv_free(&v);
	got_free(&g);

	/* 60 detectors, 39-byte names (all a name's room), counts of 2^64 - 1. */
	struct rfs_value_count many[60];
	for (int i = 0; i < 60; i++) {
		snprintf(many[i].name, sizeof many[i].name, "d%02d_%.35s", i,
		         "abcdefghijklmnopqrstuvwxyz0123456789");
		many[i].count = UINT64_MAX;
	}
	vals = (struct rfs_values){ many, 60, 60 };
	g = close_record("/big", &vals);
	ok = line_ok(&g, &v);
	c = ok ? jget(&v, "counts") : NULL;
	bool all = c && c->type == J_OBJ && c->n == 60;
	for (int i = 0; all && i < 60; i++)
		all = strlen(many[i].name) == 39 &&
		      jnum_is(jget(c, many[i].name), "18446744073709551615");
	tap_ok(&t, g.res == 0 && g.writes == 1 && all,
	       "close record: 60 detectors with 39-byte names and counts 2^64 - 1, whole");
	jv_free(&v);
	got_free(&g);
}

/* The parser itself refuses what is not JSON (else the checks above
 * would prove nothing). */
static void test_parser(void)
{
	static const char *bad[] = {
		"{\"a\": \"x\ny\"}", "{\"a\": \"\xff\"}", "{\"a\": \"\\ud800\"}", "{\"a\": 1,}",
		"{\"a\" 1}", "{\"a\": \"\\x41\"}", "{\"a\": 01}", "{\"a\": \"\xc0\xaf\"}", "{} {}",
	};
	int refused = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct jv v;
		if (json_parse(bad[i], strlen(bad[i]), &v))
			jv_free(&v);
		else
			refused++;
	}
	tap_ok(&t, refused == (int)(sizeof bad / sizeof bad[0]), "the test's JSON parser refuses "
	       "%d of %zu bad texts", refused, sizeof bad / sizeof bad[0]);
	struct jv v;
	const char *good = "{\"a\": \"\\u00e9\\ud83d\\ude00\\\"\", \"b\": [1, -2.5e3, true, null]}";
	bool ok = json_parse(good, strlen(good), &v);
	tap_ok(&t, ok && jstr_is(jget(&v, "a"), "\xc3\xa9\xf0\x9f\x98\x80\"") &&
	           jget(&v, "b")->n == 4,
	       "the test's JSON parser decodes escapes and surrogate pairs");
	if (ok)
		jv_free(&v);
}

int main(void)
{
	char dir[4096];
	test_parser();
	test_basic();
	test_modes_and_callers();
	test_paths();
	test_close();
	if (tap_ok(&t, tmpdir_make(dir, sizeof dir, "audit") == 0, "mkdtemp")) {
		test_errors(dir);
		test_parallel(dir);
		tap_ok(&t, tmpdir_remove(dir) == 0, "temporary directory removed");
	}
	return tap_done(&t);
}

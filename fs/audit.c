/*
 * audit.c — the audit trail: one JSON line per open that served a file
 * redacted or raw, or denied it.
 *
 * Invariant: a line holds who (uid, gid, pid), when, which path, the mode
 * and what was done; never a byte of the file. Each line is built whole
 * and written with one write(2) to an O_APPEND fd, so lines from parallel
 * opens never interleave. The path is JSON-escaped: '"', '\\' and control
 * characters are escaped, valid UTF-8 passes through, and a byte that is
 * not part of valid UTF-8 is written as \u00XX (its byte value), so every
 * line is valid JSON whatever the file name.
 * An "open" record has empty counts; when a redacted file is closed, a
 * "close" record gives the values redacted per detector in what was read
 * (each part of the file counted once).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "log.h"
#include "serve.h"
#include "stats.h"
#include "timetext.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t rfs_utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t n;
	unsigned int cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0; /* overlong, out of range, or a surrogate */
	return n;
}

/* Writes path JSON-escaped (without quotes) into out, which must hold
 * 6 * strlen(path) + 1 bytes. Returns the length. */
static size_t rfs_json_escape(char *out, const char *path)
{
	const unsigned char *s = (const unsigned char *)path;
	char *o = out;
	while (*s) {
		size_t n = rfs_utf8_len(s);
		if (n == 0 || *s < 0x20 || *s == 0x7f) {
			o += sprintf(o, "\\u%04x", *s);
			s++;
		} else if (*s == '"' || *s == '\\') {
			*o++ = '\\';
			*o++ = (char)*s++;
		} else {
			memcpy(o, s, n);
			o += n;
			s += n;
		}
	}
	*o = '\0';
	return (size_t)(o - out);
}

int rfs_audit_record(int fd, const struct rfs_caller *who, const char *path, const char *shown,
                     const char *event, const char *mode, const char *action, const char *counts)
{
	if (fd < 0)
		return 0;
	char when[RFS_TIME_LEN];
	rfs_time_text(rfs_now_ms(), when, sizeof(when));

	size_t cap = 6 * strlen(path) + 6 * strlen(shown) + strlen(counts) + 256;
	char *line = malloc(cap);
	char *esc = malloc(6 * strlen(path) + 1);
	char *esc_shown = malloc(6 * strlen(shown) + 1);
	if (line == NULL || esc == NULL || esc_shown == NULL) {
		free(line);
		free(esc);
		free(esc_shown);
		return -ENOMEM;
	}
	rfs_json_escape(esc, path);
	rfs_json_escape(esc_shown, shown);
	int n = snprintf(line, cap,
	                 "{\"time\": \"%s\", \"event\": \"%s\", \"uid\": %lu, \"gid\": %lu, "
	                 "\"pid\": %ld, \"path\": \"%s\", \"shown\": \"%s\", \"mode\": \"%s\", "
	                 "\"action\": \"%s\", \"counts\": %s}\n",
	                 when, event, (unsigned long)who->uid, (unsigned long)who->gid,
	                 (long)who->pid, esc, esc_shown, mode, action, counts);
	free(esc);
	free(esc_shown);
	int res = 0;
	if (n < 0 || (size_t)n >= cap) {
		res = -EOVERFLOW;
	} else {
		ssize_t got = write(fd, line, (size_t)n);
		if (got < 0)
			res = -errno;
		else if (got != n)
			res = -EIO; /* a short append: the line is torn */
	}
	free(line);
	if (res < 0)
		rfs_log(FUSE_LOG_ERR, "redactfs: audit log: cannot write (error %d)\n",
		        -res);
	return res;
}

int rfs_audit_close_record(int fd, const struct rfs_caller *who, const char *path,
                           const char *shown, const char *mode, const struct rfs_values *v)
{
	if (fd < 0)
		return 0;
	/* {"name": count, ...}: a name is at most sizeof(name) - 1 bytes, a
	 * count 20 digits, with quotes, ": " and ", " around them. */
	size_t cap = 3 + v->n * (sizeof(v->v[0].name) + 28), n = 0;
	char *counts = malloc(cap);
	if (counts == NULL)
		return -ENOMEM;
	n += (size_t)snprintf(counts + n, cap - n, "{");
	for (size_t i = 0; i < v->n; i++)
		n += (size_t)snprintf(counts + n, cap - n, "%s\"%s\": %llu", i ? ", " : "",
		                      v->v[i].name, (unsigned long long)v->v[i].count);
	snprintf(counts + n, cap - n, "}");
	int res = rfs_audit_record(fd, who, path, shown, "close", mode, "redacted", counts);
	free(counts);
	return res;
}

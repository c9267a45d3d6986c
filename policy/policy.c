/*
 * policy.c — a policy's life cycle: loading from a file, from text or the
 * built-in default, the accessors, and freeing.
 *
 * Invariant: policy_load* either returns a complete, validated, immutable
 * policy or no policy at all (with "FILE:LINE: what is wrong" in err); a
 * half-built policy never escapes. A policy file that someone other than
 * its owner or root could have changed is refused (strict.c), like sshd's
 * StrictModes.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy_i.h"

#define POLICY_MAX_FILE (4u << 20) /* a policy larger than this is refused */

void policy_section_free(struct policy_section *s)
{
	free(s->header);
	free(s->detectors);
	for (size_t i = 0; i < s->ndact; i++)
		free(s->dact[i].name);
	free(s->dact);
	for (int i = 0; i < 2; i++) {
		free(s->unmask[i].ids);
		free(s->unmask[i].text);
	}
	free(s->key_file);
	free(s->audit_log);
	redact_fields_free(s->fields);
	policy_glob_free(&s->glob);
}

void policy_free(policy *pol)
{
	if (!pol)
		return;
	for (size_t i = 0; i < pol->npaths; i++)
		policy_section_free(&pol->paths[i]);
	free(pol->paths);
	policy_section_free(&pol->global);
	free(pol->unmask);
	if (pol->key)
		sodium_free(pol->key); /* wipes it */
	for (size_t i = 0; i < pol->nlabels; i++) {
		free(pol->label_list[i].name);
		free(pol->label_list[i].text);
	}
	free(pol->label_list);
	redact_catalog_free(pol->catalog);
	free(pol->source);
	free(pol);
}

int policy_load_string(policy **out, const char *name, const char *text, char *err,
                       size_t errlen)
{
	*out = NULL;
	policy *pol = calloc(1, sizeof *pol);
	if (!pol || !(pol->source = strdup(name)) || !(pol->global.header = strdup("global"))) {
		policy_free(pol);
		snprintf(err, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	pol->global.mode = POLICY_MODE_REDACT;
	pol->global.binary = POLICY_BINARY_DENY;
	pol->global.action = REDACT_ACTION_MASK;
	int r = redact_catalog_new(&pol->catalog);
	if (r < 0) {
		snprintf(err, errlen, "%s: cannot build the detector catalog: %s", name,
		         strerror(-r));
		policy_free(pol);
		return r;
	}
	r = policy_parse(pol, text, strlen(text), err, errlen);
	if (r < 0) {
		policy_free(pol);
		return r;
	}
	*out = pol;
	return 0;
}

/* Reads the whole file at path (a FIFO too; a directory fails with EISDIR
 * from read) into a NUL-terminated buffer. Returns 0 or -errno; -EPERM
 * when the file fails the StrictModes check (the reason in why). */
static int read_file(const char *path, char **text, size_t *len, char *why, size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!policy_strict_ok(fd, false, why, whylen) || !policy_strict_dirs_ok(path, why, whylen)) {
		close(fd);
		return -EPERM;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	for (;;) {
		if (!buf) {
			close(fd);
			return -ENOMEM;
		}
		if (n == cap) {
			if (cap >= POLICY_MAX_FILE) {
				free(buf);
				close(fd);
				return -EFBIG;
			}
			cap *= 2;
			char *b = realloc(buf, cap + 1);
			if (!b)
				free(buf);
			buf = b;
			continue;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

int policy_load(policy **out, const char *path, char *err, size_t errlen)
{
	*out = NULL;
	char *text = NULL;
	size_t len = 0;
	char why[PATH_MAX + 200];
	int r = read_file(path, &text, &len, why, sizeof why);
	if (r == -EPERM) {
		snprintf(err, errlen, "%s: %s", path, why);
		return r;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(-r));
		return r;
	}
	if (strlen(text) != len) {
		/* The text holds a NUL byte: say on which line. */
		size_t at = strlen(text);
		int line = 1;
		for (size_t i = 0; i < at; i++)
			line += text[i] == '\n';
		snprintf(err, errlen, "%s:%d: NUL byte in line", path, line);
		free(text);
		return -EINVAL;
	}
	r = policy_load_string(out, path, text, err, errlen);
	free(text);
	return r;
}

int policy_default(policy **out, char *err, size_t errlen)
{
	return policy_load_string(out, "(built-in)", "[global]\n", err, errlen);
}

const char *policy_source(const policy *pol)
{
	return pol->source;
}

const redact_catalog *policy_catalog(const policy *pol)
{
	return pol->catalog;
}

const char *policy_audit_log(const policy *pol)
{
	return pol->global.audit_log;
}

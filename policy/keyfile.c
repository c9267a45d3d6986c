/*
 * keyfile.c — `key_file = PATH` in [global]: the pseudonymization key.
 *
 * The file is read once, at load. It must be a regular file owned by root
 * or the running user and closed to group and others (mode & 077 == 0),
 * and hold at least POLICY_KEY_MIN bytes. The key is BLAKE2b-256
 * (libsodium's crypto_generichash) of the whole content, so any length of
 * random bytes or text works and the same file always gives the same key.
 * Invariant: key bytes live only in sodium_malloc'ed memory owned by the
 * policy (locked, wiped on free) and are never printed; messages name the
 * file, never its content.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse_i.h"

#define POLICY_KEY_MIN 32u               /* bytes of key file content */
#define POLICY_KEY_MAX_FILE (1u << 20)   /* a larger key file is refused */

/* Hashes the file open on fd into key. Returns its length, or -errno. */
static long hash_file(int fd, uint8_t key[REDACT_KEY_LEN])
{
	crypto_generichash_state h;
	unsigned char buf[4096];
	long total = 0;
	crypto_generichash_init(&h, NULL, 0, REDACT_KEY_LEN);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			total = -errno;
			break;
		}
		if (r == 0)
			break;
		total += r;
		if (total > (long)POLICY_KEY_MAX_FILE) {
			total = -EFBIG;
			break;
		}
		crypto_generichash_update(&h, buf, (unsigned long long)r);
	}
	if (total >= 0)
		crypto_generichash_final(&h, key, REDACT_KEY_LEN);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(&h, sizeof h);
	return total;
}

int policy_keyfile_load(struct parse_state *st, const char *value)
{
	struct policy_section *g = &st->pol->global;
	if (value[0] == '\0')
		return policy_parse_error(st, st->line, "empty path for key_file");
	if (sodium_init() < 0)
		return policy_parse_error(st, st->line, "key_file: cannot initialise libsodium");
	if (!(g->key_file = policy_rel_path(st->name, value)))
		return policy_parse_nomem(st);
	const char *path = g->key_file;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return policy_parse_error(st, st->line, "key_file %s: cannot open: %s", path,
		                          strerror(errno));
	struct stat sb;
	char why[PATH_MAX + 200];
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return policy_parse_error(st, st->line, "key_file %s: not a regular file", path);
	}
	if (!policy_strict_ok(fd, true, why, sizeof why) ||
	    !policy_strict_dirs_ok(path, why, sizeof why)) {
		close(fd);
		return policy_parse_error(st, st->line, "key_file %s: %s", path, why);
	}
	uint8_t *key = sodium_malloc(REDACT_KEY_LEN);
	if (!key) {
		close(fd);
		return policy_parse_nomem(st);
	}
	long n = hash_file(fd, key);
	close(fd);
	if (n < 0 || (unsigned long)n < POLICY_KEY_MIN) {
		sodium_free(key);
		if (n == -EFBIG)
			return policy_parse_error(st, st->line, "key_file %s: larger than %u bytes",
			                          path, POLICY_KEY_MAX_FILE);
		if (n < 0)
			return policy_parse_error(st, st->line, "key_file %s: cannot read: %s", path,
			                          strerror((int)-n));
		return policy_parse_error(st, st->line, "key_file %s: too short (%ld bytes, at "
		                          "least %u)", path, n, POLICY_KEY_MIN);
	}
	sodium_mprotect_readonly(key);
	st->pol->key = key;
	return 0;
}

/*
 * actions.c — what happens to a detected value: mask, partial or
 * pseudonymize, all keeping its byte length.
 *
 * mask          every character masked ('*', or '＊' for a 3-byte one).
 * partial       a head and a tail kept, the rest masked; separators (blank,
 *               '-', '.') inside stay; at least 4 characters are always
 *               masked and a value of 4 or fewer is masked whole. Defaults
 *               per detector: cards and IBANs keep the last 4
 *               (************1234), phones and ID numbers 3 and 4
 *               (138****5678, 110***********123X), e-mail the first letter
 *               of the local part and the whole domain (a***@example.com),
 *               anything else its first character.
 * pseudonymize  a token from BLAKE2b keyed with the policy's key over the
 *               value (libsodium): the same value gives the same token in
 *               every file and mount with the same key. Digits become
 *               digits, ASCII letters letters of the same case, CJK
 *               ideographs ideographs; everything else stays, so an e-mail
 *               stays an e-mail and a number keeps its grouping. A resident
 *               ID gets a valid MOD 11-2 check character and a card number
 *               a valid Luhn digit. Without a key it masks (fail closed).
 *
 * Invariant: the output of a value depends only on its bytes, its detector
 * and the profile, and is written as an overlay (marks value 2) that a mask
 * (marks value 1) always beats, so no action can reveal what a mask hides.
 */
#include <sodium.h>
#include <string.h>

#include "redact_i.h"

#define MASKED_AT_LEAST 4

static bool is_sep(uint8_t c)
{
	return c == ' ' || c == '-' || c == '.';
}

/* Length of the UTF-8 character at s[i] within n (1 for invalid bytes). */
static size_t char_len(const uint8_t *s, size_t i, size_t n)
{
	size_t len = s[i] < 0x80 ? 1 : s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 1;
	if (i + len > n)
		return 1;
	for (size_t k = 1; k < len; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 1;
	return len;
}

static void put_mask(size_t i, size_t len, uint8_t *over)
{
	if (len == 3)
		memcpy(over + i, "\xef\xbc\x8a", 3); /* ＊ */
	else
		memset(over + i, '*', len);
}

static bool detector_is(const struct redact_detector *d, const char *name)
{
	return strcmp(d->name, name) == 0;
}

static void partial_defaults(const struct redact_detector *d, int *head, int *tail)
{
	if (detector_is(d, "bank_card") || detector_is(d, "bank_card_cued") ||
	    detector_is(d, "iban")) {
		*head = 0, *tail = 4;
	} else if (detector_is(d, "phone") || detector_is(d, "cn_id") ||
	           detector_is(d, "hk_id") || detector_is(d, "tw_id") ||
	           detector_is(d, "us_ssn") || detector_is(d, "cn_passport") ||
	           detector_is(d, "hk_macau_permit") || detector_is(d, "passport")) {
		*head = 3, *tail = 4;
	} else {
		*head = 1, *tail = 0;
	}
}

static void partial(const struct redact_detector *d, const redact_profile *p, const uint8_t *s,
                    size_t from, size_t to, uint8_t *over)
{
	int head, tail;
	partial_defaults(d, &head, &tail);
	if (p->keep_head >= 0)
		head = p->keep_head;
	if (p->keep_tail >= 0)
		tail = p->keep_tail;
	size_t end = to;
	if (detector_is(d, "email")) {
		const uint8_t *at = memchr(s + from, '@', to - from);
		if (at) {
			end = (size_t)(at - s); /* the domain stays */
			memcpy(over + end, s + end, to - end);
			tail = 0;
		}
	}
	size_t chars = 0;
	for (size_t i = from; i < end; i += char_len(s, i, end))
		chars += !is_sep(s[i]);
	if (chars <= MASKED_AT_LEAST) {
		head = tail = 0;
	} else if ((size_t)head + (size_t)tail > chars - MASKED_AT_LEAST) {
		size_t keep = chars - MASKED_AT_LEAST;
		head = (int)((size_t)head < keep ? (size_t)head : keep);
		tail = (int)(keep - (size_t)head < (size_t)tail ? keep - (size_t)head : (size_t)tail);
	}
	size_t k = 0;
	for (size_t i = from; i < end;) {
		size_t len = char_len(s, i, end);
		bool sep = is_sep(s[i]);
		bool keep = sep || k < (size_t)head || k >= chars - (size_t)tail;
		if (keep)
			memcpy(over + i, s + i, len);
		else
			put_mask(i, len, over);
		k += !sep;
		i += len;
	}
}

/* A stream of keyed pseudo-random bytes for one value. */
struct prng {
	uint8_t seed[crypto_generichash_BYTES];
	uint8_t block[crypto_generichash_BYTES_MAX];
	size_t used;
	uint64_t counter;
};

static void prng_init(struct prng *r, const uint8_t *key, const uint8_t *v, size_t n)
{
	crypto_generichash(r->seed, sizeof r->seed, v, n, key, REDACT_KEY_LEN);
	r->used = sizeof r->block;
	r->counter = 0;
}

static unsigned prng_below(struct prng *r, unsigned bound)
{
	for (;;) {
		if (r->used + 2 > sizeof r->block) {
			uint8_t ctr[8];
			for (int i = 0; i < 8; i++)
				ctr[i] = (uint8_t)(r->counter >> (8 * i));
			r->counter++;
			crypto_generichash(r->block, sizeof r->block, ctr, sizeof ctr, r->seed,
			                   sizeof r->seed);
			r->used = 0;
		}
		unsigned x = (unsigned)r->block[r->used] << 8 | r->block[r->used + 1];
		r->used += 2;
		unsigned limit = 65536u - 65536u % bound; /* no modulo bias */
		if (x < limit)
			return x % bound;
	}
}

/* Rewrites the check character of an 18-character resident ID token. */
static void fix_cn_id(uint8_t *t, size_t n)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	size_t idx[18], k = 0;
	for (size_t i = 0; i < n && k < 18; i++)
		if ((t[i] >= '0' && t[i] <= '9') || t[i] == 'X' || t[i] == 'x')
			idx[k++] = i;
	if (k != 18)
		return;
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (t[idx[i]] < '0' || t[idx[i]] > '9')
			return;
		sum += (t[idx[i]] - '0') * weight[i];
	}
	t[idx[17]] = (uint8_t)"10X98765432"[sum % 11];
}

/* Rewrites the last digit of a card number token so that Luhn holds. */
static void fix_luhn(uint8_t *t, size_t n)
{
	size_t last = SIZE_MAX;
	int sum = 0, pos = 0;
	for (size_t i = n; i-- > 0;) {
		if (t[i] < '0' || t[i] > '9')
			continue;
		if (last == SIZE_MAX) {
			last = i;
			pos = 1;
			continue;
		}
		int d = t[i] - '0';
		if (pos % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
		pos++;
	}
	if (last != SIZE_MAX)
		t[last] = (uint8_t)('0' + (10 - sum % 10) % 10);
}

static void pseudonymize(const struct redact_detector *d, const redact_profile *p,
                         const uint8_t *s, size_t from, size_t to, uint8_t *over)
{
	struct prng r;
	prng_init(&r, p->key, s + from, to - from);
	for (size_t i = from; i < to;) {
		size_t len = char_len(s, i, to);
		uint8_t c = s[i];
		if (len == 1 && c >= '0' && c <= '9') {
			over[i] = (uint8_t)('0' + prng_below(&r, 10));
		} else if (len == 1 && c >= 'a' && c <= 'z') {
			over[i] = (uint8_t)('a' + prng_below(&r, 26));
		} else if (len == 1 && c >= 'A' && c <= 'Z') {
			over[i] = (uint8_t)('A' + prng_below(&r, 26));
		} else if (len == 3 && c >= 0xE4 && c <= 0xE9) {
			/* a CJK ideograph (U+4E00..U+9FA5) stays one */
			unsigned cp = 0x4E00 + prng_below(&r, 0x9FA6 - 0x4E00);
			over[i] = (uint8_t)(0xE0 | cp >> 12);
			over[i + 1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
			over[i + 2] = (uint8_t)(0x80 | (cp & 0x3F));
		} else {
			memcpy(over + i, s + i, len);
		}
		i += len;
	}
	if (detector_is(d, "cn_id"))
		fix_cn_id(over + from, to - from);
	else if (detector_is(d, "bank_card") || detector_is(d, "bank_card_cued"))
		fix_luhn(over + from, to - from);
}

void redact_apply_action(const redact_profile *p, size_t det, const uint8_t *s, size_t from,
                         size_t to, uint8_t *marks, uint8_t *over)
{
	const struct redact_detector *d = &p->catalog->det[det];
	enum redact_action action = redact_profile_action(p, det);
	if (over && (action == REDACT_ACTION_REPLACE || action == REDACT_ACTION_REMOVE)) {
		/* Nothing of the value stays, so these beat every other mark. */
		memset(marks + from, REDACT_MARK_GONE, to - from);
		if (action == REDACT_ACTION_REPLACE) {
			marks[from] = REDACT_MARK_LABEL;
			over[from] = (uint8_t)det;
		}
		return;
	}
	/* In a decoded view (no over) and for pseudonymize without a key,
	 * every action falls back to mask; so does a value written with
	 * escapes (\u5f20, %40, &#64;): letters and digits changed inside
	 * them would break the escapes and the document around them. */
	bool overlay = over && (action == REDACT_ACTION_PARTIAL ||
	                        (action == REDACT_ACTION_PSEUDONYMIZE && p->key)) &&
	               !memchr(s + from, '\\', to - from) && !memchr(s + from, '%', to - from) &&
	               !memchr(s + from, '&', to - from);
	if (!overlay) {
		for (size_t i = from; i < to; i++)
			if (marks[i] < REDACT_MARK_LABEL)
				marks[i] = REDACT_MARK_MASK;
		return;
	}
	if (action == REDACT_ACTION_PARTIAL)
		partial(d, p, s, from, to, over);
	else
		pseudonymize(d, p, s, from, to, over);
	for (size_t i = from; i < to; i++)
		if (marks[i] == 0 || marks[i] == REDACT_MARK_OVERLAY)
			marks[i] = REDACT_MARK_OVERLAY;
}

bool redact_profile_changes_length(const redact_profile *p)
{
	for (size_t i = 0; i < p->catalog->count; i++) {
		enum redact_action a = redact_profile_action(p, i);
		if (redact_profile_enabled(p, i) &&
		    (a == REDACT_ACTION_REPLACE || a == REDACT_ACTION_REMOVE))
			return true;
	}
	return false;
}

const char *redact_label(const redact_profile *p, size_t det, char *buf, size_t size)
{
	det = p->catalog->det[det].settings; /* a second pattern labels as its first */
	if (p->labels && det < REDACT_MAX_DETECTORS && p->labels[det])
		return p->labels[det];
	const char *name = p->catalog->det[det].name;
	size_t n = 0;
	buf[n++] = '[';
	for (; *name && n + 2 < size; name++)
		buf[n++] = (*name >= 'a' && *name <= 'z') ? (char)(*name - 'a' + 'A') : *name;
	buf[n++] = ']';
	buf[n] = '\0';
	return buf;
}

/*
 * filename.c — what a directory entry's name shows (redact_filename): the
 * name scanned like content under a profile, with what a file name adds:
 * its extension is kept (so globs and tools that dispatch on suffixes keep
 * working), '_' separates values (customer_110105199003071234) but may
 * also stand inside one (john_smith@example.com: the stem is scanned
 * whole before its segments are), and a
 * segment that is a person's name standing alone (张伟_身份证复印件,
 * john_smith.pdf) counts as a name, since a name has no cue there.
 *
 * Invariants: the result depends only on the name and the profile (every
 * listing, reader and remount shows the same); it is never empty, "." or
 * "..", holds no '/' and no NUL, and is at most REDACT_NAME_MAX bytes.
 * The parts no detector found are the name's own bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "name_gazetteer.h"
#include "redact.h"

#define EXT_MAX 10 /* letters and digits after the last dot */

struct text {
	char *p;
	size_t len, cap;
};

static int text_add(void *arg, const void *buf, size_t len)
{
	struct text *t = arg;
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64;
		while (cap < t->len + len + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p)
			return -ENOMEM;
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, buf, len);
	t->len += len;
	t->p[t->len] = '\0';
	return 0;
}

/* The engine over in[0..len) as a finished line of plain text, appended
 * to out. A name is whole: a line "." after it tells every detector that
 * nothing goes on (no value is unfinished at the input's end, no key's
 * value continues on the next line). */
#define NAME_END "\n.\n"
static int scan(const redact_profile *p, const char *in, size_t len, struct text *out)
{
	redact_stream *s;
	int rc = redact_stream_new(&s, p);
	if (rc < 0)
		return rc;
	size_t start = out->len;
	rc = redact_stream_feed(s, in, len, text_add, out);
	if (rc == 0)
		rc = redact_stream_feed(s, NAME_END, strlen(NAME_END), text_add, out);
	if (rc == 0)
		rc = redact_stream_finish(s, text_add, out);
	redact_stream_free(s);
	/* the end line comes out as it went in (a length-changing action may
	 * have moved it): else something took it for a value, fail closed */
	size_t k = strlen(NAME_END);
	if (rc == 0 && (out->len < start + k || memcmp(out->p + out->len - k, NAME_END, k) != 0))
		rc = -EIO;
	if (rc == 0) {
		out->len -= k;
		out->p[out->len] = '\0';
	}
	return rc;
}

size_t redact_filename_ext(const char *name, size_t len)
{
	size_t n = 0;
	bool letter = false;
	while (n < len && n <= EXT_MAX) {
		char c = name[len - 1 - n];
		if (c == '.')
			break;
		bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		if (!alpha && !(c >= '0' && c <= '9'))
			return 0;
		letter |= alpha;
		n++;
	}
	/* a dot, one to EXT_MAX characters with a letter, and a stem before */
	if (n == 0 || n > EXT_MAX || n + 1 >= len || name[len - 1 - n] != '.' || !letter)
		return 0;
	return n + 1;
}

/* Whether c separates the two words of a name in a file name. */
static bool name_sep(char c)
{
	return c == '.' || c == '-' || c == ' ';
}

/* A name with its cue, so that the name detector finds it with the
 * profile's action for names (mask, pseudonym ...); out gets what the
 * words became, or the words themselves when it found nothing (names
 * not enabled). words: the name's words joined by one space. */
static int scan_as_name(const redact_profile *p, const char *words, size_t len,
                        struct text *out)
{
	const bool han = (unsigned char)words[0] >= 0x80;
	const char *cue = han ? "姓名：" : "Name: ";
	struct text in = {0}, got = {0};
	int rc = text_add(&in, cue, strlen(cue));
	if (rc == 0)
		rc = text_add(&in, words, len);
	if (rc == 0)
		rc = scan(p, in.p, in.len, &got);
	if (rc == 0 && (got.len < strlen(cue) || memcmp(got.p, cue, strlen(cue)) != 0))
		rc = -EIO; /* the cue is never masked: something is off, fail closed */
	if (rc == 0)
		rc = text_add(out, got.p + strlen(cue), got.len - strlen(cue));
	free(in.p);
	free(got.p);
	return rc;
}

/* Whether the segment s[0..len) is a name standing alone: Han characters
 * only, or two words of letters joined by one of . - space. On success
 * words gets them joined by a space. */
static bool alone_name(const char *s, size_t len, char *words, size_t cap)
{
	if (len == 0 || len >= cap)
		return false;
	memcpy(words, s, len);
	words[len] = '\0';
	if ((unsigned char)s[0] >= 0x80)
		return redact_name_alone_valid((const uint8_t *)words, len);
	size_t seps = 0;
	for (size_t i = 0; i < len; i++)
		if (name_sep(words[i])) {
			words[i] = ' ';
			seps++;
		}
	return seps == 1 && redact_name_alone_valid((const uint8_t *)words, len);
}

/* A Han character (3 bytes, U+3400..U+9FFF) at s? */
static bool han_at(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;
	if (left < 3 || u[0] < 0xE3 || u[0] > 0xE9)
		return false;
	return u[0] != 0xE3 || u[1] >= 0x90;
}

/* An unchanged segment with Han in it (李四-简历, 2024张伟合同): each run of
 * two or three Han characters between other characters that is a name
 * alone becomes what the name detector makes of it. Returns 0 or -errno. */
static int han_names(const redact_profile *p, const char *seg, size_t len, struct text *out)
{
	size_t done = 0, i = 0;
	while (i < len) {
		if (!han_at(seg + i, len - i)) {
			i++;
			continue;
		}
		size_t j = i;
		while (han_at(seg + j, len - j))
			j += 3;
		if (j - i >= 6 && j - i <= 9 &&
		    redact_name_alone_valid((const uint8_t *)seg + i, j - i)) {
			int rc = text_add(out, seg + done, i - done);
			if (rc == 0)
				rc = scan_as_name(p, seg + i, j - i, out);
			if (rc < 0)
				return rc;
			done = j;
		}
		i = j;
	}
	return text_add(out, seg + done, len - done);
}

/* The stem: segments between '_' scanned one by one; a segment the engine
 * leaves as it is may be a name alone, or with the next segment the two
 * words of one (Zhang_Wei). */
static int scan_stem(const redact_profile *p, const char *stem, size_t len, struct text *out)
{
	char words[2 * REDACT_NAME_MAX + 2];
	size_t i = 0;
	while (i <= len) {
		size_t j = i;
		while (j < len && stem[j] != '_')
			j++;
		size_t mark = out->len;
		int rc = scan(p, stem + i, j - i, out);
		if (rc < 0)
			return rc;
		bool same = out->len - mark == j - i && memcmp(out->p + mark, stem + i, j - i) == 0;
		size_t end = j; /* the segment's end before a Zhang_Wei pair */
		if (same && alone_name(stem + i, j - i, words, sizeof words)) {
			same = false;
			out->len = mark;
			if ((rc = scan_as_name(p, words, j - i, out)) < 0)
				return rc;
			/* the separator between the words stays (where the
			 * action kept the length, it stands at the same place) */
			for (size_t k = 0; k < j - i && out->len - mark == j - i; k++)
				if (name_sep(stem[i + k]))
					out->p[mark + k] = stem[i + k];
		} else if (same && j < len) {
			/* a word, '_' and a word: one name? */
			size_t k = j + 1;
			while (k < len && stem[k] != '_')
				k++;
			size_t n = k - i;
			if (n < sizeof words && memchr(stem + i, ' ', n) == NULL) {
				memcpy(words, stem + i, n);
				words[j - i] = ' ';
				words[n] = '\0';
				if ((unsigned char)words[0] < 0x80 &&
				    redact_name_alone_valid((const uint8_t *)words, n)) {
					out->len = mark;
					if ((rc = scan_as_name(p, words, n, out)) < 0)
						return rc;
					if (out->len - mark == n)
						out->p[mark + (j - i)] = '_';
					j = k;
					same = false;
				}
			}
		}
		if (same) {
			/* still the segment as it is: names among its Han characters */
			out->len = mark;
			if ((rc = han_names(p, stem + i, end - i, out)) < 0)
				return rc;
		}
		if (j < len && (rc = text_add(out, "_", 1)) < 0)
			return rc;
		if (j >= len)
			break;
		i = j + 1;
	}
	return 0;
}

/* Makes t a name a directory can hold: no '/' or NUL (a label's or a
 * pseudonym's bytes), not empty, "." or "..", at most REDACT_NAME_MAX
 * bytes: the stem is cut on a character boundary, the extension kept. */
static void make_name(struct text *t, size_t ext)
{
	for (size_t i = 0; i < t->len; i++)
		if (t->p[i] == '/' || t->p[i] == '\0')
			t->p[i] = '_';
	if (t->len > REDACT_NAME_MAX) {
		size_t stem = t->len - ext, keep = REDACT_NAME_MAX - ext;
		while (keep > 0 && ((unsigned char)t->p[keep] & 0xC0) == 0x80)
			keep--;
		memmove(t->p + keep, t->p + stem, ext);
		t->len = keep + ext;
	}
	if (t->len == 0 || (t->len == 1 && t->p[0] == '.') ||
	    (t->len == 2 && t->p[0] == '.' && t->p[1] == '.'))
		t->len = 0, (void)text_add(t, "_", 1);
}

int redact_filename(const redact_profile *profile, const char *name, size_t len,
                    char *out, size_t *outlen)
{
	redact_profile p = *profile;
	p.format = REDACT_FORMAT_TEXT;
	size_t ext = redact_filename_ext(name, len);
	/* The stem whole first (a value may hold a '_': john_smith@…), then
	 * what is left of it segment by segment (customer_<ID>). */
	struct text whole = {0}, t = {0};
	int rc = scan(&p, name, len - ext, &whole);
	if (rc == 0)
		rc = scan_stem(&p, whole.p, whole.len, &t);
	free(whole.p);
	if (rc == 0)
		rc = text_add(&t, name + len - ext, ext);
	/* Nothing found in the stem: the whole name may be one value whose
	 * end looked like an extension (a directory john.smith@example.com). */
	if (rc == 0 && ext && t.len == len && memcmp(t.p, name, len) == 0) {
		t.len = 0;
		rc = scan(&p, name, len, &t);
		if (rc == 0 && t.len == len && memcmp(t.p, name, len) == 0)
			ext = redact_filename_ext(name, len); /* as it was */
		else
			ext = 0;
	}
	if (rc == 0 && !t.p)
		rc = text_add(&t, "", 0);
	if (rc == 0) {
		make_name(&t, ext);
		memcpy(out, t.p, t.len);
		out[t.len] = '\0';
		*outlen = t.len;
	}
	free(t.p);
	return rc;
}

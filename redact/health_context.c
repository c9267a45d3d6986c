/*
 * health_context.c — the callout of the health detector's pattern: checks
 * a candidate against the lexicon (health_lexicon.c), and tells whether a
 * list item stands under a diagnosis heading:
 *
 *   出院诊断：1、高血压病3级（极高危）      Diagnosis:
 *   2、2型糖尿病；3、右肺腺癌              1. schizophrenia
 *   （4）慢性阻塞性肺疾病                  - bipolar I disorder
 *
 * An item belongs to a heading when, going back line by line from the
 * item, every line is a list line (it starts with 1. 1、 1) （1） ① - •)
 * until a line whose first colon follows a heading word; a blank line or
 * any other line ends the list. The look back stops REDACT_BEHIND bytes
 * before the match's start (the context every block carries before its
 * first byte), so the answer depends on the block's subject alone and is
 * the same in a whole-file run and in a random read. Items further than
 * that from their heading are not found (a limit named in
 * docs/detection.md).
 */
#include <string.h>

#include "health_i.h"
#include "redact.h"

enum heading { HEADING_NONE, HEADING_WEAK, HEADING_STRONG };

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Whether the key s[a..b) (before a colon) ends with word, case-blind for
 * ASCII, not glued to an ASCII letter before it. */
static bool key_ends_with(const uint8_t *s, size_t a, size_t b, const char *word)
{
	size_t k = strlen(word);
	if (b - a < k)
		return false;
	const uint8_t *t = s + b - k;
	for (size_t i = 0; i < k; i++) {
		uint8_t c = t[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != (uint8_t)word[i])
			return false;
	}
	if ((uint8_t)word[0] < 0x80 && b - k > a) {
		uint8_t p = s[b - k - 1] | 0x20;
		if (p >= 'a' && p <= 'z')
			return false;
	}
	return true;
}

/* What the key s[a..b) before a colon says: a heading that makes its list
 * diagnoses (strong), one whose items must be conditions (weak), or none. */
static enum heading heading_of(const uint8_t *s, size_t a, size_t b)
{
	static const char *const strong[] = {
		"诊断", "诊断意见", "诊断结果", "既往史", "既往病史", "病史", "主诉", "家族史",
		"疾病名称", "diagnosis", "diagnoses", "dx", "ddx", "pmh", "medical history",
		"past history", "problem list", "comorbidities", "diagnosis list",
		NULL,
	};
	static const char *const weak[] = {
		"结论", "印象", "诊断印象", "assessment", "impression", "conclusion",
		"conclusions", "assessment and plan", "findings", "conditions", "problems", NULL,
	};
	/* a diagnosis of machines, not of people */
	static const char *const machine[] = {"故障诊断", "系统诊断", "网络诊断", "设备诊断",
	                                      "车辆诊断", NULL};
	while (b > a && (is_space(s[b - 1]) || s[b - 1] == '"' || s[b - 1] == '*'))
		b--;
	for (const char *const *w = machine; *w; w++)
		if (key_ends_with(s, a, b, *w))
			return HEADING_NONE;
	for (const char *const *w = strong; *w; w++)
		if (key_ends_with(s, a, b, *w))
			return HEADING_STRONG;
	for (const char *const *w = weak; *w; w++)
		if (key_ends_with(s, a, b, *w))
			return HEADING_WEAK;
	return HEADING_NONE;
}

/* Whether s[a..b) starts (after blanks) with a list marker. */
static bool starts_with_marker(const uint8_t *s, size_t a, size_t b)
{
	while (a < b && is_space(s[a]))
		a++;
	if (a >= b)
		return false;
	uint8_t c = s[a];
	if (c >= '0' && c <= '9') {
		size_t i = a + 1;
		if (i < b && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i >= b)
			return false;
		return s[i] == '.' || s[i] == ')' ||
		       (i + 3 <= b && (memcmp(s + i, "、", 3) == 0 || memcmp(s + i, "．", 3) == 0 ||
		                       memcmp(s + i, "）", 3) == 0));
	}
	if (c == '(' || (a + 3 <= b && memcmp(s + a, "（", 3) == 0)) {
		size_t i = a + (c == '(' ? 1 : 3);
		return i < b && s[i] >= '0' && s[i] <= '9';
	}
	if (c == '-' || c == '*')
		return a + 1 < b && is_space(s[a + 1]);
	/* • and ① to ⑳ */
	if (a + 3 <= b && memcmp(s + a, "•", 3) == 0)
		return true;
	return a + 3 <= b && s[a] == 0xE2 && s[a + 1] == 0x91 && s[a + 2] >= 0xA0 &&
	       s[a + 2] <= 0xB3;
}

/* The first colon (: or ：) in s[a..b), or b. */
static size_t first_colon(const uint8_t *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (s[i] == ':')
			return i;
		if (i + 3 <= b && memcmp(s + i, "：", 3) == 0)
			return i;
	}
	return b;
}

/* The heading of the list whose item starts at p, if any (see the top). */
static enum heading heading_above(const uint8_t *s, size_t p)
{
	size_t lo = p > REDACT_BEHIND ? p - REDACT_BEHIND : 0;
	size_t end = p;
	bool own_line = true;
	for (;;) {
		size_t ls = end;
		while (ls > lo && s[ls - 1] != '\n')
			ls--;
		bool whole = ls == 0 || s[ls - 1] == '\n';
		size_t c = first_colon(s, ls, end);
		if (c < end)
			return whole || c > ls ? heading_of(s, ls, c) : HEADING_NONE;
		if (!whole)
			return HEADING_NONE;
		bool blank = true;
		for (size_t i = ls; i < end && blank; i++)
			blank = is_space(s[i]);
		if (own_line) {
			if (!blank && !starts_with_marker(s, ls, end))
				return HEADING_NONE;
		} else if (blank || !starts_with_marker(s, ls, end)) {
			return HEADING_NONE;
		}
		if (ls == 0)
			return HEADING_NONE;
		own_line = false;
		end = ls - 1;
	}
}

static bool condition(const uint8_t *v, size_t n)
{
	if (n == 0)
		return false;
	uint8_t c = v[0] | 0x20;
	return c >= 'a' && c <= 'z' ? redact_health_condition_en(v, n)
	                            : redact_health_condition_zh(v, n);
}

int redact_health_callout(pcre2_callout_block *cb, void *data)
{
	(void)data;
	if (cb->capture_last == 0 || cb->capture_last >= cb->capture_top)
		return 1;
	PCRE2_SIZE vs = cb->offset_vector[2 * cb->capture_last];
	PCRE2_SIZE ve = cb->offset_vector[2 * cb->capture_last + 1];
	if (vs == PCRE2_UNSET || ve == PCRE2_UNSET || ve < vs || ve > cb->subject_length)
		return 1;
	const uint8_t *v = cb->subject + vs;
	size_t n = ve - vs;
	switch (cb->callout_number) {
	case 101:
		return redact_health_condition_zh(v, n) ? 0 : 1;
	case 102:
		return redact_health_condition_en(v, n) ? 0 : 1;
	case 103:
		switch (heading_above(cb->subject, cb->start_match)) {
		case HEADING_STRONG:
			return 0;
		case HEADING_WEAK:
			return condition(v, n) ? 0 : 1;
		default:
			return 1;
		}
	default:
		return 0; /* not ours */
	}
}

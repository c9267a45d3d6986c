/*
 * fuzz_utf16.c — libFuzzer target: the UTF-16 and UTF-32 decoders
 * (unicode.c) and the engine on files with byte-order marks.
 *
 * Invariants of the decoders, on any bytes in either byte order:
 * - every byte of the view remembers the code unit(s) it came from; the
 *   spans follow each other from offset 0 without gap or overlap, and
 *   each character of the view, encoded again, gives exactly the bytes
 *   of its span; a barrier byte (0xFF) stands only for a lone surrogate
 *   (or, in UTF-32, a unit that is no character);
 * - what is left undecoded at the end is only what more bytes could
 *   change: a dangling byte, or a high surrogate still waiting for its
 *   other half;
 * - the view of a prefix is a prefix of the view (a block's view does not
 *   depend on how much of the file is there after it);
 * - text the plausibility check accepts decodes without barriers.
 * Invariant of the engine (engine_check.c): a file with a byte-order
 * mark, true or lying, in UTF-16 or UTF-32, with UTF-8 lines after it or
 * not, gives the same bytes by stream, chunks and ranges, and keeps its
 * length under mask.
 *
 * The input's control bytes (fuzz.h) choose:
 *   [0] UTF-16LE, UTF-16BE, UTF-32LE, UTF-32BE; the data encoded into it
 *       (read as UTF-8) or taken as it is; no byte-order mark; UTF-8 text
 *       appended; text or CSV
 *   [1] the action (mask, pseudonymize, partial); the file repeated to
 *       9 KiB or 40 KiB
 */
#include <string.h>

#include "engine_check.h"
#include "redact_i.h" /* the decoders */

static const uint8_t key[REDACT_KEY_LEN] = {16, 16};

static const redact_catalog *catalog(void)
{
	static redact_catalog *cat;
	if (!cat && redact_catalog_new(&cat) < 0)
		fuzz_fail("cannot build the catalog");
	return cat;
}

/* The code point of the UTF-8 character t[0..k) when it is exactly one
 * well-formed character, else -1. */
static long utf8_char(const uint8_t *t, size_t k)
{
	static const uint8_t lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t want = t[0] < 0x80 ? 1 : (t[0] & 0xE0) == 0xC0 ? 2 : (t[0] & 0xF0) == 0xE0 ? 3
	            : (t[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (want == 0 || want != k)
		return -1;
	uint32_t cp = t[0] & lead_mask[k];
	for (size_t i = 1; i < k; i++) {
		if ((t[i] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (t[i] & 0x3F);
	}
	if (cp < least[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))
		return -1;
	return (long)cp;
}

/* cp in UTF-16 (unit = 2) or UTF-32 (unit = 4), in byte order be. */
static size_t encode(uint32_t cp, size_t unit, bool be, uint8_t out[4])
{
	if (unit == 4) {
		for (int k = 0; k < 4; k++)
			out[be ? 3 - k : k] = (uint8_t)(cp >> (8 * k));
		return 4;
	}
	uint32_t u[2] = {cp, 0};
	size_t units = 1;
	if (cp >= 0x10000) {
		u[0] = 0xD800 + ((cp - 0x10000) >> 10);
		u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		units = 2;
	}
	for (size_t i = 0; i < units; i++) {
		out[2 * i + (be ? 0 : 1)] = (uint8_t)(u[i] >> 8);
		out[2 * i + (be ? 1 : 0)] = (uint8_t)u[i];
	}
	return 2 * units;
}

static int decode(struct redact_decoded *d, const uint8_t *s, size_t n, size_t unit, bool be)
{
	return unit == 2 ? redact_utf16_decode(d, s, n, be) : redact_utf32_decode(d, s, n, be);
}

/* The decoder invariants of the top of this file, on s[0..n). */
static void check_decoder(const uint8_t *s, size_t n, size_t unit, bool be, uint64_t *rng)
{
	struct redact_decoded d = {0}, pre = {0};
	if (decode(&d, s, n, unit, be) < 0)
		fuzz_fail("UTF-%zu decode failed", unit * 8);
	size_t pos = 0;
	bool barrier = false;
	for (size_t i = 0; i < d.len;) {
		size_t raw = d.raw[i], rl = d.rawlen[i], k = 1;
		while (i + k < d.len && d.raw[i + k] == raw && d.rawlen[i + k] == rl)
			k++;
		if (raw != pos || rl == 0 || rl % unit || rl > 4 || raw + rl > n)
			fuzz_fail("UTF-%zu view: span [%zu, +%zu) after %zu of %zu bytes", unit * 8,
			          raw, rl, pos, n);
		long cp = utf8_char(d.text + i, k);
		if (cp < 0) {
			/* a barrier: a unit that is no character */
			uint32_t u = unit == 2 ? redact_unit16(s, raw, be) : redact_unit32(s, raw, be);
			if (k != 1 || d.text[i] != 0xFF || rl != unit ||
			    !((u >= 0xD800 && u < 0xE000) || u > 0x10FFFF))
				fuzz_fail("UTF-%zu view: %zu bytes at %zu are no character and no "
				          "barrier for unit 0x%x", unit * 8, k, raw, (unsigned)u);
			barrier = true;
		} else {
			uint8_t enc[4];
			size_t el = encode((uint32_t)cp, unit, be, enc);
			if (el != rl || memcmp(enc, s + raw, rl) != 0)
				fuzz_fail("UTF-%zu view: U+%04lX does not encode to its span at %zu",
				          unit * 8, cp, raw);
		}
		pos = raw + rl;
		i += k;
	}
	size_t rest = n - pos;
	bool waiting = unit == 2 && rest >= 2 && rest <= 3 && redact_unit16(s, pos, be) >= 0xD800 &&
	               redact_unit16(s, pos, be) < 0xDC00;
	if (rest >= unit && !waiting)
		fuzz_fail("UTF-%zu view ends at %zu of %zu bytes", unit * 8, pos, n);
	bool plausible = unit == 2 ? redact_utf16_plausible(s, n, be)
	                           : redact_utf32_plausible(s, n, be);
	if (plausible && barrier)
		fuzz_fail("UTF-%zu text found plausible decodes with a barrier", unit * 8);

	/* The view of a prefix (cut between units) is a prefix of the view. */
	size_t cut = n ? (size_t)fuzz_rnd(rng, n + 1) / unit * unit : 0;
	if (decode(&pre, s, cut, unit, be) < 0)
		fuzz_fail("UTF-%zu decode of a prefix failed", unit * 8);
	if (pre.len > d.len || (pre.len && (memcmp(pre.text, d.text, pre.len) != 0 ||
	                                    memcmp(pre.raw, d.raw, pre.len * sizeof *d.raw) != 0 ||
	                                    memcmp(pre.rawlen, d.rawlen, pre.len) != 0)))
		fuzz_fail("UTF-%zu view of the first %zu of %zu bytes is no prefix of the view",
		          unit * 8, cut, n);
	redact_decoded_fini(&pre);
	redact_decoded_fini(&d);
}

/* data (read as UTF-8; a byte that starts no character stands for itself,
 * as in Latin-1) encoded in the unit and byte order. */
static void encode_all(struct fuzz_buf *out, const uint8_t *data, size_t len, size_t unit,
                       bool be)
{
	for (size_t i = 0; i < len;) {
		long cp = -1;
		size_t k = 1;
		for (size_t try = 4; try >= 1 && cp < 0; try--)
			if (i + try <= len && (cp = utf8_char(data + i, try)) >= 0)
				k = try;
		if (cp < 0)
			cp = data[i];
		uint8_t enc[4];
		fuzz_append(out, enc, encode((uint32_t)cp, unit, be, enc));
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	struct fuzz_input x = fuzz_split(in, n);
	const uint8_t *c = x.control;
	uint64_t rng = fuzz_seed(in, n);
	for (int be = 0; be < 2; be++) {
		check_decoder(x.data, x.len, 2, be, &rng);
		check_decoder(x.data, x.len, 4, be, &rng);
	}

	size_t unit = (c[0] & 2) ? 4 : 2;
	bool be = c[0] & 1;
	struct fuzz_buf body = {0}, file = {0};
	if (!(c[0] & 8)) {
		uint8_t bom[4];
		fuzz_append(&body, bom, encode(0xFEFF, unit, be, bom));
	}
	if (c[0] & 4)
		encode_all(&body, x.data, x.len, unit, be);
	else
		fuzz_append(&body, x.data, x.len);
	if (c[0] & 0x10) {
		static const char tail[] = "mail alice.zhang@example.com id 11010519491231002X\n";
		fuzz_append(&body, tail, sizeof tail - 1);
	}
	static const size_t tiles[] = {0, 0, 9000, 40000};
	fuzz_layout(&file, body.data, body.len, 0, 0, tiles[(c[1] >> 4) & 3]);

	redact_profile p;
	redact_profile_init(&p, catalog());
	redact_profile_enable_all(&p);
	p.format = (c[0] & 0x20) ? REDACT_FORMAT_CSV : REDACT_FORMAT_TEXT;
	static const enum redact_action actions[] = {REDACT_ACTION_MASK, REDACT_ACTION_MASK,
		REDACT_ACTION_PSEUDONYMIZE, REDACT_ACTION_PARTIAL};
	p.action = actions[c[1] & 3];
	p.key = key;
	p.keep_head = p.keep_tail = -1;
	struct engine_check_opts o = {.ranges = 8};
	engine_check(&p, file.data, file.len, rng, &o, NULL);
	fuzz_buf_free(&body);
	fuzz_buf_free(&file);
	return 0;
}

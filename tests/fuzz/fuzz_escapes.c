/*
 * fuzz_escapes.c — libFuzzer target: the escape decoder (unescape.c) and
 * the engine on text full of escapes.
 *
 * Invariants of the decoder, on any bytes:
 * - the view is never longer than its input; every byte of it remembers
 *   the span of input it came from, spans only move forward and never
 *   overlap, and a byte from a 1-byte span is that input byte itself;
 * - redact_escapes_in finds something exactly when the view differs from
 *   the input: when it finds nothing the view is the input, byte for
 *   byte (the engine then skips the view), else the view is shorter;
 * - the view of a prefix is a prefix of the view: what is not whole yet
 *   where the text ends is never decoded as something else ("&#82" of
 *   "&#8203;" is not 'R').
 * Invariant of the engine (engine_check.c): text with \uXXXX, HTML
 * entities, %HH, quoted-printable and invisible characters gives the same
 * bytes by stream, chunks and ranges, and keeps its length under mask.
 *
 * The input's control bytes (fuzz.h) choose:
 *   [0] text or code; the action (mask, pseudonymize, partial)
 *   [1], [2] the layout: the data after filler so that it crosses a block's
 *       start or a subject's end, or repeated to 20 KiB
 */
#include <string.h>

#include "engine_check.h"
#include "redact_i.h" /* the escape decoder */

static const uint8_t key[REDACT_KEY_LEN] = {42};

static const redact_catalog *catalog(void)
{
	static redact_catalog *cat;
	if (!cat && redact_catalog_new(&cat) < 0)
		fuzz_fail("cannot build the catalog");
	return cat;
}

static void check_decoder(const uint8_t *s, size_t n, uint64_t *rng)
{
	struct redact_decoded d = {0}, pre = {0};
	if (redact_unescape(&d, s, n) < 0)
		fuzz_fail("redact_unescape failed");
	if (d.len > n)
		fuzz_fail("the view of %zu bytes holds %zu", n, d.len);
	size_t end = 0;
	for (size_t i = 0; i < d.len; i++) {
		size_t raw = d.raw[i], rl = d.rawlen[i];
		bool same_span = i > 0 && raw == d.raw[i - 1] && rl == d.rawlen[i - 1];
		if (rl == 0 || raw + rl > n || (!same_span && raw < end))
			fuzz_fail("view byte %zu: span [%zu, +%zu) after %zu, of %zu bytes", i, raw, rl,
			          end, n);
		if (rl == 1 && d.text[i] != s[raw])
			fuzz_fail("view byte %zu from the one byte at %zu is another byte", i, raw);
		end = raw + rl;
	}
	unsigned found = redact_escapes_in(s, n);
	bool identical = d.len == n && (n == 0 || memcmp(d.text, s, n) == 0);
	if ((found & REDACT_ESC_MAY_EAT) && !(found & REDACT_ESC_SOME))
		fuzz_fail("redact_escapes_in: MAY_EAT without SOME");
	if (!found && !identical)
		fuzz_fail("redact_escapes_in finds nothing in %zu bytes, the view (%zu) differs", n,
		          d.len);
	if (found && d.len >= n)
		fuzz_fail("redact_escapes_in finds something (%u), the view keeps %zu of %zu bytes",
		          found, d.len, n);

	size_t cut = (size_t)fuzz_rnd(rng, n + 1);
	if (redact_unescape(&pre, s, cut) < 0)
		fuzz_fail("redact_unescape of a prefix failed");
	if (pre.len > d.len || (pre.len && (memcmp(pre.text, d.text, pre.len) != 0 ||
	                                    memcmp(pre.raw, d.raw, pre.len * sizeof *d.raw) != 0 ||
	                                    memcmp(pre.rawlen, d.rawlen, pre.len) != 0)))
		fuzz_fail("the view of the first %zu of %zu bytes is no prefix of the view", cut, n);
	redact_decoded_fini(&pre);
	redact_decoded_fini(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	struct fuzz_input x = fuzz_split(in, n);
	const uint8_t *c = x.control;
	uint64_t rng = fuzz_seed(in, n);
	check_decoder(x.data, x.len, &rng);

	static const size_t starts[] = {0, 0, 0, 0, REDACT_BLOCK, REDACT_BLOCK + REDACT_REACH, 0, 0};
	static const size_t tiles[] = {0, 0, 0, 0, 0, 0, 9000, 20000};
	size_t pad = starts[c[1] & 7];
	pad = pad > c[2] ? pad - c[2] : 0;
	struct fuzz_buf file = {0};
	fuzz_layout(&file, x.data, x.len, pad, 'x', tiles[c[1] & 7]);

	redact_profile p;
	redact_profile_init(&p, catalog());
	redact_profile_enable_all(&p);
	p.format = (c[0] & 1) ? REDACT_FORMAT_CODE : REDACT_FORMAT_TEXT;
	static const enum redact_action actions[] = {REDACT_ACTION_MASK, REDACT_ACTION_MASK,
		REDACT_ACTION_PSEUDONYMIZE, REDACT_ACTION_PARTIAL};
	p.action = actions[(c[0] >> 1) & 3];
	p.key = key;
	p.keep_head = p.keep_tail = -1;
	struct engine_check_opts o = {.ranges = 8};
	engine_check(&p, file.data, file.len, rng, &o, NULL);
	fuzz_buf_free(&file);
	return 0;
}

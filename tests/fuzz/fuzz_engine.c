/*
 * fuzz_engine.c — libFuzzer target: the engine on any bytes.
 *
 * Invariant (redact.h, "the one definition of the output"): for any file,
 * any profile and any format, the stream fed in random chunks, the stream
 * without its prefilter, random ranges of the file (kept and fresh
 * redact_files) and write_all all give the bytes of the stream fed in one
 * piece; a profile that keeps lengths (mask, partial, pseudonymize) never
 * changes the length; nothing crashes, leaks or reads out of bounds
 * (ASan, UBSan). engine_check.c holds the checks.
 *
 * The input's control bytes (fuzz.h) choose:
 *   [0] format (text, CSV, TSV, code, SQL), whether the profile runs
 *       full_scan, whether the prefilter is compared with a full scan
 *   [1] the action, per-detector actions, a subset of the detectors,
 *       labels, and a backtracking custom detector (its match limit: EIO)
 *   [2] keep_head / keep_tail for partial
 *   [3], [4], [5] the layout: for some inputs filler before the data so
 *       that it crosses a block's start or a subject's end, for some the
 *       data repeated to fill up to 40 KiB (most stay small: fast)
 * chunk sizes, reads and ranges are drawn from the whole input.
 */
#include <stdlib.h>

#include "engine_check.h"

static const uint8_t key[REDACT_KEY_LEN] = {7, 1, 2, 3, 4, 5, 6, 7, 8, 9};

/* The built-in detectors and a few custom ones: built once, immutable. */
static const redact_catalog *catalog(int *backtracker)
{
	static redact_catalog *cat;
	static int bad = -1;
	if (!cat) {
		char err[REDACT_ERRLEN];
		if (redact_catalog_new(&cat) < 0 ||
		    redact_catalog_add(cat, "employee_id", "EMP-[0-9]+", NULL, NULL, err,
		                       sizeof err) < 0 ||
		    redact_catalog_add(cat, "cn_word", "(?<=张)伟", NULL, NULL, err, sizeof err) < 0 ||
		    redact_catalog_add(cat, "ticket", "ticket[ =:]+(?<id>[A-Z]{2}\\d{4,})", "id",
		                       NULL, err, sizeof err) < 0 ||
		    (bad = redact_catalog_add(cat, "backtracker", "(a|aa)+[cd]", NULL, NULL, err,
		                              sizeof err)) < 0)
			fuzz_fail("cannot build the catalog");
	}
	*backtracker = bad;
	return cat;
}

static const char *const label_table[] = {"[X]", "<name>", "个人信息", "*",
	"0123456789012345678901234567890123456789012345678901234567890123"};

static void profile_from(redact_profile *p, const uint8_t c[FUZZ_CONTROL], uint64_t *rng,
                         const char **labels)
{
	int backtracker;
	const redact_catalog *cat = catalog(&backtracker);
	size_t count = redact_catalog_size(cat);
	redact_profile_init(p, cat);
	p->format = (enum redact_format)(c[0] % 5);
	p->full_scan = c[0] & 0x10;
	p->action = (enum redact_action)(c[1] % REDACT_ACTION_COUNT);
	p->key = (c[1] & 0x40) ? NULL : key; /* no key: pseudonymize masks */
	for (size_t i = 0; i < count; i++) {
		if ((int)i == backtracker && !(c[1] & 0x20))
			continue;
		if (!(c[1] & 0x10) || fuzz_rnd(rng, 2))
			redact_profile_enable(p, i);
		if ((c[1] & 0x08) && fuzz_rnd(rng, 3) == 0)
			p->detector_action[i] = (uint8_t)(1 + fuzz_rnd(rng, REDACT_ACTION_COUNT));
		labels[i] = fuzz_rnd(rng, 4) ? NULL
		                             : label_table[fuzz_rnd(rng, sizeof label_table /
		                                                        sizeof label_table[0])];
	}
	if (c[1] & 0x80)
		p->labels = labels;
	/* -1 (the detector's default) or 0 to 64, as a policy allows */
	p->keep_head = (int16_t)((c[2] & 0x0F) == 0x0F ? 64 : (c[2] & 0x0F) - 1);
	p->keep_tail = (int16_t)((c[2] >> 4) == 0x0F ? 64 : (c[2] >> 4) - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	struct fuzz_input x = fuzz_split(in, n);
	const uint8_t *c = x.control;
	uint64_t rng = fuzz_seed(in, n);
	redact_profile p;
	const char *labels[REDACT_MAX_DETECTORS] = {0};
	profile_from(&p, c, &rng, labels);

	/* Most inputs are small (fast); some cross boundaries. */
	static const size_t starts[] = {0, 0, 0, 0, 0, REDACT_BLOCK, REDACT_BLOCK + REDACT_REACH,
	                                REDACT_BLOCK - REDACT_BEHIND};
	static const uint8_t fillers[] = {' ', 'x', '\n', '0', ',', '"', 'a', '\t'};
	static const size_t tiles[] = {0, 0, 0, 0, 0, 9000, 20000, 40000};
	size_t pad = starts[c[3] & 7];
	pad = pad > c[4] ? pad - c[4] : 0; /* the data starts up to 255 bytes before */
	struct fuzz_buf file = {0};
	fuzz_layout(&file, x.data, x.len, pad, fillers[(c[3] >> 3) & 7], tiles[c[5] & 7]);

	struct engine_check_opts o = {
		.ranges = 8,
		.full_scan = (c[0] & 0x20) && file.len <= 16384,
	};
	engine_check(&p, file.data, file.len, rng, &o, NULL);
	fuzz_buf_free(&file);
	return 0;
}

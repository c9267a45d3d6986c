/*
 * fuzz_csv.c — libFuzzer target: the CSV/TSV parser and its checkpoints.
 *
 * Invariant (redact.h, csv.c, csv_index.c): in a CSV or TSV file, however
 * malformed (unclosed quotes, stray delimiters, missing cells, lines
 * longer than the reach), range reads that start from the parser's
 * checkpoints (kept between reads, thinned out early by a low
 * checkpoint_max, filled in out of order) give the bytes of the stream;
 * so do chunked streams and write_all (engine_check.c). Under an action
 * that keeps lengths, the length is kept; and under mask with the field
 * detector alone, the bytes of the file's structure (delimiters, line
 * breaks, the quotes of quoted cells) stay where they are: the masked file
 * parses as the file does.
 *
 * The input's control bytes (fuzz.h) choose:
 *   [0] CSV or TSV; the field detector alone or all detectors; extra
 *       field names
 *   [1] the action
 *   [2] the file's size: the input's rows (after its first line) repeated
 *       until the file is 9 KiB to 270 KiB, past 1 to 4 checkpoints
 *   [3] the checkpoints a file keeps (2, 3, or the engine's limit)
 */
#include <string.h>

#include "engine_check.h"

static const uint8_t key[REDACT_KEY_LEN] = {3, 1, 4, 1, 5, 9, 2, 6};

/* The catalog and an extra list of field names: built once, immutable. */
static const redact_catalog *catalog(const redact_fields **extra)
{
	static redact_catalog *cat;
	static redact_fields *fields;
	if (!cat) {
		static const char *const names[] = {"note", "备注", "city", "comment"};
		char err[REDACT_ERRLEN];
		if (redact_catalog_new(&cat) < 0 ||
		    redact_fields_new(&fields, names, sizeof names / sizeof names[0], err,
		                      sizeof err) < 0)
			fuzz_fail("cannot build the catalog or the field names");
	}
	*extra = fields;
	return cat;
}

/* The bytes that make the file's structure under RFC 4180 as csv.c reads
 * it (TSV: no quoting) are in out at their places: delimiters and line
 * breaks (CR LF too) outside quotes, the quotes that open and close a
 * quoted cell and both quotes of a "" inside one, line breaks inside one.
 * A quote inside an unquoted cell is content, and so may be masked. */
static void check_structure(const uint8_t *in, const uint8_t *out, size_t n, bool csv)
{
	const uint8_t delim = csv ? ',' : '\t';
	bool in_quotes = false, pending = false, at_start = true;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = in[i];
		bool structure = false;
		if (in_quotes && pending) {
			pending = false;
			if (c == '"')
				structure = true; /* the second quote of "" */
			else
				in_quotes = false; /* the quote before closed the cell */
		} else if (in_quotes) {
			pending = c == '"';
			structure = c == '"' || c == '\n' || c == '\r';
		}
		if (!in_quotes) {
			if (c == delim || c == '\n' || (c == '\r' && i + 1 < n && in[i + 1] == '\n')) {
				structure = true;
				at_start = c != '\r';
			} else if (c == '"' && csv && at_start) {
				structure = in_quotes = true;
				at_start = false;
			} else {
				at_start = false;
			}
		}
		if (structure && out[i] != c)
			fuzz_fail("byte %zu (0x%02x) of the file's structure became 0x%02x", i, c, out[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	struct fuzz_input x = fuzz_split(in, n);
	const uint8_t *c = x.control;
	uint64_t rng = fuzz_seed(in, n);

	const redact_fields *extra;
	const redact_catalog *cat = catalog(&extra);
	redact_profile p;
	redact_profile_init(&p, cat);
	p.format = (c[0] & 1) ? REDACT_FORMAT_TSV : REDACT_FORMAT_CSV;
	bool field_alone = !(c[0] & 2);
	if (field_alone)
		redact_profile_enable(&p, (size_t)redact_catalog_lookup(cat, "field"));
	else
		redact_profile_enable_all(&p);
	if (c[0] & 4)
		p.fields = extra;
	p.action = (enum redact_action)(c[1] % REDACT_ACTION_COUNT);
	p.key = key;

	/* The header once, then the rows again and again. */
	static const size_t sizes[] = {0, 0, 0, 9000, 20000, 70000, 140000, 270000};
	size_t want = sizes[c[2] & 7];
	const uint8_t *nl = x.len ? memchr(x.data, '\n', x.len) : NULL;
	size_t head = nl ? (size_t)(nl - x.data) + 1 : 0;
	struct fuzz_buf file = {0};
	fuzz_append(&file, x.data, x.len);
	while (x.len > head && file.len < want)
		fuzz_append(&file, x.data + head, x.len - head);

	static const size_t maxes[] = {0, 2, 3, 2};
	struct engine_check_opts o = {.ranges = 12, .checkpoint_max = maxes[c[3] & 3]};
	struct fuzz_buf out = {0};
	int rc = engine_check(&p, file.data, file.len, rng, &o, &out);
	if (rc == 0 && field_alone && p.action == REDACT_ACTION_MASK)
		check_structure(file.data, out.data, file.len, p.format == REDACT_FORMAT_CSV);
	fuzz_buf_free(&out);
	fuzz_buf_free(&file);
	return 0;
}

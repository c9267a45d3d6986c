/*
 * engine_check.h — the engine's one-definition invariant (redact.h),
 * checked on one file under one profile; every fuzz target that gives the
 * engine a file ends here.
 *
 * Checked, with chunk sizes, ranges and read sizes drawn from seed:
 * - the stream fed in random chunks (1 byte up) gives exactly the bytes of
 *   the stream fed in one piece, or fails with the same error, the bytes
 *   given before it agreeing;
 * - with the prefilter off (full_scan), the same bytes (when neither scan
 *   hits a detector's match limit);
 * - a profile that keeps lengths (mask, partial, pseudonymize) gives as
 *   many bytes as it reads;
 * - redact_file_size is the stream's length; random ranges, through one
 *   redact_file kept between reads (its CSV checkpoints filled in as reads
 *   go deeper, and thinned out early when checkpoint_max is set) and
 *   through fresh ones, give those bytes of the stream's output; so does
 *   redact_file_write_all, on one thread or two.
 * A broken invariant aborts (fuzz_fail).
 */
#ifndef ENGINE_CHECK_H
#define ENGINE_CHECK_H

#include "fuzz.h"

struct engine_check_opts {
	unsigned ranges;       /* random range reads (at most) */
	size_t checkpoint_max; /* 0: the engine's limit; else the kept file's */
	bool full_scan;        /* compare with the prefilter off too */
};

/* Returns the stream's rc (0, or -EIO: a detector's limit, a cut value);
 * with out not NULL, the stream's output is left there (caller frees). */
int engine_check(const redact_profile *p, const uint8_t *in, size_t n, uint64_t seed,
                 const struct engine_check_opts *o, struct fuzz_buf *out);

#endif /* ENGINE_CHECK_H */

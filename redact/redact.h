/*
 * redact.h — the redaction engine: bytes in, redacted bytes out.
 *
 * This is the only public header of redact/. The engine knows nothing of
 * FUSE or INI files: it compiles detectors (pcre2 with JIT, each with an
 * optional validator), and turns bytes into redacted bytes, either as a
 * stream fed in chunks of any size or as a random-access range of a file.
 *
 * The one definition of the output (the invariant this library keeps):
 *   The file is cut into blocks of REDACT_BLOCK bytes at absolute offsets.
 *   For block k every detector is matched from every start position inside
 *   [k*B, (k+1)*B) against the subject [k*B - REDACT_BEHIND, (k+1)*B +
 *   REDACT_REACH) clipped to the file; every validated match marks its bytes.
 *   A marked byte is masked (see redact_mask rules below). Because the
 *   subject of a block depends only on the file's bytes and the block's
 *   absolute position, the stream (whole file, any chunking) and every range
 *   read compute the same marks for the same byte, so they give identical
 *   output. A match can reach at most REDACT_REACH bytes past its block, so
 *   a range read needs only a bounded window around the requested bytes.
 *
 * Mask rules (length-preserving): a marked ASCII byte becomes '*'; a valid
 * 3-byte UTF-8 character whose bytes are all marked becomes U+FF0A '＊'
 * (also 3 bytes); any other marked byte becomes '*'. Offsets and sizes of
 * the input are therefore the offsets and sizes of the output.
 *
 * Errors are returned as negative errno values (-ENOMEM, -EIO for a
 * detector that failed to run, -EINVAL for bad arguments); nothing here
 * prints. Thread safety: a catalog and a profile are immutable once built
 * and may be shared by any number of threads; a stream belongs to one.
 */
#ifndef REDACT_H
#define REDACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define REDACT_BLOCK 8192u  /* bytes per scan block */
#define REDACT_REACH 1024u  /* how far a match may run past its block */
#define REDACT_BEHIND 256u  /* context before a block, for lookbehinds */
#define REDACT_MAX_DETECTORS 256u
#define REDACT_SNIFF_LEN 4096u /* bytes looked at to call a file binary */
#define REDACT_ERRLEN 512u

/* ---- Detector catalog ------------------------------------------------ */

typedef struct redact_catalog redact_catalog;

/* Builds a catalog holding every built-in detector, compiled.
 * Returns 0 and sets *out (caller owns it), or -errno. */
int redact_catalog_new(redact_catalog **out);

/* Adds a custom detector. name: [a-z0-9_]{1,32}, not a built-in's name nor
 * one already added. pattern: a pcre2 pattern (UTF, UCP). group: NULL or ""
 * to mask the whole match, else the number or name of the capture group to
 * mask. description: may be NULL.
 * Returns the new detector's index (>= 0), or -EINVAL with a message in err
 * (no file or line in it: the caller knows where the pattern came from;
 * never any subject data), or -ENOMEM. */
int redact_catalog_add(redact_catalog *cat, const char *name, const char *pattern,
                       const char *group, const char *description, char *err,
                       size_t errlen);

/* Index of the detector called name, or -1. */
int redact_catalog_lookup(const redact_catalog *cat, const char *name);
size_t redact_catalog_size(const redact_catalog *cat);
const char *redact_detector_name(const redact_catalog *cat, size_t i);
const char *redact_detector_description(const redact_catalog *cat, size_t i);
/* An invented example value the detector masks ("" for custom ones). */
const char *redact_detector_example(const redact_catalog *cat, size_t i);
bool redact_detector_is_builtin(const redact_catalog *cat, size_t i);
void redact_catalog_free(redact_catalog *cat);

/* ---- Profile: which detectors run and what they do ------------------- */

enum redact_action {
	REDACT_ACTION_MASK = 0, /* replace every character, keep byte length */
};

/* A small value type; copy it freely. It points into its catalog, which
 * must outlive it. */
typedef struct redact_profile {
	const redact_catalog *catalog;
	uint64_t enabled[REDACT_MAX_DETECTORS / 64]; /* bit i: detector i runs */
	enum redact_action action;
} redact_profile;

/* Sets p to "no detectors, action mask" over cat. */
void redact_profile_init(redact_profile *p, const redact_catalog *cat);
void redact_profile_enable(redact_profile *p, size_t detector);
void redact_profile_enable_all(redact_profile *p);
bool redact_profile_enabled(const redact_profile *p, size_t detector);

/* ---- Binary files --------------------------------------------------- */

/* True when the first bytes of a file (up to REDACT_SNIFF_LEN of them)
 * hold a NUL byte or start with a known compressed, archive, office or
 * other binary magic. */
bool redact_looks_binary(const void *head, size_t len);

/* ---- Stream: the whole input front to back -------------------------- */

/* Receives output. Returns 0, or -errno to stop the stream. */
typedef int (*redact_sink)(void *arg, const void *buf, size_t len);

typedef struct redact_stream redact_stream;

/* Returns 0 and sets *out, or -errno. Holds on to p (copied). Memory stays
 * bounded: about 2 * REDACT_BLOCK + REDACT_REACH + REDACT_BEHIND plus the
 * largest chunk fed, whatever the total length. */
int redact_stream_new(redact_stream **out, const redact_profile *p);

/* Feeds len bytes (any len, 0 too). Output for bytes no later input can
 * change goes to sink before this returns. Returns 0 or -errno (a sink's
 * error is passed back as is). After an error the stream is unusable. */
int redact_stream_feed(redact_stream *s, const void *in, size_t len,
                       redact_sink sink, void *arg);

/* Ends the input and sends the rest of the output. Returns 0 or -errno. */
int redact_stream_finish(redact_stream *s, redact_sink sink, void *arg);
void redact_stream_free(redact_stream *s);

/* ---- Range: random access into a file ------------------------------- */

/* Reads source bytes like pread(2): returns the count read (short only at
 * end of file), or -errno. */
typedef ssize_t (*redact_reader)(void *arg, void *buf, size_t len, uint64_t off);

/* Writes the redacted bytes [off, off + len) of a file of file_size bytes
 * into out (at least len bytes) and their count into *out_len (less than
 * len only at end of file). Reads only a bounded window of the source
 * around the range. Returns 0 or -errno; on error nothing in out may be
 * used. */
int redact_range(const redact_profile *p, redact_reader read, void *arg,
                 uint64_t file_size, uint64_t off, size_t len, void *out,
                 size_t *out_len);

#endif /* REDACT_H */

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
 * CSV and TSV files (profile format) also have the content of columns whose
 * header names a personal-data field marked, by a parser whose state is
 * carried from block to block (and kept in checkpoints for range reads).
 * Where a block's subject ends before the file does, a value that could
 * run past that end fails the block (EIO): never a half-masked value.
 *
 * Mask rules (length-preserving): a valid 3-byte UTF-8 character whose
 * lead byte is marked becomes U+FF0A '＊' (also 3 bytes); any other marked
 * byte becomes '*'. Offsets and sizes of the input are therefore the
 * offsets and sizes of the output.
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
#define REDACT_REACH 2048u  /* how far a match may run past its block */
#define REDACT_BEHIND 256u  /* context before a block, for lookbehinds */
#define REDACT_MAX_DETECTORS 256u
#define REDACT_SNIFF_LEN 4096u /* bytes looked at to tell text from binary */
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
/* An invented example the detector masks ("" for custom ones), and what it
 * becomes: NULL when every character of it is masked, else the text with
 * only the value masked (for detectors that need a cue such as "出生日期"). */
const char *redact_detector_example(const redact_catalog *cat, size_t i);
const char *redact_detector_example_masked(const redact_catalog *cat, size_t i);
bool redact_detector_is_builtin(const redact_catalog *cat, size_t i);
void redact_catalog_free(redact_catalog *cat);

/* ---- Profile: which detectors run and what they do ------------------- */

enum redact_action {
	REDACT_ACTION_MASK = 0,     /* replace every character, keep byte length */
	REDACT_ACTION_PARTIAL,      /* keep a head and a tail, mask the rest */
	REDACT_ACTION_PSEUDONYMIZE, /* a keyed, deterministic token of the same shape
	                             * and byte length (needs a key) */
	REDACT_ACTION_REPLACE,      /* a label such as [EMAIL]: changes the length */
	REDACT_ACTION_REMOVE,       /* deletes the value: changes the length */
	REDACT_ACTION_COUNT
};
#define REDACT_KEY_LEN 32u /* bytes of a pseudonymization key */

/* How a file is laid out. CSV and TSV files get their columns redacted by
 * header (see "Field names" below); everything else is text. */
enum redact_format {
	REDACT_FORMAT_TEXT = 0,
	REDACT_FORMAT_CSV, /* comma-separated, RFC 4180 quoting */
	REDACT_FORMAT_TSV, /* tab-separated, no quoting */
};

/* The format a file's name suggests: .csv → CSV, .tsv/.tab → TSV, else text. */
enum redact_format redact_format_for_name(const char *name);

/* ---- Field names ---------------------------------------------------- */

/* A list of field names whose values are personal data whatever they hold
 * (name, 手机, email, 身份证号, ...). The built-in detector "field" masks
 * their values: CSV/TSV columns by header, JSON keys (nested values too),
 * and key=value / key: value pairs. Names match case-insensitively, and
 * '_', '-' and ' ' in a name match each other. Immutable once built. */
typedef struct redact_fields redact_fields;

/* Builds the default list plus extra[0..n). A name is 1 to 64 bytes of
 * UTF-8 without control characters, '\\', '"', '=', ':' or ','.
 * Returns 0 and sets *out, or -EINVAL with a message naming the bad entry
 * in err, or -ENOMEM. */
int redact_fields_new(redact_fields **out, const char *const *extra, size_t n, char *err,
                      size_t errlen);
void redact_fields_free(redact_fields *f);
/* The built-in default names, NULL-terminated. */
extern const char *const redact_default_fields[];

/* A small value type; copy it freely. It points into its catalog (and
 * fields), which must outlive it. */
typedef struct redact_profile {
	const redact_catalog *catalog;
	const redact_fields *fields; /* NULL: the default field names */
	uint64_t enabled[REDACT_MAX_DETECTORS / 64]; /* bit i: detector i runs */
	enum redact_action action; /* for detectors without their own */
	enum redact_format format;
	/* Per detector: 0 = use action, else an enum redact_action + 1. */
	uint8_t detector_action[REDACT_MAX_DETECTORS];
	/* partial: characters kept at the start and end of a value; -1 = the
	 * detector's documented default (see redact_partial_defaults). */
	int16_t keep_head, keep_tail;
	/* pseudonymize: REDACT_KEY_LEN bytes owned by the caller (the policy),
	 * or NULL, in which case pseudonymize masks instead (fail closed). */
	const uint8_t *key;
	/* replace: the label per detector (NULL, or a NULL entry: "[NAME]" with
	 * the detector's name in capitals). Owned by the caller. */
	const char *const *labels;
	/* Run every detector from every position instead of only where the
	 * prefilter says a match can start. The output is the same either
	 * way; tests compare the two. */
	bool full_scan;
} redact_profile;

/* Whether some enabled detector's action changes the length of the output
 * (replace, remove). Such output is not served by redact_range*: use
 * redact_sizes and redact_range_sized. */
bool redact_profile_changes_length(const redact_profile *p);

/* The action detector i gets under p. */
enum redact_action redact_profile_action(const redact_profile *p, size_t detector);

/* Sets p to "no detectors, action mask" over cat. */
void redact_profile_init(redact_profile *p, const redact_catalog *cat);
void redact_profile_enable(redact_profile *p, size_t detector);
void redact_profile_enable_all(redact_profile *p);
bool redact_profile_enabled(const redact_profile *p, size_t detector);

/* ---- Binary files --------------------------------------------------- */

/* True when the first bytes of a file (up to REDACT_SNIFF_LEN of them) are
 * not text: a known compressed, archive, office or other binary magic, a
 * NUL byte, or bytes that are neither UTF-8 (with few control bytes), nor
 * UTF-16/32 behind a byte-order mark they bear out, nor GB18030, Big5 or
 * windows-1252 text as uchardet names it under the engine's checks. A
 * file being written is judged by what exists of it. */
bool redact_looks_binary(const void *head, size_t len);

/* What the engine makes of a file with these first bytes, in words for
 * people: "text, UTF-8", "text, UTF-16LE (byte-order mark checked)",
 * "gzip data", ... (a static string). */
const char *redact_content_kind(const void *head, size_t len);

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
 * around the range (for text; a CSV/TSV file also needs its state at the
 * window: see redact_range_indexed). Returns 0 or -errno; on error nothing
 * in out may be used. */
int redact_range(const redact_profile *p, redact_reader read, void *arg,
                 uint64_t file_size, uint64_t off, size_t len, void *out,
                 size_t *out_len);

/* Checkpoints of one version of one file: the CSV/TSV header and the
 * parser's state every REDACT_CHECKPOINT_BLOCKS blocks, filled in lazily as
 * reads go deeper (like keyframes in a video). Thread-safe. Size: a few
 * bytes per checkpoint, ~200 KiB for a 1 GiB file. The caller must drop it
 * when the file's content may have changed (size, mtime or ctime differ). */
#define REDACT_CHECKPOINT_BLOCKS 8u
#define REDACT_CHECKPOINT_MAX 16384u /* then every other one goes (csv_index.c) */
typedef struct redact_index redact_index;
int redact_index_new(redact_index **out);
void redact_index_free(redact_index *ix);

/* redact_range with checkpoints kept in ix between calls, so a read deep
 * in a CSV file parses at most REDACT_CHECKPOINT_BLOCKS blocks before its
 * window once the checkpoints reach it. ix may be NULL (a throwaway index:
 * correct, but a CSV read then parses the file from its start). */
int redact_range_indexed(const redact_profile *p, redact_index *ix, redact_reader read,
                         void *arg, uint64_t file_size, uint64_t off, size_t len,
                         void *out, size_t *out_len);

/* ---- Length-changing output ---------------------------------------- */

/* The output length of every block of one version of one file (built by
 * running the stream over the whole file once: its cost is one full scan,
 * 2 bytes per 8 KiB block of memory). */
typedef struct redact_sizes redact_sizes;
int redact_sizes_build(redact_sizes **out, const redact_profile *p, redact_reader read,
                       void *arg, uint64_t file_size);
/* The length of the whole redacted output (st_size for such a file). */
uint64_t redact_sizes_total(const redact_sizes *z);
void redact_sizes_free(redact_sizes *z);

/* The output bytes [off, off + len) — offsets in the OUTPUT — of a file
 * whose block sizes z gives. Returns 0 or -errno. */
int redact_range_sized(const redact_profile *p, redact_index *ix, const redact_sizes *z,
                       redact_reader read, void *arg, uint64_t file_size, uint64_t off,
                       size_t len, void *out, size_t *out_len);

/* ---- Tally: how many values were redacted ------------------------------ */

/* Counts of values per detector in the parts of one file that reads have
 * covered, each block counted once however often it is read (for the
 * mount's audit close records and its status view). A block counts once
 * it has been scanned without error; a scan that fails counts nothing, so
 * a later read that scans it counts it. Thread-safe for concurrent reads. */
typedef struct redact_tally redact_tally;

/* For a file of about file_size bytes (blocks past it are not counted).
 * Returns 0 and sets *out, or -ENOMEM. */
int redact_tally_new(redact_tally **out, uint64_t file_size);
void redact_tally_free(redact_tally *t);
uint64_t redact_tally_count(const redact_tally *t, size_t detector);

/* redact_range_indexed that also counts, in t (may be NULL), the values
 * found in the blocks holding the requested bytes (each block that was
 * scanned without error, once per tally). */
int redact_range_tallied(const redact_profile *p, redact_index *ix, redact_tally *t,
                         redact_reader read, void *arg, uint64_t file_size, uint64_t off,
                         size_t len, void *out, size_t *out_len);

/* ---- Workspace: buffers kept from one range call to the next ------- */

/* A range call allocates its window's buffers and match state and frees
 * them at the end; a caller that reads often (the mount) keeps them in a
 * workspace instead: fresh memory costs a page fault per page. A
 * workspace serves one call at a time, under any profile and catalog. Its
 * size follows the largest window read (about 3 bytes per byte read, plus
 * ~100 KiB). */
typedef struct redact_workspace redact_workspace;
int redact_workspace_new(redact_workspace **out);
void redact_workspace_free(redact_workspace *w);

/* Lets a long read (8 blocks or more) of a masking profile through w scan
 * its blocks on two threads. For a lone reader (the `redact` filter); a
 * server with several readers already keeps the cores busy, and a second
 * thread per read only adds switching. Off by default. */
void redact_workspace_use_two_threads(redact_workspace *w, bool on);

/* redact_range_tallied and redact_range_sized with w's buffers (w may be
 * NULL: a throwaway workspace). */
int redact_range_tallied_ws(const redact_profile *p, redact_index *ix, redact_tally *t,
                            redact_reader read, void *arg, uint64_t file_size, uint64_t off,
                            size_t len, void *out, size_t *out_len, redact_workspace *w);
int redact_range_sized_ws(const redact_profile *p, redact_index *ix, const redact_sizes *z,
                          redact_reader read, void *arg, uint64_t file_size, uint64_t off,
                          size_t len, void *out, size_t *out_len, redact_workspace *w);

#endif /* REDACT_H */

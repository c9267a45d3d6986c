/*
 * redact.h — the redaction engine: bytes in, redacted bytes out.
 *
 * This is the only public header of redact/. The engine knows nothing of
 * FUSE or INI files: it compiles detectors (pcre2 with JIT, each with an
 * optional validator), and turns bytes into redacted bytes, either as a
 * stream fed in chunks of any size or as ranges of a file (redact_file).
 *
 * The one definition of the output (the invariant this library keeps):
 *   The file is cut into blocks of REDACT_BLOCK bytes at absolute offsets.
 *   For block k every detector is matched from every start position inside
 *   [k*B, (k+1)*B) against the subject [k*B - REDACT_BEHIND, (k+1)*B +
 *   REDACT_REACH) clipped to the file; every validated match marks its bytes.
 *   A marked byte is masked (see the mask rules below). Because the
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
 * offsets and sizes of the output (the actions replace and remove aside).
 *
 * Errors are returned as negative errno values (-ENOMEM, -EIO for a
 * detector that failed to run, -EINVAL for bad arguments); nothing here
 * prints. Thread safety: a catalog and a profile are immutable once built
 * and may be shared by any number of threads; a stream and a workspace
 * belong to one at a time; a redact_file serves any number at once.
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
/* The detector whose settings detector i follows when it is a second
 * pattern of a built-in (name_prose: "name"), else NULL. A policy names
 * only the first: redact_catalog_lookup does not find the second. */
const char *redact_detector_part_of(const redact_catalog *cat, size_t i);
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
 * header (see "Field names" below); in source code a field's value counts
 * only when it is a literal (code_field.c); everything else is text. */
enum redact_format {
	REDACT_FORMAT_TEXT = 0,
	REDACT_FORMAT_CSV,  /* comma-separated, RFC 4180 quoting */
	REDACT_FORMAT_TSV,  /* tab-separated, no quoting */
	REDACT_FORMAT_CODE, /* source code: .py, .c, .h, .js, .go, ... */
	REDACT_FORMAT_SQL,  /* SQL: INSERT column lists, COPY ... FROM stdin rows */
};

/* The format a file's name suggests: .csv → CSV, .tsv/.tab → TSV, a
 * source-code suffix (.py, .c, .h, .js, .ts, .go, .rs, .java, .sh ...) →
 * code, .sql → SQL, else text. */
enum redact_format redact_format_for_name(const char *name);
/* The format a file has once its first bytes are known: text that starts
 * with "#!" (a script without a suffix) is code; else format itself. */
enum redact_format redact_format_for_head(enum redact_format format, const uint8_t *head,
                                          size_t len);

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
	 * detector's documented default (actions.c, partial_defaults). */
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
 * (replace, remove): then the output's length takes a pass over the file
 * (redact_file_size). */
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

/* ---- Names of files and directories --------------------------------- */

#define REDACT_NAME_MAX 255 /* bytes of a name a directory can hold */

/* What a directory entry's name shows under p (filename.c): scanned as
 * text with p's detectors and actions, '_' separating values, a segment
 * that is a person's name alone (张伟, john.smith) taken for a name, the
 * extension (redact_filename_ext) and every part no detector found kept.
 * out gets at most REDACT_NAME_MAX bytes and a NUL; never "", "." or "..",
 * never a '/'. Returns 0, or -errno when the engine fails (the caller
 * must then not show the name). */
int redact_filename(const redact_profile *p, const char *name, size_t len, char *out,
                    size_t *outlen);
/* The length of name's extension with its dot (".pdf": 4): one to ten
 * ASCII letters and digits, one a letter, after the last dot, with a stem
 * before it; 0 when there is none. */
size_t redact_filename_ext(const char *name, size_t len);

/* Reads source bytes like pread(2): returns the count read (short only at
 * end of file), or -errno. */
typedef ssize_t (*redact_reader)(void *arg, void *buf, size_t len, uint64_t off);

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

/* ---- Workspace: buffers kept from one read to the next ---------------- */

/* A read allocates its window's buffers and match state and frees them at
 * the end; a caller that reads often (the mount) keeps them in a workspace
 * instead: fresh memory costs a page fault per page. A workspace serves one
 * read at a time, under any profile and catalog. Its size follows the
 * largest window read (about 3 bytes per byte read, plus ~100 KiB). */
typedef struct redact_workspace redact_workspace;
int redact_workspace_new(redact_workspace **out);
void redact_workspace_free(redact_workspace *w);

/* Lets a long read (8 blocks or more) of a masking profile of a UTF-8
 * file through w scan its blocks on two threads. For a lone reader (the
 * `redact` filter); a server with several readers already keeps the cores
 * busy, and a second thread per read only adds switching. Off by default. */
void redact_workspace_use_two_threads(redact_workspace *w, bool on);

/* ---- File: random access into one file --------------------------------- */

/* What tells one version of a file from another (from fstat): when any of
 * it changes, what a redact_file learned of the file is dropped. */
struct redact_version {
	uint64_t size;
	int64_t mtime_sec, mtime_nsec;
	int64_t ctime_sec, ctime_nsec;
};

/* One file, read by ranges under one profile. It keeps, for the version
 * its last read saw, what reads of that version share and no read should
 * compute twice: the encoding decided from the file's first bytes, the
 * CSV/TSV parser's checkpoints (the header and the parser's state every
 * REDACT_CHECKPOINT_BLOCKS blocks, filled in as reads go deeper: a deep
 * read parses at most that many blocks before its window), and for a
 * profile that replaces or removes values the output length of every
 * block (one pass over the file, 2 bytes per 8 KiB block). A read under
 * another version drops all of it first. Thread-safe: any number of reads
 * may run at once. */
#define REDACT_CHECKPOINT_BLOCKS 8u
#define REDACT_CHECKPOINT_MAX 16384u /* then every other one goes (csv_index.c) */
typedef struct redact_file redact_file;

/* A file read through read(arg), under p (copied; what it points to, and
 * arg, must outlive the file). Reads nothing yet. Returns 0 and sets *out,
 * or -ENOMEM. */
int redact_file_new(redact_file **out, const redact_profile *p, redact_reader read, void *arg);
void redact_file_free(redact_file *f);

/* Counts each sizes pass f makes (one per version whose length is asked
 * for, when the profile replaces or removes values) in *counter, which must
 * outlive f; NULL: not counted. */
void redact_file_count_passes(redact_file *f, _Atomic unsigned long long *counter);

/* The length of version v's redacted output into *size: v->size, unless the
 * profile replaces or removes values (then one pass over the file, kept
 * for v). Returns 0 or -errno. */
int redact_file_size(redact_file *f, const struct redact_version *v, uint64_t *size);

/* Writes the bytes [off, off + len) of version v's redacted output (output
 * offsets, which are the file's unless values are replaced or removed) into
 * out (at least len bytes) and their count into *out_len (less than len
 * only at the output's end). Exactly the bytes the stream gives for the
 * whole file (see the top of this header); reads only a bounded window of
 * the file around the range. A file shorter than v->size now (it shrank
 * while read) is served as it is now. w: a workspace (NULL: a throwaway
 * one); t: counts the values in the blocks holding the range (NULL: none).
 * Returns 0 or -errno; on error nothing in out may be used. */
int redact_file_read(redact_file *f, const struct redact_version *v, uint64_t off, size_t len,
                     void *out, size_t *out_len, redact_workspace *w, redact_tally *t);

/* The whole redacted output of version v, front to back, to sink in pieces
 * of at most REDACT_WRITE_CHUNK bytes, the cheapest way: by ranges (w's
 * two threads when it has them), or, when values are replaced or removed
 * (ranges would need the output's sizes first, a second pass), as one
 * stream of the file to its end. The same bytes either way. Returns 0 or
 * -errno (a sink's error as it came). */
#define REDACT_WRITE_CHUNK (1u << 20)
int redact_file_write_all(redact_file *f, const struct redact_version *v, redact_sink sink,
                          void *arg, redact_workspace *w);

#endif /* REDACT_H */

/*
 * cli_i.h — private to cli/: the pieces of the `redact` filter.
 *
 * redact_main.c parses options and walks the inputs; filter.c serves one
 * input under its policy view; output.c buffers standard output;
 * progress.c draws the progress bar on standard error. Invariant shared by
 * all of them: nothing from an input reaches standard output unless the
 * policy says so (allow, binary = allow) or it went through the engine,
 * and no message (nor the progress bar) ever holds input content.
 */
#ifndef CLI_I_H
#define CLI_I_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "policy.h"

/* Exit statuses of `redact` (documented in --help). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_USAGE = 1,  /* bad command line or bad policy */
	CLI_EXIT_DENIED = 2, /* a path in deny or hide mode */
	CLI_EXIT_BINARY = 3, /* a binary file under binary = deny */
	CLI_EXIT_IO = 4,     /* read, write or engine error */
};

#define CLI_READ_CHUNK (64u * 1024u)   /* bytes read from an input at once */
#define CLI_FILE_MIN (1024u * 1024u)   /* a regular file this large goes through a redact_file */
#define CLI_OUT_BUF (256u * 1024u)     /* bytes gathered before a write(2) */

/* ---- output.c: buffered writes to a file descriptor ------------------ */

struct cli_progress;

struct cli_out {
	int fd;
	int err;    /* the first write error (-errno), or 0 */
	struct cli_progress *bar; /* a bar on the same terminal, or NULL */
	bool line_start; /* what was written ends a line (or nothing was) */
	size_t len;
	unsigned char buf[CLI_OUT_BUF];
};

/* Appends len bytes, writing full buffers out. With a bar on the same
 * terminal (o->bar), the bar is erased before each write, and a full
 * buffer is written up to its last line end only, so that the bar is drawn
 * again at a line start (o->line_start). Returns 0 or -errno (-EPIPE when
 * the reader went away). */
int cli_out_write(struct cli_out *o, const void *p, size_t len);
/* Writes out what is buffered. Returns 0 or -errno. */
int cli_out_flush(struct cli_out *o);
/* A redact_sink over a struct cli_out. */
int cli_out_sink(void *arg, const void *buf, size_t len);

/* ---- progress.c: the progress bar on standard error ------------------ */

/* Inputs shorter than this get no progress bar ("a few MB"). */
#define CLI_PROGRESS_MIN (4u * 1024u * 1024u)

struct cli_progress {
	int fd;             /* where to draw (standard error), -1: nowhere */
	uint64_t total;     /* bytes the input holds, 0: unknown (a pipe) */
	uint64_t done;      /* bytes read so far */
	long long start_ns, next_ns; /* CLOCK_MONOTONIC: start, next redraw */
	size_t drawn;       /* width of what is on the line now, 0: nothing */
	size_t columns;     /* the terminal's width, 0: unknown */
	const bool *may_draw; /* NULL, or drawn only while it is true (the
	                       * output on the same terminal is at a line start) */
};

/* Starts a bar for one input on fd (-1: none) of total bytes (0: not
 * known). Draws nothing yet. */
void cli_progress_start(struct cli_progress *p, int fd, uint64_t total);
/* n more bytes of the input were read; redraws when due. */
void cli_progress_add(struct cli_progress *p, uint64_t n);
/* Erases the bar if it is drawn; it is drawn again when due. */
void cli_progress_clear(struct cli_progress *p);
/* Erases the bar (before any message, and when the input is done). */
void cli_progress_end(struct cli_progress *p);

/* ---- filter.c: one input --------------------------------------------- */

/* Serves the input open on fd (named display in messages) under view to
 * o: raw for allow, through the engine for redact (after the binary check
 * on its first REDACT_SNIFF_LEN bytes). view->mode must be redact or allow
 * (deny and hide are refused by the caller before opening the input).
 * With progress_fd >= 0, a long input shows a progress bar there
 * (progress.c). Prints its own message on failure. Returns an enum
 * cli_exit status. */
int cli_filter(const struct policy_view *view, const char *display, int fd,
               struct cli_out *o, int progress_fd);

/* The policy path for a file name: "/" + name with empty and "." segments
 * dropped. Returns 0, or -1 when name has a ".." segment or does not fit
 * in size bytes. */
int cli_policy_path(const char *name, char *buf, size_t size);

#endif /* CLI_I_H */

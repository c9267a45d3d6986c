/*
 * filter.c — one input of `redact`, served under its policy view.
 *
 * allow: copied raw. redact: the first REDACT_SNIFF_LEN bytes are read and
 * held back (nothing is written before the decision, policy_serving's); a
 * binary input is then refused (binary = deny), copied raw (allow) or
 * redacted (scan), and a text input goes through the engine: a large
 * regular file by ranges of a redact_file, anything else as a stream.
 * Invariant: output is either raw bytes the policy allows or the engine's
 * output for the whole input — the one definition of redacted content; on
 * an engine error the stream stops and the exit status is CLI_EXIT_IO.
 * Messages name the input, never its bytes. Every read of the input is
 * counted for the progress bar (progress.c), which is erased before any
 * message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_i.h"

static ssize_t read_some(int fd, void *buf, size_t len)
{
	for (;;) {
		ssize_t r = read(fd, buf, len);
		if (r >= 0 || errno != EINTR)
			return r < 0 ? -errno : r;
	}
}

/* Reads until len bytes or end of input. Returns the count or -errno. */
static ssize_t read_full(int fd, unsigned char *buf, size_t len)
{
	size_t n = 0;
	while (n < len) {
		ssize_t r = read_some(fd, buf + n, len - n);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

static int io_error(struct cli_progress *bar, const char *display, const char *what, int err)
{
	cli_progress_end(bar);
	if (err == -EPIPE)
		return CLI_EXIT_IO; /* the reader went away: nothing to tell it */
	fprintf(stderr, "redact: %s: %s: %s\n", display, what, strerror(-err));
	return CLI_EXIT_IO;
}

/* Copies head, then the rest of fd, raw. */
static int copy_raw(const char *display, int fd, const unsigned char *head, size_t n,
                    unsigned char *chunk, struct cli_out *o, struct cli_progress *bar)
{
	int r = cli_out_write(o, head, n);
	cli_progress_add(bar, n);
	for (;;) {
		if (r < 0)
			return io_error(bar, display, "write error", r);
		ssize_t got = read_some(fd, chunk, CLI_READ_CHUNK);
		if (got < 0)
			return io_error(bar, display, "cannot read", (int)got);
		if (got == 0)
			break;
		cli_progress_add(bar, (uint64_t)got);
		r = cli_out_write(o, chunk, (size_t)got);
	}
	return CLI_EXIT_OK;
}

/* A redact_reader over a file descriptor (pread). */
static ssize_t fd_reader(void *arg, void *buf, size_t len, uint64_t off)
{
	int fd = *(const int *)arg;
	for (;;) {
		ssize_t r = pread(fd, buf, len, (off_t)off);
		if (r >= 0 || errno != EINTR)
			return r < 0 ? -errno : r;
	}
}

/* Where the output of a redact_file goes: the output, and the progress bar. */
struct to_output {
	struct cli_out *o;
	struct cli_progress *bar;
};

static int to_output_sink(void *arg, const void *buf, size_t len)
{
	struct to_output *to = arg;
	int rc = cli_out_sink(to->o, buf, len);
	cli_progress_add(to->bar, len);
	return rc;
}

/* A regular file read from its start, through a redact_file (the engine
 * picks the cheapest way: ranges on two threads, or one stream where
 * values change length). The bytes are the stream's (every read of a
 * redact_file is: redact.h). Returns an enum cli_exit, or -1 when the
 * engine cannot start this way (the caller streams). */
static int redact_file_all(const struct policy_view *view, const char *display, int fd,
                           const struct stat *st, struct cli_out *o, struct cli_progress *bar)
{
	redact_workspace *w = NULL;
	redact_file *f = NULL;
	if (redact_workspace_new(&w) < 0 || redact_file_new(&f, &view->profile, fd_reader, &fd) < 0) {
		redact_workspace_free(w);
		return -1;
	}
	redact_workspace_use_two_threads(w, true);
	const struct redact_version v = {
		.size = (uint64_t)st->st_size,
		.mtime_sec = st->st_mtim.tv_sec, .mtime_nsec = st->st_mtim.tv_nsec,
		.ctime_sec = st->st_ctim.tv_sec, .ctime_nsec = st->st_ctim.tv_nsec,
	};
	struct to_output to = { .o = o, .bar = bar };
	int r = redact_file_write_all(f, &v, to_output_sink, &to, w);
	redact_workspace_free(w);
	redact_file_free(f);
	if (r < 0)
		return io_error(bar, display, o->err ? "write error" : "redaction failed", r);
	return CLI_EXIT_OK;
}

/* Streams head, then the rest of fd, through the engine. */
static int redact_all(const struct policy_view *view, const char *display, int fd,
                      const unsigned char *head, size_t n, unsigned char *chunk,
                      struct cli_out *o, struct cli_progress *bar)
{
	redact_stream *s;
	int r = redact_stream_new(&s, &view->profile);
	if (r < 0)
		return io_error(bar, display, "cannot start redaction", r);
	r = redact_stream_feed(s, head, n, cli_out_sink, o);
	cli_progress_add(bar, n);
	while (r == 0) {
		ssize_t got = read_some(fd, chunk, CLI_READ_CHUNK);
		if (got < 0) {
			redact_stream_free(s);
			return io_error(bar, display, "cannot read", (int)got);
		}
		if (got == 0) {
			r = redact_stream_finish(s, cli_out_sink, o);
			break;
		}
		cli_progress_add(bar, (uint64_t)got);
		r = redact_stream_feed(s, chunk, (size_t)got, cli_out_sink, o);
	}
	redact_stream_free(s);
	if (r < 0)
		return io_error(bar, display, o->err ? "write error" : "redaction failed", r);
	return CLI_EXIT_OK;
}

/* The bytes left in fd from where it is, when it is a regular file; 0 when
 * not known (a pipe, a terminal, a device). */
static uint64_t input_size(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	off_t pos = lseek(fd, 0, SEEK_CUR);
	return pos >= 0 && pos < st.st_size ? (uint64_t)(st.st_size - pos) : 0;
}

int cli_filter(const struct policy_view *view, const char *display, int fd,
               struct cli_out *o, int progress_fd)
{
	unsigned char head[REDACT_SNIFF_LEN];
	struct cli_progress bar;
	cli_progress_start(&bar, progress_fd, progress_fd >= 0 ? input_size(fd) : 0);
	if (progress_fd >= 0 && isatty(o->fd)) {
		/* The output goes to a terminal too: the bar waits for line
		 * starts and is erased before each write (output.c). */
		o->bar = &bar;
		bar.may_draw = &o->line_start;
	}
	unsigned char *chunk = malloc(CLI_READ_CHUNK);
	if (!chunk)
		return io_error(&bar, display, "cannot read", -ENOMEM);
	int rc;
	enum policy_serving how = policy_serving(view, NULL, 0, NULL);
	ssize_t n = 0;
	if (how == POLICY_SERVE_REDACTED) {
		/* the first bytes decide (policy_serving); nothing is written
		 * before */
		n = read_full(fd, head, sizeof head);
		if (n >= 0)
			how = policy_serving(view, head, (size_t)n, NULL);
	}
	struct stat st;
	if (n < 0) {
		rc = io_error(&bar, display, "cannot read", (int)n);
	} else if (how == POLICY_SERVE_RAW) {
		rc = copy_raw(display, fd, head, (size_t)n, chunk, o, &bar);
	} else if (how == POLICY_SERVE_DENIED && view->mode == POLICY_MODE_REDACT) {
		fprintf(stderr, "redact: %s: binary file denied by policy (binary = deny)\n",
		        display);
		rc = CLI_EXIT_BINARY;
	} else if (how != POLICY_SERVE_REDACTED) {
		/* deny and hide are refused before the input is opened */
		fprintf(stderr, "redact: %s: denied by policy\n", display);
		rc = CLI_EXIT_DENIED;
	} else {
		/* A large regular file read from its start goes by ranges (two
		 * threads); anything else is streamed. */
		rc = -1;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (uint64_t)st.st_size >= CLI_FILE_MIN && lseek(fd, 0, SEEK_CUR) == (off_t)n)
			rc = redact_file_all(view, display, fd, &st, o, &bar);
		if (rc < 0)
			rc = redact_all(view, display, fd, head, (size_t)n, chunk, o, &bar);
	}
	free(chunk);
	cli_progress_end(&bar);
	o->bar = NULL;
	return rc;
}

int cli_policy_path(const char *name, char *buf, size_t size)
{
	size_t n = 0;
	const char *p = name;
	while (*p) {
		while (*p == '/')
			p++;
		const char *seg = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - seg);
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.')
			return -1;
		if (n + 1 + len + 1 > size)
			return -1;
		buf[n++] = '/';
		memcpy(buf + n, seg, len);
		n += len;
	}
	if (n == 0) {
		if (size < 2)
			return -1;
		buf[n++] = '/';
	}
	buf[n] = '\0';
	return 0;
}

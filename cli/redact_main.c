/*
 * redact_main.c — `redact`: the redactfs engine as a filter to standard
 * output, plus policy checking (--check), explaining (--explain) and the
 * detector list (--list-detectors).
 *
 * Order of work: parse options, load and validate the policy (or take the
 * built-in one), then serve each input in turn. For each input the policy
 * view is resolved before the input is opened, so a denied or hidden path
 * is never read. redact stops at the first input it cannot serve (fail
 * closed) and exits with that input's status (enum cli_exit).
 *
 * A progress bar (progress.c) is drawn on standard error only when
 * standard error is a terminal, unless --no-progress. When standard
 * output is a terminal too, the bar stays below the output (output.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_i.h"

#define STDIN_NAME "(standard input)"
#define POLICY_PATH_MAX 4096u

enum cli_cmd { CMD_FILTER, CMD_CHECK, CMD_EXPLAIN, CMD_LIST };

enum { OPT_PATH = 256, OPT_CHECK, OPT_EXPLAIN, OPT_LIST, OPT_FULL_SCAN, OPT_NO_PROGRESS };

static const struct option long_opts[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "path", required_argument, NULL, OPT_PATH },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "list-detectors", no_argument, NULL, OPT_LIST },
	{ "no-prefilter", no_argument, NULL, OPT_FULL_SCAN },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void help(void)
{
	printf("Usage: redact [-p POLICY] [--path REL] [--no-progress] [FILE...]\n"
	       "       redact --check -p POLICY\n"
	       "       redact --explain [-p POLICY] REL [FILE]\n"
	       "       redact --list-detectors [-p POLICY]\n"
	       "\n"
	       "Writes each FILE (standard input when none is given, or for '-') to\n"
	       "standard output as redactfs would serve it: redacted, raw, or refused,\n"
	       "as the policy says for the file's path.\n"
	       "\n"
	       "  -p, --policy FILE   the INI policy (default: the built-in one: every\n"
	       "                      built-in detector, action mask, binary = deny)\n"
	       "      --path REL      the path (from the mount root) whose policy applies\n"
	       "                      to every input; default: each FILE's own name with\n"
	       "                      a leading '/'; standard input without --path gets\n"
	       "                      the settings of a path no [path:] section matches\n"
	       "      --check         validate the policy and exit\n"
	       "      --explain       print the effective settings for REL and the\n"
	       "                      policy lines that gave them; with FILE, also what\n"
	       "                      its first bytes make it (text in which encoding,\n"
	       "                      or binary) and how it would be served\n"
	       "      --list-detectors  print each detector: name, description, example\n"
	       "      --no-prefilter  try every detector at every position (slow; the\n"
	       "                      output is the same: for testing the prefilter)\n"
	       "      --no-progress   never draw the progress bar. Without it, an input\n"
	       "                      of 4 MiB or more (a regular file of that size, or\n"
	       "                      a pipe once 4 MiB have been read) shows one on\n"
	       "                      standard error when standard error is a terminal\n"
	       "                      (below the output when that goes to a terminal\n"
	       "                      too); it is erased at the end and never changes\n"
	       "                      the output\n"
	       "  -h, --help          print this help and exit\n"
	       "  -V, --version       print the version and exit\n"
	       "\n"
	       "redact stops at the first input it cannot serve. Exit status:\n"
	       "  0  every input served\n"
	       "  1  bad command line or bad policy (\"FILE:LINE: what is wrong\")\n"
	       "  2  an input's path is in deny or hide mode (nothing printed for it)\n"
	       "  3  a binary input under binary = deny (nothing printed for it)\n"
	       "  4  read, write or redaction error\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "redact: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'redact --help' for more information.\n");
	return CLI_EXIT_USAGE;
}

static int set_cmd(enum cli_cmd *cmd, enum cli_cmd want, const char *opt)
{
	if (*cmd != CMD_FILTER && *cmd != want)
		return usage_error("%s cannot be combined with --check, --explain or "
		                   "--list-detectors", opt);
	*cmd = want;
	return 0;
}

static int list_detectors(const policy *pol)
{
	const redact_catalog *cat = policy_catalog(pol);
	size_t n = redact_catalog_size(cat);
	int wname = 0, wdesc = 0;
	for (size_t i = 0; i < n; i++) {
		int a = (int)strlen(redact_detector_name(cat, i));
		int b = (int)strlen(redact_detector_description(cat, i));
		wname = a > wname ? a : wname;
		wdesc = b > wdesc ? b : wdesc;
	}
	for (size_t i = 0; i < n; i++) {
		const char *ex = redact_detector_example(cat, i);
		printf("%-*s  %-*s  %s\n", wname, redact_detector_name(cat, i), wdesc,
		       redact_detector_description(cat, i),
		       ex && ex[0] ? ex : "(custom: no example)");
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK : CLI_EXIT_IO;
}

static int explain(const policy *pol, const char *rel, const char *file)
{
	char path[POLICY_PATH_MAX];
	if (cli_policy_path(rel, path, sizeof path) < 0)
		return usage_error("%s: a path with '..' (or too long) cannot be explained", rel);
	int r = policy_explain(pol, path, stdout);
	if (r < 0) {
		fprintf(stderr, "redact: --explain: %s\n", strerror(-r));
		return CLI_EXIT_IO;
	}
	if (!file)
		return CLI_EXIT_OK;
	/* What the engine makes of FILE, from the bytes it decides by. */
	unsigned char head[REDACT_SNIFF_LEN];
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n = fd < 0 ? -1 : 0;
	while (fd >= 0 && (size_t)n < sizeof head) { /* as the engine reads it: all of it */
		ssize_t got = read(fd, head + n, sizeof head - (size_t)n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got < 0)
				n = -1;
			break;
		}
		n += got;
	}
	int saved = errno;
	if (fd >= 0)
		close(fd);
	if (n < 0) {
		fprintf(stderr, "redact: %s: cannot read: %s\n", file, strerror(saved));
		return CLI_EXIT_IO;
	}
	struct policy_view view;
	bool binary;
	policy_resolve(pol, path, &view);
	enum policy_serving how = policy_serving(&view, head, (size_t)n, &binary);
	printf("content:   %s  (from the first %zd bytes of %s)\n",
	       redact_content_kind(head, (size_t)n), n, file);
	printf("served:    %s\n", policy_serving_says(&view, how, binary));
	return fflush(stdout) == 0 && !ferror(stdout) ? CLI_EXIT_OK : CLI_EXIT_IO;
}

/* Serves one input: "-" is standard input. */
static int serve(const policy *pol, const char *name, const char *path_opt, bool full_scan,
                 struct cli_out *o, int progress_fd)
{
	bool is_stdin = strcmp(name, "-") == 0;
	const char *display = is_stdin ? STDIN_NAME : name;
	char path[POLICY_PATH_MAX];
	const char *ppath = NULL;
	if (path_opt) {
		ppath = path_opt; /* checked by main */
	} else if (!is_stdin) {
		if (cli_policy_path(name, path, sizeof path) < 0) {
			fprintf(stderr, "redact: %s: cannot use this name as a policy path (it has "
			        "'..' or is too long); give --path\n", name);
			return CLI_EXIT_USAGE;
		}
		ppath = path;
	}
	struct policy_view view;
	policy_resolve(pol, ppath, &view);
	view.profile.full_scan = full_scan;
	if (view.mode == POLICY_MODE_DENY || view.mode == POLICY_MODE_HIDE) {
		fprintf(stderr, "redact: %s: %s by policy\n", display,
		        view.mode == POLICY_MODE_DENY ? "denied" : "hidden");
		return CLI_EXIT_DENIED;
	}
	int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "redact: %s: cannot open: %s\n", display, strerror(errno));
		return CLI_EXIT_IO;
	}
	int rc = cli_filter(&view, display, fd, o, progress_fd);
	if (!is_stdin)
		close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	const char *policy_file = NULL, *path_opt = NULL;
	enum cli_cmd cmd = CMD_FILTER;
	bool full_scan = false, no_progress = false;
	int c;
	while ((c = getopt_long(argc, argv, "p:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			policy_file = optarg;
			break;
		case OPT_PATH:
			path_opt = optarg;
			break;
		case OPT_CHECK:
			if (set_cmd(&cmd, CMD_CHECK, "--check"))
				return CLI_EXIT_USAGE;
			break;
		case OPT_EXPLAIN:
			if (set_cmd(&cmd, CMD_EXPLAIN, "--explain"))
				return CLI_EXIT_USAGE;
			break;
		case OPT_FULL_SCAN:
			full_scan = true;
			break;
		case OPT_NO_PROGRESS:
			no_progress = true;
			break;
		case OPT_LIST:
			if (set_cmd(&cmd, CMD_LIST, "--list-detectors"))
				return CLI_EXIT_USAGE;
			break;
		case 'h':
			help();
			return CLI_EXIT_OK;
		case 'V':
			printf("redact (redactfs) %s\n", REDACTFS_VERSION);
			return CLI_EXIT_OK;
		default:
			fprintf(stderr, "Try 'redact --help' for more information.\n");
			return CLI_EXIT_USAGE;
		}
	}
	int nargs = argc - optind;
	if (cmd == CMD_CHECK && !policy_file)
		return usage_error("%s needs -p POLICY", "--check");
	if (cmd != CMD_FILTER && path_opt)
		return usage_error("%s only applies when filtering", "--path");
	if ((cmd == CMD_CHECK || cmd == CMD_LIST) && nargs != 0)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (cmd == CMD_EXPLAIN && (nargs < 1 || nargs > 2))
		return usage_error("%s needs a path REL (and at most one FILE)", "--explain");
	char path_buf[POLICY_PATH_MAX];
	if (path_opt) {
		if (cli_policy_path(path_opt, path_buf, sizeof path_buf) < 0)
			return usage_error("--path %s: '..' is not allowed (or it is too long); give "
			                   "the path from the mount root", path_opt);
		path_opt = path_buf;
	}

	char err[POLICY_ERRLEN];
	policy *pol;
	int r = policy_file ? policy_load(&pol, policy_file, err, sizeof err)
	                    : policy_default(&pol, err, sizeof err);
	if (r < 0) {
		fprintf(stderr, "%s\n", err);
		return CLI_EXIT_USAGE;
	}
	int rc = CLI_EXIT_OK;
	if (cmd == CMD_CHECK) {
		printf("%s: ok\n", policy_file);
	} else if (cmd == CMD_LIST) {
		rc = list_detectors(pol);
	} else if (cmd == CMD_EXPLAIN) {
		rc = explain(pol, argv[optind], nargs == 2 ? argv[optind + 1] : NULL);
	} else {
		signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, not death */
		struct cli_out *o = malloc(sizeof *o);
		if (!o) {
			fprintf(stderr, "redact: out of memory\n");
			policy_free(pol);
			return CLI_EXIT_IO;
		}
		o->fd = STDOUT_FILENO;
		o->err = 0;
		o->len = 0;
		o->bar = NULL;
		o->line_start = true;
		int progress_fd = !no_progress && isatty(STDERR_FILENO) ? STDERR_FILENO : -1;
		for (int i = optind; rc == CLI_EXIT_OK && i <= argc; i++) {
			if (i == argc && nargs > 0)
				break;
			rc = serve(pol, i < argc ? argv[i] : "-", path_opt, full_scan, o, progress_fd);
		}
		int w = cli_out_flush(o);
		if (w < 0 && rc == CLI_EXIT_OK) {
			if (w != -EPIPE)
				fprintf(stderr, "redact: write error: %s\n", strerror(-w));
			rc = CLI_EXIT_IO;
		}
		free(o);
	}
	policy_free(pol);
	return rc;
}

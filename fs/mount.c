/*
 * mount.c — what `redactfs SOURCE MOUNTPOINT` and `redactfs exec` share:
 * options, checks, the context, the mount, the loop and the unmount.
 *
 * Invariant: everything that can be wrong with the command line, SOURCE,
 * the mountpoint or the policy is found and reported on stderr (a bad
 * policy as "FILE:LINE: what is wrong") with exit status 1 BEFORE anything
 * is mounted; only then does the caller's serve function mount. The mount
 * is always read-only, nosuid and nodev.
 *
 * Order (as libfuse's fuse_main, by hand so that the policy is loaded
 * first): our options (fuse_opt) -> -h/-V -> fuse_parse_cmdline -> SOURCE
 * (realpath, O_PATH|O_DIRECTORY, openat2 probe) -> mountpoint not inside
 * SOURCE -> policy -> the context -> serve (fuse_new, fuse_mount, ...).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "ctx.h"
#include "handle.h"
#include "log.h"
#include "mount.h"
#include "names.h"
#include "openfiles.h"
#include "ops.h"
#include "polref.h"
#include "sizememo.h"
#include "srcfile.h"
#include "source.h"
#include "stats.h"
#include "wspool.h"

#include <fuse_lowlevel.h> /* fuse_parse_cmdline, fuse_cmdline_help */

#ifndef REDACTFS_VERSION
#define REDACTFS_VERSION "unknown"
#endif

struct rfs_opts {
	char *policy; /* -o policy=FILE */
	char *source; /* first non-option argument */
	int show_help;
	int show_version;
};

enum { RFS_KEY_HELP, RFS_KEY_VERSION, RFS_KEY_POLICY };

static const struct fuse_opt rfs_opt_table[] = {
	FUSE_OPT_KEY("policy=", RFS_KEY_POLICY),
	FUSE_OPT_KEY("-h", RFS_KEY_HELP),
	FUSE_OPT_KEY("--help", RFS_KEY_HELP),
	FUSE_OPT_KEY("-V", RFS_KEY_VERSION),
	FUSE_OPT_KEY("--version", RFS_KEY_VERSION),
	/* Words of /etc/fstab and mount(8) that mean nothing to a read-only
	 * FUSE daemon. mount(8) and mount.fuse3 drop most of them before
	 * redactfs runs, but a command line or a unit may pass them on; the
	 * atime words reach us from fstab and libfuse would refuse them.
	 * "rw", "dev" and "suid" need no entry: "ro,nosuid,nodev" is appended
	 * last and wins. x-* is dropped in rfs_opt_proc. */
	FUSE_OPT_KEY("defaults", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("auto", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("noauto", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nofail", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("_netdev", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("user", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nouser", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("users", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("owner", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("group", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("comment=", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("relatime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("norelatime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("strictatime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nostrictatime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("lazytime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nolazytime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("diratime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nodiratime", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_END,
};

static int rfs_opt_proc(void *data, const char *arg, int key,
                        struct fuse_args *outargs)
{
	struct rfs_opts *o = data;
	(void)outargs;
	switch (key) {
	case RFS_KEY_POLICY:
		free(o->policy);
		o->policy = strdup(arg + strlen("policy="));
		return o->policy ? 0 : -1;
	case RFS_KEY_HELP:
		o->show_help = 1;
		return 0;
	case RFS_KEY_VERSION:
		o->show_version = 1;
		return 0;
	case FUSE_OPT_KEY_NONOPT:
		if (o->source == NULL) {
			o->source = strdup(arg);
			return o->source ? 0 : -1;
		}
		return 1; /* the mountpoint, for fuse_parse_cmdline */
	case FUSE_OPT_KEY_OPT:
		return strncmp(arg, "x-", 2) == 0 ? 0 : 1; /* fstab's x-*: dropped */
	default:
		return 1;
	}
}

static void rfs_usage(FILE *out, const char *prog)
{
	fprintf(out, "usage: %s [options] SOURCE MOUNTPOINT\n"
	        "       %s reload MOUNTPOINT\n"
	        "       %s status MOUNTPOINT\n"
	        "       %s exec [options] SOURCE [--at PATH] [--rw DIR]... [--user USER] [--env NAME[=VAL]]... -- COMMAND [ARG]...\n",
	        prog, prog, prog, prog);
}

static void rfs_help(const char *prog, struct fuse_args *args)
{
	rfs_usage(stdout, prog);
	printf("\n"
	       "Serves SOURCE read-only at MOUNTPOINT. Every byte read through the\n"
	       "mount has passed through the redaction engine under the policy for\n"
	       "that file's path. Unmount with: fusermount3 -u MOUNTPOINT\n"
	       "\n"
	       "redactfs options:\n"
	       "    -o policy=FILE         INI policy to apply (default: built-in:\n"
	       "                           redact every file with every built-in\n"
	       "                           detector, mask, binary files denied)\n"
	       "                           SIGHUP or `redactfs reload MOUNTPOINT`\n"
	       "                           loads it again (a bad one is refused)\n"
	       "    -h   --help            print this help and exit\n"
	       "    -V   --version         print version and exit\n"
	       "\n"
	       "Always set: -o ro,nosuid,nodev,subtype=redactfs,fsname=SOURCE\n"
	       "Fixed by redactfs (given values are ignored): kernel_cache,\n"
	       "auto_cache, direct_io, entry_timeout, attr_timeout,\n"
	       "negative_timeout, use_ino, splice_read/write/move.\n"
	       "Accepted and ignored (words of /etc/fstab and mount(8)): rw (the\n"
	       "mount stays read-only), dev, suid, defaults, auto, noauto, nofail,\n"
	       "_netdev, user, nouser, users, owner, group, comment=, x-*,\n"
	       "[no]relatime, [no]strictatime, [no]lazytime, [no]diratime.\n"
	       "With allow_other, also give default_permissions: otherwise every\n"
	       "user may read (redacted) every file the daemon can read.\n"
	       "\n"
	       "`redactfs status MOUNTPOINT` (root or the user who mounted): the\n"
	       "policy file and its load time, reloads, opens served redacted / raw /\n"
	       "denied / failed (failed: an error of the daemon, or of SOURCE, such as\n"
	       "a file removed between the lookup and the open), read requests\n"
	       "answered EIO, and values redacted per detector in the 8 KiB blocks\n"
	       "the daemon redacted (also the masked pages an unmasked caller's mmap\n"
	       "gets), each block counted once per open, once it scanned without error\n"
	       "(not counted: re-reads the kernel's page cache answers, reads through\n"
	       "a file opened before a reload, replace/remove files).\n"
	       "Never a value or a file name.\n"
	       "\n"
	       "`redactfs exec SOURCE -- COMMAND` runs COMMAND in a sandbox\n"
	       "(bubblewrap) where SOURCE shows the redacted view and the raw files\n"
	       "cannot be reached; the view ends with COMMAND, whose exit status is\n"
	       "returned (128+N for a signal N). See `redactfs exec --help`.\n"
	       "\n"
	       "FUSE options:\n");
	fuse_cmdline_help();
	fuse_lib_help(args);
}

/* Adds "-o OPT" with OPT's commas and backslashes escaped. */
static int rfs_add_mount_opt(struct fuse_args *args, const char *opt)
{
	char *o = NULL;
	if (fuse_opt_add_opt_escaped(&o, opt) != 0)
		return -1;
	int res = fuse_opt_add_arg(args, "-o") != 0 ||
	          fuse_opt_add_arg(args, o) != 0 ? -1 : 0;
	free(o);
	return res;
}

int rfs_path_within(const char *child, const char *parent)
{
	size_t n = strlen(parent);
	if (strcmp(parent, "/") == 0)
		return 1;
	return strncmp(child, parent, n) == 0 &&
	       (child[n] == '\0' || child[n] == '/');
}

/* Opens SOURCE; checks that it is a directory the daemon can resolve
 * names in, and that the mountpoint is not inside it (the daemon would
 * look into its own mount). Returns the dirfd, or -1 after a message. */
static int rfs_open_source(const char *source, const char *mountpoint)
{
	char mnt[PATH_MAX];
	struct stat st;

	int fd = open(source, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "redactfs: %s: %s\n", source, strerror(errno));
		return -1;
	}
	int res = rfs_source_lstat(fd, "/", &st);
	if (res < 0) {
		fprintf(stderr, "redactfs: %s: cannot resolve names beneath it: %s%s\n",
		        source, strerror(-res),
		        res == -ENOSYS ? " (openat2(2) needs Linux 5.6)" : "");
		close(fd);
		return -1;
	}
	if (realpath(mountpoint, mnt) != NULL && strcmp(mnt, source) != 0 &&
	    rfs_path_within(mnt, source)) {
		fprintf(stderr, "redactfs: %s: mountpoint is inside SOURCE %s\n",
		        mountpoint, source);
		close(fd);
		return -1;
	}
	return fd;
}

static int rfs_load_policy(const char *file, struct rfs_pol **pol)
{
	char err[POLICY_ERRLEN] = "";
	if (rfs_pol_load(pol, file, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

/* path made absolute against the working directory (malloc'ed), or NULL
 * with errno set. */
static char *rfs_absolute(const char *path)
{
	if (path[0] == '/')
		return strdup(path);
	char *cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return NULL;
	char *abs = malloc(strlen(cwd) + strlen(path) + 2);
	if (abs != NULL)
		sprintf(abs, "%s/%s", cwd, path);
	free(cwd);
	return abs;
}

/* Every read allocates and frees buffers of up to about 1 MiB (the reply,
 * the engine's window). glibc's defaults would map and unmap most of them
 * (or trim the heap after each), so every read faulted its pages in and
 * zeroed them again: a quarter of a redacted read's time. Kept in the
 * heap instead; the daemon's RSS grows by a few MiB. */
static void rfs_malloc_tune(void)
{
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
}

/* Makes the filesystem and mounts it at mountpoint. Returns it, or NULL
 * (libfuse has said why on stderr). */
struct fuse *rfs_mount_new(struct fuse_args *args, const char *mountpoint,
                           struct rfs_ctx *ctx)
{
	rfs_malloc_tune();
	struct fuse *f = fuse_new(args, &rfs_ops, sizeof(rfs_ops), ctx);
	if (f == NULL)
		return NULL;
	if (fuse_mount(f, mountpoint) != 0) {
		fuse_destroy(f);
		return NULL;
	}
	ctx->fuse = f;
	return f;
}

/* Serves requests until f is unmounted or told to exit: libfuse's
 * single-threaded loop with -s, else its multi-threaded one. 0 or -1. */
int rfs_loop(struct fuse *f, const struct fuse_cmdline_opts *co)
{
	if (co->singlethread)
		return fuse_loop(f) == 0 ? 0 : -1;
	struct fuse_loop_config *lc = fuse_loop_cfg_create();
	if (lc == NULL)
		return -1;
	fuse_loop_cfg_set_clone_fd(lc, (unsigned)co->clone_fd);
	if (co->max_idle_threads != UINT_MAX) /* UINT_MAX: not given */
		fuse_loop_cfg_set_idle_threads(lc, co->max_idle_threads);
	fuse_loop_cfg_set_max_threads(lc, co->max_threads);
	int res = fuse_loop_mt(f, lc);
	fuse_loop_cfg_destroy(lc);
	return res == 0 ? 0 : -1;
}

void rfs_mount_end(struct rfs_ctx *ctx, struct fuse *f)
{
	ctx->fuse = NULL;
	fuse_unmount(f);
	fuse_destroy(f);
}

/* Every open file of the mount holds a SOURCE descriptor while it is
 * open (one per file, shared by its opens: srcfile.c): the soft limit's
 * usual 1024 would let one consumer's opens starve everyone else's. The
 * hard limit is the administrator's (LimitNOFILE= in the unit). */
static void rfs_raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl); /* unchanged on failure */
	}
}

int rfs_mount_command(int argc, char *argv[], rfs_serve_fn *serve, void *serve_arg)
{
	struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
	struct fuse_cmdline_opts co = { 0 };
	struct rfs_opts o = { 0 };
	struct rfs_ctx ctx = { .rootfd = -1 };
	const char *prog = argc > 0 ? argv[0] : "redactfs";
	char *source = NULL;
	char *policy_file = NULL;
	struct rfs_pol *pol = NULL;
	bool pol_init = false, wspool_init = false, stats_init = false;
	int ret = RFS_EXIT_FAIL;

	if (fuse_opt_parse(&args, &o, rfs_opt_table, rfs_opt_proc) != 0)
		goto out;
	if (o.show_help) {
		rfs_help(prog, &args);
		ret = RFS_EXIT_OK;
		goto out;
	}
	if (o.show_version) {
		printf("redactfs version %s\n", REDACTFS_VERSION);
		printf("FUSE library version %s\n", fuse_pkgversion());
		fflush(stdout); /* next comes fusermount3's own output */
		fuse_lowlevel_version();
		ret = RFS_EXIT_OK;
		goto out;
	}
	/* Our subtype, not the program's file name (fuse_parse_cmdline adds
	 * that only when none is given). */
	if (fuse_opt_add_arg(&args, "-osubtype=redactfs") != 0)
		goto out;
	if (fuse_parse_cmdline(&args, &co) != 0)
		goto out;
	if (o.source == NULL || co.mountpoint == NULL) {
		rfs_usage(stderr, prog);
		fprintf(stderr, "redactfs: missing %s (try --help)\n",
		        o.source == NULL ? "SOURCE and MOUNTPOINT" : "MOUNTPOINT");
		goto out;
	}

	/* Absolute now: the daemon changes directory to / (the dirfd does not
	 * care, but fsname and messages should name the real directory). */
	source = realpath(o.source, NULL);
	if (source == NULL) {
		fprintf(stderr, "redactfs: %s: %s\n", o.source, strerror(errno));
		goto out;
	}
	rfs_raise_nofile();
	ctx.rootfd = rfs_open_source(source, co.mountpoint);
	if (ctx.rootfd < 0)
		goto out;
	if (rfs_load_policy(o.policy, &pol) < 0)
		goto out;
	/* Absolute: SIGHUP reloads the same file after the daemon's chdir.
	 * Not resolved through symlinks: a link switched to a new version is
	 * followed at the next reload. */
	if (o.policy && (policy_file = rfs_absolute(o.policy)) == NULL) {
		fprintf(stderr, "redactfs: %s: %s\n", o.policy, strerror(errno));
		goto out;
	}
	if (rfs_pol_init(&ctx, pol) < 0)
		goto out;
	pol = NULL; /* the context holds it now */
	pol_init = true;
	if (rfs_stats_init(&ctx.stats) < 0) /* the policy counts as loaded now */
		goto out;
	stats_init = true;
	ctx.policy_file = policy_file;
	ctx.source = source;
	rfs_log_open();
	ctx.open_files = rfs_open_files_new();
	ctx.size_memo = rfs_size_memo_new();
	ctx.srcs = rfs_srcs_new(&ctx.stats.size_passes);
	ctx.cache = rfs_cache_new();
	ctx.names = rfs_names_new();
	if (ctx.open_files == NULL || ctx.srcs == NULL || ctx.cache == NULL || ctx.names == NULL ||
	    rfs_wspool_init(&ctx.wspool) < 0)
		goto out;
	wspool_init = true;

	/* Appended last so that they win over anything given before. */
	char *fsname = malloc(strlen(source) + sizeof("fsname="));
	if (fsname == NULL)
		goto out;
	strcpy(fsname, "fsname=");
	strcat(fsname, source);
	int res = fuse_opt_add_arg(&args, "-oro,nosuid,nodev") != 0 ||
	          rfs_add_mount_opt(&args, fsname) != 0;
	free(fsname);
	if (res)
		goto out;

	ret = serve(&args, &co, &ctx, serve_arg);
out:
	rfs_open_files_free(ctx.open_files, rfs_file_free_listed); /* their policy references first */
	rfs_size_memo_free(ctx.size_memo);
	rfs_srcs_free(ctx.srcs); /* after the handles, which use its files */
	rfs_cache_free(ctx.cache);
	rfs_names_free(ctx.names);
	if (wspool_init)
		rfs_wspool_fini(&ctx.wspool);
	if (stats_init)
		rfs_stats_fini(&ctx.stats);
	if (pol_init)
		rfs_pol_fini(&ctx);
	rfs_pol_unref(pol);
	if (ctx.rootfd >= 0)
		close(ctx.rootfd);
	free(policy_file);
	free(source);
	free(co.mountpoint);
	free(o.policy);
	free(o.source);
	fuse_opt_free_args(&args);
	return ret;
}

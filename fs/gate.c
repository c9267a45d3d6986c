/*
 * gate.c — the one chokepoint every operation passes (rfs_gate), and what
 * the mount changes in SOURCE's attributes (rfs_attr_fixup).
 *
 * Invariant: every operation first asks rfs_gate() what the policy says
 * about its path, so a hidden path is ENOENT for every operation, whatever
 * the operation.
 */
#include <errno.h>

#include "ctx.h"
#include "gate.h"
#include "polref.h"

#include <fuse.h>

struct rfs_ctx *rfs_ctx_get(void)
{
	return fuse_get_context()->private_data;
}

int rfs_gate(const struct rfs_pol *pol, const char *path,
             struct policy_view *view)
{
	if (path == NULL || path[0] != '/')
		return -EINVAL;
	policy_resolve(pol->pol, path, view);
	if (view->mode != POLICY_MODE_HIDE)
		return 0;
	/* The root is the mount itself: it cannot vanish ("default = hide"
	 * hides what is in it, each entry resolved on its own). */
	if (path[1] == '\0') {
		view->mode = POLICY_MODE_ALLOW;
		return 0;
	}
	return -ENOENT;
}

/* A FUSE read is at most 1 MiB (libfuse asks the kernel for 256 pages),
 * and with attr_timeout 0 each read(2) costs a GETATTR round trip first
 * (auto_inval_data, see rfs_init): tools that size their reads by
 * st_blksize (cat, cp, Python's buffered files) then make one round trip
 * pair per MiB instead of per 4 KiB-128 KiB. */
#define RFS_IO_SIZE (1 << 20)

void rfs_attr_fixup(struct stat *st)
{
	/* A FIFO or socket shown as such is opened by the consumer's kernel
	 * itself, never asking us: a channel between consumers through a
	 * read-only mount. Shown as an empty regular file without
	 * permissions, its open reaches us and is refused (source.c: not a
	 * regular file, EACCES). */
	if (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode)) {
		st->st_mode = S_IFREG;
		st->st_size = 0;
		st->st_blocks = 0;
	}
	if (S_ISREG(st->st_mode))
		st->st_blksize = RFS_IO_SIZE;
	/* A link count counts names, and SOURCE's counts hidden ones too: a
	 * directory's 2 + subdirectories would tell that a hidden one exists,
	 * a file's that it has another name somewhere. 1 for every entry, what
	 * file systems that do not count subdirectories report (tools such as
	 * find then read directories whole instead of counting on it). */
	st->st_nlink = 1;
}

int rfs_gate_mode(const char *path, enum policy_mode *mode)
{
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view = { .mode = POLICY_MODE_HIDE };
	int res = rfs_gate(rfs_pol_begin(ctx), path, &view);
	rfs_pol_end(ctx);
	*mode = view.mode;
	return res;
}

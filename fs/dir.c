/*
 * dir.c — directory listings.
 *
 * Invariant: a listing shows SOURCE's entries minus every entry whose path
 * the policy hides, so a hidden name never appears; a hidden or denied
 * directory cannot be listed at all (ENOENT, EACCES).
 *
 * The first readdir of a handle (and every one from offset 0: rewinddir)
 * takes a snapshot of SOURCE's names; each readdir then serves entries of
 * the snapshot from the kernel's offset on, the offset being the entry's
 * index in the snapshot plus one (so no seek cookie of SOURCE is exposed).
 * The policy is asked for each entry when it is served, under the policy
 * in force then, so a name that a reload hides between two chunks of one
 * listing is not shown.
 *
 * readdirplus: an entry whose attributes are cheap and exactly what
 * getattr would answer (everything except a file whose redacted output
 * changes its length, whose size needs an engine pass) is handed to the
 * kernel with them, so `ls -l` and `find` need no LOOKUP per name. The
 * attributes come from fstatat of the name in the listed directory's fd,
 * never following a symlink (source.c).
 *
 * A handle is used by one thread at a time: libfuse locks a directory
 * handle around readdir.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "dir.h"
#include "fh.h"
#include "gate.h"
#include "names.h"
#include "polref.h"
#include "sizememo.h"
#include "source.h"

struct rfs_dirent {
	size_t name;        /* offset of the NUL-terminated name in names */
	ino_t ino;
	unsigned char type; /* d_type */
};

struct rfs_dir {
	enum rfs_kind kind; /* RFS_KIND_DIR */
	DIR *dp;
	/* The snapshot: entries in SOURCE's order, names packed. */
	struct rfs_dirent *ents;
	size_t n, cap;
	char *names;
	size_t names_len, names_cap;
};

static struct rfs_dir *rfs_dir_of(const struct fuse_file_info *fi)
{
	struct rfs_dir *d = (struct rfs_dir *)(uintptr_t)fi->fh;
	if (d == NULL || d->kind != RFS_KIND_DIR)
		return NULL;
	return d;
}

int rfs_opendir(const char *path, struct fuse_file_info *fi)
{
	enum policy_mode mode;
	int res = rfs_gate_mode(path, &mode);
	if (res < 0)
		return res;
	if (mode == POLICY_MODE_DENY)
		return -EACCES;

	int fd = rfs_source_open_dir(rfs_ctx_get()->rootfd, path);
	if (fd < 0)
		return fd;
	struct rfs_dir *d = calloc(1, sizeof(*d));
	if (d == NULL) {
		close(fd);
		return -ENOMEM;
	}
	d->kind = RFS_KIND_DIR;
	d->dp = fdopendir(fd);
	if (d->dp == NULL) {
		res = -errno;
		close(fd);
		free(d);
		return res;
	}
	fi->fh = (uint64_t)(uintptr_t)d;
	return 0;
}

/* Appends one entry to the snapshot. 0 or -ENOMEM. */
static int rfs_dir_add(struct rfs_dir *d, const struct dirent *de)
{
	size_t len = strlen(de->d_name) + 1;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		struct rfs_dirent *e = realloc(d->ents, cap * sizeof(*e));
		if (e == NULL)
			return -ENOMEM;
		d->ents = e;
		d->cap = cap;
	}
	if (d->names_len + len > d->names_cap) {
		size_t cap = d->names_cap ? d->names_cap : 1024;
		while (cap < d->names_len + len)
			cap *= 2;
		char *p = realloc(d->names, cap);
		if (p == NULL)
			return -ENOMEM;
		d->names = p;
		d->names_cap = cap;
	}
	memcpy(d->names + d->names_len, de->d_name, len);
	d->ents[d->n++] = (struct rfs_dirent){ .name = d->names_len, .ino = de->d_ino,
	                                       .type = de->d_type };
	d->names_len += len;
	return 0;
}

/* Reads SOURCE's names again, from the start. 0 or -errno. */
static int rfs_dir_snapshot(struct rfs_dir *d)
{
	d->n = 0;
	d->names_len = 0;
	rewinddir(d->dp);
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d->dp);
		if (de == NULL)
			return errno ? -errno : 0;
		int res = rfs_dir_add(d, de);
		if (res < 0)
			return res;
	}
}

/* For readdirplus: the attributes getattr would give child (under the
 * policy view cv), when they are cheap. Returns true and fills *st. */
static bool rfs_dir_attrs(const struct rfs_dir *d, const char *name,
                          const struct policy_view *cv, struct stat *st)
{
	if (rfs_source_statat(dirfd(d->dp), name, st) < 0)
		return false;
	if (S_ISREG(st->st_mode) && rfs_size_needs_engine(cv))
		return false; /* st_size needs the engine: LOOKUP asks getattr */
	rfs_attr_fixup(st);
	return true;
}

int rfs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
                struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	struct rfs_dir *d = rfs_dir_of(fi);
	struct rfs_ctx *ctx = rfs_ctx_get();
	struct policy_view view;
	/* One policy for the directory and the entries of this chunk. */
	struct rfs_pol *pol = rfs_pol_begin(ctx);
	int res = rfs_gate(pol, path, &view);
	if (res == 0 && d == NULL)
		res = -EBADF;
	if (res == 0 && view.mode == POLICY_MODE_DENY)
		res = -EACCES; /* denied by a reload since opendir */
	/* Offset 0: the first chunk, or rewinddir(3): start over. */
	if (res == 0 && (off == 0 || d->ents == NULL))
		res = rfs_dir_snapshot(d);
	if (res < 0) {
		rfs_pol_end(ctx);
		return res;
	}

	/* What each name shows (names.c); none where every name is kept. */
	struct rfs_dirmap *map = NULL;
	if (!policy_names_all_kept(pol->pol) && (res = rfs_names_dir(ctx, pol, path, &map)) < 0) {
		rfs_pol_end(ctx);
		return res;
	}
	size_t len = strlen(path) + 2 + 256; /* "/" + NAME_MAX + NUL */
	char *child = malloc(len);
	if (child == NULL) {
		rfs_dirmap_put(map);
		rfs_pol_end(ctx);
		return -ENOMEM;
	}
	for (size_t i = off > 0 ? (size_t)off : 0; i < d->n; i++) {
		const struct rfs_dirent *e = &d->ents[i];
		const char *name = d->names + e->name;
		bool dots = strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
		const char *shown = name;
		/* a name the map lacks (made since, or not scannable) is not
		 * shown: never a real name in its place */
		if (map && !dots && (shown = rfs_dirmap_shown(map, name)) == NULL)
			continue;
		struct stat st = { .st_ino = e->ino, .st_mode = DTTOIF(e->type) };
		if (e->type == DT_FIFO || e->type == DT_SOCK)
			rfs_attr_fixup(&st); /* as getattr shows them */
		enum fuse_fill_dir_flags fill = 0;
		if (!dots) {
			struct policy_view cv;
			if (rfs_child_path(child, len, path, name) < 0)
				continue; /* cannot be looked up either */
			policy_resolve(pol->pol, child, &cv);
			if (cv.mode == POLICY_MODE_HIDE)
				continue;
			if ((flags & FUSE_READDIR_PLUS) && rfs_dir_attrs(d, name, &cv, &st))
				fill = FUSE_FILL_DIR_PLUS;
		}
		if (filler(buf, shown, &st, (off_t)(i + 1), fill) != 0)
			break; /* the kernel's buffer is full */
	}
	free(child);
	rfs_dirmap_put(map);
	rfs_pol_end(ctx);
	return 0;
}

int rfs_releasedir(const char *path, struct fuse_file_info *fi)
{
	struct rfs_dir *d = rfs_dir_of(fi);
	(void)path;
	if (d == NULL)
		return 0;
	closedir(d->dp);
	free(d->ents);
	free(d->names);
	free(d);
	fi->fh = 0;
	return 0;
}

/*
 * fh.h — what fi->fh points to: a file handle (handle.c) or a directory
 * handle (dir.c), each beginning with its kind.
 *
 * Invariant: a handle is used only after its kind has been checked, so a
 * file operation never takes a directory handle for its own (EBADF).
 */
#ifndef RFS_FH_H
#define RFS_FH_H

enum rfs_kind {
	RFS_KIND_FILE = 0x52464631, /* "RFF1" */
	RFS_KIND_DIR = 0x52464431,  /* "RFD1" */
};

#endif /* RFS_FH_H */

/*
 * ops.h — the FUSE operations table of redactfs (ops.c).
 */
#ifndef RFS_OPS_H
#define RFS_OPS_H

#include <fuse.h>

extern const struct fuse_operations rfs_ops;

#endif /* RFS_OPS_H */

/*
 * status.h — the administrator's status view (status.c).
 *
 * Invariant: the view shows counts and detector names, never a value of a
 * file and never a file name.
 */
#ifndef RFS_STATUS_H
#define RFS_STATUS_H

#include <sys/types.h>

struct rfs_ctx;

/* status.c: the text of the root's user.redactfs.status attribute for the
 * caller uid (malloc'ed into *text): -EACCES unless caller is root or the
 * user running the daemon; -ENOMEM. Names and counts only. */
int rfs_status_text(struct rfs_ctx *ctx, uid_t caller, char **text);
/* `redactfs status MOUNTPOINT`: prints the attribute; the exit status. */
int rfs_status_command(const char *mountpoint);

#endif /* RFS_STATUS_H */

/*
 * exec.h — `redactfs exec`, the sandbox for untrusted tools: what main.c
 * calls (exec.c) and whom COMMAND runs as (exec_user.c).
 *
 * Invariant: COMMAND never sees raw bytes of SOURCE, never runs as root,
 * and the view dies with COMMAND (exec.c says how).
 */
#ifndef RFS_EXEC_H
#define RFS_EXEC_H

#include <sys/types.h>

/* `redactfs exec [options] SOURCE [--at PATH] [--rw DIR]... -- COMMAND
 * [ARG]...` with argv the words after "exec". Returns COMMAND's exit status
 * (128+N when a signal N ended it), or redactfs's own: 1 for anything that
 * is wrong before COMMAND runs, 127 when COMMAND is not found, 126 when it
 * cannot be run. */
int rfs_exec_command(const char *prog, int argc, char *argv[]);

/* exec_user.c: whom COMMAND runs as. user is --user's value (an account's
 * name or number, or a number without an account), or NULL for a uid and
 * gid that no account, group or process of the host has. Never root.
 * Returns 0, or -1 after a message on stderr. */
int rfs_exec_user(const char *user, uid_t *uid, gid_t *gid);

#endif /* RFS_EXEC_H */

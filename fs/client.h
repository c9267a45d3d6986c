/*
 * client.h — the command-line clients of a running mount (client.c):
 * `redactfs reload MOUNTPOINT` and `redactfs status MOUNTPOINT`, which
 * main.c runs instead of mounting.
 *
 * Invariant: a client only reads the control attributes of MOUNTPOINT
 * (and, for reload, signals the daemon they name); it shares no state
 * with the daemon's code.
 */
#ifndef RFS_CLIENT_H
#define RFS_CLIENT_H

/* `redactfs reload MOUNTPOINT`: asks the daemon serving mountpoint to load
 * its policy file again and waits (up to 10 s) for its answer. Returns the
 * exit status: 0 when the new policy is in force, else 1 after a message. */
int rfs_reload_command(const char *prog, const char *mountpoint);
/* `redactfs status MOUNTPOINT`: prints the root's status attribute.
 * Returns the exit status: 0, or 1 after a message. */
int rfs_status_command(const char *mountpoint);

#endif /* RFS_CLIENT_H */

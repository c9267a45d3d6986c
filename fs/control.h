/*
 * control.h — the names of the mount root's control attributes: what the
 * daemon answers (reload.c, status.c) and the clients ask (client.c).
 *
 * Invariant: they live in the user.redactfs. namespace and are never
 * listed, so copies of the root (cp -a, rsync -X, Samba) never carry them.
 */
#ifndef RFS_CONTROL_H
#define RFS_CONTROL_H

#define RFS_XATTR_PREFIX "user.redactfs."
#define RFS_XATTR_PID "user.redactfs.pid"
#define RFS_XATTR_RELOAD "user.redactfs.reload"
#define RFS_XATTR_STATUS "user.redactfs.status"

#endif /* RFS_CONTROL_H */

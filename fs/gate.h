/*
 * gate.h — the one chokepoint every operation passes (gate.c).
 *
 * Invariant: a hidden path is ENOENT for every operation.
 */
#ifndef RFS_GATE_H
#define RFS_GATE_H

#include <sys/stat.h>

#include "policy.h"

struct rfs_pol;

/* All filesystem operations go through here. Fills *view with what pol
 * (held through rfs_pol_begin or a handle's reference) says for path;
 * returns 0, -ENOENT when the path is hidden, -EINVAL for a path that is
 * not absolute. The root "/" is never hidden (a hide there is reported as
 * allow: the root can be listed, its entries decide alone). */
int rfs_gate(const struct rfs_pol *pol, const char *path,
             struct policy_view *view);
/* rfs_gate under the policy in force, for operations that only need the
 * mode (view's profile would not outlive the call). */
int rfs_gate_mode(const char *path, enum policy_mode *mode);
/* What the mount changes in SOURCE's attributes besides st_size
 * (getattr, readdirplus): the preferred I/O size of regular files; FIFOs
 * and sockets shown as empty regular files without permissions; a link
 * count of 1 for every entry (SOURCE's would count hidden names). */
void rfs_attr_fixup(struct stat *st);

#endif /* RFS_GATE_H */

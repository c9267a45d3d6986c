"""mountns.py — a private mount namespace for test_install.py, so that
mount(8) can run the installed redactfs without installing anything on the
host and without any mount leaking out.

Invariants: every command in the namespace runs through nsenter with a
timeout (mount.run); closing the namespace ends every process still in it,
each by its pid (only processes this test started can be in it), and then
its holder.
"""
import os
import signal
import subprocess
import time

from lib import mount  # test_install.py puts tests/ on sys.path


class Namespace:
    """A private mount namespace held by `sleep`; commands enter it with
    nsenter. On close, ends every process in it (by pid) and the holder."""

    def __init__(self, env):
        self.env = env
        self.holder = None
        self.ns = None

    def __enter__(self):
        mine = os.readlink("/proc/self/ns/mnt")
        self.holder = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "--", "sleep", "3600"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            try:
                ns = os.readlink("/proc/%d/ns/mnt" % self.holder.pid)
            except OSError:
                ns = None
            if ns and ns != mine:
                self.ns = ns
                return self
            if self.holder.poll() is not None or time.monotonic() > deadline:
                err = self.holder.stderr.read().decode(errors="replace")
                self.close()
                raise RuntimeError("unshare --mount failed: %s" % err)
            time.sleep(0.02)

    def run(self, cmd, timeout=60):
        return mount.run(["nsenter", "-t", str(self.holder.pid), "-m", "--"] + cmd,
                         timeout=timeout, env=self.env)

    def pids(self):
        """Processes in this namespace but the holder."""
        out = []
        for d in os.listdir("/proc"):
            if d.isdigit() and int(d) != self.holder.pid:
                try:
                    if os.readlink("/proc/%s/ns/mnt" % d) == self.ns:
                        out.append(int(d))
                except OSError:
                    pass
        return out

    def close(self):
        if self.holder is None:
            return
        if self.ns:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        if self.holder.poll() is None:
            self.holder.kill()
        self.holder.wait()

    def __exit__(self, *exc):
        self.close()
        return False


def alive(pid):
    """True while pid runs (a zombie has ended)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def ns_mounted(ns, mnt):
    p = ns.run(["findmnt", "-n", "-o", "TARGET", mnt], timeout=20)
    return p.returncode == 0 and p.stdout.decode().strip() == mnt


def ns_unmount(ns, mnt):
    """umount, then lazily; True when nothing is mounted at mnt any more."""
    for cmd in (["umount", mnt], ["umount", "-l", mnt]):
        if not ns_mounted(ns, mnt):
            break
        try:
            ns.run(cmd, timeout=20)
        except mount.Timeout:
            pass
    return not ns_mounted(ns, mnt)


def daemon_pid(ns, mnt):
    """The daemon's pid from the mount root's user.redactfs.pid, or None."""
    p = ns.run([mount.SYS_PYTHON, "-c",
                "import os, sys; print(os.getxattr(sys.argv[1], 'user.redactfs.pid').decode())",
                mnt], timeout=20)
    text = p.stdout.decode().strip()
    return int(text) if p.returncode == 0 and text.isdigit() else None

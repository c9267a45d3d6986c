"""mount.py — helpers for the tests that mount redactfs (tests/mount,
tests/install): the programs under test, a real mount that is always
unmounted, timeouts on every access, other callers, the example policies.

    from lib import mount, tap

Rules this module keeps for every test that uses it:
- The programs under test come from the environment, read when a test
  asks (binaries()), never from the command line: meson sets REDACTFS,
  REDACT, PREADCHECK and EXAMPLES (tests/meson.build); by hand, set them
  yourself (docs/testing.md).
- Each test gets private temp dirs (src/, mnt/) under one work dir.
- A mount is started with `redactfs -f`, waited for through
  /proc/self/mountinfo (never by touching the mountpoint, which could hang),
  and ALWAYS unmounted: fusermount3 -u, then -uz, then the daemon is killed.
  After unmounting, the daemon's exit status and stderr are checked as a
  TAP case of their own: an AddressSanitizer/UBSan report, a crash or a raw
  test value in its log is a failure.
- Every access to the mount goes through a subprocess with a timeout
  (run) or a helper thread with a timeout (call), so a hang in the
  filesystem fails the test instead of blocking CI.
- Nothing here computes redacted output: expected bytes come either from
  the `redact` filter (the one definition of output) or are written by hand
  in the tests.
"""
import collections
import contextlib
import errno
import functools
import grp
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types

from lib.values import make_card, make_email, make_mobile

# Policy and key files the tests write must not be group-writable: the
# loader refuses them, like sshd's StrictModes.
os.umask(0o022)

DEFAULT_TIMEOUT = 60


# ---- the programs under test ----------------------------------------------

# Field of binaries() -> the environment variable that names it.
PROGRAMS = collections.OrderedDict([
    ("redactfs", "REDACTFS"),      # the built fs/redactfs
    ("redact", "REDACT"),          # the built cli/redact
    ("preadcheck", "PREADCHECK"),  # the built tests/mount/preadcheck
    ("examples", "EXAMPLES"),      # the source tree's examples/ directory
])
Binaries = collections.namedtuple("Binaries", list(PROGRAMS))


def program(var):
    """The absolute path the environment variable var names (REDACT, ...).
    When it is not set, says how to run the test by hand and exits with
    status 2: a test run without its programs is a usage error, not a
    result."""
    value = os.environ.get(var)
    if not value:
        sys.stderr.write(
            "%s: the environment variable %s is not set. meson test sets it; by hand:\n"
            "  REDACTFS=BUILD/fs/redactfs REDACT=BUILD/cli/redact "
            "PREADCHECK=BUILD/tests/mount/preadcheck EXAMPLES=examples \\\n"
            "    python3 %s   (docs/testing.md)\n"
            % (os.path.basename(sys.argv[0]), var, sys.argv[0]))
        sys.exit(2)
    return os.path.abspath(value)


@functools.lru_cache(maxsize=None)
def binaries():
    """The programs under test as a namedtuple (redactfs, redact,
    preadcheck, examples) of absolute paths, from the environment variables
    in PROGRAMS (see program())."""
    return Binaries(*(program(var) for var in PROGRAMS.values()))


def sanitized_memory():
    """True when the daemon under test is built with a sanitizer that keeps
    freed memory (ASan's quarantine, TSan's shadow): its RSS then says
    nothing of what the allocator gives back."""
    with open(binaries().redactfs, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"__tsan_init" in data


# ---- timeouts ------------------------------------------------------------

class Timeout(Exception):
    pass


def run(cmd, timeout=DEFAULT_TIMEOUT, input=None, cwd=None, env=None):
    """Runs cmd; returns CompletedProcess (bytes). Raises Timeout on a hang."""
    try:
        return subprocess.run(cmd, input=input, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, cwd=cwd,
                              env=env, stdin=None if input is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Timeout("%s timed out after %ss" % (cmd, timeout)) from None


def run_with_fd(fd, code, *args, timeout=30):
    """Runs `python3 -c code FD ARGS...` in a child that inherits fd (the same
    open file description: the same FUSE file handle). Used for mmap
    accesses that may end in SIGBUS, which must not kill the test itself.
    Returns CompletedProcess (bytes); a signal shows as a negative
    returncode. Raises Timeout on a hang."""
    try:
        return subprocess.run([sys.executable, "-c", code, str(fd)] + [str(a) for a in args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=timeout, pass_fds=(fd,))
    except subprocess.TimeoutExpired:
        raise Timeout("child on fd %d timed out after %ss" % (fd, timeout)) from None


# A child for run_with_fd: maps its fd read-only and writes LEN bytes from
# OFF of the mapping to stdout.
MMAP_READ = """\
import mmap, sys
fd, off, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
m = mmap.mmap(fd, 0, prot=mmap.PROT_READ)
sys.stdout.buffer.write(m[off:off + n])
"""


def call(fn, *args, timeout=30, **kw):
    """Runs fn(*args) in a helper thread; returns its result, re-raises its
    exception, or raises Timeout (the thread is left behind: it is a daemon
    thread and the unmount in Mount.__exit__ will end its system call)."""
    box = {}

    def target():
        try:
            box["value"] = fn(*args, **kw)
        except BaseException as e:  # noqa: BLE001
            box["error"] = e

    th = threading.Thread(target=target, daemon=True)
    th.start()
    th.join(timeout)
    if th.is_alive():
        raise Timeout("%s timed out after %ss" % (getattr(fn, "__name__", fn), timeout))
    if "error" in box:
        raise box["error"]
    return box.get("value")


def drain(stream, into):
    """Reads stream (a child's stdout or stderr) to EOF in a daemon thread,
    appending each piece to the list into. Returns the thread."""
    def run():
        while True:
            b = stream.read1(1 << 16) if hasattr(stream, "read1") else stream.read(1 << 16)
            if not b:
                break
            into.append(b)
    th = threading.Thread(target=run, daemon=True)
    th.start()
    return th


def errno_of(fn, *args, timeout=30, **kw):
    """The errno fn(*args) fails with (through call), or 0 when it succeeds."""
    try:
        call(fn, *args, timeout=timeout, **kw)
        return 0
    except OSError as e:
        return e.errno


def ename(e):
    return errno.errorcode.get(e, str(e)) if e else "success"


def read_bytes(path, timeout=DEFAULT_TIMEOUT):
    """Whole file through `cat` with a timeout. Returns (rc, bytes, stderr)."""
    p = run(["cat", "--", path], timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def py_read(path, timeout=30):
    def rd():
        with open(path, "rb") as f:
            return f.read()
    return call(rd, timeout=timeout)


# ---- other callers ---------------------------------------------------------

# A python3 any uid can run (a pyenv shim under /root cannot be).
SYS_PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


def as_user(uid, gid=None, groups=()):
    """Command prefix running the rest as uid/gid (numbers, no user needed)
    with exactly the supplementary groups given."""
    gid = uid if gid is None else gid
    cmd = ["setpriv", "--reuid=%d" % uid, "--regid=%d" % gid]
    if groups:
        cmd.append("--groups=" + ",".join(str(g) for g in groups))
    else:
        cmd.append("--clear-groups")
    return cmd + ["--"]


def open_to_all(path):
    """Lets every uid traverse path and its work dir (mkdtemp makes 0700)."""
    os.chmod(path, 0o755)


# ---- the `redact` filter: the one definition of output -------------------

def redact_bytes(src_file, rel, policy=None, timeout=120):
    """Output of `redact [-p POLICY] --path REL SRC_FILE`: (rc, bytes, err)."""
    cmd = [binaries().redact]
    if policy:
        cmd += ["-p", policy]
    cmd += ["--path", rel, src_file]
    p = run(cmd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


# ---- mounts ----------------------------------------------------------------

SANITIZER_RE = re.compile(
    r"runtime error|==\d+==\s*ERROR|AddressSanitizer|LeakSanitizer|"
    r"UndefinedBehaviorSanitizer|ThreadSanitizer|Segmentation fault|SUMMARY: ")


def mounted(path):
    """True when path is a mountpoint, read from /proc/self/mountinfo only."""
    path = os.path.realpath(path)
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
        for line in f:
            fields = line.split()
            if len(fields) > 4:
                mp = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
                if mp == path:
                    return True
    return False


# Every file redacted with every detector, every value masked: the policy
# of tests that look for raw values.
MASK_ALL = """\
[global]
default = redact
binary = deny
detectors = all
action = mask
"""

# For the child scripts that other users run (READ_ONE, and the tests'
# own): read_whole(path), the whole file in 1 MiB reads; an OSError
# (EACCES, EIO...) is raised to the script.
READ_WHOLE = r"""
import os


def read_whole(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while True:
            b = os.read(fd, 1 << 20)
            if not b:
                break
            parts.append(b)
    finally:
        os.close(fd)
    return b"".join(parts)
"""

# One whole read of argv[1]: the bytes on stdout, or "ERRNO n" on stderr
# and exit 3 (run as another user by read_as).
READ_ONE = READ_WHOLE + r"""
import sys
try:
    data = read_whole(sys.argv[1])
except OSError as e:
    sys.stderr.write("ERRNO %d\n" % e.errno)
    sys.exit(3)
sys.stdout.buffer.write(data)
"""


def read_as(uid, path, timeout=60):
    """(errno or 0, bytes) of one whole read of path by uid (with no
    supplementary groups), with a timeout."""
    p = run(as_user(uid) + [SYS_PYTHON, "-c", READ_ONE, path], timeout=timeout)
    m = re.search(rb"ERRNO (\d+)", p.stderr)
    if p.returncode != 0:
        return (int(m.group(1)) if m else -1), p.stdout
    return 0, p.stdout


def settle(path, age=60):
    """Sets path's mtime age seconds back: a file written in the last
    seconds is one still being written, which the mount serves with direct
    I/O (no page cache, MAP_SHARED refused: fs/handle.c); tests of the page
    cache and of mmap use finished files."""
    t = time.time() - age
    os.utime(path, (t, t))


class MountFailed(Exception):
    pass


class Workdir:
    """A private temp dir with src/ and mnt/; removed at the end unless
    something is still mounted under it."""

    def __init__(self, prefix="redactfs-test-"):
        self.base = tempfile.mkdtemp(prefix=prefix)
        self.src = os.path.join(self.base, "src")
        self.mnt = os.path.join(self.base, "mnt")
        os.mkdir(self.src)
        os.mkdir(self.mnt)

    def path(self, *parts):
        return os.path.join(self.base, *parts)

    def write(self, rel, data, mode=0o644, fresh=False):
        """Writes a file under src/ (rel may have sub dirs). It is a
        finished file: its mtime is set back (settle), unless fresh."""
        p = os.path.join(self.src, rel.lstrip("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        os.chmod(p, mode)
        if not fresh:
            settle(p)
        return p

    def policy(self, text, name="policy.ini"):
        """Writes a policy file in the work dir (mode 0644: the loader
        refuses one that others may write); returns its path."""
        p = self.path(name)
        with open(p, "w") as f:
            f.write(text)
        os.chmod(p, 0o644)
        return p

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for dirpath, dirnames, _ in os.walk(self.base):
            for d in dirnames:
                if mounted(os.path.join(dirpath, d)):
                    print("# leaving %s: still mounted" % self.base)
                    return False
        shutil.rmtree(self.base, ignore_errors=True)
        return False


class Mount:
    """`with Mount(tap, src, mnt, policy=...) as m:` mounts redactfs -f and
    guarantees the unmount. On exit it adds one TAP case: the daemon ended
    with status 0 and its stderr holds no sanitizer report and none of the
    raw values in `secrets`."""

    count = 0

    def __init__(self, tap, src, mnt, policy=None, opts=(), secrets=(), label=None,
                 start_timeout=20):
        Mount.count += 1
        self.tap = tap
        self.src = src
        self.mnt = mnt
        self.policy = policy
        self.opts = list(opts)
        self.secrets = [s.encode() if isinstance(s, str) else s for s in secrets]
        self.label = label or "mount %d" % Mount.count
        self.start_timeout = start_timeout
        self.proc = None
        self.errpath = None

    def command(self):
        cmd = [binaries().redactfs, "-f"]
        o = (["policy=" + self.policy] if self.policy else []) + self.opts
        if o:
            cmd += ["-o", ",".join(o)]
        return cmd + [self.src, self.mnt]

    def stderr_text(self):
        if not self.errpath or not os.path.exists(self.errpath):
            return ""
        with open(self.errpath, "rb") as f:
            return f.read().decode(errors="replace")

    def __enter__(self):
        if mounted(self.mnt):
            raise MountFailed("%s is already a mountpoint" % self.mnt)
        fd, self.errpath = tempfile.mkstemp(prefix="redactfs-stderr-", suffix=".log")
        os.close(fd)
        with open(self.errpath, "wb") as err:
            self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                         stdout=err, stderr=err)
        deadline = time.monotonic() + self.start_timeout
        while not mounted(self.mnt):
            if self.proc.poll() is not None:
                text = self.stderr_text()
                self._drop_log()
                raise MountFailed("redactfs exited with %s before mounting:\n%s"
                                  % (self.proc.returncode, text[-2000:]))
            if time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise MountFailed("not mounted after %ss" % self.start_timeout)
            time.sleep(0.05)
        return self

    def _drop_log(self):
        if self.errpath:
            with contextlib.suppress(OSError):
                os.unlink(self.errpath)

    def unmount(self):
        """fusermount3 -u, then -uz; returns True when it is gone."""
        for flags in (["-u"], ["-u", "-z"]):
            if not mounted(self.mnt):
                break
            with contextlib.suppress(Timeout):
                run(["fusermount3"] + flags + [self.mnt], timeout=20)
            if mounted(self.mnt) and flags == ["-u"]:
                time.sleep(0.3)
        return not mounted(self.mnt)

    def __exit__(self, exc_type, exc, tb):
        if self.proc is None:
            return False
        gone = self.unmount()
        rc = None
        try:
            rc = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                rc = "killed"
        if not gone and mounted(self.mnt):  # the daemon is dead now: lazy unmount
            with contextlib.suppress(Timeout):
                run(["fusermount3", "-u", "-z", self.mnt], timeout=20)
        text = self.stderr_text()
        problems = []
        if not gone:
            problems.append("fusermount3 -u did not unmount")
        if rc != 0:
            problems.append("daemon exit status %s" % rc)
        m = SANITIZER_RE.search(text)
        if m:
            problems.append("sanitizer/crash report in daemon stderr")
        leaked = [s for s in self.secrets if s in text.encode()]
        if leaked:
            problems.append("%d raw test value(s) in daemon stderr" % len(leaked))
        self.tap.ok(not problems, "%s: daemon unmounted and exited cleanly, stderr clean"
                    % self.label, "; ".join(problems) + "\n" + text[-4000:])
        self._drop_log()
        return False

    def p(self, rel):
        return os.path.join(self.mnt, rel.lstrip("/"))


class DebugMount(Mount):
    """A mount with -d: the daemon's stderr logs every FUSE request (opcodes
    and sizes, never file content), so a test can count requests."""

    def command(self):
        cmd = super().command()
        return cmd[:1] + ["-d"] + cmd[1:]

    def requests(self, opcode):
        """How many requests of opcode (READ, LOOKUP...) the daemon got."""
        return self.stderr_text().count("opcode: %s " % opcode)


def redactfs_fails_to_mount(src, mnt, args, timeout=30):
    """Runs redactfs expecting it to refuse; if it mounts anyway, unmounts
    it. Returns (rc, stderr, was_mounted)."""
    proc = subprocess.Popen([binaries().redactfs] + args, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = b"", b""
    was = mounted(mnt)
    if was:
        run(["fusermount3", "-u", "-z", mnt], timeout=20)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    return proc.returncode, (out + err).decode(errors="replace"), was


# ---- source tree helpers -----------------------------------------------------

def tree_digest(root):
    """Hash of every name, type, mode, size, mtime, xattr and content under root."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            h.update(("%s|%o|%d|%d\n" % (os.path.relpath(p, root), st.st_mode,
                                          st.st_size, st.st_mtime_ns)).encode())
            with contextlib.suppress(OSError):
                for x in sorted(os.listxattr(p, follow_symlinks=False)):
                    h.update(x.encode() + os.getxattr(p, x, follow_symlinks=False))
            if os.path.islink(p):
                h.update(os.readlink(p).encode())
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()


# ---- the example policies of examples/policies/ ------------------------------

def example_policy(name):
    """The path of examples/policies/NAME in the source tree."""
    return os.path.join(binaries().examples, "policies", name)


def install_policy(w, name, subdir, key=None):
    """Copies examples/policies/NAME into WORK/subdir/ (0644: the loader
    refuses a group-writable policy, whatever the checkout's umask was);
    with key, writes it as WORK/subdir/<stem>.key (0600). Returns the
    policy's path."""
    d = w.path(subdir)
    os.makedirs(d, exist_ok=True)
    dst = os.path.join(d, name)
    shutil.copyfile(example_policy(name), dst)
    os.chmod(dst, 0o644)
    if key is not None:
        kp = os.path.join(d, name.rsplit(".", 1)[0] + ".key")
        fd = os.open(kp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        os.chmod(kp, 0o600)
    return dst


def check_policy(t, pol, label):
    """One case: `redact --check -p POL` passes. Returns its verdict."""
    p = run([binaries().redact, "--check", "-p", pol])
    return t.ok(p.returncode == 0, "%s: redact --check passes" % label,
                (p.stdout + p.stderr).decode(errors="replace"))


def analysts_policy_for_here(t, w, subdir, key):
    """Installs analysts.ini with key, fitted to this machine's groups
    (unmask_group_here). Returns (policy path, gid of the unmask group)."""
    pol = install_policy(w, "analysts.ini", subdir, key=key)
    return pol, unmask_group_here(t, pol, "analysts")


def unmask_group_here(t, pol, label, out=None, redact=None):
    """For a policy with the line `unmask_groups = hr` (analysts.ini).
    Returns hr's gid when this machine has the group. Else checks (one case,
    named after label) that `redact --check` (redact: default the build's)
    refuses pol at that line, naming hr, then writes pol's text with a
    number in the group's place to out (default pol itself; mode 0644) and
    returns that number."""
    try:
        return grp.getgrnam("hr").gr_gid
    except KeyError:
        pass
    text = open(pol, encoding="utf-8").read()
    lines = text.split("\n")
    where = [i + 1 for i, x in enumerate(lines) if re.fullmatch(r"unmask_groups\s*=\s*hr\s*", x)]
    p = run([redact or binaries().redact, "--check", "-p", pol])
    msg = (p.stdout + p.stderr).decode(errors="replace")
    t.ok(len(where) == 1 and p.returncode != 0
         and ("%s:%d:" % (pol, where[0] if where else 0)) in msg and "hr" in msg,
         "%s: without a group hr, the shipped policy is refused at its "
         "unmask_groups line" % label, msg)
    gid = 5353
    text = re.sub(r"(?m)^unmask_groups\s*=\s*hr\s*$", "unmask_groups = %d" % gid, text)
    out = out or pol
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(out, 0o644)
    return gid


# ---- the contractors' invented tree (contractors.ini) --------------------------

# Invented values (valid check digits where there are any).
PHONE = "13812345678"
PHONE_PARTIAL = "138****5678"          # written by hand
PHONE_SPACED = "+86 139 8765 4321"
PHONE_SPACED_PARTIAL = "+86 *** **** 4321"

# Paths of the tree, by what contractors.ini does with them.
CONTRACTORS_DENIED = ["finance/budget.csv", "finance/invoices.txt"]   # /finance/*: deny
CONTRACTORS_HIDDEN = ["hr", "hr/staff.csv"]                           # /hr/**: hide


def contractors_tree(w, rng):
    """Writes the contractors' project tree under w.src: a ticket with phone,
    card and e-mail in running text, a CSV with a phone column, /finance
    (denied), /hr (hidden), /public (raw) and a zip file (binary, denied).
    Returns a namespace: card, email, col_phone, secrets (every raw value),
    ticket and public (the raw texts), ticket_masked and customers_masked
    (what contractors.ini serves for them, written by hand)."""
    card = make_card(rng, "622", 19)
    email = make_email(rng)
    col_phone = make_mobile(rng)
    ticket = ("Ticket 4711: customer rang from %s (or %s), pays with card %s,\n"
              "reply to %s. Order ORD0012345678 shipped.\n"
              % (PHONE, PHONE_SPACED, card, email))
    ticket_masked = ("Ticket 4711: customer rang from %s (or %s), pays with card %s,\n"
                     "reply to %s. Order ORD0012345678 shipped.\n"
                     % (PHONE_PARTIAL, PHONE_SPACED_PARTIAL, "*" * 15 + card[-4:],
                        "*" * len(email)))
    public = "Questions? Write to info@example.org or call 010-12345678.\n"
    w.write("tickets/4711.txt", ticket)
    w.write("tickets/customers.csv", "id,name,phone\n1,Alice Chen,%s\n" % col_phone)
    w.write("finance/budget.csv", "item,amount\nlaptops,12000\n")
    w.write("finance/invoices.txt", "invoice 1 to %s\n" % email)
    w.write("hr/staff.csv", "name,phone\nBob Li,%s\n" % PHONE)
    w.write("public/contact.txt", public)
    w.write("tickets/photo.zip", b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 64)
    return types.SimpleNamespace(
        card=card, email=email, col_phone=col_phone,
        secrets=[PHONE, PHONE_SPACED, card, email, col_phone],
        ticket=ticket, ticket_masked=ticket_masked, public=public,
        customers_masked="id,name,phone\n1,**********,***********\n")

"""rfs.py — shared helpers for the mount tests: TAP output, a real mount
that is always unmounted, timeouts on every access, invented test values.

Rules this module keeps for every test that uses it:
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
import contextlib
import errno
import grp
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import types

# Policy and key files the tests write must not be group-writable: the
# loader refuses them, like sshd's StrictModes.
os.umask(0o022)

USAGE = "usage: test_x.py REDACTFS REDACT PREADCHECK EXAMPLES_DIR"

if len(sys.argv) < 5:
    print(USAGE, file=sys.stderr)
    sys.exit(2)
REDACTFS, REDACT, PREADCHECK, EXAMPLES = [os.path.abspath(a) for a in sys.argv[1:5]]

DEFAULT_TIMEOUT = 60


# ---- TAP ---------------------------------------------------------------

class Tap:
    """Collects TAP cases; prints the plan at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def diag(self, msg):
        for line in str(msg).splitlines() or [""]:
            print("# " + line)
        sys.stdout.flush()

    def ok(self, cond, desc, diag=None):
        self.n += 1
        desc = desc.replace("#", "\\#")
        if cond:
            print("ok %d - %s" % (self.n, desc))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, desc))
            if diag:
                self.diag(diag)
        sys.stdout.flush()
        return bool(cond)

    def skip(self, desc, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, desc, why))
        sys.stdout.flush()

    def eq(self, got, want, desc):
        """got == want; on a difference tells where (and a short excerpt)."""
        if got == want:
            return self.ok(True, desc)
        return self.ok(False, desc, describe_diff(got, want))

    @contextlib.contextmanager
    def guard(self, desc):
        """Runs a block; an exception in it becomes one failed case."""
        try:
            yield
        except Exception as e:  # noqa: BLE001 - every error is a test failure
            self.ok(False, "%s: raised %s" % (desc, type(e).__name__),
                    "".join(traceback.format_exception(type(e), e, e.__traceback__))[-3000:])

    def done(self):
        if self.n == 0:
            self.ok(False, "the test ran no case")
        print("1..%d" % self.n)
        sys.stdout.flush()
        return 1 if self.failed else 0


def describe_diff(got, want):
    if not isinstance(got, (bytes, str)) or not isinstance(want, (bytes, str)):
        return "got:  %r\nwant: %r" % (got, want)
    i = 0
    n = min(len(got), len(want))
    while i < n and got[i] == want[i]:
        i += 1
    lo = max(0, i - 40)
    return ("lengths got %d want %d; first difference at offset %d\n"
            "got:  %r\nwant: %r" % (len(got), len(want), i, got[lo:i + 60], want[lo:i + 60]))


def main(body):
    """Runs body(tap) and exits with TAP's verdict; an escaping exception
    is a failed case, never a silent pass."""
    t = Tap()
    try:
        body(t)
    except Exception as e:  # noqa: BLE001
        t.ok(False, "test body raised %s" % type(e).__name__,
             "".join(traceback.format_exception(type(e), e, e.__traceback__))[-3000:])
    sys.exit(t.done())


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
    cmd = [REDACT]
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

# One whole read of argv[1]: the bytes on stdout, or "ERRNO n" on stderr
# and exit 3 (run as another user by read_as).
READ_ONE = r"""
import os, sys
try:
    fd = os.open(sys.argv[1], os.O_RDONLY)
    parts = []
    while True:
        b = os.read(fd, 1 << 20)
        if not b:
            break
        parts.append(b)
    os.close(fd)
except OSError as e:
    sys.stderr.write("ERRNO %d\n" % e.errno)
    sys.exit(3)
sys.stdout.buffer.write(b"".join(parts))
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
        cmd = [REDACTFS, "-f"]
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


def redactfs_fails_to_mount(src, mnt, args, timeout=30):
    """Runs redactfs expecting it to refuse; if it mounts anyway, unmounts
    it. Returns (rc, stderr, was_mounted)."""
    proc = subprocess.Popen([REDACTFS] + args, stdin=subprocess.DEVNULL,
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


# ---- invented values with valid check digits ---------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def cn_id_check(first17):
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def cn_id_valid(s):
    return len(s) == 18 and s[:17].isdigit() and cn_id_check(s[:17]) == s[17]


def make_cn_id(rng):
    region = rng.choice(["110101", "310104", "440305", "330106", "510107"])
    y = rng.randrange(1950, 2005)
    m = rng.randrange(1, 13)
    d = rng.randrange(1, 29)
    body = "%s%04d%02d%02d%03d" % (region, y, m, d, rng.randrange(1, 1000))
    return body + cn_id_check(body)


def luhn_valid(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        n = int(ch)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def make_card(rng, prefix, length):
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    for c in "0123456789":
        if luhn_valid(body + c):
            return body + c
    raise AssertionError("unreachable")


def make_mobile(rng):
    return rng.choice(["138", "139", "135", "150", "186", "188", "177", "199"]) + \
        "".join(str(rng.randrange(10)) for _ in range(8))


def make_email(rng):
    name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(3, 10)))
    return "%s.%d@%s" % (name, rng.randrange(100), rng.choice(["example.com", "example.org"]))


def make_ipv4(rng):
    return "%d.%d.%d.%d" % (rng.choice([10, 172, 192, 203, 198]), rng.randrange(256),
                            rng.randrange(256), rng.randrange(1, 255))


def make_values(rng):
    """One invented value of each built-in kind, as (kind, text)."""
    return [
        ("email", make_email(rng)),
        ("phone", make_mobile(rng)),
        ("phone", "+86 %s" % " ".join(re.findall(r"^...|....", make_mobile(rng)))),
        ("cn_id", make_cn_id(rng)),
        ("bank_card", make_card(rng, "622", 19)),
        ("bank_card", make_card(rng, "4", 16)),
        ("ipv4", make_ipv4(rng)),
    ]


FILLER_WORDS = ["order", "status=ok", "v1.2.3", "ts=1700000000123", "数据", "客户",
                "记录", "amount=12.50", "ORD0012345678", "the", "report", "处理完成"]


def big_text(rng, size, newlines=True, boundaries=(4096, 8192)):
    """About size bytes of invented text. Values are put so that one starts a
    few bytes before every multiple of 4096 (straddling it) and more are
    scattered in between. Returns (bytes, list of raw values used)."""
    out = bytearray()
    used = []
    next_b = boundaries[0]
    step = min(boundaries)
    while len(out) < size:
        if len(out) >= next_b - 80:
            # pad to a few bytes before the boundary, then a value across it
            kind, v = rng.choice(make_values(rng))
            back = rng.randrange(1, max(2, len(v)))
            pad = next_b - back - len(out) - 1
            if pad > 0:
                out += b"x" * pad
            out += b" " + v.encode() + b" "
            used.append(v)
            next_b += step
            continue
        if rng.random() < 0.15:
            kind, v = rng.choice(make_values(rng))
            out += (" %s " % v).encode()
            used.append(v)
        else:
            out += (rng.choice(FILLER_WORDS) + " ").encode()
        if newlines and rng.random() < 0.08:
            out += b"\n"
    if not newlines:
        assert b"\n" not in out
    return bytes(out[:size]), used


# ---- the example policies of examples/policies/ ------------------------------

POLICIES = os.path.join(EXAMPLES, "policies")


def install_policy(w, name, subdir, key=None):
    """Copies examples/policies/NAME into WORK/subdir/ (0644: the loader
    refuses a group-writable policy, whatever the checkout's umask was);
    with key, writes it as WORK/subdir/<stem>.key (0600). Returns the
    policy's path."""
    d = w.path(subdir)
    os.makedirs(d, exist_ok=True)
    dst = os.path.join(d, name)
    shutil.copyfile(os.path.join(POLICIES, name), dst)
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
    p = run([REDACT, "--check", "-p", pol])
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
    p = run([redact or REDACT, "--check", "-p", pol])
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

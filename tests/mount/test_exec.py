#!/usr/bin/env python3
"""test_exec.py — `redactfs exec`, the sandbox for untrusted tools, through
the real binary and bubblewrap (no mocks).

- A COMMAND reading SOURCE in the sandbox gets exactly `redact`'s output;
  with --at PATH it gets it at PATH and at SOURCE; hidden files are not
  listed (examples/policies/sandbox.ini, as shipped).
- Escapes, tried from inside by a script: umount2() and umount2(MNT_DETACH)
  of SOURCE and PATH, `umount`, `umount -l`, `fusermount3 -u`, `unshare -Urm
  umount -l`; then SOURCE and PATH still show the view. The daemon's pid is
  not in the sandbox's /proc: /proc/<daemon pid>/root/SOURCE/FILE fails,
  and a scan of /proc/*/root, cwd and fd (files, and files beneath
  directory fds) finds the view or nothing. No /proc/*/exe is redactfs, no
  /dev/fuse. No raw invented value appears in anything the script read or
  printed, nor on stderr.
- Exit status passes through: 0, 3, 137 for a COMMAND that SIGKILLs itself;
  SIGTERM to redactfs exec ends the sandbox with 143.
- After COMMAND ends (normally, by its own SIGKILL, by SIGTERM, and when
  redactfs exec itself is SIGKILLed) no redactfs mount is left on the host
  and no process of the run remains (redactfs, bwrap, COMMAND). While it
  runs, the host does not see the view mounted.
- Who COMMAND is: by default the real uid of `nobody` with its group and
  no others (`id` inside, written by hand from the passwd database), or
  --user's; `--user root` and `--user 0` are refused before COMMAND runs.
  A root-only file outside SOURCE cannot be read from inside, and a policy
  that unmasks root (which a plain mount read by root shows raw: the
  control) still gives COMMAND masks.
- Before COMMAND runs: a bad policy gives FILE:LINE: on stderr and status 1
  and COMMAND does not run (it would create a marker file in a --rw
  directory, which it does with a good policy); a missing COMMAND gives
  127, one that is not executable 126, a missing bwrap 1 with a message
  naming bubblewrap, an --at PATH inside SOURCE 1. SOURCE is never changed.
- Code runs in the sandbox (issue 13): packages of the Python standard
  library copied into SOURCE (email, json, http, logging, urllib: the view
  changes many of their files) and a module with invented personal values
  in its string literals are imported from the view by the system's
  python3 inside the sandbox; they import and work, and the module's
  values come out masked.

Expected bytes come from `redact` (the one definition of output).
"""
import grp
import json
import os
import pwd
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import make_card, make_cn_id, make_email, make_mobile  # noqa: E402

REL = "app/notes.txt"
ENV_SECRET = "sk_live_Zq8vN3xT5pL0wR7y"  # invented; in a hidden .env

# Runs in the sandbox: tries every way out it can think of, prints what it
# read (raw, so the test sees any leak on stdout) and a JSON summary last.
ESCAPE = r'''
import ctypes, json, os, subprocess, sys

src, at, rel, daemon = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
libc = ctypes.CDLL(None, use_errno=True)
res = {}
out = sys.stdout.buffer


def errno_of(fn, *args):
    ctypes.set_errno(0)
    return 0 if fn(*args) == 0 else ctypes.get_errno()


def rc(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "error " + type(e).__name__
    out.write(p.stdout)
    return p.returncode


def read(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        return e.errno
    try:
        data = os.read(fd, 1 << 20)
    except OSError as e:
        return e.errno
    finally:
        os.close(fd)
    out.write(data)
    return data.hex()


for name, path in (("SOURCE", src), ("PATH", at)):
    res["umount2(%s)" % name] = errno_of(libc.umount2, path.encode(), 0)
    res["umount2(%s, MNT_DETACH)" % name] = errno_of(libc.umount2, path.encode(), 2)
    res["umount %s" % name] = rc(["umount", path])
    res["umount -l %s" % name] = rc(["umount", "-l", path])
    res["fusermount3 -u %s" % name] = rc(["fusermount3", "-u", path])
res["unshare -Urm umount -l SOURCE"] = rc(["unshare", "-U", "-r", "-m", "umount", "-l", src])

res["daemon visible"] = os.path.exists("/proc/%d" % daemon)
res["daemon root"] = read("/proc/%d/root%s/%s" % (daemon, src, rel))
res["view SOURCE"] = read(os.path.join(src, rel))
res["view PATH"] = read(os.path.join(at, rel))
res["dev fuse"] = os.path.exists("/dev/fuse")

# Every way into a file through /proc: root, cwd, and directory fds joined
# with each tail of SOURCE's path; regular files open in any process.
parts = src.strip("/").split("/")
tails = ["/".join(parts[i:] + [rel]) for i in range(len(parts) + 1)]
scan, exes = [], []
for pid in sorted(p for p in os.listdir("/proc") if p.isdigit()):
    base = "/proc/" + pid
    try:
        exes.append(os.readlink(base + "/exe"))
    except OSError:
        pass
    dirs = [base + "/root", base + "/cwd"]
    try:
        for fd in os.listdir(base + "/fd"):
            p = "%s/fd/%s" % (base, fd)
            try:
                st = os.stat(p)
            except OSError:
                continue
            if os.path.isdir(p):
                dirs.append(p)
            elif (st.st_mode & 0o170000) == 0o100000:
                scan.append([p, read(p)])
    except OSError:
        pass
    for d in dirs:
        for tail in tails:
            scan.append([d + "/" + tail, read(d + "/" + tail)])
res["scan"] = scan
res["exes"] = exes
out.write(b"\n=== RESULT ===\n" + json.dumps(res).encode() + b"\n")
'''

# Runs in the sandbox until killed; says "ready" once it has read the view.
SLEEPER = r'''
import sys, time
with open(sys.argv[1], "rb") as f:
    f.read()
print("ready", flush=True)
time.sleep(120)
'''


def exec_argv(args):
    return [mount.binaries().redactfs, "exec"] + args


def run_exec(args, timeout=60, env=None):
    return mount.run(exec_argv(args), timeout=timeout, env=env)


def text(b):
    return b.decode(errors="replace")


def redactfs_mounts(src):
    """Mount points of redactfs mounts of src in this (the host's) namespace."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
        for line in f:
            left, _, right = line.partition(" - ")
            r = right.split()
            if len(r) >= 2 and r[0] == "fuse.redactfs":
                unesc = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), r[1])
                if unesc == src:
                    found.append(left.split()[4])
    return found


def procs_with(marker, argv0=None):
    """Pids (other than ours) whose command line holds marker (and whose
    argv[0] is argv0, when given)."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if marker.encode() in cmd and (argv0 is None or
                                       cmd.split(b"\0")[0] == argv0.encode()):
            pids.append(int(d))
    return pids


def wait_no_procs(marker, argv0=None, timeout=10):
    deadline = time.monotonic() + timeout
    while procs_with(marker, argv0) and time.monotonic() < deadline:
        time.sleep(0.05)
    return procs_with(marker, argv0)


def clean_run(t, p, secrets, label):
    """stderr holds no sanitizer report; no raw value in stdout or stderr."""
    err = text(p.stderr)
    m = mount.SANITIZER_RE.search(err)
    t.ok(m is None, "%s: no sanitizer report on stderr" % label, err[-3000:])
    both = p.stdout + p.stderr
    leaked = [s for s in secrets if s.encode() in both]
    t.ok(not leaked, "%s: no raw value on stdout or stderr" % label,
         "%d raw value(s) seen" % len(leaked))


def nothing_left(t, w, label):
    """No process of this run is left (redactfs, bwrap, COMMAND): the view's
    mount namespace dies with the last of them, so this is what proves the
    view ended. The mount check guards against a view made in the host's
    namespace, where it would outlive them."""
    t.eq(redactfs_mounts(w.src), [], "%s: no redactfs mount left on the host" % label)
    t.eq(wait_no_procs(w.base), [], "%s: no redactfs, bwrap or COMMAND process left" % label)


def make_tree(w, rng):
    email, phone, card, cn_id = (make_email(rng), make_mobile(rng),
                                 make_card(rng, "622", 19), make_cn_id(rng))
    notes = ("Call %s or write to %s.\n"
             "Card on file %s, ID %s. Ticket ORD0012345678 closed.\n"
             % (phone, email, card, cn_id))
    w.write(REL, notes)
    w.write("app/.env", "API_TOKEN=%s\n" % ENV_SECRET)
    w.write(".ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n" % ENV_SECRET[::-1])
    return [email, phone, card, cn_id, ENV_SECRET, ENV_SECRET[::-1]]


def install_policy(w):
    pol = w.path("sandbox.ini")
    shutil.copyfile(mount.example_policy("sandbox.ini"), pol)
    os.chmod(pol, 0o644)
    return pol


# ---- the view ---------------------------------------------------------------

def view(t, w, pol, want, secrets):
    src_file = os.path.join(w.src, REL)
    p = run_exec(["-o", "policy=" + pol, w.src, "--", "cat", src_file])
    t.ok(p.returncode == 0, "view at SOURCE: cat exits 0", text(p.stderr))
    t.eq(p.stdout, want, "view at SOURCE: cat prints exactly redact's output")
    clean_run(t, p, secrets, "view at SOURCE")
    nothing_left(t, w, "view at SOURCE")

    p = run_exec(["-o", "policy=" + pol, w.src, "--", "ls", "-A", w.src,
                  os.path.join(w.src, "app")])
    src = w.src.encode()
    t.ok(p.returncode == 0 and p.stdout.split() ==
         [src + b":", b"app", src + b"/app:", b"notes.txt"],
         "view at SOURCE: .ssh and .env are not listed (hide)", text(p.stdout + p.stderr))

    at = w.path("at")
    os.mkdir(at)
    with open(os.path.join(at, "placeholder"), "w") as f:
        f.write("host content of PATH\n")
    p = run_exec(["-o", "policy=" + pol, w.src, "--at", at, "--", "sh", "-c",
                  'cat "$1"; printf "\\0"; cat "$2"; printf "\\0"; ls -A "$3"', "sh",
                  os.path.join(at, REL), src_file, at])
    parts = p.stdout.split(b"\0")
    t.ok(p.returncode == 0 and len(parts) == 3, "view with --at: the command ran",
         text(p.stderr))
    if len(parts) == 3:
        t.eq(parts[0], want, "view with --at: PATH/FILE is exactly redact's output")
        t.eq(parts[1], want, "view with --at: SOURCE/FILE (the raw path) is the view too")
        t.eq(parts[2].split(), [b"app"], "view with --at: PATH shows the view, not its "
             "own content")
    clean_run(t, p, secrets, "view with --at")
    nothing_left(t, w, "view with --at")


# ---- code in the sandbox ----------------------------------------------------------

SYS_PYTHON = "/usr/bin/python3"
CODE_PACKAGES = ("email", "json", "http", "logging", "urllib")
CODE_NAME, CODE_OWNER = "Li Na", "Zhang Wei"  # invented


def make_code(w, rng):
    """Copies packages of the system Python's standard library and a module
    with invented personal values in its literals into SOURCE/pylib.
    Returns the module's raw values, or None without a system python3."""
    if not os.access(SYS_PYTHON, os.X_OK):
        return None
    p = subprocess.run([SYS_PYTHON, "-I", "-c",
                        "import email, os; print(os.path.dirname(os.path.dirname("
                        "email.__file__)))"], capture_output=True, timeout=60)
    stdlib = p.stdout.decode().strip()
    for pkg in CODE_PACKAGES:
        shutil.copytree(os.path.join(stdlib, pkg), os.path.join(w.src, "pylib", pkg),
                        ignore=shutil.ignore_patterns("__pycache__", "test*"))
    mail, phone = make_email(rng), make_mobile(rng)
    w.write("pylib/contacts.py",
            '"""Contacts of the demo shop (invented)."""\n'
            "import email.utils\n\n"
            "name = \"%s\"\n"
            "owner = {\"name\": \"%s\", \"mobile\": \"%s\"}\n"
            "support = email.utils.formataddr((\"Support\", \"%s\"))\n\n\n"
            "def greeting(who=name):\n"
            "    return \"Hello, \" + who\n" % (CODE_NAME, CODE_OWNER, phone, mail))
    return [CODE_NAME, CODE_OWNER, phone, mail]


CODE_SCRIPT = r"""
import sys
top = sys.argv[1]
sys.path.insert(0, top)
import email.utils, http.client, json, logging, urllib.parse, urllib.request
import contacts
mods = [email, email.utils, http.client, json, logging, urllib.request, contacts]
outside = [m.__name__ for m in mods if not m.__file__.startswith(top + "/")]
assert not outside, "imported from elsewhere: %r" % outside
msg = email.message_from_string("From: a@example.com\nSubject: hi\n\nbody\n")
assert msg["Subject"] == "hi"
assert json.loads(json.dumps({"k": [1, 2]})) == {"k": [1, 2]}
assert urllib.parse.urlsplit("http://example.com/x?y=1").query == "y=1"
print(json.dumps({"name": contacts.name, "owner": contacts.owner,
                  "support": contacts.support, "greeting": contacts.greeting()}))
"""


def code_runs(t, pol, rng):
    """In a SOURCE of its own (the other cases' tree stays as it is)."""
    with mount.Workdir(prefix="redactfs-exec-code-") as w:
        mount.open_to_all(w.base)
        values = make_code(w, rng)
        if t.ok(values is not None, "code: %s exists (the system's Python)" % SYS_PYTHON):
            code_in_sandbox(t, w, pol, values)


def code_in_sandbox(t, w, pol, values):
    top = os.path.join(w.src, "pylib")
    changed = 0
    for root, _dirs, files in os.walk(top):
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(root, f)
                rc, out, _err = mount.redact_bytes(path, "/" + os.path.relpath(path, w.src),
                                                   policy=pol)
                with open(path, "rb") as fh:
                    changed += rc == 0 and out != fh.read()
    t.ok(changed >= 5, "code: the view changes some of the copied modules (%d)" % changed)
    p = run_exec(["-o", "policy=" + pol, w.src, "--", SYS_PYTHON, "-I", "-S", "-B", "-c",
                  CODE_SCRIPT, top], timeout=120)
    t.ok(p.returncode == 0, "code: the standard library's modules and contacts.py import "
         "from the view and work inside the sandbox", text(p.stderr)[-600:])
    try:
        got = json.loads(p.stdout.decode())
    except ValueError:
        got = {}
    t.ok(got.get("name") == "*" * len(CODE_NAME) and
         got.get("owner", {}).get("name") == "*" * len(CODE_OWNER),
         "code: the names in contacts.py's literals are masked", repr(got))
    leaked = [v for v in values if v.encode() in p.stdout + p.stderr]
    t.ok(got and not leaked, "code: no raw value of contacts.py reaches the sandbox's output",
         "%d raw value(s)" % len(leaked))
    nothing_left(t, w, "code")


# ---- escapes ------------------------------------------------------------------

def escapes(t, w, pol, want, secrets):
    at = w.path("at")
    script = w.path("escape.py")
    with open(script, "w") as f:
        f.write(ESCAPE)
    argv = exec_argv(["-o", "policy=" + pol, w.src, "--at", at, "--",
                      mount.SYS_PYTHON, script, w.src, at, REL])
    # The script gets the daemon's pid as its last argument: a shell adds
    # its own pid ($$) and then becomes redactfs exec (exec keeps the pid).
    try:
        p = subprocess.run(["sh", "-c", 'exec "$@" "$$"', "sh"] + argv, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        t.ok(False, "escapes: the sandboxed script finished within 120 s")
        return
    t.ok(p.returncode == 0, "escapes: the script ran and exited 0", text(p.stderr)[-3000:])
    out = p.stdout
    head, sep, tail = out.rpartition(b"\n=== RESULT ===\n")
    if not t.ok(sep, "escapes: the script reported", text(out[-2000:]) + text(p.stderr)):
        return
    res = json.loads(tail)
    for key in sorted(k for k in res if k.startswith("umount2")):
        t.ok(res[key] != 0, "escapes: %s fails inside (%s)" % (key, mount.ename(res[key])))
    for key in sorted(k for k in res if k.startswith(("umount ", "fusermount3", "unshare"))):
        # an int: the tool ran (a missing tool proves nothing)
        t.ok(isinstance(res[key], int) and res[key] != 0,
             "escapes: `%s` runs and fails inside (status %s)" % (key, res[key]))
    t.eq(bytes.fromhex(res["view SOURCE"]) if isinstance(res["view SOURCE"], str) else None,
         want, "escapes: afterwards SOURCE still shows redact's output")
    t.eq(bytes.fromhex(res["view PATH"]) if isinstance(res["view PATH"], str) else None,
         want, "escapes: afterwards PATH still shows redact's output")
    t.ok(res["daemon visible"] is False, "escapes: the daemon's pid is not in the "
         "sandbox's /proc")
    root = res["daemon root"]
    t.ok(isinstance(root, int), "escapes: /proc/<daemon>/root/SOURCE/FILE cannot be read (%s)"
         % (mount.ename(root) if isinstance(root, int) else "it was read"))
    t.ok(res["dev fuse"] is False, "escapes: no /dev/fuse in the sandbox")
    exe = os.path.realpath(mount.binaries().redactfs)
    t.ok(exe not in res["exes"] and res["exes"],
         "escapes: no process in the sandbox's /proc is redactfs", repr(res["exes"]))
    got = [(path, bytes.fromhex(v)) for path, v in res["scan"] if isinstance(v, str)]
    through_root = [data for path, data in got if "/root/" in path]
    t.ok(through_root and all(d == want for d in through_root),
         "escapes: /proc/*/root/SOURCE/FILE shows the view (%d paths), never the raw file"
         % len(through_root), "\n".join(path for path, d in got if d != want))
    everything = out + p.stderr + b"".join(d for _, d in got)
    leaked = [s for s in secrets if s.encode() in everything]
    t.ok(not leaked, "escapes: no raw value in anything read or printed (%d /proc paths "
         "read)" % len(got), "%d raw value(s) seen" % len(leaked))
    clean_run(t, p, secrets, "escapes")
    nothing_left(t, w, "escapes")


# ---- exit status and the end of the view -------------------------------------

def statuses(t, w, pol, secrets):
    for cmd, want, what in ((["true"], 0, "0"), (["sh", "-c", "exit 3"], 3, "3"),
                            (["sh", "-c", "kill -9 $$"], 128 + 9, "128+9 (COMMAND SIGKILLs "
                                                                  "itself)")):
        p = run_exec(["-o", "policy=" + pol, w.src, "--"] + cmd + [w.base])
        t.eq(p.returncode, want, "status: %s passes through" % what)
        clean_run(t, p, secrets, "status %d" % want)
        nothing_left(t, w, "status %d" % want)


# The signals `redactfs exec` passes on to COMMAND (README).
PASSED_ON = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)


def ignore_passed_on():
    """In the child before exec: the caller's dispositions set to ignore,
    as a service manager or a CI runner may leave them."""
    for sig in PASSED_ON:
        signal.signal(sig, signal.SIG_IGN)


def start_in_sandbox(w, pol, script, arg, name, opts=(), how=""):
    """Starts `redactfs exec [opts]` running the Python script with arg and
    a marker path (w/name, which tells its processes apart on the host).
    how: "" (plain), "ignored" (the caller ignores every signal passed on)
    or "nohup" (started by nohup(1)). Returns (proc, marker, the script's
    first line of output)."""
    marker = w.path(name)
    argv = exec_argv(["-o", "policy=" + pol, w.src] + list(opts) +
                     ["--", mount.SYS_PYTHON, "-c", script, arg, marker])
    if how == "nohup":
        argv = ["nohup"] + argv
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,
                            preexec_fn=ignore_passed_on if how == "ignored" else None)
    line = mount.call(proc.stdout.readline, timeout=30)
    return proc, marker, line


def stop_sandbox(proc):
    """Ends a run started by start_in_sandbox that is still going."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_sleeper(w, pol, how=""):
    return start_in_sandbox(w, pol, SLEEPER, os.path.join(w.src, REL), "sleeper-marker",
                            how=how)


def killed(t, w, pol, secrets, how=""):
    """Every documented signal ends the sandbox: plainly, when the caller
    ignores them (how="ignored"), and under nohup (how="nohup")."""
    said = {"": "", "ignored": " (caller ignores the signals)", "nohup": " (under nohup)"}[how]
    for sig, label in ((signal.SIGTERM, "SIGTERM to redactfs exec"),
                       (signal.SIGINT, "SIGINT to redactfs exec"),
                       (signal.SIGHUP, "SIGHUP to redactfs exec"),
                       (signal.SIGQUIT, "SIGQUIT to redactfs exec"),
                       (signal.SIGKILL, "SIGKILL to redactfs exec")):
        label += said
        proc = None
        try:
            proc, marker, line = start_sleeper(w, pol, how)
            t.eq(line, b"ready\n", "%s: the sandboxed command runs" % label)
            t.ok(procs_with(marker, mount.SYS_PYTHON),
                 "%s: the sandboxed command is seen on the host" % label)
            t.eq(redactfs_mounts(w.src), [], "%s: while it runs, the host does not see "
                 "the view mounted" % label)
            proc.send_signal(sig)
            try:
                rc = proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                rc = "no exit within 30 s (hangs)"
            err = proc.stderr.read() if proc.poll() is not None else b""
            if sig != signal.SIGKILL:
                t.eq(rc, 128 + sig, "%s: exit status 128+%d" % (label, sig))
                t.ok(mount.SANITIZER_RE.search(text(err)) is None,
                     "%s: no sanitizer report on stderr" % label, text(err)[-3000:])
            else:
                t.eq(rc, -signal.SIGKILL, "%s: it died of SIGKILL" % label)
            t.eq(wait_no_procs(marker, mount.SYS_PYTHON), [],
                 "%s: the sandboxed command is gone" % label)
            nothing_left(t, w, label)
        finally:
            stop_sandbox(proc)


# ---- errors before COMMAND runs ----------------------------------------------

def identity(t, w, pol, want, secrets):
    p = run_exec(["-o", "policy=" + pol, w.src, "--", "sh", "-c", "id -u; id -g; id -G"])
    ids = p.stdout.decode().split()
    uid = int(ids[0]) if len(ids) == 3 and ids[0].isdigit() else -1
    t.ok(2100000000 <= uid < 2140000000 and ids[1:] == [ids[0], ids[0]],
         "default user: COMMAND has a uid of its own in 2100000000-2139999999, "
         "the same number as its only group", repr(ids))
    try:
        pwd.getpwuid(uid)
        t.ok(False, "default user: no account has COMMAND's uid")
    except KeyError:
        t.ok(True, "default user: no account has COMMAND's uid")
    p2 = run_exec(["-o", "policy=" + pol, w.src, "--", "id", "-u"])
    t.ok(p2.stdout.strip().isdigit() and p2.stdout.strip() != str(uid).encode(),
         "default user: another run gets another uid", "%r %r" % (uid, p2.stdout))

    # A number without an account whose group is someone's brings no group.
    taken = sorted(g.gr_gid for g in grp.getgrall() if g.gr_gid != 0 and
                   not any(u.pw_uid == g.gr_gid for u in pwd.getpwall()))
    if t.ok(taken, "a group without a same-numbered account exists here (for the next case)"):
        p = run_exec(["-o", "policy=" + pol, w.src, "--user", str(taken[0]), "--", "true"])
        t.eq(p.returncode, 1, "--user %d (no account; group %d is someone's): refused"
             % (taken[0], taken[0]))
    daemon = pwd.getpwnam("daemon")
    p = run_exec(["-o", "policy=" + pol, w.src, "--user", "daemon", "--", "sh", "-c",
                  'id -u; cat "$1"', "sh", os.path.join(w.src, REL)])
    t.eq(p.stdout, b"%d\n" % daemon.pw_uid + want,
         "--user daemon: COMMAND is daemon and reads the view")
    for who in ("root", "0"):
        p = run_exec(["-o", "policy=" + pol, w.src, "--user", who, "--", "true"])
        t.eq(p.returncode, 1, "--user %s: refused with status 1" % who)
        t.ok("root" in text(p.stderr), "--user %s: the message says why" % who,
             text(p.stderr))

    # A file of the host, outside SOURCE, that only root may read.
    host_secret = make_email(random.Random(7))
    hidden = w.path("root-only.txt")
    with open(hidden, "w") as f:
        f.write("host secret %s\n" % host_secret)
    os.chmod(hidden, 0o600)
    p = run_exec(["-o", "policy=" + pol, w.src, "--", "cat", hidden])
    t.ok(p.returncode != 0 and host_secret.encode() not in p.stdout + p.stderr,
         "a root-only file of the host cannot be read from inside",
         "rc %d" % p.returncode)

    # A policy that unmasks root: raw for root on a plain mount (the
    # control), masks for COMMAND.
    unmask = w.path("unmask-root.ini")
    with open(unmask, "w") as f:
        f.write("[global]\ndefault = redact\nunmask_uids = 0\n")
    os.chmod(unmask, 0o644)
    with mount.Mount(t, w.src, w.mnt, policy=unmask, label="unmask-root control"):
        r = mount.run(["cat", os.path.join(w.mnt, REL)])
        t.ok(r.returncode == 0 and secrets[0].encode() in r.stdout,
             "control: a plain mount with unmask_uids = 0 shows root the raw file")
    p = run_exec(["-o", "policy=" + unmask, w.src, "--", "cat", os.path.join(w.src, REL)])
    leaked = [v for v in secrets if v.encode() in p.stdout]
    t.ok(p.returncode == 0 and p.stdout and not leaked,
         "unmask_uids = 0: COMMAND (not root) still gets masks",
         "rc %d, %d raw value(s)" % (p.returncode, len(leaked)))
    nothing_left(t, w, "identity")


def environment(t, w, pol):
    env = dict(os.environ, REDACTFS_TEST_TOKEN="tok_invented_4417", LANG="C.UTF-8",
               REDACTFS_TEST_PASSED="passed_value_1")
    p = run_exec(["-o", "policy=" + pol, w.src, "--env", "REDACTFS_TEST_PASSED",
                  "--env", "REDACTFS_TEST_SET=own value", "--", "env"], env=env)
    lines = set(p.stdout.decode(errors="replace").splitlines())
    t.ok(p.returncode == 0 and "tok_invented_4417" not in p.stdout.decode(errors="replace"),
         "environment: a variable of the caller's not named by --env does not reach COMMAND")
    t.ok("REDACTFS_TEST_PASSED=passed_value_1" in lines,
         "environment: --env NAME passes the caller's value", repr(sorted(lines)))
    t.ok("REDACTFS_TEST_SET=own value" in lines,
         "environment: --env NAME=VALUE sets it", repr(sorted(lines)))
    t.ok("LANG=C.UTF-8" in lines and any(l.startswith("PATH=") for l in lines),
         "environment: PATH and LANG are kept", repr(sorted(lines)))
    p = run_exec([w.src, "--env", "REDACTFS_TEST_UNSET_%d" % os.getpid(), "--", "true"])
    t.eq(p.returncode, 1, "environment: --env of a variable that is not set is refused")

    # A value given with --env is in no process's command line on the host
    # while the sandbox runs (ps shows command lines to every user).
    value = "tok_invented_cmdline_9931"
    proc = None
    try:
        proc, marker, line = start_in_sandbox(w, pol, SLEEPER, os.path.join(w.src, REL),
                                              "env-marker",
                                              ["--env", "REDACTFS_TEST_SET=" + value])
        t.eq(line, b"ready\n", "environment: the sandboxed command runs")
        shown = []
        for d in os.listdir("/proc"):
            if d.isdigit() and int(d) != proc.pid:
                try:
                    with open("/proc/%s/cmdline" % d, "rb") as f:
                        if value.encode() in f.read():
                            shown.append(int(d))
                except OSError:
                    pass
        t.eq(shown, [], "environment: an --env value shows in no process's command line "
             "but redactfs exec's own")
    finally:
        stop_sandbox(proc)


def reach_from_host(t, w, pol, want, secrets):
    """A host process running as nobody reaches the view through
    /proc/PID/root of a sandbox run as nobody (the control), and not of a
    run with its own uid."""
    nobody = pwd.getpwnam("nobody")
    for user, reachable in ((["--user", "nobody"], True), ([], False)):
        label = "from the host as nobody, run %s" % (" ".join(user) or "with its own uid")
        proc = None
        try:
            proc, marker, line = start_in_sandbox(w, pol, SLEEPER, os.path.join(w.src, REL),
                                                  "reach-marker", user)
            if not t.eq(line, b"ready\n", "%s: the sandboxed command runs" % label):
                continue
            pids = procs_with(marker, mount.SYS_PYTHON)
            target = "/proc/%d/root%s" % (pids[0], os.path.join(w.src, REL)) if pids else "/"
            r = mount.run(mount.as_user(nobody.pw_uid, nobody.pw_gid) + ["cat", target])
            leaked = [v for v in secrets if v.encode() in r.stdout]
            t.ok(not leaked, "%s: nothing raw" % label)
            if reachable:
                t.eq(r.stdout, want, "%s: the view is reachable (the control)" % label)
            else:
                t.ok(r.returncode != 0 and not r.stdout, "%s: refused" % label,
                     "rc %d" % r.returncode)
        finally:
            stop_sandbox(proc)
    nothing_left(t, w, "reach from host")


DEV_THEN_SLEEP = r'''
import os, sys, time
print(os.stat(sys.argv[1]).st_dev, flush=True)
time.sleep(120)
'''


def view_aborted(t, w, pol):
    """When nobody serves the view any more (its FUSE connection aborted
    through fusectl), the sandbox ends at once instead of leaving COMMAND
    on a dead view."""
    label = "connection aborted"
    proc, marker, line = start_in_sandbox(w, pol, DEV_THEN_SLEEP, w.src, "abort-marker")
    try:
        if not t.ok(line.strip().isdigit(), "%s: COMMAND runs on the view" % label, line):
            return
        conn = os.minor(int(line))
        r = mount.run(["unshare", "-m", "sh", "-c",
                       "mount -t fusectl none /sys/fs/fuse/connections && "
                       "echo 1 > /sys/fs/fuse/connections/%d/abort" % conn])
        t.ok(r.returncode == 0, "%s: the view's connection is aborted (fusectl)" % label,
             text(r.stderr))
        try:
            rc = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            rc = None
        t.eq(rc, 128 + signal.SIGKILL, "%s: the sandbox ends at once (COMMAND killed, "
             "128+9)" % label)
        err = text(proc.stderr.read()) if rc is not None else ""
        t.ok("no longer served" in err, "%s: redactfs exec says why" % label, err)
        t.eq(wait_no_procs(marker, mount.SYS_PYTHON), [], "%s: COMMAND is gone" % label)
    finally:
        stop_sandbox(proc)
    nothing_left(t, w, label)


def inherited_fds(t, w, pol, secrets):
    """Descriptors that redactfs exec inherits without O_CLOEXEC (a raw file
    of SOURCE, SOURCE itself) do not reach COMMAND."""
    # At numbers nothing else uses, so that a listing inside cannot mistake
    # its own descriptors for them.
    opened = [os.open(os.path.join(w.src, REL), os.O_RDONLY),
              os.open(w.src, os.O_RDONLY | os.O_DIRECTORY)]
    raw, srcfd = 50, 51
    os.dup2(opened[0], raw, inheritable=True)
    os.dup2(opened[1], srcfd, inheritable=True)
    for fd in opened:
        os.close(fd)
    try:
        script = ("import os, sys\n"
                  "fds = sorted(int(f) for f in os.listdir('/proc/self/fd'))\n"
                  "print(' '.join(map(str, fds)))\n"
                  "for fd in (%d, %d):\n"
                  "    for path in ('/proc/self/fd/%%d' %% fd, '/proc/self/fd/%%d/%s' %% fd):\n"
                  "        try:\n"
                  "            sys.stdout.write(open(path, errors='replace').read())\n"
                  "        except OSError:\n"
                  "            pass\n" % (raw, srcfd, REL))
        argv = exec_argv(["-o", "policy=" + pol, w.src, "--", mount.SYS_PYTHON, "-c", script])
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60, pass_fds=(raw, srcfd))
        first = p.stdout.split(b"\n", 1)[0].split()
        t.ok(p.returncode == 0 and raw not in [int(x) for x in first] and
             srcfd not in [int(x) for x in first],
             "inherited fds: neither the raw file's nor SOURCE's fd is open in COMMAND",
             text(p.stdout[:200]) + text(p.stderr))
        leaked = [v for v in secrets if v.encode() in p.stdout + p.stderr]
        t.ok(not leaked, "inherited fds: nothing raw read through them")
    finally:
        os.close(raw)
        os.close(srcfd)
    nothing_left(t, w, "inherited fds")


def before_command(t, w, pol):
    rw = w.path("rw")
    os.mkdir(rw)
    os.chmod(rw, 0o777)  # written by COMMAND, which runs as nobody
    marker = os.path.join(rw, "marker")
    touch = ["touch", marker]

    p = run_exec(["-o", "policy=" + pol, w.src, "--rw", rw, "--"] + touch)
    t.ok(p.returncode == 0 and os.path.exists(marker),
         "good policy: the command runs and creates its marker in the --rw dir",
         text(p.stderr))
    if os.path.exists(marker):
        os.unlink(marker)

    bad = w.path("bad.ini")
    with open(bad, "w") as f:
        f.write("[global]\ndefault = redact\nbogus_key = 1\n")
    os.chmod(bad, 0o644)
    p = run_exec(["-o", "policy=" + bad, w.src, "--rw", rw, "--"] + touch)
    err = text(p.stderr)
    t.eq(p.returncode, 1, "bad policy: exit status 1")
    t.ok(re.search(r"(^|\n)%s:3: " % re.escape(bad), err), "bad policy: FILE:LINE: on stderr",
         err)
    t.ok(not os.path.exists(marker), "bad policy: the command did not run (no marker)")
    nothing_left(t, w, "bad policy")

    name = "no-such-command-%d" % os.getpid()
    p = run_exec([w.src, "--rw", rw, "--", name, marker])
    t.eq(p.returncode, 127, "missing command: exit status 127")
    t.ok(name in text(p.stderr) and "not found" in text(p.stderr),
         "missing command: stderr names it", text(p.stderr))
    nothing_left(t, w, "missing command")

    noexec = w.path("not-executable.sh")
    with open(noexec, "w") as f:
        f.write("#!/bin/sh\ntouch %s\n" % marker)
    os.chmod(noexec, 0o644)
    p = run_exec([w.src, "--rw", rw, "--", noexec])
    t.eq(p.returncode, 126, "command not executable: exit status 126")
    t.ok(not os.path.exists(marker), "command not executable: it did not run")

    env = dict(os.environ, PATH=w.path("empty-path"))
    p = run_exec([w.src, "--rw", rw, "--", shutil.which("touch"), marker], env=env)
    t.eq(p.returncode, 1, "no bwrap in PATH: exit status 1 (fails closed)")
    t.ok("bubblewrap" in text(p.stderr), "no bwrap in PATH: the message names bubblewrap",
         text(p.stderr))
    t.ok(not os.path.exists(marker), "no bwrap in PATH: the command did not run")

    p = run_exec([w.src, "--at", os.path.join(w.src, "app"), "--rw", rw, "--"] + touch)
    t.eq(p.returncode, 1, "--at inside SOURCE: refused with status 1")
    t.ok("overlaps" in text(p.stderr), "--at inside SOURCE: the message says why",
         text(p.stderr))
    t.ok(not os.path.exists(marker), "--at inside SOURCE: the command did not run")
    nothing_left(t, w, "errors before COMMAND")


def unreachable_dirs(t, pol, rng):
    """Issue 15: SOURCE, --at PATH and --rw DIR under a directory COMMAND's
    user cannot search (a mktemp -d directory, and one under /root, both
    0700) work: COMMAND reads the view there and writes in DIR, and sees
    nothing else of the covered directory. A COMMAND root may run but the
    user may not gives 126 and a message naming the directory and mode."""
    parents = [("mktemp -d", tempfile.mkdtemp(prefix="redactfs-exec-0700-")),
               ("/root", tempfile.mkdtemp(prefix="redactfs-exec-", dir="/root"))]
    try:
        for label, base in parents:
            t.eq(os.stat(base).st_mode & 0o777, 0o700, "%s: the parent is 0700" % label)
            src, at, out = (os.path.join(base, n) for n in ("proj", "at", "out"))
            for d in (src, at, out):
                os.mkdir(d)
            os.chmod(out, 0o777)
            email, phone = make_email(rng), make_mobile(rng)
            with open(os.path.join(src, "notes.txt"), "w") as f:
                f.write("Write to %s or call %s.\n" % (email, phone))
            with open(os.path.join(base, "sibling-secret.txt"), "w") as f:
                f.write("%s\n" % email)
            rc_, want, err = mount.redact_bytes(os.path.join(src, "notes.txt"), "/notes.txt",
                                                policy=pol)
            if not t.ok(rc_ == 0 and want, "%s: redact masks the file" % label, err):
                continue
            script = ("cat notes.txt; cat %s/notes.txt; echo written > %s/marker; "
                      "ls -A %s; cat %s/sibling-secret.txt"
                      % (at, out, base, base))
            p = mount.run(exec_argv(["-o", "policy=" + pol, src, "--at", at, "--rw", out,
                                     "--", "sh", "-c", script]), timeout=60, cwd=src)
            err = text(p.stderr)
            t.ok(b"Can't find source path" not in p.stderr,
                 "%s: bwrap finds SOURCE, PATH and DIR" % label, err)
            t.ok(p.stdout.startswith(want + want),
                 "%s: COMMAND, started in SOURCE, reads redact's output at SOURCE and PATH"
                 % label, text(p.stdout)[:400] + err)
            t.ok(os.path.exists(os.path.join(out, "marker")),
                 "%s: COMMAND writes in the --rw DIR" % label, err)
            listing = p.stdout[2 * len(want):].decode(errors="replace").split()
            t.eq(sorted(listing), ["at", "out", "proj"],
                 "%s: the covered directory shows only the way down" % label)
            t.ok(email.encode() not in p.stdout and phone.encode() not in p.stdout,
                 "%s: no raw value reaches COMMAND (sibling file unseen)" % label)
            t.eq(p.returncode, 1, "%s: COMMAND's own status (cat of the unseen sibling "
                 "fails) comes back" % label)
            nothing_left_at(t, src, base, label)

            tool = os.path.join(base, "tool.sh")
            with open(tool, "w") as f:
                f.write("#!/bin/sh\necho ran\n")
            os.chmod(tool, 0o755)
            p = mount.run(exec_argv(["-o", "policy=" + pol, src, "--", tool]), timeout=60)
            err = text(p.stderr)
            t.eq(p.returncode, 126, "%s: a COMMAND under the 0700 directory: 126" % label)
            t.ok(base in err and "drwx------" in err and b"ran" not in p.stdout,
                 "%s: the message names the directory and its mode; nothing ran" % label,
                 err)
            bindir = os.path.join(base, "bin")
            os.mkdir(bindir)
            shutil.copy(tool, os.path.join(bindir, "tool-in-path.sh"))
            p = mount.run(exec_argv(["-o", "policy=" + pol, src, "--env",
                                     "PATH=%s:/usr/bin:/bin" % bindir, "--",
                                     "tool-in-path.sh"]), timeout=60)
            err = text(p.stderr)
            t.eq(p.returncode, 126, "%s: a COMMAND found in PATH under the 0700 directory: "
                 "126" % label)
            t.ok("tool-in-path.sh" in err and "cannot be run" in err
                 and b"ran" not in p.stdout,
                 "%s: ... with a message that it cannot be run by the user" % label, err)

        only_root = os.path.join(parents[0][1], "root-only.sh")
        with open(only_root, "w") as f:
            f.write("#!/bin/sh\necho ran\n")
        os.chmod(only_root, 0o700)
        open_dir = tempfile.mkdtemp(prefix="redactfs-exec-open-")
        os.chmod(open_dir, 0o755)
        try:
            tool = os.path.join(open_dir, "root-only.sh")
            shutil.copyfile(only_root, tool)
            os.chmod(tool, 0o700)
            src = os.path.join(parents[0][1], "proj")
            p = mount.run(exec_argv(["-o", "policy=" + pol, src, "--", tool]), timeout=60)
            err = text(p.stderr)
            t.eq(p.returncode, 126, "a COMMAND of mode 0700 (root may run it, USER not): 126")
            t.ok(tool in err and "cannot be run" in err and b"ran" not in p.stdout,
                 "a COMMAND of mode 0700: the message says it cannot be run", err)
        finally:
            shutil.rmtree(open_dir, ignore_errors=True)
    finally:
        for _, base in parents:
            if not redactfs_mounts(os.path.join(base, "proj")):
                shutil.rmtree(base, ignore_errors=True)


def nothing_left_at(t, src, base, label):
    t.eq(redactfs_mounts(src), [], "%s: no redactfs mount left on the host" % label)
    t.eq(wait_no_procs(base), [], "%s: no process of the run left" % label)


def body(t):
    if shutil.which("bwrap") is None:
        t.ok(False, "bwrap (Debian package bubblewrap) is installed",
             "redactfs exec needs it; .ci/install-deps.sh installs it")
        return
    rng = random.Random(6006)
    with mount.Workdir(prefix="redactfs-exec-") as w:
        mount.open_to_all(w.base)  # COMMAND (nobody) must reach SOURCE and PATH
        secrets = make_tree(w, rng)
        pol = install_policy(w)
        before = mount.tree_digest(w.src)
        rc, want, err = mount.redact_bytes(os.path.join(w.src, REL), "/" + REL, policy=pol)
        if not t.ok(rc == 0 and want and all(s.encode() not in want for s in secrets),
                    "redact masks the invented file under sandbox.ini", err):
            return
        with t.guard("view"):
            view(t, w, pol, want, secrets)
        with t.guard("escapes"):
            escapes(t, w, pol, want, secrets)
        with t.guard("statuses"):
            statuses(t, w, pol, secrets)
        with t.guard("killed"):
            killed(t, w, pol, secrets)
        with t.guard("killed, signals ignored by the caller"):
            killed(t, w, pol, secrets, "ignored")
        with t.guard("killed, under nohup"):
            killed(t, w, pol, secrets, "nohup")
        with t.guard("identity"):
            identity(t, w, pol, want, secrets)
        with t.guard("environment"):
            environment(t, w, pol)
        with t.guard("reach from host"):
            reach_from_host(t, w, pol, want, secrets)
        with t.guard("inherited fds"):
            inherited_fds(t, w, pol, secrets)
        with t.guard("connection aborted"):
            view_aborted(t, w, pol)
        with t.guard("before command"):
            before_command(t, w, pol)
        with t.guard("code"):
            code_runs(t, pol, rng)
        with t.guard("directories the user cannot search"):
            unreachable_dirs(t, pol, rng)
        t.eq(mount.tree_digest(w.src), before, "SOURCE is unchanged")


tap.main(body)

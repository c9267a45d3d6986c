"""test_install.py — redactfs as an administrator installs and mounts it:
`meson install`, the man pages, `mount -t fuse.redactfs` and an fstab line.

usage: test_install.py BUILD_DIR SOURCE_DIR VERSION man|no-man
with the programs under test in the environment (REDACTFS, REDACT,
PREADCHECK, EXAMPLES: tests/lib/mount.py binaries(), docs/testing.md).

What it checks, through the real tools, as root:
1. `meson install --no-rebuild --destdir TMP -C BUILD_DIR` puts redactfs,
   redact, the three man pages, the example policies and the example
   systemd units where the build's prefix says; `--version` of both
   installed binaries prints the project's version; each installed
   example policy passes the installed `redact --check` (analysts.ini,
   where this machine has no group hr, must be refused at its
   unmask_groups line and pass with a number in the group's place).
2. Each man page renders with man(1) and groff without a warning and has
   its sections; every option of `redactfs --help` and `redact --help`
   appears in its page; every section, key and value word the policy
   parser accepts (read from policy/*.c here, so a key added without docs
   fails) and every detector appears in redactfs.ini(5); the policy in
   its EXAMPLES passes `redact --check`.
3. A plain `redactfs -f SRC MNT`: findmnt shows fuse.redactfs and SRC,
   df shows SRC.
4. `mount -t fuse.redactfs SRC MNT -o policy=FILE` and `mount -T FSTAB MNT`
   (a private fstab) mount the installed binary through mount(8) and
   mount.fuse3: findmnt shows fuse.redactfs and SRC, df shows SRC, a read
   gives `redact`'s output, a write fails (the mount stays read-only
   although mount(8) passes "rw"), `umount` unmounts and the daemon ends.

mount(8) removes PATH from its helpers' environment (util-linux's
sanitize_env), so mount.fuse3's /bin/sh finds redactfs only in the shell's
default path (/usr/local/bin, ...). The mounts therefore run in a private
mount namespace (unshare --mount --propagation private) in which the
installed bin directory is bind-mounted on /usr/local/bin: nothing is
installed on the host and nothing mounted there leaks out. Every command
in it runs through nsenter with a timeout; every mount is removed in a
finally, and every process left in the namespace is ended by its pid.
"""
import glob
import json
import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import cn_id_check  # noqa: E402
import manpage  # noqa: E402
import mountns  # noqa: E402

if len(sys.argv) != 5:
    print("usage: test_install.py BUILD_DIR SOURCE_DIR VERSION man|no-man", file=sys.stderr)
    sys.exit(2)
BUILD, SRCROOT, VERSION, MAN_FLAG = sys.argv[1:5]
BUILD = os.path.abspath(BUILD)
SRCROOT = os.path.abspath(SRCROOT)

TOOLS = ["meson", "mount", "umount", "findmnt", "df", "unshare", "nsenter", "man", "groff",
         "fusermount3"]
MAN_PAGES = {  # installed page -> sections it must have
    "man1/redactfs.1": ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS",
                        "MOUNTING FROM /etc/fstab", "EXIT STATUS", "CAVEATS", "FILES",
                        "SEE ALSO"],
    "man1/redact.1": ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "CAVEATS",
                      "EXAMPLES", "SEE ALSO"],
    "man5/redactfs.ini.5": ["NAME", "SYNOPSIS", "DESCRIPTION", "SECTIONS", "GLOBS",
                            "DETECTORS", "ERRORS", "EXAMPLES", "FILES", "SEE ALSO"],
}
SYSTEMD_EXAMPLES = ["redactfs@.service", "redactfs-example.conf", "srv-masked.mount"]
# Where mount.fuse3's /bin/sh (PATH unset: dash's default path) looks first.
SHELL_BIN = "/usr/local/bin"

# Invented values (valid check digits).
EMAIL = "lena.marsh.42@example.org"
PHONE = "13912345678"
CN_ID = "11010519850612342" + cn_id_check("11010519850612342")
NOTES = ("Kundin %s, Telefon %s\nID %s, order ORD0012345678 ok\n" % (EMAIL, PHONE, CN_ID))
NOTES_LINE1_MASKED = "Kundin %s, Telefon %s\n" % ("*" * len(EMAIL), "*" * len(PHONE))
PUBLIC = "Press contact: press@example.com\n"
SECRETS = [EMAIL, PHONE, CN_ID]
POLICY = """[global]
default = redact
binary = deny

[path:/public/**]
mode = allow

[path:/secret/**]
mode = deny
"""


# ---- 1. meson install ---------------------------------------------------------

def build_options():
    p = mount.run(["meson", "introspect", "--buildoptions", BUILD], timeout=120)
    if p.returncode != 0:
        raise RuntimeError("meson introspect failed: %s" % p.stderr.decode(errors="replace"))
    return {o["name"]: o["value"] for o in json.loads(p.stdout)}


def under(dest, prefix, path):
    """DESTDIR + an install path (absolute, or relative to prefix)."""
    full = path if os.path.isabs(path) else os.path.join(prefix, path)
    return os.path.join(dest, full.lstrip("/"))


def check_install(t, w):
    """Installs into w/dest; returns the paths the other parts need."""
    dest = w.path("dest")
    p = mount.run(["meson", "install", "--no-rebuild", "--quiet", "--destdir", dest, "-C", BUILD],
                  timeout=240)
    t.ok(p.returncode == 0, "meson install --no-rebuild --destdir TMP -C BUILD succeeds",
         (p.stdout + p.stderr).decode(errors="replace")[-3000:])
    opts = build_options()
    prefix = opts["prefix"]
    where = {
        "bin": under(dest, prefix, opts["bindir"]),
        "man": under(dest, prefix, opts["mandir"]),
        "examples": under(dest, prefix, os.path.join(opts["datadir"], "doc", "redactfs",
                                                     "examples")),
    }
    for name in ("redactfs", "redact"):
        exe = os.path.join(where["bin"], name)
        t.ok(os.path.isfile(exe) and os.access(exe, os.X_OK),
             "installed: %s is an executable in bindir" % name, "missing: %s" % exe)
        if os.access(exe, os.X_OK):
            v = mount.run([exe, "--version"], timeout=20)
            out = v.stdout.decode(errors="replace")
            first = out.splitlines()[0] if out else ""
            t.ok(v.returncode == 0 and re.search(r"\b%s\b" % re.escape(VERSION), first),
                 "installed %s --version prints the project version %s" % (name, VERSION),
                 "rc %d, first line %r" % (v.returncode, first))
    if MAN_FLAG != "man":
        t.ok(False, "the man pages were built",
             "they were not: scdoc was not found when the build was configured, or it was "
             "configured with -Dman=disabled. Install scdoc (Debian: apt-get install scdoc) and "
             "reconfigure (meson setup --reconfigure BUILD -Dman=enabled).")
    for page in MAN_PAGES:
        path = os.path.join(where["man"], page)
        t.ok(os.path.isfile(path) and os.path.getsize(path) > 0,
             "installed: man page %s in mandir" % page, "missing: %s" % path)
    shipped = sorted(glob.glob(os.path.join(SRCROOT, "examples", "policies", "*.ini")))
    t.ok(len(shipped) >= 3, "the source tree has example policies (%d)" % len(shipped))
    for src in shipped:
        name = os.path.basename(src)
        inst = os.path.join(where["examples"], name)
        same = os.path.isfile(inst) and open(inst, "rb").read() == open(src, "rb").read()
        mode = os.stat(inst).st_mode & 0o777 if os.path.exists(inst) else None
        t.ok(same and mode == 0o644,
             "installed: example policy %s, same bytes, mode 0644" % name,
             "at %s: present %s, mode %s" % (inst, os.path.exists(inst),
                                             oct(mode) if mode is not None else None))
    for name in SYSTEMD_EXAMPLES:
        src = os.path.join(SRCROOT, "docs", "systemd", name)
        inst = os.path.join(where["examples"], "systemd", name)
        same = os.path.isfile(inst) and open(inst, "rb").read() == open(src, "rb").read()
        t.ok(same, "installed: example systemd file systemd/%s" % name, "at %s" % inst)
    # The installed policies load as shipped (analysts.ini with its key).
    key = os.path.join(where["examples"], "analysts.key")
    if os.path.isdir(where["examples"]):
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
    redact = os.path.join(where["bin"], "redact")
    for src in shipped:
        name = os.path.basename(src)
        inst = os.path.join(where["examples"], name)
        if name == "analysts.ini" and os.path.isfile(inst):
            # It names the group hr, which this machine may not have: then
            # the installed file must be refused at that line, and pass
            # with a number in its place (a copy, next to a copy of its
            # key; the installed tree is left as installed).
            here = w.path("analysts-here")
            os.makedirs(here, exist_ok=True)
            shutil.copy2(key, os.path.join(here, "analysts.key"))  # keeps 0600
            fitted = os.path.join(here, name)
            shutil.copyfile(inst, fitted)
            os.chmod(fitted, 0o644)
            mount.unmask_group_here(t, inst, "installed analysts.ini", out=fitted, redact=redact)
            inst = fitted
        p = mount.run([redact, "--check", "-p", inst], timeout=30)
        t.ok(p.returncode == 0, "installed %s passes the installed redact --check" % name,
             (p.stdout + p.stderr).decode(errors="replace"))
    return where


# ---- 2. man pages ---------------------------------------------------------------

def check_man_pages(t, w, where):
    if not os.path.isdir(where["man"]):
        t.ok(False, "man pages: mandir exists in DESTDIR", where["man"])
        return
    pages = {}
    for page, wanted in MAN_PAGES.items():
        path = os.path.join(where["man"], page)
        if not os.path.isfile(path):
            continue  # already a failed case in check_install
        rc, text, err = manpage.render(path)
        t.ok(rc == 0 and len(text) > 500 and not err.strip(),
             "man -l %s renders without a message" % page, "rc %d, stderr: %s" % (rc, err))
        g = mount.run(["groff", "-k", "-man", "-ww", "-z", "-Tutf8", path], timeout=60)
        gerr = (g.stdout + g.stderr).decode(errors="replace")
        t.ok(g.returncode == 0 and not gerr.strip(),
             "groff -ww finds nothing to warn about in %s" % page, gerr)
        have = manpage.headings(text)
        t.ok(all(s in have for s in wanted),
             "%s has the sections %s" % (page, ", ".join(wanted)),
             "missing: %s; found: %s" % ([s for s in wanted if s not in have], have))
        pages[page] = text

    bin_redactfs = os.path.join(where["bin"], "redactfs")
    bin_redact = os.path.join(where["bin"], "redact")
    text = pages.get("man1/redactfs.1")
    if text is not None:
        h = mount.run([bin_redactfs, "--help"], timeout=20)
        words = manpage.redactfs_help_words(h.stdout.decode(errors="replace"))
        t.ok(h.returncode == 0 and len(words) >= 40,
             "redactfs --help names its options (%d found)" % len(words), sorted(words))
        absent = sorted(x for x in words if not manpage.has_word(text, x))
        t.ok(not absent, "every option of redactfs --help appears in redactfs(1) (%d)"
             % len(words), "not in the page: %s" % absent)
    text = pages.get("man1/redact.1")
    if text is not None:
        h = mount.run([bin_redact, "--help"], timeout=20)
        words = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", h.stdout.decode()))
        t.ok(h.returncode == 0 and {"--policy", "--check", "-p"} <= words,
             "redact --help names its options (%d found)" % len(words), sorted(words))
        absent = sorted(x for x in words if not manpage.has_word(text, x))
        t.ok(not absent, "every option of redact --help appears in redact(1) (%d)" % len(words),
             "not in the page: %s" % absent)
    text = pages.get("man5/redactfs.ini.5")
    if text is not None:
        sections, keys, values = manpage.parser_words(SRCROOT)
        absent = []
        for s in sorted(sections):
            want = "[%s]" % s if not s.endswith(":") else "[%s" % s
            if want not in text:
                absent.append(want)
        for k in sorted(keys):
            if k.endswith("."):  # action.DETECTOR, label.DETECTOR
                if not re.search(re.escape(k) + r"[A-Z]", text):
                    absent.append(k + "DETECTOR")
            elif not manpage.has_word(text, k):
                absent.append(k)
        absent += [v for v in sorted(values) if not manpage.has_word(text, v)]
        t.ok(not absent, "every section, key and value word the parser accepts appears in "
             "redactfs.ini(5) (%d sections, %d keys, %d values)"
             % (len(sections), len(keys), len(values)), "not in the page: %s" % absent)
        p = mount.run([bin_redact, "--list-detectors"], timeout=30)
        dets = [ln.split()[0] for ln in p.stdout.decode(errors="replace").splitlines()
                if ln.strip()]
        absent = [d for d in dets if not manpage.has_word(text, d)]
        t.ok(p.returncode == 0 and len(dets) >= 20 and not absent,
             "every detector of redact --list-detectors appears in redactfs.ini(5) (%d)"
             % len(dets), "not in the page: %s" % absent)
        example = manpage.section_text(text, "EXAMPLES")
        lines = [x for x in example if x.strip()]
        indent = min((len(x) - len(x.lstrip()) for x in lines), default=0)
        pol = w.path("man-example.ini")
        with open(pol, "w", encoding="utf-8") as f:
            f.write("\n".join(x[indent:] for x in example) + "\n")
        os.chmod(pol, 0o644)
        p = mount.run([bin_redact, "--check", "-p", pol], timeout=30)
        t.ok(len(lines) > 5 and p.returncode == 0,
             "the policy in redactfs.ini(5) EXAMPLES passes redact --check",
             (p.stdout + p.stderr).decode(errors="replace"))


# ---- 3 and 4. findmnt and df; mount(8) in a private mount namespace ------------------------------

def check_mounted_view(t, ns, label, src, mnt, pol):
    """The checks made on a mount made by mount(8), then its umount."""
    p = ns.run(["findmnt", "-n", "-o", "FSTYPE,SOURCE,OPTIONS", mnt], timeout=20)
    fields = p.stdout.decode(errors="replace").split()
    t.ok(p.returncode == 0 and fields[:2] == ["fuse.redactfs", src],
         "%s: findmnt shows type fuse.redactfs and source %s" % (label, src),
         "findmnt: %r" % p.stdout)
    mopts = fields[2].split(",") if len(fields) > 2 else []
    t.ok({"ro", "nosuid", "nodev"} <= set(mopts),
         "%s: the mount is ro,nosuid,nodev" % label, "options: %s" % mopts)
    p = ns.run(["df", "-P", mnt], timeout=20)
    rows = [x.split() for x in p.stdout.decode(errors="replace").splitlines()[1:]]
    t.ok(p.returncode == 0 and len(rows) == 1 and rows[0][0] == src and rows[0][-1] == mnt,
         "%s: df names %s as the filesystem" % (label, src), "df: %r" % p.stdout)

    pid = mountns.daemon_pid(ns, mnt)
    cmdline = b""
    if pid:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmdline = f.read()
    args = cmdline.split(b"\0")
    o = args[args.index(b"-o") + 1].split(b",") if b"-o" in args else []
    t.ok(pid and b"rw" in o and os.path.basename(args[0]) == b"redactfs",
         "%s: mount.fuse3 ran redactfs with -o rw,... (the mount is ro all the same)" % label,
         "daemon pid %s, argv %r" % (pid, args))

    rc, want, err = mount.redact_bytes(os.path.join(src, "notes.txt"), "/notes.txt", pol)
    p = ns.run(["cat", os.path.join(mnt, "notes.txt")], timeout=30)
    t.ok(rc == 0 and p.returncode == 0 and p.stdout == want,
         "%s: cat MNT/notes.txt gives redact's output" % label,
         "redact rc %d %s\n%s" % (rc, err, tap.describe_diff(p.stdout, want)))
    t.ok(p.stdout.decode(errors="replace").startswith(NOTES_LINE1_MASKED)
         and not any(s.encode() in p.stdout for s in SECRETS),
         "%s: the e-mail and phone are masked (written by hand); no raw value" % label,
         repr(p.stdout))
    p = ns.run(["cat", os.path.join(mnt, "public", "press.txt")], timeout=30)
    t.ok(p.returncode == 0 and p.stdout == PUBLIC.encode(),
         "%s: an allow path is served raw" % label, repr(p.stdout))
    p = ns.run(["cat", os.path.join(mnt, "secret", "plan.txt")], timeout=30)
    t.ok(p.returncode != 0 and b"Permission denied" in p.stderr and not p.stdout,
         "%s: a deny path is refused (EACCES)" % label, repr(p.stdout + p.stderr))

    p = ns.run(["sh", "-c", 'echo x > "$1"', "sh", os.path.join(mnt, "new.txt")], timeout=30)
    t.ok(p.returncode != 0 and b"Read-only file system" in p.stderr,
         "%s: creating a file fails with EROFS" % label, repr(p.stderr))
    p = ns.run(["sh", "-c", 'echo x >> "$1"', "sh", os.path.join(mnt, "notes.txt")], timeout=30)
    t.ok(p.returncode != 0 and b"Read-only file system" in p.stderr,
         "%s: appending to a file fails with EROFS" % label, repr(p.stderr))
    t.ok(not os.path.exists(os.path.join(src, "new.txt"))
         and open(os.path.join(src, "notes.txt")).read() == NOTES,
         "%s: SOURCE is unchanged" % label)
    t.ok(not mount.mounted(mnt), "%s: the mount is not visible outside the namespace" % label)

    p = ns.run(["umount", mnt], timeout=30)
    t.ok(p.returncode == 0 and not mountns.ns_mounted(ns, mnt),
         "%s: umount MNT unmounts" % label, (p.stdout + p.stderr).decode(errors="replace"))
    deadline = time.monotonic() + 15
    while pid and mountns.alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    t.ok(pid and not mountns.alive(pid), "%s: the daemon exits after the umount" % label,
         "pid %s still running" % pid)


def sanitizer_reports(logdir):
    out = []
    for f in sorted(glob.glob(os.path.join(logdir, "*"))):
        with open(f, errors="replace") as fh:
            out.append("%s:\n%s" % (f, fh.read()[-3000:]))
    return out


def check_mounts(t, w, where):
    bindir = where["bin"]
    if not os.path.isfile(os.path.join(bindir, "redactfs")):
        t.ok(False, "mount -t fuse.redactfs: the installed redactfs exists", bindir)
        return
    if not os.path.isdir(SHELL_BIN):
        t.ok(False, "mount -t fuse.redactfs: %s exists to bind the installed bindir on"
             % SHELL_BIN)
        return
    src = os.path.realpath(w.src)
    mnt = os.path.realpath(w.mnt)
    pol = w.path("policy.ini")
    fstab = w.path("fstab")
    with open(fstab, "w") as f:
        f.write("# a private fstab for `mount -T`\n"
                "%s %s fuse.redactfs policy=%s,allow_other,default_permissions,_netdev,"
                "nofail,relatime,x-systemd.requires-mounts-for=%s 0 0\n" % (src, mnt, pol, src))
    # Sanitizer reports of the daemon (stderr is /dev/null once it is in
    # the background) go to files; mount(8) keeps these variables.
    logdir = w.path("sanitizer")
    os.mkdir(logdir)
    env = dict(os.environ)
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        env[var] = ":".join(x for x in (os.environ.get(var, ""),
                                        "log_path=%s/%s" % (logdir, var[:5].lower())) if x)

    with mountns.Namespace(env) as ns:
        try:
            p = ns.run(["mount", "--bind", bindir, SHELL_BIN], timeout=20)
            t.ok(p.returncode == 0, "namespace: the installed bindir is bound on %s" % SHELL_BIN,
                 p.stderr.decode(errors="replace"))

            p = ns.run(["mount", "-t", "fuse.redactfs", src, mnt, "-o", "policy=" + pol],
                       timeout=60)
            if t.ok(p.returncode == 0 and mountns.ns_mounted(ns, mnt),
                    "mount -t fuse.redactfs SRC MNT -o policy=FILE mounts (through mount.fuse3)",
                    (p.stdout + p.stderr).decode(errors="replace")):
                check_mounted_view(t, ns, "mount -t", src, mnt, pol)

            p = ns.run(["mount", "-T", fstab, mnt], timeout=60)
            if t.ok(p.returncode == 0 and mountns.ns_mounted(ns, mnt),
                    "mount -T FSTAB MNT mounts the fstab line (_netdev, nofail, relatime, "
                    "x-systemd.*)", (p.stdout + p.stderr).decode(errors="replace")):
                q = ns.run(["findmnt", "-n", "-o", "OPTIONS", mnt], timeout=20)
                o = q.stdout.decode().strip().split(",")
                t.ok("allow_other" in o and "default_permissions" in o,
                     "fstab: allow_other and default_permissions reach the mount", repr(o))
                check_mounted_view(t, ns, "fstab", src, mnt, pol)
        finally:
            gone = mountns.ns_unmount(ns, mnt)
            left = [pid for pid in ns.pids() if mountns.alive(pid)]
            t.ok(gone and not left, "namespace: nothing left mounted at MNT, no process left",
                 "mounted: %s, processes: %s" % (not gone, left))
    reports = sanitizer_reports(logdir)
    t.ok(not reports, "no sanitizer report from the daemons", "\n".join(reports))


def make_tree(w):
    """The invented SOURCE tree and its policy (WORK/policy.ini)."""
    w.write("notes.txt", NOTES)
    w.write("public/press.txt", PUBLIC)
    w.write("secret/plan.txt", "plan: call %s\n" % PHONE)
    pol = w.path("policy.ini")
    with open(pol, "w") as f:
        f.write(POLICY)
    os.chmod(pol, 0o644)


def check_plain_mount(t, w):
    """findmnt and df on a mount made by `redactfs -f SOURCE MOUNTPOINT`."""
    src = os.path.realpath(w.src)
    mnt = os.path.realpath(w.mnt)
    with mount.Mount(t, src, mnt, policy=w.path("policy.ini"), secrets=SECRETS,
                     label="redactfs -f SRC MNT"):
        p = mount.run(["findmnt", "-n", "-o", "FSTYPE,SOURCE", mnt], timeout=20)
        t.ok(p.returncode == 0 and p.stdout.decode().split() == ["fuse.redactfs", src],
             "redactfs -f SRC MNT: findmnt shows type fuse.redactfs and source SRC",
             repr(p.stdout))
        p = mount.run(["df", "-P", mnt], timeout=20)
        rows = [x.split() for x in p.stdout.decode(errors="replace").splitlines()[1:]]
        t.ok(p.returncode == 0 and len(rows) == 1 and rows[0][0] == src and rows[0][-1] == mnt,
             "redactfs -f SRC MNT: df names SRC as the filesystem", repr(p.stdout))


def body(t):
    if os.geteuid() != 0:
        t.ok(False, "runs as root", "mount(8), unshare and nsenter need root: run as root")
        return
    missing = [x for x in TOOLS if shutil.which(x) is None]
    if not os.path.exists("/sbin/mount.fuse") and not os.path.exists("/sbin/mount.fuse3"):
        missing.append("/sbin/mount.fuse3 (package fuse3)")
    if not t.ok(not missing, "the tools are installed",
                "missing: %s (see .ci/install-deps.sh)" % missing):
        return
    with mount.Workdir(prefix="redactfs-install-") as w:
        os.chmod(w.base, 0o755)
        where = check_install(t, w)
        with t.guard("man pages"):
            check_man_pages(t, w, where)
        make_tree(w)
        with t.guard("redactfs -f SRC MNT"):
            check_plain_mount(t, w)
        with t.guard("mounts through mount(8)"):
            check_mounts(t, w, where)


tap.main(body)

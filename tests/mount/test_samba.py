#!/usr/bin/env python3
"""test_samba.py — the contractors' share over the network: a redactfs
mount (examples/policies/contractors.ini, allow_other,default_permissions)
exported by Samba's smbd on 127.0.0.1, read with smbclient as a guest and
as a contractor account.

What it checks, each through SMB:
- files fetched with `get` are exactly what `redact` prints for them (the
  one definition of output), hold none of the raw invented values, and a
  ticket is masked as written by hand; a 300 KB file read in SMB-sized
  pieces is the same too;
- a denied file (/finance/*) and a binary file are NT_STATUS_ACCESS_DENIED,
  and nothing is written locally;
- the hidden /hr is not in the recursive listing, cannot be fetched or
  listed; /public comes raw;
- the read-only share refuses put, overwrite, rm and mkdir; a share that
  Samba would let write (read only = no, by mistake) still cannot change
  SOURCE: the mount answers EROFS (NT_STATUS_MEDIA_WRITE_PROTECTED);
- a contractor account (user name `contractor`, password in the test's own
  passdb) reads the same masked view; a wrong password and a guest on that
  share are refused;
- the audit log names the SMB callers' uids (the guest account's, the
  contractor's), so the mount saw who asked;
- SOURCE is unchanged (hash of the tree before and after), and smbd is
  stopped (its whole process group) before the mount is unmounted.

smbd runs with a generated smb.conf whose every path is in the test's temp
dir, on a free port of 127.0.0.1 only. No system user is added: Samba needs
a Unix account behind an SMB account, so `username map` maps `contractor`
to an existing unprivileged account (CONTRACTOR_UNIX), whose password lives
only in the temp dir's passdb. A missing smbd or smbclient fails the test.
"""
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402
from lib.values import big_text  # noqa: E402

SHARE = "contractors"            # guest, read only
AUTH_SHARE = "contractors-auth"  # the contractor account only, read only
RW_SHARE = "open-by-mistake"     # guest, read only = no: Samba would write
GUEST_UNIX = "nobody"
# Existing unprivileged accounts the contractor can be mapped to (no user
# is created); the first one present is used.
CONTRACTOR_UNIX = ("www-data", "daemon", "bin")
CONTRACTOR_PASS = "Inv3nted-Passw0rd"   # invented, lives in the temp passdb only
SBIN = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/bin", "/sbin"])

DENIED = "NT_STATUS_ACCESS_DENIED"
NOT_FOUND = ("NT_STATUS_OBJECT_PATH_NOT_FOUND", "NT_STATUS_OBJECT_NAME_NOT_FOUND",
             "NT_STATUS_NO_SUCH_FILE")
WRITE_PROTECTED = "NT_STATUS_MEDIA_WRITE_PROTECTED"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smb_conf(d, port, share_path, usermap, contractor_unix):
    """A private smb.conf: every path under d, loopback only, no NetBIOS,
    no printers."""
    dirs = {k: os.path.join(d, k) for k in ("private", "lock", "state", "cache", "pid",
                                            "ncalrpc", "bind-dns", "usershares")}
    for p in dirs.values():
        os.makedirs(p, exist_ok=True)
    return """\
[global]
  server role = standalone server
  smb ports = {port}
  bind interfaces only = yes
  interfaces = lo
  disable netbios = yes
  map to guest = Bad User
  guest account = {guest}
  username map = {usermap}
  private dir = {private}
  lock directory = {lock}
  state directory = {state}
  cache directory = {cache}
  pid directory = {pid}
  ncalrpc dir = {ncalrpc}
  binddns dir = {bind-dns}
  usershare path = {usershares}
  log file = {d}/log.smbd
  log level = 1
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes

[{share}]
  path = {path}
  read only = yes
  guest ok = yes
  browseable = yes

[{auth_share}]
  path = {path}
  read only = yes
  guest ok = no
  valid users = {contractor_unix}
  browseable = no

[{rw_share}]
  comment = a mistake on purpose: Samba would write here, the mount does not
  path = {path}
  read only = no
  guest ok = yes
  browseable = no
""".format(port=port, guest=GUEST_UNIX, usermap=usermap, d=d, path=share_path,
           share=SHARE, auth_share=AUTH_SHARE, rw_share=RW_SHARE,
           contractor_unix=contractor_unix, **dirs)


def living_in_group(pgid):
    """Pids of processes in process group pgid that are not zombies."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state ppid pgrp ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(name))
    return pids


class Smbd:
    """`with Smbd(t, smbd, conf, port, log) as s:` starts smbd in the
    foreground in a process group of its own, waits until the port accepts,
    and ALWAYS stops the whole group on exit (TERM, then KILL); one TAP case
    says it is gone."""

    def __init__(self, t, exe, conf, port, log):
        self.t, self.exe, self.conf, self.port, self.log = t, exe, conf, port, log
        self.proc = None

    def __enter__(self):
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [self.exe, "--foreground", "--no-process-group", "--debug-stdout",
                 "--configfile=" + self.conf],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, cwd=os.path.dirname(self.conf))
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                self.__exit__(None, None, None)
                raise RuntimeError("smbd exited with %s before listening:\n%s"
                                   % (self.proc.returncode, self.log_text()[-2000:]))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError("smbd not listening on port %d after 30 s:\n%s"
                                   % (self.port, self.log_text()[-2000:]))
            time.sleep(0.1)

    def log_text(self):
        with open(self.log, "rb") as f:
            return f.read().decode(errors="replace")

    def __exit__(self, *exc):
        if self.proc is None:
            return False
        pgid = self.proc.pid  # start_new_session: smbd leads its own group
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if self.proc.poll() is not None and not living_in_group(pgid):
                    break
                time.sleep(0.1)
            if self.proc.poll() is not None and not living_in_group(pgid):
                break
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        left = living_in_group(pgid)
        refused = False
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            refused = True
        self.t.ok(not left and refused, "smbd stopped: no process of its group is left, "
                  "the port is closed", "left: %r, port refused: %s" % (left, refused))
        self.proc = None
        return False


class Client:
    """smbclient against the test's smbd, each call with a timeout."""

    def __init__(self, exe, conf, port, workdir):
        self.exe, self.conf, self.port, self.workdir = exe, conf, port, workdir

    def __call__(self, share, command, user=None, password=None, timeout=30):
        """Runs `smbclient //127.0.0.1/SHARE -c COMMAND` as a guest (-N) or
        as user; returns (rc, stdout + stderr as text)."""
        cmd = [self.exe, "//127.0.0.1/" + share, "-p", str(self.port),
               "--configfile=" + self.conf, "-t", str(timeout)]
        env = dict(os.environ)
        if user is None:
            cmd.append("-N")
        else:
            cmd += ["-U", user]
            env["PASSWD"] = password  # not on the command line
        p = mount.run(cmd + ["-c", command], timeout=timeout + 10, cwd=self.workdir, env=env)
        return p.returncode, (p.stdout + p.stderr).decode(errors="replace")

    def get(self, share, rel, local, **kw):
        """Fetches REL to LOCAL; returns (rc, output, bytes or None)."""
        with_slashes = rel.replace("/", "\\")
        rc, out = self(share, 'get "%s" "%s"' % (with_slashes, local), **kw)
        data = None
        if os.path.exists(local):
            with open(local, "rb") as f:
                data = f.read()
        return rc, out, data


def parse_recursive_ls(text):
    """Paths (relative, '/'-separated) in the output of `recurse; ls`."""
    paths, cur = set(), ""
    for line in text.splitlines():
        m = re.match(r"^\\(.*)$", line)
        if m:
            cur = m.group(1).replace("\\", "/")
            continue
        m = re.match(r"^  (\S.*?)\s+([DAHSRN]+)\s+\d+\s+\w{3} \w{3} [ \d]\d ", line)
        if m and m.group(1) not in (".", ".."):
            paths.add((cur + "/" + m.group(1)) if cur else m.group(1))
    return paths


def mount_options(path):
    """Mount and super options of the mount at path (/proc/self/mountinfo)."""
    path = os.path.realpath(path)
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
        for line in f:
            a, _, b = line.partition(" - ")
            fields = a.split()
            if len(fields) > 5 and fields[4] == path:
                return set(fields[5].split(",")) | set(b.split()[-1].split(","))
    return set()


def find_tools(t):
    tools = {}
    for name, package in (("smbd", "samba"), ("smbclient", "smbclient"),
                          ("smbpasswd", "samba")):
        tools[name] = shutil.which(name, path=SBIN)
        t.ok(tools[name] is not None, "%s is installed" % name,
             "%s not found: install Debian's %s (.ci/install-deps.sh)" % (name, package))
    return tools if all(tools.values()) else None


def contractor_account(t):
    for name in CONTRACTOR_UNIX:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    t.ok(False, "an unprivileged Unix account for the contractor exists",
         "none of %s exists here" % (CONTRACTOR_UNIX,))
    return None


def leaks(data, values):
    return [v for v in values if v.encode() in data]


def body(t):
    tools = find_tools(t)
    contractor = contractor_account(t)
    if tools is None or contractor is None:
        return
    guest = pwd.getpwnam(GUEST_UNIX)
    rng = random.Random(20240615)
    with mount.Workdir() as w:
        mount.open_to_all(w.base)  # smbd serves as the guest / contractor uid
        pol = mount.install_policy(w, "contractors.ini", "etc")
        if not mount.check_policy(t, pol, "contractors"):
            return
        tree = mount.contractors_tree(w, rng)
        big, big_values = big_text(rng, 300_000)
        w.write("tickets/history.log", big)
        # A folder anyone may write in SOURCE: only the mount keeps it safe
        # from the share that is writable by mistake.
        drop = w.write("dropbox/inbox.txt", "nothing yet\n", mode=0o666)
        os.chmod(os.path.dirname(drop), 0o777)
        secrets = tree.secrets + ["Alice Chen", "Bob Li"]
        before = mount.tree_digest(w.src)

        smb = w.path("smb")
        os.makedirs(smb)
        usermap = os.path.join(smb, "users.map")
        with open(usermap, "w", encoding="utf-8") as f:
            f.write("%s = contractor\n" % contractor.pw_name)
        port = free_port()
        conf = os.path.join(smb, "smb.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(smb_conf(smb, port, w.mnt, usermap, contractor.pw_name))
        p = mount.run([tools["smbpasswd"], "-c", conf, "-a", "-s", contractor.pw_name],
                      input=("%s\n%s\n" % (CONTRACTOR_PASS, CONTRACTOR_PASS)).encode())
        t.ok(p.returncode == 0, "smbpasswd adds the contractor to the test's own passdb",
             (p.stdout + p.stderr).decode(errors="replace"))
        fetched = w.path("fetched")
        os.makedirs(fetched)
        smbc = Client(tools["smbclient"], conf, port, fetched)

        def local(name):
            return os.path.join(fetched, name)

        with t.guard("samba"), \
                mount.Mount(t, w.src, w.mnt, policy=pol, secrets=secrets, label="contractors",
                            opts=["allow_other", "default_permissions"]) as m, \
                Smbd(t, tools["smbd"], conf, port, os.path.join(smb, "smbd.out")) as smbd:
            opts = mount_options(m.mnt)
            t.ok({"allow_other", "default_permissions", "ro"} <= opts,
                 "the exported mount has allow_other, default_permissions and ro",
                 repr(sorted(opts)))

            # What a guest sees: the listing.
            rc, out = smbc(SHARE, "recurse; ls")
            listed = parse_recursive_ls(out)
            want = {"dropbox", "dropbox/inbox.txt", "finance", "finance/budget.csv",
                    "finance/invoices.txt", "public", "public/contact.txt", "tickets",
                    "tickets/4711.txt", "tickets/customers.csv", "tickets/history.log",
                    "tickets/photo.zip"}
            t.eq(sorted(listed), sorted(want), "guest: the recursive listing has every "
                 "path but /hr (hidden); /finance's names are listed")
            t.ok(rc == 0 and not [x for x in listed if x.split("/")[0] == "hr"],
                 "guest: nothing of /hr in the listing", out[-2000:])

            # Redacted files: exactly redact's output, no raw value.
            for rel, hand in (("tickets/4711.txt", tree.ticket_masked),
                              ("tickets/customers.csv", tree.customers_masked),
                              ("tickets/history.log", None)):
                rc, out, got = smbc.get(SHARE, rel, local(os.path.basename(rel)))
                rc2, want_bytes, err = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel,
                                                          policy=pol)
                t.ok(rc == 0 and rc2 == 0 and got is not None,
                     "guest: get /%s works" % rel, out[-1500:] + err)
                t.eq(got, want_bytes, "guest: /%s over SMB equals `redact -p contractors.ini "
                     "--path /%s`" % (rel, rel))
                if hand is not None:
                    t.eq(got, hand.encode(), "guest: /%s is masked as written by hand" % rel)
                values = secrets + (big_values if rel.endswith("history.log") else [])
                t.ok(got is not None and not leaks(got, values),
                     "guest: /%s holds no raw value" % rel,
                     "%d raw value(s)" % len(leaks(got or b"", values)))

            # Allowed: raw.
            rc, out, got = smbc.get(SHARE, "public/contact.txt", local("contact.txt"))
            t.eq(got, tree.public.encode(), "guest: /public/contact.txt comes raw (allow)")

            # Denied and binary: ACCESS_DENIED, nothing written locally.
            for rel, why in (("finance/budget.csv", "deny"), ("finance/invoices.txt", "deny"),
                             ("tickets/photo.zip", "binary = deny")):
                dst = local("denied-" + os.path.basename(rel))
                rc, out, got = smbc.get(SHARE, rel, dst)
                t.ok(rc != 0 and DENIED in out and got is None,
                     "guest: get /%s is %s (%s), no local file" % (rel, DENIED, why),
                     "rc=%d %s" % (rc, out[-1500:]))

            # Hidden: not found, by name or listing.
            for rel in ("hr/staff.csv", "hr"):
                dst = local("hidden-" + os.path.basename(rel))
                rc, out, got = smbc.get(SHARE, rel, dst)
                t.ok(rc != 0 and any(s in out for s in NOT_FOUND) and got is None,
                     "guest: get /%s is not found, no local file" % rel,
                     "rc=%d %s" % (rc, out[-1500:]))
            rc, out = smbc(SHARE, "ls hr\\*")
            t.ok(any(s in out for s in NOT_FOUND) and "staff.csv" not in out,
                 "guest: ls hr\\* finds nothing", out[-1500:])

            # Writes: refused by the read-only share ...
            src_file = local("upload.txt")
            with open(src_file, "w", encoding="utf-8") as f:
                f.write("uploaded by a contractor\n")
            for what, command in (("put a new file", 'put "%s" tickets\\new.txt' % src_file),
                                  ("overwrite a file", 'put "%s" tickets\\4711.txt' % src_file),
                                  ("rm", "rm tickets\\4711.txt"),
                                  ("mkdir", "mkdir newdir")):
                rc, out = smbc(SHARE, command)
                t.ok(DENIED in out, "guest: %s on the read-only share is %s" % (what, DENIED),
                     out[-1500:])
            # ... and by the mount where Samba would write.
            for what, command in (("put a new file", 'put "%s" dropbox\\new.txt' % src_file),
                                  ("overwrite a file",
                                   'put "%s" dropbox\\inbox.txt' % src_file),
                                  ("rm", "rm dropbox\\inbox.txt"),
                                  ("mkdir", "mkdir dropbox\\newdir")):
                rc, out = smbc(RW_SHARE, command)
                t.ok(WRITE_PROTECTED in out, "writable share by mistake: %s in a folder "
                     "anyone may write is %s (EROFS)" % (what, WRITE_PROTECTED), out[-1500:])

            # The contractor account.
            rc, out, got = smbc.get(AUTH_SHARE, "tickets/4711.txt", local("as-contractor.txt"),
                                    user="contractor", password=CONTRACTOR_PASS)
            t.eq(got, tree.ticket_masked.encode(),
                 "contractor account: /tickets/4711.txt is the masked ticket")
            rc, out, got = smbc.get(AUTH_SHARE, "finance/budget.csv",
                                    local("as-contractor-budget.csv"),
                                    user="contractor", password=CONTRACTOR_PASS)
            t.ok(rc != 0 and DENIED in out and got is None,
                 "contractor account: /finance/budget.csv is %s" % DENIED, out[-1500:])
            rc, out = smbc(AUTH_SHARE, "ls", user="contractor", password="wrong-" +
                           CONTRACTOR_PASS)
            t.ok(rc != 0 and "NT_STATUS_LOGON_FAILURE" in out and "4711" not in out,
                 "contractor account: a wrong password is NT_STATUS_LOGON_FAILURE",
                 out[-1500:])
            rc, out = smbc(AUTH_SHARE, "ls")
            t.ok(rc != 0 and DENIED in out and "tickets" not in out,
                 "a guest cannot connect to the contractors' account share", out[-1500:])

            t.ok(not leaks(smbd.log_text().encode(), secrets + big_values),
                 "smbd's log holds no raw value")

        after = mount.tree_digest(w.src)
        t.eq(after, before, "SOURCE is unchanged (names, modes, sizes, mtimes, contents)")

        # The audit log: every open above, with the SMB callers' uids.
        log = w.path("etc", "audit.log")
        lines = []
        with open(log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        try:
            lines = [json.loads(x) for x in text.splitlines() if x.strip()]
        except ValueError as ex:
            t.ok(False, "audit.log is JSON lines", str(ex))
        seen = {(x.get("path"), x.get("action"), x.get("uid")) for x in lines
                if x.get("event") == "open"}
        for path, action, who, label in (
                ("/tickets/4711.txt", "redacted", guest, "guest"),
                ("/finance/budget.csv", "denied", guest, "guest"),
                ("/public/contact.txt", "raw", guest, "guest"),
                ("/tickets/4711.txt", "redacted", contractor, "contractor"),
                ("/finance/budget.csv", "denied", contractor, "contractor")):
            t.ok((path, action, who.pw_uid) in seen,
                 "audit: %s %s by the %s's uid (%s, %d)" % (path, action, label, who.pw_name,
                                                            who.pw_uid), text[-1500:])
        t.ok(not [x for x in lines if x.get("uid") == 0],
             "audit: no open through the share was made as root")
        t.ok(not leaks(text.encode(), secrets), "audit.log holds no raw value")


tap.main(body)

#!/usr/bin/env python3
"""code_view.py — does source code still compile once it is read through
the view? (issue 13: code is text, and the sandbox's tools and agents run
the code they are given.) A TAP test of the corpus suite.

Usage: python3 code_view.py REDACT [--policy FILE] [--python DIR...]
                                   [--c-headers DIR] [--list N]

Every file is redacted as the mount would serve it (`REDACT [-p POLICY]
--path /src/REL FILE`: the same bytes, by the one definition of output;
without --policy the built-in one: every detector, mask):

- Python: every *.py under each --python DIR (default: the standard library
  of the Python running this script, and the project's tests/ and bench/)
  that compiles before is handed to compile() after;
- C: every header directly in --c-headers DIR (default /usr/include) that
  compiles alone (`cc -fsyntax-only`, `#include <H>`) is compiled again
  with the masked copies of DIR/*.h, DIR/sys/*.h and DIR/bits/*.h first on
  the include path.

One TAP line per tree: files read, files the view changed, and the files
that compiled before but not after (the first --list N of them, with the
first complaint, never a value). A file the view refuses (a legacy
encoding it cannot tell from binary under binary = deny) is counted apart:
a refusal is fail-closed, not broken code. The trees must hold changed
files, or the test would prove nothing: the standard library's e-mail
package and the project's corpus generators are full of personal field
names and invented values.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from lib import tap  # noqa: E402


# Not read: caches, installed third-party code, and the standard library's
# own test suites (data for a parser's tests, thousands of files).
SKIP_DIRS = ("__pycache__", "site-packages", "dist-packages", "test", "tests", "idle_test")


def files_under(top, suffix, recurse=True):
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if recurse and d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(suffix) and os.path.isfile(path) and \
                    os.path.getsize(path) <= 2 << 20:
                yield path


def view_of(a, path, rel):
    cmd = [a.redact] + (["-p", a.policy] if a.policy else []) + ["--path", "/src/" + rel, path]
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    return p.stdout if p.returncode == 0 else None


def views_of(a, top, rels):
    """The views of top/REL for each of rels, as view_of gives them. One
    `redact` run reads a batch (each FILE under its own name as path,
    /REL); the policy's action (mask) keeps lengths, so the output splits
    by the files' sizes. A batch that fails or does not split so is read
    file by file."""
    views = {}
    for i in range(0, len(rels), 200):
        batch = rels[i:i + 200]
        cmd = [a.redact] + (["-p", a.policy] if a.policy else []) + ["--"] + batch
        p = subprocess.run(cmd, capture_output=True, timeout=600, cwd=top)
        sizes = [os.path.getsize(os.path.join(top, r)) for r in batch]
        if p.returncode == 0 and len(p.stdout) == sum(sizes):
            at = 0
            for rel, size in zip(batch, sizes):
                views[rel] = p.stdout[at:at + size]
                at += size
        else:
            for rel in batch:
                views[rel] = view_of(a, os.path.join(top, rel), rel)
    return views


def python_compiles(data, path):
    try:
        compile(data, path, "exec", dont_inherit=True)
        return None
    except (SyntaxError, ValueError) as e:
        return "%s: %s" % (type(e).__name__, getattr(e, "msg", str(e)))


def report(t, a, what, read, changed, refused, broken):
    detail = "\n".join("%s: %s" % b for b in broken[:a.list])
    t.ok(read > 0 and changed > 0 and not broken,
         "%s: %d files read, %d changed by the view, %d refused, %d no longer compile"
         % (what, read, changed, refused, len(broken)), detail)


def python_tree(t, a, top):
    read = changed = refused = 0
    broken = []
    sources = {}
    for path in files_under(top, ".py"):
        with open(path, "rb") as f:
            raw = f.read()
        if python_compiles(raw, path) is None:  # else not ours to judge
            sources[os.path.relpath(path, top)] = raw
    views = views_of(a, top, sorted(sources))
    for rel, raw in sorted(sources.items()):
        path = os.path.join(top, rel)
        out = views[rel]
        if out is None:
            refused += 1
            continue
        read += 1
        changed += out != raw
        why = python_compiles(out, path)
        if why:
            broken.append((os.path.relpath(path, top), why))
    report(t, a, "python %s" % top, read, changed, refused, broken)


def c_compiles(cc, header, include=None):
    cmd = [cc, "-fsyntax-only", "-x", "c", "-"] + (["-I", include] if include else [])
    p = subprocess.run(cmd, input=b"#include <%s>\n" % header.encode(), capture_output=True,
                       timeout=120)
    return None if p.returncode == 0 else p.stderr.decode(errors="replace").split("\n")[0]


def c_headers(t, a, top):
    cc = shutil.which("cc") or shutil.which("gcc")
    if not t.ok(cc, "a C compiler (cc) is installed"):
        return
    read = changed = refused = 0
    broken = []
    with tempfile.TemporaryDirectory(prefix="redactfs-code-view-") as masked:
        for sub in ("", "sys", "bits"):
            for path in files_under(os.path.join(top, sub), ".h", recurse=False):
                rel = os.path.relpath(path, top)
                out = view_of(a, path, "include/" + rel)
                if out is None:
                    refused += 1
                    continue
                with open(path, "rb") as f:
                    changed += out != f.read()
                os.makedirs(os.path.dirname(os.path.join(masked, rel)), exist_ok=True)
                with open(os.path.join(masked, rel), "wb") as f:
                    f.write(out)
        for path in files_under(top, ".h", recurse=False):
            header = os.path.basename(path)
            if c_compiles(cc, header) is not None:
                continue
            read += 1
            why = c_compiles(cc, header, masked)
            if why:
                broken.append((header, why))
    report(t, a, "C headers %s" % top, read, changed, refused, broken)


def main(t):
    ap = argparse.ArgumentParser(description="compile sources read through the view")
    ap.add_argument("redact")
    ap.add_argument("--policy")
    ap.add_argument("--python", nargs="*")
    ap.add_argument("--c-headers", default="/usr/include")
    ap.add_argument("--list", type=int, default=5)
    a = ap.parse_args(sys.argv[1:])
    a.redact = os.path.abspath(a.redact)
    trees = a.python if a.python is not None else [
        os.path.dirname(os.__file__), os.path.join(ROOT, "tests"), os.path.join(ROOT, "bench")]
    for top in trees:
        python_tree(t, a, top)
    if a.c_headers:
        c_headers(t, a, a.c_headers)


if __name__ == "__main__":
    tap.main(main)

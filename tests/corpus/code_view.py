#!/usr/bin/env python3
"""code_view.py — does source code still compile once it is read through
the view? (issue 13: code is text, and the sandbox's tools and agents run
the code they are given.)

Usage: python3 code_view.py REDACT POLICY DIR [DIR...] [--list N]

Every *.py file under each DIR (at most 2 MiB each) is redacted as the
mount would serve it (`REDACT -p POLICY --path /src/REL FILE`: the same
bytes, by the one definition of output) and handed to Python's compile().
Prints, per DIR and in all: files read, files changed by the view, and
files that compiled before but not after (with --list N, the first N of
them and the first line compile() complains about, never a value).

Exit status: 0 when every file that compiled before still compiles; 1
otherwise; 2 for bad usage. It is a measurement for now, not in the test
suites: today masked assignments break code (`name = self.tzname(None)`
becomes `name = ****************`), which issue 13 part 6 removes; once it
passes it belongs in the corpus suite.
"""
import argparse
import os
import subprocess
import sys


def python_files(top):
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "site-packages"))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".py") and os.path.isfile(path) and \
                    os.path.getsize(path) <= 2 << 20:
                yield path


def compiles(data, path):
    try:
        compile(data, path, "exec", dont_inherit=True)
        return None
    except (SyntaxError, ValueError) as e:
        return "%s: %s" % (type(e).__name__, getattr(e, "msg", str(e)))


def main(argv):
    ap = argparse.ArgumentParser(description="compile Python sources read through the view")
    ap.add_argument("redact")
    ap.add_argument("policy")
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--list", type=int, default=0)
    a = ap.parse_args(argv[1:])
    broken_all, read_all, changed_all = [], 0, 0
    for top in a.dirs:
        read = changed = 0
        broken = []
        for path in python_files(top):
            with open(path, "rb") as f:
                raw = f.read()
            if compiles(raw, path) is not None:
                continue  # not ours to judge: it did not compile before
            rel = os.path.relpath(path, top)
            p = subprocess.run([a.redact, "-p", a.policy, "--path", "/src/" + rel, path],
                               capture_output=True, timeout=120)
            if p.returncode != 0:
                broken.append((path, "redact exited %d" % p.returncode))
                continue
            read += 1
            changed += p.stdout != raw
            why = compiles(p.stdout, path)
            if why:
                broken.append((path, why))
        print("%s: %d files, %d changed by the view, %d no longer compile"
              % (top, read, changed, len(broken)))
        broken_all += broken
        read_all += read
        changed_all += changed
    print("all: %d files, %d changed by the view, %d no longer compile"
          % (read_all, changed_all, len(broken_all)))
    for path, why in broken_all[:a.list]:
        print("  %s: %s" % (path, why))
    return 1 if broken_all else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

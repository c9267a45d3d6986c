#!/usr/bin/env python3
"""run.py — the `corpus` test: generates the labelled corpus, then scores it.

Usage: python3 run.py REDACT WORKDIR [--markdown FILE]

WORKDIR (meson gives a directory inside the build tree) gets a fresh
corpus at every run: WORKDIR/corpus/, truth.jsonl, negatives.jsonl (see
gen.py). Then score.py runs REDACT over it and prints TAP (see score.py).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..")]
import gen  # noqa: E402
import score  # noqa: E402
from lib.tap import Tap  # noqa: E402


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: run.py REDACT WORKDIR [--markdown FILE]\n")
        return 2
    redact, work = argv[1], argv[2]
    if not gen.regenerate(work):
        tap = Tap()
        tap.ok(False, "corpus generated")
        return tap.done()
    return score.main(["score.py", redact, work] + argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""run_round2.py — the `corpus-round2` test: issue 13's targets, scored on
round 2's report seed.

Usage: python3 run_round2.py REDACT WORKDIR

WORKDIR gets a fresh round-2 corpus at every run (gen_round2.py with
REPORT_SEED, the seed never used for tuning); score.py scores it with
--round2-targets (names and addresses 0.97, health 0.95, everything else
0.99, at most 0.5% of every kind of hard negative masked) and
--totals-only: the report seed is scored, never looked at, so no missed
value or masked look-alike of it is printed.
"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..")]
import score  # noqa: E402
from lib.tap import Tap  # noqa: E402


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: run_round2.py REDACT WORKDIR\n")
        return 2
    redact, work = argv[1], argv[2]
    shutil.rmtree(work, ignore_errors=True)
    p = subprocess.run([sys.executable, os.path.join(HERE, "gen_round2.py"), "--seed", "report",
                        work], capture_output=True, timeout=600)
    if p.returncode != 0:
        tap = Tap()
        tap.ok(False, "round-2 corpus generated", p.stderr.decode(errors="replace")[-400:])
        return tap.done()
    return score.main(["score.py", redact, work, "--round2-targets", "--totals-only"])


if __name__ == "__main__":
    sys.exit(main(sys.argv))

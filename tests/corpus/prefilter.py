#!/usr/bin/env python3
"""prefilter.py — the `prefilter` test: the engine's prefilter never
changes what is masked.

Usage: python3 prefilter.py REDACT WORKDIR

The prefilter (redact/prefilter.c) lets pcre2 run only where a detector's
match can start. It must be invisible: for every input, `redact` and
`redact --no-prefilter` (every detector tried at every position) print the
same bytes. Inputs: every file of the labelled corpus (gen.py, fixed seed),
then mutated copies (fixed seed) that stress the prefilter's reasoning:
case flips, ſ and the Kelvin sign inside cue words (pcre2's caseless
matching takes them for s and k), full-width digits, separators and
blanks around keys, cut lines; under the default policy and under a
policy with custom detectors (first letters, caseless patterns,
lookbehinds) and field names ending in digits. Prints TAP.
"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..")]
import gen  # noqa: E402
from lib.tap import Tap  # noqa: E402

SEED = 5150

CUSTOM_POLICY = """[global]
default = redact
fields = ip4, code_2, badge
[detector:emp]
pattern = EMP-[0-9]{6}
[detector:caseno]
pattern = (?i)case no\\. ?[0-9]{5}
[detector:kelvin]
pattern = (?i)skid[0-9]{3,}
[detector:after_id]
pattern = (?<=ID:)[0-9]{4,8}
[detector:acct]
pattern = (?:acct|ACCOUNT) ?#?([0-9]{6,12})
group = 1
[detector:han]
pattern = 工号[0-9]{5}
[detector:anchored]
pattern = \\Gzz[0-9]
"""

ODD = ["\u017f", "\u212a"]  # ſ, Kelvin sign
FULLWIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
SNIPPETS = [
    "Name: Mary O'Brien", "customer_name = Li Lei", "\"email\" : \"a@example.com\"",
    "Dear Mr. Smith,", "-- \nJane Doe\n", "From: \"Jane Doe\" <jane@example.com>",
    "diagnosed with asthma in 2019", "History of Crohn's disease", "DOB: 1990-03-07",
    "lat=31.2304, lng=121.4737", "card holder name: Wang Fang", "My name is Ann Lee",
    "ip4: 10.0.0.1", "code_2= 7", "badge=123", "EMP-004512", "Case No. 12345",
    "ID:20391", "acct #12345678", "工号12345", "zz1", "姓名：张伟", "电话：13812345678",
    "By Jane Doe\n", "Sincerely,\nJohn Smith\n", "Patient: Zhao Min", "12:30:45",
]


def mutate(rng, text):
    out = []
    for ch in text:
        r = rng.random()
        if ch.isascii() and ch.isalpha() and r < 0.03:
            ch = ch.swapcase()
        elif ch in "sSkK" and r < 0.08:
            ch = ODD[0] if ch in "sS" else ODD[1]
        elif ch in FULLWIDTH and r < 0.03:
            ch = FULLWIDTH[ch]
        elif ch == " " and r < 0.02:
            ch = rng.choice([" ", "\t", "  ", "_", ":", "=", "\n"])
        elif r < 0.0005:
            ch = ch + rng.choice(SNIPPETS)
        out.append(ch)
    return "".join(out)


def run(redact, policy, name, data, full):
    cmd = [redact]
    if full:
        cmd.append("--no-prefilter")
    if policy:
        cmd += ["-p", policy]
    cmd += ["--path", "/" + name, "-"]
    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=600)
    return p.returncode, p.stdout


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: prefilter.py REDACT WORKDIR\n")
        return 2
    redact, work = argv[1], argv[2]
    tap = Tap()
    if not gen.regenerate(work):
        tap.ok(False, "corpus generated")
        return tap.done()
    policy = os.path.join(work, "custom.ini")
    with open(policy, "w", encoding="utf-8") as f:
        f.write(CUSTOM_POLICY)
    os.chmod(policy, 0o600)

    inputs = []
    root = os.path.join(work, "corpus")
    for d, _, files in sorted(os.walk(root)):
        for fn in sorted(files):
            path = os.path.join(d, fn)
            with open(path, "rb") as f:
                inputs.append((os.path.relpath(path, root), f.read()))
    rng = random.Random(SEED)
    mutated = []
    for name, data in inputs:
        text = data.decode("utf-8", errors="replace")
        mutated.append(("mutated/" + name, mutate(rng, text).encode("utf-8")))
    # Every snippet glued to every other, and one UTF-16 file.
    glued = "".join(a + rng.choice(["", " ", "\n", ",", "\t"]) + b + "\n"
                    for a in SNIPPETS for b in SNIPPETS)
    mutated.append(("mutated/glued.txt", glued.encode("utf-8")))
    mutated.append(("mutated/glued16.txt", b"\xff\xfe" + glued.encode("utf-16-le")))

    cases = [(None, n, d) for n, d in inputs + mutated]
    cases += [(policy, "custom/" + n, d) for n, d in mutated]
    for pol, name, data in cases:
        rc1, out1 = run(redact, pol, name, data, False)
        rc2, out2 = run(redact, pol, name, data, True)
        masked = sum(1 for a, b in zip(out1, data) if a != b)
        ok = rc1 == rc2 == 0 and out1 == out2
        where = ""
        if not ok:
            at = next((k for k, (a, b) in enumerate(zip(out1, out2)) if a != b),
                      min(len(out1), len(out2)))
            where = "exit %d/%d, first difference at byte %d" % (rc1, rc2, at)
        tap.ok(ok, "%s%s: same output with and without the prefilter (%d bytes changed)"
               % (name, " (custom policy)" if pol else "", masked), where)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""manpage.py — reading man pages and the names they must document, for
test_install.py: a page as man(1) renders it, its headings and sections,
the options `redactfs --help` names, and the sections, keys and value
words the policy parser accepts, read from policy/*.c.

Invariant: the names come from the program's own output or source, never
from the man pages, so a name added without docs makes the test fail; a
reader that finds too little raises instead of passing on nothing.
"""
import glob
import os
import re

from lib import mount  # test_install.py puts tests/ on sys.path


def render(path):
    """The page as man(1) shows it, without hyphenation or justification
    (so that every word stays whole). Returns (rc, text, stderr)."""
    env = dict(os.environ, MANWIDTH="100", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("MANPAGER", None)
    env.pop("PAGER", None)
    p = mount.run(["man", "--nh", "--nj", "-l", path], timeout=60, env=env)
    return p.returncode, p.stdout.decode("utf-8", errors="replace"), \
        p.stderr.decode(errors="replace")


def headings(text):
    """Section headings of a rendered page: unindented lines but the first
    and last (the page's header and footer)."""
    lines = [x for x in text.splitlines() if x.strip()]
    return [x.strip() for x in lines[1:-1] if not x[0].isspace()]


def section_text(text, name):
    """The lines of one section of a rendered page."""
    out, inside = [], False
    for line in text.splitlines():
        if line and not line[0].isspace():
            inside = line.strip() == name
            continue
        if inside:
            out.append(line)
    return out


def has_word(text, word):
    return re.search(r"(?<![\w.-])%s(?![\w])" % re.escape(word), text) is not None


def redactfs_help_words(helptext):
    """Every option redactfs --help names: -x/--xx switches, the names in
    each `-o A,B=...` and in the lists after "Fixed by redactfs" and
    "Accepted and ignored"."""
    words = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", helptext))
    words.discard("-o")
    for spec in re.findall(r"-o\s+(\S+)", helptext):
        for item in spec.split(","):
            m = re.match(r"(?:\[no\])?([a-z_][a-z0-9_]*)", item)
            if m:
                words.add(m.group(1))
    for head in ("Fixed by redactfs", "Accepted and ignored"):
        m = re.search(re.escape(head) + r"[^:]*:(.*?)\.\n", helptext, re.S)
        if not m:
            raise RuntimeError("redactfs --help has no %r list any more: update this test"
                               % head)
        body = re.sub(r"\([^)]*\)", " ", m.group(1))
        for item in re.split(r"[,\s]+", body):
            item = item.strip()
            if not item:
                continue
            if "/" in item:  # splice_read/write/move
                first, *rest = item.split("/")
                stem = first.rsplit("_", 1)[0] + "_"
                words.update([first] + [stem + r for r in rest])
                continue
            item = re.sub(r"^\[no\]", "", item)
            if item == "x-*" or re.fullmatch(r"[a-z_][a-z0-9_]*=?", item):
                words.add(item)
    return words


def parser_words(srcroot):
    """Sections, keys and value words policy/ accepts, read from its source:
    the key table of section.c, every key compared with st->key, every
    section header compared with inner, the value tables of keys.c."""
    src = {}
    for f in glob.glob(os.path.join(srcroot, "policy", "*.c")):
        with open(f, encoding="utf-8") as fh:
            src[os.path.basename(f)] = fh.read()
    m = re.search(r"key_names\[[^\]]*\]\[[^\]]*\]\s*=\s*\{(.*?)\n\};", src.get("section.c", ""),
                  re.S)
    if not m:
        raise RuntimeError("policy/section.c has no key_names table any more: update this test")
    keys = set(re.findall(r'"([a-z_]+)"', re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)))
    sections, values = set(), set()
    for text in src.values():
        keys.update(re.findall(r'strn?cmp\(st->key,\s*"([^"]+)"', text))
        sections.update(re.findall(r'strn?cmp\(inner,\s*"([^"]+)"', text))
    values.update(re.findall(r'\[[A-Z_]+\]\s*=\s*"([a-z]+)"', src.get("keys.c", "")))
    values.update(re.findall(r'strcmp\(value,\s*"([a-z]+)"\)', src.get("keys.c", "")))
    missing = {"default", "mode", "binary", "detectors", "action", "audit_log", "pattern",
               "group", "description", "action.", "label."} - keys
    if missing or not {"global", "path:", "detector:"} <= sections or \
            not {"redact", "deny", "scan", "mask", "auto", "csv"} <= values:
        raise RuntimeError("reading the parser's words from policy/*.c found too little "
                           "(missing keys %s; sections %s; values %s): update this test"
                           % (sorted(missing), sorted(sections), sorted(values)))
    return sections, keys, values

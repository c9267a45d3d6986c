"""tap.py — TAP output for every Python test (mount, install, policy, corpus).

    from lib.tap import Tap, main

A Tap numbers the cases, prints each one at once (and flushes, so a hang
shows how far a test got), and prints the plan at the end (done). A run
with no case at all is a failure, never an empty pass. main(body) runs
body(tap) and exits with TAP's verdict; an exception escaping the body is
one more failed case.
"""
import contextlib
import sys
import traceback

# A diagnostic given as a list is printed one item a line, each cut to this
# many characters (a stray megabyte of output stays out of the log).
DIAG_ITEM_MAX = 400


class Tap:
    """Collects TAP cases; prints the plan at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def diag(self, msg):
        """Prints msg as TAP comments ("# ..."), one a line. msg is a string
        (printed whole, line by line) or a list/tuple of items (each str()ed
        and cut to DIAG_ITEM_MAX characters)."""
        if isinstance(msg, (list, tuple)):
            lines = []
            for item in msg:
                lines += str(item)[:DIAG_ITEM_MAX].splitlines() or [""]
        else:
            lines = str(msg).splitlines() or [""]
        for line in lines:
            print("# " + line)
        sys.stdout.flush()

    def ok(self, cond, desc, diag=None):
        """One case, passed when cond is true; diag (see diag()) is printed
        when it fails. '#' in desc is escaped, so a description can never
        turn into a directive (use skip() for a skip). Returns bool(cond)."""
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
        """One case that could not run here: "ok N - desc # SKIP why"."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, desc.replace("#", "\\#"), why))
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
            self.ok(False, "%s: raised %s" % (desc, type(e).__name__), formatted(e))

    def done(self):
        """Prints the plan; returns the exit status (1 when a case failed)."""
        if self.n == 0:
            self.ok(False, "the test ran no case")
        print("1..%d" % self.n)
        sys.stdout.flush()
        return 1 if self.failed else 0


def formatted(e):
    """The last 3000 characters of e's traceback."""
    return "".join(traceback.format_exception(type(e), e, e.__traceback__))[-3000:]


def describe_diff(got, want):
    """Where two strings (or byte strings) first differ, with an excerpt of
    each from there; any other values are shown whole."""
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
        t.ok(False, "test body raised %s" % type(e).__name__, formatted(e))
    sys.exit(t.done())

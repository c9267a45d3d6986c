"""tap.py — TAP output for the policy suite's scripts (run_cli.py,
run_errors.py, test_progress.py).

Each script imports it from its own directory (Python puts a script's
directory first on sys.path, so meson's `python3 SCRIPT` finds it).
A run with no case at all is a failure, never an empty pass.
"""
import sys


class Tap:
    """Numbers the cases, prints each at once, and the plan at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=()):
        """One case; diag is a sequence of lines printed (each cut to 400
        characters) when it fails. Returns cond."""
        self.n += 1
        if not cond:
            self.failed += 1
        print(('ok' if cond else 'not ok') + f' {self.n} - {desc}')
        if not cond:
            for line in diag:
                print('# ' + str(line)[:400])
        sys.stdout.flush()
        return cond

    def done(self):
        """Prints the plan; returns the exit status (1 when a case failed)."""
        if self.n == 0:
            self.ok(False, 'the test ran no case')
        print(f'1..{self.n}')
        return 1 if self.failed else 0

#!/usr/bin/env python3
"""test_sqlite.py — analysts join pseudonymized exports with ordinary tools:
examples/data/exports/customers.csv and orders.csv, mounted with
examples/policies/analysts.ini, are imported through the mount into
sqlite3 (the CLI's `.import --csv`) and joined on the e-mail and on the
phone column.

What it checks:
- the files the mount serves are exactly `redact`'s output for them;
- the joins on the tokens give the same row counts as the same joins on
  the raw files imported from SOURCE into another database, and as the
  counts written by hand from the data's design (examples/make_data.py:
  28 orders, 23 join on the e-mail, 24 on the phone); the orders per
  customer are the same, as multisets and customer by customer;
- the tokens are not the raw values (a policy that served the raw files
  would give the same counts: these cases fail for it), and different
  values keep different tokens;
- no raw e-mail, phone, name, ID or card number of the raw CSVs is in the
  masked database: neither in its `.dump` nor anywhere in the file's bytes
  (and the same scan does find them in the raw database);
- SOURCE (a copy of examples/data) is unchanged.

A missing sqlite3 fails the test.
"""
import collections
import csv
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lib import mount, tap  # noqa: E402

# From the data's design (examples/make_data.py, ORDER_COUNTS, ONE_KEY_ONLY,
# GUESTS), written by hand.
ORDERS = 28
CUSTOMERS = 12
JOIN_ROWS = {"email": 23, "phone": 24}
# The columns holding personal values: they must not reach the database.
PERSONAL = {"customers": ["name", "姓名", "email", "phone", "手机", "id_card", "card"],
            "orders": ["email", "phone"]}
JOIN_KEYS = ("email", "phone")   # the same column name in both files


def sqlite(exe, db, script, timeout=60):
    """Runs the sqlite3 CLI on db with script on stdin; (rc, out, err)."""
    p = mount.run([exe, "-bail", "-batch", db], input=script.encode(), timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def quote(path):
    return '"%s"' % path.replace("\\", "\\\\").replace('"', '\\"')


def import_exports(t, exe, db, exports_dir, label):
    script = "".join(".import --csv %s %s\n" % (quote(os.path.join(exports_dir, n + ".csv")), n)
                     for n in ("customers", "orders"))
    rc, out, err = sqlite(exe, db, script)
    return t.ok(rc == 0, "%s: sqlite3 .import --csv of customers.csv and orders.csv" % label,
                out + err)


def query(exe, db, sql):
    """Rows of one query, as lists of strings (tab-separated output)."""
    rc, out, err = sqlite(exe, db, ".mode tabs\n%s;\n" % sql)
    if rc != 0:
        raise RuntimeError("sqlite3 %s: %s failed: %s" % (db, sql, err))
    return [line.split("\t") for line in out.splitlines()]


def join_count(exe, db, key):
    return int(query(exe, db, "SELECT count(*) FROM orders o JOIN customers c "
                              "ON o.%s = c.%s" % (key, key))[0][0])


def orders_per_customer(exe, db, key):
    """Orders joined to each customer on key, in the customers' file order."""
    return [int(r[0]) for r in query(exe, db, "SELECT count(o.rowid) FROM customers c "
                                              "LEFT JOIN orders o ON o.%s = c.%s "
                                              "GROUP BY c.rowid ORDER BY c.rowid" % (key, key))]


def column(exe, db, table, name):
    return [r[0] for r in query(exe, db, 'SELECT "%s" FROM %s ORDER BY rowid' % (name, table))]


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def leaks(data, values):
    return sorted({v for v in values if v.encode() in data})


def body(t):
    exe = shutil.which("sqlite3", path=os.pathsep.join([os.environ.get("PATH", ""),
                                                         "/usr/bin"]))
    if not t.ok(exe is not None, "sqlite3 is installed",
                "sqlite3 not found: install Debian's sqlite3 (.ci/install-deps.sh)"):
        return
    rng = random.Random(20240616)
    with mount.Workdir() as w:
        os.rmdir(w.src)
        shutil.copytree(os.path.join(mount.binaries().examples, "data"), w.src, symlinks=True)
        pol, _ = mount.analysts_policy_for_here(t, w, "etc",
                                                bytes(rng.randrange(256) for _ in range(32)))
        if not mount.check_policy(t, pol, "analysts"):
            return
        src_exports = os.path.join(w.src, "exports")
        raw = {n: csv_rows(os.path.join(src_exports, n + ".csv")) for n in PERSONAL}
        values = sorted({r[c] for n, cols in PERSONAL.items() for r in raw[n] for c in cols})

        # The data is what the test needs: written-by-hand figures, several
        # orders for some customers, none for others, orders of nobody.
        by_key = {k: collections.Counter(r[k] for r in raw["orders"]) for k in JOIN_KEYS}
        per_customer = {k: [by_key[k][c[k]] for c in raw["customers"]] for k in JOIN_KEYS}
        t.ok(len(raw["customers"]) == CUSTOMERS and len(raw["orders"]) == ORDERS,
             "data: %d customers, %d orders" % (CUSTOMERS, ORDERS),
             "%d, %d" % (len(raw["customers"]), len(raw["orders"])))
        t.eq({k: sum(per_customer[k]) for k in JOIN_KEYS}, JOIN_ROWS,
             "data: the raw files join on e-mail and phone as designed (Python's csv)")
        t.ok(max(per_customer["email"]) > 1 and 0 in per_customer["email"],
             "data: some customers have several orders, some none")
        emails = {c["email"] for c in raw["customers"]}
        t.ok(any(o["email"] not in emails for o in raw["orders"]),
             "data: some orders match no customer's e-mail")

        before = mount.tree_digest(w.src)
        masked_db, raw_db = w.path("masked.db"), w.path("raw.db")
        with t.guard("analysts' join"), mount.Mount(t, w.src, w.mnt, policy=pol, secrets=values,
                                                    label="analysts") as m:
            for n in PERSONAL:
                rel = "exports/%s.csv" % n
                rc, got, err = mount.read_bytes(m.p(rel))
                rc2, want, err2 = mount.redact_bytes(os.path.join(w.src, rel), "/" + rel,
                                                     policy=pol)
                t.ok(rc == 0 and rc2 == 0, "/%s is served" % rel, err + err2)
                t.eq(got, want, "/%s equals `redact -p analysts.ini --path /%s`" % (rel, rel))
            imported = import_exports(t, exe, masked_db, m.p("exports"), "through the mount")
        imported = import_exports(t, exe, raw_db, src_exports, "from SOURCE") and imported
        t.eq(mount.tree_digest(w.src), before, "SOURCE is unchanged")
        if not imported:
            return

        for n, rows in raw.items():
            t.eq([int(query(exe, db, "SELECT count(*) FROM %s" % n)[0][0])
                  for db in (masked_db, raw_db)], [len(rows)] * 2,
                 "%s: every row imported into both databases" % n)
        for k in JOIN_KEYS:
            got, want = join_count(exe, masked_db, k), join_count(exe, raw_db, k)
            t.ok(got == want == JOIN_ROWS[k] > 0,
                 "join on %s: %d rows on the tokens, as on the raw data" % (k, JOIN_ROWS[k]),
                 "tokens %d, raw %d, by hand %d" % (got, want, JOIN_ROWS[k]))
            got, want = orders_per_customer(exe, masked_db, k), orders_per_customer(exe, raw_db, k)
            t.eq(sorted(got), sorted(want),
                 "join on %s: orders per customer, as a multiset, as on the raw data" % k)
            t.ok(got == want == per_customer[k],
                 "join on %s: each customer has as many orders as on the raw data" % k,
                 "tokens %r\nraw    %r" % (got, want))

        # Tokens, not raw values: the same counts from raw values would pass
        # every check above.
        for n, cols in PERSONAL.items():
            for c in cols:
                tok, orig = column(exe, masked_db, n, c), column(exe, raw_db, n, c)
                same = [i for i, (a, b) in enumerate(zip(tok, orig)) if a == b]
                t.ok(len(tok) == len(orig) > 0 and not same and not set(tok) & set(orig),
                     "%s.%s: no value is its raw self, and no token is a raw value" % (n, c),
                     "%d of %d rows hold the raw value" % (len(same), len(orig)))
                if c in JOIN_KEYS:
                    t.eq(len(set(tok)), len(set(orig)),
                         "%s.%s: as many distinct tokens as distinct raw values" % (n, c))

        # Nothing raw in the database: its dump and its bytes. The same scan
        # over the raw database finds every value (it can fail).
        rc, dump, err = sqlite(exe, masked_db, ".dump\n")
        t.ok(rc == 0 and "CREATE TABLE" in dump and dump.count("INSERT INTO") == ORDERS +
             CUSTOMERS, "the masked database dumps (.dump)", err)
        found = leaks(dump.encode(), values)
        t.ok(not found, "the masked database's .dump holds none of the %d raw values"
             % len(values), "%d raw value(s) found" % len(found))
        with open(masked_db, "rb") as f:
            found = leaks(f.read(), values)
        t.ok(not found, "the masked database file's bytes hold none of the raw values",
             "%d raw value(s) found" % len(found))
        rc, raw_dump, err = sqlite(exe, raw_db, ".dump\n")
        t.eq(len(leaks(raw_dump.encode(), values)), len(values),
             "control: the same scan finds every raw value in the raw database's .dump")


tap.main(body)

#!/usr/bin/env python3
"""bench/report.py - writes the bench report of issue 5 from the figures that
bench/run.sh recorded.

Usage: report.py RESULTS_DIR OUT_DIR
  RESULTS_DIR: t.NAME (one figure per line, FAIL for a failed run), cmd.NAME
  (the command behind NAME), meta (KEY<TAB>VALUE), notes, rss-*.dat,
  patterns.txt, det100.ini.
  OUT_DIR: gets benchmarks.md and bench-*.png (gnuplot, when installed).
Prints the Targets table. Exit status 0 when every target has a figure,
3 when some target is NOT MEASURED (its own figure is missing or failed).
A target whose baseline could not run is SKIPPED, never met; a missed target
shows by which factor it misses.
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

RES = OUT = None
META = {}


def meta(key, default=""):
    return META.get(key, default)


def load_meta():
    path = os.path.join(RES, "meta")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                META[k] = v


def runs(name):
    """The recorded figures of NAME: a list of floats, "FAIL" or None."""
    path = os.path.join(RES, "t." + name)
    if not os.path.exists(path):
        return None
    vals = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                vals.append(float(line))
            except ValueError:
                return "FAIL"
    return vals or None


def med(name):
    v = runs(name)
    if not isinstance(v, list):
        return None
    return statistics.median(v)


def fmt(x, nd=3):
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return "%.0f" % x
    if abs(x) >= 100:
        return "%.1f" % x
    return "%.*f" % (nd, x)


def runs_str(name, nd=3):
    v = runs(name)
    if v is None:
        return "not run"
    if v == "FAIL":
        return "FAILED"
    return " ".join(fmt(x, nd) for x in v)


def mbps(nbytes, secs):
    return None if secs in (None, 0) else nbytes / 1e6 / secs


# ---- targets -----------------------------------------------------------------
TARGETS = []   # dicts: id, what, value, unit, op, thr, verdict, margin


def target(tid, what, op, thr, own, base=(), value=None, unit="x", base_label="", tag=None):
    """own/base: figure names that must be measured; value: a function of
    nothing, called when all of them are."""
    own_ok = all(isinstance(runs(n), list) for n in own)
    base_ok = all(isinstance(runs(n), list) for n in base)
    t = {"id": tid, "tag": tag or tid, "what": what, "op": op, "thr": thr, "unit": unit,
         "value": None, "margin": None}
    if not own_ok:
        t["verdict"] = "NOT MEASURED"
    elif not base_ok:
        t["verdict"] = "SKIPPED (%s did not run)" % (base_label or "the baseline")
    else:
        v = value()
        t["value"] = v
        if v is None or v <= 0:
            t["verdict"] = "NOT MEASURED"
        else:
            margin = v / thr if op == ">=" else thr / v
            t["margin"] = margin
            if margin >= 1:
                t["verdict"] = "met"
            else:
                t["verdict"] = "**missed** by %.2fx" % (1 / margin)
    TARGETS.append(t)


def show_value(t):
    if t["value"] is None:
        return "-"
    u = t["unit"]
    if u == "x":
        return "%sx" % fmt(t["value"])
    return "%s %s" % (fmt(t["value"], 1 if u != "ms" else 2), u)


def show_thr(t):
    op = "≥" if t["op"] == ">=" else "≤"
    u = "" if t["unit"] == "x" else " " + t["unit"]
    x = "x" if t["unit"] == "x" else ""
    return "%s %g%s%s" % (op, t["thr"], x, u)


def build_targets(pt):
    size = float(meta("size", "0"))
    sed = float(meta("sedsize", "0"))
    ptl = pt_label(pt)
    target("1a", "engine, dense: redact throughput / rg --count-matches", ">=", 1,
           ["eng_redact_dense"], ["eng_rg_dense"],
           lambda: med("eng_rg_dense") / med("eng_redact_dense"), base_label="rg")
    target("1b", "engine, dense: redact throughput / sed -E", ">=", 20,
           ["eng_redact_dense"], ["eng_sed_dense"],
           lambda: mbps(size, med("eng_redact_dense")) / mbps(sed, med("eng_sed_dense")),
           base_label="sed")
    target("1c", "engine, sparse: redact throughput / cat", ">=", 0.25,
           ["eng_redact_sparse"], ["eng_cat_sparse"],
           lambda: med("eng_cat_sparse") / med("eng_redact_sparse"))
    for k in ("dense", "sparse"):
        target("2a", "cold read, %s: redact mode / bindfs throughput" % k, ">=", 0.5,
               ["cold_redact_" + k], ["cold_bind_" + k],
               lambda k=k: med("cold_bind_" + k) / med("cold_redact_" + k), base_label="bindfs",
               tag="2a " + k)
    for k in ("dense", "sparse"):
        target("2b", "cold read, %s: allow mode / bindfs throughput" % k, ">=", 1.0,
               ["cold_allow_" + k], ["cold_bind_" + k],
               lambda k=k: med("cold_bind_" + k) / med("cold_allow_" + k), base_label="bindfs",
               tag="2b " + k)
    for m in ("redact", "allow"):
        for k in ("dense", "sparse"):
            target("3", "warm repeat read, %s, %s mode: time / raw cat time" % (k, m), "<=", 1.5,
                   ["warm_%s_%s" % (m, k)], ["warm_cat_" + k],
                   lambda m=m, k=k: med("warm_%s_%s" % (m, k)) / med("warm_cat_" + k),
                   tag="3 %s %s" % (m, k))
    for tid, m, thr in (("4a", "redact", 0.5), ("4b", "allow", 1.0)):
        for t in (1, 2):
            a, b = "pread_%s_t%d" % (m, t), "pread_pt_t%d" % t
            target(tid, "random 4 KiB preads, %d thread%s: %s mode / %s IOPS"
                   % (t, "s" if t > 1 else "", m, ptl), ">=", thr, [a], [b],
                   lambda a=a, b=b: med(a) / med(b), base_label=ptl, tag="%s %dt" % (tid, t))
    for tid, k, what in (("5a", "log", "line-oriented text (dense.log)"),
                         ("5b", "csv", "CSV, one line per row (dense.csv)"),
                         ("5c", "csvml", "CSV with multi-line quoted fields (csvml.csv)")):
        n = "first_redact_" + k
        target(tid, "first byte at a random offset in the second half, %s, fresh mount" % what,
               "<=", 20, [n], [], lambda n=n: med(n), unit="ms")
    for tid, n, what in (("6a", "ls", "ls -lR"), ("6b", "stat", "stat of every file (find -printf %s)")):
        target(tid, "metadata, %s of the tree: redact mount / %s time" % (what, ptl), "<=", 1.2,
               [n + "_redact"], [n + "_pt"],
               lambda n=n: med(n + "_redact") / med(n + "_pt"), base_label=ptl)
    target("7a", "daemon peak RSS (VmHWM) after streaming the %s-byte file" % meta("big"),
           "<=", 64, ["rss_big_hwm"], [], lambda: med("rss_big_hwm") / 1024, unit="MiB")
    target("7b", "daemon RSS growth per open file (100 files held open)", "<=", 1024,
           ["rss_hold_per_file"], [], lambda: max(med("rss_hold_per_file"), 0.001), unit="KiB")
    target("8a", "engine time, 100 custom detectors / 10 (defaults in both)", "<=", 2,
           ["det100", "det10"], [], lambda: med("det100") / med("det10"))
    target("8b", "two concurrent readers (two files, redact mount) / one: aggregate throughput",
           ">=", 1.6, ["conc1_a", "conc1_b", "conc2"], [],
           lambda: (med("conc1_a") + med("conc1_b")) / med("conc2"))


def pt_label(pt):
    if pt == "passthrough_ll":
        return "passthrough_ll"
    if pt == "bindfs":
        return "bindfs (fallback for passthrough_ll)"
    return "passthrough_ll"


# ---- machine -----------------------------------------------------------------
def sh(cmd):
    try:
        out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr).strip() else "missing"
    except Exception:  # noqa: BLE001 - a tool that cannot run is "missing"
        return "missing"


def machine_lines():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1048576)
    except OSError:
        pass
    du = shutil.disk_usage(meta("work") or "/tmp")
    return [
        "CPU: %s, %d online (nproc)" % (cpu, os.cpu_count() or 0),
        "Kernel: %s %s; memory %s; scratch filesystem %.0f GiB, %.0f GiB free at the end"
        % (platform.system(), platform.release(), mem, du.total / 2**30, du.free / 2**30),
        "Load average (1, 5, 15 min) at the start: %s; at the end: %s (other work on the "
        "machine skews the figures)" % (meta("loadavg_start", "?"), meta("loadavg_end", "?")),
        "OS: %s" % sh(". /etc/os-release && echo \"$PRETTY_NAME\""),
        "Root: %s; caches dropped (`echo 3 > /proc/sys/vm/drop_caches`): %s"
        % ("yes" if meta("is_root") == "1" else "no", "yes" if meta("drop_ok") == "1" else "NO"),
        "redactfs: git %s, meson release build in build-bench/" % meta("git", "?"),
        "Tools: %s; %s; %s; %s; %s; libfuse %s; %s; %s"
        % (sh("cc --version"), sh("rg --version"), sh("sed --version"),
           sh("perl -e 'print \"perl $^V\"'"), sh("bindfs --version"),
           sh("pkg-config --modversion fuse3"), sh("gnuplot --version"), sh("python3 --version")),
    ]


# ---- plots -------------------------------------------------------------------
def nan(x):
    return "NaN" if x is None else "%.6g" % x


def plots(pt):
    """Writes bench-*.png into OUT with gnuplot; returns (files, error)."""
    if meta("have_gnuplot") != "1" or not shutil.which("gnuplot"):
        return [], "gnuplot is not installed: no plots"
    size = float(meta("size", "0"))
    sed = float(meta("sedsize", "0"))
    pdir = os.path.join(RES, "plots")
    os.makedirs(pdir, exist_ok=True)
    ptl = "passthrough_ll" if pt != "bindfs" else "bindfs (pt)"

    def w(name, rows):
        p = os.path.join(pdir, name)
        with open(p, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(" ".join(r) + "\n")
        return p

    eng = []
    for tool, nb in (("redact", size), ("rg", size), ("sed -E", sed), ("perl -pe", sed),
                     ("cat", size), ("dd", size)):
        key = tool.split()[0]
        eng.append(['"%s"' % tool] + [nan(mbps(nb, med("eng_%s_%s" % (key, k))))
                                     for k in ("dense", "sparse")])
    f_eng = w("engine.dat", eng)
    rd = []
    for lab, n in (("cold redact", "cold_redact"), ("cold allow", "cold_allow"),
                   ("cold bindfs", "cold_bind"), ("cold " + ptl, "cold_pt"),
                   ("cold cat", "cold_cat"), ("cold dd", "cold_dd"),
                   ("warm redact", "warm_redact"), ("warm allow", "warm_allow"),
                   ("warm cat", "warm_cat")):
        rd.append(['"%s"' % lab] + [nan(mbps(size, med("%s_%s" % (n, k))))
                                   for k in ("dense", "sparse")])
    f_rd = w("reads.dat", rd)
    tg = []
    for i, t in enumerate(TARGETS):
        if t["margin"] is None:
            continue
        m = min(max(t["margin"], 0.01), 100)   # the plot's range; the table has the figure
        col = "0x2ca02c" if m >= 1 else "0xd62728"
        tg.append(['"%s"' % t["tag"], str(i), "%.6g" % m, "%.6g" % min(m, 1), "%.6g" % max(m, 1), col])
    f_tg = w("targets.dat", tg)
    have_rss = [p for p in ("rss-big.dat", "rss-dense.dat")
                if os.path.exists(os.path.join(RES, p))]
    out = {k: os.path.join(OUT, "bench-%s.png" % k) for k in ("engine", "reads", "targets", "memory")}
    gp = ["set terminal pngcairo size 900,480 font 'sans,10'",
          "set style data histogram", "set style histogram clustered gap 1",
          "set style fill solid 0.8 border -1", "set grid ytics", "set key outside right top",
          "set datafile missing 'NaN'", "set logscale y", "set xtics rotate by -25 scale 0",
          "set output '%s'" % out["engine"],
          "set title 'Engine throughput from the page cache (MB/s, log scale; sed and perl on a prefix)'",
          "set ylabel 'MB/s'",
          "plot '%s' using 2:xtic(1) title 'dense', '' using 3 title 'sparse'" % f_eng,
          "set output '%s'" % out["reads"],
          "set title 'Sequential reads: cold (caches dropped) and warm (repeat read), MB/s, log scale'",
          "plot '%s' using 2:xtic(1) title 'dense', '' using 3 title 'sparse'" % f_rd]
    files = [out["engine"], out["reads"]]
    if tg:
        gp += ["set output '%s'" % out["targets"],
               "set title 'Targets: measured / required (>= 1 is met), log scale'",
               "unset style", "set style fill solid 0.8 border -1", "set key off",
               "set ylabel 'margin'", "set xrange [-0.6:%d]" % len(tg),
               "set xtics rotate by -45 scale 0",
               "plot '%s' using 0:(sqrt($4*$5)):($0-0.35):($0+0.35):4:5:6:xtic(1) "
               "with boxxyerror lc rgb variable, 1 with lines lc rgb 'black' dt 2" % f_tg]
        files.append(out["targets"])
    if have_rss:
        lines = []
        for p in have_rss:
            lab = "streaming big.csv" if "big" in p else "streaming dense.csv"
            lines.append("'%s' using 1:($2/1024) with lines lw 2 title '%s'"
                         % (os.path.join(RES, p), lab))
        gp += ["unset logscale y", "unset xrange", "set xtics norotate",
               "set key outside right top", "set autoscale", "set yrange [0:*]",
               "set output '%s'" % out["memory"],
               "set title 'redactfs daemon RSS while streaming through the mount (MiB)'",
               "set xlabel 'seconds'", "set ylabel 'VmRSS, MiB'",
               "plot " + ", ".join(lines) + ", 64 with lines lc rgb 'red' dt 2 title 'target 64 MiB'"]
        files.append(out["memory"])
    script = os.path.join(pdir, "plots.gp")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(gp) + "\n")
    r = subprocess.run(["gnuplot", script], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        return [], "gnuplot failed: " + r.stderr.strip()[:300]
    return [os.path.basename(p) for p in files if os.path.exists(p)], None


# ---- report ------------------------------------------------------------------
def symbolic(cmd):
    """A recorded command with the scratch paths named."""
    reps = [(meta("work") + "/m-redact", "MNT_REDACT"), (meta("work") + "/m-allow", "MNT_ALLOW"),
            (meta("work") + "/m-bind", "MNT_BINDFS"), (meta("work") + "/m-pt", "MNT_PT"),
            (meta("work") + "/m-fresh", "MNT_FRESH"), (meta("work") + "/m-mem", "MNT_MEM"),
            (meta("work") + "/src", "SRC"), (meta("build"), "build-bench"),
            (meta("root") + "/", ""), (meta("work") + "/", "WORK/")]
    if not meta("work"):
        return cmd.strip()
    for a, b in reps:
        cmd = cmd.replace(a, b)
    if meta("rss_pid"):
        cmd = cmd.replace(" %s " % meta("rss_pid"), " PID ")
    return cmd.strip()


def table(a, title, *columns):
    """A "### title" heading and the head of a table with these columns."""
    a("### " + title)
    a("")
    a("| " + " | ".join(columns) + " |")
    a("|" + "---|" * len(columns))


def main():
    global RES, OUT
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    RES, OUT = sys.argv[1], sys.argv[2]
    os.makedirs(OUT, exist_ok=True)
    load_meta()
    quick = meta("mode") == "quick"
    pt = meta("pt_kind_final", meta("pt_kind", "none"))
    ptl = pt_label(pt)
    size = int(meta("size", "0"))
    sed = int(meta("sedsize", "0"))
    nruns = meta("runs", "?")
    build_targets(pt)
    for f in os.listdir(OUT):   # no stale plot of an earlier run
        if f.startswith("bench-") and f.endswith(".png"):
            os.remove(os.path.join(OUT, f))
    pngs, plot_err = plots(pt)
    notes = []
    if os.path.exists(os.path.join(RES, "notes")):
        with open(os.path.join(RES, "notes"), encoding="utf-8") as f:
            notes = [l.strip() for l in f if l.strip()]
    if plot_err:
        notes.append(plot_err)
    if meta("is_root") == "1" and meta("drop_ok") != "1":
        notes.append("/proc/sys/vm/drop_caches could not be written (a container?): the cold "
                     "figures (2, 4, 5, 6) are NOT cold")

    L = []
    a = L.append
    cmdline = "bash bench/run.sh" + (" --quick" if quick else "")
    if meta("overrides"):
        cmdline = meta("overrides") + " " + cmdline
    a("# redactfs benchmarks (%s run)" % ("quick" if quick else "full"))
    a("")
    a("Generated by `%s` on %s in %s s (redactfs git %s). All figures come from this one run "
      "on one machine; A and B runs are interleaved round by round; each figure is the median "
      "of %s runs unless a row says otherwise."
      % (cmdline, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), meta("seconds", "?"),
         meta("git", "?"), nruns))
    if quick:
        a("")
        a("**Quick mode**: small sizes, to check that the suite runs (CI). These are not the "
          "issue's figures; the full run writes docs/benchmarks.md.")
    if meta("overrides"):
        a("")
        a("**Overrides** (%s): not the issue's standard run." % meta("overrides"))
    a("")
    a("## Targets (issue 5)")
    a("")
    tl = ["| # | target | measured | required | verdict |", "|---|---|---|---|---|"]
    for t in TARGETS:
        tl.append("| %s | %s | %s | %s | %s |" % (t["id"], t["what"], show_value(t), show_thr(t),
                                                t["verdict"]))
    L.extend(tl)
    a("")
    a("`measured` is a ratio of medians (throughput ratio for ≥ targets, time ratio for ≤ "
      "targets) or an absolute figure; `missed by F` means the figure is F times short of the "
      "requirement. %s is the passthrough baseline of targets 4 and 6." % ptl)
    a("")
    if pngs:
        a("## Plots")
        a("")
        for p in pngs:
            a("![%s](%s)" % (p, p))
            a("")

    # ---- figures
    a("## Figures")
    a("")
    table(a, "Engine (target 1, 8a): from the page cache",
          "measurement", "input bytes", "median s", "MB/s", "runs (s)")
    for k in ("dense", "sparse"):
        for tool, nb, label in (("redact", size, "redact (all default detectors, mask)"),
                                ("rg", size, "rg --count-matches (alternation)"),
                                ("sed", sed, "sed -E (prefix)"), ("perl", sed, "perl -lp (prefix)"),
                                ("cat", size, "cat"), ("dd", size, "dd bs=1M")):
            n = "eng_%s_%s" % (tool, k)
            m = med(n)
            a("| %s: %s | %d | %s | %s | %s |" % (k, label, nb, fmt(m), fmt(mbps(nb, m), 1), runs_str(n)))
    rd, rp = med("eng_redact_dense"), med("eng_perl_dense")
    if rd and rp:
        a("| dense: redact / perl throughput | | | %sx | |" % fmt(mbps(size, rd) / mbps(sed, rp)))
    ss = int(meta("scalesize", "0"))
    for n, label in (("det10", "redact, 10 custom detectors + defaults"),
                     ("det100", "redact, 100 custom detectors + defaults")):
        m = med(n)
        a("| dense prefix: %s | %d | %s | %s | %s |" % (label, ss, fmt(m), fmt(mbps(ss, m), 1), runs_str(n)))
    a("")
    table(a, "Sequential reads through mounts (targets 2, 3)",
          "measurement", "median s", "MB/s", "runs (s)")
    for k in ("dense", "sparse"):
        for n, label in (("cold_redact", "cold, redactfs redact policy"),
                         ("cold_allow", "cold, redactfs allow policy"),
                         ("cold_bind", "cold, bindfs -r"), ("cold_pt", "cold, " + ptl),
                         ("cold_cat", "cold, cat SOURCE"), ("cold_dd", "cold, dd bs=1M SOURCE"),
                         ("warm_redact", "warm, redactfs redact policy"),
                         ("warm_allow", "warm, redactfs allow policy"),
                         ("warm_cat", "warm, cat SOURCE"), ("warm_dd", "warm, dd bs=1M SOURCE")):
            nn = "%s_%s" % (n, k)
            m = med(nn)
            a("| %s: %s | %s | %s | %s |" % (k, label, fmt(m), fmt(mbps(size, m), 1), runs_str(nn)))
    a("")
    table(a, "Random 4 KiB preads, dense.csv (target 4)",
          "mount", "threads", "median IOPS", "runs (IOPS)")
    for t in (1, 2):
        for m, label in (("redact", "redactfs redact policy"), ("allow", "redactfs allow policy"),
                         ("pt", ptl)):
            n = "pread_%s_t%d" % (m, t)
            a("| %s | %d | %s | %s |" % (label, t, fmt(med(n), 1), runs_str(n, 1)))
    a("")
    table(a, "First byte at a random offset of a file nothing has read (target 5)",
          "file", "mount", "median ms", "runs (ms)")
    for k, label in (("log", "dense.log (text)"), ("csv", "dense.csv (CSV)"),
                     ("csvml", "csvml.csv (CSV, multi-line quoted fields)")):
        for m, ml in (("redact", "redactfs redact policy"), ("pt", ptl)):
            n = "first_%s_%s" % (m, k)
            a("| %s | %s | %s | %s |" % (label, ml, fmt(med(n), 2), runs_str(n, 2)))
    a("")
    table(a, "Metadata of the %s-file tree (target 6)" % meta("ntree"),
          "operation", "mount", "median s", "runs (s)")
    for n, label in (("ls", "ls -lR"), ("stat", "find -printf '%s\\n' (lstat of every entry)")):
        for m, ml in (("redact", "redactfs redact policy"), ("pt", ptl)):
            nn = "%s_%s" % (n, m)
            a("| %s | %s | %s | %s |" % (label, ml, fmt(med(nn)), runs_str(nn)))
    a("")
    table(a, "Daemon memory (target 7), one run, fresh redact mount", "measurement", "KiB")
    for n, label in (("rss_dense_start", "VmRSS before any read"),
                     ("rss_dense_peak", "peak VmRSS sampled while streaming dense.csv (%s bytes)" % size),
                     ("rss_big_peak", "peak VmRSS sampled while streaming big.csv (%s bytes)" % meta("big")),
                     ("rss_big_hwm", "VmHWM after both streams"),
                     ("rss_hold_before", "VmRSS before opening 100 tree files"),
                     ("rss_hold_after", "VmRSS with the 100 files open, 4 KiB read of each"),
                     ("rss_hold_per_file", "growth per open file")):
        a("| %s | %s |" % (label, fmt(med(n), 1)))
    bs = med("rss_big_secs")
    if bs:
        a("| (big.csv streamed at %s MB/s) | |" % fmt(mbps(int(meta("big", "0")), bs), 1))
    a("")
    table(a, "Concurrent readers, redact mount (target 8b)",
          "measurement", "median s", "MB/s (aggregate)", "runs (s)")
    for n, label, nb in (("conc1_a", "one reader: dense.csv", size),
                         ("conc1_b", "one reader: dense2.csv", size),
                         ("conc2", "two readers at once: dense.csv + dense2.csv", 2 * size)):
        m = med(n)
        a("| %s | %s | %s | %s |" % (label, fmt(m), fmt(mbps(nb, m), 1), runs_str(n)))
    a("")

    # ---- method
    a("## Machine")
    a("")
    for l in machine_lines():
        a("- " + l)
    a("")
    a("## Data and method")
    a("")
    a("All data is invented by `bench/gen.py` with fixed seeds (an 8 MiB unique chunk, repeated):")
    a("")
    a("- `dense.csv` (seed 5) and `dense2.csv` (seed 15): %d bytes each, a CSV/log mix with about "
      "one personal value per 200 bytes; `dense.log` is a hard link to `dense.csv` (read as text "
      "by the policy's `format = auto`)." % size)
    a("- `sparse.txt` (seed 6): %d bytes of prose, about one value per 10 KB." % size)
    a("- `csvml.csv` (seed 9): %s bytes, a CSV with header `id,name,email,phone,city,note,amount` "
      "whose quoted `note` cells hold line breaks, commas and `\"\"`." % meta("csvml_size"))
    a("- `big.csv`: %s bytes, the dense chunk repeated (memory test)." % meta("big"))
    a("- `tree/`: %s CSV files of 200-4000 bytes, 100 per directory." % meta("ntree"))
    a("")
    a("Method, per target:")
    a("")
    a("1. Engine: every tool reads a file already in the page cache; `redact` and `rg` the whole "
      "file, `sed` and `perl` (far slower) a %d-byte prefix of it, every round; throughput is "
      "bytes / median seconds. The patterns of rg, sed and perl are below." % sed)
    a("2. Cold: `drop_caches` before every single read, so SOURCE comes from disk and nothing is "
      "cached for the mount; `cat MNT/FILE`.")
    a("3. Warm: one priming read per mount, then repeat `cat MNT/FILE` against `cat SRC/FILE`.")
    a("4. `bench/pread.c rand`: %s reads of 4 KiB at aligned offsets from a fixed seed (42), at "
      "most %s s, `POSIX_FADV_RANDOM`; one or two threads (each its own file descriptor and "
      "seed); caches dropped before each run; IOPS = reads / elapsed."
      % (meta("pread_n"), meta("pread_secs")))
    a("5. `bench/pread.c first`: a fresh mount for every single measurement, caches dropped, then "
      "open + one 4 KiB pread at an aligned offset in the second half of the file (seed = round), "
      "timed inside the program (the offset comes from a `stat` before the clock starts).")
    a("6. Caches dropped, SOURCE's tree listed once (its metadata warm, the mount's cold), then the "
      "operation on the mount.")
    a("7. `bench/rss.py`: a fresh redact mount; VmRSS of the daemon (pid from the mount root's "
      "`user.redactfs.pid`) sampled about every 50 ms while `dense.csv` then `big.csv` are read "
      "in 1 MiB reads; then 100 tree files opened at once, 4 KiB read of each, all held open: "
      "(RSS after - RSS before) / 100. The 7a figure is VmHWM (the daemon's high-water mark "
      "since it started), which a sample cannot miss.")
    a("8. (a) `redact` on a %d-byte prefix of dense.csv with 10 and with 100 custom detectors "
      "(`bench/gen.py detectors`, seed 8; the 10 are the first 10 of the 100; `detectors = all` "
      "keeps every default detector in both). (b) before every run caches are dropped and both "
      "SOURCE files read back (the mount cold, SOURCE warm); one `cat` of each file alone, then "
      "both at once; ratio = (t(dense) + t(dense2)) / t(both)." % ss)
    a("")
    a("Policies: redact `[global] default = redact, binary = deny` (every default detector, "
      "mask); allow `[global] default = allow, binary = deny`. Mounts: `redactfs -o policy=P SRC "
      "MNT` (multi-threaded, defaults), `bindfs -r SRC MNT`, `passthrough_ll -o source=SRC,ro MNT` "
      "(libfuse's example, its default cache mode)%s."
      % ("; passthrough_ll built with `%s`" % meta("pt_build") if meta("pt_build") else ""))
    a("")
    a("### Commands")
    a("")
    a("As run (paths named: SRC the data, MNT_* the mounts, WORK the scratch directory; "
      "WORK/sed.script and WORK/perl.pl hold one `s#P#***#g` per pattern, with `@` written `\\@` "
      "for perl; ALT is the patterns joined by `|`).")
    a("")
    a("```")
    names = sorted(n[4:] for n in os.listdir(RES) if n.startswith("cmd."))
    for n in names:
        with open(os.path.join(RES, "cmd." + n), encoding="utf-8") as f:
            c = symbolic(f.read())
        a("%-22s %s" % (n, c))
    a("```")
    a("")
    a("### Baseline patterns (bench/patterns.txt)")
    a("")
    a("Equivalent in shape to every default detector (`redact --list-detectors`), without "
      "checksums or context checks; `field` can only be approximated by `key=value` forms "
      "(no CSV header tracking). The same list for rg (one alternation), `sed -E` (under "
      "`LC_ALL=C.UTF-8`) and `perl -CSD -Mutf8 -lp`.")
    a("")
    a("```")
    with open(os.path.join(RES, "patterns.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                det, _, pat = line.rstrip("\n").partition("\t")
                a("%-16s %s" % (det, pat))
    a("```")
    a("")
    a("<details><summary>The 100 custom detectors of target 8a</summary>")
    a("")
    a("```ini")
    with open(os.path.join(RES, "det100.ini"), encoding="utf-8") as f:
        L.extend(l.rstrip("\n") for l in f)
    a("```")
    a("")
    a("</details>")
    a("")
    if notes:
        a("## Notes")
        a("")
        for n in notes:
            a("- " + n)
        a("")
    report = os.path.join(OUT, "benchmarks.md")
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(L).rstrip("\n") + "\n")
    print("\n".join(tl))
    for n in notes:
        print("note: " + n)
    print("wrote %s" % report)
    missing = [t["id"] for t in TARGETS if t["verdict"] == "NOT MEASURED"]
    if missing:
        print("NOT MEASURED: %s" % " ".join(sorted(set(missing))))
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: BSD-3-Clause
"""Turns the JSON reports of a scaling series (jobs/lib/scaling_series.py) into a CSV and a
PNG of time, speed-up and parallel efficiency against ranks, with the ideal lines.

With t0 the median time at the smallest rank count p0 and tp the median at p ranks:
  strong (fixed global size): speed-up = t0/tp, ideal p/p0; efficiency = speed-up/(p/p0)
  weak (fixed size per rank): efficiency = t0/tp, ideal 1; scaled speed-up = efficiency*p/p0
The same numbers per iteration (time/iterations) show how much of a weak-scaling loss is
more iterations on a bigger problem rather than slower iterations.
"""

import csv
import json
import os
import statistics
import sys

# Each app's report keeps its timing somewhere else: (time field, iteration field or None).
# A field is a dotted path; a number indexes a list. solvers.0 / methods.0 / policies.0 is
# the first las method of the run (las_poisson's PETSc anchor is solvers.1).
REPORT_FIELDS = {
    "las_poisson": ("solvers.0.solve_seconds", "solvers.0.iterations"),
    "las_bandit_sor": ("policies.0.solve_seconds", "policies.0.total_iterations"),
    "las_ot": ("solvers.0.solve_seconds", "solvers.0.iterations"),
    "las_learned_cg": ("methods.0.solve_seconds", "methods.0.iterations"),
    "las_pde_data": ("seconds", None),
    "las_dcdm_train": ("seconds", "steps"),
    "las_adasketch": ("problems.0.seconds", "problems.0.inner_iterations"),
    "las_moe_train": ("seconds_per_step", None),
}

CSV_COLUMNS = ("ranks", "nodes", "runs", "time_s", "time_min_s", "time_max_s", "iterations",
               "time_per_iteration_s", "speedup", "ideal_speedup", "efficiency", "efficiency_per_iteration")


class CollectError(Exception):
    """A series or report that cannot be collected: the message names the file and field."""


def report_field(report, path, source):
    node = report
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise CollectError(f"{source}: no field {path}")
    if isinstance(node, bool) or not isinstance(node, (int, float)):
        raise CollectError(f"{source}: field {path} is not a number ({node!r})")
    return float(node)


def load_runs(series_dir, time_field=None, iterations_field=None):
    """The series description and one row per run that left a report: ranks, nodes, time,
    iterations. Runs without a report are named on stderr and left out."""
    path = os.path.join(series_dir, "series.json")
    if not os.path.isfile(path):
        raise CollectError(f"{path}: not found (not a series written by jobs/scaling.py generate)")
    with open(path, encoding="utf-8") as f:
        series = json.load(f)
    app = series["app"]
    if app not in REPORT_FIELDS and time_field is None:
        raise CollectError(f"{path}: app {app} has no entry in REPORT_FIELDS; give --time-field")
    default_time, default_iterations = REPORT_FIELDS.get(app, (None, None))
    time_field = time_field or default_time
    iterations_field = iterations_field if iterations_field is not None else default_iterations
    runs = []
    for point in series["points"]:
        report_path = os.path.join(series_dir, point["dir"], "report.json")
        if not os.path.isfile(report_path):
            print(f"[scaling] warning: {report_path} is missing (the run failed or has not run): left out",
                  file=sys.stderr)
            continue
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        runs.append({"ranks": point["ranks"], "nodes": point["nodes"],
                     "time": report_field(report, time_field, report_path),
                     "iterations": report_field(report, iterations_field, report_path) if iterations_field else None})
    if not runs:
        raise CollectError(f"{series_dir}: no point has a report.json yet")
    return series, runs


def summarize(runs, mode):
    """One row per rank count (medians over repeats) with speed-up and efficiency."""
    if mode not in ("strong", "weak"):
        raise CollectError(f"mode must be strong or weak (got {mode})")
    by_ranks = {}
    for run in runs:
        by_ranks.setdefault(run["ranks"], []).append(run)
    rows = []
    for ranks in sorted(by_ranks):
        group = by_ranks[ranks]
        times = [r["time"] for r in group]
        iterations = [r["iterations"] for r in group if r["iterations"] is not None]
        time = statistics.median(times)
        its = statistics.median(iterations) if len(iterations) == len(group) else None
        rows.append({"ranks": ranks, "nodes": max(r["nodes"] for r in group), "runs": len(group), "time_s": time,
                     "time_min_s": min(times), "time_max_s": max(times), "iterations": its,
                     "time_per_iteration_s": time / its if its else None})
    base = rows[0]
    for row in rows:
        ideal = row["ranks"] / base["ranks"]
        ratio = base["time_s"] / row["time_s"]
        if mode == "strong":
            row["speedup"], row["efficiency"] = ratio, ratio / ideal
        else:
            row["speedup"], row["efficiency"] = ratio * ideal, ratio
        row["ideal_speedup"] = ideal
        per_it = None
        if row["time_per_iteration_s"] and base["time_per_iteration_s"]:
            per_it = base["time_per_iteration_s"] / row["time_per_iteration_s"]
            if mode == "strong":
                per_it /= ideal
        row["efficiency_per_iteration"] = per_it
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row[k] is None else (f"{row[k]:.6g}" if isinstance(row[k], float) else row[k]))
                             for k in CSV_COLUMNS})


def plot(path, rows, mode, title):
    """Three panels: median time (min-max bars), speed-up, efficiency; dashed: ideal."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ranks = [r["ranks"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    times = [r["time_s"] for r in rows]
    bars = [[t - r["time_min_s"] for t, r in zip(times, rows)], [r["time_max_s"] - t for t, r in zip(times, rows)]]
    axes[0].errorbar(ranks, times, yerr=bars, marker="o", capsize=3, label="measured (median, min-max)")
    ideal_time = [times[0] / (p / ranks[0]) if mode == "strong" else times[0] for p in ranks]
    axes[0].plot(ranks, ideal_time, "k--", label="ideal")
    axes[0].set_ylabel("time [s]")
    axes[1].plot(ranks, [r["speedup"] for r in rows], marker="o", label="measured")
    axes[1].plot(ranks, [r["ideal_speedup"] for r in rows], "k--", label="ideal")
    axes[1].set_ylabel("speed-up" if mode == "strong" else "scaled speed-up")
    axes[2].plot(ranks, [r["efficiency"] for r in rows], marker="o", label="time")
    if all(r["efficiency_per_iteration"] is not None for r in rows):
        axes[2].plot(ranks, [r["efficiency_per_iteration"] for r in rows], marker="s", label="time per iteration")
    axes[2].axhline(1.0, color="k", linestyle="--", label="ideal")
    axes[2].set_ylabel("parallel efficiency")
    axes[2].set_ylim(0, max(1.1, max(r["efficiency"] for r in rows) * 1.05))
    for ax in axes:
        ax.set_xlabel("MPI ranks")
        ax.set_xscale("log", base=2)
        ax.set_xticks(ranks)
        ax.set_xticklabels([str(p) for p in ranks])
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def collect(series_dir, time_field=None, iterations_field=None, plots=True, name="scaling"):
    """Writes <name>.csv (and <name>.png) into series_dir; returns the rows."""
    series, runs = load_runs(series_dir, time_field, iterations_field)
    rows = summarize(runs, series["mode"])
    write_csv(os.path.join(series_dir, name + ".csv"), rows)
    if plots:
        per_rank = " per rank" if series["mode"] == "weak" else ""
        sizes = ", ".join(f"{k}={v}{per_rank}" for k, v in series.get("sizes", {}).items())
        timed = f", {time_field}" if time_field else ""
        title = f"{series['app']} {series['mode']} scaling ({series['machine']}{'; ' + sizes if sizes else ''}{timed})"
        png = os.path.join(series_dir, name + ".png")
        try:
            plot(png, rows, series["mode"], title)
        except ImportError:
            if os.path.exists(png):
                os.remove(png)  # an older plot would no longer match the CSV
            print(f"[scaling] warning: matplotlib is missing: {name}.csv only (use /usr/bin/python3 here)",
                  file=sys.stderr)
    return rows

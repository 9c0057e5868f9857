#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Cumulative iterations against instance for every policy and baseline of a
las_bandit_sor run, from its per-instance CSV. Usage: plot_cumulative.py RUN.csv OUT.png"""
import math

from las_plot import main_from_argv, plt, read_rows, save


def cumulative(values):
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    columns = rows[0].keys()
    fixed = [c for c in columns if c.startswith("fixed_")]
    policies = [c[: -len("_iterations")] for c in columns
                if c.endswith("_iterations") and c != "young_iterations"]
    t = [int(r["instance"]) + 1 for r in rows]
    fig, ax = plt.subplots(figsize=(8, 5))
    for p in policies:
        ax.plot(t, cumulative(float(r[p + "_iterations"]) for r in rows), label=p, linewidth=2)
    evaluated = [r for r in rows if fixed and not math.isnan(float(r[fixed[0]]))]
    if len(evaluated) == len(rows) and fixed:
        best = min(fixed, key=lambda c: sum(float(r[c]) for r in rows))
        ax.plot(t, cumulative(float(r[best]) for r in rows), "--", label=f"best fixed ω={best[6:]}")
        ax.plot(t, cumulative(float(r[fixed[0]]) for r in rows), ":", label=f"ω={fixed[0][6:]}")
        ax.plot(t, cumulative(min(float(r[c]) for c in fixed) for r in rows), "-.", label="instance-optimal (grid)")
    if all(not math.isnan(float(r["young_iterations"])) for r in rows):
        ax.plot(t, cumulative(float(r["young_iterations"]) for r in rows), color="gray", label="Young's ω*")
    ax.set_xlabel("instance")
    ax.set_ylabel("cumulative iterations")
    ax.legend()
    ax.grid(alpha=0.3)
    save(fig, png_path)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

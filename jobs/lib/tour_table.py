#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The main job's tour: one row per capability, read from the apps' --report files.
Usage: tour_table.py out/main.json out/bandit_sor.json out/ot.json ..."""
import json
import os
import sys


def poisson_row(r):
    las, anchor = r["solvers"][0], r["solvers"][-1]
    return ("CG (foundation)", r["problem"],
            f"{las['label']}: {las['iterations']} it, {las['solve_seconds']:.3f} s",
            f"{anchor['label']}: {anchor['iterations']} it, {anchor['solve_seconds']:.3f} s",
            f"time/it {r.get('ratio_time_per_iteration', float('nan')):.2f}")


def bandit_row(r):
    best = r["best_fixed"]
    chebcb = next((p for p in r["policies"] if p["name"] == "chebcb"), r["policies"][0])
    petsc = r["petsc"][0] if r["petsc"] else None
    anchor = (f"best fixed omega={best['omega']:.2f}: {best['mean_iterations']:.1f} it/solve"
              if best else "-")
    if petsc:
        anchor += f"; {petsc['solver']}: {petsc['mean_iterations']:.1f}"
    return ("bandit SOR", f"{r['sequence'].split(',')[0]}, {r['instances']} instances",
            f"{chebcb['name']}: {chebcb['mean_iterations']:.1f} it/solve", anchor,
            f"iters {chebcb['ratio_to_best_fixed']:.2f}")


def ot_row(r):
    by_method = {s["method"]: s for s in r["solvers"]}
    sns, sinkhorn = by_method.get("sns"), by_method.get("sinkhorn")
    las = f"SNS: {sns['iterations']} it, {sns['solve_seconds']:.3f} s"
    anchor = f"Sinkhorn: {sinkhorn['iterations']} it, {sinkhorn['solve_seconds']:.3f} s" if sinkhorn else "-"
    ratio = f"time {sns['solve_seconds'] / sinkhorn['solve_seconds']:.3f}" if sinkhorn else "-"
    return ("Sinkhorn-Newton", f"{r['problem']}, eta {r['eta']}", las, anchor, ratio)


ROWS = {"las_poisson": poisson_row, "las_bandit_sor": bandit_row, "las_ot": ot_row}


def main(paths):
    rows = [("capability", "problem", "las", "anchor", "las/anchor")]
    for path in paths:
        if not os.path.exists(path):
            rows.append(("?", path, "missing report", "", ""))
            continue
        with open(path) as f:
            report = json.load(f)
        rows.append(ROWS[report["app"]](report))
    widths = [max(len(str(row[c])) for row in rows) for c in range(5)]
    for i, row in enumerate(rows):
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main(sys.argv[1:])

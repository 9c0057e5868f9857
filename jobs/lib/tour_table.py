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


def learned_cg_row(r):
    by_name = {m["name"]: m for m in r["methods"]}
    rtol = min(r["rtols"])

    def hit(m):
        return next(h for h in m["to_rtol"] if h["rtol"] == rtol)

    def cell(m):
        h = hit(m)
        return f"{m['label']}: {h['iterations']} it, {h['seconds']:.3f} s" if h["iterations"] >= 0 else \
            f"{m['label']}: not converged"

    las = by_name.get("dcdm") or by_name.get("fcg") or r["methods"][0]
    anchor = by_name.get("petsc_gamg") or by_name.get("petsc_icc") or by_name.get("cg")
    ratio = "-"
    if anchor and hit(las)["iterations"] >= 0 and hit(anchor)["seconds"] > 0:
        ratio = f"time {hit(las)['seconds'] / hit(anchor)['seconds']:.2f}"
        if "ratio_to_cg_iterations" in hit(las):
            ratio += f", iters/CG {hit(las)['ratio_to_cg_iterations']:.2f}"
    grid = r["problem"].split(",")[1].split(" on ")[0].strip()
    return ("learned CG", f"Poisson {grid}, rtol {rtol:g}", cell(las), cell(anchor) if anchor else "-", ratio)


def adasketch_row(r):
    s = r["summary"]
    problems = r["problems"]
    what = problems[0]["name"] if len(problems) == 1 else f"HS/BT set ({len(problems)})"
    las = (f"AdaSketch-Newton ({r['sketch']}): {s['successes']}/{s['problems']} solved, "
           f"median {s['median_iterations']:g} it, {s['seconds']:.3f} s")
    ipopt = s.get("ipopt")
    anchor = (f"IPOPT: {ipopt['successes']}/{ipopt['problems']} solved, median {ipopt['median_iterations']:g} it, "
              f"{ipopt['seconds']:.3f} s") if ipopt else "-"
    ratio = f"time {s['seconds'] / ipopt['seconds']:.2f}" if ipopt and ipopt["seconds"] > 0 else "-"
    return ("sketching Newton", f"{what}, KKT {r['kkt_tolerance']:g}", las, anchor, ratio)


def moe_row(r):
    e = r["evaluation"]
    name = {"pi_sc": "PI-SC", "pi_hc": "PI-HC", "pi_hc_moe": "PI-HC-MoE"}[r["variant"]]
    las = (f"{name} (K={r['experts']}): rel L2 {100 * e['relative_l2_mean']:.1f} %, "
           f"{e['seconds_per_inference']:.3f} s/inference")
    failed = f", LM failed {e['lm_failed']}/{e['lm_problems']}" if e["lm_problems"] else ""
    return ("hard-constraint MoE", f"diffusion-sorption, {e['samples']} test samples", las + failed,
            "finite-volume reference (las_pde_data)", f"error {100 * e['relative_l2_mean']:.1f} %")


ROWS = {"las_poisson": poisson_row, "las_bandit_sor": bandit_row, "las_ot": ot_row,
        "las_learned_cg": learned_cg_row, "las_adasketch": adasketch_row,
        "las_moe_train": moe_row}


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

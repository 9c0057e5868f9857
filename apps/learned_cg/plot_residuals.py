#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Relative residual ||r_k|| / ||b|| against iteration for every method of a
las_learned_cg run, from its learned_cg_history.csv.
Usage: plot_residuals.py learned_cg_history.csv OUT.png"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")  # batch nodes have no display
import matplotlib.pyplot as plt  # noqa: E402


def main(csv_path, png_path):
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{csv_path}: no history")
    methods = []
    for r in rows:
        if r["method"] not in methods:
            methods.append(r["method"])
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    # Methods can share a curve (CG and Jacobi-PCG on a constant coefficient): vary the
    # line style so no curve hides another.
    styles = ["-", "--", "-.", ":"]
    for i, m in enumerate(methods):
        mine = [r for r in rows if r["method"] == m]
        # An exact solve can reach 0; log axes need a positive floor.
        res = [max(float(r["relative_residual"]), 1e-300) for r in mine]
        ax.semilogy([int(r["iteration"]) for r in mine], res, label=f"{m} ({len(mine) - 1} it)",
                    linewidth=1.8, linestyle=styles[i % len(styles)])
    ax.set_xlabel("iteration")
    ax.set_ylabel("relative residual  ||b - Ax_k|| / ||b||")
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    ax.set_title("las_learned_cg: residual against iteration")
    fig.tight_layout()
    fig.savefig(png_path, dpi=120)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

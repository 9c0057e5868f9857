#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Relative residual ||r_k|| / ||b|| against iteration for every method of a
las_learned_cg run, from its learned_cg_history.csv.
Usage: plot_residuals.py learned_cg_history.csv OUT.png"""

from las_plot import main_from_argv, plt, positive, read_rows, save, series


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    methods = series(rows, "method")
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    # Methods can share a curve (CG and Jacobi-PCG on a constant coefficient): vary the
    # line style so no curve hides another.
    styles = ["-", "--", "-.", ":"]
    for i, m in enumerate(methods):
        mine = [r for r in rows if r["method"] == m]
        res = positive(r["relative_residual"] for r in mine)
        ax.semilogy([int(r["iteration"]) for r in mine], res, label=f"{m} ({len(mine) - 1} it)",
                    linewidth=1.8, linestyle=styles[i % len(styles)])
    ax.set_xlabel("iteration")
    ax.set_ylabel("relative residual  ||b - Ax_k|| / ||b||")
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    ax.set_title("las_learned_cg: residual against iteration")
    save(fig, png_path)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

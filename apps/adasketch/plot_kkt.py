#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""KKT residual ||(grad_x L, c)||_2 against iteration for las (AdaSketch-Newton) and IPOPT
on every problem of an las_adasketch run (one panel per problem), from its
adasketch_history.csv.
Usage: plot_kkt.py adasketch_history.csv OUT.png"""
import math

from las_plot import main_from_argv, plt, positive, read_rows, series

# Residuals that reach exactly 0 (or far below rounding) are drawn at this floor, so the
# log axis shows the converging part rather than 1e-300.
FLOOR = 1e-17


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    problems = series(rows, "problem")
    cols = min(6, len(problems))
    nrows = math.ceil(len(problems) / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(2.6 * cols + 1.5, 2.2 * nrows + 1.0), squeeze=False)
    for ax in axes.flat[len(problems):]:
        ax.set_visible(False)
    for ax, p in zip(axes.flat, problems):
        for solver, label, style in (("las", "las AdaSketch-Newton", "o-"), ("ipopt", "IPOPT", "s--")):
            mine = [r for r in rows if r["problem"] == p and r["solver"] == solver]
            if not mine:
                continue
            kkt = positive((r["kkt_residual"] for r in mine), floor=FLOOR)
            ax.semilogy([int(r["iteration"]) for r in mine], kkt, style, label=label, linewidth=1.3, markersize=2.5)
        ax.set_title(p, fontsize=9)
        ax.grid(alpha=0.3, which="both")
        ax.tick_params(labelsize=7)
    for ax in axes[-1]:
        ax.set_xlabel("iteration", fontsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("||(grad_x L, c)||_2", fontsize=8)
    axes.flat[0].legend(fontsize=7)
    fig.suptitle("las_adasketch: KKT residual against iteration, las and IPOPT")
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Marginal error ||P1 - r||_1 + ||P^T 1 - c||_1 against iteration and against time for
every solver of a las_ot run, from its ot_history.csv.
Usage: plot_convergence.py ot_history.csv OUT.png"""

from las_plot import main_from_argv, plt, positive, read_rows, save, series


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    solvers = series(rows, "solver")
    fig, (by_iter, by_time) = plt.subplots(1, 2, figsize=(11, 4.5))
    for s in solvers:
        mine = [r for r in rows if r["solver"] == s]
        err = positive(r["marginal_error"] for r in mine)
        it = [int(r["iteration"]) for r in mine]
        t = positive((r["seconds"] for r in mine), floor=1e-6)
        line, = by_iter.semilogy(it, err, label=s, linewidth=1.8)
        by_time.loglog(t, err, label=s, linewidth=1.8, color=line.get_color())
        newton = [i for i, r in enumerate(mine) if r["step"] == "newton"]
        if newton:
            by_iter.semilogy([it[i] for i in newton], [err[i] for i in newton], "o", ms=3,
                             color=line.get_color(), label=f"{s}: Newton steps")
    by_iter.set_xlabel("iteration")
    by_time.set_xlabel("time [s]")
    for ax in (by_iter, by_time):
        ax.set_ylabel("marginal error  ||P1-r||_1 + ||P^T1-c||_1")
        ax.grid(alpha=0.3, which="both")
        ax.legend()
    fig.suptitle("las_ot: marginal error against iteration and time")
    save(fig, png_path)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

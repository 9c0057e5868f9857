#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Reference, prediction and absolute error of one diffusion-sorption trajectory over
(x, t), from las_moe_train's moe_fields.csv.
Usage: plot_fields.py moe_fields.csv OUT.png"""
from las_plot import main_from_argv, plt, read_rows, save, series


def grid(rows, column, times, cells):
    values = [float(r[column]) for r in rows]
    return [values[j * len(cells):(j + 1) * len(cells)] for j in range(len(times))]


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    times = [float(t) for t in series(rows, "t")]
    cells = [float(x) for x in series(rows, "x")]
    reference = grid(rows, "reference", times, cells)
    prediction = grid(rows, "prediction", times, cells)
    error = [[abs(p - r) for p, r in zip(pr, rr)] for pr, rr in zip(prediction, reference)]
    extent = [cells[0], cells[-1], times[0], times[-1]]
    lo = min(min(r) for r in reference)
    hi = max(max(r) for r in reference)
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for ax, field, title in ((axes[0], reference, "reference (las finite volumes)"),
                             (axes[1], prediction, "prediction")):
        im = ax.imshow(field, origin="lower", aspect="auto", extent=extent, vmin=lo, vmax=hi, cmap="viridis")
        ax.set_title(title)
        fig.colorbar(im, ax=ax)
    im = axes[2].imshow(error, origin="lower", aspect="auto", extent=extent, cmap="magma")
    axes[2].set_title("|prediction - reference|")
    fig.colorbar(im, ax=axes[2])
    for ax in axes:
        ax.set_xlabel("x")
    axes[0].set_ylabel("t [s]")
    fig.suptitle("las_moe_train: diffusion-sorption, first test sample")
    save(fig, png_path)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

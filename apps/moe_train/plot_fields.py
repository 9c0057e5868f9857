#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Reference, prediction and absolute error of the first test trajectory, from
las_moe_train's moe_fields.csv: over (x, t) for diffusion-sorption (columns t, x), and at
the last time over (x, y) for Navier-Stokes (columns t, y, x).
Usage: plot_fields.py moe_fields.csv OUT.png"""
from las_plot import main_from_argv, plt, read_rows, save, series


def rows_of(rows, column, outer, inner):
    values = [float(r[column]) for r in rows]
    return [values[j * inner:(j + 1) * inner] for j in range(outer)]


def panels(fig, axes, reference, prediction, extent, xlabel, ylabel):
    error = [[abs(p - r) for p, r in zip(pr, rr)] for pr, rr in zip(prediction, reference)]
    lo = min(min(r) for r in reference)
    hi = max(max(r) for r in reference)
    for ax, field, title in ((axes[0], reference, "reference (las solver)"), (axes[1], prediction, "prediction")):
        im = ax.imshow(field, origin="lower", aspect="auto", extent=extent, vmin=lo, vmax=hi, cmap="viridis")
        ax.set_title(title)
        fig.colorbar(im, ax=ax)
    im = axes[2].imshow(error, origin="lower", aspect="auto", extent=extent, cmap="magma")
    axes[2].set_title("|prediction - reference|")
    fig.colorbar(im, ax=axes[2])
    for ax in axes:
        ax.set_xlabel(xlabel)
    axes[0].set_ylabel(ylabel)


def main(csv_path, png_path):
    rows = read_rows(csv_path)
    times = series(rows, "t")
    xs = [float(x) for x in series(rows, "x")]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    if "y" in rows[0]:
        ys = [float(y) for y in series(rows, "y")]
        last = rows[-len(ys) * len(xs):]  # the final snapshot, y slower than x
        reference = rows_of(last, "reference", len(ys), len(xs))
        prediction = rows_of(last, "prediction", len(ys), len(xs))
        panels(fig, axes, reference, prediction, [xs[0], xs[-1], ys[0], ys[-1]], "x", "y")
        fig.suptitle("las_moe_train: Navier-Stokes vorticity at t = %s s, first test sample" % times[-1])
    else:
        reference = rows_of(rows, "reference", len(times), len(xs))
        prediction = rows_of(rows, "prediction", len(times), len(xs))
        t = [float(v) for v in times]
        panels(fig, axes, reference, prediction, [xs[0], xs[-1], t[0], t[-1]], "x", "t [s]")
        fig.suptitle("las_moe_train: diffusion-sorption, first test sample")
    save(fig, png_path)


if __name__ == "__main__":
    main_from_argv(main, __doc__)

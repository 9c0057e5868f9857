# SPDX-License-Identifier: BSD-3-Clause
"""What the apps' plot scripts share: a display-free matplotlib, reading a history CSV,
the order in which series first appear, a positive floor for log axes, saving, and the
`SCRIPT CSV PNG` command line. The apps put this file's directory on PYTHONPATH
(apps/common/plot_script.cpp); it is installed beside the scripts in share/las."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")  # batch nodes have no display
import matplotlib.pyplot as plt  # noqa: E402,F401  (the scripts draw through this module's plt)


def read_rows(csv_path):
    """The CSV's rows as dicts; exits with a one-line message when there are none."""
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{csv_path}: no history")
    return rows


def series(rows, column):
    """The distinct values of `column`, in order of first appearance."""
    seen = []
    for r in rows:
        if r[column] not in seen:
            seen.append(r[column])
    return seen


def positive(values, floor=1e-300):
    """Values floored for a log axis (a converged run can reach exactly 0)."""
    return [max(float(v), floor) for v in values]


def save(fig, png_path):
    fig.tight_layout()
    fig.savefig(png_path, dpi=120)


def main_from_argv(main, usage):
    """Runs main(csv_path, png_path) from the command line, or exits with the usage."""
    if len(sys.argv) != 3:
        sys.exit(usage)
    main(sys.argv[1], sys.argv[2])

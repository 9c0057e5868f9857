# SPDX-License-Identifier: BSD-3-Clause
"""Problem sizes of a weak-scaling series, and the key=value text of a size override.

The rule (documented in jobs/README.md): on P ranks the global size is P times the size on
one rank.
  * A list value (cells per axis, e.g. grid.n=[256,256]) is a grid: P is split into its
    prime factors, largest first, and each factor multiplies the axis that has grown least
    so far (the first such axis on a tie). So a 2D grid doubles one axis per doubling of
    ranks, x first: P=2 -> [512,256], P=4 -> [512,512], P=8 -> [1024,512]; P=3 -> [768,256].
  * A scalar value (a count: points, samples, trajectories) is multiplied by P, or by
    P^(1/k) rounded to the nearest integer when the work grows as the k-th power of it
    (--work-power k: k = 2 for optimal transport, whose cost matrix is n x n).
The global number of cells or items (or, with a work power, the work) is then P times the
one-rank value's.
"""


def prime_factors(count):
    """Prime factors of count >= 1, largest first (1 -> [])."""
    factors, p, rest = [], 2, count
    while p * p <= rest:
        while rest % p == 0:
            factors.append(p)
            rest //= p
        p += 1
    if rest > 1:
        factors.append(rest)
    return sorted(factors, reverse=True)


def weak_size(base, ranks, work_power=1.0):
    """The global size on `ranks` ranks for the one-rank size `base` (int or list of ints)
    whose work grows as size**work_power (scalars only; a grid's work is its cells)."""
    if ranks < 1:
        raise ValueError(f"rank count must be >= 1 (got {ranks})")
    if not work_power > 0:
        raise ValueError(f"work power must be positive (got {work_power})")
    if isinstance(base, list):
        if work_power != 1:
            raise ValueError(f"a work power ({work_power}) applies to a scalar size, not the grid {format_size(base)}")
        growth = [1] * len(base)
        for factor in prime_factors(ranks):
            axis = min(range(len(growth)), key=lambda a: growth[a])
            growth[axis] *= factor
        return [n * g for n, g in zip(base, growth)]
    if work_power == 1:
        return base * ranks
    return max(1, round(base * ranks ** (1.0 / work_power)))


def parse_size(text):
    """'[256,256]' -> [256, 256]; '400' -> 400. Raises ValueError on anything else."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        items = [item.strip() for item in text[1:-1].split(",") if item.strip()]
        if not items:
            raise ValueError(f"empty size list '{text}'")
        return [_positive_int(item, text) for item in items]
    return _positive_int(text, text)


def _positive_int(item, whole):
    try:
        value = int(item)
    except ValueError:
        raise ValueError(f"size '{whole}' is not a positive integer or a list of them") from None
    if value < 1:
        raise ValueError(f"size '{whole}' is not a positive integer or a list of them")
    return value


def format_size(value):
    """[512, 256] -> '[512,256]' (no spaces: one shell word, as the apps' overrides take it)."""
    if isinstance(value, list):
        return "[" + ",".join(str(v) for v in value) + "]"
    return str(value)

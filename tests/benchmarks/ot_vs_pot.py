#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""las_ot (SNS and log-domain Sinkhorn) against POT's sinkhorn_log on identical inputs
with the same stopping rule, side by side.

    tests/benchmarks/ot_vs_pot.py DECK [--las PATH] [--np N] [--out DIR] [--json FILE]
                                  [--pot-iterations replay|las|N] [--las-set KEY=VALUE ...]

DECK is an las_ot deck with problem.kind = hdf5 whose problem.* keys describe the two
point clouds (n, dim, cloud, components, spread, seed; cost sqeuclidean): this script
draws them with numpy, writes DIR/ot_vs_pot_input.h5 (r, c, x_points, y_points), runs
las_ot on it (input.file=..., --report), and runs POT 0.8 (Debian python3-pot) on the
same points and weights with reg = 1/solver.eta.

The stopping rule. las stops at ||P1 - r||_1 + ||P^T 1 - c||_1 <= solver.tol. POT's
sinkhorn_log instead checks ||P^T 1 - b||_2 every 10th iteration: a different norm at a
different frequency. POT 0.8 has no callback and no warm start, but its iterate after k
iterations depends only on k (u, v start at 0; each iteration is v = log b -
lse(Mr + u), u = log a - lse(Mr + v)), so:
  1. the script replays POT's iteration with POT's own backend operations (the same
     calls in the same order give the same floating-point iterates) and evaluates las's
     criterion after every iteration (untimed), giving K, the first iteration where it
     holds;
  2. then it times one plain POT call ot.sinkhorn(..., method='sinkhorn_log',
     numItermax=K, stopThr=0) -- stopThr = 0 never triggers, so POT runs exactly K
     iterations, including its own error checks every 10 -- and checks that the plan
     POT returns meets las's criterion.
That is POT's time to las's accuracy, measured on POT's unmodified code. The iteration at
which POT's own rule (stopThr = tol on its 2-norm) would have stopped is reported too.
The replay costs about as much as POT itself; `--pot-iterations las` skips it and runs POT
for las Sinkhorn's iteration count instead (the same algorithm: the replayed K equalled
it at n = 1000 and 4000), still checking that POT's plan meets the criterion there, but
without showing that no earlier iteration did. Use it for the sizes where POT alone takes
an hour. `--pot-iterations N` (an integer) is for the sizes where even that is out of
reach: POT runs exactly N iterations, and if its plan does not yet meet las's criterion
there, POT needs more than N, so its time for N is a lower bound on its time to the
tolerance and the ratio to SNS is printed as ">=" (the bound assumes the marginal error has
not dipped below tol before N and come back up, which Sinkhorn's geometric decay rules
out in practice: the script prints the error at N to show how far off it still is).
`--las-set sinkhorn.enabled=false` then spares las's own Sinkhorn run.

The cost matrix POT gets is built as las builds it from the points (sum over coordinates
of d*d, in order), so both see the same numbers. las times are its solve_seconds (cost
computed on the fly from the points); POT's exclude building M.

Prints a table and writes JSON (--json, default DIR/ot_vs_pot.json). Sizes to 10^4
points need O(n^2) memory for M and POT's temporaries (about 5 GB at n = 10^4).
"""
import json
import os
import subprocess
import sys
import time

import h5py
import numpy as np
import ot
import yaml
from ot.backend import get_backend

import bench_cli


def deck_value(deck, dotted, default):
    node = deck
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def draw_clouds(n, dim, cloud, components, spread, seed):
    """Two independent clouds of n points from the same distribution (means shared)."""
    rng = np.random.default_rng(seed)
    if cloud == "uniform":
        return rng.random((n, dim)), rng.random((n, dim))
    means = rng.random((components, dim))
    def one():
        k = rng.integers(components, size=n)
        return means[k] + spread * rng.standard_normal((n, dim))
    return one(), one()


def squared_euclidean(x, y):
    """M_ij = sum_k (x_ik - y_jk)^2 summed in coordinate order, as las's PointCost does."""
    m = np.zeros((x.shape[0], y.shape[0]))
    for k in range(x.shape[1]):
        d = x[:, k][:, None] - y[:, k][None, :]
        m += d * d
    return m


def marginal_error(plan, a, b):
    return float(np.abs(plan.sum(1) - a).sum() + np.abs(plan.sum(0) - b).sum())


def first_iteration_meeting(a, b, M, reg, tol, max_iter):
    """Replays POT 0.8's sinkhorn_log loop (ot/bregman.py) with its backend; returns the
    first iteration count K whose plan meets las's criterion, and the count at which POT's
    own test (every 10th iteration, ||P^T 1 - b||_2 < tol) would have stopped."""
    nx = get_backend(M, a, b)
    Mr = -M / reg
    u = nx.zeros(len(a), type_as=M)
    v = nx.zeros(len(b), type_as=M)
    loga, logb = nx.log(a), nx.log(b)
    pot_stop = None
    for ii in range(max_iter):
        v = logb - nx.logsumexp(Mr + u[:, None], 0)
        u = loga - nx.logsumexp(Mr + v[None, :], 1)
        plan = nx.exp(Mr + u[:, None] + v[None, :])
        if pot_stop is None and ii % 10 == 0 and nx.norm(plan.sum(0) - b) < tol:
            pot_stop = ii + 1
        if marginal_error(plan, a, b) <= tol:
            return ii + 1, pot_stop
    return None, pot_stop


def las_sinkhorn_iterations(report, deck_path):
    """The iteration count of las's converged log-domain Sinkhorn in the report."""
    for s in report["solvers"]:
        if s["method"] == "sinkhorn" and s["reason"].startswith("converged"):
            return s["iterations"]
    sys.exit(f"ot_vs_pot.py: {deck_path}: --pot-iterations las needs las's Sinkhorn to run and "
             "converge (sinkhorn.enabled = true)")


def run_las(las, np_ranks, deck_path, h5, report, mpiexec, overrides):
    cmd = [las, deck_path, f"input.file={h5}", *overrides, "--report", report]
    if np_ranks > 1:
        cmd = mpiexec.split() + ["-n", str(np_ranks)] + cmd
    proc = subprocess.run(cmd, capture_output=True, text=True)
    # Exit 2 means a solver hit its iteration cap: the report still holds the numbers.
    if proc.returncode not in (0, 2) or not os.path.exists(report):
        sys.exit(f"ot_vs_pot.py: '{' '.join(cmd)}' failed ({proc.returncode}):\n{proc.stderr}")
    with open(report) as f:
        return json.load(f), " ".join(cmd)


def main():
    p = bench_cli.parser(__doc__, "ot", "las_ot")
    p.add_argument("--np", type=int, default=1, help="MPI ranks for las_ot")
    p.add_argument("--out", default="out/ot_vs_pot")
    p.add_argument("--json", default="")
    p.add_argument("--pot-iterations", default="replay",
                   help="how K is found: replay POT's loop, take las Sinkhorn's count (las), "
                        "or an integer N: run POT N iterations and report a lower bound if "
                        "it has not converged by then")
    p.add_argument("--las-set", action="append", default=[], metavar="KEY=VALUE",
                   help="a deck override passed to las_ot (repeatable)")
    args = p.parse_args()
    if args.pot_iterations not in ("replay", "las") and not (
            args.pot_iterations.isdigit() and int(args.pot_iterations) > 0):
        sys.exit(f"ot_vs_pot.py: --pot-iterations {args.pot_iterations}: expected replay, las "
                 "or a positive integer")

    with open(args.deck) as f:
        deck = yaml.safe_load(f) or {}
    if deck_value(deck, "problem.kind", "") != "hdf5":
        sys.exit(f"ot_vs_pot.py: {args.deck}: problem.kind must be hdf5 (the script writes input.file)")
    if deck_value(deck, "problem.cost", "sqeuclidean") != "sqeuclidean":
        sys.exit(f"ot_vs_pot.py: {args.deck}: only problem.cost = sqeuclidean is compared")
    n = int(deck_value(deck, "problem.n", 500))
    dim = int(deck_value(deck, "problem.dim", 2))
    eta = float(deck_value(deck, "solver.eta", 1200))
    tol = float(deck_value(deck, "solver.tol", 1e-9))
    max_iter = int(deck_value(deck, "solver.max_iterations", 100000))
    x, y = draw_clouds(n, dim, deck_value(deck, "problem.cloud", "uniform"),
                       int(deck_value(deck, "problem.components", 3)),
                       float(deck_value(deck, "problem.spread", 0.05)),
                       int(deck_value(deck, "problem.seed", 1)))
    a = np.full(n, 1.0 / n)
    b = np.full(n, 1.0 / n)

    os.makedirs(args.out, exist_ok=True)
    h5 = os.path.join(args.out, "ot_vs_pot_input.h5")
    with h5py.File(h5, "w") as f:
        f["r"], f["c"], f["x_points"], f["y_points"] = a, b, x, y
    report, las_cmd = run_las(args.las, args.np, args.deck, h5,
                              os.path.join(args.out, "las_report.json"), args.mpiexec, args.las_set)

    M = squared_euclidean(x, y)
    reg = 1.0 / eta
    if args.pot_iterations == "replay":
        K, pot_own_stop = first_iteration_meeting(a, b, M, reg, tol, max_iter)
    elif args.pot_iterations == "las":
        K, pot_own_stop = las_sinkhorn_iterations(report, args.deck), None
    else:
        K, pot_own_stop = int(args.pot_iterations), None
    lower_bound = args.pot_iterations.isdigit()
    pot = {"method": "pot_sinkhorn_log", "reg": reg, "pot_own_stop_iterations": pot_own_stop,
           "iterations_from": args.pot_iterations}
    if K is None:
        pot.update(converged=False, iterations=max_iter)
    else:
        t0 = time.perf_counter()
        plan = ot.sinkhorn(a, b, M, reg, method="sinkhorn_log", numItermax=K, stopThr=0.0, warn=False)
        seconds = time.perf_counter() - t0
        err = marginal_error(plan, a, b)
        if lower_bound and err <= tol:
            sys.exit(f"ot_vs_pot.py: POT met the tolerance within --pot-iterations {K} "
                     f"(error {err:.3e}): no bound; rerun with replay or las")
        if not lower_bound and err > tol:
            sys.exit(f"ot_vs_pot.py: POT after {K} iterations has marginal error {err:.3e} > {tol:g}, "
                     f"but the {args.pot_iterations} count met it: it no longer matches this POT's "
                     "sinkhorn_log")
        pot.update(converged=not lower_bound, iterations=K, seconds=seconds, marginal_error=err,
                   transport_cost=float((M * plan).sum()), lower_bound=lower_bound)

    rows = []
    for s in report["solvers"]:
        rows.append({"solver": "las " + s["method"], "iterations": s["iterations"],
                     "seconds": s["solve_seconds"], "marginal_error": s["final_residual"],
                     "transport_cost": s["transport_cost"], "converged": s["reason"].startswith("converged")})
    rows.append({"solver": "POT sinkhorn_log" + (" >=" if pot.get("lower_bound") else ""),
                 "iterations": pot["iterations"],
                 "seconds": pot.get("seconds"), "marginal_error": pot.get("marginal_error"),
                 "transport_cost": pot.get("transport_cost"), "converged": pot["converged"]})
    for r in rows:
        r["time_over_pot"] = (r["seconds"] / pot["seconds"]
                              if pot.get("seconds") and r["seconds"] is not None else None)

    def fmt(v, spec):
        return format(v, spec) if v is not None else "-"
    print(f"n = {n}, dim = {dim}, eta = {eta:g} (POT reg = {reg:g}), tol = {tol:g} on "
          f"||P1 - r||_1 + ||P^T 1 - c||_1, las on {args.np} rank(s); POT's own rule "
          f"(stopThr = tol, 2-norm every 10th iteration) would stop after {pot_own_stop} iterations; "
          f"POT's K from: {args.pot_iterations}")
    print(f"{'solver':<18} {'iters':>7} {'seconds':>10} {'marg. err':>10} {'<C,P>':>20} {'time/POT':>9}")
    for r in rows:
        print(f"{r['solver']:<18} {r['iterations']:>7} {fmt(r['seconds'], '10.4f')} "
              f"{fmt(r['marginal_error'], '10.3e')} {fmt(r['transport_cost'], '20.12e')} "
              f"{fmt(r['time_over_pot'], '9.3f')}{'' if r['converged'] else '  (not converged)'}")
    if pot.get("lower_bound"):
        print(f"POT had not met the tolerance after {K} iterations (error {pot['marginal_error']:.3e}): "
              f"it needs more than {pot['seconds']:.1f} s, so each las time/POT above is an upper bound")
    out = {"deck": args.deck, "n": n, "dim": dim, "eta": eta, "reg": reg, "tol": tol,
           "ranks": args.np, "las_command": las_cmd, "rows": rows, "pot": pot,
           "pot_version": ot.__version__, "las_report": report}
    path = args.json or os.path.join(args.out, "ot_vs_pot.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

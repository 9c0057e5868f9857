#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Extrapolate las's strong scaling to 1024 ranks from the communication model.

For each solver at its benchmark size, the time per iteration on p ranks is
    T(p) = compute(p) + communication(p)
  compute(p)        = seconds per unit of work (grid point, OT plan entry, ...) x the
                      largest rank's share; measured on this machine (the README's
                      benchmarks, or --report / --rate to use your own);
  communication(p)  = for the rank with the most traffic, per point-to-point phase
                      alpha x messages + beta x bytes (messages not overlapped), and per
                      collective alpha x ceil(log2 p) + beta x bytes (an all-gather's
                      bytes are the whole gathered vector); zero on one rank.
The counts come from jobs/lib/comm_formulas.py, the model the PMPI counters are tested
against (tests/mpi/profiling). Parallel efficiency E(p) = T(1) / (p T(p)); a solver
"stops scaling" at the first p where E(p) < 50%.

    jobs/comm_model.py                              # defaults below, out/comm_model/
    jobs/comm_model.py --alpha 2e-6 --beta 4e-11    # another network
    jobs/comm_model.py --report cg_2d=out/cg2048.json   # compute rate from a las_poisson report
    jobs/comm_model.py --rate sinkhorn=5e-9         # seconds per unit of work

Writes comm_model.csv (solver, ranks, compute, communication, efficiency, per-iteration
counts of the busiest rank) and comm_model.png (efficiency against ranks, 50% line),
and prints one sentence per solver.
"""

import argparse
import csv
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import comm_formulas as cf  # noqa: E402

ALPHA = 1e-6          # s per message: InfiniBand-class latency (assumption)
BETA = 1.0 / 10e9     # s per byte: 10 GB/s per link (assumption)
P2P_PHASES = {"halo_exchange", "nn_halo_exchange", "csr_ghost_import", "send", "sendrecv"}

# The DCDM network of the benchmarks (the paper's N64 shape, inputs/models/poisson3d.h5).
N64 = {"channels": 16, "pairs_before": 2, "pairs_coarse": 3, "pairs_after": 2}


def grid_share(n, dim):
    """Cells of the largest box on p ranks (a function of p)."""
    def share(p):
        procs = cf.grid_procs(n + [1] * (3 - len(n)), dim, p)
        return math.prod(max(cf.block_counts(n[a], procs[a])) for a in range(dim))
    return share


def rows_share(rows, cols):
    """OT plan entries of the largest row block."""
    return lambda p: max(cf.block_counts(rows, p)) * cols


def items_share(items):
    """Items (trajectories) of the busiest rank."""
    return lambda p: math.ceil(items / p)


def replicated():
    """Every rank does all the work (AdaSketch's replicated problems)."""
    return lambda p: 1


def sns_step(n, cg_iterations, trials):
    """One SNS Newton step: its CG iterations plus the step's own traffic."""
    def model(p):
        total = {}
        for part, times in ((cf.sns_cg_iteration(n, p), cg_iterations), (cf.sns_newton_step_extra(n, p, trials), 1)):
            for phase, agg in part.items():
                t = total.setdefault(phase, {"sum": cf.counts(), "max": cf.counts()})
                for key in ("sum", "max"):
                    for f in cf.FIELDS:
                        t[key][f] += times * agg[key][f]
        return total
    return model


# name: (description, per-iteration model of p, work share of p, seconds per unit of
# work, where that rate comes from). Sizes are the README's benchmark sizes.
SOLVERS = {
    "cg_2d": ("CG, 2D 2048² stencil (bench cg_2d_2048)", lambda p: cf.cg([2048, 2048], 2, p),
              grid_share([2048, 2048], 2), 30.9e-3 / 2048**2,
              "README: 30.9 ms per iteration at 2048², 1 rank"),
    "cg_3d": ("CG, 3D 128³ stencil (bench cg_3d_128)", lambda p: cf.cg([128, 128, 128], 3, p),
              grid_share([128, 128, 128], 3), 9.6e-3 / 128**3,
              "README: 9.6 ms per iteration at 128³, 1 rank"),
    "sor_2d": ("red-black SOR (bandit SOR's solve), 2D 2048²", lambda p: cf.sor([2048, 2048], 2, p),
               grid_share([2048, 2048], 2), 5e-9,
               "README: sweep at 16.5 GB/s x 48 B/cell = 2.9 ns, + residual ≈ 5 ns per cell"),
    "ssor_pcg_3d": ("SSOR-PCG red-black, 3D 128³", lambda p: cf.ssor_pcg([128, 128, 128], 3, p),
                    grid_share([128, 128, 128], 3), 9.6e-3 / 128**3 + 2 * 2.5e-9,
                    "CG's rate + two SOR half-sweep pairs at 2.5 ns per cell (assumption)"),
    "dcdm_3d": ("DCDM with the N64 network (k = 2), 3D 128³", lambda p: cf.dcdm([128, 128, 128], 3, p, N64, 2, 50),
                grid_share([128, 128, 128], 3), 0.32 / 64**3,
                "README: a network forward pass takes 0.32 s at 64³ (1 rank)"),
    "sinkhorn": ("Sinkhorn, n = 10000 (rows split)", lambda p: cf.sinkhorn(10000, p), rows_share(10000, 10000),
                 1 / 105e6, "README: 105 M plan entries per second per Sinkhorn iteration"),
    "sns": ("SNS Newton step, n = 10000, 50 CG iterations, 1 line-search trial", sns_step(10000, 50, 1),
            rows_share(10000, 10000), 2.07 / 105e6,
            "README: an SNS iteration costs 2.07 Sinkhorn iterations (n = 2000)"),
    "adasketch": ("AdaSketch-Newton (replicated problems)", cf.adasketch, replicated(), 1e-3,
                  "any: replicated work does not shrink with p"),
    "grid_sketch": ("AdaSketch's distributed sketch solve, Kaczmarz, Poisson control 512²",
                    lambda p: cf.grid_sketch([512, 512], p, "kaczmarz"), grid_share([512, 512], 2),
                    220e-6 / 128**2, "README: a Kaczmarz step of the grid path takes 220 µs at 128², 1 rank"),
    "pde_data": ("PDE data generator, 4000 Navier-Stokes trajectories, batches of 32",
                 lambda p: scale(cf.pde_data_batch(p), 1.0 / 32), items_share(4000), 1.0,
                 "assumption: 1 s per trajectory (not yet measured)"),
    "moe_train": ("MoE training step, data-parallel, 5.3 M parameters (paper FNO), float64 gradient sum",
                  lambda p: cf.moe_training_step(5_300_000, p), lambda p: 1.0 / p, 1.0,
                  "assumption: 1 s per step on one rank, global batch fixed (not measured at the paper's size)"),
}


def scale(model, factor):
    return {ph: {k: {f: v * factor for f, v in c.items()} for k, c in agg.items()} for ph, agg in model.items()}


def communication_seconds(model, p, alpha, beta):
    if p == 1:
        return 0.0
    t = 0.0
    for phase, agg in model.items():
        busiest = agg["max"]
        if phase in P2P_PHASES:
            t += alpha * busiest["messages"] + beta * busiest["bytes"]
        else:
            wire = busiest["collective_bytes"] * (p if phase.startswith("allgather") else 1)
            t += busiest["collectives"] * alpha * math.ceil(math.log2(p)) + beta * wire
    return t


def rate_from_report(path):
    """Seconds per grid point per iteration (one-rank equivalent) from a las_poisson report."""
    with open(path) as f:
        r = json.load(f)
    s = r["solvers"][0]
    return s["seconds_per_iteration"] * r["ranks"] / r["global_rows"]


def parse_pairs(items, what):
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or name not in SOLVERS:
            sys.exit(f"error: --{what} {item!r}: expected SOLVER=VALUE with SOLVER one of {', '.join(SOLVERS)}")
        out[name] = value
    return out


def ranks_up_to(limit):
    p, out = 1, []
    while p <= limit:
        out.append(p)
        p *= 2
    return out


def extrapolate(alpha, beta, max_ranks, rates):
    rows, verdicts = [], {}
    for name, (desc, model, share, rate, _) in SOLVERS.items():
        rate = rates.get(name, rate)
        t1 = rate * share(1)
        for p in ranks_up_to(max_ranks):
            m = model(p)
            compute = rate * share(p)
            comm = communication_seconds(m, p, alpha, beta)
            eff = t1 / (p * (compute + comm))
            busiest = {f: sum(agg["max"][f] for agg in m.values()) for f in cf.FIELDS}
            rows.append({"solver": name, "ranks": p, "compute_s": compute, "communication_s": comm,
                         "time_s": compute + comm, "efficiency": eff,
                         "messages": busiest["messages"], "bytes": busiest["bytes"],
                         "collectives": busiest["collectives"], "collective_bytes": busiest["collective_bytes"]})
            if eff < 0.5 and name not in verdicts:
                share_comm = comm / (compute + comm)
                verdicts[name] = (f"{name} ({desc}): efficiency falls below 50% at {p} ranks "
                                  f"({eff:.0%}; communication is {share_comm:.0%} of the iteration)")
        if name not in verdicts:
            last = rows[-1]
            verdicts[name] = (f"{name} ({desc}): still {last['efficiency']:.0%} efficient at {last['ranks']} ranks")
    return rows, verdicts


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(9.5, 5))
    for name in SOLVERS:
        pts = [(r["ranks"], r["efficiency"]) for r in rows if r["solver"] == name]
        ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", markersize=3, label=name)
    ax.axhline(0.5, color="grey", linestyle="--", linewidth=1, label="50%")
    ax.set_xscale("log", base=2)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("MPI ranks")
    ax.set_ylabel("predicted parallel efficiency (strong scaling)")
    ax.set_title("las: communication model extrapolated (jobs/comm_model.py)")
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alpha", type=float, default=ALPHA, help="seconds per message (default %(default)g)")
    parser.add_argument("--beta", type=float, default=BETA, help="seconds per byte (default %(default)g)")
    parser.add_argument("--max-ranks", type=int, default=1024)
    parser.add_argument("--out", default="out/comm_model", help="output directory (default %(default)s)")
    parser.add_argument("--report", action="append", metavar="SOLVER=FILE",
                        help="compute rate from a las_poisson --report (cg_2d, cg_3d, ...)")
    parser.add_argument("--rate", action="append", metavar="SOLVER=SECONDS", help="seconds per unit of work")
    parser.add_argument("--no-plot", action="store_true", help="CSV only")
    args = parser.parse_args()
    if args.alpha < 0 or args.beta < 0 or args.max_ranks < 1:
        sys.exit("error: --alpha and --beta must be >= 0 and --max-ranks >= 1")
    rates = {k: float(v) for k, v in parse_pairs(args.rate, "rate").items()}
    sources = {k: "--rate" for k in rates}
    for name, path in parse_pairs(args.report, "report").items():
        sources[name] = f"measured: {path}"
        try:
            rates[name] = rate_from_report(path)
        except (OSError, KeyError, ValueError, ZeroDivisionError) as e:
            sys.exit(f"error: --report {name}={path}: cannot read a las_poisson report ({e})")
    rows, verdicts = extrapolate(args.alpha, args.beta, args.max_ranks, rates)
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "comm_model.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})
    print(f"[comm_model] alpha = {args.alpha:g} s, beta = {args.beta:g} s/byte; wrote {csv_path}")
    if not args.no_plot:
        png = os.path.join(args.out, "comm_model.png")
        plot(rows, png)
        print(f"[comm_model] wrote {png}")
    for name, (_, _, _, rate, source) in SOLVERS.items():
        print(f"[comm_model] {verdicts[name]}; compute {rates.get(name, rate):.3g} s per unit "
              f"({sources.get(name, source)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Strong- and weak-scaling series of a las app: generate the run directories, run or
submit them (SERIES/submit_all.sh), collect the reports into a CSV and plots.

  jobs/scaling.py generate --app las_poisson --deck inputs/poisson/default.yaml --machine local \
      --ranks 1,2 --mode strong --out out/scaling/poisson-strong [key=value ...]
  jobs/scaling.py generate ... --mode weak --size grid.n      # size per rank: the deck's grid.n
  jobs/scaling.py generate ... --machine mycluster --nodes 1,2,4,8 --ranks-per-node 8 --threads 8
  bash out/scaling/poisson-strong/submit_all.sh               # local: runs; slurm/pbs: submits
  jobs/scaling.py collect out/scaling/poisson-strong          # scaling.csv, scaling.png

Debian's /usr/bin/python3 has PyYAML (sizes read from the deck, input.yaml) and matplotlib
(the PNG); elsewhere run it with a python3 that has them, or give --size KEY=VALUE.
See jobs/README.md ("Scaling studies").
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "jobs", "lib"))

from scaling_collect import CollectError, collect  # noqa: E402
from scaling_series import APPS, SeriesError, SeriesSpec, machine_scheduler, resolve_sizes, write_series  # noqa: E402


def _counts(text):
    try:
        counts = [int(c) for c in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of integers") from None
    return counts


def _parser():
    parser = argparse.ArgumentParser(prog="jobs/scaling.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write one run directory per point of a series")
    gen.add_argument("--app", required=True, help="one of " + ", ".join(APPS))
    gen.add_argument("--deck", required=True, help="the input deck (relative to the repository or absolute)")
    gen.add_argument("--machine", default=os.environ.get("LAS_MACHINE", "local"),
                     help="jobs/env/<machine>.sh; its LAS_SCHEDULER picks slurm, pbs or none (default local)")
    gen.add_argument("--mode", required=True, choices=("strong", "weak"))
    counts = gen.add_mutually_exclusive_group(required=True)
    counts.add_argument("--ranks", type=_counts, help="MPI rank counts, e.g. 1,2,4")
    counts.add_argument("--nodes", type=_counts, help="node counts (batch machines), with --ranks-per-node")
    gen.add_argument("--ranks-per-node", type=int, default=1)
    gen.add_argument("--threads", type=int, default=1, help="OpenMP threads (cores) per rank")
    gen.add_argument("--gpus-per-node", type=int, default=0, help="> 0: the GPU variant, one rank per GPU")
    gen.add_argument("--size", action="append", default=[], metavar="KEY[=VALUE]",
                     help="size key scaled in weak mode (value on one rank); KEY alone reads it from the deck")
    gen.add_argument("--work-power", type=float, default=1.0, metavar="K",
                     help="weak mode: the work grows as size**K (K = 2 for las_ot's n x n cost), so a scalar "
                          "size grows as ranks**(1/K) (default 1)")
    gen.add_argument("--repeats", type=int, default=1, help="runs per point (the collector takes the median)")
    gen.add_argument("--time", default="00:30:00", help="wall-time limit per job")
    gen.add_argument("--directive", action="append", default=[],
                     help="extra scheduler line, e.g. --directive=--account=abc (slurm) or '-A abc' (pbs)")
    gen.add_argument("--build-dir", default=os.environ.get("LAS_BUILD_DIR", "build"))
    gen.add_argument("--out", required=True, help="the series directory (must not exist)")
    gen.add_argument("overrides", nargs="*", metavar="key=value", help="deck overrides for every point")
    col = sub.add_parser("collect", help="CSV and PNG from the reports of a series")
    col.add_argument("series", help="the series directory")
    col.add_argument("--time-field", help="dotted report field to time instead of the app's default")
    col.add_argument("--iterations-field", help="dotted report field counting iterations")
    col.add_argument("--no-plot", action="store_true")
    col.add_argument("--name", default="scaling", help="output file name without extension (default scaling)")
    return parser


def _generate(args):
    deck = args.deck if os.path.isabs(args.deck) else os.path.join(ROOT, args.deck)
    if not os.path.isfile(deck) and os.path.isfile(os.path.abspath(args.deck)):
        deck = os.path.abspath(args.deck)
    if not os.path.isfile(deck):
        raise SeriesError(f"--deck {args.deck}: no such file")
    for name, value in (("--ranks-per-node", args.ranks_per_node), ("--threads", args.threads),
                        ("--repeats", args.repeats)):
        if value < 1:
            raise SeriesError(f"{name} {value}: must be >= 1")
    if args.gpus_per_node < 0:
        raise SeriesError(f"--gpus-per-node {args.gpus_per_node}: must be >= 0")
    build_dir = args.build_dir if os.path.isabs(args.build_dir) else os.path.join(ROOT, args.build_dir)
    spec = SeriesSpec(root=ROOT, app=args.app, deck=os.path.abspath(deck), machine=args.machine,
                      scheduler=machine_scheduler(ROOT, args.machine), mode=args.mode,
                      counts=args.ranks or args.nodes, count_kind="ranks" if args.ranks else "nodes",
                      ranks_per_node=args.ranks_per_node, threads=args.threads, gpus_per_node=args.gpus_per_node,
                      sizes=resolve_sizes(deck, args.size, args.overrides),
                      work_power=args.work_power, overrides=args.overrides,
                      repeats=args.repeats, time=args.time, directives=args.directive, build_dir=build_dir)
    points = write_series(spec, args.out)
    out = os.path.abspath(args.out)
    print(f"[scaling] wrote {len(points)} point(s) of a {spec.mode}-scaling series of {spec.app} into {out}")
    for p in points:
        print(f"[scaling]   {p.name}: {p.ranks} rank(s) on {p.nodes} node(s): {' '.join(p.overrides)}")
    verb = "run them" if spec.scheduler == "none" else f"submit them ({spec.scheduler})"
    print(f"[scaling] {verb}: bash {out}/submit_all.sh; then: jobs/scaling.py collect {out}")


def _collect(args):
    if not args.name or "/" in args.name:
        raise CollectError(f"--name '{args.name}': give a file name without a directory")
    rows = collect(args.series, args.time_field, args.iterations_field, plots=not args.no_plot, name=args.name)
    png = os.path.join(args.series, args.name + ".png")
    plotted = not args.no_plot and os.path.exists(png)  # matplotlib may be missing
    print(f"[scaling] {os.path.join(args.series, args.name + '.csv')}" + (f" and {args.name}.png" if plotted else ""))
    print(f"{'ranks':>6} {'runs':>4} {'time [s]':>10} {'iters':>7} {'speed-up':>8} {'ideal':>6} {'efficiency':>10}")
    for r in rows:
        its = "" if r["iterations"] is None else f"{r['iterations']:.0f}"
        print(f"{r['ranks']:>6} {r['runs']:>4} {r['time_s']:>10.4f} {its:>7} {r['speedup']:>8.3f} "
              f"{r['ideal_speedup']:>6.2f} {r['efficiency']:>10.3f}")


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            _generate(args)
        else:
            _collect(args)
    except (SeriesError, CollectError) as e:
        print(f"[scaling] error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

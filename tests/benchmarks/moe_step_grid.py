#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Time per training step of PI-HC (one hard constraint) against PI-HC-MoE (K experts), by
las_moe_train itself, over expert splits, sampled-point counts and MPI ranks, side by side.

    tests/benchmarks/moe_step_grid.py DECK [--splits 1,1 1,2 1,4 1,8] [--points 2000]
        [--ranks 1 2] [--steps 20] [--out DIR] [--json FILE] [--set KEY=VALUE ...]

Each cell is one las_moe_train run of DECK with model.variant = pi_hc for the split whose
product is 1 and pi_hc_moe otherwise, moe.split and moe.sampled_points set, training.steps
steps, checkpoints and the plot off, outputs in DIR. The step time is the median of the
per-step times in the run's --report history after the first (warm-up) step, and the inference time per test sample its evaluation measured; the run's
own loss log, LM failures and test error are kept in its report. The table gives each
MoE cell's speed-up over PI-HC at the same points and ranks (the paper's figure: PI-HC
time / PI-HC-MoE time, 1.6x to 3.2x on diffusion-sorption at 10^2 to 10^5 points, K = 4,
A100 GPUs) and each cell's speed-up from 1 rank.

Run it on a quiet machine with OMP_NUM_THREADS=1: the trainer's LibTorch runs one thread
per rank (training.threads), so 2 ranks use both of a 2-core machine's cores.
"""
import json
import os
import statistics
import subprocess
import sys

import bench_cli


def run_cell(args, split, points, ranks, out_dir):
    experts = 1
    for s in split:
        experts *= s
    name = f"split{'x'.join(map(str, split))}_p{points}_np{ranks}"
    cell_dir = os.path.join(out_dir, name)
    os.makedirs(cell_dir, exist_ok=True)
    report = os.path.join(cell_dir, "report.json")
    cmd = [args.las, args.deck,
           "model.variant=" + ("pi_hc" if experts == 1 else "pi_hc_moe"),
           "moe.split=[" + ",".join(map(str, split)) + "]",
           f"moe.sampled_points={points}", f"training.steps={args.steps}",
           "training.log_every=1", "training.checkpoint_every=0", "output.plot=false", f"output.directory={cell_dir}",
           f"output.model={cell_dir}/model.h5", f"output.checkpoint={cell_dir}/checkpoint.h5",
           *args.set, "--report", report]
    if ranks > 1:
        cmd = args.mpiexec.split() + ["-n", str(ranks)] + cmd
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(report):
        sys.exit(f"moe_step_grid.py: '{' '.join(cmd)}' failed ({proc.returncode}):\n{proc.stderr}")
    with open(report) as f:
        r = json.load(f)
    steps = [h["seconds_per_step"] for h in r["history"][1:]]
    if not steps:
        sys.exit(f"moe_step_grid.py: {report}: fewer than 2 steps (raise --steps)")
    return {"split": split, "experts": experts, "points": points, "ranks": ranks,
            "seconds_per_step": statistics.median(steps),
            "lm_failed": sum(h["lm_failed"] for h in r["history"]),
            "seconds_per_inference": r["evaluation"]["seconds_per_inference"],
            "test_error": r["evaluation"]["relative_l2_mean"],
            "command": " ".join(cmd)}


def main():
    p = bench_cli.parser(__doc__, "moe_train", "las_moe_train")
    p.add_argument("--splits", nargs="+", default=["1,1", "1,2", "1,4", "1,8"],
                   help="expert splits, comma-separated per split; the all-ones split is PI-HC")
    p.add_argument("--points", nargs="+", type=int, default=[2000], help="moe.sampled_points values")
    p.add_argument("--ranks", nargs="+", type=int, default=[1, 2])
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--out", default="out/moe_step_grid")
    p.add_argument("--json", default="")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="a deck override for every run (repeatable)")
    args = p.parse_args()
    splits = []
    for text in args.splits:
        try:
            split = [int(s) for s in text.split(",")]
        except ValueError:
            sys.exit(f"moe_step_grid.py: --splits {text}: expected comma-separated integers")
        splits.append(split)
    if not any(all(s == 1 for s in split) for split in splits):
        sys.exit("moe_step_grid.py: --splits needs the all-ones split (PI-HC), the anchor")

    cells = [run_cell(args, split, points, ranks, args.out)
             for points in args.points for ranks in args.ranks for split in splits]

    def find(points, ranks, experts):
        return next(c for c in cells if c["points"] == points and c["ranks"] == ranks
                    and c["experts"] == experts)
    print(f"{args.deck}: median s/step over steps 2..{args.steps}; "
          "PI-HC/cell = the cell's speed-up over PI-HC at the same points and ranks")
    print(f"{'points':>8} {'ranks':>5} {'split':>8} {'K':>3} {'s/step':>9} {'PI-HC/cell':>10} "
          f"{'1 rank/cell':>11} {'s/infer.':>9} {'PI-HC/cell':>10} {'LM failed':>9}")
    for c in cells:
        anchor = find(c["points"], c["ranks"], 1)
        c["speedup_over_pi_hc"] = anchor["seconds_per_step"] / c["seconds_per_step"]
        first = min(args.ranks)
        c["speedup_over_min_ranks"] = (find(c["points"], first, c["experts"])["seconds_per_step"]
                                       / c["seconds_per_step"])
        c["inference_speedup_over_pi_hc"] = anchor["seconds_per_inference"] / c["seconds_per_inference"]
        print(f"{c['points']:>8} {c['ranks']:>5} {'x'.join(map(str, c['split'])):>8} {c['experts']:>3} "
              f"{c['seconds_per_step']:>9.4f} {c['speedup_over_pi_hc']:>10.2f} "
              f"{c['speedup_over_min_ranks']:>11.2f} {c['seconds_per_inference']:>9.4f} "
              f"{c['inference_speedup_over_pi_hc']:>10.2f} {c['lm_failed']:>9}")
    path = args.json or os.path.join(args.out, "moe_step_grid.json")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        json.dump({"deck": args.deck, "steps": args.steps, "cells": cells}, f, indent=2)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

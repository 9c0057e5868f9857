#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Runs comm_count_probe and checks its measured MPI traffic per iteration against the
communication model (jobs/lib/comm_formulas.py): every phase's counts, summed over ranks
and maximised over ranks, must equal the model's exactly, and the probe's rank grid must
be the model's MPI_Dims_create.

    check_comm_model.py --out counts.json -- mpiexec -n 2 comm_count_probe
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "jobs", "lib"))
import comm_formulas  # noqa: E402


def nonzero(phase_counts):
    return any(phase_counts["sum"][f] or phase_counts["max"][f] for f in comm_formulas.FIELDS)


def compare_case(case):
    """Mismatch descriptions for one measured case (empty when it agrees)."""
    params, k = case["params"], case["iterations"]
    errors = []
    if "procs" in params:
        n = params["n"]
        expected = comm_formulas.grid_procs(n, params["dim"], params["ranks"])
        if params["procs"] != expected:
            errors.append(f"rank grid {params['procs']}, model {expected}")
    model = comm_formulas.model_for(params)
    measured = {name: c for name, c in case["phases"].items() if nonzero(c)}
    predicted = {name: c for name, c in model.items() if nonzero(c)}
    for name in sorted(set(measured) | set(predicted)):
        zero = {"sum": comm_formulas.counts(), "max": comm_formulas.counts()}
        got, want = measured.get(name, zero), predicted.get(name, zero)
        for agg in ("sum", "max"):
            for field in comm_formulas.FIELDS:
                if got[agg][field] != k * want[agg][field]:
                    errors.append(f"{name}.{agg}.{field}: measured {got[agg][field]} over {k} iterations, "
                                  f"model {k} x {want[agg][field]}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="where the probe writes its JSON")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the probe's launch line (OUT is appended)")
    args = parser.parse_args()
    command = [c for c in args.command if c != "--"] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no probe command after --")
    if os.path.exists(args.out):
        os.remove(args.out)
    run = subprocess.run(command + [args.out])
    if run.returncode != 0:
        print(f"error: the probe exited with {run.returncode}", file=sys.stderr)
        return 1
    with open(args.out) as f:
        result = json.load(f)
    if not result["counted"]:
        print("error: the PMPI layer counted nothing (LAS_COMM_COUNTERS=0, or MPI's own functions linked in front of las's)",
              file=sys.stderr)
        return 1
    failures = 0
    for case in result["cases"]:
        errors = compare_case(case)
        status = "ok" if not errors else "MISMATCH"
        print(f"[comm_model] {result['ranks']} rank(s) {case['case']}: {status}")
        for phase, c in sorted(case["phases"].items()):
            if nonzero(c):
                per = {f: c["sum"][f] / case["iterations"] for f in comm_formulas.FIELDS}
                print(f"    {phase}: per iteration over all ranks {per}")
        for e in errors:
            print(f"    {e}")
        failures += bool(errors)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

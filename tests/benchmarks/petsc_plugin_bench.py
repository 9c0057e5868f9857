#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Times las's PETSc types inside PETSc's own tutorials (built unchanged by the test
suite) against PETSc's built-in solvers on the same runs, and prints the table of the
README's performance section: iterations, solve time (KSPSetUp + KSPSolve from
-log_view, so the tutorial's assembly is not counted), and las's time over the best
built-in's. Medians over --runs runs.

  tests/benchmarks/petsc_plugin_bench.py [--build build] [--runs 3] [--np 1]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

MODELS = "inputs/models"
BUILTIN = {
    "cg+icc": "-ksp_type cg -pc_type bjacobi -sub_pc_type icc",
    "gmres+icc": "-ksp_type gmres -pc_type bjacobi -sub_pc_type icc",
    "cg+gamg": "-ksp_type cg -pc_type gamg",
    "cg+sor": "-ksp_type cg -pc_type sor",
}
# (tutorial, its size options, built-in solvers, las solvers). ex45 keeps identity
# Dirichlet rows (not symmetric), so ICC goes with GMRES there.
CASES = [
    ("ex45", "-da_grid_x 32 -da_grid_y 32 -da_grid_z 32", ["gmres+icc", "cg+gamg", "cg+sor"],
     {"lasdcdm": f"-ksp_type lasdcdm -ksp_lasdcdm_model {MODELS}/poisson3d.h5"}),
    ("ex32", "-da_grid_x 128 -da_grid_y 128", ["cg+icc", "cg+gamg", "cg+sor"],
     {"lasdcdm": f"-ksp_type lasdcdm -ksp_lasdcdm_model {MODELS}/poisson2d.h5",
      "fcg+lasnn": f"-ksp_type fcg -pc_type lasnn -pc_lasnn_model {MODELS}/poisson2d.h5 -ksp_norm_type unpreconditioned"}),
    ("ex16", "-m 64 -n 64 -ntimes 30", ["cg+icc", "cg+gamg", "cg+sor"],
     {"cg+lasbsor": "-ksp_type cg -pc_type lasbsor"}),
]


def run_once(program, options, plugin, np):
    cmd = ["mpiexec", "-n", str(np), "--oversubscribe", program, "-dll_append", plugin,
           *options.split(), "-ksp_converged_reason", "-log_view"]
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    iterations = [int(m) for m in re.findall(r"Linear solve converged due to \S+ iterations (\d+)", out)]
    if not iterations:
        sys.exit(f"{' '.join(cmd)}: no converged solve\n{out[-2000:]}")
    seconds = 0.0
    for event in ("KSPSetUp", "KSPSolve"):
        m = re.search(rf"^{event}\s+\d+\s+\S+\s+(\S+)", out, re.M)
        seconds += float(m.group(1)) if m else 0.0
    return sum(iterations), seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--np", type=int, default=1)
    args = ap.parse_args()
    plugin = os.path.join(args.build, "lib", "liblas_petsc.so")
    print("| tutorial | solver | iterations | time [s] | las / best built-in |")
    print("|---|---|---|---|---|")
    for tutorial, size, builtins, ours in CASES:
        program = os.path.join(args.build, "tests", "petsc_plugin", f"petsc_ksp_{tutorial}")
        rows = {}
        for name, options in [(b, BUILTIN[b]) for b in builtins] + list(ours.items()):
            runs = [run_once(program, f"{size} {options}", plugin, args.np) for _ in range(args.runs)]
            rows[name] = (runs[0][0], statistics.median(r[1] for r in runs))
        best = min(builtins, key=lambda b: rows[b][1])
        for name, (its, t) in rows.items():
            ratio = f"{t / rows[best][1]:.1f} (vs {best})" if name in ours else ""
            print(f"| {tutorial} {size} | {name} | {its} | {t:.3g} | {ratio} |")


if __name__ == "__main__":
    main()

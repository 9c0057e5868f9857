# SPDX-License-Identifier: BSD-3-Clause
"""The model's building blocks against closed forms, and the extrapolation script end to
end (jobs/lib/comm_formulas.py, jobs/comm_model.py)."""

import csv
import math
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "jobs", "lib"))
import comm_formulas as cf  # noqa: E402


class DimsCreate(unittest.TestCase):
    def test_matches_mpi_dims_create_values(self):
        # What Open MPI 4.1's MPI_Dims_create returns (printed by a C program calling it).
        cases = {(1, 2): [1, 1], (2, 2): [2, 1], (4, 2): [2, 2], (6, 2): [3, 2], (12, 2): [4, 3],
                 (8, 3): [2, 2, 2], (12, 3): [3, 2, 2], (1024, 2): [32, 32], (1024, 3): [16, 8, 8]}
        for (p, d), dims in cases.items():
            self.assertEqual(cf.dims_create(p, d), dims, f"p={p}, d={d}")


class FaceHalo(unittest.TestCase):
    def closed_form(self, n, procs):
        # Each interface between neighbouring boxes carries its face both ways.
        dim = len(n)
        messages = sum(2 * (procs[a] - 1) * math.prod(procs[b] for b in range(dim) if b != a) for a in range(dim))
        sent = sum(2 * 8 * (procs[a] - 1) * math.prod(n[b] for b in range(dim) if b != a) for a in range(dim))
        return messages, sent

    def test_sums_over_ranks_equal_the_closed_form(self):
        for n, dim, p in (([64, 48], 2, 12), ([32, 32, 16], 3, 8), ([30, 20, 10], 3, 64), ([17, 9], 2, 6)):
            model = cf.cg(n, dim, p)["halo_exchange"]["sum"]
            procs = cf.grid_procs(n + [1] * (3 - dim), dim, p)[:dim]
            self.assertEqual((model["messages"], model["bytes"]), self.closed_form(n, procs), f"{n} on {p}")

    def test_interior_rank_sends_2d_faces(self):
        busiest = cf.cg([64, 64, 64], 3, 64)["halo_exchange"]["max"]  # 4x4x4 boxes of 16^3
        self.assertEqual(busiest["messages"], 6)
        self.assertEqual(busiest["bytes"], 6 * 16 * 16 * 8)


class Extrapolation(unittest.TestCase):
    def test_script_writes_every_solver_up_to_1024_ranks(self):
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run([sys.executable, os.path.join(ROOT, "jobs", "comm_model.py"), "--out", out,
                                  "--no-plot"], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(out, "comm_model.csv")) as f:
                rows = list(csv.DictReader(f))
        solvers = {r["solver"] for r in rows}
        self.assertGreaterEqual(len(solvers), 10)
        for r in rows:
            if r["ranks"] == "1":
                self.assertAlmostEqual(float(r["efficiency"]), 1.0)
        self.assertEqual(max(int(r["ranks"]) for r in rows), 1024)
        self.assertIn("falls below 50%", run.stdout)

    def test_bad_argument_is_one_line_error(self):
        run = subprocess.run([sys.executable, os.path.join(ROOT, "jobs", "comm_model.py"), "--rate", "nosuch=1",
                              "--no-plot", "--out", tempfile.gettempdir()], capture_output=True, text=True)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("nosuch", run.stderr)


if __name__ == "__main__":
    unittest.main()

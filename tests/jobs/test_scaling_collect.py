# SPDX-License-Identifier: BSD-3-Clause
"""The collector on synthetic reports: speed-up and efficiency against numbers worked out
by hand (in the comments), medians over repeats, each app's timing field, the CSV and PNG,
and one-line errors naming the file and field."""

import csv
import json
import os
import unittest

from jobs_test_util import scaling, scratch_dir


def write_series(name, app, mode, runs):
    """runs: (ranks, report) pairs; repeats of a rank count get -r<k> directories."""
    root = os.path.join(scratch_dir(name), "series")
    points, seen = [], {}
    for ranks, report in runs:
        seen[ranks] = seen.get(ranks, 0) + 1
        point = {"dir": f"np{ranks:05d}-r{seen[ranks]}", "nodes": 1, "ranks": ranks, "repeat": seen[ranks],
                 "overrides": []}
        points.append(point)
        os.makedirs(os.path.join(root, point["dir"]))
        if report is not None:
            with open(os.path.join(root, point["dir"], "report.json"), "w", encoding="utf-8") as f:
                json.dump(report, f)
    with open(os.path.join(root, "series.json"), "w", encoding="utf-8") as f:
        json.dump({"app": app, "mode": mode, "machine": "test", "sizes": {}, "points": points}, f)
    return root


def poisson_report(seconds, iterations):
    # The las solver first, the PETSc anchor second (whose time must not be picked).
    return {"app": "las_poisson", "solvers": [
        {"label": "las cg", "solve_seconds": seconds, "iterations": iterations},
        {"label": "petsc cg", "solve_seconds": 1000.0, "iterations": 1}]}


def read_csv(root):
    with open(os.path.join(root, "scaling.csv"), encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Collect(unittest.TestCase):
    def collect(self, root, *args):
        status, stdout, stderr = scaling("collect", root, *args)
        self.assertEqual(status, 0, stderr)
        return read_csv(root)

    def test_strong_scaling_medians_speedup_efficiency(self):
        # 1 rank: median of 10, 12, 11 = 11 s; 2 ranks: 6 s; 4 ranks: 4 s.
        # speed-up 11/6 = 1.833333, 11/4 = 2.75; efficiency 1.833333/2 = 0.916667, 2.75/4 = 0.6875.
        root = write_series("strong", "las_poisson", "strong", [
            (1, poisson_report(10.0, 100)), (1, poisson_report(12.0, 100)), (1, poisson_report(11.0, 100)),
            (2, poisson_report(6.0, 100)), (4, poisson_report(4.0, 110))])
        rows = self.collect(root)
        self.assertEqual([r["ranks"] for r in rows], ["1", "2", "4"])
        self.assertEqual([r["runs"] for r in rows], ["3", "1", "1"])
        self.assertEqual(float(rows[0]["time_s"]), 11.0)
        self.assertEqual((float(rows[0]["time_min_s"]), float(rows[0]["time_max_s"])), (10.0, 12.0))
        self.assertAlmostEqual(float(rows[1]["speedup"]), 1.833333, places=5)
        self.assertAlmostEqual(float(rows[1]["efficiency"]), 0.916667, places=5)
        self.assertAlmostEqual(float(rows[2]["speedup"]), 2.75, places=9)
        self.assertAlmostEqual(float(rows[2]["efficiency"]), 0.6875, places=9)
        self.assertEqual([float(r["ideal_speedup"]) for r in rows], [1.0, 2.0, 4.0])
        # Per iteration at 4 ranks: 11/100 = 0.11 against 4/110 = 0.0363636: 3.025 / 4 = 0.75625.
        self.assertAlmostEqual(float(rows[2]["efficiency_per_iteration"]), 0.75625, places=5)
        self.assertGreater(os.path.getsize(os.path.join(root, "scaling.png")), 1000)

    def test_weak_scaling_efficiency(self):
        # t1 = 2 s, t2 = 2.5 s, t4 = 4 s: efficiency 0.8 and 0.5, scaled speed-up 1.6 and 2.
        # Iterations 100, 150, 200: per iteration 0.02, 0.016667, 0.02 -> efficiency 1.2 and 1.
        root = write_series("weak", "las_poisson", "weak", [
            (1, poisson_report(2.0, 100)), (2, poisson_report(2.5, 150)), (4, poisson_report(4.0, 200))])
        rows = self.collect(root)
        self.assertEqual([float(r["efficiency"]) for r in rows], [1.0, 0.8, 0.5])
        self.assertEqual([float(r["speedup"]) for r in rows], [1.0, 1.6, 2.0])
        self.assertAlmostEqual(float(rows[1]["efficiency_per_iteration"]), 1.2, places=5)
        self.assertAlmostEqual(float(rows[2]["efficiency_per_iteration"]), 1.0, places=5)

    def test_each_app_has_its_time_field(self):
        # las_bandit_sor times the policy's solves; las_pde_data its total seconds (no iterations).
        bandit = write_series("bandit", "las_bandit_sor", "strong", [
            (1, {"policies": [{"solve_seconds": 9.0, "total_iterations": 5000.0}], "seconds": 1.0}),
            (3, {"policies": [{"solve_seconds": 4.0, "total_iterations": 5000.0}], "seconds": 1.0})])
        rows = self.collect(bandit, "--no-plot")
        self.assertEqual(float(rows[1]["speedup"]), 2.25)
        self.assertEqual(float(rows[1]["efficiency"]), 0.75)
        pde = write_series("pde", "las_pde_data", "weak", [(1, {"seconds": 3.0}), (2, {"seconds": 4.0})])
        rows = self.collect(pde, "--no-plot")
        self.assertEqual(float(rows[1]["efficiency"]), 0.75)
        self.assertEqual(rows[1]["iterations"], "")

    def test_time_field_override_picks_the_anchor(self):
        root = write_series("anchor", "las_poisson", "strong", [
            (1, poisson_report(1.0, 10)), (2, {"solvers": [{"solve_seconds": 1.0, "iterations": 10},
                                                          {"solve_seconds": 400.0, "iterations": 10}]})])
        status, _, stderr = scaling("collect", root, "--time-field", "solvers.1.solve_seconds", "--no-plot",
                                    "--name", "anchor")
        self.assertEqual(status, 0, stderr)
        self.assertFalse(os.path.exists(os.path.join(root, "scaling.csv")))
        with open(os.path.join(root, "anchor.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(float(rows[1]["speedup"]), 2.5)  # 1000 / 400

    def test_missing_report_is_left_out(self):
        root = write_series("missing", "las_poisson", "strong", [(1, poisson_report(8.0, 10)), (2, None),
                                                                  (4, poisson_report(2.0, 10))])
        status, _, stderr = scaling("collect", root, "--no-plot")
        self.assertEqual(status, 0)
        self.assertIn("np00002-r1/report.json is missing", stderr)
        self.assertEqual([r["ranks"] for r in read_csv(root)], ["1", "4"])

    def test_missing_field_is_a_one_line_error(self):
        root = write_series("bad_field", "las_ot", "strong", [(1, {"solvers": []})])
        status, _, stderr = scaling("collect", root)
        self.assertNotEqual(status, 0)
        self.assertRegex(stderr.strip(), r"^\[scaling\] error: .*np00001-r1/report.json: no field solvers.0.solve_seconds$")
        self.assertFalse(os.path.exists(os.path.join(root, "scaling.csv")))


if __name__ == "__main__":
    unittest.main()

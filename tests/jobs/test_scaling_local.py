# SPDX-License-Identifier: BSD-3-Clause
"""End to end on this machine: a 1- and 2-rank strong-scaling series of las_poisson on a
tiny deck through the generator, the local machine file (mpiexec) and the collector. The
CSV's speed-up and efficiency must be the ratios of the times in the two reports, read here
directly; each run directory must hold its script, decks, log and report, and the resolved
deck must carry the point's size. (Weak-scaling sizes are checked in
test_scaling_generate.py without running anything.)"""

import csv
import json
import os
import unittest

from jobs_test_util import ROOT, run, scaling, scratch_dir

BUILD = os.environ.get("LAS_TEST_BUILD_DIR", os.path.join(ROOT, "build"))
DECK = os.path.join(ROOT, "inputs", "poisson", "default.yaml")


def las_time(run_dir):
    with open(os.path.join(run_dir, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    las = report["solvers"][0]
    assert las["label"].startswith("las "), las["label"]
    return las["solve_seconds"], report["ranks"]


class LocalSeries(unittest.TestCase):
    def run_series(self, name, mode, sizes):
        out = os.path.join(scratch_dir(name), "series")
        status, _, stderr = scaling("generate", "--out", out, "--app", "las_poisson", "--deck", DECK,
                                    "--machine", "local", "--mode", mode, "--ranks", "1,2", "--size",
                                    "grid.n=[48,40]", "--build-dir", BUILD, "petsc.enabled=false")
        self.assertEqual(status, 0, stderr)
        status, _, stderr = run(["bash", os.path.join(out, "submit_all.sh")])
        self.assertEqual(status, 0, stderr[-3000:])
        status, stdout, stderr = scaling("collect", out)
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(out, "scaling.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["ranks"] for r in rows], ["1", "2"])
        times = []
        for ranks, size in zip((1, 2), sizes):
            run_dir = os.path.join(out, f"np{ranks:05d}")
            for file in ("job.sh", "deck.yaml", "overrides.txt", "input.yaml", "command.txt", "run.txt",
                         "las_poisson.log", "report.json", "resolved.yaml"):
                self.assertTrue(os.path.isfile(os.path.join(run_dir, file)), f"{run_dir}/{file}")
            with open(os.path.join(run_dir, "resolved.yaml"), encoding="utf-8") as f:
                resolved = f.read()
            self.assertIn(f"  n: {size}\n", resolved)
            self.assertIn("  enabled: false\n", resolved)
            seconds, report_ranks = las_time(run_dir)
            self.assertEqual(report_ranks, ranks)
            times.append(seconds)
        self.assertTrue(os.path.getsize(os.path.join(out, "scaling.png")) > 1000)
        return rows, times

    def test_strong(self):
        rows, (t1, t2) = self.run_series("local_strong", "strong", ["[48, 40]", "[48, 40]"])
        self.assertAlmostEqual(float(rows[1]["speedup"]) / (t1 / t2), 1.0, places=5)
        self.assertAlmostEqual(float(rows[1]["efficiency"]) / (t1 / t2 / 2), 1.0, places=5)


if __name__ == "__main__":
    unittest.main()

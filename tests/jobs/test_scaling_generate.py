# SPDX-License-Identifier: BSD-3-Clause
"""The generator writes the expected scripts, decks and size overrides (sizes worked out by
hand below from the rule in jobs/lib/scaling_sizes.py), and refuses bad input in one line
without writing anything."""

import json
import os
import re
import unittest

from jobs_test_util import ROOT, run, scaling, scratch_dir
from scaling_sizes import prime_factors, weak_size

DECK = os.path.join(ROOT, "inputs", "poisson", "default.yaml")  # grid.n: [512, 512]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class WeakSizeRule(unittest.TestCase):
    def test_prime_factors(self):
        self.assertEqual(prime_factors(1), [])
        self.assertEqual(prime_factors(12), [3, 2, 2])
        self.assertEqual(prime_factors(7), [7])

    def test_grid_doubles_one_axis_per_doubling(self):
        base = [8, 6]
        expected = {1: [8, 6], 2: [16, 6], 4: [16, 12], 8: [32, 12], 16: [32, 24], 3: [24, 6], 6: [24, 12]}
        for ranks, size in expected.items():
            self.assertEqual(weak_size(base, ranks), size, f"{ranks} ranks")

    def test_3d_grid_cycles_axes(self):
        self.assertEqual(weak_size([4, 4, 4], 2), [8, 4, 4])
        self.assertEqual(weak_size([4, 4, 4], 4), [8, 8, 4])
        self.assertEqual(weak_size([4, 4, 4], 8), [8, 8, 8])

    def test_scalar_count_scales_linearly(self):
        self.assertEqual(weak_size(100, 4), 400)

    def test_work_power_scales_the_work(self):
        # n x n work: n grows as sqrt(P), rounded, so n^2 per rank stays put.
        for ranks in (1, 2, 3, 4, 8, 16):
            n = weak_size(1000, ranks, 2)
            self.assertAlmostEqual(n * n / (1000 * 1000 * ranks), 1.0, delta=2e-3, msg=f"{ranks} ranks")
        self.assertEqual(weak_size(1000, 4, 2), 2000)
        self.assertEqual(weak_size(1414, 2, 2), 2000)
        self.assertEqual(weak_size(100, 8, 3), 200)
        with self.assertRaises(ValueError):
            weak_size([64, 64], 2, 2)
        with self.assertRaises(ValueError):
            weak_size(100, 2, 0)


class GenerateSeries(unittest.TestCase):
    def generate(self, name, *args, env=None):
        out = os.path.join(scratch_dir(name), "series")
        status, stdout, stderr = scaling("generate", "--out", out, *args, env=env)
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(out, "series.json"), encoding="utf-8") as f:
            return out, json.load(f)

    def test_local_weak_series_from_deck_size(self):
        out, series = self.generate("weak_local", "--app", "las_poisson", "--deck", DECK, "--machine", "local",
                                    "--mode", "weak", "--ranks", "1,2,4", "--size", "grid.n",
                                    "petsc.enabled=false")
        self.assertEqual([p["dir"] for p in series["points"]], ["np00001", "np00002", "np00004"])
        expected = {"np00001": "grid.n=[512,512]", "np00002": "grid.n=[1024,512]", "np00004": "grid.n=[1024,1024]"}
        for point, size in expected.items():
            self.assertEqual(read(os.path.join(out, point, "overrides.txt")), f"petsc.enabled=false\n{size}\n")
            job = read(os.path.join(out, point, "job.sh"))
            self.assertIn(f"export LAS_RANKS={int(point[2:])} LAS_THREADS=1", job)
            self.assertIn(f"LAS_RUN_DIR={os.path.join(out, point)}", job)
            self.assertIn(f"jobs/run_app.sh\" las_poisson {DECK} petsc.enabled=false '{size}'", job)
            self.assertEqual(read(os.path.join(out, point, "deck.yaml")), read(DECK))
        self.assertIn("n: [1024, 512]", read(os.path.join(out, "np00002", "input.yaml")))
        self.assertIn("enabled: false", read(os.path.join(out, "np00002", "input.yaml")))
        submit = read(os.path.join(out, "submit_all.sh"))
        self.assertEqual(re.findall(r'bash "\$here/(np\d+)/job.sh"', submit), ["np00001", "np00002", "np00004"])

    def test_local_strong_series_keeps_the_size(self):
        out, series = self.generate("strong_local", "--app", "las_poisson", "--deck", DECK, "--mode", "strong",
                                    "--ranks", "1,2", "--size", "grid.n=[96,64]", "--repeats", "2")
        self.assertEqual([p["dir"] for p in series["points"]], ["np00001-r1", "np00002-r1", "np00001-r2", "np00002-r2"])
        for p in series["points"]:
            self.assertEqual(p["overrides"], ["grid.n=[96,64]"])
            self.assertEqual(read(os.path.join(out, p["dir"], "overrides.txt")), "grid.n=[96,64]\n")

    def test_slurm_series_by_nodes(self):
        out, series = self.generate("weak_slurm", "--app", "las_ot", "--deck",
                                    os.path.join(ROOT, "inputs", "ot", "point_clouds.yaml"),
                                    "--machine", "example-cluster", "--mode", "weak", "--nodes", "1,2",
                                    "--ranks-per-node", "4", "--threads", "8", "--size", "problem.n=1000",
                                    "--directive=--account=abc")
        self.assertEqual(series["scheduler"], "slurm")
        job = read(os.path.join(out, "np00008", "job.sh"))
        for line in ("#SBATCH --nodes=2", "#SBATCH --ntasks-per-node=4", "#SBATCH --cpus-per-task=8",
                     "#SBATCH --account=abc", f"#SBATCH --output={out}/np00008/slurm-%j.out"):
            self.assertIn(line + "\n", job)
        self.assertIn("problem.n=8000", job)  # 1000 per rank x 8 ranks
        self.assertNotIn("--gpus-per-node", job)

    def test_weak_series_with_a_work_power(self):
        out, series = self.generate("weak_power", "--app", "las_ot", "--deck",
                                    os.path.join(ROOT, "inputs", "ot", "point_clouds.yaml"), "--mode", "weak",
                                    "--ranks", "1,2,4", "--size", "problem.n=1000", "--work-power", "2")
        self.assertEqual(series["work_power"], 2.0)
        for point, n in {"np00001": 1000, "np00002": 1414, "np00004": 2000}.items():
            self.assertEqual(read(os.path.join(out, point, "overrides.txt")), f"problem.n={n}\n")

    def test_pbs_gpu_series(self):
        # The machine file's LAS_SCHEDULER=${LAS_SCHEDULER:-slurm} takes the environment's.
        out, series = self.generate("strong_pbs", "--app", "las_learned_cg", "--deck",
                                    os.path.join(ROOT, "inputs", "learned_cg", "default.yaml"),
                                    "--machine", "example-cluster", "--mode", "strong", "--nodes", "1,2",
                                    "--gpus-per-node", "4", "--threads", "16", env={"LAS_SCHEDULER": "pbs"})
        self.assertEqual(series["scheduler"], "pbs")
        job = read(os.path.join(out, "np00008", "job.sh"))
        self.assertIn("#PBS -l select=2:ncpus=64:mpiprocs=4:ompthreads=16:ngpus=4\n", job)
        self.assertIn("export LAS_GPUS_PER_NODE=4\n", job)
        self.assertIn('exec bash "$LAS_ROOT/jobs/pbs/las.pbs" las_learned_cg', job)

    def test_scripts_parse_and_have_no_placeholders(self):
        out, series = self.generate("syntax", "--app", "las_poisson", "--deck", DECK, "--machine",
                                    "example-cluster", "--mode", "strong", "--nodes", "1,2", "--ranks-per-node", "2")
        for path in [os.path.join(out, p["dir"], "job.sh") for p in series["points"]] + [
                os.path.join(out, "submit_all.sh")]:
            status, _, stderr = run(["bash", "-n", path])
            self.assertEqual(status, 0, f"{path}: {stderr}")
            self.assertIsNone(re.search(r"\{[a-z_]+\}|@[A-Z_]+@", read(path)), path)


class GenerateBadInput(unittest.TestCase):
    def expect_error(self, name, pattern, *args):
        out = os.path.join(scratch_dir(name), "series")
        status, stdout, stderr = scaling("generate", "--out", out, *args)
        self.assertNotEqual(status, 0)
        lines = stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, stderr)
        self.assertRegex(lines[0], r"^\[scaling\] error: .*" + pattern)
        self.assertFalse(os.path.exists(out), "a failed generate left output")
        self.assertEqual([f for f in os.listdir(os.path.dirname(out))], [])

    def test_work_power_on_a_grid(self):
        self.expect_error("bad_power_grid", "--work-power 2.0: applies to scalar sizes, not the grid --size grid.n",
                          "--app", "las_poisson", "--deck", DECK, "--mode", "weak", "--ranks", "1,2",
                          "--size", "grid.n", "--work-power", "2")

    def test_work_power_in_strong_mode(self):
        self.expect_error("bad_power_strong", "--work-power 2.0: a positive power, for --mode weak only",
                          "--app", "las_poisson", "--deck", DECK, "--mode", "strong", "--ranks", "1,2",
                          "--work-power", "2")

    def test_unknown_app(self):
        self.expect_error("bad_app", "--app las_nope", "--app", "las_nope", "--deck", DECK, "--mode", "strong",
                          "--ranks", "1,2")

    def test_missing_deck(self):
        self.expect_error("bad_deck", "--deck nope.yaml", "--app", "las_poisson", "--deck", "nope.yaml",
                          "--mode", "strong", "--ranks", "1,2")

    def test_weak_without_size(self):
        self.expect_error("bad_weak", "--mode weak needs --size", "--app", "las_poisson", "--deck", DECK,
                          "--mode", "weak", "--ranks", "1,2")

    def test_size_key_not_in_deck(self):
        self.expect_error("bad_size_key", "--size grid.m: .*no key grid.m", "--app", "las_poisson", "--deck", DECK,
                          "--mode", "weak", "--ranks", "1,2", "--size", "grid.m")

    def test_bad_size_value(self):
        self.expect_error("bad_size_value", "--size grid.n: size '\\[0,4\\]'", "--app", "las_poisson", "--deck",
                          DECK, "--mode", "weak", "--ranks", "1,2", "--size", "grid.n=[0,4]")

    def test_repeated_rank_count(self):
        self.expect_error("bad_ranks", "--ranks \\[2, 2\\]", "--app", "las_poisson", "--deck", DECK,
                          "--mode", "strong", "--ranks", "2,2")

    def test_unknown_machine(self):
        self.expect_error("bad_machine", "--machine nowhere: no file", "--app", "las_poisson", "--deck", DECK,
                          "--mode", "strong", "--ranks", "1", "--machine", "nowhere")

    def test_one_rank_app(self):
        self.expect_error("bad_one_rank", "las_dcdm_train: runs on one rank", "--app", "las_dcdm_train", "--deck",
                          os.path.join(ROOT, "inputs", "dcdm_train", "ci_tiny.yaml"), "--mode", "strong",
                          "--ranks", "1,2")

    def test_existing_series_is_not_overwritten(self):
        out = os.path.join(scratch_dir("bad_exists"), "series")
        os.makedirs(out)
        status, _, stderr = scaling("generate", "--out", out, "--app", "las_poisson", "--deck", DECK,
                                    "--mode", "strong", "--ranks", "1")
        self.assertNotEqual(status, 0)
        self.assertRegex(stderr.strip(), r"^\[scaling\] error: --out .*exists already \(a series is never overwritten\)$")
        self.assertEqual(os.listdir(out), [])


if __name__ == "__main__":
    unittest.main()

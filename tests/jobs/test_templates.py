# SPDX-License-Identifier: BSD-3-Clause
"""The batch templates parse, and a dry run (LAS_DRY_RUN=1, scheduler variables faked)
renders the launch line each app, scheduler, variant and Kokkos version must get; the
expected lines are written out by hand from the documented layout (jobs/README.md)."""

import os
import unittest

from jobs_test_util import ROOT, run, scaling, scratch_dir

APP_DIRS = {"las_poisson": "poisson", "las_bandit_sor": "bandit_sor", "las_ot": "ot",
            "las_learned_cg": "learned_cg", "las_pde_data": "pde_data", "las_dcdm_train": "dcdm_train",
            "las_adasketch": "adasketch", "las_moe_train": "moe_train"}
DEFAULT_DECKS = {"las_poisson": "inputs/poisson/default.yaml", "las_bandit_sor": "inputs/bandit_sor/tour.yaml",
                 "las_ot": "inputs/ot/point_clouds.yaml", "las_learned_cg": "inputs/learned_cg/default.yaml",
                 "las_pde_data": "inputs/pde_data/diffusion_sorption.yaml",
                 "las_dcdm_train": "inputs/dcdm_train/poisson2d.yaml",
                 "las_adasketch": "inputs/adasketch/poisson_control_64.yaml",
                 "las_moe_train": "inputs/moe/diffusion_sorption.yaml"}
SLURM = os.path.join(ROOT, "jobs", "slurm", "las.sbatch")
PBS = os.path.join(ROOT, "jobs", "pbs", "las.pbs")
GPU_WRAPPER = os.path.join(ROOT, "jobs", "lib", "gpu_by_local_rank.sh")
ROOT_FLAG = " --allow-run-as-root" if os.getuid() == 0 else ""


def slurm_env(nodes, ntasks, cpus, gpus=0):
    env = {"SLURM_JOB_ID": "4242", "SLURM_JOB_NUM_NODES": str(nodes), "SLURM_NTASKS": str(ntasks),
           "SLURM_CPUS_PER_TASK": str(cpus), "LAS_LAUNCHER": "srun",
           "LAS_SRUN_MPI": "default"}  # hermetic: no question to a Slurm this machine may run
    if gpus:
        env["SLURM_GPUS_ON_NODE"] = str(gpus)
    return env


class Templates(unittest.TestCase):
    def dry_run(self, name, script, args, env):
        run_dir = os.path.join(scratch_dir(name), "run")
        full = {"LAS_DRY_RUN": "1", "LAS_EXE": "/bin/true", "LAS_RUN_DIR": run_dir, "LAS_MACHINE": "local"}
        full.update(env)
        status, _, stderr = run(["bash", script, *args], env=full, cwd=scratch_dir(name + "_cwd"))
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(run_dir, "command.txt"), encoding="utf-8") as f:
            return run_dir, f.read().strip()

    def test_scripts_parse(self):
        scripts = [SLURM, PBS, GPU_WRAPPER, os.path.join(ROOT, "jobs", "run_app.sh")]
        scripts += [os.path.join(ROOT, "jobs", "lib", f) for f in ("batch_app.sh", "rundir.sh", "mpirun.sh")]
        for script in scripts:
            status, _, stderr = run(["bash", "-n", script])
            self.assertEqual(status, 0, f"{script}: {stderr}")

    def test_slurm_cpu_every_app(self):
        for app, app_dir in APP_DIRS.items():
            ranks = 1 if app == "las_dcdm_train" else 16  # the trainer is a one-rank job
            run_dir, line = self.dry_run(f"slurm_cpu_{app}", SLURM, [app],
                                         dict(slurm_env(2, 16, 8), LAS_KOKKOS_VERSION="3.4.01"))
            deck = os.path.join(ROOT, DEFAULT_DECKS[app])
            self.assertEqual(line, f"srun --ntasks={ranks} --cpu-bind=cores --cpus-per-task=8 /bin/true {deck} "
                                   f"--report {run_dir}/report.json --kokkos-threads=8", app)
            with open(os.path.join(run_dir, "run.txt"), encoding="utf-8") as f:
                run_txt = f.read()
            for variable in ("OMP_NUM_THREADS=8", "OMP_PROC_BIND=spread", "OMP_PLACES=threads"):
                self.assertIn(variable, run_txt, app)

    def test_slurm_mpi_plugin(self):
        deck = os.path.join(ROOT, DEFAULT_DECKS["las_poisson"])
        run_dir, line = self.dry_run("slurm_pmix", SLURM, ["las_poisson"],
                                     dict(slurm_env(1, 2, 1), LAS_SRUN_MPI="pmix", LAS_KOKKOS_VERSION="3.4.01"))
        self.assertEqual(line, f"srun --ntasks=2 --cpu-bind=cores --cpus-per-task=1 --mpi=pmix /bin/true {deck} "
                               f"--report {run_dir}/report.json --kokkos-threads=1")
        # A job whose SLURM_MPI_TYPE is set keeps the cluster's choice.
        run_dir, line = self.dry_run("slurm_mpi_type", SLURM, ["las_poisson"],
                                     dict(slurm_env(1, 2, 1), LAS_SRUN_MPI="auto", SLURM_MPI_TYPE="pmi2",
                                          LAS_KOKKOS_VERSION="3.4.01"))
        self.assertNotIn("--mpi", line)

    def test_slurm_gpu_both_kokkos_generations(self):
        deck = os.path.join(ROOT, DEFAULT_DECKS["las_learned_cg"])
        run_dir, line = self.dry_run("slurm_gpu_new", SLURM, ["las_learned_cg"],
                                     dict(slurm_env(2, 8, 16, gpus=4), LAS_KOKKOS_VERSION="4.3.01"))
        self.assertEqual(line, f"srun --ntasks=8 --cpu-bind=cores --ntasks-per-node=4 --cpus-per-task=16 /bin/true "
                               f"{deck} --report {run_dir}/report.json --kokkos-map-device-id-by=mpi_rank")
        run_dir, line = self.dry_run("slurm_gpu_old", SLURM, ["las_learned_cg"],
                                     dict(slurm_env(2, 8, 16, gpus=4), LAS_KOKKOS_VERSION="3.4.01"))
        self.assertEqual(line, f"srun --ntasks=8 --cpu-bind=cores --ntasks-per-node=4 --cpus-per-task=16 env "
                               f"LAS_GPUS_PER_NODE=4 bash {GPU_WRAPPER} /bin/true {deck} "
                               f"--report {run_dir}/report.json")

    def test_pbs_cpu_and_gpu(self):
        nodefile = os.path.join(scratch_dir("pbs_nodes"), "nodefile")
        with open(nodefile, "w", encoding="utf-8") as f:
            f.write("n1\nn1\nn2\nn2\n")
        deck = os.path.join(ROOT, DEFAULT_DECKS["las_ot"])
        pbs = {"PBS_JOBID": "17.server", "PBS_NODEFILE": nodefile, "OMP_NUM_THREADS": "4",
               "LAS_KOKKOS_VERSION": "3.7.00", "LAS_APP": "las_ot"}
        run_dir, line = self.dry_run("pbs_cpu", PBS, [], pbs)
        self.assertEqual(line, f"mpiexec -n 4{ROOT_FLAG} --map-by ppr:2:node:PE=4 --bind-to core /bin/true {deck} "
                               f"--report {run_dir}/report.json --kokkos-num-threads=4")
        run_dir, line = self.dry_run("pbs_gpu", PBS, [], dict(pbs, LAS_GPUS_PER_NODE="2"))
        self.assertEqual(line, f"mpiexec -n 4{ROOT_FLAG} --map-by ppr:2:node:PE=4 --bind-to core /bin/true {deck} "
                               f"--report {run_dir}/report.json --kokkos-map-device-id-by=mpi_rank")

    def test_kokkos_version_from_the_build(self):
        build = scratch_dir("fake_build")
        deck = os.path.join(ROOT, DEFAULT_DECKS["las_poisson"])
        for version, option in (("3.4.01", "--kokkos-threads=2"), ("3.7.00", "--kokkos-num-threads=2"),
                                ("4.0.00", "--kokkos-num-threads=2")):
            with open(os.path.join(build, "KokkosConfigVersion.cmake"), "w", encoding="utf-8") as f:
                f.write(f'set(PACKAGE_VERSION "{version}")\n')
            with open(os.path.join(build, "CMakeCache.txt"), "w", encoding="utf-8") as f:
                f.write(f"Kokkos_DIR:PATH={build}\n")
            run_dir, line = self.dry_run("kokkos_" + version, SLURM, ["las_poisson"],
                                         dict(slurm_env(1, 1, 2), LAS_BUILD_DIR=build))
            self.assertEqual(line, f"srun --ntasks=1 --cpu-bind=cores --cpus-per-task=2 /bin/true {deck} "
                                   f"--report {run_dir}/report.json {option}", version)

    def test_run_dir_placeholder_and_overrides(self):
        deck = os.path.join(ROOT, "inputs", "poisson", "layered_3d.yaml")
        run_dir, line = self.dry_run("placeholder", os.path.join(ROOT, "jobs", "run_app.sh"),
                                     ["las_poisson", "inputs/poisson/layered_3d.yaml", "output.file={run_dir}/u.h5",
                                      "solver.rtol=1e-6"], {"LAS_RANKS": "2", "LAS_KOKKOS_VERSION": "3.4.01"})
        self.assertEqual(line, f"mpiexec -n 2{ROOT_FLAG} --oversubscribe /bin/true {deck} output.file={run_dir}/u.h5 "
                               f"solver.rtol=1e-6 --report {run_dir}/report.json --kokkos-threads=1")
        with open(os.path.join(run_dir, "overrides.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), f"output.file={run_dir}/u.h5\nsolver.rtol=1e-6\n")

    def test_generated_slurm_point_runs_the_template(self):
        out = os.path.join(scratch_dir("series_slurm"), "series")
        status, _, stderr = scaling("generate", "--out", out, "--app", "las_poisson", "--deck",
                                    os.path.join(ROOT, "inputs", "poisson", "default.yaml"), "--machine",
                                    "example-cluster", "--mode", "weak", "--nodes", "1,2", "--ranks-per-node", "2",
                                    "--size", "grid.n=[64,64]")
        self.assertEqual(status, 0, stderr)
        point = os.path.join(out, "np00004")
        env = dict(slurm_env(2, 4, 1), LAS_DRY_RUN="1", LAS_EXE="/bin/true", LAS_KOKKOS_VERSION="3.4.01")
        status, _, stderr = run(["bash", os.path.join(point, "job.sh")], env=env)
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(point, "command.txt"), encoding="utf-8") as f:
            line = f.read().strip()
        deck = os.path.join(ROOT, "inputs", "poisson", "default.yaml")
        self.assertEqual(line, f"srun --ntasks=4 --cpu-bind=cores --cpus-per-task=1 /bin/true {deck} "
                               f"grid.n=\\[128\\,128\\] --report {point}/report.json --kokkos-threads=1")
        with open(os.path.join(point, "job.sh"), encoding="utf-8") as f:
            self.assertIn("#SBATCH --nodes=2", f.read())  # the generated script, not the template

    def test_executable_and_machine_errors(self):
        for app, app_dir in APP_DIRS.items():
            status, _, stderr = run(["bash", SLURM, app], env={"LAS_BUILD_DIR": "/nonexistent-build",
                                                               "LAS_RUN_DIR": scratch_dir("noexe") + "/run"})
            self.assertEqual(status, 1)
            self.assertEqual(stderr.strip(), f"[{app}] error: /nonexistent-build/apps/{app_dir}/{app} not found: "
                                             "build first (LAS_MACHINE=... jobs/build.sh) or set LAS_EXE")
        status, _, stderr = run(["bash", PBS], env={"LAS_MACHINE": "nowhere"})
        self.assertEqual(status, 1)
        self.assertRegex(stderr.strip(), r"^\[las\] error: no environment file for LAS_MACHINE='nowhere'")
        status, _, stderr = run(["bash", SLURM, "las_nope"], env={"LAS_EXE": "/bin/true"})
        self.assertEqual(status, 1)
        self.assertRegex(stderr.strip(), r"^\[las\] error: unknown app 'las_nope'")

    def test_gpu_wrapper_maps_the_local_rank(self):
        status, out, _ = run(["bash", GPU_WRAPPER, "echo", "app"],
                             env={"OMPI_COMM_WORLD_LOCAL_RANK": "5", "LAS_GPUS_PER_NODE": "4"})
        self.assertEqual((status, out.strip()), (0, "app --kokkos-device-id=1"))
        status, out, _ = run(["env", "-u", "OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID=2", "LAS_GPUS_PER_NODE=4",
                              "bash", GPU_WRAPPER, "echo", "app"])
        self.assertEqual((status, out.strip()), (0, "app --kokkos-device-id=2"))
        status, _, stderr = run(["env", "-i", "PATH=/usr/bin:/bin", "bash", GPU_WRAPPER, "echo"])
        self.assertEqual(status, 1)
        self.assertIn("no node-local rank", stderr)


if __name__ == "__main__":
    unittest.main()

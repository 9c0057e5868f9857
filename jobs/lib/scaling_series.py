# SPDX-License-Identifier: BSD-3-Clause
"""Writes a strong- or weak-scaling series: one run directory per point (rank count and
repeat), holding the point's batch script (job.sh), the deck, the overrides and the deck
with those overrides applied (input.yaml); the run adds report.json, resolved.yaml (the
app's resolved deck with every default), the log and run.txt (jobs/lib/rundir.sh).

The scripts hand over to the generic templates, so a series runs exactly what a hand
submission runs: jobs/slurm/las.sbatch, jobs/pbs/las.pbs, or jobs/run_app.sh for a machine
without a scheduler (LAS_SCHEDULER=none in jobs/env/<machine>.sh, e.g. local).
"""

import copy
import json
import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field

from scaling_sizes import format_size, parse_size, weak_size

APPS = ("las_poisson", "las_bandit_sor", "las_ot", "las_learned_cg", "las_pde_data", "las_dcdm_train",
        "las_adasketch", "las_moe_train")
ONE_RANK_APPS = ("las_dcdm_train",)
SCHEDULERS = ("none", "slurm", "pbs")
MODES = ("strong", "weak")


class SeriesError(Exception):
    """Bad input to the generator: the message names the option or file and the value."""


@dataclass
class SeriesSpec:
    root: str  # repository root
    app: str
    deck: str  # absolute path
    machine: str
    scheduler: str
    mode: str
    counts: list  # rank counts (count_kind "ranks") or node counts ("nodes")
    count_kind: str = "ranks"
    ranks_per_node: int = 1
    threads: int = 1
    gpus_per_node: int = 0
    sizes: dict = field(default_factory=dict)  # size key -> value on one rank (weak) / global (strong)
    work_power: float = 1.0  # weak: work grows as size**work_power (scalar sizes)
    overrides: list = field(default_factory=list)  # key=value for every point
    repeats: int = 1
    time: str = "00:30:00"
    directives: list = field(default_factory=list)  # extra #SBATCH / #PBS lines
    build_dir: str = "build"


def machine_scheduler(root, machine):
    """LAS_SCHEDULER of jobs/env/<machine>.sh (sourced by bash, as the jobs do)."""
    env_file = os.path.join(root, "jobs", "env", machine + ".sh")
    if not os.path.isfile(env_file):
        known = sorted(f[:-3] for f in os.listdir(os.path.join(root, "jobs", "env")) if f.endswith(".sh"))
        raise SeriesError(f"--machine {machine}: no file {env_file} (known: {', '.join(known)})")
    out = subprocess.run(["bash", "-c", 'set -euo pipefail; source "$1"; printf %s "${LAS_SCHEDULER:-}"', "bash", env_file],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SeriesError(f"{env_file}: sourcing it failed: {out.stderr.strip().splitlines()[-1:]}")
    scheduler = out.stdout.strip() or "slurm"
    if scheduler not in SCHEDULERS:
        raise SeriesError(f"{env_file}: LAS_SCHEDULER={scheduler} is not one of {', '.join(SCHEDULERS)}")
    return scheduler


def _load_yaml(path):
    try:
        import yaml  # Debian python3-yaml; only needed to read sizes from the deck
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def _lookup(tree, dotted):
    node = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def resolve_sizes(deck, size_args, overrides):
    """{key: value} from --size arguments: 'key=value' as given, 'key' from the overrides
    or the deck."""
    given = dict(o.split("=", 1) for o in overrides)
    sizes, tree = {}, None
    for arg in size_args:
        key, sep, text = arg.partition("=")
        if not sep:
            if key in given:
                text = given[key]
            else:
                tree = tree if tree is not None else _load_yaml(deck)
                if tree is None:
                    raise SeriesError(f"--size {key}: PyYAML is missing, so give the value (--size {key}=[...])")
                value = _lookup(tree, key)
                if value is None:
                    raise SeriesError(f"--size {key}: {deck} has no key {key}; give it (--size {key}=VALUE)")
                text = format_size(value) if isinstance(value, (list, int)) else str(value)
        try:
            sizes[key] = parse_size(text)
        except ValueError as e:
            raise SeriesError(f"--size {key}: {e}") from None
    return sizes


@dataclass
class Point:
    name: str  # run directory name
    nodes: int
    ranks: int
    repeat: int
    overrides: list  # every key=value the run gets, series-wide ones first


def plan_points(spec):
    """Repeats go round the rank counts (1,2,4,1,2,4,...) so that a drifting load on a
    shared machine spreads over every point instead of biasing one."""
    points = []
    for count in spec.counts:
        if spec.count_kind == "nodes":
            nodes, ranks = count, count * (spec.gpus_per_node or spec.ranks_per_node)
        elif spec.scheduler == "none":
            nodes, ranks = 1, count
        else:
            nodes, ranks = max(1, -(-count // spec.ranks_per_node)), count
        sized = {k: (weak_size(v, ranks, spec.work_power) if spec.mode == "weak" else v)
                 for k, v in spec.sizes.items()}
        size_overrides = [f"{k}={format_size(v)}" for k, v in sized.items()]
        fixed = [o for o in spec.overrides if o.split("=", 1)[0] not in sized]
        for repeat in range(1, spec.repeats + 1):
            name = f"np{ranks:05d}" + (f"-r{repeat}" if spec.repeats > 1 else "")
            points.append(Point(name, nodes, ranks, repeat, fixed + size_overrides))
    return sorted(points, key=lambda p: p.repeat)  # stable: rank order within a repeat


def _exports(spec, point, run_dir):
    env = {"LAS_ROOT": spec.root, "LAS_MACHINE": spec.machine, "LAS_BUILD_DIR": spec.build_dir,
           "LAS_RUN_DIR": run_dir}
    return "export " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())


def render_job(spec, point, run_dir):
    """The batch script of one point: scheduler lines, then the generic template."""
    args = " ".join(shlex.quote(a) for a in [spec.app, spec.deck] + point.overrides)
    per_node = spec.gpus_per_node or spec.ranks_per_node
    if spec.scheduler == "none":
        per_node = point.ranks
    header = ["#!/usr/bin/env bash", "# SPDX-License-Identifier: BSD-3-Clause",
              f"# {spec.mode}-scaling series of {spec.app} (jobs/scaling.py): {point.ranks} rank(s) on "
              f"{point.nodes} node(s), {spec.threads} thread(s) per rank, repeat {point.repeat}."]
    job_name = f"{spec.app}-{spec.mode}-np{point.ranks}"
    lines = []
    if spec.scheduler == "slurm":
        lines += [f"#SBATCH --job-name={job_name}", f"#SBATCH --nodes={point.nodes}",
                  f"#SBATCH --ntasks-per-node={min(per_node, point.ranks)}",
                  f"#SBATCH --cpus-per-task={spec.threads}", f"#SBATCH --time={spec.time}",
                  "#SBATCH --exclusive", f"#SBATCH --output={run_dir}/slurm-%j.out"]
        if spec.gpus_per_node:
            lines.append(f"#SBATCH --gpus-per-node={spec.gpus_per_node}")
        lines += [f"#SBATCH {d}" for d in spec.directives]
        lines += ["set -euo pipefail", _exports(spec, point, run_dir),
                  f'exec bash "$LAS_ROOT/jobs/slurm/las.sbatch" {args}']
    elif spec.scheduler == "pbs":
        mpiprocs = min(per_node, point.ranks)
        select = f"select={point.nodes}:ncpus={mpiprocs * spec.threads}:mpiprocs={mpiprocs}:ompthreads={spec.threads}"
        if spec.gpus_per_node:
            select += f":ngpus={spec.gpus_per_node}"
        lines += [f"#PBS -N {job_name[:15]}", f"#PBS -l {select}", f"#PBS -l walltime={spec.time}",
                  "#PBS -l place=scatter:excl", "#PBS -j oe", f"#PBS -o {run_dir}/pbs.out"]
        lines += [f"#PBS {d}" for d in spec.directives]
        lines += ["set -euo pipefail", _exports(spec, point, run_dir)]
        if spec.gpus_per_node:
            lines.append(f"export LAS_GPUS_PER_NODE={spec.gpus_per_node}")
        lines.append(f'exec bash "$LAS_ROOT/jobs/pbs/las.pbs" {args}')
    else:
        lines += ["set -euo pipefail", _exports(spec, point, run_dir),
                  f"export LAS_RANKS={point.ranks} LAS_THREADS={spec.threads}",
                  f'exec bash "$LAS_ROOT/jobs/run_app.sh" {args}']
    return "\n".join(header + lines) + "\n"


def _apply_overrides(tree, overrides):
    try:
        import yaml
    except ImportError:
        return None
    for item in overrides:
        key, _, text = item.partition("=")
        node = tree
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        try:
            node[parts[-1]] = yaml.safe_load(text)
        except yaml.YAMLError:
            node[parts[-1]] = text
    return yaml.safe_dump(tree, sort_keys=False, default_flow_style=None)


def _submit_script(spec, points):
    lines = ["#!/usr/bin/env bash", "# SPDX-License-Identifier: BSD-3-Clause",
             f"# Runs or submits every point of this series ({spec.scheduler}); then:",
             '#   jobs/scaling.py collect "$(dirname "$0")"', "set -uo pipefail",
             'here=$(cd "$(dirname "$0")" && pwd -P)', "failed=0"]
    for p in points:
        if spec.scheduler == "slurm":
            lines.append(f'sbatch "$here/{p.name}/job.sh" || failed=$((failed + 1))')
        elif spec.scheduler == "pbs":
            lines.append(f'qsub "$here/{p.name}/job.sh" || failed=$((failed + 1))')
        else:
            lines.append(f'bash "$here/{p.name}/job.sh" || failed=$((failed + 1))')
    lines += ['((failed == 0)) || { echo "[scaling] error: $failed point(s) failed" >&2; exit 1; }']
    return "\n".join(lines) + "\n"


def validate(spec):
    if spec.app not in APPS:
        raise SeriesError(f"--app {spec.app}: unknown app (known: {', '.join(APPS)})")
    if not os.path.isfile(spec.deck):
        raise SeriesError(f"--deck {spec.deck}: no such file")
    if spec.mode not in MODES:
        raise SeriesError(f"--mode {spec.mode}: must be strong or weak")
    if not spec.counts or any(c < 1 for c in spec.counts) or len(set(spec.counts)) != len(spec.counts):
        raise SeriesError(f"--{spec.count_kind} {spec.counts}: give distinct positive counts")
    if spec.app in ONE_RANK_APPS and (spec.count_kind == "nodes" or max(spec.counts) > 1):
        raise SeriesError(f"--app {spec.app}: runs on one rank, so a scaling series over {spec.counts} makes no sense")
    if spec.mode == "weak" and not spec.sizes:
        raise SeriesError("--mode weak needs --size KEY (the deck's size key(s), e.g. grid.n)")
    if spec.work_power != 1:
        if spec.mode != "weak" or not spec.work_power > 0:
            raise SeriesError(f"--work-power {spec.work_power}: a positive power, for --mode weak only")
        grids = [k for k, v in spec.sizes.items() if isinstance(v, list)]
        if grids:
            raise SeriesError(f"--work-power {spec.work_power}: applies to scalar sizes, not the grid --size {grids[0]}")
    for o in spec.overrides:
        if "=" not in o or o.startswith("="):
            raise SeriesError(f"override '{o}' is not key=value")
    if spec.scheduler == "none" and spec.count_kind == "nodes":
        raise SeriesError(f"--machine {spec.machine} has no scheduler (LAS_SCHEDULER=none): give --ranks, not --nodes")


def write_series(spec, out_dir):
    """Writes the series into out_dir (which must not exist): all of it or nothing."""
    validate(spec)
    out_dir = os.path.abspath(out_dir)
    if os.path.exists(out_dir):
        raise SeriesError(f"--out {out_dir}: exists already (a series is never overwritten)")
    points = plan_points(spec)
    tmp = out_dir + f".tmp-{os.getpid()}"
    try:
        os.makedirs(tmp)
        tree = _load_yaml(spec.deck)
        for p in points:
            run_dir = os.path.join(out_dir, p.name)
            os.makedirs(os.path.join(tmp, p.name))
            with open(os.path.join(tmp, p.name, "job.sh"), "w", encoding="utf-8") as f:
                f.write(render_job(spec, p, run_dir))
            shutil.copyfile(spec.deck, os.path.join(tmp, p.name, "deck.yaml"))
            with open(os.path.join(tmp, p.name, "overrides.txt"), "w", encoding="utf-8") as f:
                f.write("".join(o + "\n" for o in p.overrides))
            merged = _apply_overrides(copy.deepcopy(tree), p.overrides) if tree is not None else None
            if merged is not None:
                with open(os.path.join(tmp, p.name, "input.yaml"), "w", encoding="utf-8") as f:
                    f.write(f"# {spec.deck} with this point's overrides (jobs/scaling.py); after the run,\n"
                            "# resolved.yaml is the app's own resolved deck, every default included.\n" + merged)
        series = {"app": spec.app, "mode": spec.mode, "deck": spec.deck, "machine": spec.machine,
                  "scheduler": spec.scheduler, "threads": spec.threads, "gpus_per_node": spec.gpus_per_node,
                  "sizes": spec.sizes, "work_power": spec.work_power,
                  "overrides": spec.overrides, "repeats": spec.repeats,
                  "points": [{"dir": p.name, "nodes": p.nodes, "ranks": p.ranks, "repeat": p.repeat,
                              "overrides": p.overrides} for p in points]}
        with open(os.path.join(tmp, "series.json"), "w", encoding="utf-8") as f:
            json.dump(series, f, indent=2)
            f.write("\n")
        with open(os.path.join(tmp, "submit_all.sh"), "w", encoding="utf-8") as f:
            f.write(_submit_script(spec, points))
        os.chmod(os.path.join(tmp, "submit_all.sh"), 0o755)
        os.makedirs(os.path.dirname(out_dir), exist_ok=True)
        os.rename(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return points

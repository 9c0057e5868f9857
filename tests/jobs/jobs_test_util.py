# SPDX-License-Identifier: BSD-3-Clause
"""What the jobs/ tests share: the repository, a scratch directory, running a command."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "jobs", "lib"))
SCALING = os.path.join(ROOT, "jobs", "scaling.py")


def scratch_dir(name):
    """A fresh directory for one test: under LAS_TEST_WORK_DIR (ctest's build tree) or /tmp."""
    base = os.environ.get("LAS_TEST_WORK_DIR") or os.path.join("/tmp", f"las-jobs-tests-{os.getuid()}")
    path = os.path.join(base, name)
    subprocess.run(["rm", "-rf", path], check=True)
    os.makedirs(path)
    return path


def run(cmd, env=None, cwd=None):
    """Runs cmd; returns (exit status, stdout, stderr)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    out = subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=cwd, check=False)
    return out.returncode, out.stdout, out.stderr


def scaling(*args, env=None):
    return run([sys.executable, SCALING, *args], env=env)

# SPDX-License-Identifier: BSD-3-Clause
"""The command line the side-by-side benchmark scripts share: a deck, the las app to run
(from $LAS_BUILD_DIR, default build/ in the repository) and the MPI launcher."""
import argparse
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_mpiexec():
    # Open MPI refuses to start as root without --allow-run-as-root (CI containers are root).
    return "mpiexec --oversubscribe" + (" --allow-run-as-root" if os.geteuid() == 0 else "")


def parser(doc, app_dir, app):
    """An ArgumentParser with the script's first doc line, `deck`, `--las` (the app
    build/apps/APP_DIR/APP) and `--mpiexec`."""
    build = os.environ.get("LAS_BUILD_DIR", os.path.join(REPO, "build"))
    p = argparse.ArgumentParser(description=doc.split("\n")[0])
    p.add_argument("deck")
    p.add_argument("--las", default=os.path.join(build, "apps", app_dir, app))
    p.add_argument("--mpiexec", default=default_mpiexec(),
                   help="MPI launcher and its flags (default: %(default)s)")
    return p

#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the Debian 12 packages las needs that are not installed yet (see
# shared/reference/cmake-recipe.md). Each package is checked with dpkg-query first: when
# nothing is missing, apt-get is not run at all (not even `apt-get update`).
#
#   jobs/setup.sh            install what is missing (as root, or through sudo)
#   jobs/setup.sh --check    only report; exit 1 when something is missing
#   jobs/setup.sh --list     print the package list
#
# On a system without dpkg (a supercomputer), it says so and does nothing: load the
# dependencies with modules instead (jobs/env/<machine>.sh).
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
LAS_JOB_NAME=setup
# shellcheck source=lib/common.sh
source "$LAS_ROOT/jobs/lib/common.sh"

# cmake-recipe.md's list. libtorch-dev: the learned CG's training tools and the LibTorch
# reference tests; coinor-libipopt-dev: the constrained optimiser's IPOPT anchor.
LAS_PACKAGES=(
  cmake ninja-build pkg-config g++
  libopenmpi-dev openmpi-bin
  petsc-dev libhdf5-openmpi-dev
  libtrilinos-kokkos-dev libtrilinos-kokkos-kernels-dev
  libtrilinos-sacado-dev libtrilinos-teuchos-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  libfftw3-dev libopenblas-dev
  libtorch-dev
  libglpk-dev
  coinor-libipopt-dev
  libpetsc3.18-dev-examples
  python3-numpy python3-matplotlib python3-h5py
)

mode=install
case ${1:-} in
  "") ;;
  --check) mode=check ;;
  --list) printf '%s\n' "${LAS_PACKAGES[@]}"; exit 0 ;;
  -h | --help) awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) las_die "unknown argument '$1' (try --help)" ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  las_log "no dpkg-query: not a Debian-based system, so no packages are installed."
  las_log "Provide MPI, Kokkos(+Kernels), PETSc, parallel HDF5, yaml-cpp, nlohmann_json, CLI11,"
  las_log "GoogleTest, Google Benchmark, CMake >= 3.20 and Ninja yourself (e.g. modules in jobs/env/)."
  exit 0
fi

is_installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == *" ok installed" ]]
}

missing=()
for pkg in "${LAS_PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  las_log "all ${#LAS_PACKAGES[@]} packages are installed; nothing is missing, nothing to do."
  exit 0
fi
las_log "missing ${#missing[@]} of ${#LAS_PACKAGES[@]} packages: ${missing[*]}"
[[ $mode == check ]] && exit 1

command -v apt-get >/dev/null 2>&1 || las_die "apt-get not found: install these packages yourself: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
    las_log "not root: using sudo"
  else
    las_die "installing packages needs root, and sudo is not available. Run as root, or ask an administrator: apt-get install --no-install-recommends ${missing[*]}"
  fi
fi

# Wait for a dpkg lock held by another apt (e.g. unattended-upgrades) instead of failing.
apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
las_log "apt-get update"
"${apt[@]}" update -q
las_log "apt-get install ${missing[*]}"
"${apt[@]}" install -y -q --no-install-recommends "${missing[@]}"

still=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still+=("$pkg")
done
((${#still[@]} == 0)) || las_die "still not installed after apt-get: ${still[*]}"
las_log "installed ${#missing[@]} packages."

// SPDX-License-Identifier: BSD-3-Clause
// Measures las's MPI traffic per iteration with the PMPI counters, for the communication
// model test (check_comm_model.py compares it with jobs/lib/comm_formulas.py): CG, Jacobi-
// PCG, SOR (both orderings), SSOR-PCG, DCDM with a network, Sinkhorn. Each case
// solves the same system twice, with K1 and K2 iterations and no convergence possible
// (zero tolerances), counting each run from zero: the difference is K2 - K1 steady
// iterations, free of the setup and the first iterations. Writes one JSON file (rank 0)
// with, per case, its parameters and per phase the difference summed and maximised
// over the ranks.
//
//   mpiexec -n 2 comm_count_probe OUT.json
#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "kernels/blas1.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/comm_counters.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/dcdm_network.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/ot/ot_problems.hpp"
#include "solvers/ot/ot_solve.hpp"
#include "solvers/relaxation/sor.hpp"
#include "solvers/relaxation/ssor_preconditioner.hpp"

namespace las {
namespace {

constexpr int kFirst = 3;   // K1: past DCDM's two iterations with a partly filled ring
constexpr int kSecond = 7;  // K2

using PhaseMap = std::map<std::string, comm_counters::Counts>;

PhaseMap counted_run(const std::function<void(int)>& solve, int iterations) {
  comm_counters::reset();
  solve(iterations);
  PhaseMap out;
  for (const auto& p : comm_counters::snapshot()) out[p.name] = p.counts;
  return out;
}

// The phases every rank saw, in one agreed order (names gathered on MPI_COMM_WORLD,
// which no las::Comm owns: this bookkeeping is not counted).
std::vector<std::string> all_names(const PhaseMap& mine) {
  std::string joined;
  for (const auto& [name, c] : mine) joined += name + '\n';
  int ranks = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int length = static_cast<int>(joined.size());
  std::vector<int> lengths(static_cast<size_t>(ranks)), offsets(static_cast<size_t>(ranks), 0);
  MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 1; r < ranks; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::string all(static_cast<size_t>(offsets.back() + lengths.back()), '\0');
  MPI_Allgatherv(joined.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  std::map<std::string, int> names;
  for (size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos; start = end + 1)
    names[all.substr(start, end - start)] = 1;
  std::vector<std::string> out;
  for (const auto& [name, one] : names) out.push_back(name);
  return out;
}

nlohmann::json counts_json(const long long* v) {
  return {{"entries", v[0]}, {"messages", v[1]}, {"bytes", v[2]}, {"collectives", v[3]}, {"collective_bytes", v[4]}};
}

nlohmann::json measure(const std::string& name, const nlohmann::json& params,
                       const std::function<void(int)>& solve) {
  const PhaseMap first = counted_run(solve, kFirst);
  const PhaseMap second = counted_run(solve, kSecond);
  PhaseMap both = second;
  for (const auto& [phase, c] : first) both[phase];  // a phase only in the first run
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& phase : all_names(both)) {
    comm_counters::Counts a, b;
    if (auto it = first.find(phase); it != first.end()) a = it->second;
    if (auto it = second.find(phase); it != second.end()) b = it->second;
    long long diff[5] = {b.entries - a.entries, b.messages - a.messages, b.bytes - a.bytes,
                         b.collectives - a.collectives, b.collective_bytes - a.collective_bytes};
    long long sum[5], max[5];
    MPI_Allreduce(diff, sum, 5, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
    MPI_Allreduce(diff, max, 5, MPI_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    phases[phase] = {{"sum", counts_json(sum)}, {"max", counts_json(max)}};
  }
  return {{"case", name}, {"params", params}, {"iterations", kSecond - kFirst}, {"phases", phases}};
}

nlohmann::json grid_params(const std::string& solver, const BoxGrid& grid) {
  const auto& g = grid.global_extent();
  const auto& p = grid.proc_dims();
  return {{"solver", solver},
          {"dim", grid.dim()},
          {"n", {g[0], g[1], g[2]}},
          {"procs", {p[0], p[1], p[2]}},
          {"ranks", grid.comm().size()}};
}

nlohmann::json cg_case(const Comm& comm, const std::string& name, int dim, std::array<long long, 3> n,
                       CgPreconditioner preconditioner) {
  const BoxGrid grid(comm, dim, n);
  const StencilOperator a(grid, 1.0);
  const DistVector b = a.create_vector("b");
  kernels::fill(b.view(), 1.0);
  auto params = grid_params("cg", grid);
  params["preconditioner"] = preconditioner == CgPreconditioner::Jacobi ? "jacobi" : "none";
  return measure(name, params, [&](int iterations) {
    DistVector x = a.create_vector("x");
    CgOptions o;
    o.rtol = 0;
    o.max_iterations = iterations;
    o.preconditioner = preconditioner;
    o.compute_true_residual = false;
    solve_cg(a, b, x, o);
  });
}

const char* ordering_name(SorOrdering ordering) {
  return ordering == SorOrdering::RedBlack ? "red-black" : "lexicographic";
}

nlohmann::json sor_case(const Comm& comm, const std::string& name, int dim, std::array<long long, 3> n,
                        SorOrdering ordering) {
  const BoxGrid grid(comm, dim, n);
  const StencilOperator a(grid, 1.0);
  const DistVector b = a.create_vector("b");
  kernels::fill(b.view(), 1.0);
  auto params = grid_params("sor", grid);
  params["ordering"] = ordering_name(ordering);
  return measure(name, params, [&](int iterations) {
    DistVector x = a.create_vector("x");
    SorOptions o;
    o.omega = 1.2;
    o.rtol = 1e-300;
    o.max_iterations = iterations;
    o.ordering = ordering;
    solve_sor(a, b, x, o);
  });
}

nlohmann::json ssor_pcg_case(const Comm& comm) {
  const BoxGrid grid(comm, 2, {10, 7, 1});
  const StencilOperator a(grid, 1.0);
  const DistVector b = a.create_vector("b");
  kernels::fill(b.view(), 1.0);
  const SsorPreconditioner m(a, 1.3, SorOrdering::RedBlack);
  auto params = grid_params("ssor_pcg", grid);
  params["ordering"] = ordering_name(SorOrdering::RedBlack);
  return measure("ssor_pcg_red_black_2d", params, [&](int iterations) {
    DistVector x = a.create_vector("x");
    CgOptions o;
    o.rtol = 0;
    o.max_iterations = iterations;
    o.compute_true_residual = false;
    solve_pcg(a, m, b, x, o);
  });
}

nlohmann::json dcdm_case(const Comm& comm) {
  const BoxGrid grid(comm, 2, {16, 8, 1});
  const StencilOperator a(grid, 1.0);
  const DistVector b = a.create_vector("b");
  kernels::fill(b.view(), 1.0);
  nn::NetworkArchitecture arch;
  arch.dim = 2;
  arch.channels = 3;
  arch.pairs_before = 1;
  arch.pairs_coarse = 2;
  arch.pairs_after = 1;
  const nn::DcdmNetwork net = nn::DcdmNetwork::random(arch, 5);
  const nn::NetworkPreconditioner m(grid, net);
  auto params = grid_params("dcdm", grid);
  params["kept"] = 2;
  params["network"] = {{"channels", arch.channels},
                       {"pairs_before", arch.pairs_before},
                       {"pairs_coarse", arch.pairs_coarse},
                       {"pairs_after", arch.pairs_after}};
  return measure("dcdm_2d", params, [&](int iterations) {
    DistVector x = a.create_vector("x");
    DcdmOptions o;
    o.rtol = 0;
    o.max_iterations = iterations;
    o.kept_directions = 2;
    o.refresh_every = 0;
    o.stagnation_window = 0;
    o.compute_true_residual = false;
    solve_dcdm(a, m, b, x, o);
  });
}

nlohmann::json sinkhorn_case(const Comm& comm) {
  const long long n = 20;
  const ot::OtProblem problem = ot::random_assignment(comm, n, 11);
  nlohmann::json params = {{"solver", "sinkhorn"}, {"n", n}, {"ranks", comm.size()}};
  return measure("sinkhorn", params, [&](int iterations) {
    ot::OtOptions o;
    o.eta = 50;
    o.tol = 0;
    o.max_iterations = iterations;
    ot::solve_sinkhorn(problem, o);
  });
}

int run(const char* path) {
  const Comm comm;
  nlohmann::json cases = nlohmann::json::array();
  cases.push_back(cg_case(comm, "cg_2d", 2, {13, 10, 1}, CgPreconditioner::None));
  cases.push_back(cg_case(comm, "jacobi_pcg_3d", 3, {6, 5, 4}, CgPreconditioner::Jacobi));
  cases.push_back(sor_case(comm, "sor_red_black_2d", 2, {9, 8, 1}, SorOrdering::RedBlack));
  cases.push_back(sor_case(comm, "sor_lexicographic_3d", 3, {5, 4, 6}, SorOrdering::Lexicographic));
  cases.push_back(ssor_pcg_case(comm));
  cases.push_back(dcdm_case(comm));
  cases.push_back(sinkhorn_case(comm));
  const nlohmann::json out = {{"ranks", comm.size()},
                              {"counted", comm_counters::enabled() && comm_counters::intercepting()},
                              {"cases", cases}};
  if (comm.is_root()) {
    std::ofstream file(path);
    file << out.dump(2) << "\n";
    if (!file) {
      std::fprintf(stderr, "comm_count_probe: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace las

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int code = 0;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    if (argc != 2) {
      std::fprintf(stderr, "usage: comm_count_probe OUT.json\n");
      code = 2;
    } else {
      try {
        code = las::run(argv[1]);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "comm_count_probe: %s\n", e.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
    }
  }
  MPI_Finalize();
  return code;
}

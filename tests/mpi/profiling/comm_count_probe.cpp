// SPDX-License-Identifier: BSD-3-Clause
// Measures las's MPI traffic per iteration with the PMPI counters, for the communication
// model test (check_comm_model.py compares it with jobs/lib/comm_formulas.py): CG, Jacobi-
// PCG, SOR (both orderings), SSOR-PCG, DCDM with a network, Sinkhorn, the CG iterations
// of an SNS Newton step, AdaSketch's
// distributed sketch solve (Kaczmarz and a Gaussian block), each with zero tolerances
// so that no case converges early (comm_probe.hpp: how a case is measured).
//
//   mpiexec -n 2 comm_count_probe OUT.json
#include <nlohmann/json.hpp>

#include "kernels/blas1.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/dcdm_network.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/opt/distributed/grid_sketch_solver.hpp"
#include "solvers/opt/distributed/poisson_control_grid.hpp"
#include "solvers/ot/ot_problems.hpp"
#include "solvers/ot/ot_solve.hpp"
#include "solvers/ot/sparse_newton.hpp"
#include "solvers/relaxation/sor.hpp"
#include "solvers/relaxation/ssor_preconditioner.hpp"
#include "comm_probe.hpp"

namespace las {
namespace {

using probe::grid_params;
using probe::measure;

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
  arch.levels = 2;  // nested pooling: the ghost exchanges of every level's block are counted
  const nn::DcdmNetwork net = nn::DcdmNetwork::random(arch, 5);
  const nn::NetworkPreconditioner m(grid, net);
  auto params = grid_params("dcdm", grid);
  params["kept"] = 2;
  params["network"] = {{"channels", arch.channels},
                       {"pairs_before", arch.pairs_before},
                       {"pairs_coarse", arch.pairs_coarse},
                       {"pairs_after", arch.pairs_after},
                       {"levels", arch.levels}};
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

// One SNS Newton direction with CG stopped after a fixed number of iterations: the
// Newton step's setup is the same in both counted runs, so their difference is CG's
// iterations on the sparsified Hessian alone (sns_cg_iteration in the model).
nlohmann::json sns_cg_case(const Comm& comm) {
  const long long n = 20;
  const ot::OtProblem problem = ot::random_assignment(comm, n, 11);
  ot::DualState state(problem, 50.0);
  for (int k = 0; k < 5; ++k) state.sinkhorn_update();
  const ot::PlanSums sums = state.evaluate(true);
  nlohmann::json params = {{"solver", "sns_cg"}, {"n", n}, {"ranks", comm.size()}};
  return measure("sns_cg_iteration", params, [&](int iterations) {
    CgOptions o;
    o.rtol = 0;
    o.max_iterations = iterations;
    o.record_history = false;
    o.compute_true_residual = false;
    ot::newton_direction(state, sums, 0.5, o);
  });
}

// grid_sketch_solve on the Poisson-control KKT system (AdaSketch's inner solve on the
// distributed path), from d = 0 against b = the KKT vector at the authors' start.
nlohmann::json grid_sketch_case(const Comm& comm, const std::string& name, opt::SketchKind kind, int block_size) {
  const BoxGrid grid(comm, 2, {9, 9, 1});
  const opt::PoissonControlGrid problem(grid);
  opt::GridKktVector b = problem.zero_vector("b");
  problem.kkt_vector(problem.initial_point(), b);
  auto params = grid_params("grid_sketch", grid);
  params["sketch"] = opt::to_string(kind);
  params["block_size"] = block_size;
  return measure(name, params, [&](int iterations) {
    opt::GridKktVector d = problem.zero_vector("d");
    opt::SketchOptions o;
    o.kind = kind;
    o.block_size = block_size;
    o.max_iterations = iterations;
    opt::GridSketchStreams streams(3);
    opt::grid_sketch_solve(problem, b, d, 0.0, o, streams);
  });
}

nlohmann::json all_cases(const Comm& comm) {
  nlohmann::json cases = nlohmann::json::array();
  cases.push_back(cg_case(comm, "cg_2d", 2, {13, 10, 1}, CgPreconditioner::None));
  cases.push_back(cg_case(comm, "jacobi_pcg_3d", 3, {6, 5, 4}, CgPreconditioner::Jacobi));
  cases.push_back(sor_case(comm, "sor_red_black_2d", 2, {9, 8, 1}, SorOrdering::RedBlack));
  cases.push_back(sor_case(comm, "sor_lexicographic_3d", 3, {5, 4, 6}, SorOrdering::Lexicographic));
  cases.push_back(ssor_pcg_case(comm));
  cases.push_back(dcdm_case(comm));
  cases.push_back(sinkhorn_case(comm));
  cases.push_back(sns_cg_case(comm));
  cases.push_back(grid_sketch_case(comm, "grid_sketch_kaczmarz", opt::SketchKind::KaczmarzUniform, 1));
  cases.push_back(grid_sketch_case(comm, "grid_sketch_block_kaczmarz_q3", opt::SketchKind::BlockKaczmarz, 3));
  cases.push_back(grid_sketch_case(comm, "grid_sketch_sparse_sign_q2", opt::SketchKind::SparseSign, 2));
  cases.push_back(grid_sketch_case(comm, "grid_sketch_gaussian_q3", opt::SketchKind::Gaussian, 3));
  return cases;
}

}  // namespace
}  // namespace las

int main(int argc, char** argv) {
  return las::probe::probe_main(argc, argv, "comm_count_probe", las::all_cases);
}

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/torch/ift_backward.hpp"

#include <Kokkos_Core.hpp>
#include <limits>
#include <string>

#include "kernels/batched_cholesky.hpp"

namespace las::moe {

namespace kk = las::kernels;

namespace detail {

/// v ← H⁻¹ v for the problems flagged in `which` (all when every flag is 1), with H the
/// matrix of `term` at omega. Returns the flags of the problems whose H was not SPD
/// (their v is unchanged).
kk::BatchFlags solve_with(const kk::LeastSquaresBatch& ls, const kk::ConstBatchVectors& omega,
                          const kk::BatchFlags& which, kk::CurvatureTerm term, const kk::BatchVectors& v) {
  const size_t problems = ls.problems();
  kk::NormalEquations ne(problems, ls.coefficients());
  kk::accumulate_normal_equations(ls, omega, which, term, kk::make_least_squares_partials(ls), ne);
  const kk::BatchMatrices h = ne.matrix;
  const kk::BatchFlags failed("las::ift_not_spd", problems);
  kk::batched_cholesky_factor(h, failed);
  // Problems not asked for count as not failed and keep v.
  Kokkos::parallel_for(
      "las::ift_mask", Kokkos::RangePolicy<kk::ExecSpace>(0, problems), KOKKOS_LAMBDA(const size_t b) {
        if (!which(b)) failed(b) = 1;
      });
  kk::batched_cholesky_solve(h, failed, v);
  Kokkos::parallel_for(
      "las::ift_unmask", Kokkos::RangePolicy<kk::ExecSpace>(0, problems), KOKKOS_LAMBDA(const size_t b) {
        if (!which(b)) failed(b) = 0;
      });
  return failed;
}

long long count_flags(const kk::BatchFlags& flags, long long* first) {
  const auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), flags);
  long long count = 0;
  for (size_t b = 0; b < host.extent(0); ++b)
    if (host(b) && count++ == 0 && first) *first = static_cast<long long>(b);
  return count;
}

}  // namespace detail

HardConstraintBackwardStats ift_backward(const kk::LeastSquaresBatch& ls, const kk::ConstBatchVectors& omega,
                                         const kk::ConstBatchVectors& grad_omega, const IftGradients& out) {
  const size_t problems = ls.problems();
  const int n = ls.coefficients();
  HardConstraintBackwardStats stats;
  stats.backward_calls = 1;
  stats.problems = static_cast<long long>(problems);

  const kk::BatchVectors adjoint("las::ift_adjoint", problems, n);
  Kokkos::deep_copy(adjoint, grad_omega);
  const kk::BatchFlags all("las::ift_all", problems);
  Kokkos::deep_copy(all, 1);
  const kk::BatchFlags not_spd = detail::solve_with(ls, omega, all, kk::CurvatureTerm::ExactHessian, adjoint);
  long long first = -1;
  stats.gauss_newton_fallbacks = detail::count_flags(not_spd, &first);
  if (stats.gauss_newton_fallbacks > 0) {
    stats.last_fallback = "problem " + std::to_string(first) +
                          ": exact Hessian not positive definite at ω, Gauss–Newton matrix used for the adjoint";
    // The failed factorisation overwrote nothing in `adjoint` for those problems.
    const kk::BatchFlags unsolved = detail::solve_with(ls, omega, not_spd, kk::CurvatureTerm::GaussNewton, adjoint);
    stats.unsolved = detail::count_flags(unsolved, nullptr);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Kokkos::parallel_for(
        "las::ift_unsolved", Kokkos::RangePolicy<kk::ExecSpace>(0, problems), KOKKOS_LAMBDA(const size_t b) {
          if (!unsolved(b)) return;
          for (int i = 0; i < n; ++i) adjoint(b, i) = nan;
        });
  }
  kk::least_squares_pullback(ls, omega, adjoint, out.features, out.offsets, out.rows, out.targets);
  return stats;
}

}  // namespace las::moe

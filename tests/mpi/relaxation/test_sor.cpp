// SPDX-License-Identifier: BSD-3-Clause
// Stationary SOR against independent truths: the iteration counts of "Learning to
// Relax" (MATLAB sor.m re-runs, linear_solvers.md §2.5) on the 10x10 shifted
// Laplacian, Young's theory for consistently ordered matrices (asymptotic rates, ω*),
// rank-count independence of red-black, and the assembled matrix (same iterates).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "relaxation_test_util.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/problems/stencil_assembly.hpp"
#include "solvers/relaxation/sor.hpp"

namespace las {
namespace {

constexpr double kPi = 3.14159265358979323846;

/// delsq(numgrid('S', 12)) + c I: the 5-point stencil (4, -1) on a 10x10 interior. With
/// κ = h² the stencil coefficients κ/h² are exactly 1.
struct Delsq {
  Comm self{MPI_COMM_SELF};  // the paper's setting is serial: every rank runs it alone
  BoxGrid grid{self, 2, {10, 10, 1}};
  StencilOperator a;
  explicit Delsq(double c) : a(grid, (1.0 / 11) * (1.0 / 11), c) {}
};

/// Young: β = ρ(I - D⁻¹A) = 4 cos(πh) / (4 + c) for delsq + cI; ω* = 1 + (β/(1+√(1-β²)))².
double jacobi_radius(double c) { return 4 * std::cos(kPi / 11) / (4 + c); }
double young_omega(double beta) {
  const double t = beta / (1 + std::sqrt(1 - beta * beta));
  return 1 + t * t;
}
/// Spectral radius of SOR(ω) for a consistently ordered matrix with Jacobi radius β.
double young_radius(double beta, double omega) {
  if (omega >= young_omega(beta)) return omega - 1;
  const double t = omega * beta + std::sqrt(omega * omega * beta * beta - 4 * (omega - 1));
  return t * t / 4;
}

SolveReport run_sor(const LinearOperator& a, const std::vector<double>& b_all, double omega,
                    SorOrdering ordering, DistVector* x_out = nullptr, double rtol = 1e-8) {
  DistVector b = a.create_vector(), x = a.create_vector();
  test::scatter(b_all, b);
  SorOptions o;
  o.omega = omega;
  o.rtol = rtol;
  o.ordering = ordering;
  const SolveReport r = solve_sor(a, b, x, o);
  if (x_out) *x_out = x;
  return r;
}

/// Iterations for 8 seeded right-hand sides.
std::vector<int> counts(const LinearOperator& a, double omega, SorOrdering ordering) {
  std::vector<int> its;
  for (unsigned seed = 1; seed <= 8; ++seed) {
    const SolveReport r = run_sor(a, test::truncated_normal(100, seed), omega, ordering);
    EXPECT_TRUE(r.converged()) << to_string(r.reason);
    its.push_back(r.iterations);
  }
  return its;
}

void print_counts(const char* what, const std::vector<int>& its) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank != 0) return;
  std::printf("[ counts   ] %s:", what);
  for (int k : its) std::printf(" %d", k);
  std::printf("\n");
}

// Reference (§2.5, 8 random b with MATLAB's RNG): ω=1 → 167–208, ω=1.6 → 40–42,
// ω*=1.5604 → 38. Our b come from a different RNG, so each range is widened by the
// spread a different draw of 8 gives (±2 at ω=1 where the count varies most, ±1 else).
TEST(Sor, PaperIterationCountsUnshifted) {
  const Delsq p(0.0);
  const auto gs = counts(p.a, 1.0, SorOrdering::Lexicographic);
  const auto w16 = counts(p.a, 1.6, SorOrdering::Lexicographic);
  const double wopt = young_omega(jacobi_radius(0.0));
  EXPECT_NEAR(wopt, 1.5604, 1e-4);
  const auto wstar = counts(p.a, wopt, SorOrdering::Lexicographic);
  print_counts("c=0 omega=1", gs);
  print_counts("c=0 omega=1.6", w16);
  print_counts("c=0 omega*", wstar);
  for (int k : gs) EXPECT_TRUE(k >= 165 && k <= 210) << k;
  for (int k : w16) EXPECT_TRUE(k >= 39 && k <= 43) << k;
  for (int k : wstar) EXPECT_TRUE(k >= 37 && k <= 39) << k;
}

double mean(const std::vector<int>& v) {
  double s = 0;
  for (int k : v) s += k;
  return s / double(v.size());
}

// c = -0.15: ω=1.8 → 248, ω*=1.8536 → 129, each from ONE b in the notes. Near ω ≈ 2 the
// count depends on b far more than at c = 0 (measured over our 8 b: 223–276 and
// 119–139), so the check is on the mean of 8 (±3%) with every count within ±15%.
TEST(Sor, PaperIterationCountsShifted) {
  const Delsq p(-0.15);
  const double wopt = young_omega(jacobi_radius(-0.15));
  EXPECT_NEAR(wopt, 1.8536, 1e-4);
  const auto w18 = counts(p.a, 1.8, SorOrdering::Lexicographic);
  const auto wstar = counts(p.a, wopt, SorOrdering::Lexicographic);
  print_counts("c=-0.15 omega=1.8", w18);
  print_counts("c=-0.15 omega*", wstar);
  EXPECT_NEAR(mean(w18), 248, 0.03 * 248);
  EXPECT_NEAR(mean(wstar), 129, 0.03 * 129);
  for (int k : w18) EXPECT_NEAR(k, 248, 0.15 * 248);
  for (int k : wstar) EXPECT_NEAR(k, 129, 0.15 * 129);
}

/// MATLAB's sor.m written out literally on the dense matrix: M = D/ω + tril(A,-1),
/// x = x + M\r (forward substitution), r = b - A*x, stop when norm(r)/norm0 < tol.
int sor_m(const kernels::reference::Dense& a, const std::vector<double>& b, double omega) {
  const size_t n = b.size();
  std::vector<double> x(n, 0.0), r = b, z(n);
  auto norm = [](const std::vector<double>& v) {
    double s = 0;
    for (double e : v) s += e * e;
    return std::sqrt(s);
  };
  const double norm0 = norm(r);
  for (int k = 1; k <= 10000; ++k) {
    for (size_t i = 0; i < n; ++i) {
      double s = r[i];
      for (size_t j = 0; j < i; ++j) s -= a(int(i), int(j)) * z[j];
      z[i] = s / (a(int(i), int(i)) / omega);
    }
    for (size_t i = 0; i < n; ++i) x[i] += z[i];
    const auto ax = kernels::reference::matvec(a, x);
    for (size_t i = 0; i < n; ++i) r[i] = b[i] - ax[i];
    if (norm(r) / norm0 < 1e-8) return k;
  }
  return 10000;
}

// The same counts as the transcription of sor.m, exactly, for every b and ω.
TEST(Sor, LexicographicAtOneRankIsMatlabSorM) {
  for (double c : {0.0, -0.15}) {
    const Delsq p(c);
    const auto dense = test::dense_matrix(p.a);
    for (double omega : {1.0, 1.6, young_omega(jacobi_radius(c)), 1.8})
      for (unsigned seed = 1; seed <= 8; ++seed) {
        const auto b = test::truncated_normal(100, seed);
        EXPECT_EQ(run_sor(p.a, b, omega, SorOrdering::Lexicographic).iterations, sor_m(dense, b, omega))
            << "c=" << c << " omega=" << omega << " seed " << seed;
      }
  }
}

// Both orderings are consistently ordered, so SOR(ω) has the same spectrum for each,
// given by Young's formula. Checked: the measured asymptotic rate matches it at ω = 1
// (β²) and ω = 1.8 (ω - 1 above ω*); at ω* the iteration matrix is defective (a
// Jordan block of eigenvalue ρ = ω* - 1), so ||r_k|| ~ C k ρ^k and the count must lie
// in [k0, k0 + ln(k0)/|ln ρ| + 2], k0 = ln(ε)/ln(ρ); and ω* beats (or ties) every ω
// of the paper's grid 1.00:0.05:1.95.
TEST(Sor, RedBlackAndLexicographicFollowYoungTheory) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  for (double c : {0.0, -0.15}) {
    const Delsq p(c);
    const double beta = jacobi_radius(c), wopt = young_omega(beta);
    const double rho = wopt - 1, k0 = std::log(1e-8) / std::log(rho);
    const double k_hi = k0 + std::log(k0) / std::abs(std::log(rho)) + 2;
    const auto b = test::truncated_normal(100, 7);
    for (auto ordering : {SorOrdering::Lexicographic, SorOrdering::RedBlack}) {
      for (double omega : {1.0, 1.8}) {
        const SolveReport r = run_sor(p.a, b, omega, ordering, nullptr, 1e-13);
        ASSERT_TRUE(r.converged());
        const auto& h = r.residual_history;
        const size_t k1 = h.size() - 1, kh = k1 / 2;
        const double rate = std::pow(h[k1] / h[kh], 1.0 / double(k1 - kh));
        EXPECT_NEAR(rate, young_radius(beta, omega), 0.01 * young_radius(beta, omega))
            << to_string(ordering) << " c=" << c << " omega=" << omega;
      }
      int best_grid = std::numeric_limits<int>::max();
      for (int g = 0; g < 20; ++g)
        best_grid = std::min(best_grid, run_sor(p.a, b, 1.0 + 0.05 * g, ordering).iterations);
      const int at_opt = run_sor(p.a, b, wopt, ordering).iterations;
      if (rank == 0)
        std::printf("[ counts   ] c=%g %s: omega*=%.4f -> %d (Young window [%.1f, %.1f]), best of grid -> %d\n",
                    c, to_string(ordering).c_str(), wopt, at_opt, k0, k_hi, best_grid);
      EXPECT_GE(at_opt, std::floor(k0)) << to_string(ordering) << " c=" << c;
      EXPECT_LE(at_opt, k_hi) << to_string(ordering) << " c=" << c;
      EXPECT_LE(at_opt, best_grid) << to_string(ordering) << " c=" << c;
    }
  }
}

double kappa_field(long long i, long long j, long long k) {
  return 1.0 + 0.5 * std::sin(0.7 * double(i)) * std::cos(0.4 * double(j)) + 0.1 * double(k % 3);
}

// Red-black SOR is a true parallel SOR: all ranks vs one rank alone, same iterations
// and the same solution.
TEST(Sor, RedBlackIsIndependentOfTheRankCount) {
  Comm world, self(MPI_COMM_SELF);
  struct Shape {
    int dim;
    long long nx, ny, nz;
    bool variable;
    int split;  // the axis split over the ranks: odd splits give an odd origin parity
  };
  for (const Shape s : {Shape{2, 37, 23, 1, true, 0}, Shape{2, 30, 41, 1, false, 1}, Shape{3, 9, 8, 7, false, 1},
                        Shape{3, 7, 9, 6, true, 1}, Shape{3, 7, 6, 9, false, 2}}) {
    std::array<int, 3> procs{1, 1, 1};
    procs[size_t(s.split)] = world.size();
    BoxGrid gw(world, s.dim, {s.nx, s.ny, s.nz}, procs), gs(self, s.dim, {s.nx, s.ny, s.nz});
    StencilOperator aw = s.variable ? StencilOperator(gw, kappa_field, 0.1) : StencilOperator(gw, 1.0, 0.1);
    StencilOperator as = s.variable ? StencilOperator(gs, kappa_field, 0.1) : StencilOperator(gs, 1.0, 0.1);
    // The serial run in the distributed numbering: its solution is permuted back below.
    const auto b = test::truncated_normal(size_t(gw.global_cells()), 3);
    DistVector xw, xs;
    const SolveReport rw = run_sor(aw, b, 1.7, SorOrdering::RedBlack, &xw, 1e-10);
    // b in the serial grid's numbering: map each distributed index to its cell.
    const auto cell_of = [&] {
      DistVector id = aw.create_vector();
      auto h = Kokkos::create_mirror_view(id.view());
      const auto& n = gw.local_extent();
      const auto& off = gw.offset();
      for (int k = 0, p = 0; k < n[2]; ++k)
        for (int j = 0; j < n[1]; ++j)
          for (int i = 0; i < n[0]; ++i, ++p)
            h(p) = double((off[0] + i) + s.nx * ((off[1] + j) + s.ny * (off[2] + k)));
      Kokkos::deep_copy(id.view(), h);
      return test::gather(id);
    }();
    std::vector<double> bs(b.size());
    for (size_t p = 0; p < b.size(); ++p) bs[size_t(cell_of[p])] = b[p];
    const SolveReport rs = run_sor(as, bs, 1.7, SorOrdering::RedBlack, &xs, 1e-10);
    ASSERT_TRUE(rw.converged() && rs.converged());
    EXPECT_EQ(rw.iterations, rs.iterations) << s.dim << "D";
    const auto hw = test::gather(xw), hs = test::gather(xs);
    double err = 0, scale = 0;
    for (size_t p = 0; p < hw.size(); ++p) {
      err = std::max(err, std::abs(hw[p] - hs[size_t(cell_of[p])]));
      scale = std::max(scale, std::abs(hs[size_t(cell_of[p])]));
    }
    EXPECT_LE(err, 1e-12 * scale) << s.dim << "D";
  }
}

// The assembled matrix in the same (per-rank lexicographic) order gives the same
// block-Jacobi SOR at any rank count; at one rank the greedy colouring of the 5-point
// matrix is the red-black parity, so multicolour CSR equals red-black stencil.
TEST(Sor, AssembledMatrixGivesTheSameIterates) {
  Comm world;
  BoxGrid g(world, 2, {21, 17, 1});
  StencilOperator st(g, kappa_field, 0.0);
  DistCsrMatrix csr(g.comm(), assemble_stencil(st));
  const auto b = test::truncated_normal(size_t(g.global_cells()), 5);
  DistVector x1, x2;
  const SolveReport r1 = run_sor(st, b, 1.5, SorOrdering::Lexicographic, &x1);
  const SolveReport r2 = run_sor(csr, b, 1.5, SorOrdering::Lexicographic, &x2);
  ASSERT_TRUE(r1.converged());
  EXPECT_EQ(r1.iterations, r2.iterations);
  axpy(-1.0, x1, x2);
  EXPECT_LE(norm2(x2), 1e-10 * norm2(x1));

  const Delsq p(0.0);
  DistCsrMatrix dcsr(p.self, assemble_stencil(p.a));
  const auto b1 = test::truncated_normal(100, 9);
  DistVector y1, y2;
  const SolveReport q1 = run_sor(p.a, b1, 1.5, SorOrdering::RedBlack, &y1);
  const SolveReport q2 = run_sor(dcsr, b1, 1.5, SorOrdering::Multicolor, &y2);
  EXPECT_EQ(q1.iterations, q2.iterations);
  axpy(-1.0, y1, y2);
  EXPECT_LE(norm2(y2), 1e-10 * norm2(y1));
}

class NotSupported final : public LinearOperator {
 public:
  explicit NotSupported(const StencilOperator& a) : a_(a) {}
  const Comm& comm() const override { return a_.comm(); }
  DistVector create_vector(const std::string& l) const override { return a_.create_vector(l); }
  long long global_rows() const override { return a_.global_rows(); }
  void apply(const DistVector& x, DistVector& y) const override { a_.apply(x, y); }
  void diagonal(DistVector& d) const override { a_.diagonal(d); }
  long long global_nonzeros() const override { return a_.global_nonzeros(); }
  std::string description() const override { return "a wrapped operator"; }

 private:
  const StencilOperator& a_;
};

TEST(Sor, BadOmegaOrOrderingIsAConfigError) {
  const Delsq p(0.0);
  DistVector b = p.a.create_vector(), x = p.a.create_vector();
  SorOptions o;
  for (double w : {0.0, 2.0, -0.5, 2.5, std::numeric_limits<double>::quiet_NaN()}) {
    o.omega = w;
    EXPECT_THROW(solve_sor(p.a, b, x, o), ConfigError) << w;
  }
  o.omega = 1.2;
  o.ordering = SorOrdering::Multicolor;
  try {
    solve_sor(p.a, b, x, o);
    ADD_FAILURE() << "multicolor on a stencil must throw";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("multicolor"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(p.a.description()), std::string::npos) << e.what();
  }
  DistCsrMatrix csr(p.self, assemble_stencil(p.a));
  o.ordering = SorOrdering::RedBlack;
  EXPECT_THROW(solve_sor(csr, b, x, o), ConfigError);
  o.ordering = SorOrdering::Lexicographic;
  EXPECT_THROW(solve_sor(NotSupported(p.a), b, x, o), ConfigError);
}

TEST(Sor, ReportsNanDivergenceAndTheCap) {
  const Delsq p(0.0);
  SorOptions o;
  o.omega = 1.0;
  o.max_iterations = 5;
  DistVector b = p.a.create_vector(), x = p.a.create_vector();
  test::scatter(test::truncated_normal(100, 1), b);
  SolveReport r = solve_sor(p.a, b, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedMaxIterations);
  EXPECT_EQ(r.iterations, 5);
  EXPECT_EQ(r.residual_history.size(), 6u);

  // An indefinite shift (eigenvalues of delsq lie in [0.16, 7.84]): SOR diverges and the
  // growth guard stops it long before overflow.
  const Delsq indefinite(-2.0);
  o.max_iterations = 10000;
  kernels::fill(x.view(), 0.0);
  r = solve_sor(indefinite.a, b, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedNan);
  EXPECT_LT(r.iterations, 10000);

  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), b.view());
  h(3) = std::numeric_limits<double>::quiet_NaN();
  Kokkos::deep_copy(b.view(), h);
  kernels::fill(x.view(), 0.0);
  r = solve_sor(p.a, b, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedNan);
  EXPECT_EQ(r.iterations, 0);

  kernels::fill(b.view(), 0.0);  // x = 0 is exact: nothing to do
  r = solve_sor(p.a, b, x, o);
  EXPECT_TRUE(r.converged());
  EXPECT_EQ(r.iterations, 0);
}

}  // namespace
}  // namespace las

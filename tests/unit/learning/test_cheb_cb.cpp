// SPDX-License-Identifier: BSD-3-Clause
// ChebCB: Chebyshev features against their definition, the sufficient-statistics fits
// against a direct least-squares fit on the recorded history, valid probabilities, and
// learning a context-dependent best arm.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "learning_test_support.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/cheb_cb.hpp"
#include "solvers/learning/chebyshev.hpp"
#include "solvers/learning/rng.hpp"

namespace las::learning {
namespace {

using testing::Matrix;

constexpr double kA = -0.15, kB = 0.65;
constexpr double kPi = 3.141592653589793;

TEST(Chebyshev, FeaturesMatchTheDefinition) {
  for (double sign : {-1.0, 1.0}) {
    const std::vector<double> t = chebyshev_features(sign, 30);
    for (int k = 0; k < 30; ++k) EXPECT_EQ(t[static_cast<size_t>(k)], std::pow(sign, k)) << k;
  }
  for (int i = 0; i <= 100; ++i) {
    const double theta = kPi * i / 100.0;
    const std::vector<double> t = chebyshev_features(std::cos(theta), 20);
    for (int k = 0; k < 20; ++k)
      EXPECT_NEAR(t[static_cast<size_t>(k)], std::cos(k * theta), 1e-13) << k;
  }
}

TEST(Chebyshev, ContextMapsOntoMinusOneOne) {
  EXPECT_EQ(chebyshev_coordinate(kA, kA, kB), -1.0);
  EXPECT_EQ(chebyshev_coordinate(kB, kA, kB), 1.0);
  EXPECT_NEAR(chebyshev_coordinate(0.25, kA, kB), 0.0, 1e-15);
  EXPECT_EQ(chebyshev_coordinate(-5.0, kA, kB), -1.0);
  EXPECT_EQ(chebyshev_coordinate(5.0, kA, kB), 1.0);
}

// A smooth best ω over the context interval: 1.25 at c = a rising to 1.9 at c = b.
double omega_star(double c) {
  const double s = (c - kA) / (kB - kA);
  return 1.25 + 0.325 * (1.0 - std::cos(kPi * std::clamp(s, 0.0, 1.0)));
}
double arm_cost(double omega, double c) {
  return 1.0 + 50.0 * (omega - omega_star(c)) * (omega - omega_star(c));
}

// Compares every arm's ChebCB fit with the notes' problem solved directly on the recorded
// history: the unconstrained least-squares fit (QR) when it lies in the box, otherwise
// the KKT conditions of the box-constrained problem. Counts the arms of each case.
void check_fits_against_history(const ChebCb& policy, const std::vector<testing::Round>& history,
                                size_t arm_count, int m, int& compared_free, int& compared_boxed) {
  // The notes' normalisation, computed here from the raw history.
  double kmax = 0.0, kmin = 1e300;
  for (const auto& r : history) {
    kmax = std::max(kmax, std::max(r.cost, 1.0));
    kmin = std::min(kmin, std::max(r.cost, 1.0));
  }
  const double lip = (kmax - kmin) / (kB - kA);
  const double n = 2.0 + 4.0 * (kB - kA) * lip / kmax * (1.0 + std::log(double(m)));
  const double scale = kmax * n;
  EXPECT_NEAR(policy.scale(), scale, 1e-12 * scale);
  std::vector<double> box(static_cast<size_t>(m));
  box[0] = 1.0 / n;
  for (int j = 1; j < m; ++j) box[static_cast<size_t>(j)] = 2.0 * (kB - kA) * lip / (scale * j);
  for (int j = 0; j < m; ++j)
    EXPECT_NEAR(policy.box()[static_cast<size_t>(j)], box[static_cast<size_t>(j)], 1e-12 * box[0]);

  compared_free = compared_boxed = 0;
  for (size_t arm = 0; arm < arm_count; ++arm) {
    Matrix phi;
    std::vector<double> y;
    for (const auto& r : history) {
      if (r.arm != static_cast<int>(arm)) continue;
      const double u = std::clamp(2.0 * (r.context - kA) / (kB - kA) - 1.0, -1.0, 1.0);
      std::vector<double> row(static_cast<size_t>(m));
      for (int k = 0; k < m; ++k) row[static_cast<size_t>(k)] = testing::chebyshev_t(k, u);
      phi.push_back(row);
      y.push_back((std::max(r.cost, 1.0) - 1.0) / scale);
    }
    if (phi.size() < static_cast<size_t>(3 * m))
      continue;  // too few points for a well-posed direct fit
    const std::vector<double> theta = policy.coefficients(static_cast<int>(arm));
    const std::vector<double> direct = testing::qr_least_squares(phi, y);
    bool inside = true;
    for (int j = 0; j < m; ++j)
      inside = inside && std::abs(direct[static_cast<size_t>(j)]) <= box[static_cast<size_t>(j)];
    if (inside) {
      for (int j = 0; j < m; ++j)
        EXPECT_NEAR(theta[static_cast<size_t>(j)], direct[static_cast<size_t>(j)], 1e-9 * box[0])
            << arm;
      ++compared_free;
      continue;
    }
    // Box active: θ must satisfy the KKT conditions of min ‖Φθ − y‖² on the box.
    ++compared_boxed;
    std::vector<double> grad(static_cast<size_t>(m), 0.0);
    for (size_t r = 0; r < phi.size(); ++r) {
      double e = -y[r];
      for (int j = 0; j < m; ++j)
        e += phi[r][static_cast<size_t>(j)] * theta[static_cast<size_t>(j)];
      for (int j = 0; j < m; ++j)
        grad[static_cast<size_t>(j)] += phi[r][static_cast<size_t>(j)] * e;
    }
    const double tol = 1e-9 * static_cast<double>(phi.size()) * box[0];
    for (int j = 0; j < m; ++j) {
      const double t = theta[static_cast<size_t>(j)], b = box[static_cast<size_t>(j)],
                   g = grad[static_cast<size_t>(j)];
      ASSERT_LE(std::abs(t), b * (1.0 + 1e-12)) << arm;
      if (std::abs(t) < b * (1.0 - 1e-12)) {
        EXPECT_NEAR(g, 0.0, tol) << arm << " free " << j;
      } else if (t > 0) {
        EXPECT_LE(g, tol) << arm << " at upper " << j;
      } else {
        EXPECT_GE(g, -tol) << arm << " at lower " << j;
      }
    }
  }
}

TEST(ChebCb, FitsEqualADirectLeastSquaresFitOnTheHistory) {
  const std::vector<double> arms = {1.0, 1.2, 1.4, 1.6, 1.8};
  constexpr int m = 6;
  ChebCb policy(arms, 17, kA, kB, m - 1);
  Rng env(18);
  const auto history = testing::drive(
      policy, 400, [&](int) { return kA - 0.05 + 0.9 * env.uniform(); },
      [&](int, int arm, double c) {
        return arm_cost(arms[static_cast<size_t>(arm)], c) + 0.5 * env.uniform();
      });
  int compared_free = 0, compared_boxed = 0;
  check_fits_against_history(policy, history, arms.size(), m, compared_free, compared_boxed);
  EXPECT_GE(compared_free, 2);
}

TEST(ChebCb, FitsOutsideTheBoxAreTheBoxConstrainedLeastSquares) {
  // Arm 0's cost is 11 + 10·T_5(u): its T_5 coefficient (10 raw) exceeds the box's
  // 2(max ℓ − min ℓ)/5 = 8 raw, so the constrained fit must take over.
  const std::vector<double> arms = {1.0, 1.5};
  constexpr int m = 6;
  ChebCb policy(arms, 21, kA, kB, m - 1);
  Rng env(22);
  const auto history = testing::drive(
      policy, 300, [&](int) { return kA + (kB - kA) * env.uniform(); },
      [&](int, int arm, double c) {
        const double u = 2.0 * (c - kA) / (kB - kA) - 1.0;
        return arm == 0 ? 11.0 + 10.0 * testing::chebyshev_t(5, u) + 0.1 * env.uniform()
                        : 6.0 + 2.0 * u;
      });
  int compared_free = 0, compared_boxed = 0;
  check_fits_against_history(policy, history, arms.size(), m, compared_free, compared_boxed);
  EXPECT_GE(compared_boxed, 1);
}

TEST(ChebCb, ProbabilitiesAreADistributionEveryRound) {
  ChebCb policy(omega_grid(), 5, kA, kB);
  Rng env(6);
  const auto history = testing::drive(
      policy, 1500, [&](int) { return kA + (kB - kA) * env.uniform(); },
      [&](int t, int arm, double c) {
        return t % 97 == 0 ? 0.0
                           : std::round(10.0 * arm_cost(omega_grid()[static_cast<size_t>(arm)], c));
      });
  for (const auto& r : history) {
    double sum = 0.0;
    for (double p : r.p) {
      ASSERT_GE(p, 0.0);
      ASSERT_LE(p, 1.0);
      sum += p;
    }
    ASSERT_NEAR(sum, 1.0, 1e-12);
    ASSERT_GT(r.p[static_cast<size_t>(r.arm)], 0.0);
  }
  // The first round has no data: uniform.
  for (double p : history.front().p) EXPECT_NEAR(p, 1.0 / 20.0, 1e-15);
}

TEST(ChebCb, EqualLossesGiveAFiniteLearningRate) {
  ChebCb policy(omega_grid(), 5, kA, kB);
  for (int t = 0; t < 50; ++t) {
    policy.choose(0.1);
    policy.update(1.0);  // every cost equal and minimal: L = 0, α = 0, R = 0
    EXPECT_TRUE(std::isfinite(policy.learning_rate()));
  }
  policy.choose(0.1);
  double sum = 0.0;
  for (double p : policy.probabilities()) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(ChebCb, LearnsAContextDependentBestArm) {
  // 20 arms; arm ω costs 1 + 50(ω − ω*(c))² with ω*(c) sweeping 1.25 → 1.9 over the
  // context interval, c uniform. The cost model is smooth in c (degree 5 fits it to
  // about 1e-3), so ChebCB's regression is well specified.
  const std::vector<double> arms = omega_grid();
  constexpr int T = 3000;
  ChebCb policy(arms, 99, kA, kB);
  Rng env(100);
  std::vector<double> fixed(arms.size(), 0.0);
  double oracle = 0.0, incurred = 0.0;
  for (int t = 0; t < T; ++t) {
    const double c = kA + (kB - kA) * env.uniform();
    double best = 1e300;
    for (size_t i = 0; i < arms.size(); ++i) {
      fixed[i] += arm_cost(arms[i], c);
      best = std::min(best, arm_cost(arms[i], c));
    }
    oracle += best;
    const int arm = policy.choose(c);
    const double cost = arm_cost(arms[static_cast<size_t>(arm)], c);
    incurred += cost;
    policy.update(cost);
  }
  const double best_fixed = *std::min_element(fixed.begin(), fixed.end());
  // The re-run of the paper's experiments (reference notes §2.5) has ChebCB closing
  // 57–72% of the gap between the best fixed ω and the instance optimum, on harder
  // (noisy, integer) costs. We require at least half of the gap, fixed in advance.
  RecordProperty("chebcb_total", std::to_string(incurred));
  RecordProperty("best_fixed_total", std::to_string(best_fixed));
  RecordProperty("per_context_optimum_total", std::to_string(oracle));
  EXPECT_LT(incurred, best_fixed);
  EXPECT_LE(incurred - oracle, 0.5 * (best_fixed - oracle))
      << "ChebCB " << incurred << ", best fixed " << best_fixed << ", per-context optimum "
      << oracle;
}

TEST(ChebCb, RejectsBadConfiguration) {
  EXPECT_THROW(ChebCb(omega_grid(), 1, 0.0, 0.0), ConfigError);
  EXPECT_THROW(ChebCb(omega_grid(), 1, 0.0, 1.0, -1), ConfigError);
  EXPECT_THROW(ChebCb({}, 1, 0.0, 1.0), ConfigError);
  ChebCb policy(omega_grid(), 1, 0.0, 1.0);
  EXPECT_THROW(policy.update(2.0), Error);
  EXPECT_THROW(policy.choose(std::nan("")), Error);
}

}  // namespace
}  // namespace las::learning

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/logistic_regression.hpp"

#include <cmath>
#include <random>
#include <utility>

#include "solvers/core/error.hpp"

namespace las::opt {
namespace {

// N(0, 1) samples from std::mt19937_64, whose output sequence the standard fixes: the
// generated problems are the same in every process and on every platform (the las app
// and its separate IPOPT process build them independently). Box-Muller by hand, since
// std::normal_distribution's algorithm is implementation-defined.
constexpr double kTwoPi = 6.283185307179586476925;

class Gaussian {
 public:
  explicit Gaussian(std::uint64_t seed) : engine_(seed) {}

  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]: log(u1) finite
    const double radius = std::sqrt(-2.0 * std::log(u1)), angle = kTwoPi * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

  /// Uniform on [0, 1): the top 53 bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace

LogisticData generate_logistic_data(int samples, int features, std::uint64_t seed) {
  LAS_CHECK(samples >= 1 && features >= 1,
            "logistic data needs samples >= 1 and features >= 1, got " << samples << " and " << features);
  Gaussian gauss(seed);
  Vector weight(static_cast<std::size_t>(features));
  for (double& w : weight) w = gauss() / std::sqrt(static_cast<double>(features));
  LogisticData d;
  d.features = features;
  for (int i = 0; i < samples; ++i) {
    double margin = 0.0;
    for (int j = 0; j < features; ++j) {
      const double a = gauss();
      d.column.push_back(j);
      d.value.push_back(a);
      margin += a * weight[static_cast<std::size_t>(j)];
    }
    d.row_start.push_back(d.value.size());
    d.label.push_back(gauss.uniform() < 1.0 / (1.0 + std::exp(-margin)) ? 1.0 : -1.0);
  }
  return d;
}

ConstrainedLogistic constrained_logistic(const std::string& name, std::shared_ptr<const LogisticData> data,
                                         int linear_constraints, std::uint64_t seed) {
  LAS_CHECK(data != nullptr && data->samples() >= 1, "logistic regression needs at least one sample");
  const int n = data->features;
  if (linear_constraints < 1 || linear_constraints >= n)
    throw ConfigError("problem.linear_constraints = " + std::to_string(linear_constraints) +
                      ": needs 1 <= k < features = " + std::to_string(n));
  ConstrainedLogistic p;
  p.name = name;
  p.n = n;
  p.m = linear_constraints + 1;
  p.data = std::move(data);
  p.a = DenseMatrix(linear_constraints, n);
  Gaussian gauss(seed);
  for (double& v : p.a.values) v = gauss();
  p.b.resize(static_cast<std::size_t>(linear_constraints));
  for (double& v : p.b) v = gauss();
  return p;
}

}  // namespace las::opt

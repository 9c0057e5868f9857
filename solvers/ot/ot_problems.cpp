// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_problems.hpp"

#include <cmath>
#include <vector>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"

namespace las::ot {
namespace {

// A stream per (seed, purpose, index): splitmix64 decorrelates nearby seeds.
learning::Rng stream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  std::uint64_t s = seed ^ (purpose * 0x9E3779B97F4A7C15ULL);
  learning::splitmix64(s);
  s ^= index * 0xD1B54A32D192ED03ULL;
  return learning::Rng(learning::splitmix64(s));
}

// n points of a cloud, row-major (every rank draws all: O(n dim)).
std::vector<double> draw_cloud(const PointCloudSpec& spec, std::uint64_t purpose) {
  const size_t n = static_cast<size_t>(spec.n), d = static_cast<size_t>(spec.dim);
  std::vector<double> pts(n * d);
  learning::Rng rng = stream(spec.seed, purpose, 0);
  if (spec.kind == CloudKind::Uniform) {
    for (double& v : pts) v = rng.uniform();
    return pts;
  }
  // Means shared by both clouds (same stream), samples drawn per cloud.
  learning::Rng mean_rng = stream(spec.seed, 99, 0);
  std::vector<double> means(static_cast<size_t>(spec.components) * d);
  for (double& v : means) v = mean_rng.uniform();
  const double two_pi = 6.283185307179586;
  for (size_t i = 0; i < n; ++i) {
    const size_t k = static_cast<size_t>(rng.next() % static_cast<std::uint64_t>(spec.components));
    for (size_t j = 0; j < d; ++j) {
      // Box-Muller: 1 - u is in (0, 1], so the log is finite.
      const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
      const double g = std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
      pts[i * d + j] = means[k * d + j] + spec.spread * g;
    }
  }
  return pts;
}

}  // namespace

OtProblem random_assignment(const Comm& comm, long long n, std::uint64_t seed) {
  if (n <= 0) throw InputError("random assignment: n = " + std::to_string(n) + " must be positive");
  long long local = 0, offset = 0;
  block_rows(n, comm, local, offset);
  std::vector<double> block(static_cast<size_t>(local * n));
  for (long long i = 0; i < local; ++i) {
    learning::Rng rng = stream(seed, 1, static_cast<std::uint64_t>(offset + i));
    for (long long j = 0; j < n; ++j) block[static_cast<size_t>(i * n + j)] = rng.uniform();
  }
  const std::vector<double> w(static_cast<size_t>(n), 1.0 / double(n));
  return OtProblem::dense(comm, w, w, block);
}

CloudKind parse_cloud_kind(const std::string& name) {
  if (name == "uniform") return CloudKind::Uniform;
  if (name == "gaussian_mixture") return CloudKind::GaussianMixture;
  throw InputError("unknown point cloud '" + name + "' (expected uniform or gaussian_mixture)");
}

OtProblem point_clouds(const Comm& comm, const PointCloudSpec& spec) {
  if (spec.n <= 0 || spec.dim <= 0 || spec.components <= 0)
    throw InputError("point clouds: n, dim and components must be positive");
  const std::vector<double> src = draw_cloud(spec, 2), dst = draw_cloud(spec, 3);
  long long local = 0, offset = 0;
  block_rows(spec.n, comm, local, offset);
  const std::vector<double> rows(src.begin() + offset * spec.dim,
                                 src.begin() + (offset + local) * spec.dim);
  const std::vector<double> w(static_cast<size_t>(spec.n), 1.0 / double(spec.n));
  return OtProblem::points(comm, w, w, rows, dst, spec.dim, spec.cost);
}

}  // namespace las::ot

// SPDX-License-Identifier: BSD-3-Clause
// Seeded OT test problems. Every value depends only on the seed and its global index,
// never on the rank count, so 1 and 2 ranks solve the same problem.
#pragma once

#include <cstdint>
#include <string>

#include "solvers/ot/ot_problem.hpp"

namespace las::ot {

/// The SNS paper's random assignment problem: n x n costs C_ij i.i.d. uniform on [0, 1)
/// and uniform weights r = c = 1/n. Each rank draws only its rows (row i from its own
/// stream), as a dense block.
OtProblem random_assignment(const Comm& comm, long long n, std::uint64_t seed);

enum class CloudKind { Uniform, GaussianMixture };
CloudKind parse_cloud_kind(const std::string& name);  ///< "uniform", "gaussian_mixture"

struct PointCloudSpec {
  long long n = 1000;     ///< points per cloud (rows = columns = n), uniform weights 1/n
  int dim = 2;
  CloudKind kind = CloudKind::Uniform;
  int components = 3;     ///< Gaussian mixture: components with means uniform in [0,1)^dim
  double spread = 0.05;   ///< ... and this standard deviation
  OtCost cost = OtCost::SquaredEuclidean;
  std::uint64_t seed = 1;
};

/// Two independent clouds drawn from the same distribution (rows: source, columns:
/// target); the cost is computed on the fly from the points.
OtProblem point_clouds(const Comm& comm, const PointCloudSpec& spec);

}  // namespace las::ot

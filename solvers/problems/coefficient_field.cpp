// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/problems/coefficient_field.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <random>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/field_io.hpp"

namespace las {
namespace {

// Node (i,j,k) sits at ((i+1) h) per axis; indices outside the grid clamp to it.
// Captured by value in the coefficient closures, which may outlive the grid.
struct GridShape {
  int dim;
  std::array<long long, 3> n;
  explicit GridShape(const BoxGrid& g) : dim(g.dim()), n(g.global_extent()) {}
};

std::array<double, 3> node_position(const GridShape& g, long long i, long long j, long long k) {
  const auto& n = g.n;
  const long long idx[3] = {i, j, k};
  std::array<double, 3> x{0.5, 0.5, 0.5};
  for (int a = 0; a < g.dim; ++a) {
    const long long c = std::clamp(idx[a], 0LL, n[a] - 1);
    x[a] = static_cast<double>(c + 1) / static_cast<double>(n[a] + 1);
  }
  return x;
}

// Uniform double in [0, 1) from the top 53 bits: the same on every platform.
double unit_uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

NodeCoefficient inclusions(const GridShape& g, const CoefficientSpec& s) {
  LAS_CHECK(s.count >= 0 && s.radius > 0, "inclusions need count >= 0 and radius > 0");
  auto centres = std::make_shared<std::vector<std::array<double, 3>>>();
  std::mt19937_64 rng(s.seed);
  for (int c = 0; c < s.count; ++c) {
    std::array<double, 3> x{0.5, 0.5, 0.5};
    for (int a = 0; a < 3; ++a) {
      const double u = unit_uniform(rng);  // always draw 3: 2D and 3D share the stream
      if (a < g.dim) x[a] = u;
    }
    centres->push_back(x);
  }
  const double r2 = s.radius * s.radius, inside = s.value * s.contrast, outside = s.value;
  return [g, centres, r2, inside, outside](long long i, long long j, long long k) {
    const auto x = node_position(g, i, j, k);
    for (const auto& c : *centres) {
      double d2 = 0;
      for (int a = 0; a < g.dim; ++a) d2 += (x[a] - c[a]) * (x[a] - c[a]);
      if (d2 <= r2) return inside;
    }
    return outside;
  };
}

NodeCoefficient layered(const GridShape& g, const CoefficientSpec& s) {
  LAS_CHECK(s.layers >= 1, "layered needs layers >= 1");
  const int axis = g.dim - 1;
  const double hi = s.value * s.contrast, lo = s.value;
  const int layers = s.layers;
  return [g, axis, layers, hi, lo](long long i, long long j, long long k) {
    const double x = node_position(g, i, j, k)[axis];
    const int band = std::min(layers - 1, static_cast<int>(x * layers));
    return band % 2 == 0 ? lo : hi;
  };
}

NodeCoefficient from_file(const BoxGrid& g, const CoefficientSpec& s) {
  // Read the owned block grown by one node on every side that has one.
  std::array<long long, 3> lo{}, count{}, n = g.global_extent();
  for (int a = 0; a < 3; ++a) {
    lo[a] = std::max(0LL, g.offset()[a] - 1);
    const long long hi = std::min(n[a], g.offset()[a] + g.local_extent()[a] + 1);
    count[a] = hi - lo[a];
  }
  auto values = std::make_shared<std::vector<double>>(io::read_block(g.comm(), s.file, s.dataset, lo, count));
  return [lo, count, n, values](long long i, long long j, long long k) {
    const long long idx[3] = {i, j, k};
    long long local[3];
    for (int a = 0; a < 3; ++a) local[a] = std::clamp(idx[a], 0LL, n[a] - 1) - lo[a];
    return (*values)[static_cast<size_t>(local[0] + count[0] * (local[1] + count[1] * local[2]))];
  };
}

}  // namespace

NodeCoefficient make_coefficient(const BoxGrid& grid, const CoefficientSpec& spec) {
  if (spec.kind == "constant") {
    const double v = spec.value;
    return [v](long long, long long, long long) { return v; };
  }
  if (spec.kind == "inclusions") return inclusions(GridShape(grid), spec);
  if (spec.kind == "layered") return layered(GridShape(grid), spec);
  if (spec.kind == "file") return from_file(grid, spec);
  throw ConfigError("unknown coefficient kind '" + spec.kind +
                    "' (expected constant, inclusions, layered or file)");
}

}  // namespace las

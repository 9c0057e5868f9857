// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/torch/lanczos_data.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"

namespace las::nn {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

// A standard normal pair by Box–Muller from two uniforms of `rng`.
void normal_pair(learning::Rng& rng, double& z0, double& z1) {
  const double u1 = 1.0 - rng.uniform();  // (0, 1]
  const double u2 = rng.uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  z0 = r * std::cos(kTwoPi * u2);
  z1 = r * std::sin(kTwoPi * u2);
}

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t s = seed ^ (0x9E3779B97F4A7C15ULL * (index + 1));
  return learning::splitmix64(s);
}

void to_vector(const double* src, DistVector& v) {
  auto h = Kokkos::create_mirror_view(v.view());
  std::copy(src, src + h.extent(0), h.data());
  Kokkos::deep_copy(v.view(), h);
}

void from_vector(const DistVector& v, double* dst) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  std::copy(h.data(), h.data() + h.extent(0), dst);
}

double global_dot(const Comm& comm, const double* x, const double* y, long long n) {
  double s = 0;
  for (long long i = 0; i < n; ++i) s += x[i] * y[i];
  return comm.sum(s);
}

}  // namespace

void tridiagonal_eigen(const std::vector<double>& diag, const std::vector<double>& off,
                       std::vector<double>& values, std::vector<double>& vectors) {
  const int n = static_cast<int>(diag.size());
  LAS_CHECK(n >= 1 && static_cast<int>(off.size()) >= n - 1, "tridiagonal_eigen: sizes");
  std::vector<double> d = diag, e(static_cast<size_t>(n), 0.0);
  for (int i = 0; i + 1 < n; ++i) e[i] = off[i];
  std::vector<double> z(static_cast<size_t>(n) * n, 0.0);  // column-major, z[k + i n]
  for (int i = 0; i < n; ++i) z[i + static_cast<size_t>(i) * n] = 1.0;
  const double eps = std::numeric_limits<double>::epsilon();
  for (int l = 0; l < n; ++l) {
    int iter = 0, m;
    do {
      for (m = l; m < n - 1; ++m) {
        const double dd = std::fabs(d[m]) + std::fabs(d[m + 1]);
        if (std::fabs(e[m]) <= eps * dd) break;
      }
      if (m != l) {
        if (iter++ == 60) throw Error("tridiagonal_eigen: no convergence after 60 QL sweeps");
        double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
        double r = std::hypot(g, 1.0);
        g = d[m] - d[l] + e[l] / (g + std::copysign(r, g));
        double s = 1.0, c = 1.0, p = 0.0;
        int i;
        for (i = m - 1; i >= l; --i) {
          double f = s * e[i];
          const double b = c * e[i];
          e[i + 1] = (r = std::hypot(f, g));
          if (r == 0.0) {
            d[i + 1] -= p;
            e[m] = 0.0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2.0 * c * b;
          d[i + 1] = g + (p = s * r);
          g = c * r - b;
          double* zi = z.data() + static_cast<size_t>(i) * n;
          double* zi1 = zi + n;
          for (int k = 0; k < n; ++k) {
            f = zi1[k];
            zi1[k] = s * zi[k] + c * f;
            zi[k] = c * zi[k] - s * f;
          }
        }
        if (r == 0.0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0.0;
      }
    } while (m != l);
  }
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return d[a] < d[b]; });
  values.resize(static_cast<size_t>(n));
  vectors.resize(static_cast<size_t>(n) * n);
  for (int q = 0; q < n; ++q) {
    values[q] = d[order[q]];
    std::copy_n(z.data() + static_cast<size_t>(order[q]) * n, n, vectors.data() + static_cast<size_t>(q) * n);
  }
}

RitzBasis lanczos_ritz(const LinearOperator& a, const LanczosOptions& options) {
  LAS_CHECK(options.steps >= 1, "lanczos_ritz: steps must be >= 1");
  const Comm& comm = a.comm();
  DistVector v = a.create_vector("las::lanczos_v"), w = a.create_vector("las::lanczos_w");
  const long long n = static_cast<long long>(v.view().extent(0));
  const int steps = static_cast<int>(std::min<long long>(options.steps, a.global_rows()));
  const long long first = comm.exclusive_prefix_sum(n);

  // Start: A g, g standard normal per global index of the operator's layout.
  std::vector<double> g(static_cast<size_t>(n));
  for (long long i = 0; i < n; ++i) {
    learning::Rng rng(mix_seed(options.seed, static_cast<std::uint64_t>(first + i)));
    double z1;
    normal_pair(rng, g[i], z1);
  }
  to_vector(g.data(), w);
  a.apply(w, v);
  std::vector<double> basis(static_cast<size_t>(steps) * n);
  std::vector<double> cur(static_cast<size_t>(n));
  from_vector(v, cur.data());
  {
    const double nrm = std::sqrt(global_dot(comm, cur.data(), cur.data(), n));
    LAS_CHECK(nrm > 0, "lanczos_ritz: the start vector A g is zero");
    for (auto& x : cur) x /= nrm;
  }
  std::vector<double> alpha, beta, h(static_cast<size_t>(steps));
  std::vector<double> wl(static_cast<size_t>(n));
  int taken = 0;
  for (int j = 0; j < steps; ++j) {
    double* vj = basis.data() + static_cast<size_t>(j) * n;
    std::copy(cur.begin(), cur.end(), vj);
    ++taken;
    to_vector(vj, v);
    a.apply(v, w);
    from_vector(w, wl.data());
    const double aj = global_dot(comm, vj, wl.data(), n);
    alpha.push_back(aj);
    for (long long i = 0; i < n; ++i) wl[i] -= aj * vj[i];
    if (j > 0) {
      const double* vp = vj - n;
      for (long long i = 0; i < n; ++i) wl[i] -= beta.back() * vp[i];
    }
    // Full re-orthogonalisation: classical Gram–Schmidt twice ("twice is enough").
    for (int pass = 0; pass < 2; ++pass) {
      for (int q = 0; q <= j; ++q) {
        const double* vq = basis.data() + static_cast<size_t>(q) * n;
        double s = 0;
        for (long long i = 0; i < n; ++i) s += vq[i] * wl[i];
        h[q] = s;
      }
      MPI_Allreduce(MPI_IN_PLACE, h.data(), j + 1, MPI_DOUBLE, MPI_SUM, comm.get());
      for (int q = 0; q <= j; ++q) {
        const double* vq = basis.data() + static_cast<size_t>(q) * n;
        const double hq = h[q];
        for (long long i = 0; i < n; ++i) wl[i] -= hq * vq[i];
      }
    }
    if (j + 1 == steps) break;
    const double bj = std::sqrt(global_dot(comm, wl.data(), wl.data(), n));
    // An invariant subspace: the Krylov space is exhausted, the Ritz pairs are exact.
    if (!(bj > 1e-12 * std::max(std::fabs(aj), 1e-300))) break;
    beta.push_back(bj);
    for (long long i = 0; i < n; ++i) cur[i] = wl[i] / bj;
  }
  beta.resize(static_cast<size_t>(taken > 0 ? taken - 1 : 0));
  alpha.resize(static_cast<size_t>(taken));

  std::vector<double> theta, s;
  tridiagonal_eigen(alpha, beta, theta, s);
  RitzBasis out;
  out.local_size = n;
  out.lanczos_steps = taken;
  std::vector<int> kept;
  for (int q = 0; q < taken; ++q)
    if (theta[q] >= options.null_tolerance) kept.push_back(q);
  out.values.resize(kept.size());
  out.vectors.assign(kept.size() * static_cast<size_t>(n), 0.0);
  // Y = V S restricted to the kept columns, in row blocks so a block of V stays in cache.
  constexpr long long kBlock = 512;
  for (long long r0 = 0; r0 < n; r0 += kBlock) {
    const long long r1 = std::min(n, r0 + kBlock);
    for (size_t c = 0; c < kept.size(); ++c) {
      const double* sq = s.data() + static_cast<size_t>(kept[c]) * taken;
      double* y = out.vectors.data() + c * static_cast<size_t>(n);
      for (int jj = 0; jj < taken; ++jj) {
        const double sj = sq[jj];
        const double* vj = basis.data() + static_cast<size_t>(jj) * n;
        for (long long i = r0; i < r1; ++i) y[i] += sj * vj[i];
      }
    }
  }
  for (size_t c = 0; c < kept.size(); ++c) out.values[c] = theta[kept[c]];
  return out;
}

std::vector<double> sample_coefficients(const SampleRecipe& recipe, long long index, int m) {
  LAS_CHECK(index >= 0 && m >= 1, "sample_coefficients: bad index or basis size");
  learning::Rng rng(mix_seed(recipe.seed, static_cast<std::uint64_t>(index)));
  std::vector<double> c(static_cast<size_t>(m));
  for (int q = 0; q < m; q += 2) {
    double z0, z1;
    normal_pair(rng, z0, z1);
    c[q] = z0;
    if (q + 1 < m) c[q + 1] = z1;
  }
  const int low = std::min(m, recipe.resolved_weighted_count(m));
  for (int q = 0; q < low; ++q) c[q] *= recipe.low_weight;
  return c;
}

void make_sample(const Comm& comm, const RitzBasis& basis, const SampleRecipe& recipe, long long index,
                 double* out) {
  const std::vector<double> c = sample_coefficients(recipe, index, basis.count());
  const long long n = basis.local_size;
  std::fill(out, out + n, 0.0);
  for (int q = 0; q < basis.count(); ++q) {
    const double* y = basis.vector(q);
    for (long long i = 0; i < n; ++i) out[i] += c[q] * y[i];
  }
  const double nrm = std::sqrt(global_dot(comm, out, out, n));
  LAS_CHECK(nrm > 0, "make_sample: zero sample");
  for (long long i = 0; i < n; ++i) out[i] /= nrm;
}

}  // namespace las::nn

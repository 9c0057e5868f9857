// SPDX-License-Identifier: BSD-3-Clause
// KokkosKernels SpMV through las::kernels::spmv against the serial CSR oracle.
#include <gtest/gtest.h>

#include "kernels/reference/sparse_ref.hpp"
#include "kernels/sparse.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

TEST(Spmv, RandomSparseMatrixMatchesOracle) {
  const int n = 257, m = 300;
  std::mt19937 rng(5);
  std::vector<size_t> ptr{0};
  std::vector<int> cols;
  for (int i = 0; i < n; ++i) {
    const int nnz = int(rng() % 9);  // includes empty rows
    for (int e = 0; e < nnz; ++e) cols.push_back(int(rng() % m));
    ptr.push_back(cols.size());
  }
  const auto vals = test::random_vector(cols.size(), 6);
  const auto x = test::random_vector(m, 7);
  const auto y0 = test::random_vector(n, 8);

  Kokkos::View<size_t*, kernels::MemSpace> rp("rp", ptr.size());
  Kokkos::View<int*, kernels::MemSpace> ci("ci", cols.size());
  auto hrp = Kokkos::create_mirror_view(rp);
  auto hci = Kokkos::create_mirror_view(ci);
  for (size_t i = 0; i < ptr.size(); ++i) hrp(i) = ptr[i];
  for (size_t i = 0; i < cols.size(); ++i) hci(i) = cols[i];
  Kokkos::deep_copy(rp, hrp);
  Kokkos::deep_copy(ci, hci);
  kernels::CsrMatrix a("a", n, m, cols.size(), test::to_device(vals), rp, ci);

  auto y = test::to_device(y0);
  kernels::spmv(2.0, a, test::to_device(x), 0.5, y);
  const auto ax = kernels::reference::csr_spmv(ptr, cols, vals, x);
  const auto got = test::to_host(y);
  for (int i = 0; i < n; ++i) ASSERT_NEAR(got[i], 2.0 * ax[i] + 0.5 * y0[i], 1e-12) << i;
}

}  // namespace
}  // namespace las

// SPDX-License-Identifier: BSD-3-Clause
// The seeded random initial-condition families of the reference data sets. Each is a pure
// function of its seed (las::learning::Rng, platform-independent), so sample i of a data
// set is the same on any rank count.
#pragma once

#include <cstdint>
#include <vector>

namespace las::pde {

/// Diffusion–sorption (PDEBench): u0 at each cell centre i.i.d. uniform on [0, max_value)
/// (PDEBench draws u(x, 0) ~ U(0, 0.2) pointwise).
std::vector<double> uniform_noise_initial_condition(int cells, double max_value, std::uint64_t seed);

/// The eigenvalues of the n x n circulant covariance of the 1D periodic kernel
/// K(r) = exp(-2 sin^2(pi r) / l^2) sampled on the grid r = m / n:
/// lambda_k = sum_m K(m/n) cos(2 pi k m / n), k = 0..n-1 (exact DFT; clipped at 0 against
/// round-off). Their mean is K(0) = 1.
std::vector<double> periodic_kernel_spectrum(int n, double length_scale);

/// A Gaussian random field on the n x n periodic grid (x fastest) with mean 0 and
/// covariance sigma^2 K(x - x') K(y - y') (the product of the 1D periodic kernels, period
/// 1, length scale l): the exact grid covariance, sampled through its circulant square
/// root, w = IFFT(sqrt(lambda_kx lambda_ky) FFT(z)) / n^2 with z i.i.d. N(0, 1). With
/// `zero_mean` the sample's spatial mean is then removed (a periodic velocity field has
/// zero mean vorticity). n even, >= 2.
std::vector<double> periodic_grf_sample(int n, double length_scale, double sigma, bool zero_mean,
                                        std::uint64_t seed);

}  // namespace las::pde

// SPDX-License-Identifier: BSD-3-Clause
// Chebyshev features of a scalar context, the regression basis of ChebCB.
#pragma once

#include <vector>

namespace las::learning {

/// u = 2(c − a)/(b − a) − 1 clamped to [−1, 1]: the context interval onto Chebyshev's.
/// Clamping keeps out-of-range contexts on the interval where the features are
/// bounded by 1 (|T_k(u)| grows like |u|^k outside it). Requires b > a.
double chebyshev_coordinate(double context, double a, double b);

/// T_0(u), ..., T_{count−1}(u) by the three-term recurrence T_{k+1} = 2u T_k − T_{k−1}
/// (numerically stable on [−1, 1], unlike expanded monomial coefficients).
std::vector<double> chebyshev_features(double u, int count);

}  // namespace las::learning

// SPDX-License-Identifier: BSD-3-Clause
// A strict reader of LIBSVM-format classification data, one sample per line:
//   label idx:val idx:val ...
// with 1-based, strictly ascending feature indices and finite values (absent features
// are 0). Labels must be -1/+1 or 0/1 (0 becomes -1), as for the binary data sets of the
// AdaSketch paper. Empty lines and lines starting with '#' are skipped. Anything else is
// an InputError naming file:line and the offending token.
#pragma once

#include <string>

#include "solvers/opt/logistic_regression.hpp"

namespace las::opt {

/// The samples of `path`; features = the largest index seen. InputError when the file is
/// missing, holds no sample, or a line is malformed.
LogisticData read_libsvm(const std::string& path);

}  // namespace las::opt

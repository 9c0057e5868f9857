// SPDX-License-Identifier: BSD-3-Clause
// DCDM networks in HDF5 model files (written with io::OutputFile: atomic, with the
// las version and the producing deck as root attributes).
#pragma once

#include <string>

#include "solvers/io/output_file.hpp"
#include "solvers/nn/dcdm_network.hpp"

namespace las::nn {

/// Collective: writes the architecture (int64 `integers/architecture` = dim, channels,
/// pairs before/coarse/after, and levels when not 1; a five-entry record reads as one
/// level) and every layer's weights and biases (float64
/// `reals/layer<i>_w` in [C_out][C_in][kz][ky][kx] order, `reals/layer<i>_b`) under
/// `group`, with the kind attribute "las-dcdm-network". Float32 weights round-trip
/// exactly through float64.
void write_network(io::OutputFile& out, const std::string& group, const DcdmNetwork& network);

/// Collective: the network written by write_network. Every rank throws the same
/// InputError naming the file when the group is missing, of another kind, or its
/// sizes do not match its architecture.
DcdmNetwork read_network(const Comm& comm, const std::string& file, const std::string& group);

}  // namespace las::nn

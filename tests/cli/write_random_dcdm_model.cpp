// SPDX-License-Identifier: BSD-3-Clause
// Writes a deterministic untrained DCDM network as a model file (group "network", as the
// trainer writes it), so the learned-CG app tests never depend on a trained model being
// in the tree: argv[1] the file, argv[2] the dimension, argv[3] (optional) the channels.
#include <string>

#include "apps/common/app_runner.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/nn/network_io.hpp"

int main(int argc, char** argv) {
  return las::app::run(argc, argv, "write_random_dcdm_model", [](int& n, char**& args) {
    if (n != 3 && n != 4) throw las::Error("usage: write_random_dcdm_model FILE DIM [CHANNELS]");
    las::Comm comm;
    las::nn::NetworkArchitecture arch;
    arch.dim = std::stoi(args[2]);
    arch.channels = n == 4 ? std::stoi(args[3]) : 4;
    arch.pairs_before = arch.pairs_coarse = arch.pairs_after = 1;
    las::nn::DcdmNetwork network = las::nn::DcdmNetwork::random(arch, 7);
    // A fully random network's output hardly follows its input, and DCDM then stalls.
    // This one is r + upsample(pool(r)) (channel 0 carried through by an identity first
    // and last layer: a linear two-level smoother) plus the residual pairs' random
    // weights scaled by 0.1, so every layer still acts, nonlinearly, and DCDM converges.
    auto& layers = network.layers();
    for (size_t l = 0; l < layers.size(); ++l) {
      Kokkos::deep_copy(layers[l].bias, 0.0f);
      auto w = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), layers[l].w);
      if (l == 0 || l + 1 == layers.size()) {
        Kokkos::deep_copy(w, 0.0f);
        w(layers[l].taps() / 2) = 1.0f;  // [c_out 0][c_in 0][centre tap]
      } else {
        for (size_t q = 0; q < w.extent(0); ++q) w(q) *= 0.1f;
      }
      Kokkos::deep_copy(layers[l].w, w);
    }
    las::io::OutputFile out(comm, args[1], "random-weight test model: " + arch.description());
    las::nn::write_network(out, "network", network);
    out.commit();
    return 0;
  });
}

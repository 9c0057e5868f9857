// SPDX-License-Identifier: BSD-3-Clause
// Writes the raw bits of every kernel built with LAS_HOST_CLONES (the stencil apply, with
// and without its fused dot, the red-black SOR half-sweeps, and the network convolution)
// on fixed random data to the file named on the command line. CMake builds this program
// twice: as the library is built (the CPU's clone runs: AVX2 where it has it) and with
// LAS_NO_CPU_DISPATCH (the SSE2 code alone); tests/unit/kernels/CMakeLists.txt then asks
// the two files to be identical, the promise of kernels/common/host_clones.hpp that
// results do not depend on the CPU.
#include <fstream>
#include <iostream>
#include <random>
#include <vector>

#include "kernels/nn.hpp"
#include "kernels/relaxation.hpp"
#include "kernels/stencil.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

namespace k = kernels;

class BitsWriter {
 public:
  explicit BitsWriter(const char* path) : out_(path, std::ios::binary) {}
  bool ok() const { return bool(out_); }
  template <class T>
  void write(const T* data, size_t n) {
    out_.write(reinterpret_cast<const char*>(data), std::streamsize(n * sizeof(T)));
  }
  void write(double v) { write(&v, 1); }

 private:
  std::ofstream out_;
};

/// Odd sizes, so that every vector remainder path runs; the 3D case is large enough for
/// the tiled line order (kernels/stencil.hpp, LineOrder).
template <int Dim>
void write_stencil(BitsWriter& bits, const k::LocalBox& box, bool variable) {
  const size_t n = box.cells();
  const auto face = [](size_t m, unsigned seed) { return test::to_device(test::random_vector(m, seed)); };
  k::StencilCoefficients coef;
  coef.variable = variable;
  coef.cx = 1.5, coef.cy = 2.5, coef.cz = 0.75, coef.shift = 0.25;
  coef.fx = test::to_device(test::random_vector(size_t(box.nx + 1) * box.ny * box.nz, 28, 0.5, 3));
  coef.fy = test::to_device(test::random_vector(size_t(box.nx) * (box.ny + 1) * box.nz, 29, 0.5, 3));
  coef.fz = test::to_device(test::random_vector(size_t(box.nx) * box.ny * (box.nz + 1), 30, 0.5, 3));
  const size_t yz = size_t(box.ny) * box.nz, xz = size_t(box.nx) * box.nz, xy = size_t(box.nx) * box.ny;
  const k::GhostFaces g{face(yz, 22), face(yz, 23), face(xz, 24), face(xz, 25), face(xy, 26), face(xy, 27)};
  const k::Vector x = test::to_device(test::random_vector(n, 21));
  for (const bool want_dot : {false, true}) {
    k::Vector y("y", n);
    bits.write(k::stencil_apply<Dim>(box, coef, x, g, y, want_dot));
    const auto yh = test::to_host(y);
    bits.write(yh.data(), yh.size());
  }
  // A red-black sweep, then the SSOR chain (black, red, black) from there.
  const k::Vector b = test::to_device(test::random_vector(n, 31));
  const k::Vector xs = test::to_device(test::random_vector(n, 32));
  k::stencil_sor_color<Dim>(box, coef, b, g, xs, 1.5, 0, 1);
  k::stencil_sor_color<Dim>(box, coef, b, g, xs, 1.5, 1, 1);
  k::ColorChain ssor;
  ssor.half_sweeps = 3, ssor.first_color = 1, ssor.omega[0] = ssor.omega[2] = 1.2, ssor.omega[1] = 1.2 * 0.8;
  k::stencil_sor_color_chain<Dim>(box, coef, b, g, xs, ssor, 1);
  const auto xh = test::to_host(xs);
  bits.write(xh.data(), xh.size());
}

void write_conv(BitsWriter& bits, const k::NnGrid& grid, bool relu) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  const auto fill = [&](const k::FloatArray& a) {
    auto m = Kokkos::create_mirror_view(a);
    for (size_t i = 0; i < m.extent(0); ++i) m(i) = u(rng);
    Kokkos::deep_copy(a, m);
  };
  const int channels = 16;
  const k::ConvWeights w = k::make_conv_weights("w", grid.dim, 3, channels, channels);
  fill(w.w);
  fill(w.bias);
  const k::NnField in = k::make_nn_field("in", grid, channels);
  const k::NnField out = k::make_nn_field("out", grid, channels);
  fill(in.data);
  k::conv(w, in, out, relu ? k::Activation::relu : k::Activation::none);
  const auto oh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), out.data);
  bits.write(oh.data(), oh.extent(0));
}

int run(const char* path) {
  BitsWriter bits(path);
  if (!bits.ok()) {
    std::cerr << "clone_bits: cannot write '" << path << "'\n";
    return 1;
  }
  for (const bool variable : {false, true}) {
    write_stencil<2>(bits, k::LocalBox{1031, 37, 1}, variable);
    write_stencil<3>(bits, k::LocalBox{1031, 97, 3}, variable);
  }
  write_conv(bits, k::NnGrid{2, 45, 38, 1}, true);
  write_conv(bits, k::NnGrid{3, 21, 14, 10}, false);
  if (!bits.ok()) {
    std::cerr << "clone_bits: writing '" << path << "' failed\n";
    return 1;
  }
#if defined(__GNUC__) && defined(__x86_64__)
  std::cout << "clone_bits: this CPU " << (__builtin_cpu_supports("avx2") ? "has" : "lacks")
            << " AVX2";
#else
  std::cout << "clone_bits: not x86-64";
#endif
#ifdef LAS_NO_CPU_DISPATCH
  std::cout << "; built without dispatch (baseline code only)\n";
#else
  std::cout << "; built with dispatch\n";
#endif
  return 0;
}

}  // namespace
}  // namespace las

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUTPUT.bin\n";
    return 2;
  }
  Kokkos::ScopeGuard kokkos(argc, argv);
  return las::run(argv[1]);
}

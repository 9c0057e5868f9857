// SPDX-License-Identifier: BSD-3-Clause
// Serial oracle for kernels/nn*.hpp: the network layers written cell by cell from their
// definitions, with double accumulation. Fields are host vectors in the padded,
// channel-major layout of nn_field.hpp, indexed here by their own arithmetic (not
// NnGrid::at), so a layout slip in the kernels shows up. Tests only.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace las::kernels::reference {

/// Interior extents of a block; 2D has nz == 1 and no ghost layer in z.
struct Block {
  int dim, nx, ny, nz;
  size_t padded() const { return size_t(nx + 2) * size_t(ny + 2) * size_t(dim == 3 ? nz + 2 : 1); }
  /// Index of (c, i, j, k), i in [-1, nx] etc.
  size_t idx(int c, int i, int j, int k) const {
    const size_t z = dim == 3 ? size_t(k + 1) : 0;
    return size_t(c) * padded() + (size_t(i + 1) + size_t(nx + 2) * (size_t(j + 1) + size_t(ny + 2) * z));
  }
};

/// out = act(bias + sum w * in) + residual, kernel 3 or 1, weights [o][c][kz][ky][kx].
/// Ghost cells of `in` supply the padding; `out`'s ghosts are returned as zero.
inline std::vector<float> conv(const Block& b, int kernel, int c_in, int c_out,
                               const std::vector<float>& w, const std::vector<float>& bias,
                               const std::vector<float>& in, bool relu,
                               const std::vector<float>* residual) {
  const int kz_n = b.dim == 3 ? kernel : 1;
  const int h = kernel / 2, hz = kz_n / 2;
  std::vector<float> out(b.padded() * size_t(c_out), 0.0f);
  for (int o = 0; o < c_out; ++o)
    for (int k = 0; k < b.nz; ++k)
      for (int j = 0; j < b.ny; ++j)
        for (int i = 0; i < b.nx; ++i) {
          double s = bias[size_t(o)];
          for (int c = 0; c < c_in; ++c)
            for (int dz = 0; dz < kz_n; ++dz)
              for (int dy = 0; dy < kernel; ++dy)
                for (int dx = 0; dx < kernel; ++dx) {
                  const size_t wi = (((size_t(o) * c_in + c) * kz_n + dz) * kernel + dy) * kernel + dx;
                  s += double(w[wi]) * double(in[b.idx(c, i + dx - h, j + dy - h, k + dz - hz)]);
                }
          if (relu && s < 0) s = 0;
          if (residual) s += double((*residual)[b.idx(o, i, j, k)]);
          out[b.idx(o, i, j, k)] = float(s);
        }
  return out;
}

/// 2x average pooling; throws on odd extents.
inline std::vector<float> avg_pool2(const Block& fine, int channels, const std::vector<float>& in) {
  if (fine.nx % 2 || fine.ny % 2 || (fine.dim == 3 && fine.nz % 2)) throw std::invalid_argument("odd");
  const Block c{fine.dim, fine.nx / 2, fine.ny / 2, fine.dim == 3 ? fine.nz / 2 : 1};
  const int kz_n = fine.dim == 3 ? 2 : 1;
  std::vector<float> out(c.padded() * size_t(channels), 0.0f);
  for (int ch = 0; ch < channels; ++ch)
    for (int K = 0; K < c.nz; ++K)
      for (int J = 0; J < c.ny; ++J)
        for (int I = 0; I < c.nx; ++I) {
          double s = 0;
          for (int dz = 0; dz < kz_n; ++dz)
            for (int dy = 0; dy < 2; ++dy)
              for (int dx = 0; dx < 2; ++dx) s += in[fine.idx(ch, 2 * I + dx, 2 * J + dy, kz_n * K + dz)];
          out[c.idx(ch, I, J, K)] = float(s / (kz_n * 4));
        }
  return out;
}

/// out = nearest 2x upsampling of `coarse` + skip (fine block `fine`).
inline std::vector<float> upsample2_add(const Block& fine, int channels, const std::vector<float>& coarse,
                                        const std::vector<float>& skip) {
  const Block c{fine.dim, fine.nx / 2, fine.ny / 2, fine.dim == 3 ? fine.nz / 2 : 1};
  std::vector<float> out(fine.padded() * size_t(channels), 0.0f);
  for (int ch = 0; ch < channels; ++ch)
    for (int k = 0; k < fine.nz; ++k)
      for (int j = 0; j < fine.ny; ++j)
        for (int i = 0; i < fine.nx; ++i)
          out[fine.idx(ch, i, j, k)] = float(double(coarse[c.idx(ch, i / 2, j / 2, fine.dim == 3 ? k / 2 : 0)]) +
                                             double(skip[fine.idx(ch, i, j, k)]));
  return out;
}

}  // namespace las::kernels::reference

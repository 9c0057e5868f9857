// SPDX-License-Identifier: BSD-3-Clause
// Convolution layers of the learned-CG network (DCDM, Kaneda et al. 2023): 3x3 (2D) /
// 3x3x3 (3D) 'same' convolutions and 1x1(x1) convolutions, C_in -> C_out with bias,
// float32, with a fused ReLU and a fused residual add:
//
//   out(o, p) = act( bias(o) + sum_{c, t} w(o, c, t) in(c, p + t) ) + residual(o, p)
//
// The activation comes before the add, as in the network's residual pairs
// (la = relu(conv(lb)) + la). Padding is whatever the input's ghost layer holds (see
// nn_field.hpp); only interior cells of `out` are written.
//
// Performance (CPU): each parallel index computes a register tile of OB = 4 output
// channels x XB = 16 (AVX) or 8 (SSE) consecutive x cells. Per (input channel, tap) the tile loads XB
// inputs once and OB weights once and does OB*XB multiply-adds, so the FMA units, not
// the load ports, bind; the compiler keeps the 64 accumulators in vector registers
// and vectorises along x (a 3-tap x stencil is three unaligned loads of one row).
// Tiles of one grid row run back to back over x with the same 4*C_in*27 weights
// (<= 7 KB, L1-resident); the C_in*9 input rows of a grid row stay in L2 across the
// C_out/4 channel blocks. On a GPU the tile shrinks to one x cell: consecutive
// threads take consecutive x, so every load coalesces (channel-major layout).
#pragma once

#include <type_traits>

#include "kernels/common/host_clones.hpp"
#include "kernels/nn_field.hpp"

// Loop unrolling for the fixed-size tile loops (complete unrolling keeps the tile in
// registers); a no-op where the compiler has no such pragma.
#if defined(__CUDA_ARCH__) || defined(__HIP_DEVICE_COMPILE__)
#define LAS_NN_UNROLL _Pragma("unroll")
#elif defined(__GNUC__) && !defined(__clang__) && !defined(__INTEL_COMPILER)
#define LAS_NN_UNROLL _Pragma("GCC unroll 16")
#elif defined(__clang__)
#define LAS_NN_UNROLL _Pragma("unroll")
#else
#define LAS_NN_UNROLL
#endif

namespace las::kernels {

/// Weights of one convolution layer. w is [C_out][C_in][kz][ky][kx] (kz has extent 1
/// in 2D; all kernel extents are 1 for a 1x1 layer), bias is [C_out].
struct ConvWeights {
  int dim = 3;     ///< 2 or 3
  int kernel = 3;  ///< 3: 3x3(x3), 1: 1x1(x1)
  int c_in = 0, c_out = 0;
  FloatArray w, bias;

  int taps() const { return kernel == 1 ? 1 : dim == 3 ? 27 : 9; }
  /// Floating-point operations per interior cell (a multiply-add counts 2).
  double flops_per_cell() const { return 2.0 * taps() * c_in * c_out; }
};

/// Zero weights and bias of the given shape.
inline ConvWeights make_conv_weights(const std::string& label, int dim, int kernel, int c_in,
                                     int c_out) {
  if ((dim != 2 && dim != 3) || (kernel != 1 && kernel != 3) || c_in < 1 || c_out < 1)
    throw std::invalid_argument("make_conv_weights: need dim 2|3, kernel 1|3, channels >= 1");
  ConvWeights cw;
  cw.dim = dim;
  cw.kernel = kernel;
  cw.c_in = c_in;
  cw.c_out = c_out;
  cw.w = FloatArray(label + "_w", size_t(c_out) * size_t(c_in) * size_t(cw.taps()));
  cw.bias = FloatArray(label + "_b", size_t(c_out));
  return cw;
}

enum class Activation { none, relu };

namespace impl {

/// Output-channel block of a register tile.
constexpr int kConvTileChannels = 4;
/// x cells of a register tile: one cell (one thread) on a GPU; on the host a run of
/// 16 (AVX: 4x2 accumulator registers of 16) or 8 (SSE: 4x2 of 16 registers; 16 cells
/// would spill).
#if defined(__AVX__)
constexpr int kConvHostTileCells = 16;
#else
constexpr int kConvHostTileCells = 8;
#endif
constexpr int kConvTileCells =
    std::is_same<MemSpace, Kokkos::HostSpace>::value ? kConvHostTileCells : 1;

/// One register tile: OB output channels x XB cells of one x row. `in` points at the
/// input value of tap (0,0,0) of the first cell in channel 0, `w` at the weights of
/// the first output channel, `out` / `res` at the first cell of the first output
/// channel. All fields share the channel stride cs.
template <int OB, int XB, int KZ, int KY, int KX>
KOKKOS_FORCEINLINE_FUNCTION void conv_tile(const float* KOKKOS_RESTRICT in, size_t cs,
                                           size_t row, size_t plane, int c_in,
                                           const float* KOKKOS_RESTRICT w,
                                           const float* KOKKOS_RESTRICT bias, float* out,
                                           const float* res, bool relu) {
  constexpr int taps = KZ * KY * KX;
  const size_t wstride = size_t(c_in) * taps;  // between output channels
  float acc[OB][XB];
  LAS_NN_UNROLL
  for (int o = 0; o < OB; ++o) {
    LAS_NN_UNROLL
    for (int x = 0; x < XB; ++x) acc[o][x] = bias[o];
  }
  for (int c = 0; c < c_in; ++c) {
    const float* ic = in + size_t(c) * cs;
    const float* wc = w + size_t(c) * taps;
    for (int kz = 0; kz < KZ; ++kz)
      for (int ky = 0; ky < KY; ++ky) {
        const float* irow = ic + size_t(kz) * plane + size_t(ky) * row;
        const float* wrow = wc + (kz * KY + ky) * KX;
        LAS_NN_UNROLL
        for (int kx = 0; kx < KX; ++kx) {
          float wv[OB];
          LAS_NN_UNROLL
          for (int o = 0; o < OB; ++o) wv[o] = wrow[size_t(o) * wstride + kx];
          // x innermost: contiguous in acc and in the input row, so each (o, kx)
          // is XB/8 vector FMAs with a broadcast weight.
          LAS_NN_UNROLL
          for (int o = 0; o < OB; ++o) {
            LAS_NN_UNROLL
            for (int x = 0; x < XB; ++x) acc[o][x] += wv[o] * irow[kx + x];
          }
        }
      }
  }
  LAS_NN_UNROLL
  for (int o = 0; o < OB; ++o) {
    LAS_NN_UNROLL
    for (int x = 0; x < XB; ++x) {
      float v = acc[o][x];
      if (relu) v = v > 0.0f ? v : 0.0f;
      if (res) v += res[size_t(o) * cs + x];
      out[size_t(o) * cs + x] = v;
    }
  }
}

#if (defined(__GNUC__) || defined(__clang__)) && !defined(KOKKOS_ENABLE_CUDA) && \
    !defined(KOKKOS_ENABLE_HIP) && !defined(KOKKOS_ENABLE_SYCL)
// Host-only tile with GCC/Clang generic vectors of 8 floats. GCC does not vectorise
// the plain tile above (it scalarises the accumulator array), so the host spells the
// vectors out; the compiler lowers them to whatever the build targets (one AVX
// register, two SSE registers). Device backends never see this code.
#define LAS_NN_VECTOR_TILE 1
typedef float NnFloat8 __attribute__((vector_size(32)));

template <int OB, int XB, int KZ, int KY, int KX>
inline void conv_tile_vec(const float* KOKKOS_RESTRICT in, size_t cs, size_t row, size_t plane,
                          int c_in, const float* KOKKOS_RESTRICT w,
                          const float* KOKKOS_RESTRICT bias, float* out, const float* res,
                          bool relu) {
  static_assert(XB % 8 == 0, "conv_tile_vec: XB must be a multiple of 8");
  constexpr int NV = XB / 8;
  constexpr int taps = KZ * KY * KX;
  const size_t wstride = size_t(c_in) * taps;
  NnFloat8 acc[OB][NV];
  for (int o = 0; o < OB; ++o) {
    const float b = bias[o];
    for (int v = 0; v < NV; ++v) acc[o][v] = NnFloat8{b, b, b, b, b, b, b, b};
  }
  for (int c = 0; c < c_in; ++c) {
    const float* ic = in + size_t(c) * cs;
    const float* wc = w + size_t(c) * taps;
    for (int kz = 0; kz < KZ; ++kz)
      for (int ky = 0; ky < KY; ++ky) {
        const float* irow = ic + size_t(kz) * plane + size_t(ky) * row;
        const float* wrow = wc + (kz * KY + ky) * KX;
        LAS_NN_UNROLL
        for (int kx = 0; kx < KX; ++kx) {
          NnFloat8 x[NV];
          LAS_NN_UNROLL
          for (int v = 0; v < NV; ++v) __builtin_memcpy(&x[v], irow + kx + 8 * v, sizeof x[v]);  // unaligned
          LAS_NN_UNROLL
          for (int o = 0; o < OB; ++o) {
            const float wo = wrow[size_t(o) * wstride + kx];
            const NnFloat8 wb = {wo, wo, wo, wo, wo, wo, wo, wo};
            LAS_NN_UNROLL
            for (int v = 0; v < NV; ++v) acc[o][v] += wb * x[v];
          }
        }
      }
  }
  for (int o = 0; o < OB; ++o)
    for (int v = 0; v < NV; ++v) {
      float lanes[8];
      __builtin_memcpy(lanes, &acc[o][v], sizeof lanes);
      for (int l = 0; l < 8; ++l) {
        float r = lanes[l];
        if (relu) r = r > 0.0f ? r : 0.0f;
        const size_t p = size_t(o) * cs + size_t(8 * v + l);
        if (res) r += res[p];
        out[p] = r;
      }
    }
}
#endif

/// One work item of conv(): output channels [o0, o0 + OB) of cells [x0, x0 + XB) of row
/// (j, k), clipped to the field. A function of its own so that LAS_HOST_CLONES builds it
/// for SSE2 and AVX2: SSE2 registers hold half the tile's 8 floats, and the AVX2
/// clone doubles the convolution (README, learned CG).
template <int Dim, int K>
KOKKOS_INLINE_FUNCTION LAS_HOST_CLONES void conv_work_item(const NnGrid& g, int c_in, int c_out,
                                                           const float* ip, float* op,
                                                           const float* wp, const float* bp,
                                                           const float* rp, bool relu, int x0,
                                                           int o0, int j, int k) {
  constexpr int KZ = Dim == 3 ? K : 1, KY = K, KX = K;
  constexpr int OB = kConvTileChannels, XB = kConvTileCells;
  const size_t cs = g.channel_stride(), row = size_t(g.sx()), plane = g.plane();
  // Tap (0,0,0) of cell (x, j, k) is cell (x - K/2, j - K/2, k - KZ/2).
  const size_t tap0 = g.at(x0 - K / 2, j - K / 2, k - KZ / 2);
  const size_t cell = g.at(x0, j, k);
  const int nxt = g.nx - x0 < XB ? g.nx - x0 : XB;
  const int not_ = c_out - o0 < OB ? c_out - o0 : OB;
  for (int o = o0; o < o0 + not_; o += (not_ == OB ? OB : 1)) {
    const float* wo = wp + size_t(o) * size_t(c_in) * (KZ * KY * KX);
    float* oo = op + size_t(o) * cs + cell;
    const float* ro = rp ? rp + size_t(o) * cs + cell : nullptr;
    if (not_ == OB && nxt == XB) {
#ifdef LAS_NN_VECTOR_TILE
      conv_tile_vec<OB, XB, KZ, KY, KX>(ip + tap0, cs, row, plane, c_in, wo, bp + o, oo, ro, relu);
#else
      conv_tile<OB, XB, KZ, KY, KX>(ip + tap0, cs, row, plane, c_in, wo, bp + o, oo, ro, relu);
#endif
    } else {
      // Edge tiles (channel count not a multiple of OB, x tail): one cell at a time.
      for (int x = 0; x < nxt; ++x) {
        if (not_ == OB)
          conv_tile<OB, 1, KZ, KY, KX>(ip + tap0 + x, cs, row, plane, c_in, wo, bp + o, oo + x,
                                       ro ? ro + x : nullptr, relu);
        else
          conv_tile<1, 1, KZ, KY, KX>(ip + tap0 + x, cs, row, plane, c_in, wo, bp + o, oo + x,
                                      ro ? ro + x : nullptr, relu);
      }
    }
  }
}

template <int Dim, int K>
void conv(const ConvWeights& cw, const NnField& in, const NnField& out, bool relu,
          const float* residual) {
  constexpr int OB = kConvTileChannels, XB = kConvTileCells;
  const NnGrid g = in.grid;
  const int c_in = cw.c_in, c_out = cw.c_out;
  const float* ip = in.data.data();
  float* op = out.data.data();
  const float* wp = cw.w.data();
  const float* bp = cw.bias.data();
  const float* rp = residual;
  const int nxc = (g.nx + XB - 1) / XB;
  const int nob = (c_out + OB - 1) / OB;
  const size_t n = size_t(nxc) * size_t(nob) * size_t(g.ny) * size_t(g.nz);
  Kokkos::parallel_for(
      K == 3 ? "las::nn_conv3" : "las::nn_conv1", Kokkos::RangePolicy<ExecSpace>(0, n),
      KOKKOS_LAMBDA(size_t t) {
        // x chunk fastest: consecutive indices (GPU threads) take consecutive cells.
        const int xc = int(t % size_t(nxc));
        size_t rest = t / size_t(nxc);
        const int ob = int(rest % size_t(nob));
        rest /= size_t(nob);
        const int j = int(rest % size_t(g.ny));
        const int k = int(rest / size_t(g.ny));
        conv_work_item<Dim, K>(g, c_in, c_out, ip, op, wp, bp, rp, relu, xc * XB, ob * OB, j, k);
      });
}

inline void check_conv_args(const ConvWeights& cw, const NnField& in, const NnField& out,
                            const NnField* residual) {
  auto same_grid = [](const NnGrid& a, const NnGrid& b) {
    return a.dim == b.dim && a.nx == b.nx && a.ny == b.ny && a.nz == b.nz;
  };
  if (cw.dim != in.grid.dim || !same_grid(in.grid, out.grid))
    throw std::invalid_argument("las::kernels::conv: input, output and weights disagree on the grid");
  if (cw.c_in != in.channels || cw.c_out != out.channels)
    throw std::invalid_argument("las::kernels::conv: weights are " + std::to_string(cw.c_in) + "->" +
                                std::to_string(cw.c_out) + " channels, fields " +
                                std::to_string(in.channels) + "->" + std::to_string(out.channels));
  if (in.data.data() == out.data.data())
    throw std::invalid_argument("las::kernels::conv: output must not alias the input");
  if (residual && (!same_grid(residual->grid, out.grid) || residual->channels != out.channels))
    throw std::invalid_argument("las::kernels::conv: residual shape differs from the output");
  if (residual && residual->data.data() == in.data.data())
    throw std::invalid_argument("las::kernels::conv: residual must not alias the input");
}

}  // namespace impl

/// out = act(conv(in) + bias) [+ residual], interior cells only (see the file header).
/// `in`'s ghost layer must be filled (zero at physical boundaries, neighbour values at
/// rank interfaces). `residual` may be `out` itself (in-place residual pair); `out`
/// must not alias `in`. Throws std::invalid_argument on mismatched shapes.
inline void conv(const ConvWeights& cw, const NnField& in, const NnField& out,
                 Activation act = Activation::none, const NnField* residual = nullptr) {
  impl::check_conv_args(cw, in, out, residual);
  const bool relu = act == Activation::relu;
  const float* res = residual ? residual->data.data() : nullptr;
  if (cw.dim == 2)
    cw.kernel == 3 ? impl::conv<2, 3>(cw, in, out, relu, res) : impl::conv<2, 1>(cw, in, out, relu, res);
  else
    cw.kernel == 3 ? impl::conv<3, 3>(cw, in, out, relu, res) : impl::conv<3, 1>(cw, in, out, relu, res);
}

}  // namespace las::kernels

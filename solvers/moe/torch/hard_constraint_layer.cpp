// SPDX-License-Identifier: BSD-3-Clause
// The LibTorch side of the hard-constraint layer: checks, tensor <-> Kokkos views, and the
// autograd function around the batched LM (batched_lm.hpp) and its IFT backward
// (ift_backward.hpp).
#include "solvers/moe/torch/hard_constraint_layer.hpp"

#include <Kokkos_Core.hpp>
#include <mutex>
#include <optional>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/moe/torch/batched_lm.hpp"
#include "solvers/moe/torch/ift_backward.hpp"

namespace las::moe {

namespace kk = las::kernels;

namespace {

using Unmanaged = Kokkos::MemoryTraits<Kokkos::Unmanaged>;
template <class Data>
using HostView = Kokkos::View<Data, Kokkos::LayoutRight, Kokkos::HostSpace, Unmanaged>;

std::mutex stats_mutex;
HardConstraintBackwardStats stats_total;

std::string shape_of(const torch::Tensor& t) {
  std::ostringstream os;
  os << t.sizes();
  return os.str();
}

void check_inputs(const torch::Tensor& f, const torch::Tensor& z0, const torch::Tensor& a, const torch::Tensor& y,
                  const PointResidual& residual) {
  const char* names[] = {"point_features", "linear_rows", "linear_targets"};
  const torch::Tensor* tensors[] = {&f, &a, &y};
  const int64_t dims[] = {4, 3, 2};
  for (int i = 0; i < 3; ++i) {
    const torch::Tensor& t = *tensors[i];
    LAS_CHECK(t.defined(), "hard_constraint_solve: " << names[i] << " is undefined");
    LAS_CHECK(t.scalar_type() == torch::kFloat64,
              "hard_constraint_solve: " << names[i] << " has dtype " << t.scalar_type() << ", expected float64");
    LAS_CHECK(t.device().is_cpu(), "hard_constraint_solve: " << names[i] << " is on " << t.device() << ", expected the CPU");
    LAS_CHECK(t.dim() == dims[i], "hard_constraint_solve: " << names[i] << " has shape " << shape_of(t) << ", expected "
                                                            << dims[i] << " dimensions");
  }
  const int64_t b = f.size(0), n = f.size(3);
  LAS_CHECK(f.size(2) == feature_count(residual.kind),
            "hard_constraint_solve: point_features has shape " << shape_of(f) << ", the residual kind needs "
                                                               << feature_count(residual.kind) << " features (dim 2)");
  LAS_CHECK(n >= 1 && n <= kk::kMaxCoefficients, "hard_constraint_solve: point_features has shape "
                                                     << shape_of(f) << ", N (dim 3) must be 1 to " << kk::kMaxCoefficients);
  LAS_CHECK(a.size(0) == b && a.size(2) == n,
            "hard_constraint_solve: linear_rows has shape " << shape_of(a) << ", expected [" << b << ", Q, " << n << "]");
  LAS_CHECK(y.size(0) == b && y.size(1) == a.size(1), "hard_constraint_solve: linear_targets has shape "
                                                          << shape_of(y) << ", expected [" << b << ", " << a.size(1) << "]");
  if (!z0.defined()) return;
  LAS_CHECK(z0.scalar_type() == torch::kFloat64 && z0.device().is_cpu(),
            "hard_constraint_solve: point_offsets must be float64 on the CPU, got " << z0.scalar_type() << " on "
                                                                                    << z0.device());
  LAS_CHECK(z0.dim() == 3 && z0.size(0) == b && z0.size(1) == f.size(1) && z0.size(2) == f.size(2),
            "hard_constraint_solve: point_offsets has shape " << shape_of(z0) << ", expected [" << b << ", "
                                                              << f.size(1) << ", " << f.size(2) << "]");
}

/// Views of the three inputs (contiguous tensors that outlive the batch). Unmanaged host
/// views over the tensor memory, copied to the default memory space where that is not
/// the host (a device build); on a host build no copy is made.
/// Autograd functions take no undefined inputs, so "no offsets" travels as this.
torch::Tensor no_offsets() { return torch::empty({0}, torch::kFloat64); }
bool has_offsets(const torch::Tensor& z0) { return z0.dim() == 3; }

struct BatchOnTensors {
  torch::Tensor f, z0, a, y;  // z0: no_offsets() for none
  kk::LeastSquaresBatch ls;
  BatchOnTensors(const torch::Tensor& features, const torch::Tensor& offsets, const torch::Tensor& rows,
                 const torch::Tensor& targets, const PointResidual& residual, double ridge)
      : f(features.contiguous()), z0(offsets.contiguous()), a(rows.contiguous()), y(targets.contiguous()) {
    if (has_offsets(z0)) {
      const HostView<const double***> hz(z0.data_ptr<double>(), z0.size(0), z0.size(1), z0.size(2));
      ls.offsets = Kokkos::create_mirror_view_and_copy(kk::MemSpace(), hz);
    }
    const HostView<const double****> hf(f.data_ptr<double>(), f.size(0), f.size(1), f.size(2), f.size(3));
    const HostView<const double***> ha(a.data_ptr<double>(), a.size(0), a.size(1), a.size(2));
    const HostView<const double**> hy(y.data_ptr<double>(), y.size(0), y.size(1));
    ls.features = Kokkos::create_mirror_view_and_copy(kk::MemSpace(), hf);
    ls.linear_rows = Kokkos::create_mirror_view_and_copy(kk::MemSpace(), ha);
    ls.linear_targets = Kokkos::create_mirror_view_and_copy(kk::MemSpace(), hy);
    ls.residual = point_residual_model(residual);
    ls.ridge = ridge;
  }
};

/// A new float64 tensor with the contents of a [B, N] view.
torch::Tensor tensor_from(const kk::BatchVectors& v) {
  torch::Tensor t = torch::empty({static_cast<int64_t>(v.extent(0)), static_cast<int64_t>(v.extent(1))}, torch::kFloat64);
  const HostView<double**> host(t.data_ptr<double>(), v.extent(0), v.extent(1));
  Kokkos::deep_copy(host, v);
  return t;
}

/// A device view to compute into and the tensor it ends in (`finish` copies back when the
/// view is not the tensor's own memory).
template <class DeviceView, class Data>
struct OutputOnTensor {
  torch::Tensor tensor;
  HostView<Data> host;
  DeviceView device;
  explicit OutputOnTensor(const torch::Tensor& like)
      : tensor(torch::empty(like.sizes(), torch::kFloat64)), host(make_host(tensor)) {
    device = Kokkos::create_mirror_view(kk::MemSpace(), host);
  }
  void finish() const { Kokkos::deep_copy(host, device); }
  static HostView<Data> make_host(const torch::Tensor& t) {
    if constexpr (DeviceView::rank == 4)
      return HostView<Data>(t.data_ptr<double>(), t.size(0), t.size(1), t.size(2), t.size(3));
    else if constexpr (DeviceView::rank == 3)
      return HostView<Data>(t.data_ptr<double>(), t.size(0), t.size(1), t.size(2));
    else
      return HostView<Data>(t.data_ptr<double>(), t.size(0), t.size(1));
  }
};

void save_settings(torch::autograd::AutogradContext* ctx, const PointResidual& r, double ridge) {
  auto& d = ctx->saved_data;
  d["kind"] = static_cast<int64_t>(r.kind);
  d["pde_weight"] = r.pde_weight;
  d["diffusion"] = r.diffusion;
  d["porosity"] = r.porosity;
  d["bulk_density"] = r.bulk_density;
  d["freundlich_k"] = r.freundlich_k;
  d["freundlich_n"] = r.freundlich_n;
  d["viscosity"] = r.viscosity;
  d["ridge"] = ridge;
}

PointResidual load_residual(torch::autograd::AutogradContext* ctx) {
  auto& d = ctx->saved_data;
  PointResidual r;
  r.kind = static_cast<PointResidualKind>(d["kind"].toInt());
  r.pde_weight = d["pde_weight"].toDouble();
  r.diffusion = d["diffusion"].toDouble();
  r.porosity = d["porosity"].toDouble();
  r.bulk_density = d["bulk_density"].toDouble();
  r.freundlich_k = d["freundlich_k"].toDouble();
  r.freundlich_n = d["freundlich_n"].toDouble();
  r.viscosity = d["viscosity"].toDouble();
  return r;
}

class HardConstraintFunction : public torch::autograd::Function<HardConstraintFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& features,
                               const torch::Tensor& offsets, const torch::Tensor& rows, const torch::Tensor& targets,
                               const PointResidual& residual, const LmOptions& options, LmSummary* summary) {
    const BatchOnTensors batch(features, offsets, rows, targets, residual, options.ridge);
    BatchedLmResult result = batched_levenberg_marquardt(batch.ls, options);
    if (summary) *summary = result.summary;
    torch::Tensor omega = tensor_from(result.omega);
    ctx->save_for_backward({features, offsets, rows, targets, omega});
    save_settings(ctx, residual, options.ridge);
    return omega;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad_outputs) {
    const auto saved = ctx->get_saved_variables();
    const BatchOnTensors batch(saved[0], saved[1], saved[2], saved[3], load_residual(ctx),
                               ctx->saved_data["ridge"].toDouble());
    const torch::Tensor omega_t = saved[4].contiguous();
    const torch::Tensor grad_t = grad_outputs[0].to(torch::kFloat64).contiguous();
    const kk::ConstBatchVectors omega = Kokkos::create_mirror_view_and_copy(
        kk::MemSpace(), HostView<const double**>(omega_t.data_ptr<double>(), omega_t.size(0), omega_t.size(1)));
    const kk::ConstBatchVectors grad_omega = Kokkos::create_mirror_view_and_copy(
        kk::MemSpace(), HostView<const double**>(grad_t.data_ptr<double>(), grad_t.size(0), grad_t.size(1)));

    const bool want_f = ctx->needs_input_grad(0), want_z0 = has_offsets(batch.z0) && ctx->needs_input_grad(1),
               want_a = ctx->needs_input_grad(2), want_y = ctx->needs_input_grad(3);
    std::optional<OutputOnTensor<kk::BatchFeatureGradients, double****>> df;
    std::optional<OutputOnTensor<kk::BatchOffsetGradients, double***>> dz0;
    std::optional<OutputOnTensor<kk::BatchRowGradients, double***>> da;
    std::optional<OutputOnTensor<kk::BatchVectors, double**>> dy;
    IftGradients out;
    if (want_f) out.features = df.emplace(batch.f).device;
    if (want_z0) out.offsets = dz0.emplace(batch.z0).device;
    if (want_a) out.rows = da.emplace(batch.a).device;
    if (want_y) out.targets = dy.emplace(batch.y).device;
    const HardConstraintBackwardStats stats = ift_backward(batch.ls, omega, grad_omega, out);
    {
      const std::lock_guard<std::mutex> lock(stats_mutex);
      stats_total.backward_calls += stats.backward_calls;
      stats_total.problems += stats.problems;
      stats_total.gauss_newton_fallbacks += stats.gauss_newton_fallbacks;
      stats_total.unsolved += stats.unsolved;
      if (!stats.last_fallback.empty()) stats_total.last_fallback = stats.last_fallback;
    }
    torch::autograd::variable_list grads(7);  // one per forward argument after ctx
    const auto finish_into = [](auto& output, torch::Tensor& grad) {
      if (!output) return;
      output->finish();
      grad = output->tensor;
    };
    finish_into(df, grads[0]);
    finish_into(dz0, grads[1]);
    finish_into(da, grads[2]);
    finish_into(dy, grads[3]);
    return grads;
  }
};

}  // namespace

torch::Tensor hard_constraint_solve(const torch::Tensor& point_features, const torch::Tensor& point_offsets,
                                    const torch::Tensor& linear_rows, const torch::Tensor& linear_targets,
                                    const PointResidual& residual, const LmOptions& options, LmSummary* summary) {
  LAS_CHECK(Kokkos::is_initialized(), "hard_constraint_solve: Kokkos is not initialized");
  check_inputs(point_features, point_offsets, linear_rows, linear_targets, residual);
  LAS_CHECK(options.ridge >= 0, "hard_constraint_solve: ridge = " << options.ridge << ", must be >= 0");
  return HardConstraintFunction::apply(point_features, point_offsets.defined() ? point_offsets : no_offsets(),
                                       linear_rows, linear_targets, residual, options, summary);
}

torch::Tensor hard_constraint_solve(const torch::Tensor& point_features, const torch::Tensor& linear_rows,
                                    const torch::Tensor& linear_targets, const PointResidual& residual,
                                    const LmOptions& options, LmSummary* summary) {
  return hard_constraint_solve(point_features, torch::Tensor(), linear_rows, linear_targets, residual, options,
                               summary);
}

HardConstraintBackwardStats hard_constraint_backward_stats() {
  const std::lock_guard<std::mutex> lock(stats_mutex);
  return stats_total;
}

}  // namespace las::moe

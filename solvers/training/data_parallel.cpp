// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/training/data_parallel.hpp"

#include <mpi.h>

#include <algorithm>

namespace las::training {

GradientSum::GradientSum(std::vector<torch::Tensor> parameters) : parameters_(std::move(parameters)) {
  int64_t total = 0;
  for (const auto& p : parameters_) total += p.numel();
  sum_.assign(static_cast<size_t>(total), 0.0);
}

void GradientSum::add_current_gradients() {
  auto out = sum_.begin();
  for (const auto& p : parameters_) {
    if (p.grad().defined()) {
      const torch::Tensor g = p.grad().detach().contiguous().to(torch::kFloat64);
      const double* in = g.data_ptr<double>();
      std::transform(in, in + g.numel(), out, out, [](double a, double s) { return s + a; });
    }
    out += p.numel();
  }
}

void GradientSum::allreduce_into_gradients(const Comm& comm) {
  if (comm.size() > 1) {
    MPI_Allreduce(MPI_IN_PLACE, sum_.data(), static_cast<int>(sum_.size()), MPI_DOUBLE, MPI_SUM, comm.get());
  }
  int64_t offset = 0;
  torch::NoGradGuard no_grad;
  for (const auto& p : parameters_) {
    const auto summed = torch::from_blob(sum_.data() + offset, p.sizes(), torch::kFloat64).to(p.scalar_type());
    if (p.grad().defined()) {
      p.mutable_grad().copy_(summed);
    } else {
      p.mutable_grad() = summed.clone();
    }
    offset += p.numel();
  }
}

}  // namespace las::training

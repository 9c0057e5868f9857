// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/training/data_parallel.hpp"

#include <mpi.h>

namespace las::training {

void allreduce_gradients(const Comm& comm, const std::vector<torch::Tensor>& parameters) {
  if (comm.size() == 1) return;
  int64_t total = 0;
  for (const auto& p : parameters) total += p.numel();
  std::vector<double> buffer(static_cast<size_t>(total), 0.0);
  int64_t offset = 0;
  for (const auto& p : parameters) {
    if (p.grad().defined()) {
      const torch::Tensor g = p.grad().detach().contiguous().to(torch::kFloat64);
      std::copy(g.data_ptr<double>(), g.data_ptr<double>() + g.numel(), buffer.begin() + offset);
    }
    offset += p.numel();
  }
  MPI_Allreduce(MPI_IN_PLACE, buffer.data(), static_cast<int>(buffer.size()), MPI_DOUBLE, MPI_SUM, comm.get());
  offset = 0;
  torch::NoGradGuard no_grad;
  for (const auto& p : parameters) {
    const auto summed = torch::from_blob(buffer.data() + offset, p.sizes(), torch::kFloat64).to(p.scalar_type());
    if (p.grad().defined()) {
      p.mutable_grad().copy_(summed);
    } else {
      p.mutable_grad() = summed.clone();
    }
    offset += p.numel();
  }
}

}  // namespace las::training

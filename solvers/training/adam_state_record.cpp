// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/training/adam_state_record.hpp"

#include <cstdint>
#include <memory>

namespace las::training {
namespace {

std::vector<double> doubles(const torch::Tensor& t) {
  const torch::Tensor c = t.detach().contiguous().to(torch::kFloat64);
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

}  // namespace

const torch::optim::AdamParamState* adam_state_of(const torch::optim::Adam& adam, const torch::Tensor& parameter) {
  // LibTorch 1.13 keys the optimizer state by the parameter's TensorImpl address.
  const auto& state = adam.state();
  const auto it = state.find(c10::guts::to_string(parameter.unsafeGetTensorImpl()));
  if (it == state.end()) return nullptr;
  return static_cast<const torch::optim::AdamParamState*>(it->second.get());
}

void store_adam_state(const torch::optim::Adam& adam, const std::vector<torch::Tensor>& parameters,
                      learning::StateRecord& record) {
  std::vector<std::int64_t> steps;
  for (size_t p = 0; p < parameters.size(); ++p) {
    const auto* st = adam_state_of(adam, parameters[p]);
    steps.push_back(st ? st->step() : 0);
    if (!st) continue;
    record.reals["adam" + std::to_string(p) + "_m"] = doubles(st->exp_avg());
    record.reals["adam" + std::to_string(p) + "_v"] = doubles(st->exp_avg_sq());
  }
  record.integers["adam_steps"] = steps;
}

void restore_adam_state(const learning::StateRecord& record, const std::vector<torch::Tensor>& parameters,
                        torch::optim::Adam& adam, const std::function<void(const std::string&)>& fail) {
  const auto steps = record.integers.find("adam_steps");
  if (steps == record.integers.end() || steps->second.size() != parameters.size())
    fail("missing or malformed 'adam_steps'");
  auto& state = adam.state();
  state.clear();
  for (size_t p = 0; p < parameters.size(); ++p) {
    if (steps->second[p] == 0) continue;
    const auto mi = record.reals.find("adam" + std::to_string(p) + "_m");
    const auto vi = record.reals.find("adam" + std::to_string(p) + "_v");
    const auto numel = static_cast<size_t>(parameters[p].numel());
    if (mi == record.reals.end() || vi == record.reals.end() || mi->second.size() != numel ||
        vi->second.size() != numel) {
      fail("Adam moments of parameter " + std::to_string(p) + " missing or of the wrong size");
    }
    auto tensor = [&](const std::vector<double>& v) {
      return torch::from_blob(const_cast<double*>(v.data()), parameters[p].sizes(), torch::kFloat64)
          .to(parameters[p].scalar_type())
          .clone();
    };
    auto st = std::make_unique<torch::optim::AdamParamState>();
    st->step(steps->second[p]);
    st->exp_avg(tensor(mi->second));
    st->exp_avg_sq(tensor(vi->second));
    state[c10::guts::to_string(parameters[p].unsafeGetTensorImpl())] = std::move(st);
  }
}

std::vector<double> flatten_parameters(const std::vector<torch::Tensor>& parameters) {
  std::vector<double> out;
  for (const auto& p : parameters) {
    const auto v = doubles(p);
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

void assign_parameters(const std::vector<double>& values, const std::vector<torch::Tensor>& parameters,
                       const std::function<void(const std::string&)>& fail) {
  int64_t total = 0;
  for (const auto& p : parameters) total += p.numel();
  if (static_cast<int64_t>(values.size()) != total)
    fail("holds " + std::to_string(values.size()) + " parameter values, this model has " + std::to_string(total));
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (const auto& p : parameters) {
    const auto part = torch::from_blob(const_cast<double*>(values.data()) + offset, p.sizes(), torch::kFloat64);
    p.copy_(part.to(p.scalar_type()));
    offset += p.numel();
  }
}

}  // namespace las::training

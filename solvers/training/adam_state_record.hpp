// SPDX-License-Identifier: BSD-3-Clause
// Adam's per-parameter state (step count, first and second moments) in a checkpoint's
// learning::StateRecord, so that a restarted training run takes bit-for-bit the steps the
// uninterrupted one would have. Parameters are identified by their position in the list
// the caller passes (the module's parameters(), whose order is fixed by construction).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "solvers/learning/policy.hpp"

namespace las::training {

/// Adam's state of one parameter, or null before its first step.
const torch::optim::AdamParamState* adam_state_of(const torch::optim::Adam& adam, const torch::Tensor& parameter);

/// Adds "adam_steps" (integers, one per parameter; 0: no state yet) and the moments
/// "adam<p>_m", "adam<p>_v" (reals, float64 copies) to `record`.
void store_adam_state(const torch::optim::Adam& adam, const std::vector<torch::Tensor>& parameters,
                      learning::StateRecord& record);

/// Replaces `adam`'s state by the one store_adam_state() wrote. `fail` is called with a
/// description ("Adam moments of parameter 3 missing or of the wrong size") when the
/// record does not fit the parameters; it must throw.
void restore_adam_state(const learning::StateRecord& record, const std::vector<torch::Tensor>& parameters,
                        torch::optim::Adam& adam, const std::function<void(const std::string&)>& fail);

/// Every parameter's values as float64 (tests and checkpoints compare runs bit for bit).
std::vector<double> flatten_parameters(const std::vector<torch::Tensor>& parameters);

/// Copies float64 values written by flatten_parameters() back; `fail` (which must throw)
/// is called when the count differs.
void assign_parameters(const std::vector<double>& values, const std::vector<torch::Tensor>& parameters,
                       const std::function<void(const std::string&)>& fail);

}  // namespace las::training

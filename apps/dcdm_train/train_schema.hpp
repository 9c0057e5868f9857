// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/deck.hpp"
#include "solvers/config/schema.hpp"
#include "solvers/nn/torch/dcdm_trainer.hpp"

namespace las::dcdm_train_app {

/// Every deck key of las_dcdm_train with its default and documentation.
config::Schema make_schema();

/// The trainer's options from a loaded deck (config: the resolved deck text).
nn::TrainingOptions training_options(const config::Deck& deck);

}  // namespace las::dcdm_train_app

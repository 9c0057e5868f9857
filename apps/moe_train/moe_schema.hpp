// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/deck.hpp"
#include "solvers/config/schema.hpp"
#include "solvers/moe/train/moe_trainer.hpp"

namespace las::moe_train_app {

/// Every deck key of las_moe_train with its default and documentation.
config::Schema make_schema();

/// The trainer's options from a loaded deck (config: the resolved deck text). Throws
/// ConfigError naming the deck, key and value at fault.
moe::MoeTrainingOptions training_options(const config::Deck& deck);

/// The diffusion–sorption constraint options of the deck (read with the data set).
moe::DiffusionSorptionConstraintOptions constraint_options(const config::Deck& deck);

}  // namespace las::moe_train_app

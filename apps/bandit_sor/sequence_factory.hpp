// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>

#include "solvers/config/deck.hpp"
#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::bandit_sor {

/// The sequence the deck's `sequence.*` and per-kind keys describe (collective). A
/// fresh object starts at instance 0, so a baseline can replay the same sequence.
std::unique_ptr<sequences::LinearSystemSequence> make_sequence(const Comm& comm, const config::Deck& deck);

}  // namespace las::bandit_sor

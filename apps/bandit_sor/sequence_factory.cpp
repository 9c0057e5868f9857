// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/sequence_factory.hpp"

#include "solvers/sequences/file_sequence.hpp"
#include "solvers/sequences/heat_sequence.hpp"
#include "solvers/sequences/shifted_laplacian_sequence.hpp"

namespace las::bandit_sor {

std::unique_ptr<sequences::LinearSystemSequence> make_sequence(const Comm& comm, const config::Deck& deck) {
  const std::string kind = deck.get_string("sequence.kind");
  const long long length = deck.get_int("sequence.length");
  if (kind == "shifted_laplacian") {
    sequences::ShiftedLaplacianOptions o;
    o.dim = static_cast<int>(deck.get_int("shifted_laplacian.dim"));
    o.n = deck.get_int("shifted_laplacian.n");
    o.distribution = deck.get_string("shifted_laplacian.distribution") == "low_variance"
                         ? sequences::ShiftDistribution::LowVariance
                         : sequences::ShiftDistribution::HighVariance;
    o.length = length;
    o.seed = static_cast<std::uint64_t>(deck.get_int("sequence.seed"));
    return std::make_unique<sequences::ShiftedLaplacianSequence>(comm, o);
  }
  if (kind == "heat") {
    sequences::HeatOptions o;
    o.dim = static_cast<int>(deck.get_int("heat.dim"));
    o.nx = deck.get_int("heat.nx");
    o.steps = length;
    o.dt = deck.get_real("heat.dt");
    const auto procs = deck.get_int_list("heat.procs");
    if (!procs.empty() && static_cast<int>(procs.size()) != o.dim) {
      deck.fail("heat.procs", "needs one entry per dimension (" + std::to_string(o.dim) + ")");
    }
    for (size_t a = 0; a < procs.size(); ++a) o.procs[a] = static_cast<int>(procs[a]);
    return std::make_unique<sequences::HeatSequence>(comm, o);
  }
  sequences::FileSequenceOptions o;
  o.pattern = deck.get_string("files.pattern");
  if (o.pattern.empty()) deck.fail("files.pattern", "is required for sequence.kind files");
  o.first = deck.get_int("files.first");
  o.length = length;
  o.matrix_group = deck.get_string("files.matrix_group");
  o.rhs_dataset = deck.get_string("files.rhs_dataset");
  o.context_attribute = deck.get_string("files.context_attribute");
  o.context_min = deck.get_real("files.context_min");
  o.context_max = deck.get_real("files.context_max");
  if (!(o.context_max > o.context_min)) deck.fail("files.context_max", "must exceed files.context_min");
  o.warm_start = deck.get_bool("files.warm_start");
  return std::make_unique<sequences::FileSequence>(comm, o);
}

}  // namespace las::bandit_sor

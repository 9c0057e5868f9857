// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_density_deck.hpp"

#include <string>
#include <utility>

#include "solvers/core/error.hpp"
#include "solvers/ot/ot_densities.hpp"

namespace las::ot_app {

void add_density_keys(config::Schema& s) {
  using config::Type;
  s.add({"density.grid", Type::Int, "64",
         "densities: grid points per axis on [0,1]^problem.dim (cell centres); n = grid^dim", {}, 2});
  s.add({"density.p", Type::Int, "2", "densities: ground cost |x-y|^p (1: W1, 2: W2 squared)", {}, 1, 2});
  const char* sides[2][4] = {{"source", "[0.25, 0.6]", "[0.06, 0.1]", "[0.4, 0.6]"},
                             {"target", "[0.55]", "[0.12]", "[]"}};
  for (const auto& side : sides) {
    const std::string key = std::string("density.") + side[0];
    s.add({key + ".means", Type::RealList, side[1],
           std::string("densities: ") + side[0] +
               " Gaussian-mixture means, problem.dim coordinates per component"});
    s.add({key + ".stds", Type::RealList, side[2],
           "standard deviation of each component (isotropic)", {}, 1e-300});
    s.add({key + ".weights", Type::RealList, side[3],
           "weight of each component ([]: equal)", {}, 1e-300});
  }
}

namespace {

// The mixture of one side, its list lengths checked against problem.dim here so the
// error names the deck key (the library would name only the side).
ot::GaussianMixtureDensity read_mixture(const config::Deck& deck, const std::string& side, int dim) {
  const std::string key = "density." + side;
  ot::GaussianMixtureDensity d;
  d.means = deck.get_real_list(key + ".means");
  d.stds = deck.get_real_list(key + ".stds");
  d.weights = deck.get_real_list(key + ".weights");
  const size_t k = d.stds.size();
  if (k == 0) deck.fail(key + ".stds", "needs one standard deviation per component");
  if (d.means.size() != k * static_cast<size_t>(dim))
    deck.fail(key + ".means", "needs problem.dim = " + std::to_string(dim) +
                                  " coordinates for each of the " + std::to_string(k) +
                                  " components of " + key + ".stds");
  if (!d.weights.empty() && d.weights.size() != k)
    deck.fail(key + ".weights", "needs one weight for each of the " + std::to_string(k) +
                                    " components of " + key + ".stds (or [] for equal weights)");
  return d;
}

}  // namespace

ot::OtProblem build_density_problem(const Comm& comm, const config::Deck& deck) {
  ot::DensityPairSpec spec;
  spec.dim = static_cast<int>(deck.get_int("problem.dim"));
  if (spec.dim > 2) deck.fail("problem.dim", "densities are discretised in 1 or 2 dimensions");
  spec.grid = deck.get_int("density.grid");
  spec.p = static_cast<int>(deck.get_int("density.p"));
  spec.source = read_mixture(deck, "source", spec.dim);
  spec.target = read_mixture(deck, "target", spec.dim);
  // What the library still rejects is a weight underflowing on the grid: a component too
  // narrow (or too far outside the unit box) for density.grid.
  for (const auto& [side, density] : {std::pair{"source", &spec.source}, std::pair{"target", &spec.target}}) {
    try {
      (void)ot::discretise_density(*density, spec.dim, spec.grid, side);
    } catch (const InputError& e) {
      deck.fail(std::string("density.") + side + ".stds", e.what());
    }
  }
  return ot::discretised_densities(comm, spec);
}

}  // namespace las::ot_app

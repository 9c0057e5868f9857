// SPDX-License-Identifier: BSD-3-Clause
#include "apps/learned_cg/learned_cg_system.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include "apps/common/grid_from_deck.hpp"
#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/problems/coefficient_field.hpp"
#include "solvers/problems/poisson_problem.hpp"
#include "solvers/problems/stencil_assembly.hpp"
#include "solvers/sequences/grid_fields.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::learned_cg {
namespace {

// The domain indicator at node positions (x, y, z in (0, 1); z = 0 on a 2D grid).
std::optional<DistVector> make_mask(const BoxGrid& grid, const config::Deck& d) {
  const std::string shape = d.get_string("domain.shape");
  if (shape == "box") return std::nullopt;
  const bool three_d = grid.dim() == 3;
  if (shape == "ball") {
    const double r2 = d.get_real("domain.radius") * d.get_real("domain.radius");
    return sequences::sample_on_grid(
        grid,
        [=](double x, double y, double z) {
          const double dz = three_d ? z - 0.5 : 0.0;
          return (x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5) + dz * dz <= r2 ? 1.0 : 0.0;
        },
        "las::mask");
  }
  return sequences::sample_on_grid(
      grid, [](double x, double y, double) { return x > 0.5 && y > 0.5 ? 0.0 : 1.0; }, "las::mask");
}

// b_i standard normal, drawn from (seed, natural index of cell i): rank-count independent.
DistVector random_normal_rhs(const BoxGrid& grid, std::uint64_t seed) {
  DistVector b(grid.comm(), grid.local_cells(), "las::rhs");
  auto host = Kokkos::create_mirror_view(b.view());
  const auto& n = grid.local_extent();
  const auto& o = grid.offset();
  const auto& g = grid.global_extent();
  long long p = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) {
        const long long natural = (o[0] + i) + g[0] * ((o[1] + j) + g[1] * (o[2] + k));
        learning::Rng rng(sequences::instance_seed(seed, natural));
        host(p++) = sequences::standard_normal(rng);
      }
  Kokkos::deep_copy(b.view(), host);
  return b;
}

// Every rank's mask values in DistVector order: the masked matrix drops columns of
// outside cells that other ranks own.
std::vector<double> gather_mask(const DistVector& mask) {
  const Comm& comm = mask.comm();
  const int local = static_cast<int>(mask.local_size());
  std::vector<int> counts(comm.size()), displs(comm.size(), 0);
  MPI_Allgather(&local, 1, MPI_INT, counts.data(), 1, MPI_INT, comm.get());
  for (int r = 1; r < comm.size(); ++r) displs[r] = displs[r - 1] + counts[r - 1];
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), mask.view());
  std::vector<double> global(static_cast<size_t>(mask.global_size()));
  MPI_Allgatherv(host.data(), local, MPI_DOUBLE, global.data(), counts.data(), displs.data(), MPI_DOUBLE,
                 comm.get());
  return global;
}

// P A P + (I - P) from A's rows, P = diag(mask).
CsrRows masked_rows(const CsrRows& a, const DistVector& mask) {
  const std::vector<double> inside = gather_mask(mask);
  CsrRows m;
  m.global_rows = a.global_rows;
  m.global_cols = a.global_cols;
  m.row_offset = a.row_offset;
  for (long long r = 0; r < a.local_rows(); ++r) {
    const long long row = a.row_offset + r;
    if (inside[static_cast<size_t>(row)] == 0.0) {
      m.cols.push_back(row);
      m.values.push_back(1.0);
    } else {
      for (size_t q = a.row_ptr[r]; q < a.row_ptr[r + 1]; ++q)
        if (inside[static_cast<size_t>(a.cols[q])] != 0.0) {
          m.cols.push_back(a.cols[q]);
          m.values.push_back(a.values[q]);
        }
    }
    m.row_ptr.push_back(m.cols.size());
  }
  return m;
}

std::string format_real(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

const LinearOperator& LearnedCgSystem::cg_operator() const {
  return mask ? static_cast<const LinearOperator&>(*matrix) : *stencil;
}

LearnedCgSystem build_system(const Comm& comm, const config::Deck& d, bool assemble) {
  LearnedCgSystem s;
  s.grid = app::grid_from_deck(comm, d);
  const std::string kind = d.get_string("coefficient.kind");
  if (kind == "constant") {
    s.stencil = std::make_unique<StencilOperator>(*s.grid, 1.0);
  } else {
    CoefficientSpec spec;
    spec.kind = kind;
    spec.value = 1.0;
    spec.contrast = d.get_real("coefficient.contrast");
    spec.count = static_cast<int>(d.get_int("coefficient.count"));
    spec.radius = d.get_real("coefficient.radius");
    spec.seed = static_cast<std::uint64_t>(d.get_int("coefficient.seed"));
    s.stencil = std::make_unique<StencilOperator>(*s.grid, make_coefficient(*s.grid, spec));
  }
  s.mask = make_mask(*s.grid, d);
  if (s.mask && comm.sum(kernels::dot(s.mask->view(), s.mask->view())) == 0.0)
    d.fail("domain.shape", "the domain holds no cell of the grid");

  const std::string rhs = d.get_string("rhs.kind");
  if (rhs == "manufactured") {
    if (kind != "constant" || s.mask)
      d.fail("rhs.kind", "a manufactured solution needs coefficient.kind = constant and domain.shape = box");
    s.b = manufactured_rhs(*s.grid, 1.0);
  } else {
    s.b = random_normal_rhs(*s.grid, static_cast<std::uint64_t>(d.get_int("rhs.seed")));
  }
  if (s.mask) kernels::pointwise_mult(s.mask->view(), s.b.view(), s.b.view());

  if (assemble || s.mask) {
    const CsrRows rows = assemble_stencil(*s.stencil);
    s.matrix = std::make_unique<DistCsrMatrix>(comm, s.mask ? masked_rows(rows, *s.mask) : rows);
  }
  s.description = s.stencil->description() + ", k " + kind +
                  (kind == "inclusions" ? " (contrast " + format_real(d.get_real("coefficient.contrast")) + ")" : "") +
                  ", domain " + d.get_string("domain.shape") + ", rhs " + rhs;
  return s;
}

}  // namespace las::learned_cg

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/linear_system_sequence.hpp"

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las::sequences {

std::shared_ptr<const DistCsrMatrix> assembled(Instance& instance) {
  if (instance.matrix) return instance.matrix;
  if (auto csr = std::dynamic_pointer_cast<const DistCsrMatrix>(instance.a)) {
    instance.matrix = csr;
  } else if (auto stencil = std::dynamic_pointer_cast<const StencilOperator>(instance.a)) {
    // Same global numbering as the stencil's DistVector, so b and x carry over as they are.
    instance.matrix = std::make_shared<DistCsrMatrix>(stencil->comm(), assemble_stencil(*stencil));
  } else {
    throw ConfigError("cannot assemble " + instance.a->description() + " as a sparse matrix");
  }
  return instance.matrix;
}

}  // namespace las::sequences

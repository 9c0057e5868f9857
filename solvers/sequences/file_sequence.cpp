// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/file_sequence.hpp"

#include <cstdio>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/vector_io.hpp"

namespace las::sequences {

FileSequence::FileSequence(const Comm& comm, const FileSequenceOptions& o) : comm_(comm), options_(o) {
  if (o.length < 1) throw ConfigError("files.length: must be >= 1, got " + std::to_string(o.length));
  if (o.pattern.find('%') == std::string::npos) {
    throw ConfigError("files.pattern: '" + o.pattern + "' has no integer conversion such as %04d");
  }
  if (!(o.context_max > o.context_min)) throw ConfigError("files.context: max must exceed min");
}

std::string FileSequence::path(long long t) const {
  char buffer[4096];
  const int n = std::snprintf(buffer, sizeof buffer, options_.pattern.c_str(), options_.first + t);
  if (n < 0 || n >= static_cast<int>(sizeof buffer)) {
    throw ConfigError("files.pattern: '" + options_.pattern + "' does not format an integer");
  }
  return buffer;
}

std::string FileSequence::description() const {
  std::ostringstream s;
  s << "sequence of " << options_.length << " systems from " << path(0) << " ... "
    << path(options_.length - 1);
  return s.str();
}

Instance FileSequence::instance(long long t) {
  const std::string file = path(t);
  auto matrix = std::make_shared<DistCsrMatrix>(comm_, io::read_csr(comm_, file, options_.matrix_group));
  Instance inst;
  inst.b = io::read_vector(comm_, file, options_.rhs_dataset, matrix->local_rows(), matrix->row_offset());
  if (options_.warm_start && previous_.local_size() == inst.b.local_size() && previous_.global_size() > 0) {
    inst.x0 = previous_.clone();
  } else {
    inst.x0 = inst.b.similar("las::sequence_x0");
  }
  inst.context = 0;  // a file without the attribute has context 0
  if (!options_.context_attribute.empty()) {
    inst.context = io::read_root_number(comm_, file, options_.context_attribute).value_or(0.0);
  }
  inst.a = matrix;
  inst.matrix = matrix;
  return inst;
}

void FileSequence::accept(long long /*t*/, const DistVector& x) {
  if (options_.warm_start) previous_ = x.clone();
}

}  // namespace las::sequences

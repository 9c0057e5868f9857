// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/sample_range.hpp"

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"

namespace las::moe {

io::ItemBlock read_sample_range(const Comm& comm, const std::string& file, const std::string& dataset,
                                std::size_t dims, const std::string& layout, const std::string& kind,
                                long long first, long long& count) {
  // The shape first (an empty range on every rank), then the requested samples.
  const io::ItemBlock probe = io::read_items(comm, file, dataset, 0, 0);
  if (probe.shape.size() != dims)
    throw InputError(file + ": dataset '" + dataset + "' is not " + layout + ": not a " + kind + " set");
  const long long total = probe.shape[0];
  if (count < 0) count = total - first;
  if (first < 0 || count <= 0 || first + count > total) {
    throw InputError(file + ": samples [" + std::to_string(first) + ", " + std::to_string(first + count) +
                     ") requested, the file holds " + std::to_string(total));
  }
  return io::read_items(comm, file, dataset, first, count);
}

double required_root_number(const Comm& comm, const std::string& file, const std::string& name) {
  const auto v = io::read_root_number(comm, file, name);
  if (!v) throw InputError(file + ": root attribute '" + name + "' missing");
  return *v;
}

}  // namespace las::moe

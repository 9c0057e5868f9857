// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/attribute_io.hpp"

#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::io {

std::string read_root_attribute(const Comm& comm, const std::string& file, const std::string& name) {
  detail::H5Handle h5 = detail::open_for_read(comm, file);
  std::string value;
  const bool ok = detail::read_string_attribute(h5.get(), name, value);
  detail::throw_if_any(comm, !ok, file + ": no string attribute '" + name + "' on the root group");
  return value;
}

}  // namespace las::io

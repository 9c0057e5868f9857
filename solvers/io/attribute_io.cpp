// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/attribute_io.hpp"

#include <hdf5.h>

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

namespace {

enum class NumberRead { Missing, Ok, NotANumber };

NumberRead read_number(hid_t object, const std::string& name, double& value) {
  detail::H5ErrorSilencer quiet;
  if (H5Aexists(object, name.c_str()) <= 0) return NumberRead::Missing;
  detail::H5Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  detail::H5Handle type(attr.valid() ? H5Aget_type(attr.get()) : -1, H5Tclose);
  detail::H5Handle space(attr.valid() ? H5Aget_space(attr.get()) : -1, H5Sclose);
  if (!type.valid() || !space.valid()) return NumberRead::NotANumber;
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls == H5T_STRING) {
    std::string text;
    if (!detail::read_string_attribute(object, name, text)) return NumberRead::NotANumber;
    try {
      std::size_t used = 0;
      value = std::stod(text, &used);
      return used == text.size() ? NumberRead::Ok : NumberRead::NotANumber;
    } catch (const std::exception&) {
      return NumberRead::NotANumber;
    }
  }
  const bool numeric = cls == H5T_FLOAT || cls == H5T_INTEGER;
  if (!numeric || H5Sget_simple_extent_npoints(space.get()) != 1) return NumberRead::NotANumber;
  return H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value) >= 0 ? NumberRead::Ok : NumberRead::NotANumber;
}

}  // namespace

std::optional<double> read_root_number(const Comm& comm, const std::string& file, const std::string& name) {
  detail::H5Handle h5 = detail::open_for_read(comm, file);
  double value = 0;
  const NumberRead result = read_number(h5.get(), name, value);
  detail::throw_if_any(comm, result == NumberRead::NotANumber,
                       file + ": root attribute '" + name + "' is not a number");
  if (result == NumberRead::Missing) return std::nullopt;
  return value;
}

}  // namespace las::io

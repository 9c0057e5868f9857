// SPDX-License-Identifier: BSD-3-Clause
// Internal: RAII ownership of one HDF5 identifier (file, group, dataset, dataspace,
// property list, attribute, datatype). Only las::io's .cpp files include this header,
// so HDF5's headers stay out of the public interface.
#pragma once

#include <hdf5.h>

#include <utility>

namespace las::io::detail {

/// Owns an hid_t and closes it with the matching H5?close on destruction. Move-only.
/// A negative id (HDF5's failure value) is held as "empty" and never closed.
class H5Handle {
 public:
  /// The H5Fclose / H5Dclose / ... function that releases the id.
  using Closer = herr_t (*)(hid_t);

  H5Handle() = default;
  /// Takes ownership of `id` (may be negative: then valid() is false).
  H5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~H5Handle() { reset(); }
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  H5Handle(H5Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  H5Handle& operator=(H5Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }

  /// The identifier (negative when empty).
  hid_t get() const { return id_; }
  /// True when the handle holds a live identifier.
  bool valid() const { return id_ >= 0; }
  /// Closes the identifier now; returns HDF5's status (0 when empty).
  herr_t reset() {
    herr_t status = 0;
    if (id_ >= 0 && closer_ != nullptr) status = closer_(id_);
    id_ = H5I_INVALID_HID;
    return status;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// Suppresses HDF5's automatic error-stack printing for its lifetime (our own
/// messages replace it), restoring the previous handler afterwards.
class H5ErrorSilencer {
 public:
  H5ErrorSilencer() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~H5ErrorSilencer() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  H5ErrorSilencer(const H5ErrorSilencer&) = delete;
  H5ErrorSilencer& operator=(const H5ErrorSilencer&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace las::io::detail

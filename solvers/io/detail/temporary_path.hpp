// SPDX-License-Identifier: BSD-3-Clause
// Internal: unique temporary names beside a final output path (same directory, so
// the final rename is atomic on POSIX file systems).
#pragma once

#include <string>

namespace las::io::detail {

/// Not collective. Creates an empty file with a fresh, unique hidden name in the
/// directory of `final_path` (".<name>.<random>.tmp", created with O_EXCL and the
/// process umask) and returns its path. Throws las::Error when the directory is
/// missing or not writable.
std::string create_temporary_beside(const std::string& final_path);

/// Not collective. Renames `temporary` onto `final_path` (replacing it atomically);
/// on failure removes `temporary` and returns a one-line reason, else "".
std::string rename_into_place(const std::string& temporary, const std::string& final_path);

}  // namespace las::io::detail

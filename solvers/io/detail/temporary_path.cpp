// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/detail/temporary_path.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "solvers/core/error.hpp"

namespace las::io::detail {

std::string create_temporary_beside(const std::string& final_path) {
  namespace fs = std::filesystem;
  const fs::path target(final_path);
  if (target.filename().empty()) throw Error(final_path + ": an output path must name a file");
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device entropy;
  std::mt19937_64 generator((static_cast<unsigned long long>(entropy()) << 32) ^ entropy() ^
                            static_cast<unsigned long long>(::getpid()));
  std::uniform_int_distribution<int> pick(0, static_cast<int>(sizeof(alphabet)) - 2);
  int last_errno = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string suffix(8, 'x');
    for (char& c : suffix) c = alphabet[pick(generator)];
    const fs::path candidate =
        directory / ("." + target.filename().string() + "." + suffix + ".tmp");
    const int fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate.string();
    }
    last_errno = errno;
    if (last_errno != EEXIST) break;
  }
  throw Error(final_path + ": cannot create a temporary output file in '" + directory.string() +
              "': " + std::strerror(last_errno));
}

std::string rename_into_place(const std::string& temporary, const std::string& final_path) {
  std::error_code ec;
  std::filesystem::rename(temporary, final_path, ec);
  if (!ec) return "";
  std::error_code ignored;
  std::filesystem::remove(temporary, ignored);
  return final_path + ": cannot rename the finished temporary file into place: " + ec.message();
}

}  // namespace las::io::detail

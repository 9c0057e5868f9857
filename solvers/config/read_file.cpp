// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "solvers/core/error.hpp"

namespace las::config::detail {
namespace {

// C stdio rather than iostreams: it reports *why* a read failed through errno
// (ENOENT, EACCES, EISDIR), which the one-line message passes on to the user.
bool read_whole_file(const std::string& path, std::string& text, std::string& why) {
  errno = 0;
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    why = std::strerror(errno);
    return false;
  }
  char buffer[65536];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) {  // e.g. EISDIR: fopen of a directory succeeds on Linux
    why = errno != 0 ? std::strerror(errno) : "read error";
    return false;
  }
  return true;
}

}  // namespace

std::string read_file_on_root(const las::Comm& comm, const std::string& path) {
  // One broadcast carries either the text ('T' + text) or the failure ('E' + reason),
  // so the other ranks learn of a failure without a second collective.
  std::string payload;
  if (comm.is_root()) {
    std::string text;
    std::string why;
    payload = read_whole_file(path, text, why) ? "T" + text : "E" + why;
  }
  payload = comm.broadcast(payload);
  if (payload.empty() || payload[0] != 'T') {
    const std::string why = payload.empty() ? std::string("read error") : payload.substr(1);
    throw las::ConfigError(path + ": cannot read file: " + why);
  }
  return payload.substr(1);
}

}  // namespace las::config::detail

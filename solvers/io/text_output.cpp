// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/text_output.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "solvers/core/error.hpp"
#include "solvers/io/detail/temporary_path.hpp"

namespace las::io {

namespace {

// Rank 0's part: returns "" on success, else the one-line reason.
std::string write_on_root(const std::string& path, const std::string& text) {
  std::string temporary;
  try {
    temporary = detail::create_temporary_beside(path);
  } catch (const Error& e) {
    return e.what();
  }
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return path + ": cannot write the temporary file '" + temporary + "'";
    }
  }
  return detail::rename_into_place(temporary, path);
}

}  // namespace

void write_text_atomically(const Comm& comm, const std::string& path, const std::string& text) {
  std::string problem;
  if (comm.is_root()) problem = write_on_root(path, text);
  problem = comm.broadcast(problem);
  if (!problem.empty()) throw Error(problem);
}

}  // namespace las::io

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/detail/agree.hpp"

#include <mpi.h>

#include <limits>
#include <vector>

#include "solvers/core/error.hpp"

namespace las::io::detail {

void throw_error(ErrorKind kind, const std::string& message) {
  if (kind == ErrorKind::input) throw InputError(message);
  throw Error(message);
}

void throw_if_any(const Comm& comm, bool failed, const std::string& message, ErrorKind kind,
                  long long key) {
  if (!comm.any(failed)) return;
  // The failing rank with the smallest key, then the smallest rank, owns the message.
  const long long best_key = comm.min(failed ? key : std::numeric_limits<long long>::max());
  const long long candidate = (failed && key == best_key) ? comm.rank() : comm.size();
  const int root = static_cast<int>(comm.min(candidate));
  long long length = static_cast<long long>(message.size());
  MPI_Bcast(&length, 1, MPI_LONG_LONG, root, comm.get());
  std::vector<char> text(static_cast<size_t>(length) + 1, '\0');
  if (comm.rank() == root) message.copy(text.data(), message.size());
  MPI_Bcast(text.data(), static_cast<int>(length), MPI_CHAR, root, comm.get());
  throw_error(kind, std::string(text.data(), static_cast<size_t>(length)));
}

}  // namespace las::io::detail

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/comm.hpp"

#include "solvers/core/comm_counters.hpp"
#include "solvers/core/error.hpp"

namespace las {
namespace {

// Frees the duplicate unless MPI is already finalized (objects that outlive
// MPI_Finalize in a user's program must not crash at exit).
void free_comm(MPI_Comm* comm) {
  int finalized = 0;
  MPI_Finalized(&finalized);
  comm_counters::unregister_comm(*comm);
  if (!finalized && *comm != MPI_COMM_NULL) MPI_Comm_free(comm);
  delete comm;
}

}  // namespace

Comm::Comm(MPI_Comm comm) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  LAS_CHECK(initialized, "las::Comm needs MPI_Init to have been called");
  auto* dup = new MPI_Comm(MPI_COMM_NULL);
  MPI_Comm_dup(comm, dup);
  comm_counters::register_comm(*dup);
  handle_ = std::shared_ptr<MPI_Comm>(dup, free_comm);
  MPI_Comm_rank(*dup, &rank_);
  MPI_Comm_size(*dup, &size_);
}

Comm::Comm(MPI_Comm owned, Adopt) {
  handle_ = std::shared_ptr<MPI_Comm>(new MPI_Comm(owned), free_comm);
  comm_counters::register_comm(owned);
  MPI_Comm_rank(owned, &rank_);
  MPI_Comm_size(owned, &size_);
}

Comm Comm::adopt(MPI_Comm owned) { return Comm(owned, Adopt{}); }

double Comm::sum(double local) const {
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_SUM, get());
  return global;
}

long long Comm::sum(long long local) const {
  long long global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_LONG_LONG, MPI_SUM, get());
  return global;
}

double Comm::max(double local) const {
  double global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MAX, get());
  return global;
}

long long Comm::max(long long local) const {
  long long global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_LONG_LONG, MPI_MAX, get());
  return global;
}

long long Comm::min(long long local) const {
  long long global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_LONG_LONG, MPI_MIN, get());
  return global;
}

void Comm::sum2(double& a, double& b) const {
  double local[2] = {a, b};
  double global[2] = {0, 0};
  MPI_Allreduce(local, global, 2, MPI_DOUBLE, MPI_SUM, get());
  a = global[0];
  b = global[1];
}

void Comm::sum_in_place(std::vector<double>& values) const {
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, get());
}

long long Comm::exclusive_prefix_sum(long long local) const {
  long long prefix = 0;
  MPI_Exscan(&local, &prefix, 1, MPI_LONG_LONG, MPI_SUM, get());
  return rank_ == 0 ? 0 : prefix;  // MPI leaves rank 0's result undefined
}

bool Comm::any(bool local) const {
  int in = local ? 1 : 0;
  int out = 0;
  MPI_Allreduce(&in, &out, 1, MPI_INT, MPI_LOR, get());
  return out != 0;
}

void Comm::barrier() const { MPI_Barrier(get()); }

std::string Comm::broadcast(const std::string& value) const {
  long long n = static_cast<long long>(value.size());
  MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, get());
  std::string out = rank_ == 0 ? value : std::string(static_cast<size_t>(n), '\0');
  if (n > 0) MPI_Bcast(out.data(), static_cast<int>(n), MPI_CHAR, 0, get());
  return out;
}

}  // namespace las

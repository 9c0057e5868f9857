// SPDX-License-Identifier: BSD-3-Clause
// Per-phase counts of las's MPI traffic, filled by the PMPI layer (pmpi_wrappers.cpp):
// las defines the MPI_* functions it uses and forwards them to PMPI_*, counting on the
// way. Only calls on communicators that a las::Comm owns are counted, so HDF5's and
// PETSc's internal traffic (on their own duplicates) never is. A call belongs to the
// innermost CommPhase scope, or, outside every scope, to a phase named after the call
// ("allreduce", "bcast", ...). Not thread-safe (one MPI rank per process, Kokkos Serial).
#pragma once

#include <mpi.h>

#include <string>
#include <vector>

namespace las {

class Comm;

/// Names the phase that las's MPI calls belong to while the scope lives (nests: the
/// innermost wins). The name must outlive the program (a string literal).
class CommPhase {
 public:
  explicit CommPhase(const char* name);
  ~CommPhase();
  CommPhase(const CommPhase&) = delete;
  CommPhase& operator=(const CommPhase&) = delete;

 private:
  int previous_;
  bool active_;
};

namespace comm_counters {

/// What one rank sent in one phase. Point-to-point: sends only (a receive mirrors a
/// send on another rank). Collectives: calls and this rank's payload (see pmpi_wrappers.cpp).
struct Counts {
  long long entries = 0;           ///< times the phase's scope was entered (calls, for automatic phases)
  long long messages = 0;          ///< point-to-point messages sent
  long long bytes = 0;             ///< point-to-point bytes sent
  long long collectives = 0;       ///< collective calls
  long long collective_bytes = 0;  ///< collective payload bytes
};

struct PhaseCounts {
  std::string name;
  Counts counts;
};

/// Per-phase totals over the ranks of a communicator.
struct PhaseTotals {
  std::string name;
  Counts sum;  ///< summed over ranks
  Counts max;  ///< each field's maximum over ranks
};

/// Counting is on unless the environment sets LAS_COMM_COUNTERS=0; when off, every
/// wrapper goes straight to PMPI after one test.
bool enabled();
void set_enabled(bool on);
/// Zeroes every phase's counts on this rank (phases stay known).
void reset();
/// This rank's phases with their counts, in order of first use; phases never used are left out.
std::vector<PhaseCounts> snapshot();
/// Collective over comm: sums and maxima over its ranks of every phase any rank used,
/// sorted by name. Its own traffic goes to PMPI directly and is not counted.
std::vector<PhaseTotals> totals(const Comm& comm);

/// Called by las::Comm for the communicators it owns (MPI_COMM_NULL is ignored).
void register_comm(MPI_Comm comm);
void unregister_comm(MPI_Comm comm);

/// True once one of las's MPI_* wrappers has run: false means the MPI library's own
/// functions were linked in front of las's (a shared build whose link line put libmpi
/// before liblas_core), and nothing is counted.
bool intercepting();

namespace detail {
extern bool wrapper_ran;  // defined in pmpi_wrappers.cpp
}  // namespace detail

// For the wrappers: true when a call on `comm` is counted.
bool counted(MPI_Comm comm);
// For the wrappers: the phase a counted call goes to: the innermost scope's, else `automatic`.
Counts& phase_for(const char* automatic);

}  // namespace comm_counters
}  // namespace las

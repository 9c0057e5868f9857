// SPDX-License-Identifier: BSD-3-Clause
// The measuring side of the communication-model test, shared by its probes: a case is
// solved twice, with kFirst and kSecond iterations, each run counted from zero by the
// PMPI counters; the difference is kSecond - kFirst steady iterations, free of the setup
// and the first iterations. probe_main writes every case, per phase the difference
// summed and maximised over the ranks, as one JSON file (rank 0) that
// check_comm_model.py compares with jobs/lib/comm_formulas.py.
#pragma once

#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/comm.hpp"
#include "solvers/core/comm_counters.hpp"

namespace las::probe {

constexpr int kFirst = 3;   // K1: past DCDM's two iterations with a partly filled ring
constexpr int kSecond = 7;  // K2

using PhaseMap = std::map<std::string, comm_counters::Counts>;

inline PhaseMap counted_run(const std::function<void(int)>& solve, int iterations) {
  comm_counters::reset();
  solve(iterations);
  PhaseMap out;
  for (const auto& p : comm_counters::snapshot()) out[p.name] = p.counts;
  return out;
}

// The phases every rank saw, in one agreed order (names gathered on MPI_COMM_WORLD,
// which no las::Comm owns: this bookkeeping is not counted).
inline std::vector<std::string> all_names(const PhaseMap& mine) {
  std::string joined;
  for (const auto& [name, c] : mine) joined += name + '\n';
  int ranks = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int length = static_cast<int>(joined.size());
  std::vector<int> lengths(static_cast<size_t>(ranks)), offsets(static_cast<size_t>(ranks), 0);
  MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 1; r < ranks; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::string all(static_cast<size_t>(offsets.back() + lengths.back()), '\0');
  MPI_Allgatherv(joined.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  std::map<std::string, int> names;
  for (size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos; start = end + 1)
    names[all.substr(start, end - start)] = 1;
  std::vector<std::string> out;
  for (const auto& [name, one] : names) out.push_back(name);
  return out;
}

inline nlohmann::json counts_json(const long long* v) {
  return {{"entries", v[0]}, {"messages", v[1]}, {"bytes", v[2]}, {"collectives", v[3]}, {"collective_bytes", v[4]}};
}

inline nlohmann::json measure(const std::string& name, const nlohmann::json& params,
                       const std::function<void(int)>& solve) {
  const PhaseMap first = counted_run(solve, kFirst);
  const PhaseMap second = counted_run(solve, kSecond);
  PhaseMap both = second;
  for (const auto& [phase, c] : first) both[phase];  // a phase only in the first run
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& phase : all_names(both)) {
    comm_counters::Counts a, b;
    if (auto it = first.find(phase); it != first.end()) a = it->second;
    if (auto it = second.find(phase); it != second.end()) b = it->second;
    long long diff[5] = {b.entries - a.entries, b.messages - a.messages, b.bytes - a.bytes,
                         b.collectives - a.collectives, b.collective_bytes - a.collective_bytes};
    long long sum[5], max[5];
    MPI_Allreduce(diff, sum, 5, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
    MPI_Allreduce(diff, max, 5, MPI_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    phases[phase] = {{"sum", counts_json(sum)}, {"max", counts_json(max)}};
  }
  return {{"case", name}, {"params", params}, {"iterations", kSecond - kFirst}, {"phases", phases}};
}

inline nlohmann::json grid_params(const std::string& solver, const BoxGrid& grid) {
  const auto& g = grid.global_extent();
  const auto& p = grid.proc_dims();
  return {{"solver", solver},
          {"dim", grid.dim()},
          {"n", {g[0], g[1], g[2]}},
          {"procs", {p[0], p[1], p[2]}},
          {"ranks", grid.comm().size()}};
}

/// MPI, Kokkos, then `cases` (every case measured on the world communicator) written to
/// argv[1] by rank 0; an exception aborts every rank with its message.
inline int probe_main(int argc, char** argv, const char* name,
                      const std::function<nlohmann::json(const Comm&)>& cases) {
  MPI_Init(&argc, &argv);
  int code = 0;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    if (argc != 2) {
      std::fprintf(stderr, "usage: %s OUT.json\n", name);
      code = 2;
    } else {
      try {
        const Comm comm;
        nlohmann::json measured = cases(comm);  // first: "counted" asks whether they were
        const nlohmann::json out = {{"ranks", comm.size()},
                                    {"counted", comm_counters::enabled() && comm_counters::intercepting()},
                                    {"cases", std::move(measured)}};
        if (comm.is_root()) {
          std::ofstream file(argv[1]);
          file << out.dump(2) << "\n";
          if (!file) {
            std::fprintf(stderr, "%s: cannot write %s\n", name, argv[1]);
            code = 1;
          }
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", name, e.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
    }
  }
  MPI_Finalize();
  return code;
}

}  // namespace las::probe

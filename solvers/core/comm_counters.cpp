// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/comm_counters.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#include "solvers/core/comm.hpp"

namespace las {
namespace comm_counters {
namespace {

struct Slot {
  const char* name;
  Counts counts;
};

bool read_enabled() {
  const char* v = std::getenv("LAS_COMM_COUNTERS");
  return v == nullptr || std::strcmp(v, "0") != 0;
}

// Process-wide by nature: MPI_* are global functions. A handful of phases and of
// communicators, so linear searches beat any map.
bool g_enabled = read_enabled();
std::vector<Slot> g_slots;
int g_current = -1;  // innermost CommPhase's slot, -1 outside every scope
std::vector<MPI_Comm> g_comms;

int slot_of(const char* name) {
  for (size_t i = 0; i < g_slots.size(); ++i)
    if (g_slots[i].name == name || std::strcmp(g_slots[i].name, name) == 0) return static_cast<int>(i);
  g_slots.push_back({name, Counts{}});
  return static_cast<int>(g_slots.size()) - 1;
}

constexpr int kFields = 5;

void to_array(const Counts& c, long long* out) {
  out[0] = c.entries;
  out[1] = c.messages;
  out[2] = c.bytes;
  out[3] = c.collectives;
  out[4] = c.collective_bytes;
}

Counts from_array(const long long* in) { return Counts{in[0], in[1], in[2], in[3], in[4]}; }

bool used(const Counts& c) { return c.entries + c.messages + c.collectives > 0; }

}  // namespace

bool enabled() { return g_enabled; }
bool intercepting() { return detail::wrapper_ran; }
void set_enabled(bool on) { g_enabled = on; }

void reset() {
  for (auto& s : g_slots) s.counts = Counts{};
}

std::vector<PhaseCounts> snapshot() {
  std::vector<PhaseCounts> out;
  for (const auto& s : g_slots)
    if (used(s.counts)) out.push_back({s.name, s.counts});
  return out;
}

std::vector<PhaseTotals> totals(const Comm& comm) {
  // The union of the ranks' phase names: one string per rank, names ending in '\n'.
  std::string mine;
  for (const auto& p : snapshot()) mine += p.name + '\n';
  const int ranks = comm.size();
  int length = static_cast<int>(mine.size());
  std::vector<int> lengths(static_cast<size_t>(ranks)), offsets(static_cast<size_t>(ranks), 0);
  PMPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm.get());
  for (int r = 1; r < ranks; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
  std::string all(static_cast<size_t>(offsets.back() + lengths.back()), '\0');
  PMPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
                  comm.get());
  std::set<std::string> names;
  for (size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos; start = end + 1)
    names.insert(all.substr(start, end - start));

  std::vector<long long> local(names.size() * kFields, 0), sum(local.size()), max(local.size());
  size_t k = 0;
  for (const auto& name : names) {
    for (const auto& s : g_slots)
      if (name == s.name) to_array(s.counts, &local[k * kFields]);
    ++k;
  }
  const int count = static_cast<int>(local.size());
  PMPI_Allreduce(local.data(), sum.data(), count, MPI_LONG_LONG, MPI_SUM, comm.get());
  PMPI_Allreduce(local.data(), max.data(), count, MPI_LONG_LONG, MPI_MAX, comm.get());
  std::vector<PhaseTotals> out;
  k = 0;
  for (const auto& name : names) {
    out.push_back({name, from_array(&sum[k * kFields]), from_array(&max[k * kFields])});
    ++k;
  }
  return out;
}

void register_comm(MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) g_comms.push_back(comm);
}

void unregister_comm(MPI_Comm comm) {
  // A handle may be registered twice only if MPI reused it after a free we missed;
  // dropping one entry per free keeps the count right either way.
  auto it = std::find(g_comms.begin(), g_comms.end(), comm);
  if (it != g_comms.end()) g_comms.erase(it);
}

bool counted(MPI_Comm comm) {
  if (!g_enabled) return false;
  for (MPI_Comm c : g_comms)
    if (c == comm) return true;
  return false;
}

Counts& phase_for(const char* automatic) {
  if (g_current >= 0) return g_slots[static_cast<size_t>(g_current)].counts;
  Counts& c = g_slots[static_cast<size_t>(slot_of(automatic))].counts;
  ++c.entries;  // an automatic phase is entered once per call
  return c;
}

}  // namespace comm_counters

CommPhase::CommPhase(const char* name) : previous_(comm_counters::g_current), active_(comm_counters::g_enabled) {
  if (!active_) return;
  comm_counters::g_current = comm_counters::slot_of(name);
  ++comm_counters::g_slots[static_cast<size_t>(comm_counters::g_current)].counts.entries;
}

CommPhase::~CommPhase() {
  if (active_) comm_counters::g_current = previous_;
}

}  // namespace las

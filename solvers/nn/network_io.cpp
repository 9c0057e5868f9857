// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/network_io.hpp"

#include "solvers/core/error.hpp"
#include "solvers/io/state_record_io.hpp"

namespace las::nn {
namespace {

constexpr const char* kKind = "las-dcdm-network";

std::vector<double> to_doubles(const kernels::FloatArray& a) {
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  return std::vector<double>(host.data(), host.data() + host.extent(0));
}

// Copies `values` into `a`; false when the sizes differ.
bool from_doubles(const std::vector<double>& values, const kernels::FloatArray& a) {
  if (values.size() != a.extent(0)) return false;
  auto host = Kokkos::create_mirror_view(a);
  for (size_t q = 0; q < values.size(); ++q) host(q) = static_cast<float>(values[q]);
  Kokkos::deep_copy(a, host);
  return true;
}

}  // namespace

void write_network(io::OutputFile& out, const std::string& group, const DcdmNetwork& network) {
  learning::StateRecord record;
  record.kind = kKind;
  const NetworkArchitecture& a = network.architecture();
  record.integers["architecture"] = {a.dim, a.channels, a.pairs_before, a.pairs_coarse, a.pairs_after};
  // One level (the paper's net) keeps the five-entry record older builds read.
  if (a.levels != 1) record.integers["architecture"].push_back(a.levels);
  const auto& layers = network.layers();
  for (size_t l = 0; l < layers.size(); ++l) {
    record.reals["layer" + std::to_string(l) + "_w"] = to_doubles(layers[l].w);
    record.reals["layer" + std::to_string(l) + "_b"] = to_doubles(layers[l].bias);
  }
  io::write_state_record(out, group, record);
}

DcdmNetwork read_network(const Comm& comm, const std::string& file, const std::string& group) {
  const learning::StateRecord record = io::read_state_record(comm, file, group);
  const std::string where = file + ":" + group;
  if (record.kind != kKind) throw InputError(where + ": not a las DCDM network (kind '" + record.kind + "')");
  const auto arch = record.integers.find("architecture");
  // Five entries: a file from before `levels` existed, one pooling level.
  if (arch == record.integers.end() || (arch->second.size() != 5 && arch->second.size() != 6)) {
    throw InputError(where + ": missing or malformed 'architecture'");
  }
  NetworkArchitecture a;
  a.dim = static_cast<int>(arch->second[0]);
  a.channels = static_cast<int>(arch->second[1]);
  a.pairs_before = static_cast<int>(arch->second[2]);
  a.pairs_coarse = static_cast<int>(arch->second[3]);
  a.pairs_after = static_cast<int>(arch->second[4]);
  a.levels = arch->second.size() == 6 ? static_cast<int>(arch->second[5]) : 1;
  try {
    a.validate();
  } catch (const ConfigError& e) {
    throw InputError(where + ": " + e.what());
  }
  DcdmNetwork network(a);
  auto& layers = network.layers();
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string w = "layer" + std::to_string(l) + "_w", b = "layer" + std::to_string(l) + "_b";
    const auto wi = record.reals.find(w), bi = record.reals.find(b);
    if (wi == record.reals.end() || bi == record.reals.end() || !from_doubles(wi->second, layers[l].w) ||
        !from_doubles(bi->second, layers[l].bias)) {
      throw InputError(where + ": layer " + std::to_string(l) + " is missing or has the wrong size for " +
                       a.description());
    }
  }
  return network;
}

}  // namespace las::nn

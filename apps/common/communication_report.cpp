// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/communication_report.hpp"

#include "solvers/core/comm_counters.hpp"

namespace las::app {
namespace {

bool is_petsc(const std::string& s) { return s.rfind("petsc", 0) == 0; }

void add_iterations(const nlohmann::json& node, const std::string& path, double& total,
                    std::vector<std::string>& paths) {
  if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) add_iterations(node[i], path + "/" + std::to_string(i), total, paths);
    return;
  }
  if (!node.is_object()) return;
  const auto method = node.find("method");
  const auto iterations = node.find("iterations");
  if (method != node.end() && method->is_string() && iterations != node.end() && iterations->is_number()) {
    if (!is_petsc(method->get<std::string>())) {
      total += iterations->get<double>();
      paths.push_back(path + "/iterations");
    }
    return;
  }
  const auto sequence = node.find("total_iterations");
  if (sequence != node.end() && sequence->is_number()) {
    total += sequence->get<double>();
    paths.push_back(path + "/total_iterations");
    return;
  }
  for (const auto& [key, child] : node.items()) {
    if (key == "config" || is_petsc(key)) continue;  // the resolved deck; PETSc's runs
    add_iterations(child, path + "/" + key, total, paths);
  }
}

nlohmann::json counts_json(const comm_counters::Counts& c) {
  return {{"messages", c.messages},
          {"bytes", c.bytes},
          {"collectives", c.collectives},
          {"collective_bytes", c.collective_bytes},
          {"entries", c.entries}};
}

}  // namespace

double las_iterations(const nlohmann::json& report, std::vector<std::string>& paths) {
  double total = 0;
  add_iterations(report, "", total, paths);
  return total;
}

nlohmann::json communication_json(const Comm& comm, const nlohmann::json& report) {
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& p : comm_counters::totals(comm))
    phases[p.name] = {{"sum", counts_json(p.sum)}, {"max", counts_json(p.max)}};
  std::vector<std::string> paths;
  const double iterations = las_iterations(report, paths);
  return {{"counted", comm_counters::enabled() && comm_counters::intercepting()},
          {"ranks", comm.size()},
          {"iterations", iterations},
          {"iterations_from", paths},
          {"phases", phases},
          {"note", "las's MPI traffic per phase from its PMPI layer (jobs/COMMUNICATION.md): sum over ranks and "
                   "max over ranks of point-to-point messages/bytes sent, collective calls/payload bytes, and "
                   "entries (scope entries or calls); from MPI start-up to this report, setup included; HDF5's "
                   "and PETSc's own traffic is not counted"}};
}

}  // namespace las::app

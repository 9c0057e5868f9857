// SPDX-License-Identifier: BSD-3-Clause
#include "apps/adasketch/ipopt_process.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "solvers/core/log.hpp"

namespace las::adasketch_app {
namespace {

// The runner next to an installed las_adasketch, else the one in the build tree.
std::string runner_path() {
#ifdef LAS_IPOPT_RUNNER_BUILD
  if (std::filesystem::exists(LAS_IPOPT_RUNNER_INSTALLED)) return LAS_IPOPT_RUNNER_INSTALLED;
  return LAS_IPOPT_RUNNER_BUILD;
#else
  return "";
#endif
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// JSON writes a NaN as null.
double number(const nlohmann::json& value) { return value.is_number() ? value.get<double>() : NAN; }

// Rank 0: the runner's JSON text, or "" after a warning-worthy failure (reason in `why`).
std::string run_runner(const ProblemSelection& selection, std::string& why) {
  const std::string runner = runner_path();
  if (runner.empty()) {
    why = "las was built without IPOPT (LAS_ENABLE_IPOPT=OFF)";
    return "";
  }
  const std::filesystem::path json =
      std::filesystem::temp_directory_path() / ("las_adasketch_ipopt_" + std::to_string(getpid()) + ".json");
  std::string command = quoted(runner) + " " + quoted(json.string());
  for (const std::string& argument : to_arguments(selection)) command += " " + quoted(argument);
  const int status = std::system(command.c_str());
  std::ifstream in(json);
  std::ostringstream text;
  text << in.rdbuf();
  std::error_code ignored;
  std::filesystem::remove(json, ignored);
  if (status != 0 || text.str().empty()) {
    why = runner + " failed (exit status " + std::to_string(status) + ")";
    return "";
  }
  return text.str();
}

}  // namespace

std::map<std::string, IpoptRun> run_ipopt_process(const Comm& comm, const ProblemSelection& selection) {
  std::string why, text;
  if (comm.is_root()) text = run_runner(selection, why);
  text = comm.broadcast(text);
  std::map<std::string, IpoptRun> runs;
  if (text.empty()) {
    log::warn(comm, "IPOPT not run: " + comm.broadcast(why));
    return runs;
  }
  const nlohmann::json parsed = nlohmann::json::parse(text);  // outlives the loop below
  for (const auto& p : parsed.at("problems")) {
    IpoptRun r;
    r.status = p.at("status").get<std::string>();
    r.success = p.at("success").get<bool>();
    r.iterations = p.at("iterations").get<int>();
    r.objective = number(p.at("objective"));
    r.kkt_residual = number(p.at("kkt_residual"));
    r.seconds = number(p.at("seconds"));
    for (const auto& k : p.at("kkt_history")) r.kkt_history.push_back(number(k));
    runs[p.at("name").get<std::string>()] = r;
  }
  return runs;
}

}  // namespace las::adasketch_app

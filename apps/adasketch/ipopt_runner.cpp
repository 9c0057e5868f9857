// SPDX-License-Identifier: BSD-3-Clause
// las_ipopt_runner — IPOPT on the problems of an las_adasketch run, in a process of its
// own: Debian's IPOPT brings a fake MPI (solvers/anchors/ipopt_anchor.hpp), so it cannot
// run inside the MPI app. las_adasketch starts it on rank 0 and reads the JSON it writes.
//
//   las_ipopt_runner OUT.json name=all
//   las_ipopt_runner OUT.json name=logistic_libsvm file=inputs/adasketch/tiny.libsvm
//
// OUT.json: {"problems": [{"name", "status", "success", "iterations", "objective",
// "kkt_residual", "seconds", "kkt_history": [...]}, ...]}. Errors: one line on stderr
// ("las_ipopt_runner: error: ..."), exit 1, no OUT.json.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

#include "apps/adasketch/adasketch_problems.hpp"
#include "solvers/anchors/ipopt_anchor.hpp"
#include "solvers/core/error.hpp"

namespace {

nlohmann::json solve_all(const las::adasketch_app::ProblemSelection& selection) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : las::adasketch_app::select_problems(selection)) {
    const las::anchors::IpoptAnchorResult r = las::anchors::solve_with_ipopt(*p.problem);
    problems.push_back({{"name", p.name},
                        {"status", r.status},
                        {"success", r.success},
                        {"iterations", r.iterations},
                        {"objective", r.objective},
                        {"kkt_residual", r.kkt_residual},
                        {"seconds", r.seconds},
                        {"kkt_history", r.kkt_history}});
  }
  return {{"problems", problems}};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) throw las::ConfigError("usage: las_ipopt_runner OUT.json [key=value ...]");
    const std::string out_path = argv[1];
    const std::vector<std::string> arguments(argv + 2, argv + argc);
    const nlohmann::json result = solve_all(las::adasketch_app::from_arguments(arguments));
    // Written only after every solve, through a temporary name: a failed run leaves none.
    const std::string temporary = out_path + ".partial";
    {
      std::ofstream out(temporary);
      if (!(out << result.dump(1) << '\n')) throw las::InputError("cannot write " + temporary);
    }
    if (std::rename(temporary.c_str(), out_path.c_str()) != 0) throw las::InputError("cannot write " + out_path);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "las_ipopt_runner: error: %s\n", e.what());
    return 1;
  }
}

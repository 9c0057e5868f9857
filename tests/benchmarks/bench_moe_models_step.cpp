// SPDX-License-Identifier: BSD-3-Clause
// Not a test: the wall time of one training step (forward + backward of the physics loss)
// of PI-SC, PI-HC (K = 1) and PI-HC-MoE (split [1, 4]) with the small default FNO, batch
// 2, on the 26 x 128 grid of the shipped small data set, LibTorch on one thread.
// Usage: bench_moe_models_step [--grid=TxX] [total_points ...]  (default grid 26x128, the
// shipped small set's; 101x1024 is the paper's; default points 400 2000). PI-HC samples
// them all in one problem, PI-HC-MoE with K = 2, 4, 8 experts (splits [1, K] over (t, x))
// 1/K per expert. Prints medians of 5 steps after 1 warm-up:
// wall time and this thread's CPU time (LibTorch on one thread and Kokkos Serial run on
// the calling thread, so the CPU time is what the step costs on a machine shared with
// other jobs). The hard-constraint basis networks get an output bias of 1 so that the LM's
// start b·1 is positive at the sampled points, as for a trained basis (see
// test_hard_constraint_model.cpp).
#include <Kokkos_Core.hpp>
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <functional>
#include <vector>

#include "solvers/moe/models/hard_constraint_model.hpp"
#include "solvers/moe/models/soft_constraint_model.hpp"

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Timing {
  double wall = 0, cpu = 0;
};

Timing median_seconds(const std::function<void()>& step) {
  step();  // warm-up
  std::vector<double> wall, cpu;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_seconds();
    step();
    cpu.push_back(thread_cpu_seconds() - c0);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[2], cpu[2]};
}

}  // namespace

int main(int argc, char** argv) {
  Kokkos::ScopeGuard kokkos(argc, argv);
  using namespace las::moe;
  torch::set_num_threads(1);
  torch::manual_seed(0);
  std::vector<long> totals;
  int64_t times = 26, cells = 128;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--grid=", 0) == 0) {
      if (std::sscanf(arg.c_str() + 7, "%" SCNd64 "x%" SCNd64, &times, &cells) != 2 || times < 3 || cells < 8) {
        std::fprintf(stderr, "bench_moe_models_step: bad %s (expected --grid=TxX)\n", arg.c_str());
        return 1;
      }
    } else {
      totals.push_back(std::atol(argv[i]));
    }
  }
  if (totals.empty()) totals = {400, 2000};

  const SpaceTimeGrid grid = SpaceTimeGrid::cell_centred(times, cells, 500);
  const torch::Tensor x = (torch::arange(cells, torch::kFloat64) + 0.5) / static_cast<double>(cells);
  const torch::Tensor u0 = torch::stack({0.1 + 0.05 * torch::sin(6.283185307179586 * x), 0.2 * x});
  const DiffusionSorptionConstraintOptions constraints;

  FnoOptions sc_options = FnoOptions::small();
  sc_options.out_channels = 1;
  SoftConstraintModel soft(sc_options);
  const Timing sc = median_seconds([&] {
    soft->zero_grad();
    soft->loss(u0, grid, constraints).total.backward();
  });
  std::printf("PI-SC                          step wall %.4f s  cpu %.4f s\n", sc.wall, sc.cpu);

  for (const long total : totals) {
    for (const int64_t k : {1, 2, 4, 8}) {
      const std::vector<int64_t> split = {1, k};
      HardConstraintOptions o;
      o.split = split;
      o.points_per_expert = total / (split[0] * split[1]);
      torch::manual_seed(0);
      HardConstraintModel model(o);
      {
        torch::NoGradGuard no_grad;
        model->network()->named_parameters()["fc2.bias"].fill_(1.0);
      }
      LmSummary lm;
      std::uint64_t seed = 0;
      const Timing t = median_seconds([&] {
        model->zero_grad();
        const HardConstraintResult r = model->forward(u0, grid, seed++);
        lm = r.lm;
        diffusion_sorption_physics_loss(r.u, u0, grid, constraints).total.backward();
      });
      std::printf("%-10s K=%lld points %6ld  step wall %.4f s  cpu %.4f s  (LM: %d iterations max, %lld/%lld failed)\n",
                  split[1] == 1 ? "PI-HC" : "PI-HC-MoE", static_cast<long long>(split[0] * split[1]), total, t.wall,
                  t.cpu, lm.max_iterations_used, lm.failed, lm.problems);
    }
  }
  return 0;
}

// SPDX-License-Identifier: BSD-3-Clause
// What a bandit-SOR run prints and writes: the comparison table, the JSON report, the
// per-instance CSV and the cumulative-iterations plot.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apps/bandit_sor/petsc_replay.hpp"
#include "apps/bandit_sor/run_record.hpp"

namespace las::bandit_sor {

/// One line per policy and baseline: mean iterations per instance, total solve time,
/// and the ratio to the best fixed ω and to the instance-optimal ω.
std::string summary_table(const RunRecord& record, const Summary& summary,
                          const std::vector<ReplayTotals>& petsc);

nlohmann::json summary_json(const RunRecord& record, const Summary& summary,
                            const std::vector<ReplayTotals>& petsc);

/// The per-instance table (context, every fixed ω, Young, each policy's ω and cost).
std::string instance_csv(const RunRecord& record);

}  // namespace las::bandit_sor

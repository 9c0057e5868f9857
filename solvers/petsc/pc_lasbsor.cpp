// SPDX-License-Identifier: BSD-3-Clause
// PCLASBSOR: SOR/SSOR whose relaxation omega a las bandit chooses at every KSPSolve() of
// the application's sequence, learning from the iteration count of the solve it chose for
// (Khodak et al., ICLR 2024). The sweeps are PETSc's MatSOR; las contributes the learner.
// Modelled on PETSc's src/ksp/pc/impls/sor/sor.c.
#include <petsc/private/pcimpl.h>

#include <memory>
#include <string>
#include <vector>

#include "solvers/learning/make_policy.hpp"
#include "solvers/petsc/exception_guard.hpp"
#include "solvers/petsc/las_petsc.h"
#include "solvers/petsc/omega_bandit.hpp"
#include "solvers/petsc/plugin_internal.hpp"

namespace {

using las::petsc::guarded;

struct PC_LasBSor {
  las::petsc::OmegaBanditSettings settings;
  PetscBool symmetric = PETSC_TRUE;  // SSOR (local symmetric sweeps) or forward SOR
  PetscInt its = 1;                  // sweeps per application
  PetscReal context = 0.0;
  PetscBool context_set = PETSC_FALSE;
  std::unique_ptr<las::petsc::OmegaBandit> bandit;  // built at PCSetUp from settings
  bool settings_changed = true;
  PetscInt solves = 0;
  PetscInt last_iterations = -1;
  KSPConvergedReason last_reason = KSP_CONVERGED_ITERATING;
};

PC_LasBSor* context_of(PC pc) { return static_cast<PC_LasBSor*>(pc->data); }
MPI_Comm comm_of(PC pc) { return PetscObjectComm(reinterpret_cast<PetscObject>(pc)); }

// PETSc spells option values with underscores; las's policy kinds use hyphens.
std::string petsc_spelling(std::string kind) {
  for (char& c : kind) c = c == '-' ? '_' : c;
  return kind;
}

const char* const kSweeps[] = {"symmetric", "forward"};

PetscErrorCode PCSetFromOptions_LasBSor(PC pc, PetscOptionItems* PetscOptionsObject) {
  return guarded(comm_of(pc), "PCSetFromOptions_LasBSor", [&]() -> PetscErrorCode {
    PC_LasBSor* ctx = context_of(pc);
    las::petsc::OmegaBanditSettings& s = ctx->settings;
    std::vector<std::string> kinds;
    for (const std::string& k : las::learning::policy_kinds()) kinds.push_back(petsc_spelling(k));
    std::vector<const char*> kind_names;
    PetscInt current = 0;
    for (size_t i = 0; i < kinds.size(); ++i) {
      kind_names.push_back(kinds[i].c_str());
      if (kinds[i] == petsc_spelling(s.policy)) current = static_cast<PetscInt>(i);
    }
    PetscInt count = s.omega_count, seed = static_cast<PetscInt>(s.seed), fixed_arm = s.fixed_arm;
    PetscInt sweep = ctx->symmetric ? 0 : 1;
    char state[PETSC_MAX_PATH_LEN];
    PetscCall(PetscStrncpy(state, s.state_file.c_str(), sizeof(state)));
    PetscBool state_set = PETSC_FALSE;
    PetscOptionsHeadBegin(PetscOptionsObject, "las bandit SOR (PCLASBSOR) options");
    PetscCall(PetscOptionsEList("-pc_lasbsor_policy", "Online learner that picks omega at every solve",
                                "PCLASBSOR", kind_names.data(), static_cast<PetscInt>(kind_names.size()),
                                kind_names[static_cast<size_t>(current)], &current, nullptr));
    PetscCall(PetscOptionsReal("-pc_lasbsor_omega_min", "Smallest omega of the grid", "PCLASBSOR",
                               s.omega_min, &s.omega_min, nullptr));
    PetscCall(PetscOptionsReal("-pc_lasbsor_omega_max", "Largest omega of the grid", "PCLASBSOR",
                               s.omega_max, &s.omega_max, nullptr));
    PetscCall(PetscOptionsInt("-pc_lasbsor_omega_count", "Number of evenly spaced omega values (arms)",
                              "PCLASBSOR", count, &count, nullptr));
    PetscCall(PetscOptionsInt("-pc_lasbsor_seed", "Seed of the learner's random choices", "PCLASBSOR",
                              seed, &seed, nullptr));
    PetscCall(PetscOptionsInt("-pc_lasbsor_fixed_arm", "Policy fixed: index of the grid value always played",
                              "PCLASBSOR", fixed_arm, &fixed_arm, nullptr));
    PetscCall(PetscOptionsReal("-pc_lasbsor_context_min", "Contextual policies: smallest context value",
                               "PCLasBSorSetContext", s.context_min, &s.context_min, nullptr));
    PetscCall(PetscOptionsReal("-pc_lasbsor_context_max", "Contextual policies: largest context value",
                               "PCLasBSorSetContext", s.context_max, &s.context_max, nullptr));
    PetscCall(PetscOptionsString("-pc_lasbsor_state",
                                 "HDF5 file of the learner's state: loaded at setup if it exists, "
                                 "rewritten (atomically) after every solve",
                                 "PCLASBSOR", state, state, sizeof(state), &state_set));
    PetscCall(PetscOptionsEList("-pc_lasbsor_sweep", "Symmetric (SSOR) or forward SOR sweeps", "PCLASBSOR",
                                kSweeps, 2, kSweeps[sweep], &sweep, nullptr));
    PetscCall(PetscOptionsInt("-pc_lasbsor_its", "Sweeps per preconditioner application", "PCLASBSOR",
                              ctx->its, &ctx->its, nullptr));
    PetscOptionsHeadEnd();
    PetscCheck(ctx->its >= 1, comm_of(pc), PETSC_ERR_ARG_OUTOFRANGE,
               "-pc_lasbsor_its %" PetscInt_FMT ": must be >= 1", ctx->its);
    PetscCheck(seed >= 0, comm_of(pc), PETSC_ERR_ARG_OUTOFRANGE,
               "-pc_lasbsor_seed %" PetscInt_FMT ": must be >= 0", seed);
    s.policy = las::learning::policy_kinds()[static_cast<size_t>(current)];
    s.omega_count = static_cast<int>(count);
    s.seed = static_cast<std::uint64_t>(seed);
    s.fixed_arm = static_cast<int>(fixed_arm);
    if (state_set) s.state_file = state;
    ctx->symmetric = sweep == 0 ? PETSC_TRUE : PETSC_FALSE;
    ctx->settings_changed = true;
    return 0;
  });
}

PetscErrorCode PCSetUp_LasBSor(PC pc) {
  return guarded(comm_of(pc), "PCSetUp_LasBSor", [&]() -> PetscErrorCode {
    PC_LasBSor* ctx = context_of(pc);
    // A new matrix keeps what was learned; only changed options restart the learner.
    if (ctx->bandit && !ctx->settings_changed) return 0;
    ctx->bandit = std::make_unique<las::petsc::OmegaBandit>(las::Comm(comm_of(pc)), ctx->settings);
    ctx->settings_changed = false;
    ctx->solves = 0;
    return 0;
  });
}

PetscErrorCode PCPreSolve_LasBSor(PC pc, KSP, Vec, Vec) {
  return guarded(comm_of(pc), "PCPreSolve_LasBSor", [&]() -> PetscErrorCode {
    PC_LasBSor* ctx = context_of(pc);
    PetscCheck(ctx->bandit, comm_of(pc), PETSC_ERR_ORDER, "PCLASBSOR: PCSetUp() must precede the solve");
    const las::petsc::OmegaBanditSettings& s = ctx->settings;
    const double context = ctx->context_set ? ctx->context : 0.5 * (s.context_min + s.context_max);
    PetscCall(PetscLogEventBegin(las::petsc::log_events().bsor_choose, pc, 0, 0, 0));
    ctx->bandit->choose(context);
    PetscCall(PetscLogEventEnd(las::petsc::log_events().bsor_choose, pc, 0, 0, 0));
    return 0;
  });
}

PetscErrorCode PCPostSolve_LasBSor(PC pc, KSP ksp, Vec, Vec) {
  return guarded(comm_of(pc), "PCPostSolve_LasBSor", [&]() -> PetscErrorCode {
    PC_LasBSor* ctx = context_of(pc);
    PetscInt its = 0, max_its = 0;
    PetscCall(KSPGetIterationNumber(ksp, &its));
    PetscCall(KSPGetConvergedReason(ksp, &ctx->last_reason));
    PetscCall(KSPGetTolerances(ksp, nullptr, nullptr, nullptr, &max_its));
    // A solve that failed is charged the whole iteration budget, so the learner avoids
    // the omega that caused it (the las bandit apps do the same).
    const PetscInt cost = ctx->last_reason > 0 ? its : max_its;
    PetscCall(PetscLogEventBegin(las::petsc::log_events().bsor_update, pc, 0, 0, 0));
    ctx->bandit->update(static_cast<double>(cost));
    PetscCall(PetscLogEventEnd(las::petsc::log_events().bsor_update, pc, 0, 0, 0));
    ctx->last_iterations = its;
    ++ctx->solves;
    // The learner's state after each solve (like -ksp_view, which shows it too).
    PetscCall(PCViewFromOptions(pc, nullptr, "-pc_view"));
    return 0;
  });
}

PetscErrorCode PCApply_LasBSor(PC pc, Vec x, Vec y) {
  PC_LasBSor* ctx = context_of(pc);
  PetscFunctionBegin;
  PetscCheck(ctx->bandit, comm_of(pc), PETSC_ERR_ORDER, "PCLASBSOR: PCSetUp() must precede PCApply()");
  const MatSORType sweep = ctx->symmetric ? SOR_LOCAL_SYMMETRIC_SWEEP : SOR_LOCAL_FORWARD_SWEEP;
  PetscCall(MatSOR(pc->pmat, x, ctx->bandit->last_omega(),
                   static_cast<MatSORType>(sweep | SOR_ZERO_INITIAL_GUESS), 0.0, ctx->its, 1, y));
  PetscFunctionReturn(0);
}

PetscErrorCode PCView_LasBSor(PC pc, PetscViewer viewer) {
  return guarded(comm_of(pc), "PCView_LasBSor", [&]() -> PetscErrorCode {
    PC_LasBSor* ctx = context_of(pc);
    const las::petsc::OmegaBanditSettings& s = ctx->settings;
    PetscBool ascii = PETSC_FALSE;
    PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(viewer), PETSCVIEWERASCII, &ascii));
    if (!ascii) return 0;
    PetscCall(PetscViewerASCIIPrintf(viewer, "  las bandit SOR: policy %s, seed %llu, %s sweeps, its %" PetscInt_FMT "\n",
                                     petsc_spelling(s.policy).c_str(), static_cast<unsigned long long>(s.seed),
                                     ctx->symmetric ? "symmetric" : "forward", ctx->its));
    PetscCall(PetscViewerASCIIPrintf(viewer, "  omega grid: %d values in [%g, %g]\n", s.omega_count,
                                     static_cast<double>(s.omega_min), static_cast<double>(s.omega_max)));
    if (!s.state_file.empty())
      PetscCall(PetscViewerASCIIPrintf(viewer, "  state file: %s%s\n", s.state_file.c_str(),
                                       ctx->bandit && ctx->bandit->restored() ? " (restored)" : ""));
    if (!ctx->bandit) {
      PetscCall(PetscViewerASCIIPrintf(viewer, "  (not set up yet)\n"));
      return 0;
    }
    const las::petsc::OmegaBandit& b = *ctx->bandit;
    PetscCall(PetscViewerASCIIPrintf(viewer, "  solves seen: %" PetscInt_FMT " (learner rounds %lld), last omega %g, last iterations %" PetscInt_FMT "\n",
                                     ctx->solves, b.policy().rounds(), b.last_omega(), ctx->last_iterations));
    const int best = b.best_arm();
    const std::vector<double>& p = b.policy().probabilities();
    PetscCall(PetscViewerASCIIPrintf(viewer, "  current best arm: omega %g (probability %g)\n",
                                     b.arms()[static_cast<size_t>(best)],
                                     p.empty() ? 1.0 / static_cast<double>(b.arms().size()) : p[static_cast<size_t>(best)]));
    return 0;
  });
}

PetscErrorCode PCDestroy_LasBSor(PC pc) {
  PetscFunctionBegin;
  delete context_of(pc);
  pc->data = nullptr;
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasBSorSetContext_C", nullptr));
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasBSorGetOmega_C", nullptr));
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasBSorSetContext_LasBSor(PC pc, PetscReal context) {
  PetscFunctionBegin;
  context_of(pc)->context = context;
  context_of(pc)->context_set = PETSC_TRUE;
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasBSorGetOmega_LasBSor(PC pc, PetscReal* omega) {
  PC_LasBSor* ctx = context_of(pc);
  PetscFunctionBegin;
  *omega = ctx->bandit ? ctx->bandit->last_omega() : ctx->settings.omega_min;
  PetscFunctionReturn(0);
}

}  // namespace

/*MC
   PCLASBSOR - "lasbsor": SOR whose omega a las bandit learner chooses at every KSPSolve().

   Options Database Keys:
+  -pc_lasbsor_policy <tsallis_inf,tsallis_inf_rv,tsallis_inf_cb,chebcb,fixed> - the learner
.  -pc_lasbsor_omega_min <1>, -pc_lasbsor_omega_max <1.95>, -pc_lasbsor_omega_count <20> - the grid
.  -pc_lasbsor_seed <0> - the learner's seed
.  -pc_lasbsor_state <file.h5> - restore at setup if present; saved after every solve
.  -pc_lasbsor_sweep <symmetric,forward> - SSOR or forward SOR
-  -pc_lasbsor_its <1> - sweeps per application

   Notes: omega is chosen in PCPreSolve() and the learner is charged KSPGetIterationNumber() in
   PCPostSolve() (the iteration budget when the solve diverged). All ranks make the same choice.
   -pc_view shows the grid, the solves seen, the last omega and the favoured arm after every solve.
M*/
PetscErrorCode PCCreate_LasBSor(PC pc) {
  PetscFunctionBegin;
  pc->data = new PC_LasBSor();
  pc->ops->setfromoptions = PCSetFromOptions_LasBSor;
  pc->ops->setup = PCSetUp_LasBSor;
  pc->ops->presolve = PCPreSolve_LasBSor;
  pc->ops->postsolve = PCPostSolve_LasBSor;
  pc->ops->apply = PCApply_LasBSor;
  pc->ops->view = PCView_LasBSor;
  pc->ops->destroy = PCDestroy_LasBSor;
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasBSorSetContext_C",
                                       PCLasBSorSetContext_LasBSor));
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasBSorGetOmega_C",
                                       PCLasBSorGetOmega_LasBSor));
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasBSorSetContext(PC pc, PetscReal context) {
  PetscFunctionBegin;
  PetscValidHeaderSpecific(pc, PC_CLASSID, 1);
  PetscTryMethod(pc, "PCLasBSorSetContext_C", (PC, PetscReal), (pc, context));
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasBSorGetOmega(PC pc, PetscReal* omega) {
  PetscFunctionBegin;
  PetscValidHeaderSpecific(pc, PC_CLASSID, 1);
  PetscValidRealPointer(omega, 2);
  PetscTryMethod(pc, "PCLasBSorGetOmega_C", (PC, PetscReal*), (pc, omega));
  PetscFunctionReturn(0);
}

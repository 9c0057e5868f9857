// SPDX-License-Identifier: BSD-3-Clause
// KSPLASDCDM: the deep conjugate direction method (Kaneda et al., ICML 2023) as a PETSc KSP.
// Each iteration q = M(r) with M the KSP's PC (by default PCLASNN, the network, which sees
// r / ||r||), modified Gram-Schmidt A-orthogonalisation of q against the last K directions
// (their A p are kept, so it costs dots and axpys only), then the exact energy-norm line
// search x += (q'r / q'Aq) q, r -= (q'r / q'Aq) Aq. ||x - x*||_A never increases.
//
// The loop is written on PETSc Vecs, not delegated to las::solve_dcdm, because PETSc must
// own the stopping decision: ksp->converged (KSPConvergedDefault or the application's
// test), KSPMonitor and the residual history see every iteration exactly as for KSPCG. It
// is las::detail::solve_conjugate_directions' DCDM rule (normalised input, MGS, K kept
// directions, residual refresh) with PETSc's vector operations. With -pc_type none and
// K = 1 it is CG, which the tests use as a check.
#include <petsc/private/kspimpl.h>

#include <cmath>
#include <vector>

#include "solvers/petsc/exception_guard.hpp"
#include "solvers/petsc/las_petsc.h"
#include "solvers/petsc/plugin_internal.hpp"

namespace {

struct KSP_LasDcdm {
  PetscInt kept = 2;      // directions kept for A-orthogonalisation (the paper's 2)
  PetscInt refresh = 50;  // r <- b - A x every this many iterations (recurrence drift)
  std::vector<Vec> p, ap; // ring buffer of kept directions and their products with A
  std::vector<PetscReal> pap;
};

KSP_LasDcdm* context_of(KSP ksp) { return static_cast<KSP_LasDcdm*>(ksp->data); }
MPI_Comm comm_of(KSP ksp) { return PetscObjectComm(reinterpret_cast<PetscObject>(ksp)); }

PetscErrorCode destroy_directions(KSP_LasDcdm* ctx) {
  PetscFunctionBegin;
  for (Vec& v : ctx->p) PetscCall(VecDestroy(&v));
  for (Vec& v : ctx->ap) PetscCall(VecDestroy(&v));
  ctx->p.clear();
  ctx->ap.clear();
  ctx->pap.clear();
  PetscFunctionReturn(0);
}

PetscErrorCode KSPSetUp_LasDcdm(KSP ksp) {
  KSP_LasDcdm* ctx = context_of(ksp);
  PetscFunctionBegin;
  // Work vectors: r, q, A q.
  PetscCall(KSPSetWorkVecs(ksp, 3));
  PetscCall(destroy_directions(ctx));
  ctx->p.assign(static_cast<size_t>(ctx->kept), nullptr);
  ctx->ap.assign(static_cast<size_t>(ctx->kept), nullptr);
  ctx->pap.assign(static_cast<size_t>(ctx->kept), 0.0);
  for (PetscInt j = 0; j < ctx->kept; ++j) {
    PetscCall(VecDuplicate(ksp->work[0], &ctx->p[static_cast<size_t>(j)]));
    PetscCall(VecDuplicate(ksp->work[0], &ctx->ap[static_cast<size_t>(j)]));
  }
  PetscFunctionReturn(0);
}

// Records ||r|| for iteration `its` and asks PETSc's convergence test.
PetscErrorCode report_iteration(KSP ksp, PetscInt its, PetscReal rnorm) {
  PetscFunctionBegin;
  ksp->its = its;
  ksp->rnorm = rnorm;
  PetscCall(KSPLogResidualHistory(ksp, rnorm));
  PetscCall(KSPMonitor(ksp, its, rnorm));
  PetscCall((*ksp->converged)(ksp, its, rnorm, &ksp->reason, ksp->cnvP));
  PetscFunctionReturn(0);
}

PetscErrorCode KSPSolve_LasDcdm(KSP ksp) {
  KSP_LasDcdm* ctx = context_of(ksp);
  Vec x = ksp->vec_sol, b = ksp->vec_rhs, r = ksp->work[0], q = ksp->work[1], aq = ksp->work[2];
  Mat a = nullptr, pmat = nullptr;
  PetscReal rnorm = 0;
  PetscInt stored = 0, head = 0;  // directions in the ring buffer; next slot to write
  PetscFunctionBegin;
  PetscCall(PCGetOperators(ksp->pc, &a, &pmat));
  auto true_residual = [&]() -> PetscErrorCode {
    PetscFunctionBegin;
    PetscCall(KSP_MatMult(ksp, a, x, r));
    PetscCall(VecAYPX(r, -1.0, b));
    PetscFunctionReturn(0);
  };
  if (!ksp->guess_zero) PetscCall(true_residual());
  else PetscCall(VecCopy(b, r));
  PetscCall(VecNorm(r, NORM_2, &rnorm));
  KSPCheckNorm(ksp, rnorm);
  ksp->reason = KSP_CONVERGED_ITERATING;
  PetscCall(report_iteration(ksp, 0, rnorm));
  for (PetscInt it = 0; !ksp->reason && it < ksp->max_it; ++it) {
    PetscCall(KSP_PCApply(ksp, r, q));  // the network (or any PC) proposes a direction
    PetscCall(PetscLogEventBegin(las::petsc::log_events().dcdm_orthogonalize, ksp, 0, 0, 0));
    // Modified Gram-Schmidt in the A inner product, oldest kept direction first.
    for (PetscInt j = 0; j < stored; ++j) {
      const size_t slot = static_cast<size_t>((head - stored + j + ctx->kept) % ctx->kept);
      PetscScalar qap = 0;
      PetscCall(VecDot(q, ctx->ap[slot], &qap));
      PetscCall(VecAXPY(q, -qap / ctx->pap[slot], ctx->p[slot]));
    }
    PetscCall(PetscLogEventEnd(las::petsc::log_events().dcdm_orthogonalize, ksp, 0, 0, 0));
    PetscCall(KSP_MatMult(ksp, a, q, aq));
    PetscScalar qaq = 0, qr = 0;
    PetscCall(VecDot(q, aq, &qaq));
    PetscCall(VecDot(q, r, &qr));
    KSPCheckDot(ksp, qaq);
    if (!(std::isfinite(PetscRealPart(qaq)) && std::isfinite(PetscRealPart(qr)))) {
      ksp->reason = KSP_DIVERGED_NANORINF;
      break;
    }
    if (PetscRealPart(qaq) <= 0) {
      // Zero: the PC returned a direction in the span of the kept ones (or zero).
      ksp->reason = PetscRealPart(qaq) < 0 ? KSP_DIVERGED_INDEFINITE_MAT : KSP_DIVERGED_BREAKDOWN;
      break;
    }
    const PetscScalar step = qr / qaq;
    PetscCall(VecAXPY(x, step, q));
    if (ctx->refresh > 0 && (it + 1) % ctx->refresh == 0) PetscCall(true_residual());
    else PetscCall(VecAXPY(r, -step, aq));
    if (ctx->kept > 0) {  // keep (q, Aq, q'Aq), evicting the oldest
      const size_t slot = static_cast<size_t>(head);
      PetscCall(VecCopy(q, ctx->p[slot]));
      PetscCall(VecCopy(aq, ctx->ap[slot]));
      ctx->pap[slot] = PetscRealPart(qaq);
      head = (head + 1) % ctx->kept;
      stored = PetscMin(stored + 1, ctx->kept);
    }
    PetscCall(VecNorm(r, NORM_2, &rnorm));
    KSPCheckNorm(ksp, rnorm);
    PetscCall(report_iteration(ksp, it + 1, rnorm));
  }
  if (!ksp->reason) ksp->reason = KSP_DIVERGED_ITS;
  PetscFunctionReturn(0);
}

PetscErrorCode KSPSetFromOptions_LasDcdm(KSP ksp, PetscOptionItems* PetscOptionsObject) {
  return las::petsc::guarded(comm_of(ksp), "KSPSetFromOptions_LasDcdm", [&]() -> PetscErrorCode {
    KSP_LasDcdm* ctx = context_of(ksp);
    char model[PETSC_MAX_PATH_LEN] = "";
    PetscBool model_set = PETSC_FALSE;
    PetscInt kept = ctx->kept;
    PetscOptionsHeadBegin(PetscOptionsObject, "las deep conjugate directions (KSPLASDCDM) options");
    PetscCall(PetscOptionsString("-ksp_lasdcdm_model",
                                 "HDF5 model file of a las DCDM network, for the default PC (PCLASNN)",
                                 "PCLasNNSetModel", model, model, sizeof(model), &model_set));
    PetscCall(PetscOptionsInt("-ksp_lasdcdm_directions", "Previous directions each new one is A-orthogonalised against",
                              "KSPLASDCDM", kept, &kept, nullptr));
    PetscCall(PetscOptionsInt("-ksp_lasdcdm_refresh", "Recompute r = b - A x every this many iterations (0: never)",
                              "KSPLASDCDM", ctx->refresh, &ctx->refresh, nullptr));
    PetscOptionsHeadEnd();
    PetscCheck(kept >= 0, comm_of(ksp), PETSC_ERR_ARG_OUTOFRANGE,
               "-ksp_lasdcdm_directions %" PetscInt_FMT ": must be >= 0", kept);
    PetscCheck(ctx->refresh >= 0, comm_of(ksp), PETSC_ERR_ARG_OUTOFRANGE,
               "-ksp_lasdcdm_refresh %" PetscInt_FMT ": must be >= 0", ctx->refresh);
    if (kept != ctx->kept) {
      ctx->kept = kept;
      ksp->setupstage = KSP_SETUP_NEW;  // reallocate the ring buffer
    }
    // The network is this method's direction map: PCLASNN unless -pc_type says otherwise.
    // (KSPSetFromOptions() has already given the PC PETSc's default type by now.)
    PC pc = nullptr;
    const char* prefix = nullptr;
    PetscBool pc_type_given = PETSC_FALSE;
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(KSPGetOptionsPrefix(ksp, &prefix));
    PetscCall(PetscOptionsHasName(reinterpret_cast<PetscObject>(ksp)->options, prefix, "-pc_type", &pc_type_given));
    if (!pc_type_given) PetscCall(PCSetType(pc, PCLASNN));
    if (model_set) PetscCall(PCLasNNSetModel(pc, model));
    return 0;
  });
}

PetscErrorCode KSPView_LasDcdm(KSP ksp, PetscViewer viewer) {
  KSP_LasDcdm* ctx = context_of(ksp);
  PetscBool ascii = PETSC_FALSE;
  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(viewer), PETSCVIEWERASCII, &ascii));
  if (ascii) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  las DCDM: A-orthogonalised against the last %" PetscInt_FMT
                                     " directions (modified Gram-Schmidt), residual refreshed every %" PetscInt_FMT
                                     " iterations; directions from the PC (%s)\n",
                                     ctx->kept, ctx->refresh,
                                     ksp->pc && reinterpret_cast<PetscObject>(ksp->pc)->type_name
                                         ? reinterpret_cast<PetscObject>(ksp->pc)->type_name : "not set"));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode KSPReset_LasDcdm(KSP ksp) {
  PetscFunctionBegin;
  PetscCall(destroy_directions(context_of(ksp)));
  PetscFunctionReturn(0);
}

PetscErrorCode KSPDestroy_LasDcdm(KSP ksp) {
  PetscFunctionBegin;
  PetscCall(KSPReset_LasDcdm(ksp));
  delete context_of(ksp);
  ksp->data = nullptr;
  PetscFunctionReturn(0);
}

}  // namespace

/*MC
   KSPLASDCDM - "lasdcdm": the deep conjugate direction method with a las network.

   Options Database Keys:
+  -ksp_lasdcdm_model <file.h5> - the network for the default PC, PCLASNN (same as -pc_lasnn_model)
.  -ksp_lasdcdm_directions <2> - previous directions kept for A-orthogonalisation
-  -ksp_lasdcdm_refresh <50> - true-residual refresh period

   Notes: for symmetric positive definite operators. Unpreconditioned residual norm only.
   Any PC may supply the directions (-pc_type none with -ksp_lasdcdm_directions 1 is CG).
M*/
PetscErrorCode KSPCreate_LasDcdm(KSP ksp) {
  PC pc = nullptr;
  PetscFunctionBegin;
  ksp->data = new KSP_LasDcdm();
  PetscCall(KSPSetSupportedNorm(ksp, KSP_NORM_UNPRECONDITIONED, PC_LEFT, 3));
  PetscCall(KSPSetSupportedNorm(ksp, KSP_NORM_NONE, PC_LEFT, 1));
  ksp->ops->setup = KSPSetUp_LasDcdm;
  ksp->ops->solve = KSPSolve_LasDcdm;
  ksp->ops->setfromoptions = KSPSetFromOptions_LasDcdm;
  ksp->ops->view = KSPView_LasDcdm;
  ksp->ops->reset = KSPReset_LasDcdm;
  ksp->ops->destroy = KSPDestroy_LasDcdm;
  ksp->ops->buildsolution = KSPBuildSolutionDefault;
  ksp->ops->buildresidual = KSPBuildResidualDefault;
  // Set in code (KSPSetType without options), the network is the default direction map too.
  PetscCall(KSPGetPC(ksp, &pc));
  if (!reinterpret_cast<PetscObject>(pc)->type_name) PetscCall(PCSetType(pc, PCLASNN));
  PetscFunctionReturn(0);
}

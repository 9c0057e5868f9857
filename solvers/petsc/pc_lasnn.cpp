// SPDX-License-Identifier: BSD-3-Clause
// PCLASNN: the DCDM network (Kaneda et al., ICML 2023) as a nonlinear preconditioner,
// z = f(r / ||r||), on the grid of the operator's DMDA. Not symmetric and not linear: use
// it with KSPFCG, KSPFGMRES or KSPLASDCDM (whose default PC it is).
#include <petsc/private/pcimpl.h>
#include <petscdm.h>

#include <memory>
#include <string>

#include "solvers/core/error.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/petsc/dmda_grid.hpp"
#include "solvers/petsc/exception_guard.hpp"
#include "solvers/petsc/kokkos_scope.hpp"
#include "solvers/petsc/las_petsc.h"
#include "solvers/petsc/network_map.hpp"
#include "solvers/petsc/plugin_internal.hpp"

namespace {

using las::petsc::guarded;

// Where las's trainer (DcdmTrainer::write_model) stores the network in a model file.
constexpr const char* kNetworkGroup = "network";

struct PC_LasNN {
  std::string model_file;
  std::string loaded_file;  // the file map was built from
  DM grid_dm = nullptr;     // the DMDA map's grid was built from (not referenced)
  std::unique_ptr<las::petsc::NetworkMap> map;
};

PC_LasNN* context_of(PC pc) { return static_cast<PC_LasNN*>(pc->data); }
MPI_Comm comm_of(PC pc) { return PetscObjectComm(reinterpret_cast<PetscObject>(pc)); }

PetscErrorCode PCSetFromOptions_LasNN(PC pc, PetscOptionItems* PetscOptionsObject) {
  return guarded(comm_of(pc), "PCSetFromOptions_LasNN", [&]() -> PetscErrorCode {
    PC_LasNN* ctx = context_of(pc);
    char file[PETSC_MAX_PATH_LEN];
    PetscBool set = PETSC_FALSE;
    PetscCall(PetscStrncpy(file, ctx->model_file.c_str(), sizeof(file)));
    PetscOptionsHeadBegin(PetscOptionsObject, "las network preconditioner (PCLASNN) options");
    PetscCall(PetscOptionsString("-pc_lasnn_model", "HDF5 model file of a las DCDM network (las_dcdm_train)",
                                 "PCLasNNSetModel", file, file, sizeof(file), &set));
    PetscOptionsHeadEnd();
    if (set) ctx->model_file = file;
    return 0;
  });
}

PetscErrorCode PCSetUp_LasNN(PC pc) {
  return guarded(comm_of(pc), "PCSetUp_LasNN", [&]() -> PetscErrorCode {
    PC_LasNN* ctx = context_of(pc);
    if (ctx->model_file.empty()) {
      // Made PCLASNN after PCSetFromOptions() ran (KSPLASDCDM's default): read the option now.
      char file[PETSC_MAX_PATH_LEN];
      const char* prefix = nullptr;
      PetscBool set = PETSC_FALSE;
      PetscCall(PCGetOptionsPrefix(pc, &prefix));
      PetscCall(PetscOptionsGetString(reinterpret_cast<PetscObject>(pc)->options, prefix, "-pc_lasnn_model", file,
                                      sizeof(file), &set));
      if (set) ctx->model_file = file;
    }
    PetscCheck(!ctx->model_file.empty(), comm_of(pc), PETSC_ERR_USER_INPUT,
               "PCLASNN: no network: give -pc_lasnn_model FILE (or -ksp_lasdcdm_model FILE with KSPLASDCDM)");
    Mat a = nullptr, p = nullptr;
    DM dm = nullptr;
    PetscCall(PCGetOperators(pc, &a, &p));
    PetscCall(MatGetDM(p, &dm));
    // A new matrix on the same grid (a time step, a Newton step) keeps the network.
    if (ctx->map && ctx->loaded_file == ctx->model_file && dm && dm == ctx->grid_dm) return 0;
    PetscCall(las::petsc::ensure_kokkos_initialized());
    std::unique_ptr<las::BoxGrid> grid;
    PetscCall(las::petsc::box_grid_from_operator(pc, "PCLASNN", &grid));
    ctx->map.reset();
    las::nn::DcdmNetwork network = [&] {
      try {
        return las::nn::read_network(grid->comm(), ctx->model_file, kNetworkGroup);
      } catch (const las::InputError& e) {
        // The reader names the file and object; say which options give it.
        throw las::InputError(std::string("-pc_lasnn_model/-ksp_lasdcdm_model ") + ctx->model_file + ": " + e.what());
      }
    }();
    PetscCall(PetscLogEventBegin(las::petsc::log_events().nn_setup, pc, 0, 0, 0));
    ctx->map = std::make_unique<las::petsc::NetworkMap>(std::move(grid), std::move(network), ctx->model_file);
    PetscCall(PetscLogEventEnd(las::petsc::log_events().nn_setup, pc, 0, 0, 0));
    ctx->loaded_file = ctx->model_file;
    ctx->grid_dm = dm;
    return 0;
  });
}

PetscErrorCode PCApply_LasNN(PC pc, Vec r, Vec z) {
  return guarded(comm_of(pc), "PCApply_LasNN", [&]() -> PetscErrorCode {
    PC_LasNN* ctx = context_of(pc);
    const PetscScalar* in = nullptr;
    PetscScalar* out = nullptr;
    PetscCall(PetscLogEventBegin(las::petsc::log_events().nn_apply, pc, r, z, 0));
    PetscCall(VecGetArrayRead(r, &in));
    PetscCall(VecGetArrayWrite(z, &out));
    ctx->map->apply(in, out);
    PetscCall(VecRestoreArrayWrite(z, &out));
    PetscCall(VecRestoreArrayRead(r, &in));
    const las::nn::NetworkArchitecture& arch = ctx->map->network().architecture();
    PetscCall(PetscLogFlops(arch.flops_per_cell() * static_cast<double>(ctx->map->grid().local_cells())));
    PetscCall(PetscLogEventEnd(las::petsc::log_events().nn_apply, pc, r, z, 0));
    return 0;
  });
}

PetscErrorCode PCView_LasNN(PC pc, PetscViewer viewer) {
  return guarded(comm_of(pc), "PCView_LasNN", [&]() -> PetscErrorCode {
    PC_LasNN* ctx = context_of(pc);
    PetscBool ascii = PETSC_FALSE;
    PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(viewer), PETSCVIEWERASCII, &ascii));
    if (!ascii) return 0;
    PetscCall(PetscViewerASCIIPrintf(viewer, "  las DCDM network: model %s\n",
                                     ctx->model_file.empty() ? "(none)" : ctx->model_file.c_str()));
    if (!ctx->map) return 0;
    const las::nn::NetworkArchitecture& arch = ctx->map->network().architecture();
    PetscCall(PetscViewerASCIIPrintf(viewer, "  network: %s, %.0f flops per cell per application\n",
                                     arch.description().c_str(), arch.flops_per_cell()));
    PetscCall(PetscViewerASCIIPrintf(viewer, "  grid from the DMDA: %s; applications so far: %lld\n",
                                     ctx->map->grid().description().c_str(), ctx->map->applications()));
    return 0;
  });
}

PetscErrorCode PCDestroy_LasNN(PC pc) {
  PetscFunctionBegin;
  delete context_of(pc);
  pc->data = nullptr;
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasNNSetModel_C", nullptr));
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasNNSetModel_LasNN(PC pc, const char file[]) {
  PetscFunctionBegin;
  context_of(pc)->model_file = file;
  PetscFunctionReturn(0);
}

}  // namespace

/*MC
   PCLASNN - "lasnn": a trained las DCDM network as a nonlinear preconditioner.

   Options Database Keys:
.  -pc_lasnn_model <file.h5> - the model file (las_dcdm_train's output)

   Notes: the operator must come from a 2D/3D DMDA with dof 1, star stencil, no periodic
   boundaries and a multiple of 2^levels cells per rank along each axis (even, for the paper's
   one pooling level). Use with KSPFCG or KSPFGMRES.
M*/
PetscErrorCode PCCreate_LasNN(PC pc) {
  PetscFunctionBegin;
  pc->data = new PC_LasNN();
  pc->ops->setfromoptions = PCSetFromOptions_LasNN;
  pc->ops->setup = PCSetUp_LasNN;
  pc->ops->apply = PCApply_LasNN;
  pc->ops->view = PCView_LasNN;
  pc->ops->destroy = PCDestroy_LasNN;
  PetscCall(PetscObjectComposeFunction(reinterpret_cast<PetscObject>(pc), "PCLasNNSetModel_C", PCLasNNSetModel_LasNN));
  PetscFunctionReturn(0);
}

PetscErrorCode PCLasNNSetModel(PC pc, const char file[]) {
  PetscFunctionBegin;
  PetscValidHeaderSpecific(pc, PC_CLASSID, 1);
  PetscTryMethod(pc, "PCLasNNSetModel_C", (PC, const char[]), (pc, file));
  PetscFunctionReturn(0);
}

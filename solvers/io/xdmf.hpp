// SPDX-License-Identifier: BSD-3-Clause
// XDMF sidecar so ParaView / VisIt open the grid fields of an HDF5 file.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/comm.hpp"

namespace las::io {

/// The XDMF 3 text describing `fields` (datasets written by write_field) of
/// `h5_reference` on `grid`: a 3DCoRectMesh (2D: 2DCoRectMesh) with ORIGIN_DXDYDZ
/// (2D: ORIGIN_DXDY) geometry where node (i, j, k) sits at ((i+1)hx, (j+1)hy, (k+1)hz),
/// h = 1/(n+1) per axis (the interior nodes of the unit square/cube), and one
/// Center="Node" scalar attribute per field pointing at `h5_reference:/name`.
std::string xdmf_text(const std::string& h5_reference, const BoxGrid& grid,
                      const std::vector<std::string>& fields);

/// Collective: writes the XDMF sidecar `xmf_path` atomically (rank 0, temporary +
/// rename). `h5_filename` is the HDF5 file's path; the sidecar refers to it relative
/// to the sidecar's directory, so the pair can be moved together. Throws las::Error
/// on every rank on failure.
void write_xdmf(const Comm& comm, const std::string& xmf_path, const std::string& h5_filename,
                const BoxGrid& grid, const std::vector<std::string>& fields);

}  // namespace las::io

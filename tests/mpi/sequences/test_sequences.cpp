// SPDX-License-Identifier: BSD-3-Clause
// The sequences against their definitions: the shifted Laplacian's matrix is delsq + cI
// entry by entry and its instances do not depend on the rank count; the heat
// equation's κ(t) and Crank–Nicolson right-hand side; file sequences round-trip.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <unistd.h>

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/vector_io.hpp"
#include "solvers/sequences/file_sequence.hpp"
#include "solvers/sequences/heat_sequence.hpp"
#include "solvers/sequences/shifted_laplacian_sequence.hpp"

namespace las::sequences {
namespace {

// The global natural index of each local entry, to compare vectors across rank counts.
double weighted_sum(const BoxGrid& grid, const DistVector& v) {
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  const auto& n = grid.local_extent();
  const auto& o = grid.offset();
  const auto& g = grid.global_extent();
  double s = 0;
  long long p = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) {
        const long long natural = (o[0] + i) + g[0] * ((o[1] + j) + g[1] * (o[2] + k));
        s += std::sin(1.0 + static_cast<double>(natural)) * host(p++);
      }
  return grid.comm().sum(s);
}

TEST(ShiftedLaplacian, MatrixIsDelsqPlusShift) {
  Comm comm;
  ShiftedLaplacianOptions o;
  o.n = 6;
  ShiftedLaplacianSequence seq(comm, o);
  for (long long t : {0LL, 5LL}) {
    Instance inst = seq.instance(t);
    const double c = seq.shift(t);
    EXPECT_DOUBLE_EQ(inst.context, c);
    EXPECT_GE(c, -0.15);
    EXPECT_LE(c, 0.45);
    const CsrRows rows = assembled(inst)->local_rows_global();
    for (long long i = 0; i < rows.local_rows(); ++i) {
      int neighbours = 0;
      for (size_t e = rows.row_ptr[i]; e < rows.row_ptr[i + 1]; ++e) {
        if (rows.cols[e] == rows.row_offset + i) {
          EXPECT_DOUBLE_EQ(rows.values[e], 4.0 + c);
        } else if (rows.values[e] != 0.0) {
          EXPECT_DOUBLE_EQ(rows.values[e], -1.0);
          ++neighbours;
        }
      }
      EXPECT_GE(neighbours, 2);
      EXPECT_LE(neighbours, 4);
    }
  }
}

TEST(ShiftedLaplacian, InstancesIndependentOfRankCount) {
  Comm comm;
  ShiftedLaplacianOptions o;
  o.n = 9;
  ShiftedLaplacianSequence seq(comm, o);
  Instance inst = seq.instance(3);
  // The same instance generated on a single rank (MPI_COMM_SELF) is the oracle.
  Comm self(MPI_COMM_SELF);
  ShiftedLaplacianSequence serial(self, o);
  Instance ref = serial.instance(3);
  EXPECT_DOUBLE_EQ(inst.context, ref.context);
  EXPECT_NEAR(weighted_sum(seq.grid(), inst.b), weighted_sum(serial.grid(), ref.b), 1e-12);
  EXPECT_LE(norm2(inst.b), std::sqrt(81.0) + 1e-12);  // truncated to ||b|| <= sqrt(n)
}

TEST(ShiftedLaplacian, YoungOmegaMatchesPublishedValue) {
  // The notes' single-solve oracle: omega* = 1.5604 at c = 0 and 1.8536 at c = -0.15 (n = 10).
  EXPECT_NEAR(young_omega_shifted_laplacian(2, 10, 0.0), 1.5604, 1e-4);
  EXPECT_NEAR(young_omega_shifted_laplacian(2, 10, -0.15), 1.8536, 1e-4);
}

TEST(Heat, DiffusivityFollowsThePaper) {
  EXPECT_NEAR(HeatSequence::diffusivity(0.25), 0.1, 1e-14);
  EXPECT_NEAR(HeatSequence::diffusivity(0.75), 10.0, 1e-12);
  EXPECT_GE(HeatSequence::diffusivity(0.5), 0.0);
}

TEST(Heat, CrankNicolsonRightHandSide) {
  // With the assembled -Δ_h (an independent route to the same matrix) the instance must
  // satisfy A = I + ½ dt κ_{n+1} (-Δ_h) and b = (I - ½ dt κ_n (-Δ_h)) u + dt f.
  Comm comm;
  HeatOptions o;
  o.nx = 9;
  HeatSequence seq(comm, o);
  const long long t = 300;  // κ_n, κ_{n+1} far from 0
  Instance inst = seq.instance(t);
  const double kn = HeatSequence::diffusivity(t * o.dt);
  const double kn1 = HeatSequence::diffusivity((t + 1) * o.dt);
  EXPECT_DOUBLE_EQ(inst.context, kn1);
  // A, entry by entry from the formula.
  const CsrRows rows = assembled(inst)->local_rows_global();
  const double h = 1.0 / o.nx;
  for (long long i = 0; i < rows.local_rows(); ++i) {
    for (size_t e = rows.row_ptr[i]; e < rows.row_ptr[i + 1]; ++e) {
      if (rows.cols[e] == rows.row_offset + i) {
        EXPECT_NEAR(rows.values[e], 1.0 + 0.5 * o.dt * kn1 * 4.0 / (h * h), 1e-12);
      } else {
        EXPECT_NEAR(rows.values[e], -0.5 * o.dt * kn1 / (h * h), 1e-12);
      }
    }
  }
  // b - (I - ½ dt κ_n (-Δ_h)) u = dt f with f a bump of height 32: 0 <= f <= 32 up to
  // the rounding of b - u (|u| <= 1: 1e-15 / dt).
  ASSERT_GT(kn, 0.0);
  const StencilOperator half_laplacian(seq.grid(), 0.5 * o.dt * kn, 0.0);
  DistVector f = inst.b.clone();
  DistVector lu = inst.b.similar();
  half_laplacian.apply(seq.state(), lu);
  axpy(-1.0, seq.state(), f);
  axpy(1.0, lu, f);
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f.view());
  double local_max = 0;
  for (size_t i = 0; i < host.extent(0); ++i) {
    EXPECT_GE(host(i) / o.dt, -1e-11);
    local_max = std::max(local_max, host(i) / o.dt);
  }
  EXPECT_LE(comm.max(local_max), 32.0 * (1 + 1e-12));
  EXPECT_GT(comm.max(local_max), 1.0);  // the bump is on the grid
  // Warm start: x0 is the current state.
  DistVector diff = inst.x0.clone();
  axpy(-1.0, seq.state(), diff);
  EXPECT_EQ(norm2(diff), 0.0);
}

TEST(Heat, AcceptAdvancesTheState) {
  Comm comm;
  HeatOptions o;
  o.nx = 7;
  HeatSequence seq(comm, o);
  Instance inst = seq.instance(0);
  seq.accept(0, inst.b);
  DistVector diff = seq.state().clone();
  axpy(-1.0, inst.b, diff);
  EXPECT_EQ(norm2(diff), 0.0);
}

TEST(FileSequence, RoundTripsSystemsAndContexts) {
  Comm comm;
  std::string dir;
  if (comm.is_root()) dir = std::filesystem::temp_directory_path() / ("las_seq_test_" + std::to_string(::getpid()));
  dir = comm.broadcast(dir);
  if (comm.is_root()) std::filesystem::create_directories(dir);
  comm.barrier();
  ShiftedLaplacianOptions o;
  o.n = 5;
  ShiftedLaplacianSequence source(comm, o);
  std::vector<double> contexts;
  for (int t = 0; t < 3; ++t) {
    Instance inst = source.instance(t);
    const auto m = assembled(inst);
    io::OutputFile out(comm, dir + "/sys_" + std::to_string(t) + ".h5", "");
    io::write_csr(out, "A", m->local_rows_global());
    io::write_vector(out, "b", inst.b);
    out.set_attribute("context", std::to_string(inst.context));
    out.commit();
    contexts.push_back(std::stod(std::to_string(inst.context)));
  }
  FileSequenceOptions fo;
  fo.pattern = dir + "/sys_%d.h5";
  fo.length = 3;
  FileSequence files(comm, fo);
  for (int t = 0; t < 3; ++t) {
    Instance read = files.instance(t);
    Instance orig = source.instance(t);
    EXPECT_DOUBLE_EQ(read.context, contexts[t]);
    // Same system: A x and b agree for x = b (distributions may differ: compare norms).
    DistVector ax_read = read.b.similar(), ax_orig = orig.b.similar();
    read.a->apply(read.b, ax_read);
    orig.a->apply(orig.b, ax_orig);
    EXPECT_NEAR(norm2(read.b), norm2(orig.b), 1e-13);
    EXPECT_NEAR(norm2(ax_read), norm2(ax_orig), 1e-12);
    EXPECT_NEAR(dot(read.b, ax_read), dot(orig.b, ax_orig), 1e-11);
  }
  FileSequenceOptions missing = fo;
  missing.pattern = dir + "/none_%d.h5";
  FileSequence none(comm, missing);
  try {
    none.instance(0);
    ADD_FAILURE() << "no error for a missing file";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("none_0.h5"), std::string::npos) << e.what();
  }
  comm.barrier();
  if (comm.is_root()) std::filesystem::remove_all(dir);
}

// h5py writes `f.attrs["context"] = 0.3` as a float64 scalar: read it as the context.
void write_float_attribute(const std::string& file, const std::string& name, double value) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(f, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(attr, H5T_NATIVE_DOUBLE, &value);
  H5Aclose(attr);
  H5Sclose(space);
  H5Fclose(f);
}

TEST(FileSequence, ReadsNumericAndRejectsNonNumericContexts) {
  Comm comm;
  std::string dir;
  if (comm.is_root()) dir = std::filesystem::temp_directory_path() / ("las_ctx_test_" + std::to_string(::getpid()));
  dir = comm.broadcast(dir);
  if (comm.is_root()) std::filesystem::create_directories(dir);
  comm.barrier();
  ShiftedLaplacianOptions o;
  o.n = 4;
  ShiftedLaplacianSequence source(comm, o);
  for (int t = 0; t < 2; ++t) {
    Instance inst = source.instance(t);
    io::OutputFile out(comm, dir + "/s_" + std::to_string(t) + ".h5", "");
    io::write_csr(out, "A", assembled(inst)->local_rows_global());
    io::write_vector(out, "b", inst.b);
    if (t == 1) out.set_attribute("context", "not a number");
    out.commit();
  }
  if (comm.is_root()) write_float_attribute(dir + "/s_0.h5", "context", 0.3125);
  comm.barrier();
  FileSequenceOptions fo;
  fo.pattern = dir + "/s_%d.h5";
  fo.length = 2;
  FileSequence files(comm, fo);
  EXPECT_EQ(files.instance(0).context, 0.3125);
  try {
    files.instance(1);
    ADD_FAILURE() << "no error for a non-numeric context";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("s_1.h5: root attribute 'context' is not a number"), std::string::npos)
        << e.what();
  }
  comm.barrier();
  if (comm.is_root()) std::filesystem::remove_all(dir);
}

TEST(FileSequence, RejectsPatternWithoutInteger) {
  Comm comm;
  FileSequenceOptions fo;
  fo.pattern = "systems.h5";
  EXPECT_THROW(FileSequence(comm, fo), ConfigError);
}

}  // namespace
}  // namespace las::sequences

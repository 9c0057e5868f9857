// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_problem.hpp"

#include <mpi.h>

#include <cmath>
#include <sstream>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"

namespace las::ot {
namespace {

// Every rank throws the same InputError: the message of the lowest rank that found a
// problem (so a bad entry that only one rank holds cannot leave the others waiting in
// the solver's next collective).
void throw_if_any(const Comm& comm, const std::string& local_error) {
  int culprit = local_error.empty() ? comm.size() : comm.rank();
  MPI_Allreduce(MPI_IN_PLACE, &culprit, 1, MPI_INT, MPI_MIN, comm.get());
  if (culprit == comm.size()) return;
  std::string msg = local_error;
  int len = static_cast<int>(msg.size());
  MPI_Bcast(&len, 1, MPI_INT, culprit, comm.get());
  msg.resize(static_cast<size_t>(len));
  MPI_Bcast(msg.data(), len, MPI_CHAR, culprit, comm.get());
  throw InputError(msg);
}

// "" when every weight is finite and > 0 (zero weights would make log r = -inf in the
// potentials: drop such points instead).
std::string check_weights(const std::vector<double>& w, const char* name) {
  if (w.empty()) return std::string(name) + " weights are empty";
  for (size_t i = 0; i < w.size(); ++i)
    if (!std::isfinite(w[i]) || !(w[i] > 0)) {
      std::ostringstream os;
      os << name << " weight " << name[0] << "[" << i << "] = " << w[i]
         << " is not a positive finite number";
      return os.str();
    }
  return "";
}

kernels::Vector to_device(const std::vector<double>& h, const char* label) {
  kernels::Vector d(std::string(label), h.size());
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < h.size(); ++i) m(i) = h[i];
  Kokkos::deep_copy(d, m);
  return d;
}

kernels::Matrix to_device(const std::vector<double>& h, size_t rows, size_t cols,
                          const char* label) {
  kernels::Matrix d(std::string(label), rows, cols);
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) m(i, j) = h[i * cols + j];
  Kokkos::deep_copy(d, m);
  return d;
}

// "" when every value is finite; otherwise names the first bad entry by global index.
std::string check_finite(const std::vector<double>& v, size_t row_length, long long row_offset,
                         const char* what) {
  for (size_t e = 0; e < v.size(); ++e)
    if (!std::isfinite(v[e])) {
      std::ostringstream os;
      os << what << "(" << row_offset + static_cast<long long>(e / row_length) << ", "
         << e % row_length << ") = " << v[e] << " is not finite";
      return os.str();
    }
  return "";
}

}  // namespace

OtCost parse_cost(const std::string& name) {
  if (name == "sqeuclidean") return OtCost::SquaredEuclidean;
  if (name == "euclidean") return OtCost::Euclidean;
  if (name == "l1") return OtCost::L1;
  throw InputError("unknown cost '" + name + "' (expected sqeuclidean, euclidean or l1)");
}

std::string to_string(OtCost cost) {
  switch (cost) {
    case OtCost::SquaredEuclidean: return "sqeuclidean";
    case OtCost::Euclidean: return "euclidean";
    case OtCost::L1: return "l1";
  }
  return "?";
}

OtProblem::OtProblem(const Comm& comm, const std::vector<double>& r, const std::vector<double>& c)
    : comm_(comm) {
  std::string err = check_weights(r, "row");
  if (err.empty()) err = check_weights(c, "column");
  double sr = 0, sc = 0;
  for (double v : r) sr += v;
  for (double v : c) sc += v;
  if (err.empty() && std::abs(sr - sc) > kMassTolerance * sr) {
    std::ostringstream os;
    os.precision(17);
    os << "row and column weights have different masses: sum r = " << sr << ", sum c = " << sc;
    err = os.str();
  }
  throw_if_any(comm_, err);
  rows_ = static_cast<long long>(r.size());
  cols_ = static_cast<long long>(c.size());
  block_rows(rows_, comm_, local_rows_, row_offset_);
  block_rows(cols_, comm_, local_cols_, col_offset_);
  std::vector<double> r_local(r.begin() + row_offset_, r.begin() + row_offset_ + local_rows_);
  // Equal masses to the last bit: the marginal error cannot fall below |Σr - Σc|.
  std::vector<double> c_scaled = c;
  for (double& v : c_scaled) v *= sr / sc;
  r_local_ = to_device(r_local, "las::ot_r");
  c_ = to_device(c_scaled, "las::ot_c");
  mass_ = sr;
  min_weight_ = max_weight_ = r[0];
  for (const std::vector<double>* w : {&r, static_cast<const std::vector<double>*>(&c_scaled)})
    for (double v : *w) {
      min_weight_ = std::min(min_weight_, v);
      max_weight_ = std::max(max_weight_, v);
    }
}

OtProblem OtProblem::dense(const Comm& comm, const std::vector<double>& r,
                           const std::vector<double>& c, const std::vector<double>& cost_block) {
  OtProblem p(comm, r, c);
  const size_t n = static_cast<size_t>(p.cols_);
  std::string err;
  if (cost_block.size() != static_cast<size_t>(p.local_rows_) * n) {
    std::ostringstream os;
    os << "cost block on rank " << comm.rank() << " has " << cost_block.size()
       << " entries, expected " << p.local_rows_ << " rows x " << n << " columns";
    err = os.str();
  }
  if (err.empty()) err = check_finite(cost_block, n, p.row_offset_, "cost");
  throw_if_any(comm, err);
  p.cost_block_ = to_device(cost_block, static_cast<size_t>(p.local_rows_), n, "las::ot_cost");
  return p;
}

OtProblem OtProblem::points(const Comm& comm, const std::vector<double>& r,
                            const std::vector<double>& c, const std::vector<double>& row_points,
                            const std::vector<double>& col_points, int dim, OtCost metric) {
  OtProblem p(comm, r, c);
  std::string err;
  const size_t d = dim > 0 ? static_cast<size_t>(dim) : 1;
  if (dim <= 0) {
    err = "point dimension " + std::to_string(dim) + " is not positive";
  } else if (row_points.size() != static_cast<size_t>(p.local_rows_) * d) {
    std::ostringstream os;
    os << "row points on rank " << comm.rank() << " have " << row_points.size()
       << " coordinates, expected " << p.local_rows_ << " points x " << dim;
    err = os.str();
  } else if (col_points.size() != static_cast<size_t>(p.cols_) * d) {
    std::ostringstream os;
    os << "column points have " << col_points.size() << " coordinates, expected " << p.cols_
       << " points x " << dim;
    err = os.str();
  }
  if (err.empty()) err = check_finite(row_points, d, p.row_offset_, "row point");
  if (err.empty()) err = check_finite(col_points, d, 0, "column point");
  throw_if_any(comm, err);
  p.has_points_ = true;
  p.metric_ = metric;
  p.dim_ = dim;
  p.row_points_ = to_device(row_points, static_cast<size_t>(p.local_rows_), d, "las::ot_row_points");
  p.col_points_ = to_device(col_points, static_cast<size_t>(p.cols_), d, "las::ot_col_points");
  return p;
}

std::string OtProblem::description() const {
  std::ostringstream os;
  if (has_points_)
    os << "points " << rows_ << " x " << cols_ << " in " << dim_ << "D, " << to_string(metric_);
  else
    os << "dense cost " << rows_ << " x " << cols_;
  os << " on " << comm_.size() << (comm_.size() == 1 ? " rank" : " ranks");
  return os.str();
}

}  // namespace las::ot

// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/dist_csr_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <unordered_map>

#include "solvers/core/comm_counters.hpp"
#include "solvers/core/error.hpp"

namespace las {

void block_rows(long long n, const Comm& comm, long long& local, long long& offset) {
  const long long base = n / comm.size();
  const long long extra = n % comm.size();
  const long long r = comm.rank();
  local = base + (r < extra ? 1 : 0);
  offset = r * base + std::min(r, extra);
}

/// Who sends what: ghosts arrive in one contiguous segment per owning rank (ghost
/// columns are sorted and ownership ranges are contiguous), so receives go straight
/// into the ghost vector; sends gather owned entries by index.
struct DistCsrMatrix::Plan {
  std::vector<long long> ghost_cols;         // global column of each ghost
  std::vector<int> recv_ranks, recv_counts, recv_offsets;
  std::vector<int> send_ranks, send_counts, send_offsets;
  Kokkos::View<int*, kernels::MemSpace> send_index;  // local rows to gather
  kernels::Vector send_buffer, ghost_values;
  mutable std::vector<MPI_Request> requests;
};

namespace {

kernels::CsrMatrix make_block(const std::string& label, int rows, int cols,
                              const std::vector<size_t>& ptr, const std::vector<int>& idx,
                              const std::vector<double>& val) {
  Kokkos::View<size_t*, kernels::MemSpace> row_map(label + "_rows", ptr.size());
  Kokkos::View<int*, kernels::MemSpace> entries(label + "_cols", idx.size());
  Kokkos::View<double*, kernels::MemSpace> values(label + "_vals", val.size());
  auto hr = Kokkos::create_mirror_view(row_map);
  auto he = Kokkos::create_mirror_view(entries);
  auto hv = Kokkos::create_mirror_view(values);
  for (size_t i = 0; i < ptr.size(); ++i) hr(i) = ptr[i];
  for (size_t i = 0; i < idx.size(); ++i) he(i) = idx[i], hv(i) = val[i];
  Kokkos::deep_copy(row_map, hr);
  Kokkos::deep_copy(entries, he);
  Kokkos::deep_copy(values, hv);
  return kernels::CsrMatrix(label, rows, cols, static_cast<size_t>(val.size()), values, row_map, entries);
}

std::vector<long long> gather_starts(const Comm& comm, long long offset) {
  std::vector<long long> starts(comm.size());
  MPI_Allgather(&offset, 1, MPI_LONG_LONG, starts.data(), 1, MPI_LONG_LONG, comm.get());
  return starts;
}

int owner_of(const std::vector<long long>& starts, long long col) {
  return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), col) - starts.begin()) - 1;
}

}  // namespace

DistCsrMatrix::DistCsrMatrix(const Comm& comm, const CsrRows& rows)
    : comm_(comm), plan_(std::make_unique<Plan>()) {
  global_rows_ = rows.global_rows;
  local_rows_ = rows.local_rows();
  row_offset_ = rows.row_offset;
  const bool square = rows.global_rows == rows.global_cols;
  if (comm_.any(!square))
    throw InputError("matrix is not square (" + std::to_string(rows.global_rows) + " x " +
                     std::to_string(rows.global_cols) + ")");
  const long long expect_offset = comm_.exclusive_prefix_sum(local_rows_);
  const bool consistent = expect_offset == row_offset_ &&
                          rows.row_ptr.size() == static_cast<size_t>(local_rows_ + 1) &&
                          rows.cols.size() == rows.row_ptr.back() &&
                          rows.values.size() == rows.cols.size();
  LAS_CHECK(!comm_.any(!consistent) && comm_.sum(local_rows_) == global_rows_,
            "DistCsrMatrix: row blocks must be contiguous, in rank order, and cover the matrix");
  global_nnz_ = comm_.sum(static_cast<long long>(rows.values.size()));
  const auto starts = gather_starts(comm_, row_offset_);

  // Split columns into owned (diagonal block) and sorted unique ghosts.
  bool out_of_range = false;
  std::vector<long long> ghosts;
  for (long long c : rows.cols) {
    if (c < 0 || c >= global_rows_) out_of_range = true;
    else if (c < row_offset_ || c >= row_offset_ + local_rows_) ghosts.push_back(c);
  }
  if (comm_.any(out_of_range))
    throw InputError("matrix has a column index outside [0, " + std::to_string(global_rows_) + ")");
  std::sort(ghosts.begin(), ghosts.end());
  ghosts.erase(std::unique(ghosts.begin(), ghosts.end()), ghosts.end());
  std::unordered_map<long long, int> ghost_index;
  for (size_t g = 0; g < ghosts.size(); ++g) ghost_index[ghosts[g]] = static_cast<int>(g);

  std::vector<size_t> dptr{0}, optr{0};
  std::vector<int> didx, oidx;
  std::vector<double> dval, oval;
  for (long long i = 0; i < local_rows_; ++i) {
    for (size_t e = rows.row_ptr[i]; e < rows.row_ptr[i + 1]; ++e) {
      const long long c = rows.cols[e];
      if (c >= row_offset_ && c < row_offset_ + local_rows_) {
        didx.push_back(static_cast<int>(c - row_offset_));
        dval.push_back(rows.values[e]);
      } else {
        oidx.push_back(ghost_index[c]);
        oval.push_back(rows.values[e]);
      }
    }
    dptr.push_back(didx.size());
    optr.push_back(oidx.size());
  }
  const int nloc = static_cast<int>(local_rows_);
  diag_block_ = make_block("las::csr_diag", nloc, nloc, dptr, didx, dval);
  offdiag_block_ = make_block("las::csr_offdiag", nloc, static_cast<int>(ghosts.size()), optr, oidx, oval);

  // Import plan: tell every owner which of its rows we need.
  Plan& p = *plan_;
  p.ghost_cols = ghosts;
  std::vector<int> need(comm_.size(), 0), give(comm_.size(), 0);
  for (long long c : ghosts) ++need[owner_of(starts, c)];
  MPI_Alltoall(need.data(), 1, MPI_INT, give.data(), 1, MPI_INT, comm_.get());
  std::vector<int> need_off(comm_.size() + 1, 0), give_off(comm_.size() + 1, 0);
  for (int r = 0; r < comm_.size(); ++r) {
    need_off[r + 1] = need_off[r] + need[r];
    give_off[r + 1] = give_off[r] + give[r];
  }
  std::vector<long long> requested(give_off.back());
  MPI_Alltoallv(ghosts.data(), need.data(), need_off.data(), MPI_LONG_LONG, requested.data(),
                give.data(), give_off.data(), MPI_LONG_LONG, comm_.get());
  for (int r = 0; r < comm_.size(); ++r) {
    if (need[r] > 0) {
      p.recv_ranks.push_back(r);
      p.recv_counts.push_back(need[r]);
      p.recv_offsets.push_back(need_off[r]);
    }
    if (give[r] > 0) {
      p.send_ranks.push_back(r);
      p.send_counts.push_back(give[r]);
      p.send_offsets.push_back(give_off[r]);
    }
  }
  p.send_index = Kokkos::View<int*, kernels::MemSpace>("las::csr_send_index", requested.size());
  auto hsi = Kokkos::create_mirror_view(p.send_index);
  for (size_t i = 0; i < requested.size(); ++i) hsi(i) = static_cast<int>(requested[i] - row_offset_);
  Kokkos::deep_copy(p.send_index, hsi);
  p.send_buffer = kernels::Vector("las::csr_send", requested.size());
  p.ghost_values = kernels::Vector("las::csr_ghosts", ghosts.size());
  p.requests.resize(p.recv_ranks.size() + p.send_ranks.size());
}

DistCsrMatrix::~DistCsrMatrix() = default;
DistCsrMatrix::DistCsrMatrix(DistCsrMatrix&&) noexcept = default;

DistVector DistCsrMatrix::create_vector(const std::string& label) const {
  return DistVector(comm_, local_rows_, label);
}

int DistCsrMatrix::begin_import(const DistVector& x, double* dest) const {
  const CommPhase phase("csr_ghost_import");
  const Plan& p = *plan_;
  const MPI_Comm comm = comm_.get();
  int nreq = 0;
  for (size_t r = 0; r < p.recv_ranks.size(); ++r)
    MPI_Irecv(dest + p.recv_offsets[r], p.recv_counts[r], MPI_DOUBLE, p.recv_ranks[r], 7, comm,
              &p.requests[nreq++]);
  const auto xv = x.view();
  const auto idx = p.send_index;
  const auto buf = p.send_buffer;
  Kokkos::parallel_for(
      "las::csr_pack", Kokkos::RangePolicy<kernels::ExecSpace>(0, idx.extent(0)),
      KOKKOS_LAMBDA(size_t i) { buf(i) = xv(idx(i)); });
  Kokkos::fence();
  for (size_t r = 0; r < p.send_ranks.size(); ++r)
    MPI_Isend(p.send_buffer.data() + p.send_offsets[r], p.send_counts[r], MPI_DOUBLE,
              p.send_ranks[r], 7, comm, &p.requests[nreq++]);
  return nreq;
}

void DistCsrMatrix::apply(const DistVector& x, DistVector& y) const {
  const Plan& p = *plan_;
  const int nreq = begin_import(x, p.ghost_values.data());
  // The diagonal block needs no ghosts: it overlaps the messages in flight.
  kernels::spmv(1.0, diag_block_, x.view(), 0.0, y.view());
  MPI_Waitall(nreq, p.requests.data(), MPI_STATUSES_IGNORE);
  if (!p.ghost_cols.empty()) kernels::spmv(1.0, offdiag_block_, p.ghost_values, 1.0, y.view());
}

void DistCsrMatrix::import_ghosts(const DistVector& x, const kernels::Vector& ghosts) const {
  LAS_CHECK(ghosts.extent(0) == plan_->ghost_cols.size(),
            "import_ghosts: the ghost vector has " << ghosts.extent(0) << " entries, expected "
                                                   << plan_->ghost_cols.size());
  const int nreq = begin_import(x, ghosts.data());
  MPI_Waitall(nreq, plan_->requests.data(), MPI_STATUSES_IGNORE);
}

void DistCsrMatrix::diagonal(DistVector& d) const { kernels::csr_diagonal(diag_block_, d.view()); }

std::string DistCsrMatrix::description() const {
  std::ostringstream os;
  os << "CSR matrix " << global_rows_ << " x " << global_rows_ << ", " << global_nnz_
     << " non-zeros on " << comm_.size() << " rank" << (comm_.size() > 1 ? "s" : "");
  return os.str();
}

const std::vector<long long>& DistCsrMatrix::ghost_columns() const { return plan_->ghost_cols; }

CsrRows DistCsrMatrix::local_rows_global() const {
  CsrRows out;
  out.global_rows = out.global_cols = global_rows_;
  out.row_offset = row_offset_;
  auto dr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), diag_block_.graph.row_map);
  auto de = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), diag_block_.graph.entries);
  auto dv = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), diag_block_.values);
  auto orr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), offdiag_block_.graph.row_map);
  auto oe = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), offdiag_block_.graph.entries);
  auto ov = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), offdiag_block_.values);
  for (long long i = 0; i < local_rows_; ++i) {
    // Merge both blocks back into ascending global column order.
    std::map<long long, double> row;
    for (size_t e = dr(i); e < dr(i + 1); ++e) row[de(e) + row_offset_] += dv(e);
    for (size_t e = orr(i); e < orr(i + 1); ++e) row[plan_->ghost_cols[oe(e)]] += ov(e);
    for (const auto& [c, v] : row) {
      out.cols.push_back(c);
      out.values.push_back(v);
    }
    out.row_ptr.push_back(out.cols.size());
  }
  return out;
}

double DistCsrMatrix::symmetry_defect() const {
  // Send every off-diagonal entry (i, j, v) to the owner of row j as (j, i, v); the
  // owner compares with its A(j, i). Entries missing on either side count as 0.
  const CsrRows mine = local_rows_global();
  const auto starts = gather_starts(comm_, row_offset_);
  std::vector<std::vector<double>> out(comm_.size());
  double max_abs = 0;
  for (long long i = 0; i < local_rows_; ++i)
    for (size_t e = mine.row_ptr[i]; e < mine.row_ptr[i + 1]; ++e) {
      const long long gi = i + row_offset_, gj = mine.cols[e];
      max_abs = std::max(max_abs, std::abs(mine.values[e]));
      if (gi == gj) continue;
      auto& buf = out[owner_of(starts, gj)];
      buf.push_back(static_cast<double>(gj));
      buf.push_back(static_cast<double>(gi));
      buf.push_back(mine.values[e]);
    }
  std::vector<int> send_n(comm_.size()), recv_n(comm_.size());
  for (int r = 0; r < comm_.size(); ++r) send_n[r] = static_cast<int>(out[r].size());
  MPI_Alltoall(send_n.data(), 1, MPI_INT, recv_n.data(), 1, MPI_INT, comm_.get());
  std::vector<int> soff(comm_.size() + 1, 0), roff(comm_.size() + 1, 0);
  std::vector<double> sendbuf;
  for (int r = 0; r < comm_.size(); ++r) {
    soff[r + 1] = soff[r] + send_n[r];
    roff[r + 1] = roff[r] + recv_n[r];
    sendbuf.insert(sendbuf.end(), out[r].begin(), out[r].end());
  }
  std::vector<double> recvbuf(roff.back());
  MPI_Alltoallv(sendbuf.data(), send_n.data(), soff.data(), MPI_DOUBLE, recvbuf.data(),
                recv_n.data(), roff.data(), MPI_DOUBLE, comm_.get());
  // Transposed entries received per local (row, col); compare both directions.
  std::map<std::pair<long long, long long>, double> transposed;
  for (size_t t = 0; t + 2 < recvbuf.size(); t += 3)
    transposed[{static_cast<long long>(recvbuf[t]), static_cast<long long>(recvbuf[t + 1])}] += recvbuf[t + 2];
  double defect = 0;
  for (long long i = 0; i < local_rows_; ++i)
    for (size_t e = mine.row_ptr[i]; e < mine.row_ptr[i + 1]; ++e) {
      const long long gi = i + row_offset_, gj = mine.cols[e];
      if (gi == gj) continue;
      auto it = transposed.find({gi, gj});
      const double t = it == transposed.end() ? 0.0 : it->second;
      defect = std::max(defect, std::abs(mine.values[e] - t));
      if (it != transposed.end()) transposed.erase(it);
    }
  for (const auto& kv : transposed) defect = std::max(defect, std::abs(kv.second));
  defect = comm_.max(defect);
  max_abs = comm_.max(max_abs);
  return max_abs > 0 ? defect / max_abs : 0.0;
}

}  // namespace las

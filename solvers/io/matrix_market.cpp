// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/matrix_market.hpp"

#include <mpi.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <new>
#include <vector>

#include "solvers/core/error.hpp"

namespace las::io {

namespace {

/// A file problem found while parsing (rank 0 only; becomes an agreed InputError).
struct ParseFailure {
  std::string message;
};

struct Entry {
  long long row;
  long long col;
  double value;
};

struct Matrix {
  long long rows = 0;
  long long cols = 0;
  std::vector<long long> row_ptr;  // global, rows + 1
  std::vector<long long> col_idx;
  std::vector<double> values;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Whitespace-separated tokens (a hand loop: istringstream is slow on big files).
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const size_t begin = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > begin) tokens.emplace_back(line, begin, i - begin);
  }
  return tokens;
}

// A line quoted in a message, shortened so the message stays readable.
std::string excerpt(const std::string& line) {
  constexpr size_t kMax = 60;
  return "'" + (line.size() > kMax ? line.substr(0, kMax) + "..." : line) + "'";
}

bool is_blank(const std::string& line) { return std::all_of(line.begin(), line.end(), is_space); }

// Whole-token integer parse (an optional leading '+' allowed).
bool parse_integer(const std::string& token, long long& value) {
  const char* begin = token.data();
  const char* end = token.data() + token.size();
  if (begin != end && *begin == '+') ++begin;
  const auto result = std::from_chars(begin, end, value);
  return result.ec == std::errc() && result.ptr == end && begin != end;
}

class Parser {
 public:
  explicit Parser(const std::string& path) : path_(path), in_(path) {}

  Matrix parse() {
    std::error_code ec;
    if (!in_ || std::filesystem::is_directory(path_, ec)) {
      throw ParseFailure{path_ + ": cannot open the MatrixMarket file"};
    }
    read_banner();
    read_size_line();
    read_entries();
    return assemble();
  }

 private:
  [[noreturn]] void fail(long long line, const std::string& reason) const {
    throw ParseFailure{path_ + ":" + std::to_string(line) + ": " + reason};
  }

  bool next_line(std::string& line) {
    if (!std::getline(in_, line)) return false;
    ++line_number_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  void read_banner() {
    std::string line;
    if (!next_line(line)) fail(1, "empty file: missing the %%MatrixMarket banner");
    const std::vector<std::string> t = split(line);
    if (t.empty() || lower(t[0]) != "%%matrixmarket") {
      fail(1, "missing the %%MatrixMarket banner (the first line is " + excerpt(line) + ")");
    }
    if (t.size() != 5) {
      fail(1, "malformed banner " + excerpt(line) +
                  ": expected '%%MatrixMarket matrix coordinate <real|integer|pattern> "
                  "<general|symmetric>'");
    }
    const std::string object = lower(t[1]), format = lower(t[2]), field = lower(t[3]),
                      symmetry = lower(t[4]);
    if (object != "matrix") {
      fail(1, "unsupported object '" + t[1] + "': only 'matrix' is supported");
    }
    if (format == "array") {
      fail(1, "unsupported format 'array' (dense): only 'coordinate' is supported");
    } else if (format != "coordinate") {
      fail(1, "unknown format '" + t[2] + "': only 'coordinate' is supported");
    }
    if (field == "complex") {
      fail(1, "unsupported field 'complex': only real, integer and pattern are supported");
    } else if (field != "real" && field != "integer" && field != "pattern") {
      fail(1, "unknown field '" + t[3] + "': only real, integer and pattern are supported");
    }
    if (symmetry == "hermitian" || symmetry == "skew-symmetric") {
      fail(1, "unsupported symmetry '" + symmetry +
                  "': only general and symmetric are supported");
    } else if (symmetry != "general" && symmetry != "symmetric") {
      fail(1, "unknown symmetry '" + t[4] + "': only general and symmetric are supported");
    }
    pattern_ = field == "pattern";
    integer_ = field == "integer";
    symmetric_ = symmetry == "symmetric";
  }

  // The next line that is neither a comment nor blank; false at end of file.
  bool next_content_line(std::string& line) {
    while (next_line(line)) {
      if (is_blank(line) || line.front() == '%') continue;
      return true;
    }
    return false;
  }

  void read_size_line() {
    std::string line;
    if (!next_content_line(line)) fail(line_number_ + 1, "missing the size line 'rows columns entries'");
    size_line_ = line_number_;
    const std::vector<std::string> t = split(line);
    if (t.size() != 3 || !parse_integer(t[0], rows_) || !parse_integer(t[1], cols_) ||
        !parse_integer(t[2], declared_) || rows_ < 1 || cols_ < 1 || declared_ < 0) {
      fail(line_number_, "malformed size line " + excerpt(line) +
                             ": expected 'rows columns entries' (rows, columns >= 1, entries >= 0)");
    }
    if (symmetric_ && rows_ != cols_) {
      fail(line_number_, "a symmetric matrix must be square, the size line says " +
                             std::to_string(rows_) + " x " + std::to_string(cols_));
    }
  }

  long long parse_index(const std::string& token, const char* what, long long limit) const {
    long long index = 0;
    if (!parse_integer(token, index)) {
      fail(line_number_, std::string(what) + " index '" + token + "' is not an integer");
    }
    if (index < 1 || index > limit) {
      fail(line_number_, std::string(what) + " index " + std::to_string(index) +
                             " out of range 1.." + std::to_string(limit) + " (1-based)");
    }
    return index - 1;
  }

  double parse_value(const std::string& token) const {
    if (integer_) {
      long long value = 0;
      if (!parse_integer(token, value)) {
        fail(line_number_, "non-numeric value '" + token + "' (the header says integer)");
      }
      return static_cast<double>(value);
    }
    const char* begin = token.data();
    const char* end = token.data() + token.size();
    if (begin != end && *begin == '+') ++begin;
    double value = 0;
    const auto result = std::from_chars(begin, end, value);
    if (result.ec == std::errc::result_out_of_range) {
      fail(line_number_, "value '" + token + "' is out of the double range");
    }
    if (result.ec != std::errc() || result.ptr != end || begin == end) {
      fail(line_number_, "non-numeric value '" + token + "'");
    }
    if (std::isnan(value)) fail(line_number_, "NaN value '" + token + "'");
    if (std::isinf(value)) fail(line_number_, "infinite value '" + token + "'");
    return value;
  }

  void read_entries() {
    entries_.reserve(static_cast<size_t>(std::min<long long>(declared_, 1LL << 20)) *
                     (symmetric_ ? 2 : 1));
    const size_t fields = pattern_ ? 2 : 3;
    std::string line;
    long long found = 0;
    long long first_extra_line = 0;
    while (next_content_line(line)) {
      ++found;
      if (found > declared_) {  // count the rest for the message, parse no more
        if (first_extra_line == 0) first_extra_line = line_number_;
        continue;
      }
      const std::vector<std::string> t = split(line);
      if (t.size() != fields) {
        fail(line_number_, "expected " + std::to_string(fields) +
                               (pattern_ ? " fields 'row column'" : " fields 'row column value'") +
                               ", found " + std::to_string(t.size()) + " in " + excerpt(line));
      }
      const long long row = parse_index(t[0], "row", rows_);
      const long long col = parse_index(t[1], "column", cols_);
      const double value = pattern_ ? 1.0 : parse_value(t[2]);
      if (symmetric_ && row < col) {
        fail(line_number_, "entry (" + t[0] + ", " + t[1] +
                               ") is above the diagonal; a symmetric file stores the lower "
                               "triangle only");
      }
      entries_.push_back({row, col, value});
      if (symmetric_ && row != col) entries_.push_back({col, row, value});
    }
    const std::string counts = "the size line (line " + std::to_string(size_line_) + ") declares " +
                               std::to_string(declared_) + " entries, the file has " +
                               std::to_string(found);
    if (found > declared_) fail(first_extra_line, "too many entries: " + counts);
    if (found < declared_) fail(line_number_, "too few entries: " + counts);
  }

  // Sorted CSR with duplicates summed.
  Matrix assemble() {
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return a.row != b.row ? a.row < b.row : a.col < b.col;
    });
    Matrix m;
    m.rows = rows_;
    m.cols = cols_;
    m.row_ptr.assign(static_cast<size_t>(rows_ + 1), 0);
    for (size_t i = 0; i < entries_.size();) {
      const Entry& e = entries_[i];
      double sum = 0;
      size_t j = i;
      for (; j < entries_.size() && entries_[j].row == e.row && entries_[j].col == e.col; ++j) {
        sum += entries_[j].value;
      }
      m.col_idx.push_back(e.col);
      m.values.push_back(sum);
      ++m.row_ptr[static_cast<size_t>(e.row + 1)];
      i = j;
    }
    for (size_t r = 0; r < static_cast<size_t>(rows_); ++r) m.row_ptr[r + 1] += m.row_ptr[r];
    return m;
  }

  std::string path_;
  std::ifstream in_;
  long long line_number_ = 0;
  long long size_line_ = 0;
  bool pattern_ = false, integer_ = false, symmetric_ = false;
  long long rows_ = 0, cols_ = 0, declared_ = 0;
  std::vector<Entry> entries_;
};

// Point-to-point transfer of n values in chunks that fit MPI's int counts.
constexpr int kTag = 7411;
constexpr long long kChunk = 1LL << 28;

template <class T>
void send_values(const T* data, long long n, MPI_Datatype type, int dest, MPI_Comm comm) {
  for (long long done = 0; done < n; done += kChunk) {
    MPI_Send(data + done, static_cast<int>(std::min(kChunk, n - done)), type, dest, kTag, comm);
  }
}

template <class T>
void recv_values(T* data, long long n, MPI_Datatype type, MPI_Comm comm) {
  for (long long done = 0; done < n; done += kChunk) {
    MPI_Recv(data + done, static_cast<int>(std::min(kChunk, n - done)), type, 0, kTag, comm,
             MPI_STATUS_IGNORE);
  }
}

}  // namespace

CsrRows read_matrix_market(const Comm& comm, const std::string& path) {
  Matrix global;
  std::string problem;
  if (comm.is_root()) {
    try {
      global = Parser(path).parse();
    } catch (const ParseFailure& failure) {
      problem = failure.message;
    } catch (const std::bad_alloc&) {
      problem = path + ": out of memory while reading the MatrixMarket file";
    }
  }
  problem = comm.broadcast(problem);
  if (!problem.empty()) throw InputError(problem);

  long long sizes[2] = {global.rows, global.cols};
  MPI_Bcast(sizes, 2, MPI_LONG_LONG, 0, comm.get());
  CsrRows result;
  result.global_rows = sizes[0];
  result.global_cols = sizes[1];
  long long rows = 0;
  block_rows(result.global_rows, comm, rows, result.row_offset);

  // Rank 0 learns every rank's row range from the ranks themselves.
  long long mine[2] = {result.row_offset, rows};
  std::vector<long long> ranges(comm.is_root() ? 2 * static_cast<size_t>(comm.size()) : 2);
  MPI_Gather(mine, 2, MPI_LONG_LONG, ranges.data(), 2, MPI_LONG_LONG, 0, comm.get());

  std::vector<long long> row_ptr(static_cast<size_t>(rows + 1));
  if (comm.is_root()) {
    for (int r = comm.size() - 1; r >= 0; --r) {  // rank 0's own part last
      const long long first_row = ranges[2 * static_cast<size_t>(r)];
      const long long count = ranges[2 * static_cast<size_t>(r) + 1];
      const long long* rp = global.row_ptr.data() + first_row;
      const long long first = rp[0];
      const long long nnz = rp[count] - first;
      if (r == 0) {
        std::copy(rp, rp + count + 1, row_ptr.begin());
        result.cols.assign(global.col_idx.begin() + first, global.col_idx.begin() + first + nnz);
        result.values.assign(global.values.begin() + first, global.values.begin() + first + nnz);
      } else {
        send_values(rp, count + 1, MPI_LONG_LONG, r, comm.get());
        send_values(global.col_idx.data() + first, nnz, MPI_LONG_LONG, r, comm.get());
        send_values(global.values.data() + first, nnz, MPI_DOUBLE, r, comm.get());
      }
    }
  } else {
    recv_values(row_ptr.data(), rows + 1, MPI_LONG_LONG, comm.get());
    const long long nnz = row_ptr.back() - row_ptr.front();
    result.cols.resize(static_cast<size_t>(nnz));
    result.values.resize(static_cast<size_t>(nnz));
    recv_values(result.cols.data(), nnz, MPI_LONG_LONG, comm.get());
    recv_values(result.values.data(), nnz, MPI_DOUBLE, comm.get());
  }
  result.row_ptr.resize(row_ptr.size());
  for (size_t i = 0; i < row_ptr.size(); ++i) {
    result.row_ptr[i] = static_cast<size_t>(row_ptr[i] - row_ptr.front());
  }
  return result;
}

}  // namespace las::io

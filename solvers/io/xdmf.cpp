// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/xdmf.hpp"

#include <filesystem>
#include <iomanip>
#include <limits>
#include <sstream>

#include "solvers/io/text_output.hpp"

namespace las::io {

namespace {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// The path of `h5` as seen from the directory of `xmf` (a bare file name stays bare).
std::string relative_reference(const std::string& xmf, const std::string& h5) {
  namespace fs = std::filesystem;
  const fs::path h5_path(h5);
  if (!h5_path.has_parent_path()) return h5;
  const fs::path xmf_dir = fs::path(xmf).has_parent_path() ? fs::path(xmf).parent_path() : ".";
  std::error_code ec;
  const fs::path relative = fs::proximate(h5_path, xmf_dir, ec);
  return ec ? h5 : relative.generic_string();
}

}  // namespace

std::string xdmf_text(const std::string& h5_reference, const BoxGrid& grid,
                      const std::vector<std::string>& fields) {
  const auto& n = grid.global_extent();
  const bool three_d = grid.dim() == 3;
  // Slowest axis first, as XDMF (and the HDF5 dataset) order them.
  std::ostringstream dims, origin, spacing;
  origin << std::setprecision(std::numeric_limits<double>::max_digits10);
  spacing << std::setprecision(std::numeric_limits<double>::max_digits10);
  for (int axis = grid.dim() - 1; axis >= 0; --axis) {
    const long long cells = n[static_cast<size_t>(axis)];
    const double h = 1.0 / static_cast<double>(cells + 1);
    const char* sep = axis == 0 ? "" : " ";
    dims << cells << sep;
    origin << h << sep;
    spacing << h << sep;
  }
  const std::string topology = three_d ? "3DCoRectMesh" : "2DCoRectMesh";
  const std::string geometry = three_d ? "ORIGIN_DXDYDZ" : "ORIGIN_DXDY";
  const int rank = three_d ? 3 : 2;

  std::ostringstream xml;
  xml << "<?xml version=\"1.0\" ?>\n"
      << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
      << "<Xdmf Version=\"3.0\">\n"
      << "  <Domain>\n"
      << "    <Grid Name=\"las\" GridType=\"Uniform\">\n"
      << "      <Topology TopologyType=\"" << topology << "\" Dimensions=\"" << dims.str()
      << "\"/>\n"
      << "      <Geometry GeometryType=\"" << geometry << "\">\n"
      << "        <DataItem Name=\"Origin\" Dimensions=\"" << rank
      << "\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">" << origin.str()
      << "</DataItem>\n"
      << "        <DataItem Name=\"Spacing\" Dimensions=\"" << rank
      << "\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">" << spacing.str()
      << "</DataItem>\n"
      << "      </Geometry>\n";
  for (const std::string& field : fields) {
    const std::string name = !field.empty() && field.front() == '/' ? field.substr(1) : field;
    xml << "      <Attribute Name=\"" << xml_escape(name)
        << "\" AttributeType=\"Scalar\" Center=\"Node\">\n"
        << "        <DataItem Dimensions=\"" << dims.str()
        << "\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">"
        << xml_escape(h5_reference) << ":/" << xml_escape(name) << "</DataItem>\n"
        << "      </Attribute>\n";
  }
  xml << "    </Grid>\n"
      << "  </Domain>\n"
      << "</Xdmf>\n";
  return xml.str();
}

void write_xdmf(const Comm& comm, const std::string& xmf_path, const std::string& h5_filename,
                const BoxGrid& grid, const std::vector<std::string>& fields) {
  std::string text;
  if (comm.is_root()) text = xdmf_text(relative_reference(xmf_path, h5_filename), grid, fields);
  write_text_atomically(comm, xmf_path, text);
}

}  // namespace las::io

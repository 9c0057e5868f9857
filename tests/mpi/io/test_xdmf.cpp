// SPDX-License-Identifier: BSD-3-Clause
// XDMF sidecar: topology, ORIGIN_DXDYDZ geometry with node (i,j,k) at ((i+1)h, ...),
// node-centred attributes pointing at file.h5:/name with a relative file name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "io_test_support.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/io/xdmf.hpp"

namespace las::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempDir;

// The numbers inside <DataItem Name="<name>" ...>...</DataItem>.
std::vector<double> data_item(const std::string& xml, const std::string& name) {
  const std::regex item("<DataItem Name=\"" + name + "\"[^>]*>([^<]*)</DataItem>");
  std::smatch match;
  std::vector<double> values;
  if (!std::regex_search(xml, match, item)) return values;
  std::istringstream in(match[1].str());
  double v = 0;
  while (in >> v) values.push_back(v);
  return values;
}

TEST(Xdmf, ThreeDimensionalCoRectMesh) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 3, {5, 4, 3});
  write_xdmf(comm, dir.file("out.xmf"), dir.file("out.h5"), grid, {"u", "fields/k"});
  const std::string xml = testing::read_text(dir.file("out.xmf"));
  EXPECT_THAT(xml, HasSubstr("<Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"3 4 5\"/>"));
  EXPECT_THAT(xml, HasSubstr("GeometryType=\"ORIGIN_DXDYDZ\""));
  // z, y, x order; node (i,j,k) at ((i+1)/(nx+1), (j+1)/(ny+1), (k+1)/(nz+1)).
  EXPECT_THAT(data_item(xml, "Origin"), ElementsAre(1.0 / 4, 1.0 / 5, 1.0 / 6));
  EXPECT_THAT(data_item(xml, "Spacing"), ElementsAre(1.0 / 4, 1.0 / 5, 1.0 / 6));
  EXPECT_THAT(xml, HasSubstr("<Attribute Name=\"u\" AttributeType=\"Scalar\" Center=\"Node\">"));
  EXPECT_THAT(xml, HasSubstr("Dimensions=\"3 4 5\" NumberType=\"Float\" Precision=\"8\" "
                             "Format=\"HDF\">out.h5:/u</DataItem>"));
  EXPECT_THAT(xml, HasSubstr(">out.h5:/fields/k</DataItem>"));
  EXPECT_THAT(xml, Not(HasSubstr(dir.path())));  // relative reference only
  EXPECT_THAT(dir.entries(), ElementsAre("out.xmf"));  // no temporary left
}

TEST(Xdmf, TwoDimensionalCoRectMesh) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  write_xdmf(comm, dir.file("plane.xmf"), "plane.h5", grid, {"phi"});
  const std::string xml = testing::read_text(dir.file("plane.xmf"));
  EXPECT_THAT(xml, HasSubstr("TopologyType=\"2DCoRectMesh\" Dimensions=\"5 7\""));
  EXPECT_THAT(xml, HasSubstr("GeometryType=\"ORIGIN_DXDY\""));
  EXPECT_THAT(data_item(xml, "Origin"), ElementsAre(1.0 / 6, 1.0 / 8));
  EXPECT_THAT(data_item(xml, "Spacing"), ElementsAre(1.0 / 6, 1.0 / 8));
  EXPECT_THAT(xml, HasSubstr("Center=\"Node\""));
  EXPECT_THAT(xml, HasSubstr(">plane.h5:/phi</DataItem>"));
}

TEST(Xdmf, ReferenceIsRelativeToTheSidecarAndEscaped) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  write_xdmf(comm, dir.file("view.xmf"), dir.file("data/run.h5"), grid, {"a<b"});
  const std::string xml = testing::read_text(dir.file("view.xmf"));
  EXPECT_THAT(xml, HasSubstr(">data/run.h5:/a&lt;b</DataItem>"));
  EXPECT_THAT(xml, HasSubstr("Name=\"a&lt;b\""));
}

TEST(Xdmf, UnwritableDirectoryThrowsOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  testing::expect_throw_on_every_rank<Error>(
      comm, [&] { write_xdmf(comm, dir.file("nope/v.xmf"), "v.h5", grid, {"u"}); },
      {"nope/v.xmf"});
}

}  // namespace
}  // namespace las::io

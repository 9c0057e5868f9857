// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/comma_list.hpp"

#include <sstream>

namespace las::app {

std::vector<std::string> split_comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
  }
  return items;
}

}  // namespace las::app

// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "solvers/core/error.hpp"

namespace las::app {

CommonArgs parse_common_args(int argc, char** argv, const std::string& name,
                             const std::string& description, const config::Schema& schema, int rank,
                             bool with_restart) {
  CommonArgs args;
  CLI::App cli(description, name);
  std::vector<std::string> positional;
  bool keys = false;
  cli.add_option("deck_and_overrides", positional,
                 "a YAML deck, then key=value overrides (e.g. grid.n=[512,512])");
  cli.add_option("--report", args.report, "write a JSON report of the run to this file");
  if (with_restart) {
    cli.add_option("--restart", args.restart, "resume from this checkpoint (written by checkpoint.file)");
  }
  cli.add_flag("--keys", keys, "list every deck key with its type, default and meaning");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    if (rank == 0) std::cout << cli.help() << "\nRun with --keys for the deck keys.\n";
    args.exit_now = true;
    return args;
  } catch (const CLI::ParseError& e) {
    throw ConfigError("command line: " + std::string(e.what()));
  }
  if (keys) {
    if (rank == 0) std::cout << schema.help_text();
    args.exit_now = true;
    return args;
  }
  for (const auto& a : positional) {
    if (a.find('=') != std::string::npos) {
      args.overrides.push_back(a);
    } else if (args.deck.empty()) {
      args.deck = a;
    } else {
      throw ConfigError("command line: two decks given ('" + args.deck + "' and '" + a +
                        "'); overrides are written key=value");
    }
  }
  return args;
}

}  // namespace las::app

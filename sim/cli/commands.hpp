#pragma once
// Each command file registers its subcommands with CLI11 and an action run after parsing, so that no
// work happens inside the parser and every error leaves main() the same way.

#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace splitsim::cli {

struct Commands {
  struct Entry {
    CLI::App* app;
    std::function<void()> run;
  };
  std::vector<Entry> entries;
  std::string command_line;  ///< "splitsim ..." as typed, recorded in outputs for reproducibility

  void add(CLI::App* app, std::function<void()> run) { entries.push_back({app, std::move(run)}); }
};

void register_network_commands(CLI::App& app, Commands& commands);
void register_trace_commands(CLI::App& app, Commands& commands);
void register_calibration_commands(CLI::App& app, Commands& commands);

}  // namespace splitsim::cli

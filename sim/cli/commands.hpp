#pragma once
// Each command file registers its subcommands with CLI11 and an action run after parsing, so that no
// work happens inside the parser and every error leaves main() the same way.

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "calib/prediction_warnings.hpp"

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

/// One "splitsim: warning: ..." line on stderr per stretched (platform, layer type); printed once the command
/// has succeeded, so that a failing command still prints exactly one line.
void print_warnings(const PredictionWarnings& warnings);

/// `arg` quoted for a POSIX shell when it needs quoting.
std::string shell_quote(const std::string& arg);
/// `command_line` without the options that only name outputs (their values do not change what is written).
std::string without_output_options(const std::string& command_line, const std::vector<std::string>& options);

void register_network_commands(CLI::App& app, Commands& commands);
void register_trace_commands(CLI::App& app, Commands& commands);
void register_calibration_commands(CLI::App& app, Commands& commands);
void register_profile_command(CLI::App& app, Commands& commands);
void register_run_command(CLI::App& app, Commands& commands);
void register_sweep_commands(CLI::App& app, Commands& commands);
void register_validate_command(CLI::App& app, Commands& commands);
void register_paper_command(CLI::App& app, Commands& commands);
void register_describe_command(CLI::App& app, Commands& commands);

}  // namespace splitsim::cli

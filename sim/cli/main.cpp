// splitsim: parse the command line, run the chosen command, turn every input error into one line and
// exit code 2.

#include <algorithm>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "core/input_error.hpp"
#include "version.hpp"

namespace {

// Bytes that are not UTF-8 (from a path or a file's content) printed as '?': the error line stays text.
std::string printable(const std::string& in) {
  std::string out;
  for (std::size_t i = 0; i < in.size();) {
    auto c = static_cast<unsigned char>(in[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= in.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(in[i + k]) >> 6) == 0x2;
    if (ok && n == 1 && (c < 0x20 && c != '\t')) ok = false;
    out += ok ? in.substr(i, n) : "?";
    i += ok ? n : 1;
  }
  return out;
}

int fail(const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  line = printable(line);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  fmt::print(stderr, "splitsim: error: {}\n", line);
  return 2;
}

// Each command file's registration and the top-level commands it adds.
struct Registration {
  std::initializer_list<std::string_view> names;
  void (*add)(CLI::App&, splitsim::cli::Commands&);
};
const Registration kRegistrations[] = {
    {{"network"}, splitsim::cli::register_network_commands},
    {{"trace"}, splitsim::cli::register_trace_commands},
    {{"calibrate", "predict"}, splitsim::cli::register_calibration_commands},
    {{"profile"}, splitsim::cli::register_profile_command},
    {{"run"}, splitsim::cli::register_run_command},
    {{"sweep", "merge"}, splitsim::cli::register_sweep_commands},
    {{"validate"}, splitsim::cli::register_validate_command},
    {{"paper"}, splitsim::cli::register_paper_command},
    {{"describe"}, splitsim::cli::register_describe_command},
};

// The command named first on the line is registered alone (its options are most of the start-up's work); every
// command otherwise (no command, --help, --version, a word that is none), so that the help lists them all.
void register_commands(CLI::App& app, splitsim::cli::Commands& commands, int argc, char** argv) {
  for (const Registration& r : kRegistrations) {
    if (argc > 1 && std::find(r.names.begin(), r.names.end(), std::string_view(argv[1])) != r.names.end()) {
      r.add(app, commands);
      return;
    }
  }
  for (const Registration& r : kRegistrations) r.add(app, commands);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"splitsim: a discrete-event simulator of mobile-cloud DNN partitioning", "splitsim"};
  app.set_version_flag("--version", std::string(splitsim::kVersion));
  app.require_subcommand(1);
  splitsim::cli::Commands commands;
  register_commands(app, commands, argc, argv);
  commands.command_line = "splitsim";
  for (int i = 1; i < argc; ++i) commands.command_line += " " + splitsim::cli::shell_quote(argv[i]);

  // CLI11 would only say that a subcommand is required; name the word it did not know.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      return fail(fmt::format("unknown command \"{}\" (commands: {})", argv[1], fmt::join(names, ", ")));
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(std::string(e.what()) + " (see splitsim --help)");
  }
  try {
    for (const auto& entry : commands.entries) {
      if (entry.app->parsed()) {
        entry.run();
        return 0;
      }
    }
    return fail("no command given (see splitsim --help)");
  } catch (const splitsim::InputError& e) {
    return fail(e.what());
  } catch (const splitsim::UsageError& e) {
    return fail(e.what());
  } catch (const std::exception& e) {
    fmt::print(stderr, "splitsim: internal error: {}\n", e.what());
    return 1;
  }
}

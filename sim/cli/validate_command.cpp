// `splitsim validate FILE...`: checks scenario, sweep, network and platform files with the same strict readers
// as the commands that use them, without running anything; prints what each file holds, or the one-line error.
#include <fmt/format.h>

#include "calib/platform.hpp"
#include "cli/commands.hpp"
#include "core/input_error.hpp"
#include "network/network_loader.hpp"
#include "sweep/sweep.hpp"
#include "world/experiment_setup.hpp"

namespace splitsim::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string kind = "auto";
};

// A file's kind from its top-level keys: axes (sweep), layers (network), latency_models (platform), and
// otherwise a scenario (clients, partitioners, server, include, ...).
std::string kind_of(const std::string& path, const std::string& asked) {
  if (asked != "auto") return asked;
  Json doc = read_json_file(path);
  if (!doc.is_object()) throw InputError(path, "", "expected a JSON object, found " + describe_json(doc));
  if (doc.contains("axes")) return "sweep";
  if (doc.contains("layers")) return "network";
  if (doc.contains("latency_models")) return "platform";
  for (const char* key : {"clients", "partitioners", "server", "include", "horizon_s"}) {
    if (doc.contains(key)) return "scenario";
  }
  throw InputError(path, "", "cannot tell what kind of file this is (no axes, layers, latency_models or clients): "
                             "give --kind scenario|sweep|network|platform");
}

std::string check(const std::string& path, const std::string& kind) {
  if (kind == "scenario") {
    ExperimentSetup setup = build_experiment(load_scenario(path));
    return fmt::format("a scenario: {} client(s) in {} group(s), {} partitioner(s), horizon {} s, {} replication(s)",
                       setup.clients, setup.groups.size(), setup.scenario.partitioners.size(), setup.scenario.horizon_s,
                       setup.scenario.replications);
  }
  if (kind == "sweep") {
    Sweep sweep = load_sweep(path);  // every axis value is checked against the base scenario
    std::string axes;
    for (const auto& a : sweep.axes) axes += fmt::format("{}{} ({} values)", axes.empty() ? "" : " x ", a.name, a.labels.size());
    return fmt::format("a sweep: {} points over {}", sweep.points(), axes);
  }
  if (kind == "network") {
    Network net = load_network_file(path);
    return fmt::format("a network: {} layers, batch {}", net.layers.size() - 1, net.batch);
  }
  Platform p = load_platform(path);
  return fmt::format("a platform: {}", p.name);
}

}  // namespace

void register_validate_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario, sweep, network and platform files without running them");
  cmd->add_option("FILE", o->files, "Files to check")->required();
  cmd->add_option("--kind", o->kind, "auto (from the keys), scenario, sweep, network or platform")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "scenario", "sweep", "network", "platform"}));
  commands.add(cmd, [o] {
    // Every file is checked before anything is printed: one bad file gives its one-line error and nothing else.
    std::vector<std::string> lines;
    for (const std::string& f : o->files) lines.push_back(fmt::format("{}: ok, {}", f, check(f, kind_of(f, o->kind))));
    for (const std::string& l : lines) fmt::print("{}\n", l);
  });
}

}  // namespace splitsim::cli

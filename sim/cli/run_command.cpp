// `splitsim run`: simulate a scenario under each compared partitioner and summarise.

#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/limits.hpp"
#include "run/experiment.hpp"

namespace splitsim::cli {
namespace {

// Peak resident memory of this process (VmHWM), in MB; 0 where /proc is not available.
double peak_memory_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

struct RunCliOptions {
  std::string scenario;
  std::string out;
  std::optional<std::int64_t> seed;
  std::vector<std::string> sets;
  std::optional<std::int64_t> replications;
  bool force = false;
  int threads = 0;
  bool trace = false;
  WorkLimits limits;
};

void run(const RunCliOptions& o, const std::string& command_line) {
  std::vector<std::string> sets = o.sets;
  if (o.trace) sets.push_back("output.trace_json=true");
  if (o.replications) sets.push_back(fmt::format("replications={}", *o.replications));
  std::optional<std::uint64_t> seed;
  if (o.seed) seed = static_cast<std::uint64_t>(*o.seed);
  Scenario scenario = load_scenario(o.scenario, sets, seed);
  OutputTarget out(o.out, OutputTarget::Kind::folder, o.force, {o.scenario});  // checked before any work
  ExperimentSetup setup = build_experiment(scenario);
  check_work(setup, o.limits);
  RunOptions options{&out, o.threads, command_line};
  RunResult result = run_experiment(setup, options);
  out.commit();
  print_warnings(setup.warnings);
  const std::uint64_t events = result.events, queries = result.queries;
  fmt::print("{}: {} client(s), horizon {} s, seed {}\n{}", scenario.name, setup.clients, scenario.horizon_s,
             scenario.seed, summary_table(result));
  fmt::print("wrote {}/{}summary.json, scenario.resolved.json{}\n", o.out, scenario.queries_csv ? "queries.csv, " : "",
             scenario.trace_json ? ", trace.json" : "");
  fmt::print("{} queries, {} events in {:.3f} s ({:.0f} queries/s, {:.0f} events/s); peak memory {:.1f} MB\n", queries,
             events, result.wall_s, static_cast<double>(queries) / result.wall_s, static_cast<double>(events) / result.wall_s,
             peak_memory_mb());
}

}  // namespace

void register_run_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<RunCliOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario; write queries.csv, summary.json, scenario.resolved.json");
  cmd->add_option("SCENARIO", o->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--out", o->out, "Output folder (replaced whole, only with --force)")->required();
  cmd->add_option("--seed", o->seed, "Override the scenario's seed")->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 53));
  cmd->add_option("--set", o->sets, "Override a setting: path=value, e.g. server.load_level=0.5 or clients.0.network=vgg");
  cmd->add_option("--replications", o->replications, "Independent replications with derived seeds; means get 95 % confidence "
                  "intervals (sets `replications`)")->check(CLI::Range(1, 10000));
  cmd->add_flag("--force", o->force, "Replace an existing output folder");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it")
      ->check(CLI::Range(0, limits::kMaxThreads));
  cmd->add_flag("--trace", o->trace, "Also write trace.json (Chrome/Perfetto)");
  cmd->add_option("--max-queries", o->limits.max_queries, "Refuse runs expected to simulate more queries (all partitioners)")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--max-clients", o->limits.max_clients, "Refuse runs with more clients")->capture_default_str()->check(CLI::PositiveNumber);
  commands.add(cmd, [o, &commands] { run(*o, commands.command_line); });
}

}  // namespace splitsim::cli

// `splitsim sweep` and `splitsim merge`: run a grid of scenario settings, in parallel or in shards.

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/limits.hpp"
#include "sweep/crossovers.hpp"
#include "sweep/sweep.hpp"

namespace splitsim::cli {
namespace {

struct SweepCliOptions {
  std::string sweep;
  std::string out;
  int jobs = 0;
  std::string shard;
  std::vector<std::string> sets;
  std::optional<std::int64_t> replications;
  bool force = false;
  double max_queries = limits::kDefaultMaxQueries;
  double max_clients = limits::kDefaultMaxClients;
};

void run(const SweepCliOptions& o) {
  SweepOptions options;
  if (!o.shard.empty()) std::tie(options.shard, options.shards) = parse_shard(o.shard);  // arguments first
  std::vector<std::string> sets = o.sets;
  if (o.replications) sets.push_back(fmt::format("replications={}", *o.replications));
  Sweep sweep = load_sweep(o.sweep, sets);
  options.out_dir = o.out;
  options.force = o.force;
  options.jobs = o.jobs;
  options.max_queries = o.max_queries;
  options.max_clients = o.max_clients;
  // A progress bar on a terminal, nothing in a pipe or a log file.
  if (isatty(fileno(stderr)) != 0) {
    options.progress = [](std::size_t done, std::size_t total) {
      int width = 40;
      int filled = static_cast<int>(width * done / total);
      fmt::print(stderr, "\r[{:#<{}}{:<{}}] {}/{} points", "", filled, "", width - filled, done, total);
      if (done == total) fmt::print(stderr, "\n");
    };
  }
  auto t0 = std::chrono::steady_clock::now();
  PredictionWarnings warnings;
  options.warnings = &warnings;
  std::string crossovers;
  options.crossovers = &crossovers;
  std::size_t n = run_sweep(sweep, options);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}: {} of {} grid points (shard {}/{}) in {:.2f} s ({:.1f} points/s); wrote {}/results.csv\n", o.sweep, n,
             sweep.points(), options.shard, options.shards, s, static_cast<double>(n) / s, o.out);
  if (!crossovers.empty()) fmt::print("where each partitioner's most chosen split changes (crossovers.csv):\n{}", crossovers_text(crossovers, 12));
  print_warnings(warnings);
}

struct MergeOptions {
  std::vector<std::string> shards;
  std::string out;
  bool force = false;
};

}  // namespace

void register_sweep_commands(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<SweepCliOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a grid over scenario settings; one results row per point and partitioner");
  cmd->add_option("SWEEP", o->sweep, "Sweep file (JSON, docs/sweeps.md)")->required();
  cmd->add_option("--out", o->out, "Output folder: results.csv and sweep.json")->required();
  cmd->add_option("--jobs", o->jobs, "Points run in parallel (default: one per core)")->check(CLI::Range(0, limits::kMaxThreads));
  cmd->add_option("--shard", o->shard, "Run only shard I of N (I/N, 1-based): points p with p mod N = I - 1");
  cmd->add_option("--set", o->sets, "Override a base setting for every point: path=value (as run; the axes still vary it)");
  cmd->add_option("--replications", o->replications, "Independent replications of every point; rows get 95 % confidence "
                  "half-widths (sets `replications`)")->check(CLI::Range(1, 10000));
  cmd->add_flag("--force", o->force, "Overwrite the output folder");
  cmd->add_option("--max-queries", o->max_queries, "Refuse points expected to simulate more queries (as run)")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--max-clients", o->max_clients, "Refuse points with more clients")->capture_default_str()->check(CLI::PositiveNumber);
  commands.add(cmd, [o] { run(*o); });

  auto m = std::make_shared<MergeOptions>();
  CLI::App* merge = app.add_subcommand("merge", "Join sweep shards into the table the unsharded sweep writes");
  merge->add_option("SHARD_DIR", m->shards, "The shards' output folders")->required();
  merge->add_option("--out", m->out, "Output folder")->required();
  merge->add_flag("--force", m->force, "Overwrite the output folder");
  commands.add(merge, [m] {
    merge_sweep_shards(m->shards, m->out, m->force);
    fmt::print("merged {} shard(s) into {}/results.csv\n", m->shards.size(), m->out);
  });
}

}  // namespace splitsim::cli

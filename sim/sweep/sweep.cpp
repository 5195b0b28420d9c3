// `splitsim sweep`: the points of a shard run in parallel, one results row per point and partitioner.
#include "sweep/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "core/columns.hpp"
#include "core/output_target.hpp"
#include "core/parallel.hpp"
#include "run/experiment.hpp"
#include "sweep/crossovers.hpp"
#include "sweep/shard_files.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

// What one replica of one point reports, and the columns it is written in.
struct ReplicaRow {
  const ReplicaResult& replica;
  const std::vector<std::string>& split_names;
  Json summary;  // the replica's summary.json entry
  std::pair<std::string, std::int64_t> top;
};

// A number of the partitioner's summary.json entry (means over the replications).
double at(const Json& e, const char* group, const char* key) { return e[group][key].get<double>(); }

// The 95 % half-width of a mean, empty with one replication (no interval).
std::string ci(const Json& e, const char* group, const char* key, int precision) {
  if (!e.contains("ci95_half_width")) return {};
  return fmt::format("{:.{}f}", e["ci95_half_width"][group][key].get<double>(), precision);
}

const Columns<ReplicaRow>& metric_columns() {
  using R = ReplicaRow;
  auto breakdown = [](const char* part) {
    return column<R>(fmt::format("{}_ms", part), "{:.6f}", [part](const R& r) { return at(r.summary, "breakdown_ms", part); });
  };
  auto energy = [](const char* column_name, const char* key) {
    return column<R>(column_name, "{:.9f}", [key](const R& r) { return at(r.summary, "energy_j", key); });
  };
  static const Columns<R> columns{
      column<R>("partitioner", "{}", [](const R& r) { return r.replica.partitioner; }),
      column<R>("queries", "{}", [](const R& r) { return r.summary["count"].get<std::int64_t>(); }),
      column<R>("latency_mean_ms", "{:.6f}", [](const R& r) { return at(r.summary, "latency_ms", "mean"); }),
      column<R>("latency_p50_ms", "{:.6f}", [](const R& r) { return at(r.summary, "latency_ms", "p50"); }),
      column<R>("latency_p95_ms", "{:.6f}", [](const R& r) { return at(r.summary, "latency_ms", "p95"); }),
      column<R>("latency_p99_ms", "{:.6f}", [](const R& r) { return at(r.summary, "latency_ms", "p99"); }),
      breakdown("mobile"), breakdown("upload"), breakdown("queue"), breakdown("server"), breakdown("download"),
      energy("total_energy_j", "total"), energy("compute_energy_j", "compute"), energy("radio_energy_j", "radio"),
      energy("promotion_energy_j", "promotion"), energy("tail_energy_j", "tail"),
      column<R>("upload_bytes_mean", "{:.3f}", [](const R& r) { return r.summary["upload_bytes_mean"].get<double>(); }),
      column<R>("top_split", "{}", [](const R& r) { return r.top.first; }),
      column<R>("top_split_share", "{:.6f}", [](const R& r) {
        return static_cast<double>(r.top.second) / std::max<double>(static_cast<double>(r.replica.stats.count()), 1);
      }),
      column<R>("server_utilisation", "{:.6f}", [](const R& r) { return r.summary["server_utilisation"].get<double>(); }),
      column<R>("offered_load_max", "{:.6f}", [](const R& r) { return offered_loads_of(r.summary).max(); }),
      column<R>("stable", "{}", [](const R& r) { return r.summary["stable"].get<bool>() ? "true" : "false"; }),
      column<R>("replications", "{}", [](const R& r) { return r.summary.value("replications", std::int64_t{1}); }),
      {"latency_mean_ci95_ms", [](const R& r) { return ci(r.summary, "latency_ms", "mean", 6); }},
      {"latency_p95_ci95_ms", [](const R& r) { return ci(r.summary, "latency_ms", "p95", 6); }},
      {"total_energy_ci95_j", [](const R& r) { return ci(r.summary, "energy_j", "total", 9); }},
      {"slo_miss_share", [](const R& r) {  // empty without a deadline
         return r.summary.contains("slo_miss_share") ? fmt::format("{:.6f}", r.summary["slo_miss_share"].get<double>())
                                                     : std::string();
       }},
  };
  return columns;
}

std::string metrics_row(const ReplicaResult& rep, const Json& entry, const std::vector<std::string>& names) {
  ReplicaRow row{rep, names, entry, rep.stats.top_split(names)};
  return csv_row(metric_columns(), row);
}

}  // namespace

std::string sweep_metrics_header() { return csv_header(metric_columns()); }

std::size_t run_sweep(const Sweep& sweep, const SweepOptions& o) {
  OutputTarget out(o.out_dir, OutputTarget::Kind::folder, o.force, {sweep.file, sweep.scenario});  // before any work
  std::vector<std::size_t> mine;
  for (std::size_t p = 0; p < sweep.points(); ++p) {
    if (p % o.shards == o.shard - 1) mine.push_back(p);
  }
  std::vector<std::string> rows(mine.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress_lock;
  ResourceCache cache;  // each network, platform, radio and trace read once for the whole grid
  const Json base = merged_scenario_json(sweep.scenario, {});  // the scenario and its includes, read once
  parallel_for(mine.size(), o.jobs, [&](std::size_t k) {
    std::size_t p = mine[k];
    Json doc = base;  // as load_scenario: the merged file, then the point's overrides in order
    for (const std::string& set : sweep.settings_of(p)) apply_override(doc, set);
    ExperimentSetup setup = build_experiment(parse_scenario(doc, sweep.scenario), &cache);
    check_work(setup, {o.max_queries, o.max_clients});
    // Sweep rows carry no regret: its yardstick (a dynamic program per point with one client) would cost more than
    // the point itself (docs/sweeps.md).
    setup.scenario.regret = false;
    RunOptions ro;
    ro.threads = 1;
    RunResult rr = run_experiment(setup, ro);
    std::string prefix = std::to_string(p);
    auto c = sweep.coordinates(p);
    for (std::size_t a = 0; a < c.size(); ++a) prefix += "," + sweep.axes[a].labels[c[a]];
    for (std::size_t r = 0; r < rr.replicas.size(); ++r) {
      rows[k] += prefix + "," + metrics_row(rr.replicas[r], rr.entries[r], rr.split_names) + "\n";
    }
    std::size_t d = ++done;
    if (o.progress) {
      std::lock_guard lock(progress_lock);
      o.progress(d, mine.size());
    }
  });
  std::string header = "point";
  for (const auto& a : sweep.axes) header += "," + a.name;
  std::string body;
  std::size_t row_count = 0;
  for (const auto& r : rows) {
    body += r;
    row_count += static_cast<std::size_t>(std::count(r.begin(), r.end(), '\n'));
  }
  Json meta{{"sweep", sweep.file}, {"identity", sweep.identity}, {"points", sweep.points()}, {"shard", o.shard},
            {"shards", o.shards}, {"points_in_shard", mine.size()}, {"header", header}, {"rows", row_count},
            {"checksum", fmt::format("{:016x}", fnv1a(body))}};
  std::string results = header + "," + sweep_metrics_header() + "\n" + body;
  write_checked(out.scratch() / "results.csv", results, out.shown("results.csv"));
  write_checked(out.scratch() / "sweep.json", dump_json(meta), out.shown("sweep.json"));
  if (o.shards == 1) {  // a shard holds only some points: crossovers come with the merge
    std::string crossovers = crossovers_csv(results);
    write_checked(out.scratch() / "crossovers.csv", crossovers, out.shown("crossovers.csv"));
    if (o.crossovers != nullptr) *o.crossovers = crossovers;
  }
  out.commit();
  if (o.warnings != nullptr) *o.warnings = cache.warnings();
  return mine.size();
}

}  // namespace splitsim

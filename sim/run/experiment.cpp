#include "run/experiment.hpp"

#include <chrono>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/checked_file.hpp"
#include "core/parallel.hpp"
#include "output/chrome_trace_writer.hpp"
#include "world/offload_world.hpp"
#include "output/query_csv_writer.hpp"
#include "version.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

// Split names over every group (prefixed by the network when groups run different ones) and each group's offset.
void name_splits(const ExperimentSetup& setup, RunResult& result, std::vector<int>& offsets, int& total) {
  std::set<std::string> networks;
  for (const auto& g : setup.groups) networks.insert(g.network.abbrev);
  for (const auto& g : setup.groups) {
    offsets.push_back(total);
    total += g.costs.splits();
    for (const auto& name : g.costs.layer_names) {
      result.split_names.push_back(networks.size() > 1 ? g.network.abbrev + ":" + name : name);
    }
  }
}

// One replica, its per-query files streamed into the scratch folder as parts.
void run_replica(const ExperimentSetup& setup, const OutputTarget* out, std::size_t r, ReplicaResult& rr) {
  const Scenario& s = setup.scenario;
  std::vector<QueryObserver*> observers{&rr.stats};
  std::unique_ptr<QueryCsvWriter> csv;
  std::unique_ptr<ChromeTraceWriter> trace;
  if (out != nullptr && s.queries_csv) {
    csv = std::make_unique<QueryCsvWriter>(out->scratch() / fmt::format("queries.{}.part", r), out->shown("queries.csv"),
                                           rr.partitioner, r == 0);
    observers.push_back(csv.get());
  }
  if (out != nullptr && s.trace_json) {
    trace = std::make_unique<ChromeTraceWriter>(out->scratch() / fmt::format("trace.{}.part", r), out->shown("trace.json"),
                                                static_cast<int>(r), rr.partitioner, s.trace_max_queries);
    observers.push_back(trace.get());
  }
  OffloadWorld world(setup, r, observers);
  world.run();
  rr.server_utilisation = world.server_utilisation();
  rr.loads = world.resource_loads();
  rr.events = world.events();
  rr.queries = world.queries();
  if (csv) csv->close();
  if (trace) trace->close();
}

// Replica parts joined in the scenario's order: the same bytes whatever the thread count.
void join_parts(const Scenario& s, const OutputTarget& out, std::size_t n) {
  const fs::path tmp = out.scratch();
  if (s.queries_csv) {
    // The first part starts with the header; the others are appended to it.
    {
      CheckedFile joined(tmp / "queries.0.part", out.shown("queries.csv"), true);
      for (std::size_t r = 1; r < n; ++r) {
        joined.append_file(tmp / fmt::format("queries.{}.part", r));
        fs::remove(tmp / fmt::format("queries.{}.part", r));
      }
      joined.close();
    }
    fs::rename(tmp / "queries.0.part", tmp / "queries.csv");
  }
  if (s.trace_json) {
    CheckedFile joined(tmp / "trace.json", out.shown("trace.json"));
    joined.write("[\n");
    for (std::size_t r = 0; r < n; ++r) {
      if (r > 0) joined.write(",\n");
      joined.append_file(tmp / fmt::format("trace.{}.part", r));
      fs::remove(tmp / fmt::format("trace.{}.part", r));
    }
    joined.write("\n]\n");
    joined.close();
  }
}

// What replica r's partitioner minimises; groups that override the partitioner may differ.
std::string optimises_of(const ExperimentSetup& setup, std::size_t r) {
  std::string text;
  for (const auto& g : setup.groups) {
    std::string_view o = g.partitioners[r].policy->optimises;
    if (text.empty()) text = o;
    if (text != o) return "differs by client group (clients[].partitioner)";
  }
  return text;
}

Json loads_json(const ResourceLoads& l) {
  Json j{{"server", l.server}};
  if (l.processor_client >= 0) {
    j["processor_max"] = l.processor_max;
    j["processor_max_client"] = l.processor_client;
    j["processor_mean"] = l.processor_mean;
    j["link_max"] = l.link_max;
    j["link_max_client"] = l.link_client;
    j["link_mean"] = l.link_mean;
  }
  return j;
}

// The busiest resource in words: "the server", "client 3's uplink", "client 0's processor".
std::string busiest(const ResourceLoads& l) {
  if (l.server >= l.processor_max && l.server >= l.link_max) return "the server";
  if (l.link_max >= l.processor_max) return fmt::format("client {}'s uplink", l.link_client);
  return fmt::format("client {}'s processor", l.processor_client);
}

}  // namespace

RunResult run_experiment(const ExperimentSetup& setup, const RunOptions& options) {
  const Scenario& s = setup.scenario;
  auto t0 = std::chrono::steady_clock::now();
  const OutputTarget* out = options.out;
  RunResult result;
  std::vector<int> offsets;
  int total = 0;
  name_splits(setup, result, offsets, total);
  const std::size_t n = s.partitioners.size();
  const SimTime count_from = SimTime::from_seconds(s.warmup_s);
  for (std::size_t r = 0; r < n; ++r) {
    result.replicas.push_back({s.partitioners[r], SummaryStats(offsets, total, count_from), 0, {}, optimises_of(setup, r), 0, 0});
  }
  parallel_for(n, options.threads, [&](std::size_t r) { run_replica(setup, out, r, result.replicas[r]); });

  Json parts = Json::object();
  for (const auto& rr : result.replicas) {
    Json part = rr.stats.to_json(result.split_names, rr.server_utilisation);
    part["optimises"] = rr.optimises;
    part["offered_load"] = loads_json(rr.loads);
    part["stable"] = rr.loads.stable();
    parts[rr.partitioner] = std::move(part);
  }
  result.summary = {{"scenario", s.name}, {"seed", s.seed}, {"horizon_s", s.horizon_s}, {"partitioners", parts}};
  if (out != nullptr) {
    join_parts(s, *out, n);
    write_checked(out->scratch() / "summary.json", dump_json(result.summary), out->shown("summary.json"));
    Json resolved = s.to_json();
    resolved["run"] = {{"command_line", options.command_line}, {"scenario_file", s.file}, {"splitsim_version", std::string(kVersion)}};
    write_checked(out->scratch() / "scenario.resolved.json", dump_json(resolved), out->shown("scenario.resolved.json"));
  }
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

std::string summary_table(const RunResult& r) {
  std::string out = fmt::format("{:<22} {:>9} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}  {}\n", "partitioner",
                                "queries", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "total_J", "compute_J", "radio_J",
                                "tail_J", "max_load", "most chosen split");
  std::string legend, unstable;
  for (const auto& rr : r.replicas) {
    auto [top, top_count] = rr.stats.top_split(r.split_names);
    double share = rr.stats.count() ? 100.0 * static_cast<double>(top_count) / static_cast<double>(rr.stats.count()) : 0.0;
    const SummaryStats& st = rr.stats;
    out += fmt::format("{:<22} {:>9} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f} {:>9.4f} {:>9.4f} {:>9.4f} {:>9.4f} {:>8.1f}%{}  {} ({:.0f}%)\n",
                       rr.partitioner, st.count(), st.mean_latency_ms(), st.quantile_ms(0.5), st.quantile_ms(0.95),
                       st.quantile_ms(0.99), st.mean_energy_j(), st.mean_mobile_energy_j(),
                       st.mean_radio_energy_j() + st.mean_promotion_energy_j(), st.mean_tail_energy_j(),
                       100 * rr.loads.max(), rr.loads.stable() ? " " : "!", top, share);
    legend += fmt::format("  {:<20} {}\n", rr.partitioner, rr.optimises);
    if (!rr.loads.stable()) {
      unstable += fmt::format("  {:<20} {} is offered {:.0f} % of its capacity: its queue grows for as long as the run "
                              "lasts, so its latency means depend on the horizon\n",
                              rr.partitioner, busiest(rr.loads), 100 * rr.loads.max());
    }
  }
  out += "(total_J = compute_J + radio_J (transfers and promotions) + tail_J, per query; max_load = the offered load of "
         "the busiest resource: the server, a phone's processor or its uplink)\nwhat each minimises:\n" + legend;
  if (!unstable.empty()) out += "unstable (!): offered load at or above 100 %:\n" + unstable;
  return out;
}

}  // namespace splitsim

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
#include "output/regret_stats.hpp"
#include "run/replications.hpp"
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

// One replica, its per-query files streamed into the scratch folder as parts (its CSV rows kept in `csv` when
// they never filled the writer's buffer).
void run_replica(const ExperimentSetup& setup, const OutputTarget* out, std::size_t r, ReplicaResult& rr,
                 std::uint64_t seed, const Yardstick* yardstick, std::unique_ptr<QueryCsvWriter>& csv) {
  const Scenario& s = setup.scenario;
  std::vector<QueryObserver*> observers{&rr.stats};
  std::optional<RegretStats> regret;
  if (yardstick != nullptr) observers.push_back(&regret.emplace(*yardstick, SimTime::from_seconds(s.warmup_s)));
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
  OffloadWorld world(setup, r, observers, seed, yardstick);
  world.run();
  if (regret) rr.regret = regret->to_json();
  rr.server_utilisation = world.server_utilisation();
  rr.loads = world.resource_loads();
  rr.events = world.events();
  rr.queries = world.queries();
  if (csv) csv->close();
  if (trace) trace->close();
}

// Replica parts joined in the scenario's order: the same bytes whatever the thread count.
void join_parts(const Scenario& s, const OutputTarget& out, const std::vector<std::unique_ptr<QueryCsvWriter>>& csv) {
  const fs::path tmp = out.scratch();
  const std::size_t n = s.partitioners.size();
  if (s.queries_csv) {
    // The first part starts with the header; the others are appended to it (a part on disk is extended in place).
    const bool first_on_disk = csv[0]->on_disk();
    {
      CheckedFile joined(tmp / (first_on_disk ? "queries.0.part" : "queries.csv"), out.shown("queries.csv"), first_on_disk);
      if (!first_on_disk) joined.write(csv[0]->held());
      for (std::size_t r = 1; r < n; ++r) {
        if (!csv[r]->on_disk()) {
          joined.write(csv[r]->held());
          continue;
        }
        joined.append_file(tmp / fmt::format("queries.{}.part", r));
        fs::remove(tmp / fmt::format("queries.{}.part", r));
      }
      joined.close();
    }
    if (first_on_disk) fs::rename(tmp / "queries.0.part", tmp / "queries.csv");
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
    const Partitioner& p = g.partitioners[r];
    std::string o(p.policy->optimises);
    if (p.knows_phone_load) o += "; mobile times x the phone's measured load slowdown";
    if (p.learns) o += "; times corrected by the client's observations";
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

// One run's summary.json entry.
Json entry_of(const ReplicaResult& rr, const std::vector<std::string>& split_names) {
  Json part = rr.stats.to_json(split_names, rr.server_utilisation);
  part["optimises"] = rr.optimises;
  part["offered_load"] = loads_json(rr.loads);
  part["stable"] = rr.loads.stable();
  if (!rr.regret.is_null()) part["regret"] = rr.regret;
  return part;
}

// The busiest resource in words: "the server", "client 3's uplink", "client 0's processor".
std::string busiest(const ResourceLoads& l) {
  if (l.server >= l.processor_max && l.server >= l.link_max) return "the server";
  if (l.link_max >= l.processor_max) return fmt::format("client {}'s uplink", l.link_client);
  return fmt::format("client {}'s processor", l.processor_client);
}

// The regret columns of an entry: mean per query above the yardstick, in ms and J.
std::string regret_cells(const Json& e) {
  return fmt::format(" {:>10.2f} {:>9.4f}", e["regret"]["latency_ms"]["mean"].get<double>(),
                     e["regret"]["energy_j"]["mean"].get<double>());
}

// What the regret columns are measured against, in words.
std::string regret_legend(const Json& yardstick) {
  if (yardstick["kind"] == "lower bound") {
    return "(regret_ms, regret_J = mean per query above a lower bound: each query alone at an idle server with a "
           "connected radio, over the splits (several clients: no offline optimum); p95 in summary.json)\n";
  }
  std::string text = "(regret_ms, regret_J = mean per query above the offline optimum of latency and of energy; p95 in "
                     "summary.json";
  if (!yardstick["exact"].get<bool>()) {
    text += fmt::format("; approximate here: {} choices overlapped transfers{}, so a policy may beat it",
                        yardstick["approximate_transitions"].get<std::uint64_t>(),
                        yardstick.value("capped", false) ? " or a layer was pruned" : "");
  }
  return text + ")\n";
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
  const auto replications = static_cast<std::size_t>(s.replications);
  result.replications = s.replications;
  // runs[k][r]: replication k of partitioner r; only the first writes per-query files.
  std::vector<std::vector<ReplicaResult>> runs(replications);
  std::vector<double> slo_ms;
  for (const auto& g : setup.groups) slo_ms.push_back(g.spec.slo_ms.value_or(0));
  for (auto& run : runs) {
    for (std::size_t r = 0; r < n; ++r) {
      run.push_back({s.partitioners[r], SummaryStats(offsets, total, count_from, slo_ms), 0, {}, optimises_of(setup, r), 0, 0, {}});
    }
  }
  // Each replication's yardstick first (its arrivals differ), then every replica against it.
  std::vector<Yardstick> yardsticks(s.regret ? replications : 0);
  parallel_for(yardsticks.size(), options.threads, [&](std::size_t k) {
    yardsticks[k] = build_yardstick(setup, replication_seed(s.seed, static_cast<std::int64_t>(k)));
  });
  std::vector<std::unique_ptr<QueryCsvWriter>> csv(n * replications);
  parallel_for(n * replications, options.threads, [&](std::size_t t) {
    std::size_t k = t / n, r = t % n;
    run_replica(setup, k == 0 ? out : nullptr, r, runs[k][r], replication_seed(s.seed, static_cast<std::int64_t>(k)),
                yardsticks.empty() ? nullptr : &yardsticks[k], csv[t]);
  });

  for (const auto& run : runs) {
    for (const auto& rr : run) result.events += rr.events, result.queries += rr.queries;
  }
  Json parts = Json::object();
  for (std::size_t r = 0; r < n; ++r) {
    std::vector<Json> entries;
    for (const auto& run : runs) entries.push_back(entry_of(run[r], result.split_names));
    result.entries.push_back(join_replications(entries));
    parts[s.partitioners[r]] = result.entries.back();
    for (std::size_t k = 1; k < replications; ++k) runs[0][r].stats.merge(runs[k][r].stats);
  }
  result.replicas = std::move(runs[0]);
  result.summary = {{"scenario", s.name}, {"seed", s.seed}, {"horizon_s", s.horizon_s}, {"partitioners", parts}};
  if (!yardsticks.empty()) result.summary["yardstick"] = result.yardstick = yardsticks_json(yardsticks);
  if (replications > 1) result.summary["replications"] = replications;
  if (out != nullptr) {
    join_parts(s, *out, csv);
    write_checked(out->scratch() / "summary.json", dump_json(result.summary), out->shown("summary.json"));
    Json resolved = s.to_json();
    resolved["run"] = {{"command_line", options.command_line}, {"scenario_file", s.file}, {"splitsim_version", std::string(kVersion)}};
    write_checked(out->scratch() / "scenario.resolved.json", dump_json(resolved), out->shown("scenario.resolved.json"));
  }
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

ResourceLoads offered_loads_of(const Json& entry) {
  const Json& load = entry["offered_load"];
  return {load["server"].get<double>(),      load.value("processor_max", 0.0), load.value("processor_mean", 0.0),
          load.value("processor_max_client", std::int64_t{-1}), load.value("link_max", 0.0),
          load.value("link_mean", 0.0),      load.value("link_max_client", std::int64_t{-1})};
}

namespace {

// The partitioner column: 24 characters, or the longest name's (with modifiers).
int name_width(const RunResult& r) {
  std::size_t w = 24;
  for (const ReplicaResult& rr : r.replicas) w = std::max(w, rr.partitioner.size());
  return static_cast<int>(w);
}

// Where the truth is tracked: each partitioner's share of choices that differ from its own on the true costs.
std::string misprediction_lines(const RunResult& r) {
  if (r.entries.empty() || !r.entries.front().contains("misprediction")) return {};
  std::string out = "mispredicted: the share of choices that differ from the same policy's on the true costs, and what "
                    "they cost more per query (Algorithm 1's latency and energy on the true costs):\n";
  for (std::size_t p = 0; p < r.replicas.size(); ++p) {
    if (!r.entries[p].contains("misprediction")) continue;
    const Json& m = r.entries[p]["misprediction"];
    out += fmt::format("  {:<{}} {:5.1f} %  {:+.2f} ms  {:+.4f} J\n", r.replicas[p].partitioner, name_width(r), 100 * m["share"].get<double>(),
                       m["regret_ms"].get<double>(), m["regret_j"].get<double>());
  }
  return out;
}

}  // namespace

std::string summary_table(const RunResult& r) {
  const bool ci = r.replications > 1;
  // A mean, with its 95 % half-width when there are replications.
  auto cell = [&](const Json& e, const char* group, const char* key, int precision, int width) {
    double v = e[group][key].get<double>();
    if (!ci) return fmt::format("{:>{}.{}f}", v, width, precision);
    double hw = e["ci95_half_width"][group][key].get<double>();
    return fmt::format("{:>{}}", fmt::format("{:.{}f}±{:.{}f}", v, precision, hw, precision), width + 2 + precision + 4);
  };
  const int w_ms = 10, w_j = 9;
  const bool regret = !r.yardstick.is_null();
  const int w = name_width(r);
  std::string out = fmt::format("{:<{}} {:>9} {:>{}} {:>10} {:>{}} {:>10} {:>{}} {:>9} {:>9} {:>9}{} {:>9}  {}\n", "partitioner", w,
                                "queries", "mean_ms", ci ? w_ms + 8 : w_ms, "p50_ms", "p95_ms", ci ? w_ms + 8 : w_ms,
                                "p99_ms", "total_J", ci ? w_j + 10 : w_j, "compute_J", "radio_J", "tail_J",
                                regret ? fmt::format(" {:>10} {:>9}", "regret_ms", "regret_J") : "", "max_load",
                                "most chosen split");
  std::string legend, unstable;
  for (std::size_t p = 0; p < r.replicas.size(); ++p) {
    const ReplicaResult& rr = r.replicas[p];
    const Json& e = r.entries[p];
    auto [top, top_count] = rr.stats.top_split(r.split_names);
    double share = rr.stats.count() ? 100.0 * static_cast<double>(top_count) / static_cast<double>(rr.stats.count()) : 0.0;
    const Json& energy = e["energy_j"];
    ResourceLoads l = offered_loads_of(e);
    bool stable = e["stable"].get<bool>();
    out += fmt::format("{:<{}} {:>9} {} {:>10.2f} {} {:>10.2f} {} {:>9.4f} {:>9.4f} {:>9.4f}{} {:>8.1f}%{}  {} ({:.0f}%)\n",
                       rr.partitioner, w, e["count"].get<std::int64_t>(), cell(e, "latency_ms", "mean", 2, w_ms),
                       e["latency_ms"]["p50"].get<double>(), cell(e, "latency_ms", "p95", 2, w_ms),
                       e["latency_ms"]["p99"].get<double>(), cell(e, "energy_j", "total", 4, w_j),
                       energy["compute"].get<double>(), energy["radio"].get<double>() + energy["promotion"].get<double>(),
                       energy["tail"].get<double>(), regret ? regret_cells(e) : "", 100 * l.max(), stable ? " " : "!", top, share);
    legend += fmt::format("  {:<{}} {}\n", rr.partitioner, w, rr.optimises);
    if (!stable) {
      unstable += fmt::format("  {:<{}} {} is offered {:.0f} % of its capacity: its queue grows for as long as the run "
                              "lasts, so its latency means depend on the horizon\n",
                              rr.partitioner, w, busiest(l), 100 * l.max());
    }
  }
  out += "(total_J = compute_J + radio_J (transfers and promotions) + tail_J, per query; max_load = the offered load of "
         "the busiest resource: the server, a phone's processor or its uplink)\n";
  if (regret) out += regret_legend(r.yardstick);
  if (ci) {
    out += fmt::format("(means over {} replications, ± the half-width of their 95 % confidence interval, Student t; "
                       "p50 and p99 are means over them too; the most chosen split is pooled)\n", r.replications);
  }
  if (!r.entries.empty() && r.entries.front().contains("slo_miss_share")) {
    out += "share of queries missing their deadline (slo_ms):";
    for (std::size_t p = 0; p < r.replicas.size(); ++p) {
      out += fmt::format(" {} {:.1f} %{}", r.replicas[p].partitioner, 100 * r.entries[p]["slo_miss_share"].get<double>(),
                         p + 1 < r.replicas.size() ? "," : "\n");
    }
  }
  out += misprediction_lines(r);
  out += "what each minimises:\n" + legend;
  if (!unstable.empty()) out += "unstable (!): offered load at or above 100 %:\n" + unstable;
  return out;
}

}  // namespace splitsim

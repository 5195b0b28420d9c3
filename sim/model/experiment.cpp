#include "model/experiment.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "model/chrome_trace_writer.hpp"
#include "model/offload_world.hpp"
#include "model/query_csv_writer.hpp"
#include "version.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

void append_file(std::ofstream& out, const fs::path& part) {
  std::ifstream in(part, std::ios::binary);
  out << in.rdbuf();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw UsageError("cannot write " + path.string());
}

// The output folder: refuse to overwrite unless forced; write into a scratch sibling, then swap it in.
fs::path scratch_dir(const RunOptions& o) {
  fs::path out(o.out_dir);
  std::error_code ec;
  if (fs::exists(out, ec) && !o.force && !(fs::is_directory(out, ec) && fs::is_empty(out, ec))) {
    throw UsageError(fmt::format("{} exists; use --force to overwrite it", o.out_dir));
  }
  fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) throw UsageError(fmt::format("cannot write {}: no directory {}", o.out_dir, parent.string()));
  fs::path tmp = parent / fmt::format(".{}.tmp-{}", out.filename().string(), ::getpid());
  fs::remove_all(tmp, ec);
  fs::create_directory(tmp);
  return tmp;
}

}  // namespace

RunResult run_experiment(const ExperimentSetup& setup, const RunOptions& options) {
  const Scenario& s = setup.scenario;
  auto t0 = std::chrono::steady_clock::now();
  bool files = !options.out_dir.empty();
  fs::path tmp = files ? scratch_dir(options) : fs::path();

  RunResult result;
  std::vector<int> offsets;
  int total = 0;
  std::set<std::string> networks;
  for (const auto& g : setup.groups) networks.insert(g.network.abbrev);
  for (const auto& g : setup.groups) {
    offsets.push_back(total);
    total += g.costs.splits();
    for (const auto& name : g.costs.layer_names) {
      result.split_names.push_back(networks.size() > 1 ? g.network.abbrev + ":" + name : name);
    }
  }
  const std::size_t n = s.partitioners.size();
  for (std::size_t r = 0; r < n; ++r) result.replicas.push_back({s.partitioners[r], SummaryStats(offsets, total), 0, 0, 0});

  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(n);
  auto worker = [&] {
    for (std::size_t r = next++; r < n; r = next++) {
      try {
        ReplicaResult& rr = result.replicas[r];
        std::vector<QueryObserver*> observers{&rr.stats};
        std::unique_ptr<QueryCsvWriter> csv;
        std::unique_ptr<ChromeTraceWriter> trace;
        if (files && s.queries_csv) {
          csv = std::make_unique<QueryCsvWriter>((tmp / fmt::format("queries.{}.part", r)).string(), rr.partitioner, r == 0);
          observers.push_back(csv.get());
        }
        if (files && s.trace_json) {
          trace = std::make_unique<ChromeTraceWriter>((tmp / fmt::format("trace.{}.part", r)).string(), static_cast<int>(r),
                                                      rr.partitioner, s.trace_max_queries);
          observers.push_back(trace.get());
        }
        OffloadWorld world(setup, r, observers);
        world.run();
        rr.server_utilisation = world.server_utilisation();
        rr.events = world.events();
        rr.queries = world.queries();
        if (csv) csv->close();
        if (trace) trace->close();
      } catch (...) {
        errors[r] = std::current_exception();
      }
    }
  };
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min<int>(threads, static_cast<int>(n));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) {
      if (files) fs::remove_all(tmp);
      std::rethrow_exception(e);
    }
  }

  Json parts = Json::object();
  for (const auto& rr : result.replicas) parts[rr.partitioner] = rr.stats.to_json(result.split_names, rr.server_utilisation);
  result.summary = {{"scenario", s.name}, {"seed", s.seed}, {"horizon_s", s.horizon_s}, {"partitioners", parts}};
  if (files) {
    // Replica parts joined in the scenario's order: the same bytes whatever the thread count.
    if (s.queries_csv) {
      // The first part starts with the header; the others are appended to it.
      {
        std::ofstream out(tmp / "queries.0.part", std::ios::binary | std::ios::app);
        for (std::size_t r = 1; r < n; ++r) {
          append_file(out, tmp / fmt::format("queries.{}.part", r));
          fs::remove(tmp / fmt::format("queries.{}.part", r));
        }
      }
      fs::rename(tmp / "queries.0.part", tmp / "queries.csv");
    }
    if (s.trace_json) {
      std::ofstream out(tmp / "trace.json", std::ios::binary);
      out << "[\n";
      for (std::size_t r = 0; r < n; ++r) {
        if (r > 0) out << ",\n";
        append_file(out, tmp / fmt::format("trace.{}.part", r));
        fs::remove(tmp / fmt::format("trace.{}.part", r));
      }
      out << "\n]\n";
    }
    write_text(tmp / "summary.json", result.summary.dump(2) + "\n");
    Json resolved = s.to_json();
    resolved["run"] = {{"command_line", options.command_line}, {"scenario_file", s.file}, {"splitsim_version", std::string(kVersion)}};
    write_text(tmp / "scenario.resolved.json", resolved.dump(2) + "\n");
    std::error_code ec;
    fs::remove_all(options.out_dir, ec);
    fs::rename(tmp, options.out_dir, ec);
    if (ec) throw UsageError(fmt::format("cannot write {}: {}", options.out_dir, ec.message()));
  }
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

std::string summary_table(const RunResult& r) {
  std::string out = fmt::format("{:<22} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9}  {}\n", "partitioner",
                                "queries", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "energy_J", "tail_J", "srv_util",
                                "most chosen split");
  for (const auto& rr : r.replicas) {
    const auto& counts = rr.stats.split_counts();
    auto top = std::max_element(counts.begin(), counts.end()) - counts.begin();
    double share = rr.stats.count() ? 100.0 * static_cast<double>(counts[static_cast<std::size_t>(top)]) /
                                          static_cast<double>(rr.stats.count())
                                    : 0.0;
    out += fmt::format("{:<22} {:>9} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.4f} {:>9.4f} {:>8.1f}%  {} ({:.0f}%)\n",
                       rr.partitioner, rr.stats.count(), rr.stats.mean_latency_ms(), rr.stats.quantile_ms(0.5),
                       rr.stats.quantile_ms(0.95), rr.stats.quantile_ms(0.99), rr.stats.mean_energy_j(),
                       rr.stats.mean_tail_energy_j(), 100 * rr.server_utilisation, r.split_names[static_cast<std::size_t>(top)],
                       share);
  }
  return out;
}

}  // namespace splitsim

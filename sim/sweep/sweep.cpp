#include "sweep/sweep.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/input_error.hpp"
#include "core/output_dir.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "model/experiment.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

std::string value_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::uint64_t fnv1a(const std::string& s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

std::string metrics_row(const SummaryStats& s, const std::vector<std::string>& names, double utilisation) {
  auto [top, top_count] = s.top_split(names);
  double n = std::max<double>(static_cast<double>(s.count()), 1);
  Json j = s.to_json(names, utilisation);
  const Json& b = j["breakdown_ms"];
  return fmt::format("{},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.6f},{:.9f},{:.9f},{:.9f},{:.9f},{:.9f},{:.3f},{},{:.6f},{:.6f}",
                     s.count(), s.mean_latency_ms(), s.quantile_ms(0.5), s.quantile_ms(0.95), s.quantile_ms(0.99),
                     b["mobile"].get<double>(), b["upload"].get<double>(), b["queue"].get<double>(), b["server"].get<double>(),
                     b["download"].get<double>(), s.mean_energy_j(), s.mean_mobile_energy_j(), s.mean_radio_energy_j(),
                     s.mean_promotion_energy_j(), s.mean_tail_energy_j(), j["upload_bytes_mean"].get<double>(), top,
                     static_cast<double>(top_count) / n, utilisation);
}

}  // namespace

std::string sweep_metrics_header() {
  return "partitioner,queries,latency_mean_ms,latency_p50_ms,latency_p95_ms,latency_p99_ms,mobile_ms,upload_ms,queue_ms,"
         "server_ms,download_ms,energy_mean_j,mobile_energy_j,radio_energy_j,promotion_energy_j,tail_energy_j,upload_bytes_mean,top_split,"
         "top_split_share,server_utilisation";
}

std::size_t Sweep::points() const {
  std::size_t n = 1;
  for (const auto& a : axes) n *= a.labels.size();
  return n;
}

std::vector<std::size_t> Sweep::coordinates(std::size_t index) const {
  std::vector<std::size_t> c(axes.size());
  for (std::size_t k = axes.size(); k-- > 0;) {
    c[k] = index % axes[k].labels.size();
    index /= axes[k].labels.size();
  }
  return c;
}

std::vector<std::string> Sweep::settings_of(std::size_t index) const {
  std::vector<std::string> out = sets;
  auto c = coordinates(index);
  for (std::size_t k = 0; k < axes.size(); ++k) {
    const auto& s = axes[k].settings[c[k]];
    out.insert(out.end(), s.begin(), s.end());
  }
  return out;
}

Sweep load_sweep(const std::string& path) {
  Json doc = read_json_file(path);
  JsonReader r(doc, path, "");
  r.ignore("comment");
  Sweep s;
  s.file = path;
  std::string scenario = r.string("scenario");
  fs::path base = fs::path(path).parent_path() / scenario;
  if (!fs::is_regular_file(base)) r.fail("scenario", fmt::format("cannot open scenario \"{}\"", scenario));
  s.scenario = base.string();
  if (const Json* set = r.find("set")) {
    JsonReader sr(*set, path, "/set");
    for (const auto& [k, v] : set->items()) {
      s.sets.push_back(k + "=" + v.dump());
      sr.ignore(k);
    }
  }
  const Json& axes = r.at("axes");
  if (!axes.is_array() || axes.empty()) r.fail("axes", "expected a non-empty array of axes");
  for (std::size_t i = 0; i < axes.size(); ++i) {
    std::string ptr = json_child("/axes", i);
    JsonReader a(axes[i], path, ptr);
    a.ignore("comment");
    SweepAxis axis;
    axis.name = a.string("name");
    if (axis.name.empty() || axis.name.find(',') != std::string::npos) a.fail("name", "an axis name must be non-empty and without commas");
    const Json& values = a.at("values");
    if (a.has("path")) {
      // One setting per value, optionally through a format: "constant:{}".
      std::string setting = a.string("path");
      std::string format = a.string_or("format", "{}");
      if (!values.is_array() || values.empty()) a.fail("values", "expected a non-empty array of values");
      for (const Json& v : values) {
        axis.labels.push_back(value_text(v));
        Json value = v;
        if (format != "{}") value = fmt::format(fmt::runtime(format), value_text(v));
        axis.settings.push_back({setting + "=" + value.dump()});
      }
    } else {
      // Named values, each a bundle of settings: [{"name": ..., "set": {path: value, ...}}, ...], in order.
      if (!values.is_array() || values.empty()) {
        a.fail("values", "expected a non-empty array (of values with a \"path\", or of {\"name\", \"set\"} bundles)");
      }
      for (std::size_t v = 0; v < values.size(); ++v) {
        JsonReader b(values[v], path, json_child(json_child(ptr, "values"), v));
        axis.labels.push_back(value_text(b.at("name")));
        const Json& set = b.at("set");
        if (!set.is_object() || set.empty()) b.fail("set", "expected an object of settings");
        std::vector<std::string> sets;
        for (const auto& [k, value] : set.items()) sets.push_back(k + "=" + value.dump());
        axis.settings.push_back(sets);
        b.finish();
      }
    }
    for (const auto& l : axis.labels) {
      if (l.find(',') != std::string::npos || l.find('\n') != std::string::npos) {
        a.fail("values", fmt::format("value \"{}\" cannot be written in a CSV cell", l));
      }
    }
    a.finish();
    s.axes.push_back(std::move(axis));
  }
  r.finish();
  if (s.points() > 10'000'000) r.fail("axes", fmt::format("{} grid points is too many", s.points()));
  s.identity = fmt::format("{:016x}", fnv1a(slurp(s.scenario), fnv1a(doc.dump())));
  // Check each axis value once before running anything, so that a bad value fails here with its place
  // rather than halfway through the grid.
  for (std::size_t k = 0; k < s.axes.size(); ++k) {
    for (std::size_t v = 0; v < s.axes[k].labels.size(); ++v) {
      std::vector<std::string> settings = s.sets;
      for (std::size_t m = 0; m < s.axes.size(); ++m) {
        const auto& chosen = s.axes[m].settings[m == k ? v : 0];
        settings.insert(settings.end(), chosen.begin(), chosen.end());
      }
      try {
        load_scenario(s.scenario, settings);
      } catch (const std::exception& e) {
        throw InputError(path, json_child(json_child(json_child("/axes", k), "values"), v),
                         fmt::format("value \"{}\" of axis {}: {}", s.axes[k].labels[v], s.axes[k].name, e.what()));
      }
    }
  }
  return s;
}

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  std::size_t i = 0, n = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("");
    std::size_t used = 0;
    i = std::stoul(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("");
    n = std::stoul(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("");
  } catch (...) {
    throw UsageError(fmt::format("bad --shard \"{}\": expected I/N, e.g. 2/8", text));
  }
  if (n < 1 || i < 1 || i > n) throw UsageError(fmt::format("bad --shard \"{}\": I must be between 1 and N", text));
  return {i, n};
}

std::size_t run_sweep(const Sweep& sweep, const SweepOptions& o) {
  std::vector<std::size_t> mine;
  for (std::size_t p = 0; p < sweep.points(); ++p) {
    if (p % o.shards == o.shard - 1) mine.push_back(p);
  }
  fs::path out(o.out_dir);
  check_output_dir(o.out_dir, o.force);
  std::vector<std::string> rows(mine.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress_lock;
  ResourceCache cache;  // each network, platform and trace read once for the whole grid
  parallel_for(mine.size(), o.jobs, [&](std::size_t k) {
    std::size_t p = mine[k];
    ExperimentSetup setup = build_experiment(load_scenario(sweep.scenario, sweep.settings_of(p)), &cache);
    RunOptions ro;
    ro.threads = 1;
    RunResult rr = run_experiment(setup, ro);
    std::string prefix = std::to_string(p);
    auto c = sweep.coordinates(p);
    for (std::size_t a = 0; a < c.size(); ++a) prefix += "," + sweep.axes[a].labels[c[a]];
    for (const auto& rep : rr.replicas) {
      rows[k] += prefix + "," + rep.partitioner + "," + metrics_row(rep.stats, rr.split_names, rep.server_utilisation) + "\n";
    }
    std::size_t d = ++done;
    if (o.progress) {
      std::lock_guard lock(progress_lock);
      o.progress(d, mine.size());
    }
  });
  std::string header = "point";
  for (const auto& a : sweep.axes) header += "," + a.name;
  std::string csv = header + "," + sweep_metrics_header() + "\n";
  for (const auto& r : rows) csv += r;
  Json meta{{"sweep", sweep.file}, {"identity", sweep.identity}, {"points", sweep.points()}, {"shard", o.shard},
            {"shards", o.shards}, {"points_in_shard", mine.size()}, {"header", header}};
  std::error_code ec;
  fs::create_directories(out, ec);
  write_file_atomic((out / "results.csv").string(), csv, true);
  write_file_atomic((out / "sweep.json").string(), meta.dump(2) + "\n", true);
  return mine.size();
}

void merge_sweep_shards(const std::vector<std::string>& dirs, const std::string& out_dir, bool force) {
  if (dirs.empty()) throw UsageError("merge needs at least one shard folder");
  std::map<std::size_t, std::string> rows_by_point;
  std::string identity, header_line;
  std::size_t shards = 0, points = 0;
  std::vector<bool> seen;
  Json first_meta;
  for (const auto& d : dirs) {
    std::string meta_path = (fs::path(d) / "sweep.json").string();
    Json meta = read_json_file(meta_path);
    if (!meta.contains("identity") || !meta.contains("shards") || !meta.contains("shard")) {
      throw InputError(meta_path, "", "not a sweep output (no identity, shard or shards)");
    }
    if (identity.empty()) {
      identity = meta["identity"];
      shards = meta["shards"];
      points = meta["points"];
      seen.assign(shards + 1, false);
      first_meta = meta;
    } else if (meta["identity"] != identity || meta["shards"].get<std::size_t>() != shards) {
      throw InputError(meta_path, "/identity", fmt::format("comes from another sweep or sharding than {}", dirs.front()));
    }
    auto shard = meta["shard"].get<std::size_t>();
    if (shard < 1 || shard > shards) throw InputError(meta_path, "/shard", "shard out of range");
    if (seen[shard]) throw InputError(meta_path, "/shard", fmt::format("shard {}/{} is given twice", shard, shards));
    seen[shard] = true;
    std::ifstream in((fs::path(d) / "results.csv").string());
    if (!in) throw InputError((fs::path(d) / "results.csv").string(), "", "cannot open file (missing or unreadable)");
    std::string line;
    std::getline(in, line);
    if (header_line.empty()) header_line = line;
    if (line != header_line) throw InputError((fs::path(d) / "results.csv").string(), "line 1", "a different header than the other shards");
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      std::size_t p = std::stoul(line.substr(0, line.find(',')));
      rows_by_point[p] += line + "\n";
    }
  }
  for (std::size_t s = 1; s <= shards; ++s) {
    if (!seen[s]) throw UsageError(fmt::format("merge: shard {}/{} is missing", s, shards));
  }
  if (rows_by_point.size() != points) throw UsageError(fmt::format("merge: {} of {} points present", rows_by_point.size(), points));
  fs::path out(out_dir);
  check_output_dir(out_dir, force);
  std::error_code ec;
  std::string csv = header_line + "\n";
  for (const auto& [p, rows] : rows_by_point) csv += rows;
  Json meta = first_meta;
  meta["shard"] = 1;
  meta["shards"] = 1;
  meta["points_in_shard"] = points;
  fs::create_directories(out, ec);
  write_file_atomic((out / "results.csv").string(), csv, true);
  write_file_atomic((out / "sweep.json").string(), meta.dump(2) + "\n", true);
}

}  // namespace splitsim

#include "sweep/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <mutex>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "core/columns.hpp"
#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "core/output_target.hpp"
#include "core/parallel.hpp"
#include "core/random.hpp"
#include "run/experiment.hpp"

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

// What one replica of one point reports, and the columns it is written in.
struct ReplicaRow {
  const ReplicaResult& replica;
  const std::vector<std::string>& split_names;
  Json summary;  // the replica's summary.json entry
  std::pair<std::string, std::int64_t> top;
};

const Columns<ReplicaRow>& metric_columns() {
  using R = ReplicaRow;
  auto breakdown = [](const char* part) {
    return column<R>(fmt::format("{}_ms", part), "{:.6f}", [part](const R& r) { return r.summary["breakdown_ms"][part].get<double>(); });
  };
  static const Columns<R> columns{
      column<R>("partitioner", "{}", [](const R& r) { return r.replica.partitioner; }),
      column<R>("queries", "{}", [](const R& r) { return r.replica.stats.count(); }),
      column<R>("latency_mean_ms", "{:.6f}", [](const R& r) { return r.replica.stats.mean_latency_ms(); }),
      column<R>("latency_p50_ms", "{:.6f}", [](const R& r) { return r.replica.stats.quantile_ms(0.5); }),
      column<R>("latency_p95_ms", "{:.6f}", [](const R& r) { return r.replica.stats.quantile_ms(0.95); }),
      column<R>("latency_p99_ms", "{:.6f}", [](const R& r) { return r.replica.stats.quantile_ms(0.99); }),
      breakdown("mobile"), breakdown("upload"), breakdown("queue"), breakdown("server"), breakdown("download"),
      column<R>("energy_mean_j", "{:.9f}", [](const R& r) { return r.replica.stats.mean_energy_j(); }),
      column<R>("mobile_energy_j", "{:.9f}", [](const R& r) { return r.replica.stats.mean_mobile_energy_j(); }),
      column<R>("radio_energy_j", "{:.9f}", [](const R& r) { return r.replica.stats.mean_radio_energy_j(); }),
      column<R>("promotion_energy_j", "{:.9f}", [](const R& r) { return r.replica.stats.mean_promotion_energy_j(); }),
      column<R>("tail_energy_j", "{:.9f}", [](const R& r) { return r.replica.stats.mean_tail_energy_j(); }),
      column<R>("upload_bytes_mean", "{:.3f}", [](const R& r) { return r.summary["upload_bytes_mean"].get<double>(); }),
      column<R>("top_split", "{}", [](const R& r) { return r.top.first; }),
      column<R>("top_split_share", "{:.6f}", [](const R& r) {
        return static_cast<double>(r.top.second) / std::max<double>(static_cast<double>(r.replica.stats.count()), 1);
      }),
      column<R>("server_utilisation", "{:.6f}", [](const R& r) { return r.replica.server_utilisation; }),
  };
  return columns;
}

std::string metrics_row(const ReplicaResult& rep, const std::vector<std::string>& names) {
  ReplicaRow row{rep, names, rep.stats.to_json(names, rep.server_utilisation), rep.stats.top_split(names)};
  return csv_row(metric_columns(), row);
}

}  // namespace

std::string sweep_metrics_header() { return csv_header(metric_columns()); }

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
        if (format != "{}") {
          try {
            value = fmt::format(fmt::runtime(format), value_text(v));
          } catch (const fmt::format_error& e) {
            a.fail("format", fmt::format("bad format \"{}\": {} (use {{}} where the value goes)", format, e.what()));
          }
        }
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
    // Checked axis by axis, before the product can overflow.
    if (s.points() > limits::kMaxSweepPoints) {
      r.fail("axes", fmt::format("more than {} grid points (docs/limits.md)", limits::kMaxSweepPoints));
    }
  }
  r.finish();
  s.identity = fmt::format("{:016x}", fnv1a(slurp(s.scenario), fnv1a(doc.dump(-1, ' ', false, Json::error_handler_t::replace))));
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
    auto digits = [](const std::string& t) { return !t.empty() && t.size() <= 9 && t.find_first_not_of("0123456789") == std::string::npos; };
    if (!digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) throw std::invalid_argument("");
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
  OutputTarget out(o.out_dir, OutputTarget::Kind::folder, o.force, {sweep.file, sweep.scenario});  // before any work
  std::vector<std::size_t> mine;
  for (std::size_t p = 0; p < sweep.points(); ++p) {
    if (p % o.shards == o.shard - 1) mine.push_back(p);
  }
  std::vector<std::string> rows(mine.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress_lock;
  ResourceCache cache;  // each network, platform and trace read once for the whole grid
  parallel_for(mine.size(), o.jobs, [&](std::size_t k) {
    std::size_t p = mine[k];
    ExperimentSetup setup = build_experiment(load_scenario(sweep.scenario, sweep.settings_of(p)), &cache);
    check_work(setup, {o.max_queries, o.max_clients});
    RunOptions ro;
    ro.threads = 1;
    RunResult rr = run_experiment(setup, ro);
    std::string prefix = std::to_string(p);
    auto c = sweep.coordinates(p);
    for (std::size_t a = 0; a < c.size(); ++a) prefix += "," + sweep.axes[a].labels[c[a]];
    for (const auto& rep : rr.replicas) {
      rows[k] += prefix + "," + metrics_row(rep, rr.split_names) + "\n";
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
  write_checked(out.scratch() / "results.csv", header + "," + sweep_metrics_header() + "\n" + body, out.shown("results.csv"));
  write_checked(out.scratch() / "sweep.json", dump_json(meta), out.shown("sweep.json"));
  out.commit();
  if (o.warnings != nullptr) *o.warnings = cache.warnings();
  return mine.size();
}

namespace {

/// One shard folder as merge reads it: its sweep.json checked field by field, its rows checked against it.
struct Shard {
  std::string meta_path, csv_path;
  std::string identity, header;
  std::size_t points = 0, shards = 0, shard = 0;
  std::vector<std::string> rows;
};

std::size_t meta_count(const Json& meta, const std::string& path, const char* key, std::size_t lo, std::size_t hi) {
  if (!meta.contains(key)) throw InputError(path, "", fmt::format("not a sweep output (no \"{}\"); rerun the shard", key));
  const Json& v = meta[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < static_cast<std::int64_t>(lo) ||
      v.get<std::uint64_t>() > hi) {
    throw InputError(path, fmt::format("/{}", key), fmt::format("expected an integer between {} and {}, found {}", lo, hi, v.dump()));
  }
  return v.get<std::size_t>();
}

std::string meta_text(const Json& meta, const std::string& path, const char* key) {
  if (!meta.contains(key)) throw InputError(path, "", fmt::format("not a sweep output (no \"{}\"); rerun the shard", key));
  if (!meta[key].is_string()) throw InputError(path, fmt::format("/{}", key), "expected a string, found " + describe_json(meta[key]));
  return meta[key].get<std::string>();
}

std::string nth_field(const std::string& row, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n && start != std::string::npos; ++i) {
    start = row.find(',', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return "";
  return row.substr(start, row.find(',', start) - start);
}

Shard read_shard(const std::string& dir) {
  constexpr std::size_t kMaxPoints = 1000000000;  // docs/limits.md
  Shard sh;
  sh.meta_path = (fs::path(dir) / "sweep.json").string();
  sh.csv_path = (fs::path(dir) / "results.csv").string();
  Json meta = read_json_file(sh.meta_path);
  if (!meta.is_object()) throw InputError(sh.meta_path, "/", "expected an object, found " + describe_json(meta));
  sh.identity = meta_text(meta, sh.meta_path, "identity");
  sh.points = meta_count(meta, sh.meta_path, "points", 1, kMaxPoints);
  sh.shards = meta_count(meta, sh.meta_path, "shards", 1, sh.points);
  sh.shard = meta_count(meta, sh.meta_path, "shard", 1, sh.shards);
  std::size_t rows = meta_count(meta, sh.meta_path, "rows", 0, std::numeric_limits<std::int64_t>::max());
  std::string checksum = meta_text(meta, sh.meta_path, "checksum");
  std::error_code ec;
  if (!fs::is_regular_file(sh.csv_path, ec)) throw InputError(sh.csv_path, "", "cannot open file (missing or not a regular file)");
  std::string text = slurp(sh.csv_path);
  auto eol = text.find('\n');
  if (eol == std::string::npos) throw InputError(sh.csv_path, "line 1", "no header line");
  sh.header = text.substr(0, eol);
  std::string body = text.substr(eol + 1);
  std::size_t found = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
  if (found != rows || fmt::format("{:016x}", fnv1a(body)) != checksum) {
    throw InputError(sh.csv_path, "", fmt::format("{} rows, but its sweep.json records {} rows and another checksum: the table "
                                                  "was changed after the shard wrote it; rerun the shard", found, rows));
  }
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    sh.rows.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return sh;
}

}  // namespace

void merge_sweep_shards(const std::vector<std::string>& dirs, const std::string& out_dir, bool force) {
  if (dirs.empty()) throw UsageError("merge needs at least one shard folder");
  OutputTarget out(out_dir, OutputTarget::Kind::folder, force, dirs);  // before any work
  std::vector<Shard> shards;
  std::set<std::size_t> seen;
  for (const auto& d : dirs) {
    Shard sh = read_shard(d);
    if (!shards.empty()) {
      const Shard& first = shards.front();
      if (sh.identity != first.identity || sh.shards != first.shards || sh.points != first.points) {
        throw InputError(sh.meta_path, "/identity", fmt::format("comes from another sweep or sharding than {}", dirs.front()));
      }
      if (sh.header != first.header) throw InputError(sh.csv_path, "line 1", "a different header than the other shards");
    }
    if (!seen.insert(sh.shard).second) throw InputError(sh.meta_path, "/shard", fmt::format("shard {}/{} is given twice", sh.shard, sh.shards));
    shards.push_back(std::move(sh));
  }
  const std::size_t n_shards = shards.front().shards, points = shards.front().points;
  for (std::size_t s = 1; s <= n_shards; ++s) {
    if (seen.count(s) == 0) throw UsageError(fmt::format("merge: shard {}/{} is missing", s, n_shards));
  }
  // Every row must be its shard's own, once: a point's rows come whole from one shard.
  std::map<std::size_t, std::vector<std::string>> rows_by_point;
  std::set<std::string> keys;
  const std::string& header = shards.front().header;
  std::size_t at = header.find(",partitioner,");
  if (at == std::string::npos) throw InputError(shards.front().csv_path, "line 1", "no partitioner column");
  const auto partitioner_column = static_cast<std::size_t>(std::count(header.begin(), header.begin() + static_cast<long>(at), ',') + 1);
  for (const auto& sh : shards) {
    for (std::size_t i = 0; i < sh.rows.size(); ++i) {
      const std::string& row = sh.rows[i];
      std::string place = fmt::format("line {}", i + 2);
      auto comma = row.find(',');
      std::string first = row.substr(0, comma);
      if (first.empty() || first.size() > 10 || first.find_first_not_of("0123456789") != std::string::npos) {
        throw InputError(sh.csv_path, place, fmt::format("expected a point number, found \"{}\"", first));
      }
      std::size_t p = std::stoul(first);
      if (p >= points) throw InputError(sh.csv_path, place, fmt::format("point {} is outside the sweep's {} points", p, points));
      if (p % n_shards != sh.shard - 1) {
        throw InputError(sh.csv_path, place, fmt::format("point {} belongs to shard {}/{}, not {}", p, p % n_shards + 1, n_shards, sh.shard));
      }
      std::string key = fmt::format("{},{}", p, nth_field(row, partitioner_column));
      if (!keys.insert(key).second) {
        throw InputError(sh.csv_path, place, fmt::format("point {} and partitioner {} appear twice", p, nth_field(row, partitioner_column)));
      }
      rows_by_point[p].push_back(row);
    }
  }
  if (rows_by_point.size() != points) throw UsageError(fmt::format("merge: {} of {} points present", rows_by_point.size(), points));
  std::set<std::string> partitioners;
  for (const auto& [p, rows] : rows_by_point) {
    for (const auto& row : rows) partitioners.insert(nth_field(row, partitioner_column));
  }
  for (const auto& [p, rows] : rows_by_point) {
    if (rows.size() != partitioners.size()) {
      throw UsageError(fmt::format("merge: point {} has {} rows, expected {} (one per partitioner)", p, rows.size(), partitioners.size()));
    }
  }
  std::string body;
  for (const auto& [p, rows] : rows_by_point) {
    for (const auto& row : rows) body += row + "\n";
  }
  Json meta = read_json_file(shards.front().meta_path);
  meta["shard"] = 1;
  meta["shards"] = 1;
  meta["points_in_shard"] = points;
  meta["rows"] = std::count(body.begin(), body.end(), '\n');
  meta["checksum"] = fmt::format("{:016x}", fnv1a(body));
  write_checked(out.scratch() / "results.csv", shards.front().header + "\n" + body, out.shown("results.csv"));
  write_checked(out.scratch() / "sweep.json", dump_json(meta), out.shown("sweep.json"));
  out.commit();
}

}  // namespace splitsim

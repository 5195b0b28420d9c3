// `splitsim merge`: shard folders of one sweep joined into the table the unsharded run writes, every row
// checked to be its shard's own, once.
#include "sweep/sweep.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "core/input_error.hpp"
#include "core/output_target.hpp"
#include "sweep/crossovers.hpp"
#include "sweep/shard_files.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

}  // namespace

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

// The shard folders, each read and checked, all of one sweep and sharding, each shard once and none missing.
std::vector<Shard> read_shards(const std::vector<std::string>& dirs) {
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
  const std::size_t n_shards = shards.front().shards;
  for (std::size_t s = 1; s <= n_shards; ++s) {
    if (seen.count(s) == 0) throw UsageError(fmt::format("merge: shard {}/{} is missing", s, n_shards));
  }
  return shards;
}

}  // namespace

void merge_sweep_shards(const std::vector<std::string>& dirs, const std::string& out_dir, bool force) {
  if (dirs.empty()) throw UsageError("merge needs at least one shard folder");
  OutputTarget out(out_dir, OutputTarget::Kind::folder, force, dirs);  // before any work
  std::vector<Shard> shards = read_shards(dirs);
  const std::size_t n_shards = shards.front().shards, points = shards.front().points;
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
  std::string results = shards.front().header + "\n" + body;
  write_checked(out.scratch() / "results.csv", results, out.shown("results.csv"));
  write_checked(out.scratch() / "sweep.json", dump_json(meta), out.shown("sweep.json"));
  write_checked(out.scratch() / "crossovers.csv", crossovers_csv(results), out.shown("crossovers.csv"));
  out.commit();
}

}  // namespace splitsim

#pragma once
// Sweeps (docs/sweeps.md): a base scenario, fixed overrides, and axes whose cartesian product is the grid.
// Each grid point is an ordinary scenario run (statistics only); one results row per point and compared
// partitioner. Points are numbered in row-major order (the last axis fastest), so any subset of them — a
// shard — can run anywhere and be merged back into exactly the unsharded table.

#include <functional>
#include <string>
#include <vector>

#include "calib/prediction_warnings.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

struct SweepAxis {
  std::string name;
  std::vector<std::string> labels;                 ///< as written in the results table
  std::vector<std::vector<std::string>> settings;  ///< per value: the --set assignments it makes
};

struct Sweep {
  std::string file;
  std::string scenario;                 ///< resolved path of the base scenario
  std::vector<std::string> sets;        ///< fixed overrides
  std::vector<SweepAxis> axes;
  std::string identity;                 ///< a hash of the sweep and its base scenario, checked by merge

  std::size_t points() const;
  /// The value index of each axis at grid point `index`.
  std::vector<std::size_t> coordinates(std::size_t index) const;
  /// All --set assignments of grid point `index`.
  std::vector<std::string> settings_of(std::size_t index) const;
};

/// `sets`: the command line's --set assignments, applied after the file's `set` and before each point's axes.
Sweep load_sweep(const std::string& path, const std::vector<std::string>& sets = {});

/// The JSON Schema of a sweep file (docs/sweep.schema.json).
Json sweep_schema();

/// "I/N" with 1 <= I <= N; UsageError otherwise.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text);

struct SweepOptions {
  std::string out_dir;
  bool force = false;
  int jobs = 0;                  ///< 0: one per core
  std::size_t shard = 1, shards = 1;
  std::function<void(std::size_t done, std::size_t total)> progress;
  PredictionWarnings* warnings = nullptr;  ///< receives the stretched predictions of every point
  std::string* crossovers = nullptr;       ///< receives crossovers.csv (unsharded runs)
  double max_queries = 1e8;                ///< per point (as run --max-queries)
  double max_clients = 2e6;
};

/// Runs the points of the shard; writes DIR/results.csv, DIR/sweep.json (identity, shard, points) and, when
/// unsharded, DIR/crossovers.csv (sweep/crossovers.hpp).
/// Returns the number of points run.
std::size_t run_sweep(const Sweep& sweep, const SweepOptions& options);

/// Joins shard folders of one sweep into DIR, byte for byte what the unsharded run writes.
void merge_sweep_shards(const std::vector<std::string>& shard_dirs, const std::string& out_dir, bool force);

/// The results header (after the point and axis columns).
std::string sweep_metrics_header();

}  // namespace splitsim

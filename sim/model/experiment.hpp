#pragma once
// `splitsim run`: one replica of the system per compared partitioner, on identical arrivals and links,
// run in parallel; outputs streamed to a scratch folder that replaces DIR only when everything is written.

#include <string>
#include <vector>

#include "model/experiment_setup.hpp"
#include "model/summary_stats.hpp"

namespace splitsim {

struct RunOptions {
  std::string out_dir;       ///< empty: no files (statistics only)
  bool force = false;
  int threads = 0;           ///< 0: one per core, at most one per replica
  std::string command_line;
};

struct ReplicaResult {
  std::string partitioner;
  SummaryStats stats;
  double server_utilisation = 0;
  std::uint64_t events = 0;
  std::uint64_t queries = 0;
};

struct RunResult {
  std::vector<ReplicaResult> replicas;
  std::vector<std::string> split_names;  ///< histogram keys
  Json summary;
  double wall_s = 0;
};

RunResult run_experiment(const ExperimentSetup& setup, const RunOptions& options);

/// The terminal summary: one row per partitioner.
std::string summary_table(const RunResult& r);

}  // namespace splitsim

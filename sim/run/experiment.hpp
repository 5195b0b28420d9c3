#pragma once
// `splitsim run`: one replica of the system per compared partitioner, on identical arrivals and links,
// run in parallel; outputs streamed to the scratch folder of a reserved output, which the caller commits.

#include <string>
#include <vector>

#include "core/output_target.hpp"
#include "world/experiment_setup.hpp"
#include "output/summary_stats.hpp"
#include "world/resource_loads.hpp"

namespace splitsim {

struct RunOptions {
  const OutputTarget* out = nullptr;  ///< a reserved folder to write into; null: no files (statistics only)
  int threads = 0;           ///< 0: one per core, at most one per replica
  std::string command_line;
};

struct ReplicaResult {
  std::string partitioner;
  SummaryStats stats;
  double server_utilisation = 0;
  ResourceLoads loads;     ///< offered load of the server, each processor and each uplink
  std::string optimises;   ///< what the partitioner minimises (the policy's words)
  std::uint64_t events = 0;
  std::uint64_t queries = 0;
  Json regret;  ///< against the run's yardstick (null when output.regret is off)
};

struct RunResult {
  /// Per partitioner: the first replication's run, its statistics pooled over every replication.
  std::vector<ReplicaResult> replicas;
  /// Per partitioner: its summary.json entry, joined over the replications (means and 95 % half-widths).
  std::vector<Json> entries;
  std::int64_t replications = 1;
  std::uint64_t events = 0, queries = 0;  ///< simulated, over every partitioner and replication
  std::vector<std::string> split_names;  ///< histogram keys
  Json yardstick;  ///< what the regret is measured against (null when output.regret is off)
  Json summary;
  double wall_s = 0;
};

RunResult run_experiment(const ExperimentSetup& setup, const RunOptions& options);

/// The offered loads of a summary.json entry (`offered_load`), as the run measured them.
ResourceLoads offered_loads_of(const Json& entry);

/// The terminal summary: one row per partitioner.
std::string summary_table(const RunResult& r);

}  // namespace splitsim

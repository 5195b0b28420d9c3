#pragma once
// What each query of a run is measured against (docs/optimum.md, "Regret"). With one client (a phone of its
// own, not an open population) it is the offline optimum of each objective, query by query; with several, or an
// open population, a lower bound per query: the query alone with an idle processor, a connected radio, the
// exact link to itself from the end of its mobile part, the least loaded server and no wait, minimised over the
// splits. Built per seed, before the run, from the same arrivals the run will issue.

#include <cstdint>
#include <vector>

#include "world/experiment_setup.hpp"
#include "world/offline_optimum.hpp"

namespace splitsim {

struct Yardstick {
  enum class Kind { offline_optimum, lower_bound };
  Kind kind = Kind::lower_bound;
  /// Per client, per query index: the yardstick of each objective.
  std::vector<std::vector<double>> latency_ms, energy_j;
  /// offline_optimum: the two plans (minimum total latency, minimum total energy) of the client.
  std::vector<OptimumPlan> latency_plans, energy_plans;

  /// A query the yardstick does not know (a run that issued other queries than its arrivals) is a
  /// std::out_of_range, never a read past the end.
  double latency_of(std::uint64_t id) const { return latency_ms.at(id >> 32).at(id & 0xffffffffu); }
  double energy_of(std::uint64_t id) const { return energy_j.at(id >> 32).at(id & 0xffffffffu); }
  /// offline_optimum: both plans are the optimum over every split sequence (OptimumPlan::exact).
  bool exact() const;
};

/// The yardsticks of a run's replications as summary.json describes them: the kind and, for the offline
/// optimum, whether every plan is exact, the transitions priced approximately and the largest state layer.
Json yardsticks_json(const std::vector<Yardstick>& yardsticks);

/// The yardstick of a run with seed `seed`.
Yardstick build_yardstick(const ExperimentSetup& setup, std::uint64_t seed);

/// What the optimum's model charges client `client` (alone at the server) for the split sequence `splits`
/// (the exhaustive-search test compares it with the simulator, sequence by sequence).
OptimumPlan evaluate_client_plan(const ExperimentSetup& setup, std::uint64_t seed, std::uint32_t client,
                                 const std::vector<int>& splits);

/// Each client of `group` planned by the offline optimum of `objective` as if it were alone at the server
/// (the offline-optimum partitioners), by client index (empty for clients of other groups).
std::vector<std::vector<int>> optimum_plans(const ExperimentSetup& setup, std::uint64_t seed, std::uint32_t group,
                                            Objective objective);

}  // namespace splitsim

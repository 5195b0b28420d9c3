#pragma once
// The offline optimum of one client (docs/optimum.md): given its whole arrival sequence, its uplink trace, its
// radio profile and the server's background load, the sequence of splits that minimises the total latency or
// the total energy of its queries. Dynamic programming over the state a choice leaves behind: when the phone's
// processor becomes free, when the radio's last transfer ended (its tail's start), when its last upload leaves the
// link and when the server finishes the client's last job. States that differ only in the past merge as soon as
// the next arrival finds the processor free, the tail expired, the link and the server idle, so the state space
// stays small (docs/optimum.md gives its size); ties keep the lower other objective.
//
// Exact where the client's transfers never overlap one another (and, with several workers or batching, its
// server jobs never wait): there the model charges what the simulator charges, query by query. A transition in
// which a transfer would start before the previous one ended is counted in `approximate` and priced with the
// radio connected and its upload behind the client's previous one on the link (the simulator shares the link:
// the later upload ends at the same instant, the earlier one later); with none counted, the plan is the optimum
// over every split sequence (the topological prefix cuts). Pruned layers keep the states whose run would cost
// least were the rest of their queries run on the phone.

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "partition/cut_book.hpp"
#include "partition/policy.hpp"
#include "world/arrivals.hpp"
#include "world/phone_speed.hpp"

namespace splitsim {

/// One client, alone at the server.
struct OptimumClient {
  const CutBook* book = nullptr;  ///< ids 0..local_only() are the prefix cuts
  const CapacityTrace* uplink = nullptr;
  Duration trace_offset;
  const RadioProfile* radio = nullptr;
  const ServerPool* server = nullptr;  ///< its background load's slowdown
  const PhoneSpeed* phone = nullptr;   ///< the phone's load and speed (null: unloaded, full speed)
  int workers = 1;
  int max_batch = 1;
  std::optional<Duration> download;  ///< the result's download, when counted
  double result_bits = 0;
};

struct OptimumPlan {
  std::vector<int> splits;
  std::vector<double> latency_ms;  ///< per query
  std::vector<double> energy_j;    ///< per query, tails charged to the query whose transfer began them
  double total_latency_ms = 0, total_energy_j = 0;
  std::uint64_t approximate = 0;  ///< transitions priced as if alone (overlapping transfers or server jobs)
  std::uint64_t contended = 0;    ///< of them, on the plan's own path
  std::size_t peak_states = 0;    ///< the largest state layer
  bool capped = false;            ///< a layer exceeded the state cap and was pruned to its best states
  /// Whether the plan is the optimum over every split sequence of the simulated system.
  bool exact() const { return approximate == 0 && !capped; }
};

/// The states a layer may keep before it is pruned to the best of them (`capped`: a beam search from there on):
/// 1,024, or fewer for a network of many splits, so that a query costs at most kOptimumTransitions choices.
inline constexpr std::size_t kOptimumStateCap = 1024;
inline constexpr std::size_t kOptimumTransitions = 8192;
/// The same once a transition was priced approximately (the plan is not exact whatever the width): layers grow
/// large mainly where transfers overlap, and a narrower beam keeps that case cheap.
inline constexpr std::size_t kApproximateStateCap = 64;

/// The split sequence minimising the total of `objective` (latency or energy) over the client's queries.
OptimumPlan offline_optimum(const OptimumClient& client, const ClientArrivals& arrivals, Objective objective);

/// Both optima, (latency, energy), each equal to offline_optimum's for its objective: one search while the layers
/// fit the cap (each choice's outcome computed once for both), two from the first layer that does not.
std::pair<OptimumPlan, OptimumPlan> offline_optima(const OptimumClient& client, const ClientArrivals& arrivals);

/// The costs of a given split sequence under the same model, query by query (the exhaustive search's
/// evaluator, and the attribution of the optimum's energy to its queries).
OptimumPlan evaluate_plan(const OptimumClient& client, const ClientArrivals& arrivals, const std::vector<int>& splits);

}  // namespace splitsim

// The offline optimum as a compared partitioner: the world plans the whole run before it starts
// (world/offline_optimum.hpp) and replays the plan query by query; these traits name it and say what it knows.
#include "partition/policy.hpp"

namespace splitsim {
namespace {

// Never consulted: a partitioner that follows a plan takes its split from the plan (OffloadWorld::decide).
int planned_split(const DecisionView& v) { return v.costs.local_only(); }

}  // namespace

extern const PolicyTraits kOptimumLatency{
    .name = "offline-optimum-latency",
    .description =
        "the split sequence with the least total latency, planned before the run from the client's whole arrival "
        "sequence, its link trace, its radio (promotions and tails) and the server's background load, by dynamic "
        "programming over the state each choice leaves behind (docs/optimum.md). With one client it is the run's "
        "yardstick: exact unless the client's transfers overlap (summary.json `yardstick.exact`); with several, each "
        "client plans as if it were alone at the server. Over the topological prefix cuts",
    .optimises = "the total latency of the run, with hindsight of everything (one client: a bound no policy beats)",
    .objective = Objective::latency,
    .follows_plan = true,
    .decide = planned_split,
};

extern const PolicyTraits kOptimumEnergy{
    .name = "offline-optimum-energy",
    .description =
        "as `offline-optimum-latency`, minimising the total mobile energy (compute, transfers, promotions and tails); "
        "ties go to the lower latency",
    .optimises = "the total mobile energy of the run, with hindsight of everything (one client: a bound no policy beats)",
    .objective = Objective::energy,
    .needs_power_model = true,
    .follows_plan = true,
    .decide = planned_split,
};

}  // namespace splitsim

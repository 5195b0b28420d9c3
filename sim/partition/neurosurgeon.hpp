#pragma once
// Neurosurgeon's Algorithm 1 over the cost table's prefix sums: O(layers) per decision, no allocation.

#include "partition/policy.hpp"

namespace splitsim {

/// Latency target: argmin_j prefix_j + upload_j / B + server_j x slowdown + (server wait and the download when
/// the split sends anything). Ties go to the earlier split.
int decide_latency(const CostTable& t, const Beliefs& b);
/// Energy target: argmin_j mobile energy_j + upload time_j x P_up.
int decide_energy(const CostTable& t, const Beliefs& b);

}  // namespace splitsim

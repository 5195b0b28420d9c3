#pragma once
// Truth apart from belief (docs/scenarios.md, "Truth and belief"): the cost table a client group's policies
// predict with, when the scenario says it is not the one the simulation charges.

#include <vector>

#include "calib/platform.hpp"
#include "network/network.hpp"
#include "partition/cost_table.hpp"
#include "scenario/scenario.hpp"

namespace splitsim {

/// Each layer's factor on its believed time: `error` x `layer_error` of its type x exp(sigma z), z drawn in
/// layer order from (`random_seed`, `stream`), so that the mobile and the server draw apart.
std::vector<double> belief_factors(const BeliefSpec& b, const Network& net, std::uint64_t stream);

/// The believed table: `net` predicted on the believed platforms, times the factors, with the group's phone
/// work charged as in the true table.
CostTable believed_costs(const Network& net, const Platform& mobile, const Platform& server, const ClientGroup& c,
                         const ServerSpec& s);

}  // namespace splitsim

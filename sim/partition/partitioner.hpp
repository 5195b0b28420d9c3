#pragma once
// Split decisions (SPEC 3). Neurosurgeon's Algorithm 1 runs over the cost table's prefix sums: O(layers)
// per decision, no allocation.

#include <string>

#include "partition/cost_table.hpp"

namespace splitsim {

enum class PartitionerKind {
  cloud_only,
  local_only,
  neurosurgeon_latency,
  neurosurgeon_energy,
  oracle,
  fixed,
  min_cut_latency,  ///< DAGs: the optimal cut by min-cut (chains: Algorithm 1, the same answer)
  min_cut_energy,
};

struct Partitioner {
  PartitionerKind kind = PartitionerKind::cloud_only;
  int fixed_index = 0;  ///< fixed: the split index
  std::string name;     ///< as written ("fixed:pool5", ...)
};

/// Parses a partitioner name for `net`; a bad name or an unknown fixed layer is a std::invalid_argument with
/// the problem.
Partitioner parse_partitioner(const std::string& name, const Network& net);

/// What the client believes when it decides.
struct Beliefs {
  double uplink_bps = 1e6;      ///< estimated bandwidth
  double server_slowdown = 1.0; ///< from the load last probed
  double server_wait_ms = 0.0;  ///< backlog last probed
  double download_ms = 0.0;     ///< result transfer, when counted
  double upload_power_w = 0.0;  ///< radio power while sending at the estimated bandwidth
};

/// Algorithm 1, latency target: argmin_j prefix_j + upload_j / B + server_j + (server waits and the download
/// when the split sends anything). Ties go to the earlier split.
int decide_latency(const CostTable& t, const Beliefs& b);
/// Algorithm 1, energy target: argmin_j mobile energy_j + upload time_j x P_up.
int decide_energy(const CostTable& t, const Beliefs& b);

}  // namespace splitsim

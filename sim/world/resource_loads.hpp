#pragma once
// The offered load of every resource a run used: work that arrived during the horizon over the capacity the
// horizon gives. At 1 or more a resource cannot keep up, its queue grows for as long as the run lasts, and
// every mean that includes it depends on the horizon (docs/scenarios.md, "Stability").

#include <algorithm>
#include <cstdint>

namespace splitsim {

struct ResourceLoads {
  double server = 0;  ///< busy worker-seconds over (workers x horizon)
  /// Each client's processor: its compute seconds over the horizon; each client's uplink: the bits it sent
  /// over the bits the trace carries in the client's window of the horizon. Open-population groups (a
  /// phone and a link per query) have neither. Client -1: no such resource in the run.
  double processor_max = 0, processor_mean = 0;
  std::int64_t processor_client = -1;
  double link_max = 0, link_mean = 0;
  std::int64_t link_client = -1;

  double max() const { return std::max({server, processor_max, link_max}); }
  bool stable() const { return max() < 1.0; }
};

}  // namespace splitsim

#pragma once
// What the model reports when a query is finished, and the observers that consume it. Observers never
// alter timing; statistics, the CSV writer and the Chrome trace writer are all observers.

#include <cstdint>
#include <string>

#include "core/units.hpp"

namespace splitsim {

struct QueryRecord {
  std::uint64_t id = 0;
  std::uint32_t client = 0;
  std::uint32_t group = 0;  ///< the client's group in the scenario
  int split_index = 0;
  const std::string* split_after = nullptr;  ///< the split's name, valid while the world that emitted it lives
  SimTime arrival, mobile_start, mobile_end, upload_end, server_start, server_end, done;
  std::int64_t upload_bytes = 0;
  double mobile_energy_j = 0;
  double radio_energy_j = 0;      ///< while data flows (Huang's model)
  double promotion_energy_j = 0;  ///< RRC promotions before transfers
  double tail_energy_j = 0;
  bool local = false;  ///< nothing was sent
  /// Where the truth is tracked (GroupSetup::tracks_truth): the split the same policy would have chosen on the
  /// true costs, and what the choice made costs more under them (Neurosurgeon's predicted latency and energy at
  /// the client's beliefs about link and server); -1 and zeros elsewhere.
  int truth_split = -1;
  double mispredict_ms = 0, mispredict_j = 0;
  std::int32_t worker = -1;  ///< the server worker that served it; -1 when local
};

class QueryObserver {
 public:
  virtual ~QueryObserver() = default;
  virtual void on_query(const QueryRecord& record) = 0;
};

}  // namespace splitsim

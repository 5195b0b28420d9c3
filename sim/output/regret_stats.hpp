#pragma once
// Each query against the run's yardstick (world/yardstick.hpp): its latency and its energy minus the yardstick's
// for the same query, averaged and at the 95th percentile over the counted queries (docs/optimum.md, "Regret").

#include <vector>

#include "core/json_reader.hpp"
#include "world/query_record.hpp"
#include "world/yardstick.hpp"

namespace splitsim {

class RegretStats : public QueryObserver {
 public:
  /// Queries arriving before `count_from` (the warm-up) are left out, as in the summary statistics.
  RegretStats(const Yardstick& yardstick, SimTime count_from) : yardstick_(&yardstick), count_from_(count_from) {}

  void on_query(const QueryRecord& r) override;
  /// summary.json's `regret`: {"latency_ms": {"mean", "p95"}, "energy_j": {"mean", "p95"}}.
  Json to_json() const;

 private:
  const Yardstick* yardstick_;
  SimTime count_from_;
  std::vector<double> latency_ms_, energy_j_;
};

}  // namespace splitsim

#include "output/regret_stats.hpp"

#include <algorithm>
#include <cmath>

namespace splitsim {
namespace {

// Mean and 95th percentile (nearest rank) of the per-query differences.
Json summary_of(std::vector<double> values) {
  if (values.empty()) return {{"mean", 0.0}, {"p95", 0.0}};
  double sum = 0;
  for (double v : values) sum += v;
  const auto rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(values.size()))) - 1;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
  return {{"mean", sum / static_cast<double>(values.size())}, {"p95", values[rank]}};
}

}  // namespace

void RegretStats::on_query(const QueryRecord& r) {
  if (r.arrival < count_from_) return;
  const double energy = r.mobile_energy_j + r.radio_energy_j + r.promotion_energy_j + r.tail_energy_j;
  latency_ms_.push_back((r.done - r.arrival).ms() - yardstick_->latency_of(r.id));
  energy_j_.push_back(energy - yardstick_->energy_of(r.id));
}

Json RegretStats::to_json() const { return {{"latency_ms", summary_of(latency_ms_)}, {"energy_j", summary_of(energy_j_)}}; }

}  // namespace splitsim

#include "link/bandwidth_estimator.hpp"

#include <fmt/format.h>

#include "core/input_error.hpp"

namespace splitsim {

EstimatorKind parse_estimator_kind(std::string_view name) {
  if (auto k = enum_from_name<EstimatorKind>(kEstimatorKindNames, name)) return *k;
  throw UsageError(fmt::format("unknown bandwidth estimator \"{}\" (expected {})", name,
                               enum_alternatives<EstimatorKind>(kEstimatorKindNames)));
}

std::string_view estimator_kind_name(EstimatorKind kind) { return enum_name<EstimatorKind>(kEstimatorKindNames, kind); }

BandwidthEstimator::BandwidthEstimator(const EstimatorConfig& config)
    : config_(config), estimate_bps_(config.initial_mbps * 1e6) {
  if (config_.kind == EstimatorKind::harmonic) inverse_rates_.assign(static_cast<std::size_t>(config_.window), 0.0);
}

void BandwidthEstimator::observe(double bits, Duration elapsed) {
  if (elapsed.ns() <= 0 || bits <= 0) return;
  double rate = bits / elapsed.seconds();
  switch (config_.kind) {
    case EstimatorKind::last:
      estimate_bps_ = rate;
      break;
    case EstimatorKind::ewma:
      estimate_bps_ = count_ == 0 ? rate : config_.ewma_alpha * rate + (1 - config_.ewma_alpha) * estimate_bps_;
      break;
    case EstimatorKind::harmonic: {
      // A ring of the last k inverse rates: the harmonic mean is k / sum(1 / rate).
      auto slot = static_cast<std::size_t>(count_ % config_.window);
      inverse_sum_ += 1.0 / rate - inverse_rates_[slot];
      inverse_rates_[slot] = 1.0 / rate;
      // Re-add from scratch once per lap so that rounding in the running sum cannot drift.
      if (slot + 1 == inverse_rates_.size()) {
        inverse_sum_ = 0;
        for (double v : inverse_rates_) inverse_sum_ += v;
      }
      auto n = std::min<std::int64_t>(count_ + 1, config_.window);
      estimate_bps_ = static_cast<double>(n) / inverse_sum_;
      break;
    }
  }
  ++count_;
}

}  // namespace splitsim

#pragma once
// What a client believes its uplink bandwidth to be, from its own completed transfers (and optional
// probes) only: the last observed throughput, an EWMA, or the harmonic mean of the last k observations.

#include <cstdint>
#include <string_view>

#include <boost/container/small_vector.hpp>

#include "core/enum_names.hpp"
#include "core/units.hpp"

namespace splitsim {

enum class EstimatorKind { last, ewma, harmonic };
inline constexpr EnumName<EstimatorKind> kEstimatorKindNames[] = {
    {EstimatorKind::last, "last"}, {EstimatorKind::ewma, "ewma"}, {EstimatorKind::harmonic, "harmonic"}};

struct EstimatorConfig {
  EstimatorKind kind = EstimatorKind::harmonic;
  double initial_mbps = 5.0;  ///< the belief before any observation
  double ewma_alpha = 0.3;    ///< weight of the newest observation, in (0, 1]
  int window = 5;             ///< harmonic: observations kept, >= 1
};

/// UsageError when unknown.
EstimatorKind parse_estimator_kind(std::string_view name);
std::string_view estimator_kind_name(EstimatorKind kind);

class BandwidthEstimator {
 public:
  explicit BandwidthEstimator(const EstimatorConfig& config);

  /// A transfer of `bits` took `elapsed` (> 0).
  void observe(double bits, Duration elapsed);
  /// Current estimate in bits per second (> 0).
  double estimate_bps() const { return estimate_bps_; }
  std::int64_t observations() const { return count_; }

 private:
  EstimatorConfig config_;
  double estimate_bps_;
  boost::container::small_vector<double, 5> inverse_rates_;  // harmonic: ring of 1/rate, inline up to the default window
  double inverse_sum_ = 0;
  std::int64_t count_ = 0;
};

}  // namespace splitsim

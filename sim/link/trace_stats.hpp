#pragma once
// Summary statistics of a trace over one period, on one-second bins (time-weighted).

#include <vector>

#include "link/capacity_trace.hpp"
#include "link/load_trace.hpp"

namespace splitsim {

struct TraceStats {
  double duration_s = 0;
  double mean = 0;  ///< whole-period mean (Mbps for bandwidth, utilisation for load)
  double min = 0, p10 = 0, p50 = 0, p90 = 0, max = 0;  ///< over the bins
  double zero_fraction = 0;  ///< share of bins with no capacity at all
  int bins = 0;
  double bin_s = 1;  ///< one second, wider for traces longer than kMaxBins seconds
};

/// Capacity in Mbps per one-second bin [k, k+1) of the first period (a last partial bin is dropped unless
/// the period is shorter than a second).
/// The most bins a summary uses.
inline constexpr std::int64_t kMaxBins = 1'000'000;

std::vector<double> capacity_bins_mbps(const CapacityTrace& trace, double bin_s = 1.0);

TraceStats capacity_stats(const CapacityTrace& trace);
TraceStats load_stats(const LoadTrace& trace);

/// The q-quantile (0..1) with linear interpolation between order statistics (numpy's default).
double quantile(std::vector<double> values, double q);

}  // namespace splitsim

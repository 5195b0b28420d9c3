#pragma once
// Order statistics and the summary of a trace's bins (bandwidth or load) shared by the readers and reports.

#include <cstdint>
#include <vector>

namespace splitsim {

struct TraceStats {
  double duration_s = 0;
  double mean = 0;  ///< whole-period mean (Mbps for bandwidth, utilisation for load)
  double min = 0, p10 = 0, p50 = 0, p90 = 0, max = 0;  ///< over the bins
  double zero_fraction = 0;  ///< share of bins with no capacity at all
  int bins = 0;
  double bin_s = 1;  ///< one second, wider for traces longer than kMaxBins seconds
};

/// The most bins a summary uses.
inline constexpr std::int64_t kMaxBins = 1'000'000;

/// The q-quantile (0..1) with linear interpolation between order statistics (numpy's default).
double quantile(std::vector<double> values, double q);

/// Duration, mean and order statistics of per-bin values (the bin width is left to the caller).
TraceStats summarize_bins(const std::vector<double>& bins, double duration_s, double mean);

}  // namespace splitsim

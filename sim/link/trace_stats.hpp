#pragma once
// Summary statistics of a bandwidth trace over one period, on one-second bins (time-weighted).

#include <vector>

#include "link/capacity_trace.hpp"
#include "core/statistics.hpp"

namespace splitsim {

/// Capacity in Mbps per one-second bin [k, k+1) of the first period (a last partial bin is dropped unless
/// the period is shorter than a second); at most kMaxBins bins.
std::vector<double> capacity_bins_mbps(const CapacityTrace& trace, double bin_s = 1.0);

TraceStats capacity_stats(const CapacityTrace& trace);

}  // namespace splitsim

#include "link/trace_stats.hpp"

#include <algorithm>
#include <cmath>

namespace splitsim {

std::vector<double> capacity_bins_mbps(const CapacityTrace& trace, double bin_s) {
  std::int64_t period = trace.period().ns();
  // At most kMaxBins bins: a trace of years is summarised on wider bins, not on a billion of them.
  std::int64_t bin_ns = std::max<std::int64_t>(std::llround(bin_s * 1e9), (period + kMaxBins - 1) / kMaxBins);
  std::int64_t count = std::max<std::int64_t>(period / bin_ns, 1);
  std::int64_t width = period < bin_ns ? period : bin_ns;
  std::vector<double> bins;
  bins.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) {
    const double bits = trace.capacity_between(SimTime::from_ns(k * width), SimTime::from_ns((k + 1) * width));
    bins.push_back(bits / (static_cast<double>(width) * 1e-9) * 1e-6);
  }
  return bins;
}

TraceStats capacity_stats(const CapacityTrace& trace) {
  TraceStats s = summarize_bins(capacity_bins_mbps(trace), trace.period().seconds(), trace.mean_bps() * 1e-6);
  s.bin_s = std::max(1.0, trace.period().seconds() / static_cast<double>(s.bins));
  return s;
}

}  // namespace splitsim

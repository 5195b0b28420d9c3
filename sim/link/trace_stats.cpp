#include "link/trace_stats.hpp"

#include <algorithm>
#include <cmath>

namespace splitsim {
namespace {

TraceStats summarize(const std::vector<double>& bins, double duration_s, double mean) {
  TraceStats s;
  s.duration_s = duration_s;
  s.mean = mean;
  s.bins = static_cast<int>(bins.size());
  s.min = *std::min_element(bins.begin(), bins.end());
  s.max = *std::max_element(bins.begin(), bins.end());
  s.p10 = quantile(bins, 0.10);
  s.p50 = quantile(bins, 0.50);
  s.p90 = quantile(bins, 0.90);
  s.zero_fraction = static_cast<double>(std::count(bins.begin(), bins.end(), 0.0)) / static_cast<double>(bins.size());
  return s;
}

}  // namespace

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  double pos = q * static_cast<double>(values.size() - 1);
  auto lo = static_cast<std::size_t>(std::floor(pos));
  std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

std::vector<double> capacity_bins_mbps(const CapacityTrace& trace, double bin_s) {
  std::int64_t period = trace.period().ns();
  // At most kMaxBins bins: a trace of years is summarised on wider bins, not on a billion of them.
  std::int64_t bin_ns = std::max<std::int64_t>(std::llround(bin_s * 1e9), (period + kMaxBins - 1) / kMaxBins);
  std::int64_t count = std::max<std::int64_t>(period / bin_ns, 1);
  std::int64_t width = period < bin_ns ? period : bin_ns;
  std::vector<double> bins;
  bins.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) {
    long double bits = trace.cumulative_before(SimTime::from_ns((k + 1) * width)) -
                       trace.cumulative_before(SimTime::from_ns(k * width));
    bins.push_back(static_cast<double>(bits / (static_cast<long double>(width) * 1e-9L)) * 1e-6);
  }
  return bins;
}

TraceStats capacity_stats(const CapacityTrace& trace) {
  TraceStats s = summarize(capacity_bins_mbps(trace), trace.period().seconds(), trace.mean_bps() * 1e-6);
  s.bin_s = std::max(1.0, trace.period().seconds() / static_cast<double>(s.bins));
  return s;
}

TraceStats load_stats(const LoadTrace& trace) {
  std::int64_t period = trace.period().ns();
  const std::int64_t step = std::max<std::int64_t>(1'000'000'000, (period + kMaxBins - 1) / kMaxBins);
  std::vector<double> bins;
  for (std::int64_t t = 0; t + step <= period || bins.empty(); t += step) {
    bins.push_back(trace.at(SimTime::from_ns(t)));  // load changes at sample steps of a second or more
  }
  TraceStats s = summarize(bins, trace.period().seconds(), trace.mean());
  s.bin_s = static_cast<double>(step) * 1e-9;
  return s;
}

}  // namespace splitsim

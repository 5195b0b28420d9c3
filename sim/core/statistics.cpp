#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace splitsim {

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  double pos = q * static_cast<double>(values.size() - 1);
  auto lo = static_cast<std::size_t>(std::floor(pos));
  std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

TraceStats summarize_bins(const std::vector<double>& bins, double duration_s, double mean) {
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

}  // namespace splitsim

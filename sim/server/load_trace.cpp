#include "server/load_trace.hpp"

#include <algorithm>
#include <stdexcept>

namespace splitsim {

LoadTrace LoadTrace::constant(double load) { return piecewise({0}, {load}, 1'000'000'000); }

LoadTrace LoadTrace::piecewise(std::vector<std::int64_t> starts_ns, std::vector<double> load, std::int64_t period_ns) {
  if (starts_ns.empty() || starts_ns.size() != load.size() || starts_ns[0] != 0 || starts_ns.back() >= period_ns) {
    throw std::invalid_argument("load trace: bad segments");
  }
  LoadTrace t;
  t.starts_ns_ = std::move(starts_ns);
  t.load_ = std::move(load);
  t.period_ns_ = period_ns;
  return t;
}

double LoadTrace::at(SimTime t) const {
  if (load_.size() == 1) return load_.front();  // a constant load: no lookup
  std::int64_t within = std::max<std::int64_t>(t.ns(), 0) % period_ns_;
  auto i = std::upper_bound(starts_ns_.begin(), starts_ns_.end(), within) - starts_ns_.begin() - 1;
  return load_[static_cast<std::size_t>(i)];
}

double LoadTrace::mean() const {
  double sum = 0;
  for (std::size_t i = 0; i < load_.size(); ++i) {
    std::int64_t end = i + 1 < starts_ns_.size() ? starts_ns_[i + 1] : period_ns_;
    sum += load_[i] * static_cast<double>(end - starts_ns_[i]);
  }
  return sum / static_cast<double>(period_ns_);
}

TraceStats load_stats(const LoadTrace& trace) {
  std::int64_t period = trace.period().ns();
  const std::int64_t step = std::max<std::int64_t>(1'000'000'000, (period + kMaxBins - 1) / kMaxBins);
  std::vector<double> bins;
  for (std::int64_t t = 0; t + step <= period || bins.empty(); t += step) {
    bins.push_back(trace.at(SimTime::from_ns(t)));  // load changes at sample steps of a second or more
  }
  TraceStats s = summarize_bins(bins, trace.period().seconds(), trace.mean());
  s.bin_s = static_cast<double>(step) * 1e-9;
  return s;
}

}  // namespace splitsim

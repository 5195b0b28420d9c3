#include "link/load_trace.hpp"

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

}  // namespace splitsim

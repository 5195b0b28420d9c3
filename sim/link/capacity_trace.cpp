#include "link/capacity_trace.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/limits.hpp"

namespace splitsim {
namespace {

// Rounds a time in (fractional) nanoseconds up, forgiving the last bits of floating-point noise so that an
// exact answer (8,000 bits at 8 Mbps = 1 ms) is not pushed one nanosecond late.
// (Integer casts instead of ceill/floorl: those are library calls on the hot path.)
std::int64_t ceil_ns(long double ns) {
  long double x = ns - 1e-6L;
  auto i = static_cast<std::int64_t>(x);  // truncation: the floor for x >= 0
  return static_cast<long double>(i) < x ? i + 1 : i;
}

std::int64_t floor_nonnegative(long double x) { return static_cast<std::int64_t>(x); }

}  // namespace

CapacityTrace CapacityTrace::constant(double bits_per_second) {
  if (!(bits_per_second > 0)) throw std::invalid_argument("constant link rate must be positive");
  // One segment of one second; the period only matters for looping, which a constant rate does not see.
  return piecewise({0}, {bits_per_second}, 1'000'000'000);
}

CapacityTrace CapacityTrace::piecewise(std::vector<std::int64_t> starts_ns, std::vector<double> bps,
                                       std::int64_t period_ns) {
  if (starts_ns.empty() || starts_ns.size() != bps.size() || starts_ns[0] != 0 || starts_ns.back() >= period_ns) {
    throw std::invalid_argument("piecewise trace: bad segments");
  }
  CapacityTrace t;
  t.kind_ = Kind::piecewise;
  t.period_ns_ = period_ns;
  t.times_ns_ = std::move(starts_ns);
  t.rates_ = std::move(bps);
  t.cum_.resize(t.times_ns_.size() + 1);
  long double c = 0;
  for (std::size_t i = 0; i < t.times_ns_.size(); ++i) {
    t.cum_[i] = c;
    std::int64_t end = i + 1 < t.times_ns_.size() ? t.times_ns_[i + 1] : period_ns;
    c += static_cast<long double>(t.rates_[i]) * static_cast<long double>(end - t.times_ns_[i]) * 1e-9L;
  }
  t.cum_.back() = c;
  t.period_bits_ = c;
  if (!(c > 0)) throw std::invalid_argument("piecewise trace: zero capacity throughout");
  return t;
}

CapacityTrace CapacityTrace::packets(std::vector<std::int64_t> times_ns, std::int64_t period_ns,
                                     double bits_per_opportunity) {
  if (times_ns.empty() || period_ns <= 0 || times_ns.back() > period_ns || times_ns.front() < 0) {
    throw std::invalid_argument("packet trace: bad opportunities");
  }
  CapacityTrace t;
  t.kind_ = Kind::packets;
  t.period_ns_ = period_ns;
  t.times_ns_ = std::move(times_ns);
  t.bits_per_opportunity_ = bits_per_opportunity;
  t.period_bits_ = static_cast<long double>(t.times_ns_.size()) * bits_per_opportunity;
  t.at_period_end_ = std::count(t.times_ns_.begin(), t.times_ns_.end(), period_ns);
  return t;
}

CapacityTrace CapacityTrace::scaled(double factor) const {
  if (kind_ == Kind::packets) return packets(times_ns_, period_ns_, bits_per_opportunity_ * factor);
  std::vector<double> rates = rates_;
  for (double& r : rates) r *= factor;
  return piecewise(times_ns_, std::move(rates), period_ns_);
}

long double CapacityTrace::cumulative_before(SimTime t) const {
  std::int64_t ns = std::max<std::int64_t>(t.ns(), 0);
  std::int64_t loops = ns / period_ns_;
  std::int64_t within = ns % period_ns_;
  long double base = static_cast<long double>(loops) * period_bits_;
  if (kind_ == Kind::packets) {
    auto n = std::lower_bound(times_ns_.begin(), times_ns_.end(), within) - times_ns_.begin();
    // Opportunities stamped exactly at the period's end happen at `t` itself, not before it.
    if (within == 0 && loops > 0) n -= at_period_end_;
    return base + static_cast<long double>(n) * bits_per_opportunity_;
  }
  auto i = static_cast<std::size_t>(std::upper_bound(times_ns_.begin(), times_ns_.end(), within) - times_ns_.begin() - 1);
  return base + cum_[i] + static_cast<long double>(rates_[i]) * static_cast<long double>(within - times_ns_[i]) * 1e-9L;
}

SimTime CapacityTrace::time_reaching(long double target) const {
  if (target <= 0) return SimTime::zero();
  // Beyond every simulated time: "never", not an overflow (a near-zero rate, a petabyte, a late start).
  const SimTime never = SimTime::from_ns(limits::kNeverNs);
  const long double periods = target / period_bits_;
  if (!(periods * static_cast<long double>(period_ns_) < static_cast<long double>(limits::kNeverNs))) return never;
  if (kind_ == Kind::packets) {
    // The j-th opportunity (0-based, counting across loops) brings the total to (j + 1) * bits.
    long double opportunities = target / bits_per_opportunity_ - 1e-9L;
    std::int64_t whole = floor_nonnegative(opportunities);
    auto j = (static_cast<long double>(whole) < opportunities ? whole + 1 : whole) - 1;
    auto n = static_cast<std::int64_t>(times_ns_.size());
    return SimTime::from_ns((j / n) * period_ns_ + times_ns_[static_cast<std::size_t>(j % n)]);
  }
  std::int64_t loops = floor_nonnegative(periods);
  long double rest = target - static_cast<long double>(loops) * period_bits_;
  if (rest <= 0) {  // exactly at a period boundary: reached at the end of the previous period
    --loops;
    rest += period_bits_;
  }
  // The first segment whose end reaches `rest`; it has a positive rate since its start is below `rest`.
  auto i = static_cast<std::size_t>(std::lower_bound(cum_.begin() + 1, cum_.end(), rest) - cum_.begin() - 1);
  long double ns = static_cast<long double>(times_ns_[i]) + (rest - cum_[i]) * 1e9L / static_cast<long double>(rates_[i]);
  return SimTime::from_ns(loops * period_ns_ + ceil_ns(ns));
}

double CapacityTrace::rate_at(SimTime t) const {
  std::int64_t within = std::max<std::int64_t>(t.ns(), 0) % period_ns_;
  if (kind_ == Kind::piecewise) {
    auto i = static_cast<std::size_t>(std::upper_bound(times_ns_.begin(), times_ns_.end(), within) - times_ns_.begin() - 1);
    return rates_[i];
  }
  constexpr std::int64_t kMs = 1'000'000;
  std::int64_t from = within - within % kMs;
  auto lo = std::lower_bound(times_ns_.begin(), times_ns_.end(), from);
  auto hi = std::lower_bound(times_ns_.begin(), times_ns_.end(), from + kMs);
  return static_cast<double>(hi - lo) * bits_per_opportunity_ * 1e3;
}

}  // namespace splitsim

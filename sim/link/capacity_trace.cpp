#include "link/capacity_trace.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/limits.hpp"

namespace splitsim {
namespace {

// Rounds a time in (fractional) nanoseconds up, forgiving the last bits of floating-point noise so that an
// exact answer (8,000 bits at 8 Mbps = 1 ms) is not pushed one nanosecond late. The noise is that of the bits
// within one period (relative 1e-16), not of the run's length.
// (Integer casts instead of ceil/floor: those are library calls on the hot path.)
constexpr double kNoiseNs = 1e-6;
constexpr int kWalkedSegments = 16;
std::int64_t ceil_ns(double ns, double noise_ns = kNoiseNs) {
  double x = ns - noise_ns;
  auto i = static_cast<std::int64_t>(x);  // truncation: the floor for x >= 0
  return static_cast<double>(i) < x ? i + 1 : i;
}

std::int64_t floor_nonnegative(double x) { return static_cast<std::int64_t>(x); }

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
  double c = 0;
  for (std::size_t i = 0; i < t.times_ns_.size(); ++i) {
    t.cum_[i] = c;
    c += t.rates_[i] * static_cast<double>(t.segment_end(i) - t.times_ns_[i]) * 1e-9;
  }
  t.cum_.back() = c;
  t.period_bits_ = c;
  if (t.rates_.size() == 1) t.constant_bps_ = t.rates_[0];
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
  t.period_bits_ = static_cast<double>(t.times_ns_.size()) * bits_per_opportunity;
  t.at_period_end_ = std::count(t.times_ns_.begin(), t.times_ns_.end(), period_ns);
  return t;
}

CapacityTrace CapacityTrace::scaled(double factor) const {
  if (kind_ == Kind::packets) return packets(times_ns_, period_ns_, bits_per_opportunity_ * factor);
  std::vector<double> rates = rates_;
  for (double& r : rates) r *= factor;
  return piecewise(times_ns_, std::move(rates), period_ns_);
}

CapacityTrace::Place CapacityTrace::place_of(SimTime t) const {
  std::int64_t ns = std::max<std::int64_t>(t.ns(), 0);
  return {ns / period_ns_, ns % period_ns_};
}

double CapacityTrace::offered_within(const Place& p) const {
  if (kind_ == Kind::packets) {
    auto n = std::lower_bound(times_ns_.begin(), times_ns_.end(), p.within) - times_ns_.begin();
    // Opportunities stamped exactly at the period's end happen at the next period's start, not before it.
    if (p.within == 0 && p.loops > 0) n -= at_period_end_;
    return static_cast<double>(n) * bits_per_opportunity_;
  }
  const std::size_t i = segment_of(p.within);
  return cum_[i] + rates_[i] * static_cast<double>(p.within - times_ns_[i]) * 1e-9;
}

double CapacityTrace::capacity_between(SimTime from, SimTime to) const {
  if (constant_bps_ > 0) {
    const std::int64_t ns = std::max<std::int64_t>(to.ns(), 0) - std::max<std::int64_t>(from.ns(), 0);
    return constant_bps_ * static_cast<double>(ns) * 1e-9;
  }
  const Place a = place_of(from), b = place_of(to);
  return static_cast<double>(b.loops - a.loops) * period_bits_ + (offered_within(b) - offered_within(a));
}

std::optional<CapacityTrace::FixedTransfer> CapacityTrace::fixed_transfer(double bits) const {
  if (!(constant_bps_ > 0)) return std::nullopt;
  FixedTransfer t;
  t.bits_ = bits;
  t.ns_ = bits * 1e9 / constant_bps_;
  if (bits > 0 && t.ns_ < static_cast<double>(limits::kNeverNs)) t.whole_ns_ = ceil_ns(t.ns_);  // else end() returns first
  return t;
}

SimTime CapacityTrace::completion_time(SimTime start, double bits) const {
  if (bits <= 0) return start;
  if (constant_bps_ > 0) return fixed_transfer(bits)->end(start);  // the common case, without the period's arithmetic
  const Place from = place_of(start);
  if (kind_ == Kind::piecewise) {
    // Done within a few segments: walked from `start`, each counted as a constant link, so that the rounding is
    // that of the transfer's bits, not of the period's.
    std::size_t s = segment_of(from.within);
    std::int64_t at = from.loops * period_ns_ + from.within;  // the walk's place, in ns since 0
    std::int64_t within = from.within;
    double left = bits;
    for (int step = 0; step < kWalkedSegments; ++step) {
      const std::int64_t end = segment_end(s);
      const double capacity = rates_[s] * static_cast<double>(end - within) * 1e-9;
      if (rates_[s] > 0 && left <= capacity) {
        return SimTime::from_ns(std::min(at + std::min(ceil_ns(left * 1e9 / rates_[s]), end - within), limits::kNeverNs));
      }
      left -= capacity;
      at += end - within;
      within = end;
      if (++s == times_ns_.size()) s = 0, within = 0;
    }
  }
  // The target counted from the start of `start`'s period; it is positive but for packet opportunities stamped
  // at the previous period's end, which happen at `start` itself.
  const double offered = offered_within(from);
  const double target = offered + bits;
  const SimTime period_start = SimTime::from_ns(from.loops * period_ns_);
  if (target <= 0) return period_start;
  // Beyond every simulated time: "never", not an overflow (a near-zero rate, a petabyte, a late start).
  const double end_ns = (static_cast<double>(from.loops) + target / period_bits_) * static_cast<double>(period_ns_);
  if (!(end_ns < static_cast<double>(limits::kNeverNs))) return SimTime::from_ns(limits::kNeverNs);
  if (kind_ == Kind::packets) {
    // The j-th opportunity (0-based, counting across loops from the period's start) brings the total to (j + 1) * bits.
    double opportunities = target / bits_per_opportunity_ - 1e-9;
    std::int64_t whole = floor_nonnegative(opportunities);
    auto j = (static_cast<double>(whole) < opportunities ? whole + 1 : whole) - 1;
    auto n = static_cast<std::int64_t>(times_ns_.size());
    return period_start + Duration::from_ns((j / n) * period_ns_ + times_ns_[static_cast<std::size_t>(j % n)]);
  }
  // Whole periods of `bits` first, then the rest from `start`'s place in its period: every sum below is of at
  // most two periods' bits, so their rounding is that of one period's bits whatever the transfer's size.
  std::int64_t loops = floor_nonnegative(bits / period_bits_);
  double rest = offered + (loops > 0 ? std::fma(-static_cast<double>(loops), period_bits_, bits) : bits);
  if (rest > period_bits_) {
    ++loops;
    rest -= period_bits_;
  }
  if (rest <= 0) {  // exactly at a period boundary: reached at the end of the previous period
    --loops;
    rest += period_bits_;
  }
  // The first segment whose end reaches `rest`; it has a positive rate since its start is below `rest`.
  auto i = static_cast<std::size_t>(std::lower_bound(cum_.begin() + 1, cum_.end(), rest) - cum_.begin() - 1);
  double ns = static_cast<double>(times_ns_[i]) + (rest - cum_[i]) * 1e9 / rates_[i];
  // The sums' rounding: a few units in the last place of one period's bits, at this segment's rate (forgiven up
  // to a picosecond: a slower segment's end is rounded up, never pulled early by the noise).
  const double noise_ns = std::clamp(period_bits_ * 0x1p-50 * 1e9 / rates_[i], kNoiseNs, 1e-3);
  return period_start + Duration::from_ns(loops * period_ns_ + ceil_ns(ns, noise_ns));
}

double CapacityTrace::rate_at(SimTime t) const {
  std::int64_t within = std::max<std::int64_t>(t.ns(), 0) % period_ns_;
  if (kind_ == Kind::piecewise) {
    return rates_[segment_of(within)];
  }
  constexpr std::int64_t kMs = 1'000'000;
  std::int64_t from = within - within % kMs;
  auto lo = std::lower_bound(times_ns_.begin(), times_ns_.end(), from);
  auto hi = std::lower_bound(times_ns_.begin(), times_ns_.end(), from + kMs);
  return static_cast<double>(hi - lo) * bits_per_opportunity_ * 1e3;
}

}  // namespace splitsim

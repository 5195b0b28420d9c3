#pragma once
// The capacity of a link over time, looping at the end of its period: piecewise-constant rates
// (two-column traces, constant links) or discrete packet opportunities (Mahimahi). Everything the
// engine needs reduces to the cumulative capacity C(t) and its inverse.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/units.hpp"

namespace splitsim {

class CapacityTrace {
 public:
  /// A link of constant rate (bits per second, > 0).
  static CapacityTrace constant(double bits_per_second);
  /// Rates bps[i] hold over [starts_ns[i], starts_ns[i+1]) and the last until period_ns; starts_ns[0] == 0,
  /// strictly increasing, below period_ns; rates >= 0, not all zero.
  static CapacityTrace piecewise(std::vector<std::int64_t> starts_ns, std::vector<double> bps, std::int64_t period_ns);
  /// One opportunity to deliver `bits_per_opportunity` at each time (non-decreasing, within [0, period_ns]).
  static CapacityTrace packets(std::vector<std::int64_t> times_ns, std::int64_t period_ns,
                               double bits_per_opportunity = 1500 * 8);

  /// The same trace with every rate multiplied by `factor` (> 0).
  CapacityTrace scaled(double factor) const;

  enum class Kind { piecewise, packets };
  Kind kind() const { return kind_; }
  Duration period() const { return Duration::from_ns(period_ns_); }
  /// Bits the link can carry in one period.
  long double bits_per_period() const { return period_bits_; }
  double mean_bps() const { return static_cast<double>(period_bits_ / (static_cast<long double>(period_ns_) * 1e-9L)); }

  /// Capacity, in bits, offered strictly before `t` since time 0.
  long double cumulative_before(SimTime t) const;
  /// The earliest time by which the link has offered `target` bits since time 0 (rounded up to the ns).
  SimTime time_reaching(long double target) const;
  /// Completion time of `bits` sent alone, starting at `start`.
  SimTime completion_time(SimTime start, double bits) const {
    return time_reaching(cumulative_before(start) + static_cast<long double>(bits));
  }
  /// Rate at `t` for piecewise traces; for packet traces, the mean rate over the millisecond around `t`.
  double rate_at(SimTime t) const;

  const std::vector<std::int64_t>& times_ns() const { return times_ns_; }
  const std::vector<double>& rates_bps() const { return rates_; }

 private:
  Kind kind_ = Kind::piecewise;
  std::int64_t period_ns_ = 0;
  std::vector<std::int64_t> times_ns_;  // segment starts, or opportunity times
  std::vector<double> rates_;           // piecewise: bits per second per segment
  std::vector<long double> cum_;        // piecewise: capacity before segment i; packets: unused
  long double period_bits_ = 0;
  double bits_per_opportunity_ = 0;
  std::ptrdiff_t at_period_end_ = 0;    // packets: opportunities stamped exactly at the period's end
};

}  // namespace splitsim

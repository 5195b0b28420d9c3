#pragma once
// The capacity of a link over time, looping at the end of its period: piecewise-constant rates
// (two-column traces, constant links) or discrete packet opportunities (Mahimahi). Everything the
// engine needs reduces to the cumulative capacity C(t) and its inverse.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
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
  double bits_per_period() const { return period_bits_; }
  double mean_bps() const { return period_bits_ / (static_cast<double>(period_ns_) * 1e-9); }

  /// Capacity, in bits, offered in [from, to) (from <= to; times before 0 count as 0). Computed from the two
  /// times' places within their periods, so its rounding is that of the bits involved, not of the run's length.
  double capacity_between(SimTime from, SimTime to) const;
  /// Completion time of `bits` sent alone, starting at `start`: the earliest time by which the link has offered
  /// `bits` more than it had before `start` (rounded up to the ns, forgiving floating-point noise); `start`
  /// itself when bits <= 0.
  SimTime completion_time(SimTime start, double bits) const;
  /// A transfer of `bits` alone on a constant link, its duration computed once: `end(start)` equals
  /// `completion_time(start, bits)` for every start. For callers that time one size from many starts.
  class FixedTransfer {
   public:
    SimTime end(SimTime start) const {
      if (bits_ <= 0) return start;
      const std::int64_t from = std::max<std::int64_t>(start.ns(), 0);
      if (!(static_cast<double>(from) + ns_ < static_cast<double>(limits::kNeverNs))) return SimTime::from_ns(limits::kNeverNs);
      return SimTime::from_ns(from + whole_ns_);
    }

   private:
    friend class CapacityTrace;
    double bits_ = 0, ns_ = 0;
    std::int64_t whole_ns_ = 0;  ///< ns_ rounded up as completion_time rounds it (when below kNeverNs)
  };
  /// The transfer of `bits` when the link is constant; nothing otherwise.
  std::optional<FixedTransfer> fixed_transfer(double bits) const;
  /// Rate at `t` for piecewise traces; for packet traces, the mean rate over the millisecond around `t`.
  double rate_at(SimTime t) const;

  const std::vector<std::int64_t>& times_ns() const { return times_ns_; }
  const std::vector<double>& rates_bps() const { return rates_; }

 private:
  Kind kind_ = Kind::piecewise;
  std::int64_t period_ns_ = 0;
  std::vector<std::int64_t> times_ns_;  // segment starts, or opportunity times
  std::vector<double> rates_;           // piecewise: bits per second per segment
  std::vector<double> cum_;             // piecewise: capacity before segment i; packets: unused
  double period_bits_ = 0;
  double bits_per_opportunity_ = 0;
  std::ptrdiff_t at_period_end_ = 0;    // packets: opportunities stamped exactly at the period's end
  double constant_bps_ = 0;             // a link of one rate throughout (one segment): its rate; else 0

  struct Place {
    std::int64_t loops;   // whole periods before the time
    std::int64_t within;  // ns into the period
  };
  Place place_of(SimTime t) const;
  /// Piecewise: the segment holding `within` ns of the period, and where that segment ends.
  std::size_t segment_of(std::int64_t within) const {
    return static_cast<std::size_t>(std::upper_bound(times_ns_.begin(), times_ns_.end(), within) - times_ns_.begin() - 1);
  }
  std::int64_t segment_end(std::size_t i) const { return i + 1 < times_ns_.size() ? times_ns_[i + 1] : period_ns_; }
  /// Capacity offered in the period before `within` ns into it (packets: opportunities stamped at the period's
  /// end happen at the next period's start, so at within == 0 of a later period they count negatively).
  double offered_within(const Place& p) const;
};

}  // namespace splitsim

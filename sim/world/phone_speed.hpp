#pragma once
// A phone's processor under its own load and speed (a client group's `phone`, docs/scenarios.md): a query's
// mobile part started at t takes its platform time x 1/(1 - load(t)) (the server's processor-sharing model:
// other apps share the processor) x 1/speed(t) (thermal throttling). Energy is the platform's either way: the
// other apps' time is theirs, and a throttled processor draws less power for longer (a constant energy per
// operation, to first order).

#include "core/units.hpp"
#include "server/load_trace.hpp"

namespace splitsim {

class PhoneSpeed {
 public:
  /// Unloaded, full speed: every slowdown is exactly 1.
  PhoneSpeed() = default;
  /// `speed` values must be in (0, 1].
  PhoneSpeed(LoadTrace load, LoadTrace speed);

  bool active() const { return active_; }
  /// What a load measurement on the phone tells: 1/(1 - load(t)).
  double load_slowdown(SimTime t) const;
  /// The processor's time factor at t: load and speed.
  double slowdown(SimTime t) const { return active_ ? load_slowdown(t) / speed_.at(t) : 1.0; }
  /// The least slowdown at any time (a bound for work started at any time).
  double least_slowdown() const;
  const LoadTrace& load() const { return load_; }
  const LoadTrace& speed() const { return speed_; }

 private:
  LoadTrace load_ = LoadTrace::constant(0.0);
  LoadTrace speed_ = LoadTrace::constant(1.0);
  bool active_ = false;
};

}  // namespace splitsim

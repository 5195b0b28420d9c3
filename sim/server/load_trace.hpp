#pragma once
// Background utilisation of the server over time, piecewise constant and looping.

#include <cstdint>
#include <vector>

#include "core/statistics.hpp"
#include "core/units.hpp"

namespace splitsim {

class LoadTrace {
 public:
  /// A constant utilisation in [0, 1].
  static LoadTrace constant(double load);
  /// load[i] in [0, 1] holds over [starts_ns[i], starts_ns[i+1]), the last until period_ns.
  static LoadTrace piecewise(std::vector<std::int64_t> starts_ns, std::vector<double> load, std::int64_t period_ns);

  /// Utilisation at `t`, in [0, 1].
  double at(SimTime t) const;
  /// Time-weighted mean over one period.
  double mean() const;
  Duration period() const { return Duration::from_ns(period_ns_); }
  const std::vector<std::int64_t>& starts_ns() const { return starts_ns_; }
  const std::vector<double>& values() const { return load_; }

 private:
  std::vector<std::int64_t> starts_ns_;
  std::vector<double> load_;
  std::int64_t period_ns_ = 1;
};

/// Processor sharing with a background load: work takes 1/(1 - load) as long (the load held below 0.99). The
/// server's load model and the phone's.
inline double sharing_slowdown(double load) { return 1.0 / (1.0 - (load < 0.99 ? load : 0.99)); }

/// Summary of the load over one period on one-second steps (wider for very long traces).
TraceStats load_stats(const LoadTrace& trace);

}  // namespace splitsim

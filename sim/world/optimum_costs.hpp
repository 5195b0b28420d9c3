#pragma once
// What the offline optimum's model (world/optimum_model.hpp) reads for every choice it weighs, tabulated once: a
// radio's tail costs by idle time, and a client's split costs that no state changes. Each entry is computed by the
// expression the simulator uses, in the same order, so that a choice costs bit for bit what it did before the
// tables (tested against RadioProfile in tests/offline_optimum_test.cpp).

#include <vector>

#include "radio/radio_profile.hpp"

namespace splitsim::optimum_detail {

/// RadioProfile::wake_cost_after and tail_energy by a table of the tail's phases instead of a walk through them.
class TailCosts {
 public:
  explicit TailCosts(const RadioProfile& r)
      : tails_(r.tails), promotion_{r.promotion_delay, r.promotion_power * r.promotion_delay} {
    Duration start;
    Joules before;
    for (const TailPhase& p : r.tail) {
      phases_.push_back({start, start + p.duration, p.power, before, {p.resume_delay, p.resume_power * p.resume_delay}});
      before += p.power * p.duration;
      start += p.duration;
    }
    full_ = before;
  }

  /// As RadioProfile::wake_cost_after.
  RadioProfile::WakeCost wake_cost_after(Duration idle) const {
    if (!tails_) return {};
    for (const Phase& p : phases_) {
      if (idle < p.end) return p.wake;
    }
    return promotion_;
  }

  /// As RadioProfile::tail_energy: the phases before `idle`'s in full, then its own up to `idle` (the phase that
  /// ends exactly at `idle` counts as `idle`'s own, which adds the same product).
  Joules tail_energy(Duration idle) const {
    if (idle <= Duration::zero()) return {};
    for (const Phase& p : phases_) {
      if (idle <= p.end) {
        Joules total = p.before;
        total += p.power * (idle - p.start);
        return total;
      }
    }
    return full_;
  }

 private:
  struct Phase {
    Duration start, end;
    Watts power;
    Joules before;  ///< the phases before, summed in order
    RadioProfile::WakeCost wake;
  };
  bool tails_;
  RadioProfile::WakeCost promotion_;
  std::vector<Phase> phases_;
  Joules full_;
};

}  // namespace splitsim::optimum_detail

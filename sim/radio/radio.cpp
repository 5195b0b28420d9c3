#include "radio/radio.hpp"

#include <algorithm>
#include <cassert>

namespace splitsim {

SimTime Radio::ready_if_woken(SimTime t) const {
  if (active_ > 0 || pending_ > 0) return std::max(t, ready_at_);
  return t + profile_->wake_cost_after(tail_open_ ? t - tail_start_ : Duration::max()).delay;
}

RadioProfile::WakeCost Radio::wake_cost_at(SimTime t) const {
  if (active_ > 0 || pending_ > 0) return {std::max(t, ready_at_) - t, Joules{}};
  if (!profile_->tails) return {};
  return profile_->wake_cost_after(tail_open_ ? t - tail_start_ : Duration::max());
}

Radio::Wake Radio::wake(SimTime now) {
  Wake w;
  w.ready = now;
  if (active_ > 0 || pending_ > 0) {
    w.ready = std::max(now, ready_at_);  // already connected, or join the promotion under way
  } else if (profile_->tails) {
    // From a tail, the phase decides; from idle (never connected, or past the tail), a full promotion.
    Duration idle = tail_open_ ? now - tail_start_ : Duration::max();
    if (tail_open_) {
      w.closed_tail = true;
      w.tail_owner = tail_owner_;
      w.tail = profile_->tail_energy(idle);
      tail_open_ = false;
    }
    RadioProfile::WakeCost cost = profile_->wake_cost_after(idle);
    w.ready = now + cost.delay;
    w.promotion = cost.energy;
  }
  ready_at_ = w.ready;
  ++pending_;
  return w;
}

void Radio::accrue_beta(SimTime now) {
  // Exact whenever the transfers sharing the radio divide 2520 (any count up to 10), with no division; else
  // rounded down by under one unit (0.4 ps). Unsigned arithmetic wraps, and only differences are read.
  if (active_ > 0) {
    const auto dt = static_cast<std::uint64_t>((now - beta_last_).ns());
    const auto n = static_cast<std::uint64_t>(active_);
    if (kShareUnits % n == 0) {
      share_ += dt * (kShareUnits / n);
    } else {
      share_ += dt / n * kShareUnits + dt % n * kShareUnits / n;  // floor(dt * kShareUnits / n), no overflow
    }
  }
  beta_last_ = now;
}

Radio::Token Radio::data_start(SimTime now) {
  assert(pending_ > 0);
  accrue_beta(now);
  --pending_;
  ++active_;
  return share_;
}

Joules Radio::data_end(SimTime now, Token token, double up_bits, double down_bits, std::uint64_t owner) {
  assert(active_ > 0);
  accrue_beta(now);
  --active_;
  double alpha_mj = profile_->alpha_mj(up_bits, down_bits);
  const double beta_mj = profile_->beta_mw * share_seconds(share_ - token);
  if (active_ == 0 && pending_ == 0 && profile_->tails && !profile_->tail.empty()) {
    tail_open_ = true;
    tail_start_ = now;
    tail_owner_ = owner;
  }
  return Joules{(alpha_mj + beta_mj) * 1e-3};
}

Radio::TailEnd Radio::finish_tail() {
  TailEnd end;
  if (!tail_open_) return end;
  end.open = true;
  end.owner = tail_owner_;
  end.energy = profile_->full_tail_energy();
  end.idle_at = tail_idle_time();
  tail_open_ = false;
  return end;
}

}  // namespace splitsim

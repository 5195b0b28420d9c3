#include "radio/radio.hpp"

#include <algorithm>
#include <cassert>

namespace splitsim {

Duration Radio::tail_length() const {
  Duration total;
  for (const TailPhase& p : profile_->tail) total += p.duration;
  return total;
}

Radio::Wake Radio::wake(SimTime now) {
  Wake w;
  w.ready = now;
  if (active_ > 0 || pending_ > 0) {
    w.ready = std::max(now, ready_at_);  // already connected, or join the promotion under way
  } else if (!profile_->tails) {
    w.ready = now;  // the paper's accounting: always connected, no promotion
  } else if (tail_open_) {
    Duration elapsed = now - tail_start_;
    w.closed_tail = true;
    w.tail_owner = tail_owner_;
    w.tail = profile_->tail_energy(elapsed);
    tail_open_ = false;
    // Find the phase the tail is in; past its end the radio is idle and needs a full promotion.
    Duration start;
    bool idle = true;
    for (const TailPhase& p : profile_->tail) {
      if (elapsed < start + p.duration) {
        w.ready = now + p.resume_delay;
        w.promotion = p.resume_power * p.resume_delay;
        idle = false;
        break;
      }
      start += p.duration;
    }
    if (idle) {
      w.ready = now + profile_->promotion_delay;
      w.promotion = profile_->promotion_power * profile_->promotion_delay;
    }
  } else {
    w.ready = now + profile_->promotion_delay;
    w.promotion = profile_->promotion_power * profile_->promotion_delay;
  }
  ready_at_ = w.ready;
  ++pending_;
  return w;
}

void Radio::accrue_beta(SimTime now) {
  if (active_ > 0) {
    beta_mj_per_transfer_ += static_cast<long double>(profile_->beta_mw) *
                             static_cast<long double>((now - beta_last_).seconds()) / active_;
  }
  beta_last_ = now;
}

long double Radio::data_start(SimTime now) {
  assert(pending_ > 0);
  accrue_beta(now);
  --pending_;
  ++active_;
  return beta_mj_per_transfer_;
}

Joules Radio::data_end(SimTime now, long double token, double up_bits, double down_bits, std::uint64_t owner) {
  assert(active_ > 0);
  accrue_beta(now);
  --active_;
  double alpha_mj = (profile_->alpha_up_mw_per_mbps * up_bits + profile_->alpha_down_mw_per_mbps * down_bits) * 1e-6;
  double beta_mj = static_cast<double>(beta_mj_per_transfer_ - token);
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

#pragma once
// One client's link, shared by its concurrent transfers: each active flow receives an equal share of the
// capacity (processor sharing), integrated exactly over the trace.

#include <algorithm>
#include <cstdint>
#include <boost/container/small_vector.hpp>

#include "link/capacity_trace.hpp"

namespace splitsim {

class SharedLink {
 public:
  using FlowId = std::uint32_t;

  explicit SharedLink(const CapacityTrace* trace) : trace_(trace) {}

  /// Starts a flow of `bits` at `now` (not before the last event). Returns its id.
  FlowId start(SimTime now, double bits);
  /// The time the next active flow completes, if nothing else starts; SimTime::max() when idle.
  SimTime next_completion() const { return next_time_; }
  /// Completes the flow due at next_completion() and returns its id. `now` must equal next_completion().
  FlowId complete(SimTime now);
  std::size_t active() const { return flows_.size(); }
  /// When `bits` started at `ready` (not before the last event) would finish with the link to itself, from the
  /// capacity already consumed or passed on (the active flows' remaining bits are not counted): an oracle's
  /// exact look-ahead.
  SimTime lone_completion(SimTime ready, double bits) const {
    return trace_->completion_time(mark_, std::max(ahead_, trace_->capacity_between(mark_, ready)) + bits);
  }

 private:
  struct Flow {
    FlowId id;
    double remaining_bits;
  };
  void advance(SimTime now);
  void reschedule();

  const CapacityTrace* trace_;
  boost::container::small_vector<Flow, 2> flows_;  // inline: a client rarely has more than two uploads at once
  // The capacity consumed or passed so far is what the trace offered before `mark_` plus `ahead_` bits: counted
  // from a recent time, so its rounding is that of the bits in flight, not of the run's length.
  SimTime mark_ = SimTime::zero();
  double ahead_ = 0;
  SimTime last_ = SimTime::zero();
  SimTime next_time_ = SimTime::max();
  std::size_t next_index_ = 0;
  FlowId next_id_ = 0;
};

}  // namespace splitsim

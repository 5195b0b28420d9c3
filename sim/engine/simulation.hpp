#pragma once
// A simulation owns its clock and event queue (no global state: simulations coexist, one per thread).
// Events are a std::variant of small structs; run() hands each to the model's visitor. Cancellation is
// by the model's own generation counters, so the core stays a plain heap.

#include <cstdint>
#include <variant>

#include "engine/event_queue.hpp"

namespace splitsim {

template <class... Events>
class Simulation {
 public:
  using Event = std::variant<Events...>;

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return processed_; }

  /// Schedules `event` at `at` (not before now).
  EventId schedule(SimTime at, Event event) { return queue_.push(at < now_ ? now_ : at, std::move(event)); }
  EventId schedule_in(Duration d, Event event) { return schedule(now_ + d, std::move(event)); }

  /// Runs until the queue is empty or the next event is after `until`; the visitor is called with each event.
  template <class Visitor>
  void run(Visitor& visitor, SimTime until = SimTime::max()) {
    while (!queue_.empty() && queue_.top().time <= until) {
      auto entry = queue_.pop();
      now_ = entry.time;
      ++processed_;
      std::visit(visitor, entry.event);
    }
  }

  void reserve(std::size_t n) { queue_.reserve(n); }
  std::size_t pending() const { return queue_.size(); }

 private:
  EventQueue<Event> queue_;
  SimTime now_ = SimTime::zero();
  std::uint64_t processed_ = 0;
};

}  // namespace splitsim

#pragma once
// A simulation owns its clock and event queue (no global state: simulations coexist, one per thread).
// Events are a std::variant of small structs; run() hands each to the model's visitor. Cancellation is
// by the model's own generation counters, so the core stays a plain heap.

#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>

#include "engine/event_queue.hpp"

namespace splitsim {

template <class... Events>
class Simulation {
 public:
  using Event = std::variant<Events...>;

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return processed_; }

  /// Schedules `event` at `at`. An event in the past is a bug of the model: it asserts in debug builds and
  /// throws std::logic_error in release builds, rather than silently firing it now.
  EventId schedule(SimTime at, Event event) {
    assert(at >= now_ && "event scheduled in the past");
    if (at < now_) {
      throw std::logic_error("simulation: an event was scheduled " + std::to_string((now_ - at).ns()) + " ns in the past");
    }
    return queue_.push(at, std::move(event));
  }
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

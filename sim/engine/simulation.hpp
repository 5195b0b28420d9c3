#pragma once
// A simulation owns its clock and event queue (no global state: simulations coexist, one per thread).
// Events are small trivially copyable structs (8 bytes at most) of the types the simulation lists; each is
// stored in its queue entry with its kind, and run() hands it back, typed, to the model's visitor. Cancellation
// is by the model's own generation counters, so the core stays a plain heap. A visitor with a `prefetch(entry)`
// member is shown the next event before each handler runs, so that it can start loading that event's state from
// memory while the current one is handled (with 100,000 clients each event's first touch of its client's state
// is a cache miss).

#include <cassert>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/event_queue.hpp"

namespace splitsim {

template <class... Events>
class Simulation {
  static_assert(sizeof...(Events) <= 256, "an event's kind is one byte");
  static_assert(((std::is_trivially_copyable_v<Events> && sizeof(Events) <= 8) && ...),
                "events are trivially copyable and at most 8 bytes (they live in the queue entry)");

 public:
  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return processed_; }

  /// Schedules `event` at `at`. An event in the past is a bug of the model: it asserts in debug builds and
  /// throws std::logic_error in release builds, rather than silently firing it now.
  template <class Event>
  EventId schedule(SimTime at, const Event& event) {
    assert(at >= now_ && "event scheduled in the past");
    if (at < now_) {
      throw std::logic_error("simulation: an event was scheduled " + std::to_string((now_ - at).ns()) + " ns in the past");
    }
    std::uint64_t payload = 0;
    std::memcpy(&payload, &event, sizeof(Event));
    return queue_.push(at, kind_of<Event>(), payload);
  }
  template <class Event>
  EventId schedule_in(Duration d, const Event& event) {
    return schedule(now_ + d, event);
  }

  /// Runs until the queue is empty or the next event is after `until`; the visitor is called with each event.
  template <class Visitor>
  void run(Visitor& visitor, SimTime until = SimTime::max()) {
    while (!queue_.empty() && queue_.top().time <= until) {
      const EventQueue::Entry entry = queue_.pop();
      now_ = entry.time;
      ++processed_;
      if constexpr (requires(const EventQueue::Entry& next) { visitor.prefetch(next); }) {
        if (!queue_.empty()) visitor.prefetch(queue_.top());
      }
      dispatch(visitor, entry, std::index_sequence_for<Events...>{});
    }
  }

  std::size_t pending() const { return queue_.size(); }

  /// The kind stored in a queue entry for `Event`.
  template <class Event>
  static constexpr std::uint8_t kind_of() {
    static_assert((std::is_same_v<Event, Events> || ...), "not an event of this simulation");
    std::uint8_t kind = 0, k = 0;
    ((std::is_same_v<Event, Events> ? (kind = k, ++k) : ++k), ...);
    return kind;
  }

 private:
  template <class Event>
  static Event unpack(std::uint64_t payload) {
    Event e;
    std::memcpy(&e, &payload, sizeof(Event));
    return e;
  }
  template <class Visitor, std::size_t... I>
  static void dispatch(Visitor& visitor, const EventQueue::Entry& entry, std::index_sequence<I...>) {
    const std::uint8_t kind = entry.kind();
    ((kind == I ? (visitor(unpack<Events>(entry.payload)), true) : false) || ...);
  }

  EventQueue queue_;
  SimTime now_ = SimTime::zero();
  std::uint64_t processed_ = 0;
};

}  // namespace splitsim

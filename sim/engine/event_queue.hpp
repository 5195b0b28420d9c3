#pragma once
// The event core: a binary heap of typed events ordered by (time, sequence). Equal times fire in the
// order they were scheduled; this rule is written here once (and tested in tests/engine_test.cpp).
// It knows nothing of what the events mean.

#include <cstdint>
#include <utility>
#include <vector>

#include "core/units.hpp"

namespace splitsim {

/// Identifies a scheduled event (its sequence number).
using EventId = std::uint64_t;

template <class Event>
class EventQueue {
 public:
  struct Entry {
    SimTime time;
    EventId seq;
    Event event;
  };

  EventId push(SimTime time, Event event) {
    EventId seq = next_seq_++;
    heap_.push_back(Entry{time, seq, std::move(event)});
    sift_up(heap_.size() - 1);
    return seq;
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Entry& top() const { return heap_.front(); }

  Entry pop() {
    Entry out = std::move(heap_.front());
    heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return out;
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  void sift_up(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }
  void sift_down(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    const std::size_t n = heap_.size();
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Entry> heap_;
  EventId next_seq_ = 0;
};

}  // namespace splitsim

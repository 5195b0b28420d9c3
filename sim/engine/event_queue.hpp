#pragma once
// The event core: a binary heap of events ordered by (time, sequence). Equal times fire in the order they were
// scheduled; this rule is written here once (and tested in tests/engine_test.cpp). An entry is 24 bytes: the
// time, the sequence number shifted left by 8 with the event's kind in the low byte (so the order by that word
// is the order by sequence), and 8 bytes of event. It knows nothing of what the events mean.

#include <cstdint>
#include <utility>
#include <vector>

#include "core/units.hpp"

namespace splitsim {

/// Identifies a scheduled event: its sequence number and kind.
using EventId = std::uint64_t;

class EventQueue {
 public:
  struct Entry {
    SimTime time;
    std::uint64_t order;    ///< sequence << 8 | kind
    std::uint64_t payload;  ///< the event's bytes
    std::uint8_t kind() const { return static_cast<std::uint8_t>(order & 0xff); }
  };

  EventId push(SimTime time, std::uint8_t kind, std::uint64_t payload) {
    const EventId order = (next_seq_++ << 8) | kind;
    heap_.push_back(Entry{time, order, payload});
    sift_up(heap_.size() - 1);
    return order;
  }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Entry& top() const { return heap_.front(); }

  Entry pop() {
    Entry out = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return out;
  }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  void sift_up(std::size_t i) {
    Entry moving = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }
  void sift_down(std::size_t i) {
    Entry moving = heap_[i];
    const std::size_t n = heap_.size();
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = moving;
  }

  std::vector<Entry> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace splitsim

#pragma once
// The event core: a radix heap of events ordered by (time, sequence). Equal times fire in the order they were
// scheduled; this rule is written here once (and tested in tests/engine_test.cpp). An entry is 24 bytes: the
// time, the sequence number shifted left by 8 with the event's kind in the low byte (so the order by that word
// is the order by sequence), and 8 bytes of event. It knows nothing of what the events mean.
//
// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) serves a simulation because no event is scheduled before
// the last one taken out. Bucket b holds the entries whose time first differs from that last time at bit b - 1
// (bucket 0: the same time), so every entry of a bucket is earlier than every entry of the next. A push appends
// to its bucket; a pop takes the front of bucket 0, and when that is empty, finds the earliest entry of the first
// non-empty bucket, makes its time the last one and deals that bucket out to the lower ones. An entry moves down
// at most 64 times, and every move is a sequential read and append, where a binary heap's sift-down jumps through
// memory (with 100,000 phones the heap's lower levels did not fit in a cache; docs/performance.md measures both).

#include <array>
#include <bit>
#include <cstdint>
#include <stdexcept>
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

  /// `time` may not be before the last entry popped (a simulation never schedules in the past).
  EventId push(SimTime time, std::uint8_t kind, std::uint64_t payload) {
    const EventId order = (next_seq_++ << 8) | kind;
    const std::uint64_t key = key_of(time);
    if (key < last_) throw std::logic_error("event queue: an entry earlier than the last one popped");
    if (key < next_key_) next_key_ = kNone;  // earlier than the earliest found by top(): look again
    place(Entry{time, order, payload}, key);
    ++size_;
    return order;
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  /// The next entry to pop. Does not change the order of what follows, so pushes after it stay allowed.
  const Entry& top() {
    if (head_ < buckets_[0].size()) return buckets_[0][head_];
    find_earliest();
    return buckets_[next_bucket_][next_index_];
  }

  Entry pop() {
    if (head_ == buckets_[0].size()) settle();
    --size_;
    const Entry out = buckets_[0][head_++];
    if (head_ == buckets_[0].size()) {
      buckets_[0].clear();
      head_ = 0;
    }
    return out;
  }

 private:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  static constexpr int kBuckets = 65;

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  /// Times as unsigned keys in the same order.
  static std::uint64_t key_of(SimTime t) { return static_cast<std::uint64_t>(t.ns()) ^ (std::uint64_t{1} << 63); }
  int bucket_of(std::uint64_t key) const { return key == last_ ? 0 : 64 - std::countl_zero(key ^ last_); }

  void place(const Entry& e, std::uint64_t key) {
    const int b = bucket_of(key);
    buckets_[static_cast<std::size_t>(b)].push_back(e);
    if (b > 0) occupied_ |= std::uint64_t{1} << (b - 1);
  }

  // The earliest entry of the first non-empty bucket above 0 (bucket 0 empty), remembered until a push beats it.
  void find_earliest() {
    if (next_key_ != kNone) return;
    next_bucket_ = static_cast<std::size_t>(std::countr_zero(occupied_) + 1);
    const std::vector<Entry>& b = buckets_[next_bucket_];
    std::size_t best = 0;
    for (std::size_t i = 1; i < b.size(); ++i) {
      if (before(b[i], b[best])) best = i;
    }
    next_index_ = best;
    next_key_ = key_of(b[best].time);
  }

  // Bucket 0 is empty: the earliest time becomes the last one and its bucket is dealt out below.
  void settle() {
    find_earliest();
    last_ = next_key_;
    next_key_ = kNone;
    std::vector<Entry>& from = buckets_[next_bucket_];
    occupied_ &= ~(std::uint64_t{1} << (next_bucket_ - 1));
    // The buckets below are empty, so dealing in order keeps entries of one time in push order: an entry's
    // bucket depends only on its time, so a later entry of the same time is always appended behind it.
    for (const Entry& e : from) place(e, key_of(e.time));
    from.clear();
  }

  std::array<std::vector<Entry>, kBuckets> buckets_;
  std::uint64_t occupied_ = 0;  ///< bit b - 1: bucket b > 0 holds entries
  std::size_t head_ = 0;        ///< bucket 0's next entry (taken in sequence order)
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;  ///< the key of the last time popped
  std::uint64_t next_key_ = kNone;
  std::size_t next_bucket_ = 0, next_index_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace splitsim

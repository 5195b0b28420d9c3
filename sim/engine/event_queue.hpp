#pragma once
// The event core: a radix heap of events ordered by (time, sequence). Equal times fire in the order they were
// scheduled, without comparing sequences: entries of one time always share a bucket, in push order (find_earliest;
// tested in tests/engine_test.cpp). An entry is 24 bytes: the
// time, the sequence number shifted left by 8 with the event's kind in the low byte (so the order by that word
// is the order by sequence), and 8 bytes of event. It knows nothing of what the events mean.
//
// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan 1990) serves a simulation because no event is scheduled before
// the last one taken out; this one has 16 buckets a level, one for each value of a 4-bit digit (the multi-level
// buckets of Denardo and Fox 1979). An entry at the last time popped waits in `now_`; any later one goes to the
// level of the highest digit where its time differs from that last time, into the bucket of its digit there, so
// that every entry of a bucket is earlier than every entry of the next. A push appends to its bucket; a pop takes
// the front of `now_`, and when that is empty, the first non-empty bucket: at level 0 all its entries share one
// time and it becomes `now_` whole; above, its earliest time becomes the last one and the bucket is dealt out to
// `now_` and the lower levels. An entry moves down at most 15 times (2.7 on average at 1,000 phones, where one bucket
// a bit moved it 4.4 times), and every move is a sequential read and append, where a binary heap's sift-down jumps
// through memory (with 100,000 phones the heap's lower levels did not fit in a cache; docs/performance.md).

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
    if (head_ < now_.size()) return now_[head_];
    find_earliest();
    return buckets_[next_bucket_][next_index_];
  }

  Entry pop() {
    if (head_ == now_.size()) settle();
    --size_;
    const Entry out = now_[head_++];
    if (head_ == now_.size()) {
      now_.clear();
      head_ = 0;
    }
    return out;
  }

 private:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  // Digits of 4 bits: 16 levels of 16 buckets. Measured against 2 to 8 bits (docs/performance.md): 6 makes a few
  // instructions fewer, and its 704 buckets kept 23 MiB more at 100,000 phones (before large ones were released).
  static constexpr int kDigitBits = 4, kDigits = 1 << kDigitBits, kLevels = 64 / kDigitBits;
  static constexpr int kBuckets = kLevels * kDigits;
  static constexpr std::size_t kKeptEntries = (std::size_t{64} << 10) / sizeof(Entry);  ///< 64 KiB

  /// Times as unsigned keys in the same order.
  static std::uint64_t key_of(SimTime t) { return static_cast<std::uint64_t>(t.ns()) ^ (std::uint64_t{1} << 63); }
  /// The bucket of a key after the last one: its level is the highest digit where they differ, and within the level,
  /// its digit there (above the last key's), so that a lower bucket holds only earlier keys.
  std::size_t bucket_of(std::uint64_t key) const {
    const int level = (63 - std::countl_zero(key ^ last_)) / kDigitBits;
    return static_cast<std::size_t>(level * kDigits) + ((key >> (level * kDigitBits)) & (kDigits - 1));
  }

  void place(const Entry& e, std::uint64_t key) {
    if (key == last_) {
      now_.push_back(e);
      return;
    }
    const std::size_t b = bucket_of(key);
    buckets_[b].push_back(e);
    occupied_[b / 64] |= std::uint64_t{1} << (b % 64);
  }

  std::size_t first_occupied() const {
    std::size_t w = 0;
    while (occupied_[w] == 0) ++w;
    return w * 64 + static_cast<std::size_t>(std::countr_zero(occupied_[w]));
  }

  // The earliest entry of the first non-empty bucket (the current time's entries all taken), remembered until a
  // push beats it. A level-0 bucket holds a single time: its front. Otherwise the first entry of the earliest time,
  // which is the first pushed: an entry's bucket is a function of its time and the last time popped, so entries of
  // one time share a bucket, and each joins it behind those pushed before.
  void find_earliest() {
    if (next_key_ != kNone) return;
    next_bucket_ = first_occupied();
    const std::vector<Entry>& b = buckets_[next_bucket_];
    std::size_t best = 0;
    if (next_bucket_ >= kDigits) {
      for (std::size_t i = 1; i < b.size(); ++i) {
        if (b[i].time < b[best].time) best = i;
      }
    }
    next_index_ = best;
    next_key_ = key_of(b[best].time);
  }

  // The current time's entries are all taken: the earliest time becomes the last one, and its bucket is taken
  // whole (level 0: every entry has that time) or dealt out to the current time and the lower buckets, in order.
  void settle() {
    find_earliest();
    last_ = next_key_;
    next_key_ = kNone;
    std::vector<Entry>& from = buckets_[next_bucket_];
    occupied_[next_bucket_ / 64] &= ~(std::uint64_t{1} << (next_bucket_ % 64));
    if (next_bucket_ < kDigits) {
      now_.swap(from);  // now_ is empty
      return;
    }
    for (const Entry& e : from) place(e, key_of(e.time));
    from.clear();
    // A bucket keeps its largest size's capacity: at 100,000 phones and 10^7 queries the process peaked at 116 MiB,
    // against 84 with one bucket a bit. Releasing a large one once dealt out brings it to 71 MiB, in no measurable time.
    if (from.capacity() > kKeptEntries) std::vector<Entry>().swap(from);
  }

  std::vector<Entry> now_;  ///< entries at the last time popped, in push order
  std::size_t head_ = 0;    ///< now_'s next entry
  std::array<std::vector<Entry>, kBuckets> buckets_;
  std::array<std::uint64_t, kBuckets / 64> occupied_{};  ///< bit b: bucket b holds entries
  std::size_t size_ = 0;
  std::uint64_t last_ = 0;  ///< the key of the last time popped
  std::uint64_t next_key_ = kNone;
  std::size_t next_bucket_ = 0, next_index_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace splitsim

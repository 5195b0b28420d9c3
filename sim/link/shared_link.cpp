#include "link/shared_link.hpp"

#include <algorithm>
#include <cassert>

namespace splitsim {

void SharedLink::advance(SimTime now) {
  assert(now >= last_);
  // Capacity offered since the last event went to the active flows in equal shares (or was not used).
  const double unused = trace_->capacity_between(mark_, now) - ahead_;
  if (unused > 0) {
    if (!flows_.empty()) {
      const double share = unused / static_cast<double>(flows_.size());
      for (Flow& f : flows_) f.remaining_bits -= share;
    }
    mark_ = now;
    ahead_ = 0;
  }
  last_ = now;
}

void SharedLink::reschedule() {
  if (flows_.empty()) {
    next_time_ = SimTime::max();
    return;
  }
  auto it = std::min_element(flows_.begin(), flows_.end(),
                             [](const Flow& a, const Flow& b) { return a.remaining_bits < b.remaining_bits; });
  next_index_ = static_cast<std::size_t>(it - flows_.begin());
  const double need = std::max(it->remaining_bits, 0.0) * static_cast<double>(flows_.size());
  next_time_ = std::max(trace_->completion_time(mark_, ahead_ + need), last_);
}

SharedLink::FlowId SharedLink::start(SimTime now, double bits) {
  advance(now);
  FlowId id = next_id_++;
  flows_.push_back({id, bits});
  reschedule();
  return id;
}

SharedLink::FlowId SharedLink::complete(SimTime now) {
  assert(now == next_time_ && !flows_.empty());
  // The finishing flow consumed exactly its remaining bits from each share: move the position to that point
  // rather than to the capacity before `now`, which for a packet trace may lie before the opportunity at `now`.
  Flow done = flows_[next_index_];
  const double used = std::max(done.remaining_bits, 0.0) * static_cast<double>(flows_.size());
  for (Flow& f : flows_) f.remaining_bits -= done.remaining_bits;
  ahead_ += used;
  last_ = now;
  flows_.erase(flows_.begin() + static_cast<std::ptrdiff_t>(next_index_));
  reschedule();
  return done.id;
}

}  // namespace splitsim

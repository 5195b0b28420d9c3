#pragma once
// The offline optimum's model of one client (world/offline_optimum.hpp, docs/optimum.md), internal to
// offline_optimum.cpp: the state a choice leaves behind (`Key`), what one query's choice costs from a state
// (`Model::step`, the simulator's arithmetic), and the index of a layer's states by key.

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "core/random.hpp"
#include "radio/radio.hpp"
#include "world/offline_optimum.hpp"
#include "world/optimum_costs.hpp"

namespace splitsim::optimum_detail {

constexpr SimTime kNone = SimTime::min();

// What a choice leaves behind: when the processor is free, when the last transfer ended (its tail's start), when
// the last upload leaves the link, when the server ends the client's last job; kNone where the next arrival finds
// them free (or the tail run out).
struct Key {
  SimTime processor = kNone, radio = kNone, link = kNone, server = kNone;
  bool operator==(const Key&) const = default;
};
// Each time multiplied by its own odd constant and rotated apart, then one SplitMix64 finaliser: the four products
// are independent, where four nested finalisers were a chain (a tenth of `paper`'s samples). Only the index's
// probing depends on it: a layer's nodes stay in the order they were first reached, so plans do not.
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    auto u = [](SimTime t) { return static_cast<std::uint64_t>(t.ns()); };
    return static_cast<std::size_t>(mix64(u(k.processor) ^ std::rotl(u(k.radio) * 0xd6e8feb86659fd93ULL, 16) ^
                                          std::rotl(u(k.link) * 0xa0761d6478bd642fULL, 32) ^
                                          std::rotl(u(k.server) * 0xe7037ed1a0b428dbULL, 48)));
  }
};

// One query's choice from one state.
struct Outcome {
  Key next;
  double latency_ms = 0;
  double own_j = 0;           // its compute, transfers, promotions, and its own tail when its download cut it
  double earlier_tail_j = 0;  // the running tail its wake ended, charged to that tail's owner
  bool owns_tail = false;     // the radio's next tail is its own
  bool approximate = false;   // priced as if alone: the previous transfer or server job had not ended
};

class Model {
 public:
  explicit Model(const OptimumClient& c)
      : c_(c), has_tail_(c.radio->tails && !c.radio->tail.empty()),
        tail_length_(has_tail_ ? c.radio->tail_length() : Duration::zero()),
        full_tail_j_(has_tail_ ? c.radio->full_tail_energy().value : 0.0), tail_(*c.radio),
        phone_active_(c.phone != nullptr && c.phone->active()), server_slowdown_(c.server->constant_slowdown()) {
    const CutBook& b = *c.book;
    for (int s = 0; s < splits(); ++s) {
      const double bits = static_cast<double>(b.upload_bytes(s)) * 8.0;
      splits_.push_back({Duration::from_ms(b.mobile_ms(s)), bits, c.radio->alpha_mj(bits, 0), c.uplink->fixed_transfer(bits)});
    }
    if (c.download) download_j_ = transfer_j(c.radio->alpha_mj(0, c.result_bits), *c.download);
  }

  double full_tail_j() const { return full_tail_j_; }
  /// The choices of a query: the prefix cuts, local execution last.
  int splits() const { return c_.book->local_only() + 1; }
  /// What the tail running in `k` costs if no transfer cuts it: the rest of the run's energy were its queries all
  /// run on the phone (their compute is the same from every state).
  double local_rollout_tail_j(const Key& k) const { return k.radio != kNone ? full_tail_j() : 0.0; }
  bool has_tail() const { return has_tail_; }

  // The state as the query arriving at `a` finds it; a tail that ran out before is charged in full.
  Key seen_at(Key k, SimTime a, double& expired_tail_j) const {
    if (k.processor <= a) k.processor = kNone;
    if (k.server <= a) k.server = kNone;
    if (k.link <= a) k.link = kNone;
    if (k.radio != kNone && (has_tail_ ? k.radio + tail_length_ <= a : k.radio < a)) {
      k.radio = kNone;
      expired_tail_j = full_tail_j();
    }
    return k;
  }

  // What query (a, draw) choosing `split` from state `k` costs and leaves behind. Inlined where it is called (GCC
  // kept it a call, whose register saves were a tenth of its instructions; docs/performance.md).
  [[gnu::always_inline]] Outcome step(const Key& k, SimTime a, double draw, int split) const {
    const CutBook& b = *c_.book;
    const SplitCosts& sc = splits_[static_cast<std::size_t>(split)];
    Outcome o;
    o.next = k;
    SimTime e = a;
    if (split != 0 || b.mobile_ms(0) != 0) {
      const SimTime start = std::max(a, k.processor);
      o.next.processor = e = start + (phone_active_ ? Duration::from_ms(b.mobile_ms(split) * c_.phone->slowdown(start)) : sc.mobile);
    }
    o.own_j = b.mobile_j(split);
    if (split == b.local_only()) {
      o.latency_ms = (e - a).ms();
      return o;
    }
    SimTime ready = wake(k, e, o);
    if (k.link != kNone && ready < k.link) ready = k.link;  // approximate (wake says so): behind the last upload
    const SimTime upload_end = upload_end_of(split, sc, ready);
    o.next.link = upload_end;
    o.own_j += transfer_j(sc.alpha_mj, upload_end - ready);
    SimTime server_start = upload_end;
    if (k.server != kNone && upload_end < k.server) {
      if (c_.workers == 1 && c_.max_batch == 1) {
        server_start = k.server;  // FIFO behind the client's previous job
      } else {
        o.approximate = true;
      }
    }
    const SimTime server_end = server_start + service_time(split, server_start, draw);
    o.next.server = server_end;
    SimTime last_data = upload_end, done = server_end;
    if (c_.download) {
      SimTime dl_ready = server_end;
      if (c_.radio->tails) {  // its own tail since the upload, cut by the download's wake
        const Duration idle = has_tail_ ? server_end - upload_end : Duration::max();
        const RadioProfile::WakeCost cost = tail_.wake_cost_after(idle);
        dl_ready += cost.delay;
        o.own_j += cost.energy.value + (has_tail_ ? tail_.tail_energy(idle).value : 0.0);
      }
      done = last_data = dl_ready + *c_.download;
      o.own_j += download_j_;
    }
    o.owns_tail = k.radio == kNone || last_data >= k.radio;
    o.next.radio = o.owns_tail ? last_data : k.radio;
    o.latency_ms = (done - a).ms();
    return o;
  }

 private:
  // A split's costs that no state changes.
  struct SplitCosts {
    Duration mobile;  ///< its compute on the unloaded phone
    double bits = 0;  ///< its upload
    double alpha_mj = 0;
    std::optional<CapacityTrace::FixedTransfer> upload;  ///< on a constant link
  };

  // When data may flow for a transfer wanting the radio at `e`, charging the promotion (or resume) to the query
  // and the tail it ends to that tail's owner.
  SimTime wake(const Key& k, SimTime e, Outcome& o) const {
    if (k.radio != kNone && e <= k.radio) {
      o.approximate = true;  // the last transfer has not ended: connected, and the link would be shared
      return e;
    }
    if (!c_.radio->tails) return e;
    const Duration idle = k.radio != kNone ? e - k.radio : Duration::max();
    const RadioProfile::WakeCost cost = tail_.wake_cost_after(idle);
    o.own_j += cost.energy.value;
    if (k.radio != kNone && has_tail_) o.earlier_tail_j = tail_.tail_energy(idle).value;
    return e + cost.delay;
  }

  // When the split's upload, alone on the link from `ready`, ends. On a constant link from the duration computed
  // once; else memoised per split: states that share a processor time and a wake phase upload from the same instant.
  SimTime upload_end_of(int split, const SplitCosts& sc, SimTime ready) const {
    if (sc.upload) return std::max(sc.upload->end(ready + c_.trace_offset) - c_.trace_offset, ready);
    Memo& m = memo_[static_cast<std::size_t>(split)];
    for (std::size_t i = 0; i < m.filled; ++i) {
      if (m.entries[i].first == ready) return m.entries[i].second;
    }
    const SimTime end = std::max(c_.uplink->completion_time(ready + c_.trace_offset, sc.bits) - c_.trace_offset, ready);
    m.entries[m.next] = {ready, end};
    m.next = (m.next + 1) % m.entries.size();
    m.filled = std::max(m.filled, m.next == 0 ? m.entries.size() : m.next);
    return end;
  }

  // Huang's model for one transfer alone: alpha terms for its bits (RadioProfile::alpha_mj), beta for its duration
  // (as Radio::data_end).
  double transfer_j(double alpha_mj, Duration d) const {
    const double beta_mj = c_.radio->beta_mw * Radio::share_seconds(Radio::lone_share(d));
    return (alpha_mj + beta_mj) * 1e-3;
  }

  // The server's part of `split` started at `start` (ServerPool::service_time). Under a constant background load it
  // depends only on the draw: the query's splits are computed once, when a step first sees its draw.
  Duration service_time(int split, SimTime start, double draw) const {
    const double work_ms = c_.book->server_ms(split, 1);
    if (!server_slowdown_) return c_.server->service_time(work_ms, start, draw);
    if (draw != service_draw_) {
      service_draw_ = draw;
      for (int s = 0; s < splits(); ++s) {
        service_[static_cast<std::size_t>(s)] = Duration::from_ms(c_.book->server_ms(s, 1) * *server_slowdown_ * draw);
      }
    }
    return service_[static_cast<std::size_t>(split)];
  }

  struct Memo {
    std::array<std::pair<SimTime, SimTime>, 4> entries;  // (ready, end), round robin
    std::size_t next = 0, filled = 0;
  };

  const OptimumClient& c_;
  bool has_tail_;
  Duration tail_length_;
  double full_tail_j_;
  TailCosts tail_;
  bool phone_active_;
  std::optional<double> server_slowdown_;  ///< under a constant background load
  std::vector<SplitCosts> splits_;
  double download_j_ = 0;
  mutable double service_draw_ = std::numeric_limits<double>::quiet_NaN();  ///< the draw service_ holds (NaN: none)
  mutable std::vector<Duration> service_ = std::vector<Duration>(static_cast<std::size_t>(splits()));
  mutable std::vector<Memo> memo_ = std::vector<Memo>(static_cast<std::size_t>(c_.book->local_only() + 1));
};

struct Node {
  Key key;
  double latency_ms = 0, energy_j = 0;
};

inline bool better(Objective objective, double lat_a, double en_a, double lat_b, double en_b) {
  if (objective == Objective::energy) return en_a < en_b || (en_a == en_b && lat_a < lat_b);
  return lat_a < lat_b || (lat_a == lat_b && en_a < en_b);
}

// The next layer's nodes by key: open addressing over indices into the layer, reused from layer to layer.
class KeyIndex {
 public:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  void reset(std::size_t entries) {
    std::size_t size = 16;
    while (size < 2 * entries) size *= 2;
    slots_.assign(size, kEmpty);
  }
  /// The slot holding `key`'s index into `nodes` (anything with a `key`), or the empty slot where it belongs.
  template <class N>
  std::uint32_t& find(const Key& key, const std::vector<N>& nodes) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = KeyHash{}(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == kEmpty || nodes[slots_[i]].key == key) return slots_[i];
    }
  }

 private:
  std::vector<std::uint32_t> slots_;
};

struct Back {
  std::uint32_t parent;
  std::int32_t split;
};

// A layer's expansion's scratch, reused from layer to layer: the next layer's index, and the states as the arrival
// sees them, numbered by first appearance; states that differ only in what has ended by then choose alike, so the
// choices of a seen state that several share are priced once and kept.
class Expansion {
 public:
  struct Choice {
    Outcome outcome;
    std::uint32_t* slot;  ///< of outcome.next in the next layer's index
  };
  struct Seen {
    Key key;
    std::uint32_t states = 0;  ///< of the layer that see it
    std::uint32_t kept = kNotKept;  ///< where its choices start in choices, once priced
  };
  static constexpr std::uint32_t kNotKept = 0xffffffffu;
  KeyIndex next_index;
  std::vector<Seen> seen;        ///< the distinct seen states
  std::vector<std::uint32_t> of;  ///< each state's seen state
  std::vector<double> expired;    ///< each state's tail run out by the arrival
  std::vector<Choice> choices;

  /// Starts a layer: the next layer's index sized for its choices, no choices kept, and the seen states of `layer`
  /// for the arrival at `a` numbered.
  template <class N>
  void start(const Model& model, const std::vector<N>& layer, SimTime a) {
    next_index.reset(layer.size() * static_cast<std::size_t>(model.splits()));
    choices.clear();
    seen_index_.reset(layer.size());
    seen.clear();
    of.resize(layer.size());
    expired.assign(layer.size(), 0.0);
    for (std::size_t u = 0; u < layer.size(); ++u) {
      const Key k = model.seen_at(layer[u].key, a, expired[u]);
      std::uint32_t& d = seen_index_.find(k, seen);
      if (d == KeyIndex::kEmpty) {
        d = static_cast<std::uint32_t>(seen.size());
        seen.push_back({k});
      }
      ++seen[d].states;
      of[u] = d;
    }
  }

 private:
  KeyIndex seen_index_;
};

/// Every choice of query (a, draw) from every state of `layer`, in order (state, then split): empties `next` and
/// `from`, sizes the next layer's index for them, counts the transitions priced approximately, and hands each
/// outcome to `keep(u, s, expired, o, slot)`, where `expired` is the tail energy the arrival found run out and `slot`
/// the index slot of `o.next` in `next` (KeyIndex::kEmpty when the state is new: `keep` fills it). A state whose seen
/// state an earlier one of the layer shared reuses its outcomes and slots: the same choices, in the same order.
template <class N, class B, class Keep>
void expand_layer(const Model& model, const std::vector<N>& layer, SimTime a, double draw, Expansion& x, std::vector<N>& next,
                  std::vector<B>& from, std::uint64_t& approximate, Keep&& keep) {
  const int splits = model.splits();
  next.clear();
  from.clear();
  x.start(model, layer, a);
  for (std::uint32_t u = 0; u < layer.size(); ++u) {
    Expansion::Seen& seen = x.seen[x.of[u]];
    const double expired = x.expired[u];
    if (seen.kept != Expansion::kNotKept) {
      const Expansion::Choice* c = x.choices.data() + seen.kept;
      for (int s = 0; s < splits; ++s, ++c) {
        approximate += c->outcome.approximate ? 1 : 0;
        keep(u, s, expired, c->outcome, *c->slot);
      }
      continue;
    }
    const bool shared = seen.states > 1;
    if (shared) seen.kept = static_cast<std::uint32_t>(x.choices.size());
    for (int s = 0; s < splits; ++s) {
      const Outcome o = model.step(seen.key, a, draw, s);
      approximate += o.approximate ? 1 : 0;
      std::uint32_t& slot = x.next_index.find(o.next, next);
      keep(u, s, expired, o, slot);
      if (shared) x.choices.push_back({o, &slot});
    }
  }
}

/// A pruning's ranking, reused from layer to layer.
struct PruneScratch {
  std::vector<std::uint32_t> order;
  std::vector<double> rank;
};

/// A search in progress: the last layer, every layer's back pointers (one layer per query expanded), the transitions
/// priced approximately, the largest layer kept, whether one was pruned.
struct Search {
  std::vector<Node> layer{Node{}};
  std::vector<std::vector<Back>> back;
  std::uint64_t approximate = 0;
  std::size_t peak = 1;
  bool capped = false;
  PruneScratch scratch;
};

/// The states a layer may keep (offline_optimum.hpp: kOptimumStateCap and the rest).
std::size_t state_cap(std::uint64_t approximate, int splits);
/// Takes the next layer (query `s.back.size()`'s expansion, with its back pointers) into `s`, pruned to the cap.
void admit(const Model& model, Search& s, std::vector<Node>& next, std::vector<Back>& from, Objective objective);
/// Expands the remaining queries, from query `s.back.size()` on.
void continue_search(const Model& model, const ClientArrivals& arrivals, Objective objective, Search& s);
/// The best final state's split sequence, priced by evaluate_plan.
OptimumPlan finish_search(const OptimumClient& client, const Model& model, const ClientArrivals& arrivals, Objective objective,
                          const Search& s);

}  // namespace splitsim::optimum_detail

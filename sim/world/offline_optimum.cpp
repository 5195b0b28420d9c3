#include "world/offline_optimum.hpp"

#include <algorithm>
#include <array>

namespace splitsim {
namespace {

constexpr SimTime kNone = SimTime::min();

// What a choice leaves behind: when the processor is free, when the last transfer ended (its tail's start), when
// the last upload leaves the link, when the server ends the client's last job; kNone where the next arrival finds
// them free (or the tail run out).
struct Key {
  SimTime processor = kNone, radio = kNone, link = kNone, server = kNone;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const {
    auto u = [](SimTime t) { return static_cast<std::uint64_t>(t.ns()); };
    return static_cast<std::size_t>(mix64(u(k.processor) ^ mix64(u(k.radio) ^ mix64(u(k.link) ^ mix64(u(k.server))))));
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
        full_tail_j_(has_tail_ ? c.radio->full_tail_energy().value : 0.0) {}

  double full_tail_j() const { return full_tail_j_; }
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

  Outcome step(const Key& k, SimTime a, double draw, int split) const {
    const CutBook& b = *c_.book;
    Outcome o;
    o.next = k;
    SimTime e = a;
    if (split != 0 || b.mobile_ms(0) != 0) {
      const SimTime start = std::max(a, k.processor);
      const double ms = b.mobile_ms(split);
      o.next.processor = e = start + Duration::from_ms(c_.phone != nullptr && c_.phone->active() ? ms * c_.phone->slowdown(start) : ms);
    }
    o.own_j = b.mobile_j(split);
    if (split == b.local_only()) {
      o.latency_ms = (e - a).ms();
      return o;
    }
    SimTime ready = wake(k, e, o);
    if (k.link != kNone && ready < k.link) ready = k.link;  // approximate (wake says so): behind the last upload
    const double bits = static_cast<double>(b.upload_bytes(split)) * 8.0;
    const SimTime upload_end = upload_end_of(split, bits, ready);
    o.next.link = upload_end;
    o.own_j += transfer_j(bits, 0, upload_end - ready);
    SimTime server_start = upload_end;
    if (k.server != kNone && upload_end < k.server) {
      if (c_.workers == 1 && c_.max_batch == 1) {
        server_start = k.server;  // FIFO behind the client's previous job
      } else {
        o.approximate = true;
      }
    }
    const SimTime server_end = server_start + c_.server->service_time(b.server_ms(split, 1), server_start, draw);
    o.next.server = server_end;
    SimTime last_data = upload_end, done = server_end;
    if (c_.download) {
      SimTime dl_ready = server_end;
      if (c_.radio->tails) {  // its own tail since the upload, cut by the download's wake
        const Duration idle = has_tail_ ? server_end - upload_end : Duration::max();
        const RadioProfile::WakeCost cost = c_.radio->wake_cost_after(idle);
        dl_ready += cost.delay;
        o.own_j += cost.energy.value + (has_tail_ ? c_.radio->tail_energy(idle).value : 0.0);
      }
      done = last_data = dl_ready + *c_.download;
      o.own_j += transfer_j(0, c_.result_bits, *c_.download);
    }
    o.owns_tail = k.radio == kNone || last_data >= k.radio;
    o.next.radio = o.owns_tail ? last_data : k.radio;
    o.latency_ms = (done - a).ms();
    return o;
  }

 private:
  // When data may flow for a transfer wanting the radio at `e`, charging the promotion (or resume) to the query
  // and the tail it ends to that tail's owner.
  SimTime wake(const Key& k, SimTime e, Outcome& o) const {
    if (k.radio != kNone && e <= k.radio) {
      o.approximate = true;  // the last transfer has not ended: connected, and the link would be shared
      return e;
    }
    if (!c_.radio->tails) return e;
    const Duration idle = k.radio != kNone ? e - k.radio : Duration::max();
    const RadioProfile::WakeCost cost = c_.radio->wake_cost_after(idle);
    o.own_j += cost.energy.value;
    if (k.radio != kNone && has_tail_) o.earlier_tail_j = c_.radio->tail_energy(idle).value;
    return e + cost.delay;
  }

  // When the split's upload, alone on the link from `ready`, ends. Memoised per split: states that share a
  // processor time and a wake phase upload from the same instant.
  SimTime upload_end_of(int split, double bits, SimTime ready) const {
    Memo& m = memo_[static_cast<std::size_t>(split)];
    for (std::size_t i = 0; i < m.filled; ++i) {
      if (m.entries[i].first == ready) return m.entries[i].second;
    }
    const SimTime end = std::max(c_.uplink->completion_time(ready + c_.trace_offset, bits) - c_.trace_offset, ready);
    m.entries[m.next] = {ready, end};
    m.next = (m.next + 1) % m.entries.size();
    m.filled = std::max(m.filled, m.next == 0 ? m.entries.size() : m.next);
    return end;
  }

  // Huang's model for one transfer alone: alpha terms for its bits, beta for its duration (as Radio::data_end).
  double transfer_j(double up_bits, double down_bits, Duration d) const {
    const RadioProfile& r = *c_.radio;
    const double alpha_mj = r.alpha_mj(up_bits, down_bits);
    const double beta_mj = static_cast<double>(static_cast<long double>(r.beta_mw) * static_cast<long double>(d.seconds()));
    return (alpha_mj + beta_mj) * 1e-3;
  }

  struct Memo {
    std::array<std::pair<SimTime, SimTime>, 4> entries;  // (ready, end), round robin
    std::size_t next = 0, filled = 0;
  };

  const OptimumClient& c_;
  bool has_tail_;
  Duration tail_length_;
  double full_tail_j_;
  mutable std::vector<Memo> memo_ = std::vector<Memo>(static_cast<std::size_t>(c_.book->local_only() + 1));
};

struct Node {
  Key key;
  double latency_ms = 0, energy_j = 0;
};

bool better(Objective objective, double lat_a, double en_a, double lat_b, double en_b) {
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
  /// The slot holding `key`'s index into `nodes`, or the empty slot where it belongs.
  std::uint32_t& find(const Key& key, const std::vector<Node>& nodes) {
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

// Keeps the `cap` best nodes of a layer (and their back pointers). A node is ranked by what the run would cost
// were the rest of its queries run on the phone (a rollout of local-only): for energy, its cost so far plus its
// running tail in full (a state whose tail is still to be paid for is not cheaper than one that paid it). A layer's
// best rank never grows, since a node's local-only child ranks as it does, so the plan is never worse than the
// rollout of any node the beam kept; in particular never worse than local-only.
void prune(const Model& model, std::vector<Node>& nodes, std::vector<Back>& back, std::size_t cap, Objective objective) {
  std::vector<std::uint32_t> order(nodes.size());
  std::vector<double> energy(nodes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    energy[i] = nodes[i].energy_j + model.local_rollout_tail_j(nodes[i].key);
  }
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(cap), order.end(), [&](auto x, auto y) {
    return better(objective, nodes[x].latency_ms, energy[x], nodes[y].latency_ms, energy[y]);
  });
  order.resize(cap);
  std::sort(order.begin(), order.end());
  std::vector<Node> kept_nodes;
  std::vector<Back> kept_back;
  for (std::uint32_t i : order) kept_nodes.push_back(nodes[i]), kept_back.push_back(back[i]);
  nodes.swap(kept_nodes);
  back.swap(kept_back);
}

}  // namespace

OptimumPlan evaluate_plan(const OptimumClient& client, const ClientArrivals& arrivals, const std::vector<int>& splits) {
  const Model model(client);
  OptimumPlan plan;
  plan.splits = splits;
  plan.latency_ms.assign(splits.size(), 0.0);
  plan.energy_j.assign(splits.size(), 0.0);
  Key key;
  std::size_t owner = 0;  // the query whose transfer began the radio's running tail
  for (std::size_t i = 0; i < splits.size(); ++i) {
    double expired = 0;
    const Key seen = model.seen_at(key, arrivals.times[i], expired);
    plan.energy_j[owner] += expired;
    const Outcome o = model.step(seen, arrivals.times[i], arrivals.draws[i], splits[i]);
    plan.latency_ms[i] = o.latency_ms;
    plan.energy_j[i] += o.own_j;
    plan.energy_j[owner] += o.earlier_tail_j;
    if (o.owns_tail) owner = i;
    plan.contended += o.approximate ? 1 : 0;
    key = o.next;
  }
  if (key.radio != kNone && !splits.empty()) plan.energy_j[owner] += model.full_tail_j();
  for (std::size_t i = 0; i < splits.size(); ++i) plan.total_latency_ms += plan.latency_ms[i], plan.total_energy_j += plan.energy_j[i];
  plan.approximate = plan.contended;
  plan.peak_states = 1;
  return plan;
}

namespace {

// Every choice of query (a, draw) from every state of `layer`, into `next` keeping the best way to each state.
void expand(const Model& model, const std::vector<Node>& layer, SimTime a, double draw, int splits, Objective objective,
            KeyIndex& index, std::vector<Node>& next, std::vector<Back>& from, std::uint64_t& approximate) {
  next.clear();
  from.clear();
  index.reset(layer.size() * static_cast<std::size_t>(splits));
  for (std::uint32_t u = 0; u < layer.size(); ++u) {
    double expired = 0;
    const Key seen = model.seen_at(layer[u].key, a, expired);
    for (int s = 0; s < splits; ++s) {
      const Outcome o = model.step(seen, a, draw, s);
      approximate += o.approximate ? 1 : 0;
      const double lat = layer[u].latency_ms + o.latency_ms;
      const double en = layer[u].energy_j + expired + o.own_j + o.earlier_tail_j;
      std::uint32_t& slot = index.find(o.next, next);
      if (slot == KeyIndex::kEmpty) {
        slot = static_cast<std::uint32_t>(next.size());
        next.push_back({o.next, lat, en});
        from.push_back({u, s});
      } else if (better(objective, lat, en, next[slot].latency_ms, next[slot].energy_j)) {
        next[slot] = {o.next, lat, en};
        from[slot] = {u, s};
      }
    }
  }
}

}  // namespace

OptimumPlan offline_optimum(const OptimumClient& client, const ClientArrivals& arrivals, Objective objective) {
  const Model model(client);
  const int splits = client.book->local_only() + 1;
  std::vector<Node> layer{Node{}}, next;
  std::vector<std::vector<Back>> back;
  KeyIndex index;
  std::uint64_t approximate = 0;
  std::size_t peak = 1;
  bool capped = false;
  for (std::size_t i = 0; i < arrivals.times.size(); ++i) {
    std::vector<Back> from;
    expand(model, layer, arrivals.times[i], arrivals.draws[i], splits, objective, index, next, from, approximate);
    const std::size_t cap =
        approximate > 0 ? kApproximateStateCap
                        : std::clamp(kOptimumTransitions / static_cast<std::size_t>(splits), kApproximateStateCap, kOptimumStateCap);
    if (next.size() > cap) {
      prune(model, next, from, cap, objective);
      capped = true;
    }
    peak = std::max(peak, next.size());
    back.push_back(std::move(from));
    layer.swap(next);
  }
  // The last tails run to idle; the best final state, then its choices backwards.
  std::uint32_t best = 0;
  auto final_energy = [&](const Node& n) { return n.energy_j + (n.key.radio != kNone ? model.full_tail_j() : 0.0); };
  for (std::uint32_t u = 1; u < layer.size(); ++u) {
    if (better(objective, layer[u].latency_ms, final_energy(layer[u]), layer[best].latency_ms, final_energy(layer[best]))) best = u;
  }
  std::vector<int> chosen(arrivals.times.size());
  for (std::size_t i = chosen.size(); i-- > 0;) {
    chosen[i] = back[i][best].split;
    best = back[i][best].parent;
  }
  OptimumPlan plan = evaluate_plan(client, arrivals, chosen);
  plan.approximate = approximate;
  plan.peak_states = peak;
  plan.capped = capped;
  return plan;
}

}  // namespace splitsim

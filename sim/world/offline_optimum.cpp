#include "world/offline_optimum.hpp"

#include <algorithm>
#include <array>

#include "world/optimum_model.hpp"

namespace splitsim {
namespace {

using namespace optimum_detail;

// Keeps the `cap` best nodes of a layer (and their back pointers). For energy a node is ranked by what the run
// would cost were the rest of its queries run on the phone (a rollout of local-only): its energy so far plus its
// running tail in full (a state whose tail is still to be paid for is not cheaper than one that paid it). A layer's
// best rank never grows, since a node's local-only child ranks as it does, so the energy plan is never worse than
// the rollout of any node the beam kept; in particular never worse than local-only. For latency, by its latency so
// far (the backlog a state leaves is not counted: no such bound holds).
void prune(const Model& model, std::vector<Node>& nodes, std::vector<Back>& back, std::size_t cap, Objective objective,
           PruneScratch& scratch) {
  std::vector<std::uint32_t>& order = scratch.order;
  std::vector<double>& energy = scratch.rank;
  order.resize(nodes.size());
  energy.resize(nodes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    energy[i] = nodes[i].energy_j + model.local_rollout_tail_j(nodes[i].key);
  }
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(cap), order.end(), [&](auto x, auto y) {
    return better(objective, nodes[x].latency_ms, energy[x], nodes[y].latency_ms, energy[y]);
  });
  order.resize(cap);
  std::sort(order.begin(), order.end());
  // Kept in their order, in place (order[k] >= k): the layer's buffers keep their capacity for the next layer.
  for (std::size_t k = 0; k < cap; ++k) nodes[k] = nodes[order[k]], back[k] = back[order[k]];
  nodes.resize(cap);
  back.resize(cap);
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
void expand(const Model& model, const std::vector<Node>& layer, SimTime a, double draw, Objective objective, Expansion& expansion,
            std::vector<Node>& next, std::vector<Back>& from, std::uint64_t& approximate) {
  expand_layer(model, layer, a, draw, expansion, next, from, approximate,
               [&](std::uint32_t u, int s, double expired, const Outcome& o, std::uint32_t& slot) {
                 const double lat = layer[u].latency_ms + o.latency_ms;
                 const double en = layer[u].energy_j + expired + o.own_j + o.earlier_tail_j;
                 if (slot == KeyIndex::kEmpty) {
                   slot = static_cast<std::uint32_t>(next.size());
                   next.push_back({o.next, lat, en});
                   from.push_back({u, s});
                 } else if (better(objective, lat, en, next[slot].latency_ms, next[slot].energy_j)) {
                   next[slot] = {o.next, lat, en};
                   from[slot] = {u, s};
                 }
               });
}

}  // namespace

namespace optimum_detail {

std::size_t state_cap(std::uint64_t approximate, int splits) {
  return approximate > 0 ? kApproximateStateCap
                         : std::clamp(kOptimumTransitions / static_cast<std::size_t>(splits), kApproximateStateCap, kOptimumStateCap);
}

void admit(const Model& model, Search& s, std::vector<Node>& next, std::vector<Back>& from, Objective objective) {
  const std::size_t cap = state_cap(s.approximate, model.splits());
  if (next.size() > cap) {
    prune(model, next, from, cap, objective, s.scratch);
    s.capped = true;
  }
  s.peak = std::max(s.peak, next.size());
  s.back.emplace_back(from.begin(), from.end());  // a copy of its size: `from` keeps its buffer for the next layer
  s.layer.swap(next);
}

void continue_search(const Model& model, const ClientArrivals& arrivals, Objective objective, Search& s) {
  std::vector<Node> next;
  std::vector<Back> from;
  Expansion expansion;
  for (std::size_t i = s.back.size(); i < arrivals.times.size(); ++i) {
    expand(model, s.layer, arrivals.times[i], arrivals.draws[i], objective, expansion, next, from, s.approximate);
    admit(model, s, next, from, objective);
  }
}

OptimumPlan finish_search(const OptimumClient& client, const Model& model, const ClientArrivals& arrivals, Objective objective,
                          const Search& s) {
  // The last tails run to idle; the best final state, then its choices backwards.
  std::uint32_t best = 0;
  auto final_energy = [&](const Node& n) { return n.energy_j + (n.key.radio != kNone ? model.full_tail_j() : 0.0); };
  for (std::uint32_t u = 1; u < s.layer.size(); ++u) {
    if (better(objective, s.layer[u].latency_ms, final_energy(s.layer[u]), s.layer[best].latency_ms, final_energy(s.layer[best]))) best = u;
  }
  std::vector<int> chosen(arrivals.times.size());
  for (std::size_t i = chosen.size(); i-- > 0;) {
    chosen[i] = s.back[i][best].split;
    best = s.back[i][best].parent;
  }
  OptimumPlan plan = evaluate_plan(client, arrivals, chosen);
  plan.approximate = s.approximate;
  plan.peak_states = s.peak;
  plan.capped = s.capped;
  return plan;
}

}  // namespace optimum_detail

OptimumPlan offline_optimum(const OptimumClient& client, const ClientArrivals& arrivals, Objective objective) {
  const Model model(client);
  Search s;
  continue_search(model, arrivals, objective, s);
  return finish_search(client, model, arrivals, objective, s);
}

}  // namespace splitsim

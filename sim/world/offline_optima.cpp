// Both offline optima of one client in one pass (world/offline_optimum.hpp): the states a choice reaches do not
// depend on the objective, so while no layer needs pruning one search carries, for each state, the best way there
// under each objective (ties as offline_optimum breaks them) and computes each choice's outcome once. At the first
// layer that outgrows the cap the two searches part, each pruned by its own objective, and go on alone.
#include <utility>

#include "world/optimum_model.hpp"

namespace splitsim {
namespace {

using namespace optimum_detail;

constexpr Objective kObjectives[2] = {Objective::latency, Objective::energy};

struct PairNode {
  Key key;
  double latency_ms[2] = {0, 0}, energy_j[2] = {0, 0};  ///< the best way here under each objective
};
struct PairBack {
  Back by[2];
};

// Every choice of query (a, draw) from every state of `layer`, keeping each objective's best way to each state, in
// the order offline_optimum's expand visits them (so that states are numbered alike).
void expand_pair(const Model& model, const std::vector<PairNode>& layer, SimTime a, double draw, Expansion& expansion,
                 std::vector<PairNode>& next, std::vector<PairBack>& from, std::uint64_t& approximate) {
  expand_layer(model, layer, a, draw, expansion, next, from, approximate,
               [&](std::uint32_t u, int s, double expired, const Outcome& o, std::uint32_t& slot) {
                 const bool fresh = slot == KeyIndex::kEmpty;
                 if (fresh) {
                   slot = static_cast<std::uint32_t>(next.size());
                   next.push_back({o.next});
                   from.push_back({});
                 }
                 PairNode& n = next[slot];
                 for (int k = 0; k < 2; ++k) {
                   const double lat = layer[u].latency_ms[k] + o.latency_ms;
                   const double en = layer[u].energy_j[k] + expired + o.own_j + o.earlier_tail_j;
                   if (fresh || better(kObjectives[k], lat, en, n.latency_ms[k], n.energy_j[k])) {
                     n.latency_ms[k] = lat;
                     n.energy_j[k] = en;
                     from[slot].by[k] = {u, s};
                   }
                 }
               });
}

// Objective k's view of a joint layer.
std::vector<Node> nodes_of(const std::vector<PairNode>& layer, int k) {
  std::vector<Node> out;
  out.reserve(layer.size());
  for (const PairNode& n : layer) out.push_back({n.key, n.latency_ms[k], n.energy_j[k]});
  return out;
}
std::vector<Back> backs_of(const std::vector<PairBack>& from, int k) {
  std::vector<Back> out;
  out.reserve(from.size());
  for (const PairBack& b : from) out.push_back(b.by[k]);
  return out;
}

}  // namespace

std::pair<OptimumPlan, OptimumPlan> offline_optima(const OptimumClient& client, const ClientArrivals& arrivals) {
  const Model model(client);
  std::vector<PairNode> layer{PairNode{}}, next;
  std::vector<std::vector<PairBack>> back;
  Expansion expansion;
  std::uint64_t approximate = 0;
  std::size_t peak = 1, i = 0;
  std::vector<PairBack> from;
  for (; i < arrivals.times.size(); ++i) {
    expand_pair(model, layer, arrivals.times[i], arrivals.draws[i], expansion, next, from, approximate);
    if (next.size() > state_cap(approximate, model.splits())) {  // the searches part here
      Search apart[2];
      for (int k = 0; k < 2; ++k) {
        for (const auto& b : back) apart[k].back.push_back(backs_of(b, k));
        apart[k].approximate = approximate;
        apart[k].peak = peak;
        std::vector<Node> nodes = nodes_of(next, k);
        std::vector<Back> backs = backs_of(from, k);
        admit(model, apart[k], nodes, backs, kObjectives[k]);
        continue_search(model, arrivals, kObjectives[k], apart[k]);
      }
      return {finish_search(client, model, arrivals, Objective::latency, apart[0]),
              finish_search(client, model, arrivals, Objective::energy, apart[1])};
    }
    peak = std::max(peak, next.size());
    back.emplace_back(from.begin(), from.end());  // a copy of its size: `from` keeps its buffer for the next layer
    layer.swap(next);
  }
  Search together[2];
  for (int k = 0; k < 2; ++k) {
    for (const auto& b : back) together[k].back.push_back(backs_of(b, k));
    together[k].layer = nodes_of(layer, k);
    together[k].approximate = approximate;
    together[k].peak = peak;
  }
  return {finish_search(client, model, arrivals, Objective::latency, together[0]),
          finish_search(client, model, arrivals, Objective::energy, together[1])};
}

}  // namespace splitsim

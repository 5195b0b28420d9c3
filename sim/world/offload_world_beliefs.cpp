// What the policies believe and how far it is from the truth (docs/scenarios.md, "Truth and belief"): the
// believed costs at a decision (with the phone's measured load for `+phone`, corrected by observation for
// `+learn`), the split the same policy would choose on the true costs, and the observations `+learn` makes.
#include "world/offload_world.hpp"

namespace splitsim {

void OffloadWorld::prepare_beliefs() {
  adjusted_.resize(setup_.groups.size());
  truth_now_.resize(setup_.groups.size());
  learns_.assign(setup_.groups.size(), 0);
  for (std::size_t g = 0; g < setup_.groups.size(); ++g) {
    const GroupSetup& gs = setup_.groups[g];
    const Partitioner& p = gs.partitioners[replica_];
    if (p.adjusts_costs()) adjusted_[g] = gs.belief();
    if (gs.phone.active()) truth_now_[g] = gs.costs;
    learns_[g] = p.learns;
  }
}

const CostTable& OffloadWorld::believed_now(std::uint32_t client) {
  const Client& c = clients_[client];
  const GroupSetup& g = group_of(c);
  const Partitioner& p = g.partitioners[replica_];
  if (!p.adjusts_costs()) return g.belief();
  double mobile = p.knows_phone_load ? g.phone.load_slowdown(sim_.now()) : 1.0;
  if (p.learns) mobile *= c.mobile_correction;
  scale_times(g.belief(), mobile, p.learns ? c.server_correction : 1.0, adjusted_[c.group]);
  return adjusted_[c.group];
}

namespace {

// Algorithm 1's predictions of split `id` on the book's (true) costs, the phone's processor at `mobile_slowdown`.
struct Predicted {
  double ms, j;
};
Predicted predicted(const CutBook& book, int id, double mobile_slowdown, const Beliefs& b) {
  Predicted p{book.mobile_ms(id) * mobile_slowdown, book.mobile_j(id)};
  if (id == book.local_only()) return p;
  const double upload_s = static_cast<double>(book.upload_bytes(id)) * 8.0 / b.uplink_bps;
  p.ms += upload_s * 1e3 + book.server_ms(id, 1) * b.server_slowdown + b.server_wait_ms + b.download_ms;
  p.j += upload_s * b.upload_power_w;
  return p;
}

}  // namespace

// The split the policy would choose knowing the true costs (and the phone's true slowdown now), with the same
// beliefs about link and server; a policy that decides without beliefs already sees the truth.
void OffloadWorld::judge(std::uint32_t slot, int split, const DecisionView& view) {
  Query& q = slots_[slot];
  const Client& c = clients_[q.client];
  const GroupSetup& g = group_of(c);
  const PolicyTraits& policy = *g.partitioners[replica_].policy;
  q.truth_split = split;
  if (!policy.uses_beliefs) return;
  const double slowdown = g.phone.slowdown(sim_.now());
  const CostTable* truth = &g.costs;
  if (g.phone.active()) {
    scale_times(g.costs, slowdown, 1.0, truth_now_[c.group]);
    truth = &truth_now_[c.group];
  }
  DecisionView truth_view{*truth, view.book, view.beliefs, view.future, view.fixed_index, view.state, view.radio, view.slo_ms};
  q.truth_split = policy.decide(truth_view);
  if (q.truth_split == split) return;
  Predicted chosen = predicted(view.book, split, slowdown, view.beliefs);
  Predicted best = predicted(view.book, q.truth_split, slowdown, view.beliefs);
  q.mispredict_ms = chosen.ms - best.ms;
  q.mispredict_j = chosen.j - best.j;
}

// The phone times its prefix: observed over believed (at the load it measured, for `+phone`).
void OffloadWorld::learn_mobile(const Query& q) {
  Client& c = clients_[q.client];
  const GroupSetup& g = group_of(c);
  const CostTable& believed = g.belief();
  if (q.split >= believed.splits()) return;  // a min-cut cut that is no prefix: no believed time kept
  double ms = believed.mobile_prefix_ms[static_cast<std::size_t>(q.split)];
  if (g.partitioners[replica_].knows_phone_load) ms *= g.phone.load_slowdown(q.mobile_start);
  if (ms <= 0) return;
  const double w = g.spec.learning_weight;
  c.mobile_correction = (1 - w) * c.mobile_correction + w * (q.mobile_end - q.mobile_start).ms() / ms;
}

// The server reports its service time and its load with the result.
void OffloadWorld::learn_server(const Query& q) {
  Client& c = clients_[q.client];
  const GroupSetup& g = group_of(c);
  const CostTable& believed = g.belief();
  if (q.split >= believed.splits()) return;
  double ms = believed.server_suffix_ms[static_cast<std::size_t>(q.batch - 1)][static_cast<std::size_t>(q.split)] *
              server_.slowdown(q.server_start);
  if (ms <= 0) return;
  const double w = g.spec.learning_weight;
  c.server_correction = (1 - w) * c.server_correction + w * (q.server_end - q.server_start).ms() / ms;
}

}  // namespace splitsim

// The optimal cut of a DAG for the client's beliefs (min-cut over per-layer costs); on chains, Algorithm 1.
#include "partition/min_cut.hpp"
#include "partition/neurosurgeon.hpp"

namespace splitsim {
namespace {

struct MinCutState final : PolicyState {
  explicit MinCutState(const Network& net) : cut(net) {}
  MinCut cut;
  std::vector<double> mobile, server, transfer;  // per layer, refilled per decision (no allocation once warm)
  std::vector<char> on_mobile;
};

std::unique_ptr<PolicyState> make_min_cut_state(const Network& net) {
  if (net.is_chain()) return nullptr;  // Algorithm 1 gives the same answer
  return std::make_unique<MinCutState>(net);
}

// Min-cut over per-layer costs; then the server's waiting time and the download, which every offloading cut
// pays alike, decide against running locally.
int min_cut_split(const DecisionView& v, bool energy) {
  const CostTable& t = v.costs;
  const Beliefs& b = v.beliefs;
  auto& m = static_cast<MinCutState&>(*v.state);
  const std::size_t n = t.layer_mobile_ms.size();
  m.mobile.resize(n);
  m.server.resize(n);
  m.transfer.resize(n);
  const double per_byte = energy ? 8.0 / b.uplink_bps * b.upload_power_w : 8e3 / b.uplink_bps;
  for (std::size_t i = 0; i < n; ++i) {
    m.mobile[i] = energy ? t.layer_mobile_j[i] : t.layer_mobile_ms[i];
    m.server[i] = energy ? 0.0 : t.layer_server_ms[0][i] * b.server_slowdown;
    m.transfer[i] = static_cast<double>(t.layer_output_bytes[i]) * per_byte;
  }
  double cost = m.cut.solve(m.mobile, m.server, m.transfer, m.on_mobile);
  int id = v.book.id_of(m.on_mobile);
  // The phone's work outside the layers is paid by every cut alike: compare without it.
  if (!energy && id != t.local_only() &&
      cost + b.server_wait_ms + b.download_ms >= t.mobile_prefix_ms.back() - t.phone_work_ms) {
    return t.local_only();
  }
  return id;
}

}  // namespace

extern const PolicyTraits kMinCutLatency{
    .name = "mincut-latency",
    .description = "on DAG networks, the optimal cut over every predecessor-closed set of layers (several tensors may "
                   "be uploaded), by min-cut ([networks.md](networks.md)); on chains, Algorithm 1 (the same answer)",
    .optimises = "predicted latency, over every cut of the graph",
    .objective = Objective::latency,
    .uses_beliefs = true,
    .decide = [](const DecisionView& v) { return v.state ? min_cut_split(v, false) : decide_latency(v.costs, v.beliefs); },
    .make_state = make_min_cut_state,
};

extern const PolicyTraits kMinCutEnergy{
    .name = "mincut-energy",
    .description = "as `mincut-latency`, for the energy target of `neurosurgeon-energy`",
    .optimises = "predicted compute + upload energy, over every cut; promotions and tails are outside it",
    .objective = Objective::energy,
    .needs_power_model = true,
    .uses_beliefs = true,
    .decide = [](const DecisionView& v) { return v.state ? min_cut_split(v, true) : decide_energy(v.costs, v.beliefs); },
    .make_state = make_min_cut_state,
};

}  // namespace splitsim

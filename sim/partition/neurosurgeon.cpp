// Neurosurgeon's Algorithm 1 (Kang et al., ASPLOS 2017), latency and energy targets, on the client's beliefs.
#include "partition/neurosurgeon.hpp"

namespace splitsim {

int decide_latency(const CostTable& t, const Beliefs& b) {
  const int n = t.splits();
  const std::vector<double>& server = t.server_suffix_ms[0];
  const double ms_per_byte = 8e3 / b.uplink_bps;
  const double remote_extra = b.server_wait_ms + b.download_ms;
  int best = n - 1;
  double best_ms = t.mobile_prefix_ms[static_cast<std::size_t>(n - 1)];
  for (int j = 0; j < n - 1; ++j) {
    auto k = static_cast<std::size_t>(j);
    double ms = t.mobile_prefix_ms[k] + static_cast<double>(t.upload_bytes[k]) * ms_per_byte +
                server[k] * b.server_slowdown + remote_extra;
    if (ms < best_ms || (ms == best_ms && j < best)) {
      best_ms = ms;
      best = j;
    }
  }
  return best;
}

int decide_energy(const CostTable& t, const Beliefs& b) {
  const int n = t.splits();
  const double joules_per_byte = 8.0 / b.uplink_bps * b.upload_power_w;
  int best = n - 1;
  double best_j = t.mobile_prefix_energy_j[static_cast<std::size_t>(n - 1)];
  for (int j = 0; j < n - 1; ++j) {
    auto k = static_cast<std::size_t>(j);
    double e = t.mobile_prefix_energy_j[k] + static_cast<double>(t.upload_bytes[k]) * joules_per_byte;
    if (e < best_j || (e == best_j && j < best)) {
      best_j = e;
      best = j;
    }
  }
  return best;
}

extern const PolicyTraits kNeurosurgeonLatency{
    .name = "neurosurgeon-latency",
    .description = "Algorithm 1, latency target: argmin over splits of mobile prefix + upload / estimated bandwidth + "
                   "server suffix × probed slowdown (+ probed backlog and the download when anything is sent); "
                   "O(layers) per query",
    .optimises = "predicted latency: mobile prefix + upload at the estimated bandwidth + server suffix at the probed load",
    .objective = Objective::latency,
    .uses_beliefs = true,
    .decide = [](const DecisionView& v) { return decide_latency(v.costs, v.beliefs); },
};

extern const PolicyTraits kNeurosurgeonEnergy{
    .name = "neurosurgeon-energy",
    .description = "Algorithm 1, energy target: argmin of mobile compute energy + upload time × Huang upload power at "
                   "the estimated bandwidth",
    .optimises = "predicted compute + upload energy; promotions and tails are outside it",
    .objective = Objective::energy,
    .needs_power_model = true,
    .uses_beliefs = true,
    .decide = [](const DecisionView& v) { return decide_energy(v.costs, v.beliefs); },
};

}  // namespace splitsim

#include "partition/partitioner.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace splitsim {

Partitioner parse_partitioner(const std::string& name, const Network& net) {
  Partitioner p;
  p.name = name;
  if (name == "cloud-only") {
    p.kind = PartitionerKind::cloud_only;
  } else if (name == "local-only") {
    p.kind = PartitionerKind::local_only;
  } else if (name == "neurosurgeon-latency") {
    p.kind = PartitionerKind::neurosurgeon_latency;
  } else if (name == "neurosurgeon-energy") {
    p.kind = PartitionerKind::neurosurgeon_energy;
  } else if (name == "mincut-latency") {
    p.kind = PartitionerKind::min_cut_latency;
  } else if (name == "mincut-energy") {
    p.kind = PartitionerKind::min_cut_energy;
  } else if (name == "oracle") {
    p.kind = PartitionerKind::oracle;
  } else if (name.starts_with("fixed:")) {
    p.kind = PartitionerKind::fixed;
    std::string layer = name.substr(6);
    p.fixed_index = net.find(layer);
    if (p.fixed_index < 0) throw std::invalid_argument(fmt::format("network {} has no layer \"{}\"", net.abbrev, layer));
  } else {
    throw std::invalid_argument(fmt::format(
        "unknown partitioner \"{}\" (expected cloud-only, local-only, neurosurgeon-latency, neurosurgeon-energy, "
        "mincut-latency, mincut-energy, oracle or fixed:<layer>)",
        name));
  }
  return p;
}

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

}  // namespace splitsim

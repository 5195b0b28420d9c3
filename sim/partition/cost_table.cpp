#include "partition/cost_table.hpp"

#include <algorithm>

#include "network/network_loader.hpp"

namespace splitsim {

std::vector<std::int64_t> crossing_bytes(const Network& net) {
  const std::size_t n = net.layers.size();
  std::vector<std::size_t> last_consumer(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (int p : net.layers[i].inputs) last_consumer[static_cast<std::size_t>(p)] = std::max(last_consumer[static_cast<std::size_t>(p)], i);
  }
  // A layer's output crosses cut j for producer <= j < last consumer: add at the producer, drop at the consumer.
  std::vector<std::int64_t> drop(n + 1, 0);
  std::vector<std::int64_t> out(n, 0);
  std::int64_t live = 0;
  for (std::size_t j = 0; j < n; ++j) {
    live -= drop[j];
    if (last_consumer[j] > j) {
      live += net.layers[j].output_bytes;
      drop[last_consumer[j]] += net.layers[j].output_bytes;
    }
    out[j] = live;
  }
  out[n - 1] = 0;  // everything local: nothing to send
  return out;
}

CostTable build_cost_table(const Network& net, const Platform& mobile, const Platform& server, int max_batch,
                           std::optional<PowerForm> power) {
  CostTable t;
  const std::size_t n = net.layers.size();
  NetworkPrediction m = predict_network(net, mobile, power);
  t.has_mobile_power = !std::isnan(m.layers[0].power_w);
  t.warnings.merge(m.warnings);
  for (const auto& l : net.layers) t.layer_names.push_back(l.name);
  t.mobile_prefix_ms.assign(n, 0.0);
  t.mobile_prefix_energy_j.assign(n, 0.0);
  t.layer_mobile_ms.assign(n, 0.0);
  t.layer_mobile_j.assign(n, 0.0);
  for (std::size_t j = 1; j < n; ++j) {
    t.layer_mobile_ms[j] = m.layers[j].latency_ms;
    t.layer_mobile_j[j] = t.has_mobile_power ? m.layers[j].latency_ms * 1e-3 * m.layers[j].power_w : 0.0;
    t.mobile_prefix_ms[j] = t.mobile_prefix_ms[j - 1] + t.layer_mobile_ms[j];
    t.mobile_prefix_energy_j[j] = t.mobile_prefix_energy_j[j - 1] + t.layer_mobile_j[j];
  }
  for (int b = 1; b <= max_batch; ++b) {
    Network batched = net;
    if (b > 1) set_batch(batched, net.batch * b);
    NetworkPrediction s = predict_network(batched, server, std::nullopt);
    t.warnings.merge(s.warnings);
    std::vector<double> suffix(n, 0.0), per_layer(n, 0.0);
    for (std::size_t j = n - 1; j-- > 0;) suffix[j] = suffix[j + 1] + s.layers[j + 1].latency_ms;
    for (std::size_t j = 1; j < n; ++j) per_layer[j] = s.layers[j].latency_ms;
    t.server_suffix_ms.push_back(std::move(suffix));
    t.layer_server_ms.push_back(std::move(per_layer));
  }
  t.upload_bytes = crossing_bytes(net);
  for (const auto& l : net.layers) t.layer_output_bytes.push_back(l.output_bytes);
  t.result_bytes = net.layers.back().output_bytes;
  return t;
}

void scale_layers(CostTable& t, const std::vector<double>& mobile, const std::vector<double>& server) {
  const std::size_t n = t.layer_mobile_ms.size();
  for (std::size_t j = 1; j < n; ++j) {
    t.layer_mobile_ms[j] *= mobile[j];
    t.layer_mobile_j[j] *= mobile[j];
    t.mobile_prefix_ms[j] = t.mobile_prefix_ms[j - 1] + t.layer_mobile_ms[j];
    t.mobile_prefix_energy_j[j] = t.mobile_prefix_energy_j[j - 1] + t.layer_mobile_j[j];
  }
  for (std::size_t b = 0; b < t.layer_server_ms.size(); ++b) {
    std::vector<double>& layer = t.layer_server_ms[b];
    std::vector<double>& suffix = t.server_suffix_ms[b];
    for (std::size_t j = 1; j < n; ++j) layer[j] *= server[j];
    for (std::size_t j = n - 1; j-- > 0;) suffix[j] = suffix[j + 1] + layer[j + 1];
  }
}

void scale_times(const CostTable& base, double mobile, double server, CostTable& out) {
  for (std::size_t j = 0; j < base.mobile_prefix_ms.size(); ++j) {
    out.mobile_prefix_ms[j] = base.mobile_prefix_ms[j] * mobile;
    out.layer_mobile_ms[j] = base.layer_mobile_ms[j] * mobile;
  }
  for (std::size_t b = 0; b < base.server_suffix_ms.size(); ++b) {
    for (std::size_t j = 0; j < base.server_suffix_ms[b].size(); ++j) {
      out.server_suffix_ms[b][j] = base.server_suffix_ms[b][j] * server;
      out.layer_server_ms[b][j] = base.layer_server_ms[b][j] * server;
    }
  }
}

void add_phone_work(CostTable& t, double ms, double power_w) {
  t.phone_work_ms = ms;
  for (std::size_t j = 0; j < t.mobile_prefix_ms.size(); ++j) {
    t.mobile_prefix_ms[j] += ms;
    t.mobile_prefix_energy_j[j] += t.has_mobile_power ? ms * 1e-3 * power_w : 0.0;
  }
}

}  // namespace splitsim

#include <catch2/catch.hpp>

#include <random>

#include "calib/platform.hpp"
#include "partition/cost_table.hpp"
#include "partition/min_cut.hpp"
#include "partition/neurosurgeon.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"

using namespace splitsim;

namespace {

// A random DAG over vector layers: each layer reads one to three earlier layers (an add when it reads
// several, all vectors of the same size).
Network random_dag(std::mt19937& rng, int layers) {
  Json doc{{"name", "random"}, {"input", {{"shape", {16}}}}, {"layers", Json::array()}};
  std::vector<std::string> names{"input"};
  for (int i = 1; i < layers; ++i) {
    std::string name = "l" + std::to_string(i);
    int readers = std::uniform_int_distribution<int>(1, std::min(3, i))(rng);
    std::vector<std::string> inputs;
    std::vector<int> pool(static_cast<std::size_t>(i));
    for (int k = 0; k < i; ++k) pool[static_cast<std::size_t>(k)] = k;
    std::shuffle(pool.begin(), pool.end(), rng);
    for (int k = 0; k < readers; ++k) inputs.push_back(names[static_cast<std::size_t>(pool[static_cast<std::size_t>(k)])]);
    Json layer{{"name", name}, {"type", readers == 1 ? "relu" : "add"}, {"inputs", inputs}};
    doc["layers"].push_back(layer);
    names.push_back(name);
  }
  return parse_network(doc, "random");
}

// The exhaustive answer: every set that holds the input and is closed under predecessors.
double exhaustive(const Network& net, const std::vector<double>& m, const std::vector<double>& s,
                  const std::vector<double>& t) {
  const std::size_t n = net.layers.size();
  double best = 1e300;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (!(mask & 1u)) continue;
    bool closed = true;
    for (std::size_t v = 0; v < n && closed; ++v) {
      if (!(mask >> v & 1u)) continue;
      for (int p : net.layers[v].inputs) closed = closed && (mask >> p & 1u);
    }
    if (!closed) continue;
    std::vector<char> on(n);
    for (std::size_t v = 0; v < n; ++v) on[v] = (mask >> v) & 1u;
    best = std::min(best, MinCut::cost_of(net, on, m, s, t));
  }
  return best;
}

bool closed_under_predecessors(const Network& net, const std::vector<char>& on) {
  for (std::size_t v = 0; v < net.layers.size(); ++v) {
    if (!on[v]) continue;
    for (int p : net.layers[v].inputs) {
      if (!on[static_cast<std::size_t>(p)]) return false;
    }
  }
  return on[0] != 0;
}

}  // namespace

TEST_CASE("min_cut: equals exhaustive search over predecessor-closed sets on random DAGs") {
  std::mt19937 rng(2026);
  std::uniform_real_distribution<double> cost(0.0, 10.0);
  for (int trial = 0; trial < 400; ++trial) {
    int layers = std::uniform_int_distribution<int>(2, 13)(rng);
    Network net = random_dag(rng, layers);
    std::vector<double> m(net.layers.size()), s(net.layers.size()), t(net.layers.size());
    for (std::size_t v = 0; v < m.size(); ++v) {
      m[v] = v == 0 ? 0 : cost(rng);
      s[v] = cost(rng);
      t[v] = cost(rng) * (trial % 3 == 0 ? 0.1 : 1.0);  // some cheap links, where offloading wins
    }
    MinCut cut(net);
    std::vector<char> on;
    double c = cut.solve(m, s, t, on);
    INFO("trial " << trial << ", " << layers << " layers");
    REQUIRE(closed_under_predecessors(net, on));
    CHECK(c == Approx(MinCut::cost_of(net, on, m, s, t)).epsilon(1e-9));
    CHECK(c == Approx(exhaustive(net, m, s, t)).epsilon(1e-9));
  }
}

TEST_CASE("min_cut: on chains it gives Neurosurgeon's answer") {
  Platform mobile = load_platform("jetson-cpu");
  Platform server = load_platform("server-gpu");
  for (std::string name : {"imc", "vgg", "face", "asr"}) {
    Network net = load_network(name);
    CostTable table = build_cost_table(net, mobile, server, 1, std::nullopt);
    NetworkPrediction pm = predict_network(net, mobile), ps = predict_network(net, server);
    MinCut cut(net);
    for (double mbps : {0.5, 1.44, 5.5, 12.44, 50.0, 500.0}) {
      INFO(name << " at " << mbps << " Mbps");
      std::vector<double> m, s, t;
      for (std::size_t v = 0; v < net.layers.size(); ++v) {
        m.push_back(pm.layers[v].latency_ms);
        s.push_back(ps.layers[v].latency_ms);
        t.push_back(static_cast<double>(net.layers[v].output_bytes) * 8e3 / (mbps * 1e6));
      }
      std::vector<char> on;
      double c = cut.solve(m, s, t, on);
      Beliefs b;
      b.uplink_bps = mbps * 1e6;
      int j = decide_latency(table, b);
      double ns = table.mobile_prefix_ms[static_cast<std::size_t>(j)] +
                  (j == table.local_only() ? 0.0
                                           : static_cast<double>(table.upload_bytes[static_cast<std::size_t>(j)]) * 8e3 /
                                                     (mbps * 1e6) + table.server_suffix_ms[0][static_cast<std::size_t>(j)]);
      CHECK(c == Approx(ns).epsilon(1e-9));
    }
  }
}

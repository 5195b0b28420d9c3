// splitsim-microbench: per-decision costs measured in a tight loop (reported by scripts/bench, never a test).
//   decision   Neurosurgeon's latency and energy decisions on the largest shipped network and a 50-layer chain
//   min-cut    the optimal DAG cut (DADS min-cut) of the shipped DAG networks

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "calib/platform.hpp"
#include "partition/cost_table.hpp"
#include "partition/min_cut.hpp"
#include "partition/neurosurgeon.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"

namespace {

using namespace splitsim;

template <class F>
double ns_per_call(F&& f, int calls) {
  volatile int sink = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) sink = sink + f(i);
  double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
  return ns / calls;
}

void bench_decisions(const std::string& label, const Network& net, const Platform& mobile, const Platform& server) {
  CostTable t = build_cost_table(net, mobile, server, 1, std::nullopt);
  Beliefs b;
  b.upload_power_w = 3.7;
  const int calls = 2'000'000;
  // The bandwidth changes every call, as an estimator's would.
  double lat = ns_per_call([&](int i) { b.uplink_bps = 1e6 + (i & 1023) * 1e4; return decide_latency(t, b); }, calls);
  double en = ns_per_call([&](int i) { b.uplink_bps = 1e6 + (i & 1023) * 1e4; return decide_energy(t, b); }, calls);
  fmt::print("decision {} ({} layers): latency objective {:.1f} ns, energy objective {:.1f} ns\n", label,
             net.layers.size() - 1, lat, en);
}

void bench_min_cut(const std::string& name, const Platform& mobile, const Platform& server) {
  Network net = load_network(name);
  CostTable t = build_cost_table(net, mobile, server, 1, std::nullopt);
  MinCut cut(net);
  std::vector<double> m = t.layer_mobile_ms, s = t.layer_server_ms[0], tr(net.layers.size());
  std::vector<char> on;
  const int calls = 20'000;
  double ns = ns_per_call(
      [&](int i) {
        // A bandwidth that changes every call, between 1 and 100 Mbps, so that the cut moves.
        double per_byte_ms = 8e3 / (1e6 * (1.0 + (i % 100)));
        for (std::size_t v = 0; v < tr.size(); ++v) tr[v] = static_cast<double>(t.layer_output_bytes[v]) * per_byte_ms;
        cut.solve(m, s, tr, on);
        return static_cast<int>(on[1]);
      },
      calls);
  fmt::print("min-cut decision {} ({} layers, {}): {:.1f} us\n", name, net.layers.size() - 1,
             net.is_chain() ? "chain" : "DAG", ns * 1e-3);
}

}  // namespace

int main() {
  Platform mobile = load_platform("jetson-cpu");
  Platform server = load_platform("server-gpu");
  Network vgg = load_network("vgg");
  bench_decisions("VGG", vgg, mobile, server);
  // A 50-layer chain of fc layers.
  Json doc{{"name", "chain50"}, {"input", {{"shape", {1024}}}}, {"layers", Json::array()}};
  for (int i = 0; i < 50; ++i) doc["layers"].push_back({{"name", fmt::format("fc{}", i)}, {"type", "fc"}, {"num_output", 1024}});
  bench_decisions("50-layer chain", parse_network(doc, "chain50"), mobile, server);
  for (const char* dag : {"googlenet", "resnet18", "mobilenet_v2"}) bench_min_cut(dag, mobile, server);
  return 0;
}

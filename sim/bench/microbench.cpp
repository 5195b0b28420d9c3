// splitsim-microbench: per-decision costs measured in a tight loop (reported by scripts/bench, never a test).
//   decision   Neurosurgeon's latency and energy decisions on the largest shipped network and a 50-layer chain

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "calib/platform.hpp"
#include "model/cost_table.hpp"
#include "model/partitioner.hpp"
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
  return 0;
}

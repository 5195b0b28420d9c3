// Truth apart from belief, a loaded phone and costs learnt online (docs/scenarios.md): hand-computed costs of a
// wrong choice, the +learn correction query by query after a step in the phone's speed, byte-identical outputs
// when the phone is idle and the belief true.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "world/belief.hpp"
#include "world/offload_world.hpp"
#include "query_collector.hpp"
#include "test_paths.hpp"

using namespace splitsim;

namespace {

using test::Collector;

std::string unit(const std::string& name) { return test::unit_data(name); }

std::vector<QueryRecord> run_replica(const ExperimentSetup& setup, std::size_t r) {
  Collector c;
  OffloadWorld world(setup, r, {&c});
  world.run();
  std::vector<QueryRecord> out;
  for (const auto& [id, rec] : c.records) out.push_back(rec);
  return out;
}

// tiny.json's costs (tests/data/unit): fc1 1 ms on the phone, fc2 0.01 ms; the server 0.1 ms and 0.001 ms; the
// input 4,000 bytes, fc1's output 2,000, the result 40, on 8 Mbps links (1 byte per microsecond).
constexpr double kLocalMs = 1.01, kCloudMs = 4.0 + 0.101 + 0.04;

}  // namespace

TEST_CASE("belief: a mobile believed 5x slower sends the input, and the choice costs what the hand computes") {
  ExperimentSetup setup = build_experiment(load_scenario(unit("believed.json")));
  REQUIRE(setup.groups[0].believed.has_value());
  REQUIRE(setup.groups[0].tracks_truth);
  std::vector<QueryRecord> ns = run_replica(setup, 0);
  REQUIRE(ns.size() == 1);
  // Believed: locally 5.05 ms, the input sent 4.141 ms: the input. The truth: locally 1.01 ms.
  CHECK(ns[0].split_index == 0);
  CHECK(ns[0].truth_split == 2);
  CHECK(ns[0].mispredict_ms == Approx(kCloudMs - kLocalMs));
  // Energy: the upload at Wi-Fi's power for 8 Mbps (283.17 mW/Mbps x 8 + 132.86 mW) for 4 ms, against 2 W x 1.01 ms.
  CHECK(ns[0].mispredict_j == Approx((283.17 * 8 + 132.86) * 1e-3 * 0.004 - 2.0 * kLocalMs * 1e-3));
  CHECK((ns[0].done - ns[0].arrival).ms() == Approx(kCloudMs));  // what the simulation charges is the truth
  std::vector<QueryRecord> local = run_replica(setup, 1);  // decides without beliefs: never wrong
  CHECK(local[0].truth_split == local[0].split_index);
  CHECK(local[0].mispredict_ms == 0);
}

TEST_CASE("belief: +learn reaches the truth's split the documented number of queries after the phone slows") {
  ExperimentSetup setup = build_experiment(load_scenario(unit("throttle.json")));
  std::vector<QueryRecord> fixed = run_replica(setup, 0), learning = run_replica(setup, 1);
  REQUIRE(fixed.size() == 20);
  REQUIRE(learning.size() == 20);
  // After the step at 10 s the phone takes 10x longer: the truth sends the input (4.141 ms against 10.1 ms).
  for (int k = 0; k < 20; ++k) CHECK(fixed[static_cast<std::size_t>(k)].truth_split == (k < 10 ? 2 : 0));
  for (const QueryRecord& r : fixed) CHECK(r.split_index == 2);  // the static belief never moves
  // The correction c <- (1 - w) c + w s after each throttled query reaches the break-even ratio r* = 4.141 / 1.01
  // after n = ceil(ln(1 - (r* - 1) / (s - 1)) / ln(1 - w)) observations (docs/scenarios.md).
  const double w = 0.25, s = 10, r_star = kCloudMs / kLocalMs;
  const int n = static_cast<int>(std::ceil(std::log(1 - (r_star - 1) / (s - 1)) / std::log(1 - w)));
  CHECK(n == 2);
  for (int k = 0; k < 20; ++k) {
    INFO("query " << k);
    CHECK(learning[static_cast<std::size_t>(k)].split_index == (k < 10 + n ? 2 : 0));
  }
  CHECK(learning[11].mispredict_ms == Approx(10 * kLocalMs - kCloudMs));  // the one wrong choice left after the step
}

TEST_CASE("phone: a loaded phone's processor takes 1/(1 - load) longer, and +phone knows it") {
  Scenario s = load_scenario(unit("tiny.json"), {"clients.0.phone.load_level=0.5", "partitioners=[\"local-only\"]"});
  ExperimentSetup setup = build_experiment(s);
  std::vector<QueryRecord> r = run_replica(setup, 0);
  CHECK((r[0].done - r[0].arrival).ns() == 2'020'000);
  CHECK(r[0].mobile_energy_j == Approx(2.0 * kLocalMs * 1e-3));  // the other apps' time is theirs
  // At 80 % load the phone takes 5.05 ms: the truth sends the input; only +phone knows.
  Scenario loaded = load_scenario(unit("believed.json"), {"clients.0.belief=null", "clients.0.phone.load_level=0.8",
                                                          "partitioners=[\"neurosurgeon-latency\", \"neurosurgeon-latency+phone\"]"});
  ExperimentSetup x = build_experiment(loaded);
  CHECK(run_replica(x, 0)[0].split_index == 2);
  CHECK(run_replica(x, 0)[0].truth_split == 0);
  CHECK(run_replica(x, 1)[0].split_index == 0);
  CHECK(run_replica(x, 1)[0].mispredict_ms == 0);
}

TEST_CASE("belief: an idle phone and a true belief change nothing") {
  ExperimentSetup plain = build_experiment(load_scenario(unit("tiny.json")));
  ExperimentSetup same = build_experiment(load_scenario(
      unit("tiny.json"), {"clients.0.phone.load_level=0", "clients.0.belief.error=1", "server.belief.random_sigma=0"}));
  CHECK(!same.groups[0].tracks_truth);
  CHECK(!same.groups[0].believed.has_value());
  for (std::size_t p = 0; p < plain.scenario.partitioners.size(); ++p) {
    std::vector<QueryRecord> a = run_replica(plain, p), b = run_replica(same, p);
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      CHECK(a[k].done.ns() == b[k].done.ns());
      CHECK(a[k].split_index == b[k].split_index);
      CHECK(b[k].truth_split == -1);
    }
  }
}

TEST_CASE("belief: error factors by layer type and at random, drawn once from the seed") {
  Network net = build_experiment(load_scenario(unit("tiny.json"))).groups[0].network;
  BeliefSpec b;
  b.error = 2;
  b.layer_error["fc"] = 3;
  std::vector<double> f = belief_factors(b, net, 0);
  for (std::size_t v = 0; v < f.size(); ++v) CHECK(f[v] == (net.layers[v].type == LayerType::fc ? 6.0 : 2.0));
  b.random_sigma = 0.5;
  std::vector<double> r1 = belief_factors(b, net, 0), r2 = belief_factors(b, net, 0), r3 = belief_factors(b, net, 1);
  CHECK(r1 == r2);
  CHECK(r1 != r3);
  for (std::size_t v = 0; v < f.size(); ++v) CHECK(r1[v] != f[v]);
}

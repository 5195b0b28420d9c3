// The offload model end to end: exact times by hand, queueing theory, the oracle's bound, determinism.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "run/experiment.hpp"
#include "world/offload_world.hpp"
#include "query_collector.hpp"
#include "test_paths.hpp"

using namespace splitsim;

namespace {

using test::Collector;

std::string unit(const std::string& name) { return test::unit_data(name); }

std::vector<std::map<std::uint64_t, QueryRecord>> run_all(const ExperimentSetup& setup) {
  std::vector<std::map<std::uint64_t, QueryRecord>> out;
  for (std::size_t r = 0; r < setup.scenario.partitioners.size(); ++r) {
    Collector c;
    OffloadWorld world(setup, r, {&c});
    world.run();
    out.push_back(c.records);
  }
  return out;
}

// Erlang C: probability that an arrival waits, for c servers at offered load a = lambda / mu.
double erlang_c(int c, double a) {
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  double last = term * a / c;  // a^c / c!
  double rho = a / c;
  return last / (1 - rho) / (sum + last / (1 - rho));
}

}  // namespace

TEST_CASE("offload_world: a single query ends at the nanosecond computed by hand") {
  // tiny network: input 4,000 bytes; fc1 1 ms on the mobile, 0.1 ms on the server, output 2,000 bytes; fc2
  // 0.01 ms / 0.001 ms, output 40 bytes. Link and downlink 8 Mbps (1 byte per microsecond).
  ExperimentSetup setup = build_experiment(load_scenario(unit("tiny.json")));
  auto results = run_all(setup);
  const std::int64_t t0 = 500'000'000;
  SECTION("cloud-only: upload 4,000 B (4 ms), server 0.101 ms, download 40 B (40 us)") {
    REQUIRE(results[0].size() == 1);
    const QueryRecord& r = results[0].begin()->second;
    CHECK(r.upload_end.ns() == t0 + 4'000'000);
    CHECK(r.server_end.ns() == t0 + 4'000'000 + 101'000);
    CHECK(r.done.ns() == t0 + 4'000'000 + 101'000 + 40'000);
    CHECK(r.radio_energy_j == Approx((283.17 * 8 + 132.86) * 1e-3 * 0.004 + (137.01 * 8 + 132.86) * 1e-3 * 0.00004));
  }
  SECTION("local-only: 1.01 ms on the mobile, nothing sent") {
    const QueryRecord& r = results[1].begin()->second;
    CHECK(r.done.ns() == t0 + 1'010'000);
    CHECK(r.local);
    CHECK(r.mobile_energy_j == Approx(2.0 * 0.00101));
    CHECK(r.radio_energy_j == 0);
    CHECK(r.promotion_energy_j == 0);
  }
  SECTION("split after fc1: 1 ms, upload 2,000 B (2 ms), server 1 us, download 40 us") {
    const QueryRecord& r = results[2].begin()->second;
    CHECK(r.mobile_end.ns() == t0 + 1'000'000);
    CHECK(r.upload_end.ns() == t0 + 3'000'000);
    CHECK(r.done.ns() == t0 + 3'000'000 + 1'000 + 40'000);
    CHECK(r.upload_bytes == 2000);
  }
}

TEST_CASE("offload_world: an M/M/2 server matches Erlang C's mean wait within 2 %") {
  ExperimentSetup setup = build_experiment(load_scenario(unit("mmc.json")));
  RunResult result = run_experiment(setup, {});
  const ReplicaResult& rr = result.replicas[0];
  const double lambda = 140.0, mean_service_s = 0.010;
  const int c = 2;
  double a = lambda * mean_service_s;
  double wq_ms = 1e3 * erlang_c(c, a) / (c / mean_service_s - lambda);
  INFO("queries " << rr.stats.count() << ", Erlang C wait " << wq_ms << " ms");
  REQUIRE(rr.stats.count() > 250'000);
  double measured = result.summary["partitioners"]["cloud-only"]["breakdown_ms"]["queue"].get<double>();
  CHECK(measured == Approx(wq_ms).epsilon(0.02));
  CHECK(rr.server_utilisation == Approx(0.7).epsilon(0.02));
}

TEST_CASE("offload_world: the oracle is never slower than another partitioner on the same query") {
  // One client over the shipped LTE trace, queries far enough apart that no state carries over, no tails.
  Scenario s = load_scenario(unit("tiny.json"),
                             {"horizon_s=600", "clients.0.network=\"imc\"", "clients.0.mobile_platform=\"jetson-cpu\"",
                              "clients.0.uplink.trace=\"lte\"", "clients.0.radio=\"lte\"", "clients.0.arrival.period_s=15",
                              "server.platform=\"server-gpu\"", "server.load_level=0.4",
                              R"(partitioners=["greedy-oracle","cloud-only","local-only","neurosurgeon-latency","fixed:pool5","fixed:conv1"])"});
  ExperimentSetup setup = build_experiment(s);
  auto results = run_all(setup);
  REQUIRE(results[0].size() == 40);
  int strictly_better = 0;
  for (const auto& [id, oracle] : results[0]) {
    Duration best = oracle.done - oracle.arrival;
    for (std::size_t p = 1; p < results.size(); ++p) {
      const QueryRecord& other = results[p].at(id);
      INFO("query " << id << " partitioner " << s.partitioners[p]);
      CHECK(best <= other.done - other.arrival);
      if (best < other.done - other.arrival && p == 3) ++strictly_better;
    }
  }
  CHECK(strictly_better > 0);  // the varying link makes Neurosurgeon's estimate wrong sometimes
}

TEST_CASE("offload_world: replicas see the same arrivals") {
  ExperimentSetup setup = build_experiment(load_scenario(
      unit("tiny.json"), {"horizon_s=50", "clients.0.count=5", R"(clients.0.arrival={"process":"poisson","rate_per_s":2})"}));
  auto results = run_all(setup);
  REQUIRE(results[0].size() > 300);
  for (std::size_t p = 1; p < results.size(); ++p) {
    REQUIRE(results[p].size() == results[0].size());
    for (const auto& [id, r] : results[0]) CHECK(results[p].at(id).arrival == r.arrival);
  }
}

TEST_CASE("offload_world: a lone LTE query pays the promotion, the transfer and the whole tail") {
  // tiny network, cloud-only, 4,000 bytes at a constant 8 Mbps with LTE's RRC machine on.
  ExperimentSetup setup = build_experiment(load_scenario(
      unit("tiny.json"), {R"(partitioners=["cloud-only"])", "clients.0.radio=\"lte\"", "clients.0.tails=true",
                          "clients.0.download=false"}));
  auto results = run_all(setup);
  const QueryRecord& r = results[0].begin()->second;
  CHECK(r.upload_end.ns() == 500'000'000 + 260'000'000 + 4'000'000);  // promotion first
  CHECK(r.promotion_energy_j == Approx(1.21 * 0.26));
  CHECK(r.radio_energy_j == Approx((438.39 * 8 + 1288.04) * 1e-3 * 0.004));
  CHECK(r.tail_energy_j == Approx(0.1 * 1.06 + 0.02 * 1.122 + 10.0 * 1.091));
}

TEST_CASE("offload_world: a min-cut that is not a prefix runs end to end") {
  // branchy: the best cut runs a1, b1 and a2 on the mobile (b2, listed before a2, on the server) and uploads
  // two tensors, b1's (400 B) and a2's (40 B); no prefix of the layer order does as well.
  ExperimentSetup setup = build_experiment(load_scenario(
      unit("tiny.json"), {"clients.0.network=\"branchy-net.json\"", R"(partitioners=["neurosurgeon-latency","mincut-latency"])",
                          "clients.0.estimator.initial_mbps=8", "clients.0.download=false"}));
  auto results = run_all(setup);
  const QueryRecord& ns = results[0].begin()->second;
  const QueryRecord& cut = results[1].begin()->second;
  CHECK(cut.upload_bytes == 440);
  CHECK(cut.done - cut.arrival < ns.done - ns.arrival);
  RunResult run = run_experiment(setup, {});
  CHECK(run.summary["partitioners"]["mincut-latency"]["splits"].contains("b1+a2"));
}

TEST_CASE("offload_world: the offered load of the server, each processor and each uplink, by hand") {
  // tiny.json: one query at 0.5 s in a 1 s horizon; constant 8 Mbps uplink (1 byte per microsecond).
  ExperimentSetup setup = build_experiment(load_scenario(unit("tiny.json")));
  auto loads = [&](std::size_t replica) {
    OffloadWorld world(setup, replica, {});
    world.run();
    return world.resource_loads();
  };
  ResourceLoads cloud = loads(0), local = loads(1), split = loads(2);
  CHECK(cloud.link_max == Approx(4000 * 8 / 8e6));    // 4,000 bytes over 8 Mbit of capacity
  CHECK(cloud.server == Approx(0.101e-3));            // 0.101 ms of service in 1 s
  CHECK(cloud.processor_max == 0);
  CHECK(local.processor_max == Approx(1.01e-3));      // fc1 and fc2 on the mobile
  CHECK(local.link_max == 0);
  CHECK(local.server == 0);
  CHECK(split.processor_max == Approx(1e-3));
  CHECK(split.link_max == Approx(2000 * 8 / 8e6));
  CHECK(split.server == Approx(0.001e-3));
  CHECK(cloud.stable());

  // A query every millisecond, each uploading for 4 ms: the uplink is offered four times its capacity.
  ExperimentSetup busy = build_experiment(load_scenario(unit("tiny.json"), {"clients.0.arrival.period_s=0.001",
                                                                             "clients.0.arrival.phase_s=0"}));
  OffloadWorld world(busy, 0, {});
  world.run();
  ResourceLoads over = world.resource_loads();
  CHECK(over.link_max == Approx(4.0).epsilon(0.01));
  CHECK(over.link_client == 0);
  CHECK_FALSE(over.stable());
}

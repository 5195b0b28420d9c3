// The offline optimum (world/offline_optimum.hpp) against exhaustive search through the simulator itself: on
// random small instances with promotions and tails on (random networks, links, radios, loads, phone loads and
// throttling, and arrival gaps), every split sequence is replayed in OffloadWorld, and the optimum's total must
// equal the least simulated total wherever the optimum says it is exact.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "run/experiment.hpp"
#include "core/random.hpp"
#include "world/offload_world.hpp"
#include "world/optimum_costs.hpp"
#include "world/yardstick.hpp"
#include "test_paths.hpp"

using namespace splitsim;
namespace fs = std::filesystem;

namespace {

struct Totals : QueryObserver {
  double latency_ms = 0, energy_j = 0;
  std::size_t queries = 0;
  void on_query(const QueryRecord& r) override {
    latency_ms += (r.done - r.arrival).ms();
    energy_j += r.mobile_energy_j + r.radio_energy_j + r.promotion_energy_j + r.tail_energy_j;
    ++queries;
  }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// A chain of `layers` fc layers on a mobile and a server of random speeds, a random piecewise link, one of the shipped radios,
// `queries` arrivals at random gaps within [gap_min, gap_max] s; returns the scenario's path.
fs::path write_instance(RandomStream& rng, const fs::path& dir, int layers, int queries, double gap_min, double gap_max) {
  fs::create_directories(dir);
  std::string net = fmt::format(R"({{"name": "chain", "abbrev": "CHAIN", "input": {{"shape": [{}]}}, "layers": [)",
                                2000 + static_cast<int>(rng.uniform() * 30000));
  for (int k = 0; k < layers; ++k) {
    net += fmt::format(R"({}{{"name": "fc{}", "type": "fc", "num_output": {}}})", k ? ", " : "", k,
                       20 + static_cast<int>(std::exp(rng.uniform() * std::log(20000.0))));
  }
  write(dir / "net.json", net + "]}");
  write(dir / "mobile.json",
        fmt::format(R"({{"name": "slow-mobile", "description": "random speed", "latency_models": {{"fc": {{"form":
        "gflops-constant", "features": [], "coefficients": [{}], "target_min": 0.001, "target_max": 100}}}},
        "power": {{"source": "test", "default_form": "per-network", "default_w": {}}}}})",
                    0.05 + rng.uniform() * 2, 0.5 + rng.uniform() * 3));
  write(dir / "server.json",
        fmt::format(R"({{"name": "slow-server", "description": "random speed", "latency_models": {{"fc": {{"form":
        "gflops-constant", "features": [], "coefficients": [{}], "target_min": 0.001, "target_max": 100}}}}}})",
                    0.02 + rng.uniform() * 2));
  std::string link;
  for (int t = 0; t < 90; ++t) link += fmt::format("{} {:.3f}\n", t, rng.uniform() < 0.1 ? 0.05 : 0.3 + rng.uniform() * 8);
  write(dir / "link.txt", link);
  std::string arrivals;
  double t = rng.uniform() * 3;
  for (int q = 0; q < queries; ++q, t += gap_min + rng.uniform() * (gap_max - gap_min)) arrivals += fmt::format("{:.6f}\n", t);
  write(dir / "arrivals.txt", arrivals);
  const bool download = rng.uniform() < 0.5;
  write(dir / "scenario.json",
        fmt::format(R"({{"horizon_s": {}, "seed": {}, "partitioners": ["local-only"], "output": {{"queries_csv": false}},
        "clients": [{{"network": "net.json", "mobile_platform": "mobile.json", "uplink": {{"trace": "link.txt"}},
        "radio": "{}", "tails": true, "download": {}, "downlink_mbps": {},
        "arrival": {{"process": "trace", "path": "arrivals.txt"}}}}],
        "server": {{"platform": "{}", "load_level": {}, "service_time": "{}"}}}})",
                    t + 1, rng.next() % 1000, rng.uniform() < 0.5 ? "3g" : "lte", download ? "true" : "false",
                    1 + rng.uniform() * 20, "server.json", rng.uniform() * 0.8,
                    rng.uniform() < 0.5 ? "exponential" : "deterministic"));
  return dir / "scenario.json";
}

// The least simulated total of each objective over every split sequence. Each sequence the model prices as
// exact (no overlapping transfers) must cost in the model what it costs in the simulator; `priced` counts them.
std::pair<double, double> exhaustive(const ExperimentSetup& setup, int splits, int queries, int& priced) {
  double best_ms = std::numeric_limits<double>::infinity(), best_j = best_ms;
  std::vector<int> seq(static_cast<std::size_t>(queries), 0);
  for (;;) {
    Totals totals;
    OffloadWorld world(setup, 0, {&totals});
    world.follow_plan(0, seq);
    world.run();
    REQUIRE(totals.queries == seq.size());
    best_ms = std::min(best_ms, totals.latency_ms);
    best_j = std::min(best_j, totals.energy_j);
    const OptimumPlan model = evaluate_client_plan(setup, setup.scenario.seed, 0, seq);
    if (model.contended == 0) {
      CHECK(model.total_latency_ms == Approx(totals.latency_ms).epsilon(1e-12));
      CHECK(model.total_energy_j == Approx(totals.energy_j).epsilon(1e-9));
      ++priced;
    }
    std::size_t k = 0;
    while (k < seq.size() && ++seq[k] == splits) seq[k++] = 0;
    if (k == seq.size()) break;
  }
  return {best_ms, best_j};
}

// The simulated totals of a plan.
Totals replayed(const ExperimentSetup& setup, const OptimumPlan& plan) {
  Totals totals;
  OffloadWorld world(setup, 0, {&totals});
  world.follow_plan(0, plan.splits);
  world.run();
  return totals;
}

// The plan replayed in the simulator costs, query by query, what the optimum predicted.
void check_replay(const ExperimentSetup& setup, const OptimumPlan& plan) {
  const Totals totals = replayed(setup, plan);
  CHECK(totals.latency_ms == Approx(plan.total_latency_ms).epsilon(1e-12));
  CHECK(totals.energy_j == Approx(plan.total_energy_j).epsilon(1e-9));
}

}  // namespace

TEST_CASE("offline optimum: equals exhaustive search over every split sequence, tails on, random instances") {
  const fs::path dir = fs::temp_directory_path() / fmt::format("splitsim-optimum-{}", ::getpid());
  RandomStream rng(20261127, 14);
  const std::pair<int, int> shapes[] = {{1, 8}, {2, 6}, {3, 5}, {4, 4}, {5, 4}};  // (layers: splits - 1, queries)
  int exact_latency = 0, exact_energy = 0, approximate = 0, priced = 0, loaded = 0, approx_checks = 0, best_anyway = 0;
  for (int instance = 0; instance < 200; ++instance) {
    auto [layers, queries] = shapes[instance % 5];
    // Mostly spaced queries (the exact case); a quarter close enough for transfers to overlap.
    const bool close = instance % 4 == 3;
    const fs::path scenario = write_instance(rng, dir / std::to_string(instance), layers, queries, close ? 0.1 : 2.5,
                                             close ? 3.0 : 25.0);
    INFO("instance " << instance << ": " << scenario);
    // Every other instance on a loaded phone with a throttling trace (drawn apart, so the rest stays as it was).
    std::vector<std::string> phone;
    if (instance % 2 == 1) {
      RandomStream p(20261127 + static_cast<std::uint64_t>(instance), 17);
      std::string speed;
      for (int t = 0; t < 60; t += 3) speed += fmt::format("{} {:.3f}\n", t, 0.2 + 0.8 * p.uniform());
      write(scenario.parent_path() / "speed.txt", speed);
      phone = {fmt::format("clients.0.phone.load_level={:.3f}", 0.8 * p.uniform()), "clients.0.phone.speed_trace=\"speed.txt\""};
      ++loaded;
    }
    const ExperimentSetup setup = build_experiment(load_scenario(scenario.string(), phone));
    const Yardstick y = build_yardstick(setup, setup.scenario.seed);
    REQUIRE(y.kind == Yardstick::Kind::offline_optimum);
    const OptimumPlan& by_latency = y.latency_plans.front();
    const OptimumPlan& by_energy = y.energy_plans.front();
    REQUIRE(by_latency.splits.size() == static_cast<std::size_t>(queries));
    // The yardstick plans both objectives in one search (offline_optima): the same plans as one search each.
    CHECK(optimum_plans(setup, setup.scenario.seed, 0, Objective::latency)[0] == by_latency.splits);
    CHECK(optimum_plans(setup, setup.scenario.seed, 0, Objective::energy)[0] == by_energy.splits);
    auto [best_ms, best_j] = exhaustive(setup, layers + 1, queries, priced);
    if (by_latency.exact()) {
      CHECK(by_latency.total_latency_ms == Approx(best_ms).epsilon(1e-12));
      check_replay(setup, by_latency);
      ++exact_latency;
    }
    if (by_energy.exact()) {
      CHECK(by_energy.total_energy_j == Approx(best_j).epsilon(1e-9));
      check_replay(setup, by_energy);
      ++exact_energy;
    }
    if (!by_latency.exact() || !by_energy.exact()) ++approximate;
    // Where it is approximate (transfers overlap), its plan replayed is still the exhaustive best in most instances.
    if (!by_latency.exact()) ++approx_checks, best_anyway += replayed(setup, by_latency).latency_ms <= best_ms * (1 + 1e-12);
    if (!by_energy.exact()) ++approx_checks, best_anyway += replayed(setup, by_energy).energy_j <= best_j * (1 + 1e-9);
  }
  WARN("approximate optima whose plan is the exhaustive best anyway: " << best_anyway << " of " << approx_checks);
  CHECK(best_anyway * 10 >= approx_checks * 9);
  fs::remove_all(dir);
  // The spaced instances are exact; close ones report themselves approximate (their transfers overlap).
  CHECK(exact_latency >= 140);
  CHECK(exact_energy >= 140);
  CHECK(approximate >= 20);
  CHECK(priced >= 100000);  // sequences whose model cost was checked against the simulator
  CHECK(loaded == 100);      // half of them on a loaded, throttled phone
}

namespace {

struct ByArrival : QueryObserver {
  std::map<SimTime, double> latency_ms;
  void on_query(const QueryRecord& r) override { latency_ms[r.arrival] = (r.done - r.arrival).ms(); }
};

}  // namespace

TEST_CASE("offline optimum: an upload sent while the client's previous one is on the link waits for it") {
  // Two queries 0.5 s apart sending DIG's input over a constant 2 Mbps link (1.25 s each alone, after LTE's
  // promotion): the second finds the radio connected and the first upload on the link. The simulator shares
  // the link, and the second upload ends when both are through; the model sends it behind the first, which
  // ends at the same instant (it priced it as if it had the link alone before, 1.25 s after its arrival).
  const fs::path dir = fs::temp_directory_path() / fmt::format("splitsim-optimum-link-{}", ::getpid());
  fs::create_directories(dir);
  write(dir / "arrivals.txt", "1.0\n1.5\n");
  const std::vector<std::string> sets = {
      "clients.0.network=\"" + test::network_path("dig") + "\"", "clients.0.uplink={\"trace\": \"constant:2\"}",
      "clients.0.arrival={\"process\": \"trace\", \"path\": \"" + (dir / "arrivals.txt").string() + "\"}", "horizon_s=5"};
  const ExperimentSetup setup = build_experiment(load_scenario(test::source_dir() + "/scenarios/paper/tails.json", sets));
  const std::vector<int> input = {0, 0};
  ByArrival simulated;
  OffloadWorld world(setup, 0, {&simulated});
  world.follow_plan(0, input);
  world.run();
  REQUIRE(simulated.latency_ms.size() == 2);
  const OptimumPlan model = evaluate_client_plan(setup, setup.scenario.seed, 0, input);
  CHECK(model.contended == 1);  // still counted approximate: the first upload's own end differs
  CHECK(model.latency_ms[1] == Approx(simulated.latency_ms.rbegin()->second).epsilon(1e-9));
  CHECK(model.latency_ms[1] > model.latency_ms[0]);  // behind the first upload, not beside it
  fs::remove_all(dir);
}

TEST_CASE("offline optimum: a pruned plan never spends more than running everything on the phone") {
  // AlexNet on the mobile CPU over 3G, a query every 3 s on average with downloads: transfers overlap and the
  // layers outgrow the cap. The beam ranks a state with its running tail counted in full (what finishing the run
  // on the phone would cost), so the plan is never worse, in the model, than local-only.
  const std::vector<std::string> sets = {"clients.0.radio=\"3g\"", "clients.0.download=true",
                                         "clients.0.uplink={\"trace\": \"constant:1.1\"}",
                                         "clients.0.arrival={\"process\": \"poisson\", \"rate_per_s\": 0.333}", "horizon_s=60"};
  const ExperimentSetup setup = build_experiment(load_scenario(test::source_dir() + "/scenarios/paper/tails.json", sets));
  const Yardstick y = build_yardstick(setup, setup.scenario.seed);
  REQUIRE(y.kind == Yardstick::Kind::offline_optimum);
  const OptimumPlan& plan = y.energy_plans.front();
  REQUIRE(plan.capped);
  // The joint search parted where the layers outgrew the cap, and each half went on as its own search would.
  CHECK(optimum_plans(setup, setup.scenario.seed, 0, Objective::energy)[0] == plan.splits);
  CHECK(optimum_plans(setup, setup.scenario.seed, 0, Objective::latency)[0] == y.latency_plans.front().splits);
  const int local = setup.groups.front().costs.local_only();
  const OptimumPlan phone = evaluate_client_plan(setup, setup.scenario.seed, 0, std::vector<int>(plan.splits.size(), local));
  CHECK(plan.total_energy_j <= phone.total_energy_j);
}

TEST_CASE("offline optimum: its tabulated tail costs equal the radio profile's, bit for bit, at every phase boundary") {
  RadioProfile odd = load_radio_profile("lte");  // and a phase of no length, and a radio without tails
  odd.tail.insert(odd.tail.begin() + 1, TailPhase{"empty", Duration::zero(), Watts{2.0}, Duration::from_ms(3), Watts{1.5}});
  RadioProfile off = load_radio_profile("3g");
  off.tails = false;
  RandomStream rng(77, 0);
  for (const RadioProfile& r : {load_radio_profile("lte"), load_radio_profile("3g"), load_radio_profile("wifi"), odd, off}) {
    const optimum_detail::TailCosts table(r);
    std::vector<Duration> idles{Duration::zero(), Duration::from_ns(-1), Duration::from_ns(1), Duration::max()};
    Duration end;
    for (const TailPhase& p : r.tail) {
      end += p.duration;
      for (std::int64_t d : {-1, 0, 1}) idles.push_back(end + Duration::from_ns(d));
    }
    for (int k = 0; k < 2000; ++k) idles.push_back(Duration::from_ns(static_cast<std::int64_t>(rng.uniform() * 1.2 * static_cast<double>(end.ns() + 1))));
    int wrong = 0;
    for (Duration idle : idles) {
      const RadioProfile::WakeCost want = r.wake_cost_after(idle), got = table.wake_cost_after(idle);
      if (want.delay != got.delay || want.energy.value != got.energy.value) ++wrong;
      if (r.tail_energy(idle).value != table.tail_energy(idle).value) ++wrong;
    }
    INFO(r.name);
    CHECK(wrong == 0);
    CHECK(idles.size() > 2000);
  }
}

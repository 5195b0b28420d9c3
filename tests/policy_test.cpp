// The policy registry and each policy's decision on a hand-made cost table, where the right answer is arithmetic.

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "link/shared_link.hpp"
#include "network/network_catalog.hpp"
#include "partition/neurosurgeon.hpp"
#include "partition/policy.hpp"
#include "partition/radio_aware.hpp"
#include "radio/radio_profile.hpp"
#include "test_paths.hpp"

using namespace splitsim;

namespace {

// Three splits of a chain input -> a -> b: j = 0 sends the input, 1 runs a, 2 runs everything.
CostTable table() {
  CostTable t;
  t.layer_names = {"input", "a", "b"};
  t.mobile_prefix_ms = {0, 10, 40};
  t.mobile_prefix_energy_j = {0, 0.05, 0.20};
  t.server_suffix_ms = {{5, 2, 0}};
  t.upload_bytes = {100'000, 10'000, 0};
  t.result_bytes = 4;
  t.has_mobile_power = true;
  t.layer_mobile_ms = {0, 10, 30};
  t.layer_mobile_j = {0, 0.05, 0.15};
  t.layer_server_ms = {{0, 3, 2}};
  t.layer_output_bytes = {100'000, 10'000, 4};
  return t;
}

Network chain() { return load_network(test::network_path("dig")); }

const PolicyTraits& policy(const std::string& name) {
  for (const PolicyTraits* t : policies()) {
    if (t->name == name) return *t;
  }
  FAIL("no policy " << name);
  throw std::logic_error("unreachable");
}

int decide(const std::string& name, const Beliefs& b, int fixed_index = 0) {
  Network net = chain();
  CostTable t = table();
  CutBook book(net, t);
  return policy(name).decide(DecisionView{t, book, b, nullptr, fixed_index, nullptr});
}

}  // namespace

TEST_CASE("policy registry: names are unique and parse, and an unknown name lists every policy") {
  std::set<std::string_view> names;
  for (const PolicyTraits* t : policies()) {
    CHECK(names.insert(t->name).second);
    CHECK(t->decide != nullptr);
    CHECK(!t->description.empty());
  }
  Network net = chain();
  CHECK(parse_partitioner("greedy-oracle", net).policy->name == "greedy-oracle");
  Partitioner fixed = parse_partitioner("fixed:" + net.layers[2].name, net);
  CHECK(fixed.policy->takes_layer);
  CHECK(fixed.fixed_index == 2);
  CHECK_THROWS_WITH(parse_partitioner("fixed:nope", net), Catch::Contains("has no layer \"nope\""));
  CHECK_THROWS_WITH(parse_partitioner("magic", net),
                    "unknown partitioner \"magic\" (expected cloud-only, local-only, neurosurgeon-latency, neurosurgeon-energy, "
                    "mincut-latency, mincut-energy, min-upload, radio-latency, radio-energy, slo-energy, greedy-oracle, "
                    "offline-optimum-latency, offline-optimum-energy or fixed:<layer>)");
  CHECK_THROWS_WITH(parse_partitioner("oracle", net), Catch::Contains("is now \"greedy-oracle\""));
  CHECK(policy_name_pattern() ==
        "^(cloud-only|local-only|neurosurgeon-latency|neurosurgeon-energy|mincut-latency|mincut-energy|min-upload|"
        "radio-latency|radio-energy|slo-energy|greedy-oracle|offline-optimum-latency|offline-optimum-energy|fixed:.+)"
        "(\\+phone|\\+learn)*$");
}

TEST_CASE("policy registry: +phone and +learn modify policies that decide on beliefs, in any order") {
  Network net = chain();
  Partitioner p = parse_partitioner("neurosurgeon-latency+phone+learn", net);
  CHECK(p.policy->name == "neurosurgeon-latency");
  CHECK(p.knows_phone_load);
  CHECK(p.learns);
  CHECK(p.name == "neurosurgeon-latency+phone+learn");
  Partitioner q = parse_partitioner("radio-energy+learn", net);
  CHECK(q.policy->name == "radio-energy");
  CHECK(q.learns);
  CHECK(!q.knows_phone_load);
  CHECK(!parse_partitioner("neurosurgeon-energy", net).adjusts_costs());
  CHECK_THROWS_WITH(parse_partitioner("local-only+learn", net),
                    Catch::Contains("local-only does not decide on beliefs, so +phone and +learn do not apply"));
  CHECK_THROWS_WITH(parse_partitioner("neurosurgeon-latency+learn+learn", net), Catch::Contains("unknown partitioner"));
  CHECK_THROWS_WITH(parse_partitioner("neurosurgeon-latency+fast", net), Catch::Contains("unknown partitioner"));
}

TEST_CASE("policy registry: every energy objective needs a power model, and says so") {
  Network net = chain();
  CostTable t = table();
  t.has_mobile_power = false;
  for (const PolicyTraits* p : policies()) {
    std::string why = policy_refusal(Partitioner{p, 0, std::string(p->name)}, t, "server-cpu");
    INFO(p->name);
    CHECK(why.empty() == (p->objective != Objective::energy));
    if (!why.empty()) CHECK(why == fmt::format("{} needs a mobile power model, and platform server-cpu has none", p->name));
  }
}

TEST_CASE("policies: fixed answers") {
  Beliefs b;
  CHECK(decide("cloud-only", b) == 0);
  CHECK(decide("local-only", b) == 2);
  CHECK(decide("fixed", b, 1) == 1);
  CHECK(decide("min-upload", b) == 1);  // 10,000 bytes after a, against 100,000 for the input
}

TEST_CASE("policies: Algorithm 1, latency and energy, by arithmetic") {
  Beliefs b;
  b.uplink_bps = 8e6;  // 1 byte per microsecond: 100 ms for the input, 10 ms after a
  // latency: j0 = 0 + 100 + 5 = 105, j1 = 10 + 10 + 2 = 22, local = 40
  CHECK(decide("neurosurgeon-latency", b) == 1);
  CHECK(decide("mincut-latency", b) == 1);  // a chain: Algorithm 1
  b.server_wait_ms = 30;  // a backlog makes offloading lose: j1 = 52 > 40
  CHECK(decide("neurosurgeon-latency", b) == 2);
  b.server_wait_ms = 0;
  b.server_slowdown = 20;  // j1 = 10 + 10 + 40 = 60 > 40
  CHECK(decide("neurosurgeon-latency", b) == 2);
  // energy at 1 W upload: j0 = 0.1 J, j1 = 0.05 + 0.01 = 0.06 J, local = 0.2 J
  Beliefs e;
  e.uplink_bps = 8e6;
  e.upload_power_w = 1.0;
  CHECK(decide("neurosurgeon-energy", e) == 1);
  e.upload_power_w = 20.0;  // j1 = 0.05 + 0.2 = 0.25, j0 = 2 J: local wins
  CHECK(decide("neurosurgeon-energy", e) == 2);
}

TEST_CASE("policies: the oracle takes the earliest completion under the exact future") {
  Network net = chain();
  CostTable t = table();
  CutBook book(net, t);
  RadioProfile radio;  // no promotion, no tails
  radio.tails = false;
  Radio r(&radio);
  CapacityTrace link = CapacityTrace::constant(8e6);
  SharedLink shared(&link);
  LoadTrace idle = LoadTrace::constant(0);
  ServerPool server(ServerConfig{1, 1, true}, idle);
  ClientFuture f;
  f.now = SimTime::zero();
  f.mobile_free_at = SimTime::zero();
  f.radio = &r;
  f.radio_profile = &radio;
  f.link = &shared;
  f.uplink = &link;
  f.server = &server;
  f.server_free = SimTime::zero();
  Beliefs none;
  DecisionView v{t, book, none, &f, 0, nullptr};
  CHECK(policy("greedy-oracle").decide(v) == 1);  // 22 ms
  f.server_free = SimTime::zero() + Duration::from_ms(100);  // the server is busy for 100 ms: local (40 ms)
  CHECK(policy("greedy-oracle").decide(v) == 2);
}

TEST_CASE("policy: radio-aware pricing of tails and wake-ups, by hand") {
  RadioProfile p;
  p.tails = true;
  p.promotion_delay = Duration::from_ms(200);
  p.promotion_power = Watts{1.0};
  p.tail = {TailPhase{"high", Duration::from_seconds(1), Watts{2.0}, Duration::zero(), Watts{0}},
            TailPhase{"low", Duration::from_seconds(3), Watts{0.5}, Duration::from_ms(50), Watts{1.0}}};
  Radio radio(&p);
  RadioView r;
  r.now = SimTime::from_seconds(10);
  r.radio = &radio;
  r.profile = &p;
  SECTION("no next query: the whole tail, and the whole promotion") {
    CHECK(expected_tail_j(r, r.now, r.now) == Approx(2.0 * 1 + 0.5 * 3));
    CHECK(promotion_share(r) == 1);
  }
  SECTION("a periodic next query 2 s on cuts the tail in its low phase and reuses it") {
    r.next_arrival = r.now + Duration::from_seconds(2);
    CHECK(expected_tail_j(r, r.now, r.now) == Approx(2.0 * 1 + 0.5 * 1));
    CHECK(expected_tail_j(r, r.now, r.now + Duration::from_ms(1500)) == Approx(0.5 * 0.5));  // from 1.5 s on
    CHECK(promotion_share(r) == 0);  // every next query comes within the 4 s tail
  }
  SECTION("Poisson arrivals: the tail's expected energy is the integral of its power over P(no arrival yet)") {
    r.arrival_rate_per_s = 0.5;
    double high = 2.0 * (1 - std::exp(-0.5)) / 0.5, low = 0.5 * (std::exp(-0.5) - std::exp(-2.0)) / 0.5;
    CHECK(expected_tail_j(r, r.now, r.now) == Approx(high + low));
    CHECK(promotion_share(r) == Approx(std::exp(-0.5 * 4)));  // P(gap > the 4 s tail)
  }
}

// Scenario parsing from the settings tables: defaults, strictness, conditional keys, the resolved round trip,
// and the generated docs and schema covering every key.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "run/experiment.hpp"
#include "scenario/scenario.hpp"

using namespace splitsim;

namespace {

Scenario parse(const std::string& text) { return parse_scenario(Json::parse(text), "s.json"); }

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("scenario: a minimal file takes every default of the structs") {
  Scenario s = parse(R"({"clients": [{}]})");
  Scenario defaults;
  ClientGroup group;
  CHECK(s.name == "s");  // the file's name
  CHECK(s.seed == defaults.seed);
  CHECK(s.horizon_s == defaults.horizon_s);
  CHECK(s.partitioners == defaults.partitioners);
  REQUIRE(s.clients.size() == 1);
  const ClientGroup& c = s.clients[0];
  CHECK(c.network == group.network);
  CHECK(c.uplink.offset_s == std::optional<double>(0.0));  // the documented default, with or without an uplink object
  CHECK(parse(R"({"clients": [{"uplink": {}}]})").clients[0].uplink.offset_s == std::optional<double>(0.0));
  CHECK(!parse(R"({"clients": [{"uplink": {"offset_s": "random"}}]})").clients[0].uplink.offset_s);
  CHECK(c.arrival.kind == ArrivalSpec::Kind::poisson);
  CHECK(c.estimator.kind == EstimatorKind::harmonic);
  CHECK(!c.probe_period_s);
  CHECK(s.server.workers == 1);
  CHECK(s.server.load_slowdown);
  CHECK(!s.server.exponential_service);
}

TEST_CASE("scenario: what is written is read back the same (scenario.resolved.json)") {
  Scenario s = parse(R"({"name": "x", "seed": 9, "partitioners": ["greedy-oracle", "fixed:conv1"],
    "clients": [{"count": 3, "uplink": {"trace": "lte", "offset_s": "random", "scale_mean_mbps": 4},
                 "arrival": {"process": "periodic", "period_s": 0.5, "phase_s": 0.1},
                 "estimator": {"kind": "ewma", "alpha": 0.5, "probe_period_s": 2}, "mobile_power": "per-layer",
                 "input_dtype": "uint8", "partitioner": "cloud-only"},
                {"arrival": {"process": "trace", "path": "a.txt"}}],
    "server": {"service_time": "exponential", "load_model": "none", "load_unit": "fraction", "max_batch": 4},
    "output": {"trace_json": true}})");
  Json once = s.to_json();
  Json twice = parse_scenario(once, "s.json").to_json();
  CHECK(once == twice);
  CHECK(once["clients"][0]["arrival"] == Json{{"process", "periodic"}, {"period_s", 0.5}, {"phase_s", 0.1}});
  CHECK(once["clients"][1]["arrival"] == Json{{"process", "trace"}, {"path", "a.txt"}});
  CHECK(once["server"]["service_time"] == "exponential");
  CHECK(once["clients"][0]["estimator"]["probe_period_s"] == 2);
}

TEST_CASE("scenario: unknown keys, bad choices, out-of-range values and keys of another process are refused") {
  CHECK(error_of(R"({"clients": [{"netwrok": "imc"}]})") == "s.json: /clients/0/netwrok: unknown key \"netwrok\"");
  CHECK_THAT(error_of(R"({"clients": [{}], "server": {"service_time": "random"}})"),
             Catch::Contains("/server/service_time: unknown value \"random\" (expected one of: deterministic, exponential)"));
  CHECK_THAT(error_of(R"({"clients": [{}], "server": {"workers": 0}})"), Catch::Contains("/server/workers"));
  CHECK_THAT(error_of(R"({"clients": [{"arrival": {"process": "periodic", "rate_per_s": 3}}]})"),
             Catch::Contains("/clients/0/arrival/rate_per_s"));
  CHECK_THAT(error_of(R"({"clients": [{"arrival": {"process": "trace"}}]})"), Catch::Contains("/clients/0/arrival: missing required key \"path\""));
  CHECK_THAT(error_of(R"({"clients": []})"), Catch::Contains("/clients: expected a non-empty array"));
  CHECK_THAT(error_of(R"({"partitioners": ["greedy-oracle", "greedy-oracle"], "clients": [{}]})"), Catch::Contains("listed twice"));
  CHECK_THAT(error_of(R"({"clients": [{"input_dtype": "int3"}]})"), Catch::Contains("unknown element type \"int3\""));
}

TEST_CASE("scenario: the generated docs and schema cover every key the parser reads") {
  std::string md = scenario_settings_markdown();
  Json schema = scenario_schema();
  for (const char* key : {"`seed`", "`output.trace_max_queries`", "`uplink.offset_s`", "`arrival.rate_per_s`",
                          "`estimator.probe_period_s`", "`open_population`", "`load_model`", "`probe_period_s`"}) {
    CHECK_THAT(md, Catch::Contains(key));
  }
  const Json& client = schema["properties"]["clients"]["items"]["properties"];
  CHECK(client.contains("open_population"));
  CHECK(client["estimator"]["properties"].contains("probe_period_s"));
  CHECK(client["arrival"]["properties"]["process"]["enum"] == Json::array({"periodic", "poisson", "trace"}));
  CHECK(schema["properties"]["server"]["properties"]["load_model"]["enum"] == Json::array({"processor-sharing", "none"}));
}

// The setting recipe (docs/architecture.md) followed once: warmup_s, added by its member, its row in the table
// and its use, is parsed, documented, written back and acts.
TEST_CASE("scenario: a setting added by the recipe works end to end (warmup_s)") {
  CHECK(parse(R"({"clients": [{}]})").warmup_s == 0);
  CHECK_THAT(error_of(R"({"horizon_s": 10, "warmup_s": 10, "clients": [{}]})"),
             Catch::Contains("/warmup_s: the warm-up (10 s) must end before the horizon (10 s)"));
  CHECK_THAT(error_of(R"({"warmup_s": -1, "clients": [{}]})"), Catch::Contains("/warmup_s"));
  CHECK_THAT(scenario_settings_markdown(), Catch::Contains("| `warmup_s` | 0 |"));
  auto run = [](double warmup) {
    Scenario s = parse(fmt::format(R"({{"horizon_s": 9.5, "warmup_s": {}, "partitioners": ["local-only"],
      "clients": [{{"network": "dig", "arrival": {{"process": "periodic", "period_s": 1}}}}]}})", warmup));
    CHECK(s.to_json()["warmup_s"] == warmup);
    return run_experiment(build_experiment(s), RunOptions{}).replicas[0].stats.count();
  };
  CHECK(run(0) == 10);   // arrivals at 0, 1, ..., 9
  CHECK(run(4.5) == 5);  // 5, 6, 7, 8, 9
}

TEST_CASE("scenario: phone work outside the layers is paid by every split, the status quo included") {
  auto latency = [](const char* partitioner, double work) {
    Scenario s = parse(fmt::format(R"({{"horizon_s": 5, "partitioners": ["{}"],
      "clients": [{{"network": "pos", "phone_work_ms": {}, "tails": false, "download": false,
                   "uplink": {{"trace": "constant:5"}}, "arrival": {{"process": "periodic", "period_s": 1}}}}]}})",
                                   partitioner, work));
    RunResult r = run_experiment(build_experiment(s), RunOptions{});
    return std::pair{r.replicas[0].stats.mean_latency_ms(), r.replicas[0].stats.mean_mobile_energy_j()};
  };
  for (const char* p : {"cloud-only", "local-only"}) {
    auto [base_ms, base_j] = latency(p, 0);
    auto [work_ms, work_j] = latency(p, 7);
    INFO(p);
    CHECK(work_ms - base_ms == Approx(7.0).margin(1e-3));
    CHECK(work_j > base_j);
  }
}

TEST_CASE("scenario: a raw input is what the network declares, and only with a declared one") {
  Scenario s = parse(R"({"clients": [{"network": "asr", "input": "raw"}]})");
  ExperimentSetup x = build_experiment(s);
  CHECK(x.groups[0].costs.upload_bytes[0] == 320 * 548);  // 5.48 s of 16-bit speech at 16 kHz
  CHECK_THROWS_WITH(build_experiment(parse(R"({"clients": [{"network": "mobilenet_v2", "input": "raw"}]})")),
                    Catch::Contains("/clients/0/input: network") && Catch::Contains("declares no raw input"));
  CHECK_THROWS_WITH(build_experiment(parse(R"({"clients": [{"network": "imc", "input": "raw", "input_dtype": "uint8"}]})")),
                    Catch::Contains("/clients/0/input_dtype"));
}

// Independent replications: Student t intervals, and the joining of per-replication summaries.

#include <catch2/catch.hpp>

#include <vector>

#include "core/confidence.hpp"
#include "run/replications.hpp"

using namespace splitsim;

TEST_CASE("replications: the t factor of a 95 % interval, against the printed tables") {
  CHECK(t_quantile_975(1) == Approx(12.706).epsilon(1e-4));
  CHECK(t_quantile_975(4) == Approx(2.776).epsilon(1e-3));
  CHECK(t_quantile_975(9) == Approx(2.262).epsilon(1e-3));
  CHECK(t_quantile_975(30) == Approx(2.042).epsilon(1e-3));
  CHECK(t_quantile_975(100000) == Approx(1.960).epsilon(1e-3));
}

TEST_CASE("replications: mean and half-width by hand") {
  std::vector<double> x{1, 2, 3, 4, 5};  // s = sqrt(2.5); half-width = 2.776 x s / sqrt(5)
  MeanInterval m = mean_ci95(x);
  CHECK(m.mean == 3);
  CHECK(m.half_width == Approx(t_quantile_975(4) * std::sqrt(2.5) / std::sqrt(5.0)));
  std::vector<double> one{7};
  CHECK(mean_ci95(one).half_width == 0);
  std::vector<double> same{2, 2, 2};
  CHECK(mean_ci95(same).half_width == 0);
}

TEST_CASE("replications: entries join into means with intervals, summed counts and splits") {
  Json a = Json::parse(R"({"count": 10, "latency_ms": {"mean": 100, "p95": 200}, "splits": {"input": 6, "pool5": 4},
                           "stable": true, "optimises": "x", "offered_load": {"server": 0.5, "link_max_client": 3}})");
  Json b = Json::parse(R"({"count": 12, "latency_ms": {"mean": 110, "p95": 240}, "splits": {"input": 12},
                           "stable": false, "optimises": "x", "offered_load": {"server": 0.7, "link_max_client": 5}})");
  Json j = join_replications({a, b});
  CHECK(j["count"] == 22);
  CHECK(j["latency_ms"]["mean"].get<double>() == 105);
  CHECK(j["ci95_half_width"]["latency_ms"]["mean"].get<double>() == Approx(12.706 * std::sqrt(50.0) / std::sqrt(2.0)).epsilon(1e-4));
  CHECK(j["splits"] == Json::parse(R"({"input": 18, "pool5": 4})"));
  CHECK(j["stable"] == false);
  CHECK(j["optimises"] == "x");
  CHECK(j["offered_load"]["link_max_client"] == 3);  // an index is not averaged
  CHECK(j["offered_load"]["server"].get<double>() == Approx(0.6));
  CHECK(j["replications"] == 2);
  CHECK_FALSE(j["ci95_half_width"].contains("count"));
  CHECK(join_replications({a}) == a);  // one replication: the plain entry
}

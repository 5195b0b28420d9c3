#include <catch2/catch.hpp>

#include "link/bandwidth_estimator.hpp"

using namespace splitsim;

TEST_CASE("bandwidth_estimator: beliefs come only from observations") {
  auto seconds = [](double s) { return Duration::from_seconds(s); };
  SECTION("before any observation, the initial belief") {
    BandwidthEstimator e({EstimatorKind::harmonic, 5.5, 0.3, 3});
    CHECK(e.estimate_bps() == Approx(5.5e6));
  }
  SECTION("last") {
    BandwidthEstimator e({EstimatorKind::last, 5.5, 0.3, 3});
    e.observe(2e6, seconds(1));
    e.observe(8e6, seconds(2));
    CHECK(e.estimate_bps() == Approx(4e6));
  }
  SECTION("ewma starts at the first observation") {
    BandwidthEstimator e({EstimatorKind::ewma, 5.5, 0.25, 3});
    e.observe(4e6, seconds(1));
    CHECK(e.estimate_bps() == Approx(4e6));
    e.observe(8e6, seconds(1));
    CHECK(e.estimate_bps() == Approx(0.25 * 8e6 + 0.75 * 4e6));
  }
  SECTION("harmonic mean of the last k") {
    BandwidthEstimator e({EstimatorKind::harmonic, 5.5, 0.3, 2});
    e.observe(1e6, seconds(1));
    CHECK(e.estimate_bps() == Approx(1e6));
    e.observe(4e6, seconds(1));
    CHECK(e.estimate_bps() == Approx(2 / (1 / 1e6 + 1 / 4e6)));
    e.observe(6e6, seconds(2));  // 3 Mbps; the 1 Mbps observation leaves the window
    CHECK(e.estimate_bps() == Approx(2 / (1 / 4e6 + 1 / 3e6)));
    for (int i = 0; i < 1001; ++i) e.observe(5e6, seconds(1));
    CHECK(e.estimate_bps() == Approx(5e6));
  }
}

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "core/random.hpp"
#include "core/units.hpp"

using namespace splitsim;

TEST_CASE("units: durations are integer nanoseconds with explicit rounding") {
  SECTION("from_ms rounds to the nearest nanosecond") {
    CHECK(Duration::from_ms(2.5).ns() == 2'500'000);
    CHECK(Duration::from_seconds(1e-9 * 0.6).ns() == 1);
    CHECK(Duration::from_seconds(1e-9 * 0.4).ns() == 0);
  }
  SECTION("time arithmetic stays exact") {
    SimTime t = SimTime::from_ns(7);
    Duration d = Duration::from_ns(3);
    CHECK((t + d).ns() == 10);
    CHECK(((t + d) - t).ns() == 3);
    CHECK(t < t + d);
  }
  SECTION("energy is power times time") {
    Joules e = Watts{2.0} * Duration::from_ms(500);
    CHECK(e.value == Approx(1.0));
  }
}

TEST_CASE("units: rounding to whole nanoseconds matches std::llround, halves away from zero") {
  RandomStream rng(12345, 0);
  int mismatches = 0;
  for (int k = 0; k < 200000; ++k) {
    const double v = (rng.uniform() - 0.5) * 2e9;  // within +-1e9
    if (round_to_int64(v) != std::llround(v)) ++mismatches;
    const double half = static_cast<double>(static_cast<std::int64_t>(v)) + (v < 0 ? -0.5 : 0.5);
    if (round_to_int64(half) != std::llround(half)) ++mismatches;
  }
  CHECK(mismatches == 0);
  CHECK(round_to_int64(2.5) == 3);
  CHECK(round_to_int64(-2.5) == -3);
  CHECK(round_to_int64(2.4999999999999996) == 2);
  CHECK(round_to_int64(-0.5) == -1);
  CHECK(round_to_int64(0.49999999999999994) == 0);
}

#include <catch2/catch.hpp>

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

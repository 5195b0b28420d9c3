#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "radio/radio.hpp"

using namespace splitsim;

namespace {

SimTime at_s(double s) { return SimTime::from_seconds(s); }

// A transfer on `radio` of `up_bits` from `wake` taking `seconds` of data flow; returns its transfer energy.
struct Done {
  Radio::Wake wake;
  Joules transfer;
};
Done transfer(Radio& radio, double wake_s, double seconds, double up_bits, std::uint64_t owner) {
  Done d;
  d.wake = radio.wake(at_s(wake_s));
  Radio::Token token = radio.data_start(d.wake.ready);
  d.transfer = radio.data_end(d.wake.ready + Duration::from_seconds(seconds), token, up_bits, 0, owner);
  return d;
}

}  // namespace

TEST_CASE("radio: a lone LTE transfer costs promotion, Huang's transfer energy and the whole tail") {
  RadioProfile lte = load_radio_profile("lte");
  Radio radio(&lte);
  Done d = transfer(radio, 1.0, 1.0, 5.5e6, 7);
  CHECK(d.wake.ready == at_s(1.26));
  CHECK(d.wake.promotion.value == Approx(1.21 * 0.26));
  CHECK_FALSE(d.wake.closed_tail);
  // (alpha_up * 5.5 Mbps + beta) * 1 s
  CHECK(d.transfer.value == Approx((438.39 * 5.5 + 1288.04) * 1e-3));
  REQUIRE(radio.in_tail());
  CHECK(radio.tail_idle_time() == at_s(2.26 + 10.12));
  Radio::TailEnd tail = radio.finish_tail();
  CHECK(tail.owner == 7);
  CHECK(tail.energy.value == Approx(0.1 * 1.06 + 0.02 * 1.122 + 10.0 * 1.091));
}

TEST_CASE("radio: two transfers closer than the tail share it") {
  RadioProfile lte = load_radio_profile("lte");
  Radio radio(&lte);
  transfer(radio, 0.0, 0.5, 1e6, 1);  // data flows 0.26 .. 0.76 s
  Done second = transfer(radio, 1.26, 0.5, 1e6, 2);
  SECTION("the second transfer interrupts the first's tail and needs no promotion") {
    CHECK(second.wake.closed_tail);
    CHECK(second.wake.tail_owner == 1);
    CHECK(second.wake.tail.value == Approx(0.1 * 1.06 + 0.02 * 1.122 + 0.38 * 1.091));
    CHECK(second.wake.ready == at_s(1.26));
    CHECK(second.wake.promotion.value == 0);
  }
  SECTION("together they pay less tail than two lone transfers") {
    double shared = second.wake.tail.value + radio.finish_tail().energy.value;
    CHECK(shared < 2 * lte.full_tail_energy().value);
    CHECK(shared == Approx(lte.tail_energy(Duration::from_seconds(0.5)).value + lte.full_tail_energy().value));
  }
}

TEST_CASE("radio: 3G promotes FACH back to DCH") {
  RadioProfile g3 = load_radio_profile("3g");
  Radio radio(&g3);
  Done first = transfer(radio, 0.0, 1.0, 1e6, 1);
  CHECK(first.wake.ready == at_s(2.0));  // IDLE -> DCH
  Done second = transfer(radio, 3.0 + 5.0, 1.0, 1e6, 2);  // 5 s after the end: in the FACH tail
  CHECK(second.wake.ready == at_s(8.0 + 1.5));
  CHECK(second.wake.promotion.value == Approx(0.49 * 1.5));
  CHECK(second.wake.tail.value == Approx(4.0 * 0.60 + 1.0 * 0.38));
}

TEST_CASE("radio: the paper's accounting has no promotion and no tail") {
  RadioProfile lte = load_radio_profile("lte");
  lte.tails = false;
  Radio radio(&lte);
  Done d = transfer(radio, 1.0, 2.0, 11e6, 1);
  CHECK(d.wake.ready == at_s(1.0));
  CHECK(d.wake.promotion.value == 0);
  CHECK_FALSE(radio.in_tail());
  CHECK(d.transfer.value == Approx((438.39 * 5.5 + 1288.04) * 1e-3 * 2.0));
}

TEST_CASE("radio: simultaneous transfers share beta") {
  RadioProfile wifi = load_radio_profile("wifi");
  wifi.tails = false;
  Radio radio(&wifi);
  radio.wake(at_s(0));
  Radio::Token a = radio.data_start(at_s(0));
  radio.wake(at_s(1));
  Radio::Token b = radio.data_start(at_s(1));
  Joules eb = radio.data_end(at_s(2), b, 0, 0, 2);  // one second, shared: half of beta
  Joules ea = radio.data_end(at_s(3), a, 0, 0, 1);  // 1 s alone, 1 s shared, 1 s alone
  CHECK(eb.value == Approx(0.5 * 0.13286));
  CHECK(ea.value == Approx(2.5 * 0.13286));
}

TEST_CASE("radio: beta's shares add up to the radio's time, whatever the count of transfers") {
  RadioProfile wifi = load_radio_profile("wifi");
  wifi.tails = false;
  for (int n : {3, 7, 11, 13}) {  // 11 and 13 do not divide the share's units: rounded down by under a unit
    Radio radio(&wifi);
    std::vector<Radio::Token> tokens;
    for (int k = 0; k < n; ++k) {
      radio.wake(at_s(0));
      tokens.push_back(radio.data_start(at_s(0)));
    }
    double sum = 0;
    for (int k = 0; k < n; ++k) sum += radio.data_end(at_s(1) + Duration::from_ns(k), tokens[k], 0, 0, k).value;
    // n transfers for 1 s together, then the stragglers alone for 1 ns each: beta over 1 s + (n - 1) ns.
    const double beta_j = wifi.beta_mw * 1e-3;
    const double expected = beta_j * (1.0 + (n - 1) * 1e-9);
    // Counts that divide the units are exact up to the doubles' rounding; the others lose under a unit each time
    // the count of transfers changes (n times), a unit being 1/2520 ns.
    const double bound = Radio::kShareUnits % static_cast<std::uint64_t>(n) == 0 ? 1e-15 : beta_j * n * 1e-9 / 2520;
    CHECK(std::abs(sum - expected) <= bound);
    CHECK(sum <= expected + 1e-15);  // rounded down, never up
  }
}

#include <catch2/catch.hpp>

#include "link/capacity_trace.hpp"
#include "link/shared_link.hpp"
#include "link/trace_reader.hpp"
#include "test_paths.hpp"

using namespace splitsim;

namespace {

__extension__ using Int128 = __int128;

SimTime at_s(double s) { return SimTime::from_seconds(s); }
SimTime at_ms(std::int64_t ms) { return SimTime::from_ns(ms * 1'000'000); }
std::string data(const std::string& name) { return test::source_dir() + "/tests/data/traces/" + name; }

}  // namespace

TEST_CASE("capacity_trace: a constant link takes exactly bits / rate, to the nanosecond") {
  for (std::int64_t rate : {1'000'000LL, 5'500'000LL, 12'440'000LL, 1'440'000LL, 8'000'000LL, 999'983LL}) {
    // The constant link's own path, and the general one: the same rate in two segments of a 1.5 s period.
    CapacityTrace constant = CapacityTrace::constant(static_cast<double>(rate));
    CapacityTrace segments = CapacityTrace::piecewise({0, 700'000'000}, {static_cast<double>(rate), static_cast<double>(rate)},
                                                      1'500'000'000);
    for (const CapacityTrace* link_of : {&constant, &segments})
    for (std::int64_t bytes : {1LL, 1500LL, 147'456LL, 618'348LL, 12'845'056LL, 999'999'937LL}) {
      for (std::int64_t start_ns : {0LL, 12'500'000'000LL, 987'654'321LL, 3'600'000'000'123'457LL}) {  // to 41 days
        // ceil(bits * 1e9 / rate) in exact integer arithmetic.
        Int128 num = static_cast<Int128>(bytes) * 8 * 1'000'000'000;
        auto expected = static_cast<std::int64_t>((num + rate - 1) / rate);
        SimTime end = link_of->completion_time(SimTime::from_ns(start_ns), static_cast<double>(bytes) * 8);
        INFO("rate " << rate << " bytes " << bytes << " start " << start_ns);
        CHECK(end.ns() - start_ns == expected);
      }
    }
  }
}

TEST_CASE("capacity_trace: a fixed transfer on a constant link ends as the general path ends it, from any start") {
  const double rate = 5'500'000;
  CapacityTrace constant = CapacityTrace::constant(rate);
  CapacityTrace segments = CapacityTrace::piecewise({0, 700'000'000}, {rate, rate}, 1'500'000'000);
  CHECK_FALSE(segments.fixed_transfer(1e6).has_value());  // two segments: not constant, so no shortcut
  for (double bits : {0.0, -8.0, 8.0, 12'000.0, 1.2e6, 7.9e9}) {
    const std::optional<CapacityTrace::FixedTransfer> fixed = constant.fixed_transfer(bits);
    REQUIRE(fixed.has_value());
    for (std::int64_t start_ns : {-5'000'000LL, 0LL, 987'654'321LL, 3'600'000'000'123'457LL}) {
      const SimTime start = SimTime::from_ns(start_ns);
      INFO("bits " << bits << " start " << start_ns);
      CHECK(fixed->end(start) == segments.completion_time(start, bits));
    }
  }
  // A transfer that would end beyond every simulated time ends "never", whatever its start.
  const SimTime never = SimTime::from_ns(limits::kNeverNs);
  CHECK(constant.fixed_transfer(1e30)->end(SimTime::zero()) == never);
  CHECK(constant.fixed_transfer(8e6)->end(SimTime::from_ns(limits::kNeverNs - 10)) == never);
}

TEST_CASE("capacity_trace: two-column traces integrate across samples, stalls and the loop") {
  // 8 Mbps over [0,1), nothing over [1,2), 4 Mbps over [2,3); the last sample holds for the median
  // spacing, so the trace loops every 3 s.
  CapacityTrace t = read_bandwidth_trace(data("steps.txt"));
  REQUIRE(t.period().ns() == 3'000'000'000);
  CHECK(t.mean_bps() == Approx(4e6));
  SECTION("within one sample") { CHECK(t.completion_time(at_s(2.5), 1e6) == at_s(2.75)); }
  SECTION("across the zero-capacity second and the loop") {
    // From 0.5 s: 4 Mb by 1 s, stall until 2 s, 4 Mb by 3 s, then 4 Mb at 8 Mbps: 3.5 s.
    CHECK(t.completion_time(at_s(0.5), 12e6) == at_s(3.5));
  }
  SECTION("starting inside the stall waits for capacity") { CHECK(t.completion_time(at_s(1.2), 2e6) == at_s(2.5)); }
  SECTION("many loops later") { CHECK(t.completion_time(at_s(3000.5), 12e6) == at_s(3003.5)); }
  SECTION("the end convention drops the first sample and shifts the rest") {
    // Sample (1, 0) covers (0, 1], sample (2, 4) covers (1, 2]; the trace loops every 2 s.
    CapacityTrace e = read_bandwidth_trace(data("steps.txt"), TraceFormat::auto_detect, SampleConvention::end);
    CHECK(e.period().ns() == 2'000'000'000);
    CHECK(e.completion_time(at_s(0.0), 2e6) == at_s(1.5));
    CHECK(e.completion_time(at_s(1.5), 4e6) == at_s(3.5));
  }
}

TEST_CASE("capacity_trace: Mahimahi traces deliver 1500 bytes per opportunity") {
  // Opportunities at 1, 1, 3 and 5 ms; the file loops every 5 ms.
  CapacityTrace t = read_bandwidth_trace(data("tiny.up"));
  REQUIRE(t.kind() == CapacityTrace::Kind::packets);
  REQUIRE(t.period().ns() == 5'000'000);
  CHECK(t.completion_time(at_ms(0), 3000 * 8) == at_ms(1));
  CHECK(t.completion_time(at_ms(0), 4500 * 8) == at_ms(3));
  SECTION("a partial packet still needs its opportunity") { CHECK(t.completion_time(at_ms(0), 3001 * 8) == at_ms(3)); }
  SECTION("across the loop: 3, 5, then 6, 6, 8 ms") { CHECK(t.completion_time(at_ms(2), 7500 * 8) == at_ms(8)); }
  SECTION("an opportunity at the start time is usable") { CHECK(t.completion_time(at_ms(5), 1500 * 8) == at_ms(5)); }
  SECTION("an opportunity just before the start is not") {
    CHECK(t.completion_time(SimTime::from_ns(1'000'001), 1500 * 8) == at_ms(3));
  }
}

TEST_CASE("capacity_trace: concurrent uploads of one client share the link equally") {
  CapacityTrace link = CapacityTrace::constant(8e6);
  SharedLink shared(&link);
  auto a = shared.start(at_s(0), 2e6);
  CHECK(shared.next_completion() == at_s(0.25));
  // At 0.1 s, A has sent 0.8 Mb; B arrives with 1 Mb. Each gets 4 Mbps: B ends at 0.35 s, A's last 0.2 Mb
  // then goes at 8 Mbps: 0.375 s.
  auto b = shared.start(at_s(0.1), 1e6);
  CHECK(shared.next_completion() == at_s(0.35));
  CHECK(shared.complete(at_s(0.35)) == b);
  CHECK(shared.next_completion() == at_s(0.375));
  CHECK(shared.complete(at_s(0.375)) == a);
  CHECK(shared.active() == 0);
  CHECK(shared.next_completion() == SimTime::max());
  SECTION("the same, 10^6 s into the run, on a trace of two segments: no precision lost to the run's length") {
    CapacityTrace two = CapacityTrace::piecewise({0, 300'000'000}, {8e6, 8e6}, 1'000'000'000);
    SharedLink late(&two);
    const Duration d = Duration::from_seconds(1e6);
    auto la = late.start(at_s(0) + d, 2e6);
    auto lb = late.start(at_s(0.1) + d, 1e6);
    CHECK(late.next_completion() == at_s(0.35) + d);
    CHECK(late.lone_completion(at_s(0.1) + d, 1e6) == at_s(0.225) + d);  // as if it had the link to itself
    CHECK(late.complete(at_s(0.35) + d) == lb);
    CHECK(late.next_completion() == at_s(0.375) + d);
    CHECK(late.complete(at_s(0.375) + d) == la);
  }
  SECTION("a lone flow on a packet trace matches completion_time") {
    CapacityTrace packets = read_bandwidth_trace(data("tiny.up"));
    SharedLink one(&packets);
    one.start(at_ms(2), 7500 * 8);
    CHECK(one.next_completion() == at_ms(8));
  }
}

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "engine/simulation.hpp"

using namespace splitsim;

namespace {

struct Ping {
  int tag;
};
struct Pong {
  int tag;
};

struct Recorder {
  Simulation<Ping, Pong>* sim;
  std::vector<std::pair<std::int64_t, int>> seen;
  void operator()(const Ping& p) {
    seen.emplace_back(sim->now().ns(), p.tag);
    if (p.tag == 1) sim->schedule(sim->now(), Pong{10});  // same time: after everything already scheduled
  }
  void operator()(const Pong& p) { seen.emplace_back(sim->now().ns(), p.tag); }
};

}  // namespace

TEST_CASE("engine: events fire in (time, scheduling order)") {
  Simulation<Ping, Pong> sim;
  Recorder r{&sim, {}};
  SECTION("earlier times first, equal times in the order they were scheduled") {
    sim.schedule(SimTime::from_ns(5), Ping{3});
    sim.schedule(SimTime::from_ns(2), Ping{1});
    sim.schedule(SimTime::from_ns(2), Ping{2});
    sim.schedule(SimTime::from_ns(5), Pong{4});
    sim.run(r);
    std::vector<std::pair<std::int64_t, int>> expected{{2, 1}, {2, 2}, {2, 10}, {5, 3}, {5, 4}};
    CHECK(r.seen == expected);
    CHECK(sim.events_processed() == 5);
  }
  SECTION("run stops before events after `until`, which stay pending") {
    sim.schedule(SimTime::from_ns(1), Ping{7});
    sim.schedule(SimTime::from_ns(100), Ping{8});
    sim.run(r, SimTime::from_ns(50));
    CHECK(r.seen.size() == 1);
    CHECK(sim.pending() == 1);
    CHECK(sim.now().ns() == 1);
  }
#ifdef NDEBUG
  SECTION("scheduling before now is a programming error (release builds throw; debug builds assert)") {
    sim.schedule(SimTime::from_ns(10), Ping{5});
    sim.run(r);
    CHECK_THROWS_AS(sim.schedule(SimTime::from_ns(3), Pong{6}), std::logic_error);
    CHECK(sim.pending() == 0);
    sim.schedule(SimTime::from_ns(10), Pong{7});  // now itself is allowed
    sim.run(r);
    CHECK(r.seen.back() == std::pair<std::int64_t, int>{10, 7});
  }
#endif
  SECTION("a thousand events at one time keep their order") {
    for (int i = 0; i < 1000; ++i) sim.schedule(SimTime::from_ns(42), Pong{i});
    sim.run(r);
    for (int i = 0; i < 1000; ++i) CHECK(r.seen[static_cast<std::size_t>(i)].second == i);
  }
}

namespace {

// A visitor with the optional prefetch hook: it is shown each next event before the current one is handled.
struct Previewer {
  Simulation<Ping, Pong>* sim;
  std::vector<int> previewed, handled;
  void prefetch(const EventQueue::Entry& next) {
    int tag = 0;
    std::memcpy(&tag, &next.payload, sizeof tag);
    previewed.push_back(next.kind() == Simulation<Ping, Pong>::kind_of<Pong>() ? -tag : tag);
  }
  void operator()(const Ping& p) {
    handled.push_back(p.tag);
    if (p.tag == 1) sim->schedule(sim->now(), Pong{5});  // scheduled after the preview: not previewed
  }
  void operator()(const Pong& p) { handled.push_back(-p.tag); }
};

}  // namespace

TEST_CASE("engine: a visitor's prefetch hook sees the next event while the current one is handled") {
  Simulation<Ping, Pong> sim;
  Previewer v{&sim, {}, {}};
  sim.schedule(SimTime::from_ns(3), Pong{3});
  sim.schedule(SimTime::from_ns(1), Ping{1});
  sim.schedule(SimTime::from_ns(2), Ping{2});
  sim.run(v);
  CHECK(v.handled == std::vector<int>{1, -5, 2, -3});
  // The hook runs before each handler with the queue's top then: Ping 2 (before Ping 1 scheduled Pong 5), Ping 2
  // again while Pong 5 ran, Pong 3 while Ping 2 ran, and nothing while the last event ran.
  CHECK(v.previewed == std::vector<int>{2, 2, -3});
}

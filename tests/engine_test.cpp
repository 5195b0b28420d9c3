#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/random.hpp"
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

TEST_CASE("engine: the event queue pops in (time, push order) under random pushes, peeks and pops") {
  // A reference: every entry kept, the earliest by (time, push order) taken by a scan.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    EventQueue queue;
    std::vector<EventQueue::Entry> reference;
    RandomStream rng(seed, 0);
    auto next = [&rng] { return rng.next(); };
    std::int64_t now = 0;
    std::size_t popped = 0, mismatches = 0;
    for (int step = 0; step < 20000; ++step) {
      const std::uint64_t r = next() % 10;
      if (r < 5 || reference.empty()) {
        // Ahead by 0 (the same time), by a few ns, or by up to about a second: the spreads a simulation makes.
        const std::uint64_t spread = next() % 3 == 0 ? 0 : (next() % 2 == 0 ? 8 : 1u << 30);
        std::int64_t at = now + static_cast<std::int64_t>(spread == 0 ? 0 : next() % spread);
        // Often a time pushed before: equal times pushed at different moments, to meet in one bucket.
        if (!reference.empty() && next() % 3 == 0) at = reference[next() % reference.size()].time.ns();
        const EventId id = queue.push(SimTime::from_ns(at), static_cast<std::uint8_t>(r), popped);
        reference.push_back(EventQueue::Entry{SimTime::from_ns(at), id, popped});
        if (next() % 4 == 0) (void)queue.top();  // a peek (the prefetch hook) between pushes
        continue;
      }
      auto first = std::min_element(reference.begin(), reference.end(), [](const auto& a, const auto& b) {
        return a.time < b.time || (a.time == b.time && a.order < b.order);
      });
      const EventQueue::Entry want = *first;
      reference.erase(first);
      if (queue.top().order != want.order) ++mismatches;
      const EventQueue::Entry got = queue.pop();
      if (got.order != want.order || got.time != want.time || got.payload != want.payload) ++mismatches;
      now = got.time.ns();
      ++popped;
    }
    CHECK(mismatches == 0);
    CHECK(queue.size() == reference.size());
    CHECK(popped > 5000);
  }
}

TEST_CASE("engine: the event queue refuses an entry earlier than the last one popped") {
  EventQueue queue;
  queue.push(SimTime::from_ns(10), 0, 0);
  queue.push(SimTime::from_ns(20), 0, 0);
  (void)queue.pop();
  CHECK_THROWS_AS(queue.push(SimTime::from_ns(9), 0, 0), std::logic_error);
  CHECK_NOTHROW(queue.push(SimTime::from_ns(10), 0, 0));
  CHECK(queue.pop().time.ns() == 10);
  CHECK(queue.pop().time.ns() == 20);
  CHECK(queue.empty());
}

TEST_CASE("engine: the event queue keeps its order through large buckets, released once dealt out, and refilled") {
  // 3 x 20,000 entries a second apart: the far buckets outgrow the 64 KiB a bucket keeps after it is dealt out.
  EventQueue queue;
  RandomStream rng(5, 0);
  std::vector<std::pair<std::int64_t, EventId>> want;
  std::size_t wrong = 0, popped = 0;
  for (int round = 0; round < 3; ++round) {
    const std::int64_t base = round * 1'000'000'000LL;
    for (int k = 0; k < 20000; ++k) {
      const std::int64_t at = base + static_cast<std::int64_t>(rng.next() % 1'000'000'000);
      want.emplace_back(at, queue.push(SimTime::from_ns(at), 0, 0));
    }
    std::sort(want.begin(), want.end());
    const std::size_t half = want.size() / 2;  // pop half, so that the next round pushes between pops
    for (std::size_t i = 0; i < half; ++i) {
      const EventQueue::Entry e = queue.pop();
      if (e.time.ns() != want[i].first || e.order != want[i].second) ++wrong;
      ++popped;
    }
    want.erase(want.begin(), want.begin() + static_cast<std::ptrdiff_t>(half));
  }
  for (const auto& [at, id] : want) {
    const EventQueue::Entry e = queue.pop();
    if (e.time.ns() != at || e.order != id) ++wrong;
    ++popped;
  }
  CHECK(wrong == 0);
  CHECK(popped == 60000);
  CHECK(queue.empty());
}

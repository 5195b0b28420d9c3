// The server pool on its own: FIFO over workers against Erlang C, batching, the probe's backlog, the oracle's
// projection and the load slowdown.

#include <catch2/catch.hpp>

#include <cmath>

#include "core/random.hpp"
#include "engine/simulation.hpp"
#include "server/server_pool.hpp"

using namespace splitsim;

namespace {

SimTime at_ms(double ms) { return SimTime::zero() + Duration::from_ms(ms); }

// Erlang C: the probability that an arrival waits, c servers at offered load a = lambda / mu.
double erlang_c(int c, double a) {
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  double last = term * a / c;
  double rho = a / c;
  return last / (1 - rho) / (sum + last / (1 - rho));
}

// An M/M/c queue made of the pool alone: Poisson arrivals, exponential service; returns the mean wait (s).
struct MmcModel {
  struct Arrive {};
  struct Done { int worker; };
  Simulation<Arrive, Done> sim;
  LoadTrace idle = LoadTrace::constant(0);
  ServerPool pool;
  RandomStream rng{7, 1};
  double lambda, mean_service_ms;
  std::uint32_t next = 0;
  std::vector<SimTime> arrived;
  double wait_s = 0;
  std::int64_t started = 0;

  MmcModel(int workers, double lambda_per_s, double mu_per_s)
      : pool(ServerConfig{workers, 1, false}, idle), lambda(lambda_per_s), mean_service_ms(1e3 / mu_per_s) {}

  void start(int w) {
    const auto& batch = pool.take_batch(w);
    wait_s += (sim.now() - arrived[batch.front().slot]).seconds();
    ++started;
    const ServerPool::Job& j = batch.front();
    sim.schedule(pool.begin(w, sim.now(), pool.service_time(j.work_ms, sim.now(), j.draw)), Done{w});
  }
  void operator()(const Arrive&) {
    arrived.push_back(sim.now());
    double draw = rng.exponential(1.0);
    int w = pool.arrive(ServerPool::Job{next++, 0, mean_service_ms, draw});
    if (w >= 0) start(w);
    if (next < 200000) sim.schedule_in(Duration::from_seconds(rng.exponential(1.0 / lambda)), Arrive{});
  }
  void operator()(const Done& d) {
    pool.finish(d.worker, sim.now());
    if (pool.has_queue()) start(d.worker);
  }
};

}  // namespace

TEST_CASE("server pool: FIFO over c workers waits as Erlang C predicts") {
  for (auto [workers, lambda, mu] : {std::tuple{1, 8.0, 10.0}, std::tuple{2, 15.0, 10.0}, std::tuple{4, 30.0, 10.0}}) {
    MmcModel m(workers, lambda, mu);
    m.sim.schedule(SimTime::zero(), MmcModel::Arrive{});
    m.sim.run(m);
    double a = lambda / mu;
    double expected = erlang_c(workers, a) / (workers * mu - lambda);
    double measured = m.wait_s / static_cast<double>(m.started);
    INFO("c = " << workers << ", rho = " << a / workers);
    CHECK(measured == Approx(expected).epsilon(0.05));
  }
}

TEST_CASE("server pool: batches queued jobs of the same key, in arrival order") {
  LoadTrace idle = LoadTrace::constant(0);
  ServerPool pool(ServerConfig{1, 3, true}, idle);
  CHECK(pool.arrive({0, 7, 10, 1}) == 0);
  const auto& first = pool.take_batch(0);
  REQUIRE(first.size() == 1);
  pool.begin(0, SimTime::zero(), Duration::from_ms(10));
  CHECK(pool.arrive({1, 7, 10, 1}) == -1);  // the only worker is busy
  CHECK(pool.arrive({2, 9, 10, 1}) == -1);
  CHECK(pool.arrive({3, 7, 10, 1}) == -1);
  CHECK(pool.arrive({4, 7, 10, 1}) == -1);
  CHECK(pool.arrive({5, 7, 10, 1}) == -1);
  pool.finish(0, at_ms(10));
  const auto& batch = pool.take_batch(0);
  REQUIRE(batch.size() == 3);  // max_batch: slots 1, 3, 4 (key 7); slot 2 has another key
  CHECK(batch[0].slot == 1);
  CHECK(batch[1].slot == 3);
  CHECK(batch[2].slot == 4);
  pool.begin(0, at_ms(10), Duration::from_ms(20));
  pool.finish(0, at_ms(30));
  CHECK(pool.take_batch(0).front().slot == 2);  // then the other key, then the rest
}

TEST_CASE("server pool: the probe's backlog and the oracle's projection") {
  LoadTrace idle = LoadTrace::constant(0);
  ServerPool pool(ServerConfig{2, 1, true}, idle);
  pool.arrive({0, 0, 100, 1});
  pool.take_batch(0);
  pool.begin(0, SimTime::zero(), Duration::from_ms(100));
  pool.arrive({1, 0, 40, 1});
  pool.take_batch(1);
  pool.begin(1, SimTime::zero(), Duration::from_ms(40));
  pool.arrive({2, 0, 30, 1});  // queued
  pool.arrive({3, 0, 50, 2});  // queued, its draw doubles its service
  const SimTime now = at_ms(10);
  // (30 + 50 queued + 90 + 30 remaining) / 2 workers
  CHECK(pool.backlog_ms(now) == Approx(100.0));
  // Worker 1 frees at 40 and takes 30 (-> 70); worker 1 again at 70 takes 50 x 2 (-> 170); worker 0 frees at 100.
  CHECK(pool.next_free(now) == at_ms(100));
  CHECK(pool.utilisation(at_ms(100)) == Approx(0.0));  // nothing finished yet
  pool.finish(1, at_ms(40));
  CHECK(pool.utilisation(at_ms(100)) == Approx(40.0 / 200.0));
}

TEST_CASE("server pool: background load slows service by 1 / (1 - load), capped at 99 %") {
  LoadTrace half = LoadTrace::constant(0.5);
  CHECK(ServerPool(ServerConfig{1, 1, true}, half).service_time(10, SimTime::zero(), 1).ms() == Approx(20.0));
  CHECK(ServerPool(ServerConfig{1, 1, false}, half).service_time(10, SimTime::zero(), 1).ms() == Approx(10.0));
  LoadTrace full = LoadTrace::constant(1.0);
  CHECK(ServerPool(ServerConfig{1, 1, true}, full).slowdown(SimTime::zero()) == Approx(100.0));
}

TEST_CASE("server_pool: a job goes to the lowest-numbered idle worker, among many") {
  LoadTrace idle = LoadTrace::constant(0);
  ServerPool pool(ServerConfig{130, 1, true}, idle);  // three words of idle bits
  auto start = [&](int w) {
    pool.take_batch(w);
    pool.begin(w, at_ms(0), Duration::from_ms(1));
  };
  for (int w = 0; w < 130; ++w) {
    REQUIRE(pool.arrive(ServerPool::Job{static_cast<std::uint32_t>(w), 0, 1.0, 1.0}) == w);
    start(w);
  }
  CHECK(pool.arrive(ServerPool::Job{130, 0, 1.0, 1.0}) == -1);  // all busy: it waits
  pool.finish(100, at_ms(1));
  pool.finish(70, at_ms(1));
  CHECK(pool.arrive(ServerPool::Job{131, 0, 1.0, 1.0}) == 70);
  start(70);
  CHECK(pool.arrive(ServerPool::Job{132, 0, 1.0, 1.0}) == 100);
  pool.finish(129, at_ms(1));
  pool.finish(5, at_ms(1));
  CHECK(pool.arrive(ServerPool::Job{133, 0, 1.0, 1.0}) == 5);
}

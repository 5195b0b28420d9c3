#include "world/arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace splitsim {

ClientStart client_start(const GroupSetup& g, std::uint64_t seed, std::uint32_t client) {
  RandomStream rng(seed, client);
  double period = g.uplink->period().seconds();
  double offset = g.spec.uplink.offset_s ? std::fmod(*g.spec.uplink.offset_s, period) : rng.uniform() * period;
  return {rng, Duration::from_seconds(offset)};
}

std::optional<SimTime> next_arrival(const GroupSetup& g, RandomStream& rng, SimTime after, std::size_t count) {
  const ArrivalSpec& a = g.spec.arrival;
  switch (a.kind) {
    case ArrivalSpec::Kind::periodic:
      return count == 0 ? SimTime::from_seconds(a.phase_s) : after + Duration::from_seconds(a.period_s);
    case ArrivalSpec::Kind::poisson:
      return after + Duration::from_seconds(rng.exponential(1.0 / a.rate_per_s));
    case ArrivalSpec::Kind::trace:
      if (count >= g.arrival_times_s.size()) return std::nullopt;
      return SimTime::from_seconds(g.arrival_times_s[count]);
  }
  return std::nullopt;
}

double service_draw(std::uint64_t seed, std::uint64_t query_id, bool exponential) {
  if (!exponential) return 1.0;
  double u = static_cast<double>(mix64(seed ^ mix64(query_id * 0x9e3779b97f4a7c15ULL + 1)) >> 11) * 0x1.0p-53;
  return -std::log1p(-u);
}

std::vector<ClientArrivals> all_arrivals(const ExperimentSetup& setup, std::uint64_t seed) {
  const Scenario& s = setup.scenario;
  const SimTime horizon = SimTime::from_seconds(s.horizon_s);
  std::vector<ClientArrivals> out(setup.clients);
  for (const GroupSetup& g : setup.groups) {
    for (int k = 0; k < g.spec.count; ++k) {
      const std::uint32_t client = g.first_client + static_cast<std::uint32_t>(k);
      RandomStream rng = client_start(g, seed, client).rng;
      SimTime after = SimTime::zero();
      for (std::size_t n = 0;; ++n) {
        std::optional<SimTime> t = next_arrival(g, rng, after, n);
        if (!t || *t > horizon) break;
        out[client].times.push_back(after = *t);
      }
    }
  }
  if (s.max_queries > 0) {
    std::vector<std::tuple<SimTime, std::uint32_t, std::size_t>> order;
    for (std::uint32_t c = 0; c < out.size(); ++c) {
      for (std::size_t k = 0; k < out[c].times.size(); ++k) order.emplace_back(out[c].times[k], c, k);
    }
    if (order.size() > static_cast<std::size_t>(s.max_queries)) {
      std::nth_element(order.begin(), order.begin() + s.max_queries, order.end());
      for (auto it = order.begin() + s.max_queries; it != order.end(); ++it) {
        auto& times = out[std::get<1>(*it)].times;
        times.resize(std::min(times.size(), std::get<2>(*it)));
      }
    }
  }
  for (std::uint32_t c = 0; c < out.size(); ++c) {
    for (std::size_t k = 0; k < out[c].times.size(); ++k) {
      out[c].draws.push_back(service_draw(seed, query_id(c, k), s.server.exponential_service));
    }
  }
  return out;
}

}  // namespace splitsim

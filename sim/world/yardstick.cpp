#include "world/yardstick.hpp"

#include <algorithm>
#include <limits>

namespace splitsim {
namespace {

ServerPool server_of(const ExperimentSetup& setup) {
  const ServerSpec& s = setup.scenario.server;
  return ServerPool(ServerConfig{s.workers, s.max_batch, s.load_slowdown}, setup.load);
}

std::optional<Duration> download_of(const GroupSetup& g) {
  if (!g.spec.download) return std::nullopt;
  return download_time(g);
}

OptimumClient optimum_client(const ExperimentSetup& setup, const GroupSetup& g, const CutBook& book,
                             const ServerPool& server, Duration trace_offset) {
  return OptimumClient{&book,           g.uplink.get(),
                       trace_offset,    &g.radio,
                       &server,         &g.phone,
                       setup.scenario.server.workers,
                       setup.scenario.server.max_batch, download_of(g),
                       static_cast<double>(g.costs.result_bytes) * 8.0};
}

// Each query alone, minimised over the splits (the yardstick of several clients; Yardstick's comment); `slowdown`
// is the least the background load causes, and the phone's least slowdown bounds its processor's.
void lower_bounds(const GroupSetup& g, const CutBook& book, double slowdown, std::uint32_t client,
                  const ClientArrivals& a, Duration offset, Yardstick& y) {
  const std::optional<Duration> download = download_of(g);
  const RadioProfile& r = g.radio;
  const CapacityTrace& link = *g.uplink;
  // Upload energy: alpha for its bits, beta for no less than the time its bits take at the link's peak rate.
  double peak_bps = 0;
  if (link.kind() == CapacityTrace::Kind::piecewise) peak_bps = *std::max_element(link.rates_bps().begin(), link.rates_bps().end());
  const double download_j = download ? r.alpha_down_mw_per_mbps * static_cast<double>(g.costs.result_bytes) * 8.0 * 1e-9 : 0.0;
  for (std::size_t k = 0; k < a.times.size(); ++k) {
    double best_ms = std::numeric_limits<double>::infinity(), best_j = best_ms;
    for (int s = 0; s <= book.local_only(); ++s) {
      const double mobile_ms = g.phone.active() ? book.mobile_ms(s) * g.phone.least_slowdown() : book.mobile_ms(s);
      const SimTime e = s == 0 && book.mobile_ms(0) == 0 ? a.times[k] : a.times[k] + Duration::from_ms(mobile_ms);
      double energy = book.mobile_j(s);
      SimTime done = e;
      if (s != book.local_only()) {
        const double bits = static_cast<double>(book.upload_bytes(s)) * 8.0;
        SimTime up = std::max(link.completion_time(e + offset, bits) - offset, e);
        done = up + Duration::from_ms(book.server_ms(s, 1) * slowdown * a.draws[k]);
        if (download) done += *download;
        energy += (r.alpha_mj(bits, 0) + (peak_bps > 0 ? r.beta_mw * bits / peak_bps : 0.0)) * 1e-3 + download_j;
      }
      best_ms = std::min(best_ms, (done - a.times[k]).ms());
      best_j = std::min(best_j, energy);
    }
    y.latency_ms[client].push_back(best_ms);
    y.energy_j[client].push_back(best_j);
  }
}

}  // namespace

bool Yardstick::exact() const {
  if (kind != Kind::offline_optimum) return false;
  for (const auto* plans : {&latency_plans, &energy_plans}) {
    for (const OptimumPlan& p : *plans) {
      if (!p.exact()) return false;
    }
  }
  return true;
}

Json yardsticks_json(const std::vector<Yardstick>& yardsticks) {
  if (yardsticks.front().kind == Yardstick::Kind::lower_bound) return {{"kind", "lower bound"}};
  bool exact = true, capped = false;
  std::uint64_t approximate = 0;
  std::size_t peak = 0;
  for (const Yardstick& y : yardsticks) {
    exact = exact && y.exact();
    for (const auto* plans : {&y.latency_plans, &y.energy_plans}) {
      for (const OptimumPlan& p : *plans) {
        approximate += p.approximate;
        peak = std::max(peak, p.peak_states);
        capped = capped || p.capped;
      }
    }
  }
  return {{"kind", "offline optimum"}, {"exact", exact},      {"approximate_transitions", approximate},
          {"capped", capped},          {"peak_states", peak}};
}

Yardstick build_yardstick(const ExperimentSetup& setup, std::uint64_t seed) {
  const std::vector<ClientArrivals> arrivals = all_arrivals(setup, seed);
  Yardstick y;
  y.latency_ms.resize(setup.clients);
  y.energy_j.resize(setup.clients);
  const bool alone = setup.clients == 1 && !setup.groups.front().spec.open_population;
  const ServerPool server = server_of(setup);
  const double least_slowdown = server.least_slowdown();
  for (const GroupSetup& g : setup.groups) {
    const CutBook book(g.network, g.costs);
    for (int k = 0; k < g.spec.count; ++k) {
      const std::uint32_t c = g.first_client + static_cast<std::uint32_t>(k);
      const Duration offset = client_start(g, seed, c).trace_offset;
      if (!alone) {
        lower_bounds(g, book, least_slowdown, c, arrivals[c], offset, y);
        continue;
      }
      y.kind = Yardstick::Kind::offline_optimum;
      const OptimumClient client = optimum_client(setup, g, book, server, offset);
      auto [by_latency, by_energy] = offline_optima(client, arrivals[c]);
      y.latency_plans.push_back(std::move(by_latency));
      y.energy_plans.push_back(std::move(by_energy));
      y.latency_ms[c] = y.latency_plans.back().latency_ms;
      y.energy_j[c] = y.energy_plans.back().energy_j;
    }
  }
  return y;
}

OptimumPlan evaluate_client_plan(const ExperimentSetup& setup, std::uint64_t seed, std::uint32_t client,
                                 const std::vector<int>& splits) {
  const auto g = std::find_if(setup.groups.begin(), setup.groups.end(), [&](const GroupSetup& gs) {
    return client >= gs.first_client && client < gs.first_client + static_cast<std::uint32_t>(gs.spec.count);
  });
  const ServerPool server = server_of(setup);
  const CutBook book(g->network, g->costs);
  const OptimumClient c = optimum_client(setup, *g, book, server, client_start(*g, seed, client).trace_offset);
  return evaluate_plan(c, all_arrivals(setup, seed)[client], splits);
}

std::vector<std::vector<int>> optimum_plans(const ExperimentSetup& setup, std::uint64_t seed, std::uint32_t group,
                                            Objective objective) {
  const std::vector<ClientArrivals> arrivals = all_arrivals(setup, seed);
  const GroupSetup& g = setup.groups[group];
  const ServerPool server = server_of(setup);
  const CutBook book(g.network, g.costs);
  std::vector<std::vector<int>> plans(setup.clients);
  for (int k = 0; k < g.spec.count; ++k) {
    const std::uint32_t c = g.first_client + static_cast<std::uint32_t>(k);
    const OptimumClient client = optimum_client(setup, g, book, server, client_start(g, seed, c).trace_offset);
    plans[c] = offline_optimum(client, arrivals[c], objective).splits;
  }
  return plans;
}

}  // namespace splitsim

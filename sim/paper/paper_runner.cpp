// The experiments of `splitsim paper`. Each is an ordinary scenario (scenarios/paper/) with settings applied
// the way `--set` applies them, run through the same OffloadWorld as `splitsim run`.

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/parallel.hpp"
#include "world/experiment_setup.hpp"
#include "world/offload_world.hpp"
#include "paper/paper.hpp"
#include "paper/paper_run.hpp"
#include "partition/neurosurgeon.hpp"

namespace splitsim {
namespace {

Cell run_cell(const PaperSpec& spec, const std::string& bench, const std::pair<std::string, std::string>& mobile,
              const PaperSpec::Wireless& w, bool tails, ResourceCache& cache) {
  std::vector<std::string> sets = cell_settings(spec.settings, bench, mobile.second, w, tails);
  Json partitioners = Json::array({"cloud-only", "local-only", "neurosurgeon-latency", "neurosurgeon-energy"});
  const Network net = cache.network(bench);
  if (!tails) {
    for (const auto& layer : net.layers) partitioners.push_back("fixed:" + layer.name);
  }
  sets.push_back("partitioners=" + partitioners.dump());
  ExperimentSetup setup = build_experiment(load_scenario(spec.grid_scenario, sets), &cache);
  Cell cell{bench, mobile.first, w.label, {}, {}, {}, {}, {}, {}};
  cell.status_quo = run_replica(setup, replica_of(setup, "cloud-only")).at(0);
  cell.local = run_replica(setup, replica_of(setup, "local-only")).at(0);
  cell.ns_latency = run_replica(setup, replica_of(setup, "neurosurgeon-latency")).at(0);
  cell.ns_energy = run_replica(setup, replica_of(setup, "neurosurgeon-energy")).at(0);
  for (std::size_t r = 0; r < setup.scenario.partitioners.size(); ++r) {
    if (setup.scenario.partitioners[r].starts_with("fixed:")) cell.per_split.push_back(run_replica(setup, r).at(0));
  }
  if (!tails) {
    for (const PaperAlternative& alt : paper_alternatives(spec.settings)) {
      std::vector<std::string> alt_sets = cell_settings(alt.settings, bench, mobile.second, w, tails);
      alt_sets.push_back(R"(partitioners=["neurosurgeon-latency","neurosurgeon-energy"])");
      ExperimentSetup alt_setup = build_experiment(load_scenario(spec.grid_scenario, alt_sets), &cache);
      cell.alternatives.push_back({alt.name, run_replica(alt_setup, 0).at(0).split, run_replica(alt_setup, 1).at(0).split});
    }
  }
  return cell;
}

LoadPoint run_load_point(const PaperSpec& spec, const std::string& server, double percent, ResourceCache& cache) {
  // The experiment's own server platform overrides the common one (later assignments win).
  std::vector<std::string> sets = common_settings(spec.settings);
  sets.insert(sets.end(), {fmt::format("server.load_level={}", percent / 100.0), "server.platform=" + quoted(server),
                           "server.load_model=" + quoted(spec.settings.load_model),
                           R"(partitioners=["cloud-only","neurosurgeon-latency"])"});
  ExperimentSetup setup = build_experiment(load_scenario(spec.load_scenario, sets), &cache);
  return {server, percent, run_replica(setup, replica_of(setup, "cloud-only")).at(0),
          run_replica(setup, replica_of(setup, "neurosurgeon-latency")).at(0)};
}

std::vector<LtePoint> run_lte(const PaperSpec& spec, ResourceCache& cache) {
  std::vector<std::string> sets = common_settings(spec.settings);
  for (const auto& [label, platform] : spec.mobiles) {
    if (label == spec.settings.lte_device) sets.push_back("clients.0.mobile_platform=" + quoted(platform));
  }
  ExperimentSetup setup = build_experiment(load_scenario(spec.lte_scenario, sets), &cache);
  std::vector<Outcome> status_quo = run_replica(setup, replica_of(setup, "cloud-only"));
  std::vector<Outcome> neurosurgeon = run_replica(setup, replica_of(setup, "neurosurgeon-latency"));
  std::vector<Outcome> oracle = run_replica(setup, replica_of(setup, "greedy-oracle"));
  const CapacityTrace& trace = *setup.groups[0].uplink;
  std::vector<LtePoint> points;
  for (std::size_t i = 0; i < status_quo.size(); ++i) {
    SimTime t = SimTime::from_seconds(status_quo[i].arrival_s);
    double mbps = trace.capacity_between(t, t + Duration::from_seconds(1)) * 1e-6;
    points.push_back({t.seconds(), mbps, status_quo[i], neurosurgeon[i], oracle[i]});
  }
  return points;
}

// Mean server sojourn (queue + service) of what reaches the server, in ms; 0 when nothing does.
double mean_sojourn_ms(const ExperimentSetup& setup) {
  struct Sojourn : QueryObserver {
    double sum_ms = 0;
    std::int64_t n = 0;
    void on_query(const QueryRecord& r) override {
      if (r.local) return;
      sum_ms += (r.server_end - r.upload_end).ms();
      ++n;
    }
  } s;
  OffloadWorld world(setup, 0, {&s});
  world.run();
  return s.n > 0 ? s.sum_ms / static_cast<double>(s.n) : 0.0;
}

// BigHouse's method: the largest total arrival rate whose mean sojourn meets the target, to 1 %. Below kMinRate
// the target counts as unreachable (the mean service alone exceeds it): the search would otherwise halve forever
// while each trial's horizon (queries / rate) grows without bound.
struct RateSearch {
  double rate = 0;
  bool at_limit = false;     ///< met at the search's upper limit (nothing, or almost nothing, reaches the server)
  bool unreachable = false;  ///< not met even at kMinRate
  double offloaded_share = 0;  ///< of the queries, at a low rate
};
constexpr double kMinRate = 0.01;
constexpr double kMaxRate = 1e5;
constexpr double kMomentsRate = 10;  ///< q/s: service moments do not depend on queueing; the horizon stays short

// What reaches the server at a low rate (the service times do not depend on queueing; only load-aware choices
// do, a little): the offloaded share of the queries and the first two moments of their service time (ms, ms²).
struct ServiceMoments {
  double share = 0, mean_ms = 0, second_ms2 = 0;
};

ServiceMoments service_moments(const ExperimentSetup& setup) {
  struct Moments : QueryObserver {
    double n = 0, offloaded = 0, sum = 0, sum2 = 0;
    void on_query(const QueryRecord& r) override {
      ++n;
      if (r.local) return;
      double s = (r.server_end - r.server_start).ms();
      ++offloaded;
      sum += s;
      sum2 += s * s;
    }
  } m;
  OffloadWorld world(setup, 0, {&m});
  world.run();
  if (m.offloaded == 0) return {};
  return {m.offloaded / m.n, m.sum / m.offloaded, m.sum2 / m.offloaded};
}

// Where the search starts: the rate at which an M/G/1 queue fed by the offloaded share meets the target, by the
// Pollaczek-Khinchine formula E[S] + lambda*share*E[S^2] / (2 (1 - lambda*share*E[S])) = T, solved for lambda.
// The simulation decides; a good start only saves trials (7 or so instead of 15).
double pk_rate(const ServiceMoments& m, double target_ms) {
  double slack = target_ms - m.mean_ms;
  double a = m.share * m.mean_ms * 1e-3, b = m.share * m.second_ms2 * 1e-6 / 2;
  return slack * 1e-3 / (b + a * slack * 1e-3);
}

RateSearch max_rate(ExperimentSetup setup, const PaperSpec& spec) {
  double phones = 0;
  for (const auto& g : setup.groups) phones += g.spec.count;
  auto with_rate = [&](double lambda) {
    for (auto& g : setup.groups) g.spec.arrival.rate_per_s = lambda / phones;
    setup.scenario.horizon_s = spec.queries_per_trial / lambda;
  };
  auto meets = [&](double lambda) {
    with_rate(lambda);
    return mean_sojourn_ms(setup) <= spec.target_sojourn_ms;
  };
  with_rate(kMomentsRate);
  ServiceMoments idle = service_moments(setup);
  if (idle.share == 0) return {kMaxRate, true, false, 0};
  if (idle.mean_ms >= spec.target_sojourn_ms) {
    return meets(kMinRate) ? RateSearch{kMinRate, false, false, idle.share} : RateSearch{0, false, true, idle.share};
  }
  double start = std::clamp(pk_rate(idle, spec.target_sojourn_ms), kMinRate, kMaxRate);
  // Bracket the answer with steps that grow (x1.1, x1.21, x1.46, ...), then bisect.
  double lo = start, hi = start, step = 1.1;
  if (meets(start)) {
    while (meets(hi = std::min(lo * step, kMaxRate))) {
      if (hi >= kMaxRate) return {kMaxRate, true, false, idle.share};
      lo = hi;
      step *= step;
    }
  } else {
    while (!meets(lo = std::max(hi / step, kMinRate))) {
      if (lo <= kMinRate) return {0, false, true, idle.share};
      hi = lo;
      step *= step;
    }
  }
  while (hi - lo > 0.01 * hi) {
    double mid = 0.5 * (lo + hi);
    (meets(mid) ? lo : hi) = mid;
  }
  return {lo, false, false, idle.share};
}

// BigHouse's static mode: each group pinned to the split Neurosurgeon chooses at the idle server for its network,
// device and wireless network, chosen once; the load never moves it.
Scenario static_partitions(Scenario s, const PaperSpec::Wireless& w, ResourceCache& cache) {
  ExperimentSetup idle = build_experiment(s, &cache);
  Beliefs b;
  b.uplink_bps = w.uplink_mbps * 1e6;
  for (std::size_t g = 0; g < s.clients.size(); ++g) {
    const CostTable& t = idle.groups[g].costs;
    s.clients[g].partitioner = "fixed:" + t.layer_names[static_cast<std::size_t>(decide_latency(t, b))];
  }
  return s;
}

ThroughputPoint run_throughput(const PaperSpec& spec, const PaperSpec::Wireless& w, double share, ResourceCache& cache) {
  Scenario base = load_scenario(spec.throughput_scenario, common_settings(spec.settings));
  ClientGroup tmpl = base.clients.at(0);
  base.clients.clear();
  int gpu = static_cast<int>(std::lround(spec.phones_per_benchmark * share / 100.0));
  for (const auto& bench : spec.benchmarks) {
    for (const auto& [label, platform] : spec.mobiles) {
      ClientGroup g = tmpl;
      g.name = bench + "-" + label;
      g.network = bench;
      g.mobile_platform = platform;
      g.count = label == "gpu" ? gpu : spec.phones_per_benchmark - gpu;
      g.uplink.trace = fmt::format("constant:{}", w.uplink_mbps);
      g.radio = w.radio;
      g.estimator.initial_mbps = w.uplink_mbps;
      auto work = spec.settings.phone_work_ms.find(bench);
      g.phone_work_ms = work == spec.settings.phone_work_ms.end() ? 0.0 : work->second;
      if (g.count > 0) base.clients.push_back(g);
    }
  }
  ThroughputPoint p;
  p.wireless = w.label;
  p.gpu_share_percent = share;
  {
    Scenario s = static_partitions(base, w, cache);
    s.partitioners = {"neurosurgeon-latency"};  // every group pins its own split
    RateSearch found = max_rate(build_experiment(s, &cache), spec);
    p.static_qps = found.rate;
    p.static_at_limit = found.at_limit;
    p.static_offloaded_share = found.offloaded_share;
  }
  for (const char* method : {"cloud-only", "neurosurgeon-latency"}) {
    Scenario s = base;
    s.partitioners = {method};
    RateSearch found = max_rate(build_experiment(s, &cache), spec);
    if (std::string(method) == "cloud-only") {
      p.status_quo_qps = found.rate;
      p.status_quo_unreachable = found.unreachable;
    } else {
      p.neurosurgeon_qps = found.rate;
      p.neurosurgeon_unbounded = found.at_limit;
      p.neurosurgeon_offloaded_share = found.offloaded_share;
      p.neurosurgeon_unreachable = found.unreachable;
    }
  }
  return p;
}

// One cell of the tails experiment: every compared partitioner over a query every gap (periodic or Poisson), the
// offline optimum's plans made once for the cell.
TailsCell run_tails_cell(const PaperSpec& spec, const std::string& bench, const std::pair<std::string, std::string>& mobile,
                         const PaperSpec::Wireless& w, double gap_s, ResourceCache& cache) {
  std::vector<std::string> sets = cell_settings(spec.settings, bench, mobile.second, w, true);
  sets.push_back(spec.tails->poisson
                     ? fmt::format(R"(clients.0.arrival={{"process": "poisson", "rate_per_s": {}}})", 1.0 / gap_s)
                     : fmt::format(R"(clients.0.arrival={{"process": "periodic", "period_s": {}}})", gap_s));
  sets.push_back(fmt::format("horizon_s={}", gap_s * spec.tails->queries_per_cell));
  ExperimentSetup setup = build_experiment(load_scenario(spec.tails->scenario, sets), &cache);
  const Yardstick optimum = build_yardstick(setup, setup.scenario.seed);
  TailsCell cell{bench, mobile.first, w.label, gap_s, optimum.exact(), {}};
  for (std::size_t r = 0; r < setup.scenario.partitioners.size(); ++r) {
    std::vector<Outcome> out = run_replica(setup, r, &optimum);
    TailsCell::Result res{setup.scenario.partitioners[r], 0, 0, 0, {}};
    std::map<std::string, int> splits;
    for (const Outcome& o : out) {
      res.latency_ms += o.latency_ms;
      res.energy_j += o.energy_j();
      res.tail_j += o.tail_j;
      ++splits[o.split];
    }
    auto n = static_cast<double>(std::max<std::size_t>(out.size(), 1));
    res.latency_ms /= n;
    res.energy_j /= n;
    res.tail_j /= n;
    auto top = std::max_element(splits.begin(), splits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (top != splits.end()) res.top_split = top->first;
    cell.results.push_back(res);
  }
  return cell;
}

// The phone-load and misprediction experiments, when paper.json has them.
void queue_belief_experiments(const PaperSpec& spec, PaperResults& res, ResourceCache& cache, std::vector<std::function<void()>>& tasks) {
  const std::size_t cells = spec.benchmarks.size() * spec.mobiles.size() * spec.wireless.size();
  if (spec.phone_load) {
    for (const auto& w : spec.wireless) {
      const auto& labels = spec.phone_load->wireless;
      if (std::find(labels.begin(), labels.end(), w.label) == labels.end()) continue;
      for (double level : spec.phone_load->levels_percent) {
        res.phone_load.emplace_back();
        tasks.push_back([&spec, &res, &cache, i = res.phone_load.size() - 1, w, level] { res.phone_load[i] = run_phone_load_point(spec, w, level, cache); });
      }
    }
  }
  if (spec.misprediction) {
    res.mispredictions.resize(cells);
    for (std::size_t i = 0; i < cells; ++i) {
      const std::size_t per_bench = spec.mobiles.size() * spec.wireless.size();
      const auto& bench = spec.benchmarks[i / per_bench];
      const auto& mobile = spec.mobiles[i % per_bench / spec.wireless.size()];
      const auto& w = spec.wireless[i % spec.wireless.size()];
      tasks.push_back([&spec, &res, &cache, i, bench, mobile, w] { res.mispredictions[i] = run_mispredict_cell(spec, bench, mobile, w, cache); });
    }
  }
  if (spec.learning) {
    for (bool authors : {false, true}) {
      for (const auto& bench : spec.benchmarks) {
        for (const auto& w : spec.wireless) {
          const auto& labels = spec.learning->wireless;
          if (std::find(labels.begin(), labels.end(), w.label) == labels.end()) continue;
          res.learning.emplace_back();
          tasks.push_back([&spec, &res, &cache, i = res.learning.size() - 1, bench, w, authors] {
            res.learning[i] = run_learning_cell(spec, bench, w, authors, cache);
          });
        }
      }
    }
  }
}

}  // namespace

Outcome outcome_of(const QueryRecord& r) {
  Outcome o;
  o.split = *r.split_after;
  o.split_index = r.split_index;
  o.arrival_s = r.arrival.seconds();
  o.latency_ms = (r.done - r.arrival).ms();
  o.mobile_ms = (r.mobile_end - r.arrival).ms();
  o.upload_ms = r.local ? 0 : (r.upload_end - r.mobile_end).ms();
  o.server_ms = r.local ? 0 : (r.server_end - r.upload_end).ms();
  o.mobile_j = r.mobile_energy_j;
  o.radio_j = r.radio_energy_j + r.promotion_energy_j;
  o.tail_j = r.tail_energy_j;
  o.truth_split_index = r.truth_split;
  o.mispredict_ms = r.mispredict_ms;
  o.mispredict_j = r.mispredict_j;
  return o;
}

PaperResults run_paper(const PaperSpec& spec, int threads) {
  PaperResults res;
  ResourceCache cache;
  std::vector<std::function<void()>> tasks;
  std::size_t cells = spec.benchmarks.size() * spec.mobiles.size() * spec.wireless.size();
  res.cells.resize(cells);
  res.tail_cells.resize(cells);
  std::size_t k = 0;
  for (const auto& bench : spec.benchmarks) {
    for (const auto& mobile : spec.mobiles) {
      for (const auto& w : spec.wireless) {
        tasks.push_back([&, k, bench, mobile, w] { res.cells[k] = run_cell(spec, bench, mobile, w, spec.settings.tails, cache); });
        tasks.push_back([&, k, bench, mobile, w] { res.tail_cells[k] = run_cell(spec, bench, mobile, w, true, cache); });
        ++k;
      }
    }
  }
  const std::size_t levels = spec.load_levels_percent.size();
  res.load.resize(levels * spec.load_platforms.size());
  for (std::size_t i = 0; i < res.load.size(); ++i) {
    tasks.push_back([&, i] {
      res.load[i] = run_load_point(spec, spec.load_platforms[i / levels], spec.load_levels_percent[i % levels], cache);
    });
  }
  tasks.push_back([&] { res.lte = run_lte(spec, cache); });
  res.throughput.resize(spec.wireless.size() * spec.gpu_shares_percent.size());
  for (std::size_t i = 0; i < res.throughput.size(); ++i) {
    tasks.push_back([&, i] {
      const auto& w = spec.wireless[i / spec.gpu_shares_percent.size()];
      res.throughput[i] = run_throughput(spec, w, spec.gpu_shares_percent[i % spec.gpu_shares_percent.size()], cache);
    });
  }
  if (spec.tails) {
    std::size_t i = 0;
    for (const auto& bench : spec.benchmarks) {
      for (const auto& mobile : spec.mobiles) {
        for (const auto& w : spec.wireless) {
          if (std::find(spec.tails->wireless.begin(), spec.tails->wireless.end(), w.label) == spec.tails->wireless.end()) continue;
          for (double gap : spec.tails->gaps_s) {
            res.tails.emplace_back();
            tasks.push_back([&, i, bench, mobile, w, gap] { res.tails[i] = run_tails_cell(spec, bench, mobile, w, gap, cache); });
            ++i;
          }
        }
      }
    }
  }
  queue_belief_experiments(spec, res, cache, tasks);
  // The slow tasks (throughput searches) were queued last; run them first so the cores stay busy.
  std::reverse(tasks.begin(), tasks.end());
  parallel_for(tasks.size(), threads, [&](std::size_t t) { tasks[t](); });
  res.warnings = cache.warnings();
  return res;
}

}  // namespace splitsim

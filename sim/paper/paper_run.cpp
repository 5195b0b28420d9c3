// What the experiments of `splitsim paper` share (paper_run.hpp).
#include "paper/paper_run.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "world/offload_world.hpp"

namespace splitsim {
namespace {

// Outcomes are taken while the world is alive: a record's split name belongs to the world.
struct Collector : QueryObserver {
  std::vector<std::pair<std::uint64_t, Outcome>> outcomes;
  void on_query(const QueryRecord& r) override { outcomes.emplace_back(r.id, outcome_of(r)); }
};

}  // namespace

std::vector<Outcome> run_replica(const ExperimentSetup& setup, std::size_t replica, const Yardstick* yardstick) {
  Collector c;
  OffloadWorld world(setup, replica, {&c}, std::nullopt, yardstick);
  world.run();
  std::sort(c.outcomes.begin(), c.outcomes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Outcome> out;
  for (auto& [id, o] : c.outcomes) out.push_back(std::move(o));
  return out;
}

std::string quoted(const std::string& s) { return Json(s).dump(); }

std::size_t replica_of(const ExperimentSetup& setup, std::string_view name) {
  const auto& names = setup.scenario.partitioners;
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    throw InputError(setup.scenario.file, "/partitioners", fmt::format("the paper's experiment needs partitioner \"{}\"", name));
  }
  return static_cast<std::size_t>(it - names.begin());
}

std::vector<std::string> common_settings(const PaperSettings& p) {
  if (p.input == "raw") return {"server.platform=" + quoted(p.server), "clients.0.input=\"raw\""};
  return {"server.platform=" + quoted(p.server), "clients.0.input_dtype=" + quoted(p.input_dtype)};
}

std::vector<std::string> cell_settings(const PaperSettings& settings, const std::string& bench, const std::string& platform,
                                       const PaperSpec::Wireless& w, bool tails) {
  std::vector<std::string> sets = common_settings(settings);
  auto work = settings.phone_work_ms.find(bench);
  sets.push_back(fmt::format("clients.0.phone_work_ms={}", work == settings.phone_work_ms.end() ? 0.0 : work->second));
  std::vector<std::string> cell = {"clients.0.network=" + quoted(bench),
          "clients.0.mobile_platform=" + quoted(platform),
          "clients.0.uplink.trace=" + quoted(fmt::format("constant:{}", w.uplink_mbps)),
          "clients.0.radio=" + quoted(w.radio),
          fmt::format("clients.0.estimator.initial_mbps={}", w.uplink_mbps),
          fmt::format("clients.0.tails={}", tails ? "true" : "false")};
  sets.insert(sets.end(), cell.begin(), cell.end());
  return sets;
}


}  // namespace splitsim

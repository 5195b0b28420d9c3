// The seed's questions to Neurosurgeon (docs/reproduction.md): a loaded phone ("why not include K_mobile?") and
// decisions on regressions that are not the truth ("mispredicts when performance is close"): their runs,
// phone-load.csv, mispredictions.csv and the tables.md sections.
#include <map>

#include <fmt/format.h>

#include "core/columns.hpp"
#include "paper/paper.hpp"
#include "paper/paper_math.hpp"
#include "paper/paper_run.hpp"

namespace splitsim {

PhoneLoadPoint run_phone_load_point(const PaperSpec& spec, const PaperSpec::Wireless& w, double percent, ResourceCache& cache) {
  std::vector<std::string> sets = cell_settings(spec.settings, "imc", "jetson-cpu", w, spec.settings.tails);
  sets.push_back(fmt::format("clients.0.phone.load_level={}", percent / 100.0));
  sets.push_back(R"(partitioners=["local-only","neurosurgeon-latency","neurosurgeon-latency+phone"])");
  ExperimentSetup setup = build_experiment(load_scenario(spec.phone_load->scenario, sets), &cache);
  return {w.label, percent, run_replica(setup, 0).at(0), run_replica(setup, 1).at(0), run_replica(setup, 2).at(0)};
}

MispredictCell run_mispredict_cell(const PaperSpec& spec, const std::string& bench, const std::pair<std::string, std::string>& mobile,
                                   const PaperSpec::Wireless& w, ResourceCache& cache) {
  std::vector<std::string> sets = cell_settings(spec.settings, bench, mobile.second, w, spec.settings.tails);
  sets.push_back("clients.0.belief.platform=" + quoted(spec.misprediction->mobile_beliefs.at(mobile.first)));
  sets.push_back("server.belief.platform=" + quoted(spec.misprediction->server_belief));
  sets.push_back(R"(partitioners=["neurosurgeon-latency","neurosurgeon-energy"])");
  ExperimentSetup setup = build_experiment(load_scenario(spec.grid_scenario, sets), &cache);
  MispredictCell cell{bench, mobile.first, w.label, run_replica(setup, 0).at(0), run_replica(setup, 1).at(0), {}, {}};
  const std::vector<std::string>& names = setup.groups[0].costs.layer_names;
  cell.truth_latency_split = names.at(static_cast<std::size_t>(cell.latency.truth_split_index));
  cell.truth_energy_split = names.at(static_cast<std::size_t>(cell.energy.truth_split_index));
  return cell;
}

std::string phone_load_csv(const std::vector<PhoneLoadPoint>& points) {
  using P = PhoneLoadPoint;
  static const Columns<P> columns{
      column<P>("wireless", "{}", [](const P& p) { return p.wireless; }),
      column<P>("phone_load_percent", "{}", [](const P& p) { return p.load_percent; }),
      column<P>("local_ms", "{:.6f}", [](const P& p) { return p.local.latency_ms; }),
      column<P>("neurosurgeon_split", "{}", [](const P& p) { return p.paper.split; }),
      column<P>("neurosurgeon_ms", "{:.6f}", [](const P& p) { return p.paper.latency_ms; }),
      column<P>("phone_aware_split", "{}", [](const P& p) { return p.aware.split; }),
      column<P>("phone_aware_ms", "{:.6f}", [](const P& p) { return p.aware.latency_ms; }),
  };
  return csv_table(columns, points);
}

std::string phone_load_markdown(const std::vector<PhoneLoadPoint>& points) {
  std::string md = "\n## Phone load (AlexNet, mobile CPU)\n\nOther apps share the phone's processor (its time × 1/(1 − load), the "
                   "server's model); the paper's Neurosurgeon predicts the idle phone, `+phone` measures the load before it "
                   "decides.\n\n| wireless | phone load | local ms | Neurosurgeon split | Neurosurgeon ms | +phone split | +phone ms | "
                   "Neurosurgeon / +phone |\n|---|---|---|---|---|---|---|---|\n";
  for (const PhoneLoadPoint& p : points) {
    md += fmt::format("| {} | {:.0f} % | {:.1f} | {} | {:.1f} | {} | {:.1f} | {:.2f} |\n", p.wireless, p.load_percent, p.local.latency_ms,
                      p.paper.split, p.paper.latency_ms, p.aware.split, p.aware.latency_ms, p.paper.latency_ms / p.aware.latency_ms);
  }
  return md;
}

std::string mispredictions_csv(const std::vector<MispredictCell>& cells) {
  using C = MispredictCell;
  static const Columns<C> columns{
      column<C>("benchmark", "{}", [](const C& c) { return c.benchmark; }),
      column<C>("mobile", "{}", [](const C& c) { return c.mobile; }),
      column<C>("wireless", "{}", [](const C& c) { return c.wireless; }),
      column<C>("latency_split", "{}", [](const C& c) { return c.latency.split; }),
      column<C>("truth_latency_split", "{}", [](const C& c) { return c.truth_latency_split; }),
      column<C>("latency_regret_ms", "{:.6f}", [](const C& c) { return c.latency.mispredict_ms; }),
      column<C>("energy_split", "{}", [](const C& c) { return c.energy.split; }),
      column<C>("truth_energy_split", "{}", [](const C& c) { return c.truth_energy_split; }),
      column<C>("energy_regret_j", "{:.9f}", [](const C& c) { return c.energy.mispredict_j; }),
  };
  return csv_table(columns, cells);
}

std::string mispredictions_markdown(const PaperSpec& spec, const std::vector<MispredictCell>& cells) {
  std::string md = fmt::format(
      "\n## Decisions on the authors' regressions\n\nEvery cell of the grid decided on the authors' own GFLOPS regressions "
      "(calibration/djinn-*.json, transcribed by scripts/transcribe-djinn-models; server: {}) and charged at splitsim's "
      "platforms, fitted to the authors' measurements. Regret: what the choice costs more than the truth's choice, in "
      "Algorithm 1's own latency (latency target) or energy (energy target) on the true costs.\n\n"
      "| mobile | wireless | latency choices wrong | mean regret ms | worst | energy choices wrong | mean regret mJ | worst |\n"
      "|---|---|---|---|---|---|---|---|\n", spec.misprediction->server_belief);
  std::map<std::pair<std::string, std::string>, std::vector<const MispredictCell*>> rows;
  for (const MispredictCell& c : cells) rows[{c.mobile, c.wireless}].push_back(&c);
  for (const auto& [key, group] : rows) {
    int wrong_l = 0, wrong_e = 0;
    std::vector<double> ms, mj;
    const MispredictCell* worst_l = group.front();
    const MispredictCell* worst_e = group.front();
    for (const MispredictCell* c : group) {
      wrong_l += c->latency.split != c->truth_latency_split;
      wrong_e += c->energy.split != c->truth_energy_split;
      ms.push_back(c->latency.mispredict_ms);
      mj.push_back(c->energy.mispredict_j * 1e3);
      if (c->latency.mispredict_ms > worst_l->latency.mispredict_ms) worst_l = c;
      if (c->energy.mispredict_j > worst_e->energy.mispredict_j) worst_e = c;
    }
    auto worst = [](const MispredictCell* c, double v, const char* unit, const std::string& split, const std::string& truth) {
      return v > 0 ? fmt::format("{} {:.1f} {} ({} for {})", c->benchmark, v, unit, split, truth) : std::string("–");
    };
    md += fmt::format("| {} | {} | {}/{} | {:.1f} | {} | {}/{} | {:.1f} | {} |\n", key.first, key.second, wrong_l, group.size(), mean(ms),
                      worst(worst_l, worst_l->latency.mispredict_ms, "ms", worst_l->latency.split, worst_l->truth_latency_split),
                      wrong_e, group.size(), mean(mj),
                      worst(worst_e, worst_e->energy.mispredict_j * 1e3, "mJ", worst_e->energy.split, worst_e->truth_energy_split));
  }
  md += "\nPer cell in mispredictions.csv.\n";
  return md;
}

}  // namespace splitsim

// The online-learning experiment (docs/reproduction.md): how fast `+learn` reaches the choices the truth would
// make, after the phone throttles and when it starts from the authors' regressions, against the static policy.
#include <fmt/format.h>

#include "core/columns.hpp"
#include "paper/paper.hpp"
#include "paper/paper_run.hpp"

namespace splitsim {
namespace {

// From the first query at or after `from_s`: choices unlike the truth's, and after how many queries every later
// choice is the truth's (-1: the last one is wrong).
struct Count {
  int queries = 0, wrong = 0, settled = -1;
  std::string truth;
};
Count count(const std::vector<Outcome>& out, double from_s) {
  Count c;
  int last_wrong = -1;
  for (const Outcome& o : out) {
    if (o.arrival_s < from_s) continue;
    if (o.truth_split_index != o.split_index) {
      ++c.wrong;
      last_wrong = c.queries;
    }
    ++c.queries;
  }
  c.settled = last_wrong + 1 < c.queries ? last_wrong + 1 : -1;
  return c;
}

}  // namespace

LearningCell run_learning_cell(const PaperSpec& spec, const std::string& bench, const PaperSpec::Wireless& w, bool authors,
                               ResourceCache& cache) {
  std::vector<std::string> sets = cell_settings(spec.settings, bench, "jetson-cpu", w, spec.settings.tails);
  const double from_s = authors ? 0.0 : spec.learning->step_s;
  if (authors) {
    sets.push_back("clients.0.phone.speed_trace=\"\"");
    sets.push_back(fmt::format("horizon_s={}", spec.learning->step_s - 0.5));
    sets.push_back("clients.0.belief.platform=" + quoted(spec.misprediction->mobile_beliefs.at(spec.mobiles.front().first)));
    sets.push_back("server.belief.platform=" + quoted(spec.misprediction->server_belief));
  }
  ExperimentSetup setup = build_experiment(load_scenario(spec.learning->scenario, sets), &cache);
  std::vector<Outcome> fixed = run_replica(setup, replica_of(setup, "neurosurgeon-latency"));
  std::vector<Outcome> learning = run_replica(setup, replica_of(setup, "neurosurgeon-latency+learn"));
  Count s = count(fixed, from_s), l = count(learning, from_s);
  const std::vector<std::string>& names = setup.groups[0].costs.layer_names;
  std::string truth = learning.empty() ? "" : names.at(static_cast<std::size_t>(learning.back().truth_split_index));
  return {bench, w.label, authors ? "authors' regressions" : "throttled", l.queries, s.wrong, l.wrong, l.settled, truth};
}

std::string learning_csv(const std::vector<LearningCell>& cells) {
  using C = LearningCell;
  static const Columns<C> columns{
      column<C>("start", "{}", [](const C& c) { return c.start; }),
      column<C>("benchmark", "{}", [](const C& c) { return c.benchmark; }),
      column<C>("wireless", "{}", [](const C& c) { return c.wireless; }),
      column<C>("queries", "{}", [](const C& c) { return c.queries; }),
      column<C>("truth_split", "{}", [](const C& c) { return c.truth_split; }),
      column<C>("static_wrong", "{}", [](const C& c) { return c.static_wrong; }),
      column<C>("learn_wrong", "{}", [](const C& c) { return c.learn_wrong; }),
      column<C>("learn_settled_after", "{}", [](const C& c) { return c.learn_settled; }),
  };
  return csv_table(columns, cells);
}

std::string learning_markdown(const std::vector<LearningCell>& cells) {
  std::string md = "\n## Costs learnt online (mobile CPU, a query a second)\n\nThe paper's Neurosurgeon against "
                   "`neurosurgeon-latency+learn` (docs/scenarios.md): *throttled*, the phone slows to a quarter of its "
                   "speed at 60 s (counted over the 60 queries after); *authors' regressions*, decisions start from "
                   "the misprediction variant's beliefs (60 queries). Wrong: choices unlike the same policy's on the "
                   "true costs; settled: the queries after which every choice is the truth's. Cells where the static "
                   "policy is never wrong are left out (learning.csv has them all).\n\n"
                   "| start | benchmark | wireless | truth's split | static wrong | +learn wrong | +learn settled after |\n"
                   "|---|---|---|---|---|---|---|\n";
  int shown = 0, never = 0;
  for (const LearningCell& c : cells) {
    if (c.static_wrong == 0) continue;
    ++shown;
    never += c.learn_settled < 0;
    md += fmt::format("| {} | {} | {} | {} | {}/{} | {}/{} | {} |\n", c.start, c.benchmark, c.wireless, c.truth_split, c.static_wrong,
                      c.queries, c.learn_wrong, c.queries, c.learn_settled < 0 ? "not by the end" : std::to_string(c.learn_settled));
  }
  md += fmt::format("\n{} of {} cells have a static policy that errs; +learn settles in {} of them.\n", shown, cells.size(), shown - never);
  return md;
}

}  // namespace splitsim

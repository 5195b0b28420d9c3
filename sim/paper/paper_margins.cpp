// How firmly each partition point is chosen: the margin of Neurosurgeon's split over the runner-up, from the
// per-split outcomes of each cell, and the cells decided by less than 5 % (near ties).
#include <algorithm>
#include <array>
#include <map>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/columns.hpp"
#include "paper/paper_math.hpp"

namespace splitsim {
namespace {

constexpr double kNearTie = 0.05;

// A cell's chosen split and its runner-up under one objective.
struct Margin {
  const Cell* cell = nullptr;
  std::string objective, chosen, runner_up;
  double chosen_value = 0, runner_up_value = 0;  ///< ms or J
  std::vector<std::string> flips;  ///< the alternatives that move the choice, as `setting=value -> split`
  double margin() const { return runner_up_value - chosen_value; }
  double relative() const { return chosen_value > 0 ? margin() / chosen_value : 0; }
  bool near_tie() const { return relative() < kNearTie; }
};

std::vector<Margin> margins_of(const std::vector<Cell>& cells) {
  std::vector<Margin> out;
  for (const Cell& c : cells) {
    if (c.per_split.size() < 2) continue;  // cells run with tails have no per-split outcomes
    for (bool energy : {false, true}) {
      auto value = [&](const Outcome& o) { return energy ? o.energy_j() : o.latency_ms; };
      const std::string& chosen = energy ? c.ns_energy.split : c.ns_latency.split;
      Margin m{&c, energy ? "energy" : "latency", chosen, "", 0, std::numeric_limits<double>::infinity(), {}};
      for (const Outcome& o : c.per_split) {
        if (o.split == chosen) {
          m.chosen_value = value(o);
        } else if (value(o) < m.runner_up_value) {
          m.runner_up_value = value(o);
          m.runner_up = o.split;
        }
      }
      for (const AlternativeChoice& a : c.alternatives) {
        const std::string& split = energy ? a.energy_split : a.latency_split;
        if (split != chosen) m.flips.push_back(fmt::format("{} -> {}", a.alternative, split));
      }
      out.push_back(m);
    }
  }
  return out;
}

// How many cells each alternative moves, per objective: the sensitivity of the whole table to each setting.
std::string flip_summary(const std::vector<Margin>& all) {
  std::map<std::string, std::array<int, 2>> counts;
  for (const AlternativeChoice& a : all.front().cell->alternatives) counts[a.alternative] = {0, 0};
  for (const Margin& m : all) {
    for (const std::string& f : m.flips) ++counts[f.substr(0, f.find(" -> "))][m.objective == "energy" ? 1 : 0];
  }
  std::string md = fmt::format("\nCells (of {} per objective) whose partition point each documented alternative moves:\n\n"
                               "| alternative | latency | energy |\n|---|---|---|\n", all.size() / 2);
  if (counts.empty()) return md + "| none | 0 | 0 |\n";
  for (const auto& [name, n] : counts) md += fmt::format("| `{}` | {} | {} |\n", name, n[0], n[1]);
  return md;
}

}  // namespace

std::string margins_csv(const std::vector<Cell>& cells) {
  using M = Margin;
  static const Columns<M> columns{
      column<M>("objective", "{}", [](const M& m) { return m.objective; }),
      column<M>("mobile", "{}", [](const M& m) { return m.cell->mobile; }),
      column<M>("wireless", "{}", [](const M& m) { return m.cell->wireless; }),
      column<M>("benchmark", "{}", [](const M& m) { return m.cell->benchmark; }),
      column<M>("split_after", "{}", [](const M& m) { return m.chosen; }),
      column<M>("runner_up", "{}", [](const M& m) { return m.runner_up; }),
      column<M>("chosen_value", "{:.9g}", [](const M& m) { return m.chosen_value; }),
      column<M>("runner_up_value", "{:.9g}", [](const M& m) { return m.runner_up_value; }),
      column<M>("margin_percent", "{:.3f}", [](const M& m) { return m.relative() * 100; }),
      column<M>("near_tie", "{}", [](const M& m) { return m.near_tie() ? "true" : "false"; }),
      column<M>("flipped_by", "{}", [](const M& m) { return fmt::format("{}", fmt::join(m.flips, "; ")); }),
  };
  return csv_table(columns, margins_of(cells));
}

std::string margins_markdown(const std::vector<Cell>& cells) {
  std::vector<Margin> all = margins_of(cells);
  if (all.empty()) return {};
  std::string md = fmt::format("\n## Near ties: partition points chosen by less than {:.0f} % over the runner-up\n\n"
                               "`margins.csv` has the margin of every cell (ms for latency, J for energy).\n\n",
                               kNearTie * 100);
  std::string rows;
  for (const Margin& m : all) {
    if (!m.near_tie()) continue;
    const char* unit = m.objective == "latency" ? "ms" : "J";
    rows += fmt::format("| {} | {} {} {} | {} | {} | {:.4g} {} ({:.1f} %) | {} |\n", m.objective, m.cell->benchmark,
                        m.cell->mobile, m.cell->wireless, m.chosen, m.runner_up, m.margin(), unit, m.relative() * 100,
                        m.flips.empty() ? "none" : fmt::format("{}", fmt::join(m.flips, "; ")));
  }
  if (rows.empty()) return md + "None.\n" + flip_summary(all);
  return md + "| objective | cell | split | runner-up | margin | flipped by |\n|---|---|---|---|---|---|\n" + rows +
         flip_summary(all);
}

}  // namespace splitsim

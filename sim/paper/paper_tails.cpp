// The tails experiment's outputs: tails.csv, one row per cell and partitioner, and a tables.md section that
// says, per mobile, network and arrival rate, what ignoring the radio costs and what the radio-aware policies
// recover.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/columns.hpp"
#include "paper/paper.hpp"

namespace splitsim {
namespace {

struct Row {
  const TailsCell* cell;
  const TailsCell::Result* result;
};

const TailsCell::Result& result_of(const TailsCell& c, const std::string& partitioner) {
  return *std::find_if(c.results.begin(), c.results.end(), [&](const auto& r) { return r.partitioner == partitioner; });
}

}  // namespace

std::string tails_csv(const std::vector<TailsCell>& cells) {
  static const Columns<Row> columns{
      column<Row>("mobile", "{}", [](const Row& r) { return r.cell->mobile; }),
      column<Row>("wireless", "{}", [](const Row& r) { return r.cell->wireless; }),
      column<Row>("gap_s", "{}", [](const Row& r) { return r.cell->gap_s; }),
      column<Row>("optimum_exact", "{}", [](const Row& r) { return r.cell->optimum_exact; }),
      column<Row>("benchmark", "{}", [](const Row& r) { return r.cell->benchmark; }),
      column<Row>("partitioner", "{}", [](const Row& r) { return r.result->partitioner; }),
      column<Row>("latency_ms", "{:.6f}", [](const Row& r) { return r.result->latency_ms; }),
      column<Row>("total_energy_j", "{:.9f}", [](const Row& r) { return r.result->energy_j; }),
      column<Row>("tail_energy_j", "{:.9f}", [](const Row& r) { return r.result->tail_j; }),
      column<Row>("top_split", "{}", [](const Row& r) { return r.result->top_split; }),
  };
  std::vector<Row> rows;
  for (const TailsCell& c : cells) {
    for (const auto& r : c.results) rows.push_back({&c, &r});
  }
  return csv_table(columns, rows);
}

namespace {

// The policies of a tails row, each as a geometric mean of its ratio to local execution.
struct Column {
  const char* partitioner;
  bool energy;
};
constexpr Column kColumns[] = {{"neurosurgeon-energy", true},      {"radio-energy", true},   {"offline-optimum-energy", true},
                               {"neurosurgeon-latency", false},    {"radio-latency", false}, {"offline-optimum-latency", false}};

double value_of(const TailsCell::Result& r, bool energy) { return energy ? r.energy_j : r.latency_ms; }

// Lists the cell in `worse` where radio-energy spends more than both neurosurgeon-energy and local execution, and in
// `beaten` (exact optimum: a defect) or `beaten_approximate` (its transfers overlap) where a policy beats the optimum.
void check_cell(const TailsCell& c, std::string& beaten, std::string& beaten_approximate, std::string& worse) {
  const auto& local = result_of(c, "local-only");
  const double radio = result_of(c, "radio-energy").energy_j, ns = result_of(c, "neurosurgeon-energy").energy_j;
  if (radio > ns * (1 + 1e-9) && radio > local.energy_j * (1 + 1e-9)) {
    worse += fmt::format("| {} {} {} s {} | {:.4g} J | {:.4g} J | {:.4g} J |\n", c.mobile, c.wireless, c.gap_s, c.benchmark, radio,
                         ns, local.energy_j);
  }
  const double best_j = result_of(c, "offline-optimum-energy").energy_j, best_ms = result_of(c, "offline-optimum-latency").latency_ms;
  for (const auto& r : c.results) {
    if (r.energy_j < best_j * (1 - 1e-9) || r.latency_ms < best_ms * (1 - 1e-9)) {
      (c.optimum_exact ? beaten : beaten_approximate) +=
          fmt::format("{} {} {} s {}: {}; ", c.mobile, c.wireless, c.gap_s, c.benchmark, r.partitioner);
    }
  }
}

}  // namespace

std::string tails_markdown(const std::vector<TailsCell>& cells) {
  if (cells.empty()) return {};
  std::string md =
      "\n## The tails experiment: Neurosurgeon against radio-aware policies and the offline optimum, with promotions "
      "and tails\n\n"
      "One phone, a query every gap, every benchmark (`tails.csv`). Energy and latency per query, geometric means over "
      "the benchmarks of each policy's value divided by local execution's (below 1: better than keeping everything on "
      "the phone). The offline optimum plans the whole run with hindsight (docs/optimum.md); `exact` counts the "
      "benchmarks where no two transfers can overlap, so that it is the optimum over every split sequence.\n\n"
      "| mobile | wireless | gap | energy: neurosurgeon-energy | energy: radio-energy | energy: offline optimum | latency: "
      "neurosurgeon-latency | latency: radio-latency | latency: offline optimum | exact |\n"
      "|---|---|---|---|---|---|---|---|---|---|\n";
  // (mobile, wireless, gap) in the order of the cells.
  std::vector<std::tuple<std::string, std::string, double>> keys;
  for (const TailsCell& c : cells) {
    auto k = std::make_tuple(c.mobile, c.wireless, c.gap_s);
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  std::string worse, beaten, beaten_approximate;
  int exact = 0;
  for (const auto& [mobile, wireless, gap] : keys) {
    double logs[std::size(kColumns)] = {};
    int n = 0, exact_here = 0;
    for (const TailsCell& c : cells) {
      if (c.mobile != mobile || c.wireless != wireless || c.gap_s != gap) continue;
      const auto& local = result_of(c, "local-only");
      for (std::size_t k = 0; k < std::size(kColumns); ++k) {
        logs[k] += std::log(value_of(result_of(c, kColumns[k].partitioner), kColumns[k].energy) / value_of(local, kColumns[k].energy));
      }
      ++n;
      exact_here += c.optimum_exact ? 1 : 0;
      check_cell(c, beaten, beaten_approximate, worse);
    }
    exact += exact_here;
    md += fmt::format("| {} | {} | {} s |", mobile, wireless, gap);
    for (double l : logs) md += fmt::format(" {:.2f} |", std::exp(l / n));
    md += fmt::format(" {}/{} |\n", exact_here, n);
  }
  md += fmt::format("\nThe offline optimum is exact in {} of {} cells; no policy beats it in any of them: {}. ", exact,
                    cells.size(), beaten.empty() ? "checked" : "FAILS: " + beaten);
  md += beaten_approximate.empty()
            ? "Where it is approximate (transfers overlap), no policy beats it either: checked.\n"
            : "Where it is approximate (transfers overlap), a policy beats it in: " + beaten_approximate + "\n";
  md += "\nCells where radio-energy spends more than both neurosurgeon-energy and local execution: ";
  if (worse.empty()) return md + "none.\n";
  return md + "\n\n| cell | radio-energy | neurosurgeon-energy | local-only |\n|---|---|---|---|\n" + worse;
}

}  // namespace splitsim

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
      column<Row>("mean_gap_s", "{}", [](const Row& r) { return r.cell->mean_gap_s; }),
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

std::string tails_markdown(const std::vector<TailsCell>& cells) {
  if (cells.empty()) return {};
  std::string md =
      "\n## The tails experiment: Neurosurgeon against radio-aware policies, with promotions and tails\n\n"
      "One phone, Poisson queries at each mean gap, every benchmark (`tails.csv`). Energy and latency per query, "
      "geometric means over the benchmarks of each policy's value divided by local execution's (below 1: better "
      "than keeping everything on the phone).\n\n"
      "| mobile | wireless | mean gap | energy: neurosurgeon-energy | energy: radio-energy | latency: neurosurgeon-latency "
      "| latency: radio-latency |\n|---|---|---|---|---|---|---|\n";
  // (mobile, wireless, gap) in the order of the cells.
  std::vector<std::tuple<std::string, std::string, double>> keys;
  for (const TailsCell& c : cells) {
    auto k = std::make_tuple(c.mobile, c.wireless, c.mean_gap_s);
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  std::string worse;
  for (const auto& [mobile, wireless, gap] : keys) {
    double logs[4] = {0, 0, 0, 0};
    int n = 0;
    for (const TailsCell& c : cells) {
      if (c.mobile != mobile || c.wireless != wireless || c.mean_gap_s != gap) continue;
      const auto& local = result_of(c, "local-only");
      logs[0] += std::log(result_of(c, "neurosurgeon-energy").energy_j / local.energy_j);
      logs[1] += std::log(result_of(c, "radio-energy").energy_j / local.energy_j);
      logs[2] += std::log(result_of(c, "neurosurgeon-latency").latency_ms / local.latency_ms);
      logs[3] += std::log(result_of(c, "radio-latency").latency_ms / local.latency_ms);
      ++n;
      double radio = result_of(c, "radio-energy").energy_j;
      double ns = result_of(c, "neurosurgeon-energy").energy_j;
      if (radio > ns * (1 + 1e-9) && radio > local.energy_j * (1 + 1e-9)) {
        worse += fmt::format("| {} {} {} s {} | {:.4g} J | {:.4g} J | {:.4g} J |\n", mobile, wireless, gap, c.benchmark, radio,
                             ns, local.energy_j);
      }
    }
    md += fmt::format("| {} | {} | {} s | {:.2f} | {:.2f} | {:.2f} | {:.2f} |\n", mobile, wireless, gap, std::exp(logs[0] / n),
                      std::exp(logs[1] / n), std::exp(logs[2] / n), std::exp(logs[3] / n));
  }
  md += "\nCells where radio-energy spends more than both neurosurgeon-energy and local execution: ";
  if (worse.empty()) return md + "none.\n";
  return md + "\n\n| cell | radio-energy | neurosurgeon-energy | local-only |\n|---|---|---|---|\n" + worse;
}

}  // namespace splitsim

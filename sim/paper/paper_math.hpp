#pragma once
// The arithmetic the paper's tables share: means, and a cell's speedup and normalised energy.

#include <cmath>
#include <vector>

#include "paper/paper.hpp"

namespace splitsim {

inline double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

inline double geomean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += std::log(x);
  return v.empty() ? 0 : std::exp(s / static_cast<double>(v.size()));
}

/// Neurosurgeon's latency speedup over the status quo.
inline double speedup(const Cell& c) { return c.status_quo.latency_ms / c.ns_latency.latency_ms; }
/// Neurosurgeon's mobile energy (energy objective) over the status quo's.
inline double normalised(const Cell& c) { return c.ns_energy.energy_j() / c.status_quo.energy_j(); }

/// The aggregates the paper's abstract and speedup figure publish, as splitsim's tables compute them.
std::string headline_markdown(const PaperSpec& spec, const PaperResults& r);

/// Each cell's margin of the chosen split over the runner-up (margins.csv), and the near ties (Markdown).
std::string margins_csv(const std::vector<Cell>& cells);
std::string margins_markdown(const std::vector<Cell>& cells);

}  // namespace splitsim

#pragma once
// Crossovers (docs/sweeps.md): where along each axis of a sweep a partitioner's most chosen split changes —
// "at which bandwidth should I stop offloading?" — read from the results table itself, so that a merged
// sweep gets the same answer as an unsharded one.

#include <string>

namespace splitsim {

/// crossovers.csv from results.csv's text: for every axis, every partitioner and every combination of the
/// other axes' values, each pair of neighbouring values (in the sweep's order) between which `top_split`
/// changes: `axis,others,partitioner,from,to,split_before,split_after`.
std::string crossovers_csv(const std::string& results_csv);

/// The first `max_lines` crossovers in words, one per line ("neurosurgeon-latency: bandwidth_mbps 2 -> 5:
/// argmax -> pool5 (load=0.3)"), and a line saying how many more are in crossovers.csv.
std::string crossovers_text(const std::string& crossovers, std::size_t max_lines);

}  // namespace splitsim

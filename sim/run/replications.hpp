#pragma once
// Independent replications (docs/scenarios.md, "Replications"): the summary.json entry of one partitioner over
// several runs that differ only in their seed.

#include <vector>

#include "core/json_reader.hpp"

namespace splitsim {

/// Joins the entries of one partitioner's replications: every measured number becomes the mean over the
/// replications, with the half-width of its 95 % confidence interval (Student t) at the same place under
/// `ci95_half_width`; counts (`count`, `splits`) are summed, `stable` holds only if every replication is
/// stable, client indices and words are the first replication's. One entry is returned as it is.
Json join_replications(const std::vector<Json>& entries);

}  // namespace splitsim

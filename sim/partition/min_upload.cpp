// The split that sends the fewest bytes: a common heuristic baseline that needs no latency or energy model.
#include "partition/policy.hpp"

namespace splitsim {
namespace {

int min_upload_split(const DecisionView& v) {
  const CostTable& t = v.costs;
  int best = 0;
  for (int j = 1; j < t.local_only(); ++j) {
    if (t.upload_bytes[static_cast<std::size_t>(j)] < t.upload_bytes[static_cast<std::size_t>(best)]) best = j;
  }
  return best;
}

}  // namespace

extern const PolicyTraits kMinUpload{
    .name = "min-upload",
    .description = "the offloading split whose crossing tensors are smallest (ties: the earliest); always offloads; "
                   "a heuristic baseline without latency or energy models",
    .optimises = "the bytes sent (no latency or energy model)",
    .decide = min_upload_split,
};

}  // namespace splitsim

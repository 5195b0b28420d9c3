// A split fixed in the scenario: always after the named layer.
#include "partition/policy.hpp"

namespace splitsim {

extern const PolicyTraits kFixedSplit{
    .name = "fixed",
    .description = "always after `<layer>` (on a DAG: the topological prefix ending at `<layer>`)",
    .optimises = "nothing: a fixed rule",
    .takes_layer = true,
    .decide = [](const DecisionView& v) { return v.fixed_index; },
};

}  // namespace splitsim

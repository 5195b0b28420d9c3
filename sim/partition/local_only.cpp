// Everything on the mobile.
#include "partition/policy.hpp"

namespace splitsim {

extern const PolicyTraits kLocalOnly{
    .name = "local-only",
    .description = "everything on the mobile",
    .optimises = "nothing: a fixed rule (compute everything on the phone)",
    .decide = [](const DecisionView& v) { return v.costs.local_only(); },
};

}  // namespace splitsim

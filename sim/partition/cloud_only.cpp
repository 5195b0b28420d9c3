// The status quo: the input goes to the server.
#include "partition/policy.hpp"

namespace splitsim {

extern const PolicyTraits kCloudOnly{
    .name = "cloud-only",
    .description = "the status quo: send the input",
    .optimises = "nothing: a fixed rule (send the input)",
    .decide = [](const DecisionView&) { return 0; },
};

}  // namespace splitsim

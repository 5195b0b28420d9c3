#pragma once
// The host's own limits, measured as `splitsim profile` runs its kernels (single-threaded Eigen): the best
// rate of a large matrix product and of a streaming read. No kernel of the profile can beat them, so they
// bound the host platform's predictions as the published peaks bound the paper's devices.

#include "calib/device_limits.hpp"

namespace splitsim {

/// Measures for about a second; `cpu` names the processor in the result.
DeviceLimits measure_host_limits();

}  // namespace splitsim

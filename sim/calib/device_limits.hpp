#pragma once
// The physical limits of the device a platform runs on: its peak FP32 arithmetic rate, its memory
// bandwidth and, for GPUs, the least time a kernel launch takes. No layer can run faster than the
// roofline bound max(FLOPs / peak, bytes moved / bandwidth, launch floor), where bytes moved counts the
// fp32 inputs, outputs and weights (docs/calibration.md, "Physical limits").

#include <string>
#include <string_view>

#include "calib/layer_sample.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

/// Which term of the roofline bound is largest for a layer.
enum class Bound { compute, memory, launch };
std::string_view bound_name(Bound b);

struct DeviceLimits {
  std::string device;          ///< "NVIDIA Tesla K40", ...
  double peak_gflops = 0;      ///< FP32, 1e9 FLOP/s
  double memory_gbps = 0;      ///< 1e9 bytes/s
  double launch_floor_ms = 0;  ///< per layer; 0 where there is no launch cost (CPUs)
  std::string sources;         ///< where each number comes from

  /// The least time `s` can take, in ms.
  double bound_ms(const LayerSample& s) const;
  /// The term that gives bound_ms.
  Bound binding(const LayerSample& s) const;

  Json to_json() const;
  static DeviceLimits from_json(const Json& j, const std::string& file, const std::string& pointer);
};

}  // namespace splitsim

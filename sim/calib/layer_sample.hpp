#pragma once
// One measured (or to-be-predicted) layer: its configuration in the tool-neutral profile terms
// (docs/calibration.md), its measured latency and power, and where it came from.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "network/layer.hpp"
#include "network/network.hpp"

namespace splitsim {

struct LayerSample {
  LayerType type = LayerType::conv;
  std::int64_t in_c = 1, in_h = 1, in_w = 1;
  std::int64_t out_c = 1, out_h = 1, out_w = 1;
  std::int64_t kernel = 1;  ///< window size; for lrn the local size
  std::int64_t stride = 1;
  std::int64_t groups = 1;
  std::int64_t batch = 1;
  int inputs = 1;           ///< producers (add)
  double latency_ms = std::numeric_limits<double>::quiet_NaN();
  double power_w = std::numeric_limits<double>::quiet_NaN();
  std::string network;      ///< empty when unknown
  std::string layer;
  std::string source;       ///< file:line
  std::int64_t known_flops = -1;  ///< set when the sample comes from a network layer (exact for any window)

  std::int64_t input_elements() const { return in_c * in_h * in_w * batch; }
  std::int64_t output_elements() const { return out_c * out_h * out_w * batch; }
  /// Learned parameters (conv, local, fc), independent of the batch.
  std::int64_t weights() const;
  /// FLOPs of the whole batch, by the convention of docs/networks.md.
  std::int64_t flops() const;
  /// False when its tensors, weights or FLOPs exceed docs/limits.md (flops() would overflow).
  bool within_limits() const;
  LayerParams params() const;
  /// Bytes moved at fp32: inputs, outputs and weights.
  double bytes_moved() const { return 4.0 * static_cast<double>(input_elements() + output_elements() + weights()); }
  bool has_power() const { return !std::isnan(power_w); }
};

/// The sample describing `net.layers[index]` (latency and power unset).
LayerSample sample_of_layer(const Network& net, std::size_t index);

}  // namespace splitsim

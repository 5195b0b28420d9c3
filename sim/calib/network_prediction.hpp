#pragma once
// Per-layer predictions of a network on a platform: computed once per (network, platform) pair and looked
// up afterwards, never in the event loop.

#include <string>
#include <vector>

#include "calib/platform.hpp"
#include "calib/prediction_warnings.hpp"
#include "network/network.hpp"

namespace splitsim {

struct LayerPrediction {
  double latency_ms = 0;
  double power_w = 0;  ///< NaN when the platform has no power model
  std::string model;   ///< "conv", "generic", or "input"
  std::string bound;   ///< what gave latency_ms: "model", or the roofline term that bound it (compute, memory, launch)
};

struct NetworkPrediction {
  std::vector<LayerPrediction> layers;  ///< aligned with network.layers; the input costs nothing
  double total_ms = 0;
  double energy_j = 0;  ///< sum of latency x power (NaN without a power model)
  PredictionWarnings warnings;
};

/// `power_form` empty: the platform's default (or none). A layer type the platform cannot predict is a
/// UsageError naming the platform and the layer.
NetworkPrediction predict_network(const Network& net, const Platform& platform,
                                  std::optional<PowerForm> power_form = std::nullopt);

}  // namespace splitsim

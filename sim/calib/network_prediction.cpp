#include "calib/network_prediction.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"

namespace splitsim {

NetworkPrediction predict_network(const Network& net, const Platform& platform, std::optional<PowerForm> power_form) {
  std::optional<PowerForm> form = power_form ? power_form : platform.power.default_form;
  if (form && !platform.power.has(*form)) {
    throw UsageError(fmt::format("platform {} has no {} power model", platform.name, power_form_name(*form)));
  }
  NetworkPrediction out;
  out.layers.resize(net.layers.size());
  out.layers[0] = {0.0, form ? 0.0 : std::numeric_limits<double>::quiet_NaN(), "input", "-"};
  for (std::size_t i = 1; i < net.layers.size(); ++i) {
    const Layer& layer = net.layers[i];
    if (!platform.latency.can_predict(layer.type)) {
      throw UsageError(fmt::format("platform {} cannot predict layer \"{}\" of {}: no model for type {}", platform.name,
                                   layer.name, net.abbrev, layer_type_name(layer.type)));
    }
    LayerSample s = sample_of_layer(net, i);
    LayerPrediction& p = out.layers[i];
    p.latency_ms = platform.latency.predict_ms(s);
    p.model = platform.latency.model_for(layer.type);
    p.bound = platform.latency.bound_binds(s) ? std::string(bound_name(platform.latency.device->binding(s))) : "model";
    out.warnings.check(platform, s, net.abbrev, layer.name);
    p.power_w = form ? platform.power.power_w(*form, s, net.abbrev, platform.name) : std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(p.latency_ms) || !(p.latency_ms > 0) || p.latency_ms > limits::kMaxSeconds * 1e3) {
      throw UsageError(fmt::format("platform {} ({}) predicts {} ms for layer \"{}\" of {}: its latency model is broken "
                                   "(coefficients out of range)", platform.name, platform.path, p.latency_ms, layer.name, net.abbrev));
    }
    if (form && !(std::isfinite(p.power_w) && p.power_w >= 0 && p.power_w <= 1e4)) {
      throw UsageError(fmt::format("platform {} ({}) predicts {} W for layer \"{}\" of {}: its power model is broken", platform.name,
                                   platform.path, p.power_w, layer.name, net.abbrev));
    }
    out.total_ms += p.latency_ms;
    out.energy_j += p.latency_ms * 1e-3 * p.power_w;
  }
  return out;
}

}  // namespace splitsim

#include "network/network.hpp"

#include <algorithm>

namespace splitsim {

int Network::find(std::string_view layer_name) const {
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (layers[i].name == layer_name) return static_cast<int>(i);
  }
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const auto& aliases = layers[i].aliases;
    if (std::find(aliases.begin(), aliases.end(), layer_name) != aliases.end()) return static_cast<int>(i);
  }
  return -1;
}

bool Network::is_chain() const {
  for (std::size_t i = 1; i < layers.size(); ++i) {
    if (layers[i].inputs.size() != 1 || layers[i].inputs[0] != static_cast<int>(i) - 1) return false;
  }
  return true;
}

std::int64_t Network::total_flops() const {
  std::int64_t total = 0;
  for (const auto& layer : layers) total += layer.flops;
  return total;
}

}  // namespace splitsim

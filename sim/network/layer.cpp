#include "network/layer.hpp"

#include <fmt/format.h>

#include "network/layer_traits.hpp"

namespace splitsim {
std::string_view layer_type_name(LayerType t) { return traits_of(t).name; }

std::optional<LayerType> parse_layer_type(std::string_view name) {
  for (const LayerTraits& t : layer_traits()) {
    if (t.name == name) return t.type;
  }
  return std::nullopt;
}

std::string layer_type_choices() {
  std::string out;
  // "input" is implicit (the network's input tensor), never a listed layer.
  for (const LayerTraits& t : layer_traits()) {
    if (t.type == LayerType::input) continue;
    if (!out.empty()) out += ", ";
    out += t.name;
  }
  return out;
}

std::string Shape::to_string(std::int64_t batch) const {
  std::string out = batch > 0 ? fmt::format("{}x", batch) : std::string();
  if (rank == 1) return out + std::to_string(dims[0]);
  return out + fmt::format("{}x{}x{}", dims[0], dims[1], dims[2]);
}

}  // namespace splitsim

#include "network/layer.hpp"

#include <array>

#include <fmt/format.h>

namespace splitsim {
namespace {

constexpr std::array<std::string_view, kLayerTypeCount> kTypeNames{
    "input", "conv",  "local",     "fc",        "maxpool", "avgpool", "global_avgpool",
    "relu",  "sigmoid", "tanh",    "htanh",     "lrn",     "batchnorm", "dropout",
    "softmax", "argmax", "flatten", "add",       "concat",
};

}  // namespace

std::string_view layer_type_name(LayerType t) { return kTypeNames[static_cast<std::size_t>(t)]; }

std::optional<LayerType> parse_layer_type(std::string_view name) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<LayerType>(i);
  }
  return std::nullopt;
}

std::string layer_type_choices() {
  std::string out;
  // "input" is implicit (the network's input tensor), never a listed layer.
  for (std::size_t i = 1; i < kTypeNames.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += kTypeNames[i];
  }
  return out;
}

std::string Shape::to_string(std::int64_t batch) const {
  std::string out = batch > 0 ? fmt::format("{}x", batch) : std::string();
  if (rank == 1) return out + std::to_string(dims[0]);
  return out + fmt::format("{}x{}x{}", dims[0], dims[1], dims[2]);
}

}  // namespace splitsim

#pragma once
// A layer graph: the input tensor and the layers that follow, in a topological order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "network/layer.hpp"

namespace splitsim {

struct Network {
  std::string name;         ///< e.g. "AlexNet"
  std::string abbrev;       ///< e.g. "IMC"
  std::string description;  ///< provenance, free text
  std::string path;         ///< the file it was read from
  std::int64_t batch = 1;   ///< items per query (images, frames, words)
  /// What the application itself captures per item, before the preprocessing that makes the network's input
  /// tensor (8-bit pixels, 16-bit audio samples): sent by a client whose scenario says `"input": "raw"`.
  struct RawInput {
    std::int64_t bytes_per_item = 0;
    std::string encoding;  ///< what the bytes are, and the grounds
  };
  std::optional<RawInput> raw_input;
  std::vector<Layer> layers;  ///< layers[0] is the input; producers always come before consumers

  /// Index of the layer called `name` (or having it as an alias), or -1.
  int find(std::string_view layer_name) const;
  /// True when every layer's only input is the layer before it.
  bool is_chain() const;
  std::int64_t total_flops() const;
};

}  // namespace splitsim

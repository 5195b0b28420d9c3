#pragma once
// One node of a layer graph: its type, parameters, producers and the inferred output tensor.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "network/dtype.hpp"

namespace splitsim {

enum class LayerType : std::uint8_t {
  input,
  conv,
  local,
  fc,
  maxpool,
  avgpool,
  global_avgpool,
  relu,
  sigmoid,
  tanh,
  htanh,
  lrn,
  batchnorm,
  dropout,
  softmax,
  argmax,
  flatten,
  add,
  concat,
  leaky_relu,
};
inline constexpr int kLayerTypeCount = static_cast<int>(LayerType::leaky_relu) + 1;

std::string_view layer_type_name(LayerType t);
std::optional<LayerType> parse_layer_type(std::string_view name);
/// All type names a network file may use, comma separated, for error messages.
std::string layer_type_choices();

/// Per-item tensor shape (the batch dimension is kept apart): rank 1 is a vector of dims[0] features,
/// rank 3 is channels x height x width.
struct Shape {
  std::array<std::int64_t, 3> dims{1, 1, 1};
  int rank = 1;

  static Shape vector(std::int64_t n) { return Shape{{n, 1, 1}, 1}; }
  static Shape chw(std::int64_t c, std::int64_t h, std::int64_t w) { return Shape{{c, h, w}, 3}; }
  std::int64_t channels() const { return dims[0]; }
  std::int64_t height() const { return dims[1]; }
  std::int64_t width() const { return dims[2]; }
  std::int64_t elements() const { return dims[0] * dims[1] * dims[2]; }
  bool operator==(const Shape&) const = default;
  /// "3x227x227" or "4096", optionally with the batch in front ("100x20x24x24").
  std::string to_string(std::int64_t batch = 0) const;
};

/// Sliding-window geometry of conv, local and pooling layers.
struct Window {
  std::int64_t kernel_h = 1, kernel_w = 1;
  std::int64_t stride_h = 1, stride_w = 1;
  std::int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  std::int64_t dilation_h = 1, dilation_w = 1;
  bool ceil_mode = false;  ///< pooling rounds the output size up (Caffe) instead of down (ONNX, PyTorch)
};

/// Type-specific parameters; fields a type does not use keep their defaults.
struct LayerParams {
  std::int64_t num_output = 0;  ///< conv/local: output channels; fc: output features
  std::int64_t groups = 1;      ///< conv
  std::int64_t local_size = 0;  ///< lrn: channels in the normalisation window
  std::int64_t top_k = 1;       ///< argmax
  Window window;
};

struct Layer {
  std::string name;
  LayerType type = LayerType::input;
  LayerParams params;
  std::vector<int> inputs;           ///< indices of producer layers (earlier in the network's order)
  std::vector<std::string> aliases;  ///< other names of this layer in measurement files

  // Inferred, never written by hand:
  DType dtype = DType::float32;       ///< element type of the output tensor
  Shape shape;                        ///< per-item output shape
  std::int64_t output_elements = 0;   ///< whole batch
  std::int64_t output_bytes = 0;      ///< whole batch
  std::int64_t input_elements = 0;    ///< sum over producers, whole batch
  std::int64_t flops = 0;             ///< whole batch, see docs/networks.md for the convention
};

}  // namespace splitsim

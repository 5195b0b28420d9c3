#pragma once
// Each layer type defined once (docs/architecture.md, "A new layer type"): its name, the parameters a network
// file gives it, its shape rule, its FLOP rule, the ONNX operators imported as it, what calibration describes
// it by, and the docs' words for each. The loader, shape inference, the ONNX importer, the profile readers and
// the calibration read this table; the host kernels (profile/layer_kernels.cpp) are the one other place.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.hpp"
#include "network/layer.hpp"

namespace splitsim {

/// The regressors of the paper's per-type latency model (Kang et al., Table 2), named here so that network/
/// does not depend on calib/.
enum class PaperFeatures { kernel_stride_filters, input_output_neurons, input_elements, input_output_elements };

struct LayerTraits {
  LayerType type;
  std::string_view name;
  std::string_view parameters_doc;  ///< the keys of a network file (Markdown)
  std::string_view output_doc;      ///< the output shape in words
  std::string_view flops_doc;       ///< FLOPs per item in words
  /// Reads the type's own keys of a layer object (keys not read are rejected by the caller); null: none.
  void (*read_params)(JsonReader& r, LayerParams& p) = nullptr;
  /// The output shape from the producers (`layers[layer.inputs[i]]`, already inferred); ShapeError when the
  /// parameters do not fit the inputs. Null only for the network's input.
  Shape (*shape)(const Layer& layer, const std::vector<Layer>& layers) = nullptr;
  /// FLOPs per item from the first input's shape and the output shape, in long double (exact below 2^64);
  /// `n_inputs` counts the producers.
  long double (*flops)(const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) = nullptr;
  bool windowed = false;             ///< profiles' kernel and stride columns describe a window (lrn: local size)
  PaperFeatures features = PaperFeatures::input_output_elements;
  std::string_view onnx_ops;         ///< ONNX operators imported as this type with no attributes, comma separated
};

/// Every type, indexed by LayerType.
std::span<const LayerTraits> layer_traits();
inline const LayerTraits& traits_of(LayerType t) { return layer_traits()[static_cast<std::size_t>(t)]; }

/// The operators of `t.onnx_ops`, one by one.
std::vector<std::string_view> onnx_operators(const LayerTraits& t);

/// The docs table of the layer types (Markdown): type, parameters, output, FLOPs per item, ONNX operators.
std::string layer_types_markdown();

/// An int or an array of `n` ints (n in `sizes`), each within [min_value, 2^31].
std::vector<std::int64_t> read_int_or_array(JsonReader& r, std::string_view key, std::vector<std::size_t> sizes,
                                            std::int64_t min_value);

}  // namespace splitsim

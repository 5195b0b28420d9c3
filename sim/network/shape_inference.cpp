#include "network/shape_inference.hpp"

#include <fmt/format.h>

#include "core/limits.hpp"
#include "network/layer_traits.hpp"

namespace splitsim {

void check_tensor_size(const Shape& shape, std::int64_t batch) {
  long double elements = static_cast<long double>(shape.dims[0]) * static_cast<long double>(shape.dims[1]) *
                         static_cast<long double>(shape.dims[2]) * static_cast<long double>(batch);
  if (elements > static_cast<long double>(limits::kMaxElements)) {
    throw ShapeError(fmt::format("its tensors ({} x batch {}) exceed the limit of 2^40 elements", shape.to_string(), batch));
  }
}

std::int64_t flops_per_item(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) {
  return static_cast<std::int64_t>(flops_per_item_unbounded(type, p, in, out, n_inputs));
}

long double flops_per_item_unbounded(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) {
  const LayerTraits& t = traits_of(type);
  return t.flops ? t.flops(p, in, out, n_inputs) : 0.0L;
}

std::int64_t window_output_size(std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t pad_begin,
                                std::int64_t pad_end, std::int64_t dilation, bool ceil_mode) {
  std::int64_t span = in + pad_begin + pad_end - dilation * (kernel - 1) - 1;
  if (span < 0) return 0;
  std::int64_t out = (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
  // Caffe and PyTorch drop a last window that would start entirely in the end padding.
  if (ceil_mode && (out - 1) * stride >= in + pad_begin) --out;
  return out;
}

void infer_layer(Layer& layer, const std::vector<Layer>& layers, std::int64_t batch) {
  std::int64_t item_flops = 0;
  std::int64_t in_elements_per_item = 0;
  for (int i : layer.inputs) in_elements_per_item += layers[static_cast<std::size_t>(i)].shape.elements();
  const LayerTraits& traits = traits_of(layer.type);
  if (traits.shape) layer.shape = traits.shape(layer, layers);  // the input's shape is given by the network file
  // Sizes checked before they are multiplied in 64 bits (docs/limits.md).
  check_tensor_size(layer.shape, batch);
  check_tensor_size(Shape::vector(in_elements_per_item), batch);
  if (layer.type != LayerType::input) {
    const Shape& first_in = layers[static_cast<std::size_t>(layer.inputs[0])].shape;
    int n = static_cast<int>(layer.inputs.size());
    long double flops = flops_per_item_unbounded(layer.type, layer.params, first_in, layer.shape, n);
    if (flops * static_cast<long double>(batch) > static_cast<long double>(limits::kMaxFlops)) {
      throw ShapeError("its arithmetic exceeds the limit of 2^60 FLOPs per layer");
    }
    item_flops = static_cast<std::int64_t>(flops);
  }
  layer.output_elements = layer.shape.elements() * batch;
  layer.output_bytes = layer.output_elements * dtype_size_bytes(layer.dtype);
  layer.input_elements = in_elements_per_item * batch;
  layer.flops = item_flops * batch;
}

}  // namespace splitsim

#pragma once
// Shape, size and FLOP inference for one layer from its producers. The FLOP convention is documented in
// docs/networks.md: multiply-adds count 2, elementwise operations count their arithmetic per element.

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "network/layer.hpp"

namespace splitsim {

/// A layer whose parameters do not fit its inputs; the message is the problem only (no file or path).
class ShapeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Fills layer.shape, output_elements, output_bytes, input_elements and flops. `layers` holds the
/// producers named by layer.inputs, already inferred. `batch` >= 1.
void infer_layer(Layer& layer, const std::vector<Layer>& layers, std::int64_t batch);

/// FLOPs per item of a layer of `type` with `params`, from its (first) input and output shapes; `n_inputs`
/// counts the producers of an add. The one place the FLOP convention is written.
std::int64_t flops_per_item(LayerType type, const LayerParams& params, const Shape& in, const Shape& out, int n_inputs);
/// The same count in long double, which cannot overflow: to check a size before computing it in 64 bits.
/// ShapeError when `shape` x `batch` exceeds the limit of 2^40 elements (docs/limits.md).
void check_tensor_size(const Shape& shape, std::int64_t batch);

long double flops_per_item_unbounded(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs);

/// Output size of a sliding window along one axis (floor or ceil rounding, Caffe's ceil clipping).
std::int64_t window_output_size(std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t pad_begin,
                                std::int64_t pad_end, std::int64_t dilation, bool ceil_mode);

}  // namespace splitsim

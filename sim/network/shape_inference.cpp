#include "network/shape_inference.hpp"

#include <fmt/format.h>

#include "core/limits.hpp"

namespace splitsim {
namespace {

const Layer& only_input(const Layer& layer, const std::vector<Layer>& layers) {
  if (layer.inputs.size() != 1) {
    throw ShapeError(fmt::format("a {} layer takes exactly one input, found {}", layer_type_name(layer.type),
                                 layer.inputs.size()));
  }
  return layers[static_cast<std::size_t>(layer.inputs[0])];
}

const Shape& spatial_input(const Layer& layer, const Layer& in) {
  if (in.shape.rank != 3) {
    throw ShapeError(fmt::format("a {} layer needs a channels x height x width input, but '{}' produces a vector of {}",
                                 layer_type_name(layer.type), in.name, in.shape.to_string()));
  }
  return in.shape;
}

Shape windowed_shape(const Layer& layer, const Shape& in, std::int64_t out_channels) {
  const Window& w = layer.params.window;
  std::int64_t h = window_output_size(in.height(), w.kernel_h, w.stride_h, w.pad_top, w.pad_bottom, w.dilation_h,
                                      w.ceil_mode);
  std::int64_t wd = window_output_size(in.width(), w.kernel_w, w.stride_w, w.pad_left, w.pad_right, w.dilation_w,
                                       w.ceil_mode);
  if (h < 1 || wd < 1) {
    throw ShapeError(fmt::format("kernel {}x{} does not fit the {} input (with padding)", w.kernel_h, w.kernel_w,
                                 in.to_string()));
  }
  return Shape::chw(out_channels, h, wd);
}

// The elementwise cost of each cheap layer type, in FLOPs per output element.
std::int64_t elementwise_flops(LayerType t) {
  switch (t) {
    case LayerType::relu: return 1;       // max(x, 0)
    case LayerType::sigmoid: return 3;    // exp, add, divide
    case LayerType::tanh: return 1;       // one transcendental
    case LayerType::htanh: return 2;      // clamp: min and max
    case LayerType::batchnorm: return 2;  // folded scale and shift
    case LayerType::softmax: return 3;    // exp, sum, divide
    default: return 0;                    // dropout (identity at inference), flatten, concat: data movement
  }
}

}  // namespace

namespace {

// The FLOP convention in any arithmetic: std::int64_t for the count, long double to check it fits first.
template <class T>
T flops_of(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) {
  auto v = [](std::int64_t x) { return static_cast<T>(x); };
  auto elements = [&](const Shape& s) { return v(s.dims[0]) * v(s.dims[1]) * v(s.dims[2]); };
  switch (type) {
    case LayerType::conv:
    case LayerType::local:
      // Two FLOPs per multiply-add; each output sees (C_in / groups) * kh * kw inputs.
      return 2 * v(in.channels() / p.groups) * v(p.window.kernel_h) * v(p.window.kernel_w) * elements(out);
    case LayerType::fc:
      return 2 * elements(in) * elements(out);
    case LayerType::maxpool:  // one comparison per window element
      return v(p.window.kernel_h) * v(p.window.kernel_w) * elements(out);
    case LayerType::avgpool:  // one addition per window element and a division
      return (v(p.window.kernel_h) * v(p.window.kernel_w) + 1) * elements(out);
    case LayerType::global_avgpool:
      return elements(in) + v(in.channels());
    case LayerType::lrn:  // across channels: square and add over the window, then scale, power, multiply
      return (2 * v(p.local_size) + 3) * elements(out);
    case LayerType::argmax:  // one comparison per input element
      return elements(in);
    case LayerType::add:
      return v(n_inputs - 1) * elements(out);
    default:
      return v(elementwise_flops(type)) * elements(out);
  }
}

}  // namespace

void check_tensor_size(const Shape& shape, std::int64_t batch) {
  long double elements = static_cast<long double>(shape.dims[0]) * static_cast<long double>(shape.dims[1]) *
                         static_cast<long double>(shape.dims[2]) * static_cast<long double>(batch);
  if (elements > static_cast<long double>(limits::kMaxElements)) {
    throw ShapeError(fmt::format("its tensors ({} x batch {}) exceed the limit of 2^40 elements", shape.to_string(), batch));
  }
}

std::int64_t flops_per_item(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) {
  return flops_of<std::int64_t>(type, p, in, out, n_inputs);
}

long double flops_per_item_unbounded(LayerType type, const LayerParams& p, const Shape& in, const Shape& out, int n_inputs) {
  return flops_of<long double>(type, p, in, out, n_inputs);
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
  const LayerParams& p = layer.params;
  std::int64_t item_flops = 0;
  std::int64_t in_elements_per_item = 0;
  for (int i : layer.inputs) in_elements_per_item += layers[static_cast<std::size_t>(i)].shape.elements();

  switch (layer.type) {
    case LayerType::input:
      break;  // the shape is given by the network file
    case LayerType::conv:
    case LayerType::local: {
      const Shape& in = spatial_input(layer, only_input(layer, layers));
      if (in.channels() % p.groups != 0 || p.num_output % p.groups != 0) {
        throw ShapeError(fmt::format("groups = {} must divide the {} input channels and the {} output channels",
                                     p.groups, in.channels(), p.num_output));
      }
      layer.shape = windowed_shape(layer, in, p.num_output);
      break;
    }
    case LayerType::fc:
      only_input(layer, layers);  // checks the arity
      layer.shape = Shape::vector(p.num_output);
      break;
    case LayerType::maxpool:
    case LayerType::avgpool: {
      const Shape& in = spatial_input(layer, only_input(layer, layers));
      layer.shape = windowed_shape(layer, in, in.channels());
      break;
    }
    case LayerType::global_avgpool: {
      const Shape& in = spatial_input(layer, only_input(layer, layers));
      layer.shape = Shape::chw(in.channels(), 1, 1);
      break;
    }
    case LayerType::lrn: {
      const Shape& in = only_input(layer, layers).shape;
      layer.shape = in;
      break;
    }
    case LayerType::argmax: {
      const Shape& in = only_input(layer, layers).shape;
      if (p.top_k > in.elements()) {
        throw ShapeError(fmt::format("top_k = {} exceeds the {} input elements", p.top_k, in.elements()));
      }
      layer.shape = Shape::vector(p.top_k);
      break;
    }
    case LayerType::flatten:
      layer.shape = Shape::vector(only_input(layer, layers).shape.elements());
      break;
    case LayerType::add: {
      if (layer.inputs.size() < 2) throw ShapeError("an add layer needs at least two inputs");
      const Layer& first = layers[static_cast<std::size_t>(layer.inputs[0])];
      for (int i : layer.inputs) {
        const Layer& in = layers[static_cast<std::size_t>(i)];
        if (!(in.shape == first.shape)) {
          throw ShapeError(fmt::format("add inputs must have equal shapes, but '{}' is {} and '{}' is {}", first.name,
                                       first.shape.to_string(), in.name, in.shape.to_string()));
        }
      }
      layer.shape = first.shape;
      break;
    }
    case LayerType::concat: {
      if (layer.inputs.size() < 2) throw ShapeError("a concat layer needs at least two inputs");
      const Layer& first = layers[static_cast<std::size_t>(layer.inputs[0])];
      Shape out = first.shape;
      out.dims[0] = 0;
      for (int i : layer.inputs) {
        const Layer& in = layers[static_cast<std::size_t>(i)];
        if (in.shape.rank != first.shape.rank || in.shape.dims[1] != first.shape.dims[1] ||
            in.shape.dims[2] != first.shape.dims[2]) {
          throw ShapeError(fmt::format(
              "concat inputs must agree in all but the channel dimension, but '{}' is {} and '{}' is {}", first.name,
              first.shape.to_string(), in.name, in.shape.to_string()));
        }
        out.dims[0] += in.shape.dims[0];
      }
      layer.shape = out;
      break;
    }
    case LayerType::relu:
    case LayerType::sigmoid:
    case LayerType::tanh:
    case LayerType::htanh:
    case LayerType::batchnorm:
    case LayerType::dropout:
    case LayerType::softmax:
      layer.shape = only_input(layer, layers).shape;
      break;
  }
  // Sizes checked before they are multiplied in 64 bits (docs/limits.md).
  const auto b = static_cast<long double>(batch);
  check_tensor_size(layer.shape, batch);
  check_tensor_size(Shape::vector(in_elements_per_item), batch);
  if (layer.type != LayerType::input) {
    const Shape& first_in = layers[static_cast<std::size_t>(layer.inputs[0])].shape;
    int n = static_cast<int>(layer.inputs.size());
    if (flops_of<long double>(layer.type, p, first_in, layer.shape, n) * b > static_cast<long double>(limits::kMaxFlops)) {
      throw ShapeError("its arithmetic exceeds the limit of 2^60 FLOPs per layer");
    }
    item_flops = flops_per_item(layer.type, p, first_in, layer.shape, n);
  }
  layer.output_elements = layer.shape.elements() * batch;
  layer.output_bytes = layer.output_elements * dtype_size_bytes(layer.dtype);
  layer.input_elements = in_elements_per_item * batch;
  layer.flops = item_flops * batch;
}

}  // namespace splitsim

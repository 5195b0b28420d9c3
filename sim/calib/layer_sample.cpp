#include "calib/layer_sample.hpp"

#include "core/limits.hpp"
#include "network/shape_inference.hpp"

namespace splitsim {
namespace {

Shape as_shape(std::int64_t c, std::int64_t h, std::int64_t w) {
  return h == 1 && w == 1 ? Shape::vector(c) : Shape::chw(c, h, w);
}

}  // namespace

std::int64_t LayerSample::weights() const {
  std::int64_t k2 = kernel * kernel;
  switch (type) {
    case LayerType::conv: return out_c * (in_c / groups) * k2;
    case LayerType::local: return out_c * out_h * out_w * in_c * k2;
    case LayerType::fc: return in_c * in_h * in_w * out_c;
    default: return 0;
  }
}

LayerParams LayerSample::params() const {
  LayerParams p;
  p.num_output = out_c;
  p.groups = groups;
  p.local_size = kernel;
  p.window.kernel_h = p.window.kernel_w = kernel;
  p.window.stride_h = p.window.stride_w = stride;
  return p;
}

bool LayerSample::within_limits() const {
  auto ld = [](std::int64_t v) { return static_cast<long double>(v); };
  const auto max_elements = ld(limits::kMaxElements);
  if (ld(in_c) * ld(in_h) * ld(in_w) * ld(batch) > max_elements || ld(out_c) * ld(out_h) * ld(out_w) * ld(batch) > max_elements) return false;
  if (type == LayerType::local && ld(out_c) * ld(out_h) * ld(out_w) * ld(in_c) * ld(kernel) * ld(kernel) > max_elements) return false;
  return ld(batch) * flops_per_item_unbounded(type, params(), as_shape(in_c, in_h, in_w), as_shape(out_c, out_h, out_w), inputs) <=
         ld(limits::kMaxFlops);
}

std::int64_t LayerSample::flops() const {
  if (known_flops >= 0) return known_flops;
  return batch * flops_per_item(type, params(), as_shape(in_c, in_h, in_w), as_shape(out_c, out_h, out_w), inputs);
}

LayerSample sample_of_layer(const Network& net, std::size_t index) {
  const Layer& layer = net.layers[index];
  LayerSample s;
  s.type = layer.type;
  s.network = net.abbrev;
  s.layer = layer.name;
  s.batch = net.batch;
  if (!layer.inputs.empty()) {
    const Shape& in = net.layers[static_cast<std::size_t>(layer.inputs[0])].shape;
    s.in_c = in.dims[0], s.in_h = in.dims[1], s.in_w = in.dims[2];
  }
  s.out_c = layer.shape.dims[0], s.out_h = layer.shape.dims[1], s.out_w = layer.shape.dims[2];
  const LayerParams& p = layer.params;
  s.kernel = layer.type == LayerType::lrn ? p.local_size : p.window.kernel_h;
  s.stride = p.window.stride_h;
  s.groups = p.groups;
  s.inputs = static_cast<int>(layer.inputs.size());
  s.known_flops = layer.flops;
  return s;
}

}  // namespace splitsim

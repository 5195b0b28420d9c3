#include "network/layer_traits.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "network/shape_inference.hpp"

namespace splitsim {
namespace {

constexpr std::int64_t kMaxDim = std::int64_t{1} << 31;

// ---- Parameters (network files) ----

Window read_window(JsonReader& r, bool kernel_required, bool allow_dilation, bool allow_ceil) {
  Window w;
  if (kernel_required || r.has("kernel")) {
    if (!r.has("kernel")) r.at("kernel");  // reports the missing key
    auto k = read_int_or_array(r, "kernel", {2}, 1);
    w.kernel_h = k[0];
    w.kernel_w = k.size() == 2 ? k[1] : k[0];
  }
  if (r.has("stride")) {
    auto s = read_int_or_array(r, "stride", {2}, 1);
    w.stride_h = s[0];
    w.stride_w = s.size() == 2 ? s[1] : s[0];
  }
  if (r.has("pad")) {
    auto p = read_int_or_array(r, "pad", {2, 4}, 0);
    if (p.size() == 1) {
      w.pad_top = w.pad_bottom = w.pad_left = w.pad_right = p[0];
    } else if (p.size() == 2) {
      w.pad_top = w.pad_bottom = p[0];
      w.pad_left = w.pad_right = p[1];
    } else {
      w.pad_top = p[0], w.pad_left = p[1], w.pad_bottom = p[2], w.pad_right = p[3];
    }
  }
  if (allow_dilation && r.has("dilation")) {
    auto d = read_int_or_array(r, "dilation", {2}, 1);
    w.dilation_h = d[0];
    w.dilation_w = d.size() == 2 ? d[1] : d[0];
  }
  if (allow_ceil) w.ceil_mode = r.boolean_or("ceil_mode", false);
  return w;
}

void read_conv(JsonReader& r, LayerParams& p) {
  p.num_output = r.integer("num_output", 1, kMaxDim);
  p.groups = r.integer_or("groups", 1, 1, kMaxDim);
  p.window = read_window(r, true, true, false);
}
void read_local(JsonReader& r, LayerParams& p) {
  p.num_output = r.integer("num_output", 1, kMaxDim);
  p.window = read_window(r, true, false, false);
}
void read_fc(JsonReader& r, LayerParams& p) { p.num_output = r.integer("num_output", 1, kMaxDim); }
void read_pool(JsonReader& r, LayerParams& p) { p.window = read_window(r, true, false, true); }
void read_lrn(JsonReader& r, LayerParams& p) {
  p.local_size = r.integer("local_size", 1, kMaxDim);
  // Descriptive constants of the normalisation; they do not change shapes or costs.
  r.number_or("alpha", 1e-4, 0.0);
  r.number_or("beta", 0.75, 0.0);
  r.number_or("k", 1.0, 0.0);
}
void read_argmax(JsonReader& r, LayerParams& p) { p.top_k = r.integer_or("top_k", 1, 1, kMaxDim); }
void read_dropout(JsonReader& r, LayerParams&) { r.number_or("ratio", 0.5, 0.0, 1.0); }
void read_batchnorm(JsonReader& r, LayerParams&) { r.number_or("epsilon", 1e-5, 0.0); }
void read_leaky_relu(JsonReader& r, LayerParams&) { r.number_or("alpha", 0.01, 0.0, 1.0); }  // does not change costs

// ---- Shapes ----

const Layer& only_input(const Layer& layer, const std::vector<Layer>& layers) {
  if (layer.inputs.size() != 1) {
    throw ShapeError(fmt::format("a {} layer takes exactly one input, found {}", layer_type_name(layer.type),
                                 layer.inputs.size()));
  }
  return layers[static_cast<std::size_t>(layer.inputs[0])];
}

const Shape& spatial_input(const Layer& layer, const std::vector<Layer>& layers) {
  const Layer& in = only_input(layer, layers);
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

Shape conv_shape(const Layer& layer, const std::vector<Layer>& layers) {
  const Shape& in = spatial_input(layer, layers);
  const LayerParams& p = layer.params;
  if (in.channels() % p.groups != 0 || p.num_output % p.groups != 0) {
    throw ShapeError(fmt::format("groups = {} must divide the {} input channels and the {} output channels", p.groups,
                                 in.channels(), p.num_output));
  }
  return windowed_shape(layer, in, p.num_output);
}
Shape fc_shape(const Layer& layer, const std::vector<Layer>& layers) {
  only_input(layer, layers);  // checks the arity
  return Shape::vector(layer.params.num_output);
}
Shape pool_shape(const Layer& layer, const std::vector<Layer>& layers) {
  const Shape& in = spatial_input(layer, layers);
  return windowed_shape(layer, in, in.channels());
}
Shape global_pool_shape(const Layer& layer, const std::vector<Layer>& layers) {
  return Shape::chw(spatial_input(layer, layers).channels(), 1, 1);
}
Shape same_shape(const Layer& layer, const std::vector<Layer>& layers) { return only_input(layer, layers).shape; }
Shape argmax_shape(const Layer& layer, const std::vector<Layer>& layers) {
  const Shape& in = only_input(layer, layers).shape;
  if (layer.params.top_k > in.elements()) {
    throw ShapeError(fmt::format("top_k = {} exceeds the {} input elements", layer.params.top_k, in.elements()));
  }
  return Shape::vector(layer.params.top_k);
}
Shape flatten_shape(const Layer& layer, const std::vector<Layer>& layers) {
  return Shape::vector(only_input(layer, layers).shape.elements());
}
Shape add_shape(const Layer& layer, const std::vector<Layer>& layers) {
  if (layer.inputs.size() < 2) throw ShapeError("an add layer needs at least two inputs");
  const Layer& first = layers[static_cast<std::size_t>(layer.inputs[0])];
  for (int i : layer.inputs) {
    const Layer& in = layers[static_cast<std::size_t>(i)];
    if (!(in.shape == first.shape)) {
      throw ShapeError(fmt::format("add inputs must have equal shapes, but '{}' is {} and '{}' is {}", first.name,
                                   first.shape.to_string(), in.name, in.shape.to_string()));
    }
  }
  return first.shape;
}
Shape concat_shape(const Layer& layer, const std::vector<Layer>& layers) {
  if (layer.inputs.size() < 2) throw ShapeError("a concat layer needs at least two inputs");
  const Layer& first = layers[static_cast<std::size_t>(layer.inputs[0])];
  Shape out = first.shape;
  out.dims[0] = 0;
  for (int i : layer.inputs) {
    const Layer& in = layers[static_cast<std::size_t>(i)];
    if (in.shape.rank != first.shape.rank || in.shape.dims[1] != first.shape.dims[1] ||
        in.shape.dims[2] != first.shape.dims[2]) {
      throw ShapeError(fmt::format("concat inputs must agree in all but the channel dimension, but '{}' is {} and '{}' is {}",
                                   first.name, first.shape.to_string(), in.name, in.shape.to_string()));
    }
    out.dims[0] += in.shape.dims[0];
  }
  return out;
}

// ---- FLOPs per item (docs/networks.md, "FLOP convention"); integer divisions happen before widening ----

using LD = long double;
LD ld(std::int64_t v) { return static_cast<LD>(v); }
LD elements(const Shape& s) { return ld(s.dims[0]) * ld(s.dims[1]) * ld(s.dims[2]); }

LD conv_flops(const LayerParams& p, const Shape& in, const Shape& out, int) {
  // Two FLOPs per multiply-add; each output sees (C_in / groups) * kh * kw inputs.
  return 2 * ld(in.channels() / p.groups) * ld(p.window.kernel_h) * ld(p.window.kernel_w) * elements(out);
}
LD fc_flops(const LayerParams&, const Shape& in, const Shape& out, int) { return 2 * elements(in) * elements(out); }
LD maxpool_flops(const LayerParams& p, const Shape&, const Shape& out, int) {
  return ld(p.window.kernel_h) * ld(p.window.kernel_w) * elements(out);
}
LD avgpool_flops(const LayerParams& p, const Shape&, const Shape& out, int) {
  return (ld(p.window.kernel_h) * ld(p.window.kernel_w) + 1) * elements(out);
}
LD global_pool_flops(const LayerParams&, const Shape& in, const Shape&, int) { return elements(in) + ld(in.channels()); }
LD lrn_flops(const LayerParams& p, const Shape&, const Shape& out, int) { return (2 * ld(p.local_size) + 3) * elements(out); }
LD per_input_flops(const LayerParams&, const Shape& in, const Shape&, int) { return elements(in); }
LD add_flops(const LayerParams&, const Shape&, const Shape& out, int n) { return ld(n - 1) * elements(out); }
template <int PerElement>
LD elementwise_flops(const LayerParams&, const Shape&, const Shape& out, int) { return PerElement * elements(out); }

using F = PaperFeatures;

constexpr LayerTraits kTraits[] = {
    {LayerType::input, "input", "–", "the network's input tensor", "0", nullptr, nullptr, nullptr, false,
     F::input_output_elements, ""},
    {LayerType::conv, "conv", "`num_output`, `kernel`, `stride` (1), `pad` (0), `dilation` (1), `groups` (1)",
     "num_output × H' × W'", "2 · (C_in / groups) · k_h · k_w · (output elements)", read_conv, conv_shape, conv_flops,
     true, F::kernel_stride_filters, ""},
    {LayerType::local, "local", "`num_output`, `kernel`, `stride` (1), `pad` (0); a convolution without weight sharing",
     "num_output × H' × W'", "2 · C_in · k_h · k_w · (output elements)", read_local, conv_shape, conv_flops, true,
     F::input_output_elements, ""},
    {LayerType::fc, "fc", "`num_output`", "vector of num_output (the input is flattened, as Caffe's InnerProduct)",
     "2 · inputs · outputs", read_fc, fc_shape, fc_flops, false, F::input_output_neurons, ""},
    {LayerType::maxpool, "maxpool", "`kernel`, `stride` (1), `pad` (0), `ceil_mode` (false)", "C × H' × W'",
     "k_h · k_w per output element (comparisons)", read_pool, pool_shape, maxpool_flops, true, F::input_output_elements, ""},
    {LayerType::avgpool, "avgpool", "`kernel`, `stride` (1), `pad` (0), `ceil_mode` (false)", "C × H' × W'",
     "k_h · k_w + 1 per output element (additions, one division)", read_pool, pool_shape, avgpool_flops, true,
     F::input_output_elements, ""},
    {LayerType::global_avgpool, "global_avgpool", "–", "C × 1 × 1", "H · W · C + C", nullptr, global_pool_shape,
     global_pool_flops, false, F::input_output_elements, "GlobalAveragePool"},
    {LayerType::relu, "relu", "–", "same as input", "1 per element (max)", nullptr, same_shape, elementwise_flops<1>, false,
     F::input_elements, "Relu,Clip"},
    {LayerType::sigmoid, "sigmoid", "–", "same as input", "3 per element (exp, add, divide)", nullptr, same_shape,
     elementwise_flops<3>, false, F::input_elements, "Sigmoid"},
    {LayerType::tanh, "tanh", "–", "same as input", "1 per element (one transcendental)", nullptr, same_shape,
     elementwise_flops<1>, false, F::input_elements, "Tanh"},
    {LayerType::htanh, "htanh", "– (hard tanh, SENNA)", "same as input", "2 per element (min, max)", nullptr, same_shape,
     elementwise_flops<2>, false, F::input_elements, ""},
    {LayerType::lrn, "lrn", "`local_size`, `alpha`, `beta`, `k`", "same as input",
     "(2 · local_size + 3) per element (square and add over the window; scale, power, multiply)", read_lrn, same_shape,
     lrn_flops, true, F::input_elements, ""},
    {LayerType::batchnorm, "batchnorm", "`epsilon`", "same as input", "2 per element (folded scale and shift)",
     read_batchnorm, same_shape, elementwise_flops<2>, false, F::input_elements, "BatchNormalization"},
    {LayerType::dropout, "dropout", "`ratio`", "same as input", "0 (identity at inference)", read_dropout, same_shape,
     elementwise_flops<0>, false, F::input_elements, "Dropout"},
    {LayerType::softmax, "softmax", "–", "same as input", "3 per element (exp, sum, divide)", nullptr, same_shape,
     elementwise_flops<3>, false, F::input_output_elements, "Softmax"},
    {LayerType::argmax, "argmax", "`top_k` (1)", "vector of top_k", "1 per input element (comparison)", read_argmax,
     argmax_shape, per_input_flops, false, F::input_output_elements, ""},
    {LayerType::flatten, "flatten", "–", "vector of C·H·W", "0 (data movement)", nullptr, flatten_shape,
     elementwise_flops<0>, false, F::input_output_elements, ""},
    {LayerType::add, "add", "two or more `inputs` of equal shape", "same", "(inputs − 1) per element", nullptr, add_shape,
     add_flops, false, F::input_output_elements, ""},
    {LayerType::concat, "concat", "two or more `inputs` equal but in channels", "channels summed", "0 (data movement)",
     nullptr, concat_shape, elementwise_flops<0>, false, F::input_output_elements, ""},
    {LayerType::leaky_relu, "leaky_relu", "`alpha` (0.01)", "same as input", "2 per element (compare, multiply)",
     read_leaky_relu, same_shape, elementwise_flops<2>, false, F::input_elements, "LeakyRelu"},
};
static_assert(std::size(kTraits) == kLayerTypeCount, "one row per LayerType");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTraits); ++i) {
    if (static_cast<std::size_t>(kTraits[i].type) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "rows in the order of LayerType: traits_of indexes by type");

}  // namespace

std::span<const LayerTraits> layer_traits() { return kTraits; }

std::vector<std::int64_t> read_int_or_array(JsonReader& r, std::string_view key, std::vector<std::size_t> sizes,
                                            std::int64_t min_value) {
  const Json& v = *r.find(key);
  std::string ptr = r.child(key);
  if (v.is_array()) {
    if (std::find(sizes.begin(), sizes.end(), v.size()) == sizes.end()) {
      r.fail(key, fmt::format("expected an integer or an array of {} integers, found an array of {}",
                              fmt::join(sizes, " or "), v.size()));
    }
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(json_int(v[i], r.file(), json_child(ptr, i), min_value, kMaxDim));
    return out;
  }
  return {json_int(v, r.file(), ptr, min_value, kMaxDim)};
}

std::vector<std::string_view> onnx_operators(const LayerTraits& t) {
  std::vector<std::string_view> ops;
  for (std::string_view rest = t.onnx_ops; !rest.empty();) {
    std::size_t comma = rest.find(',');
    ops.push_back(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return ops;
}

std::string layer_types_markdown() {
  std::string out = "| type | parameters | output | FLOPs per item | ONNX operators without attributes |\n|---|---|---|---|---|\n";
  for (const LayerTraits& t : kTraits) {
    if (t.type == LayerType::input) continue;
    std::string ops;
    for (std::string_view op : onnx_operators(t)) ops += fmt::format("{}`{}`", ops.empty() ? "" : ", ", op);
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", t.name, t.parameters_doc, t.output_doc, t.flops_doc,
                       ops.empty() ? "–" : ops);
  }
  return out;
}

}  // namespace splitsim

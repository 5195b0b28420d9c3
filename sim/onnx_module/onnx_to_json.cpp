// The ONNX converter module (libsplitsim_onnx.so): reads a model with Debian's libonnx protobuf classes and writes
// splitsim's network format (docs/networks.md lists the operators and how each maps). Loaded by
// sim/network/onnx_import.cpp only when a command reads an ONNX model; its one exported function is the C interface
// of network/onnx_module_abi.hpp.

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <onnx/onnx_pb.h>

#include "network/onnx_module_abi.hpp"

namespace {

using Json = nlohmann::json;

/// Bad input: where in the model, and what.
struct BadModel {
  std::string place;
  std::string problem;
};

struct Importer {
  SplitsimOnnxLayerType layer_type = nullptr;
  const onnx::GraphProto* graph = nullptr;
  std::map<std::string, std::vector<std::int64_t>> param_dims;   // weights, constants: their shapes
  std::map<std::string, std::vector<std::int64_t>> param_values; // integer constants (Reshape targets)
  std::map<std::string, std::string> producer;                   // activation tensor -> layer name
  std::set<std::string> names;
  Json layers = Json::array();

  [[noreturn]] void fail(int index, const onnx::NodeProto& node, const std::string& problem) const {
    throw BadModel{fmt::format("node {} ({} \"{}\")", index, node.op_type(), node.name()), problem};
  }

  bool is_param(const std::string& t) const { return param_dims.contains(t); }

  const std::string& activation(int index, const onnx::NodeProto& node, int input) const {
    if (input >= node.input_size()) fail(index, node, fmt::format("missing input {}", input));
    auto it = producer.find(node.input(input));
    if (it == producer.end()) fail(index, node, fmt::format("input \"{}\" is not produced by any node", node.input(input)));
    return it->second;
  }

  const std::vector<std::int64_t>& param(int index, const onnx::NodeProto& node, int input) const {
    if (input >= node.input_size() || !is_param(node.input(input))) {
      fail(index, node, fmt::format("input {} must be a weight or constant with a known shape", input));
    }
    return param_dims.at(node.input(input));
  }

  static const onnx::AttributeProto* attr(const onnx::NodeProto& node, const std::string& name) {
    for (const auto& a : node.attribute()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  static std::int64_t attr_int(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) {
    const auto* a = attr(node, name);
    return a ? a->i() : fallback;
  }
  static double attr_float(const onnx::NodeProto& node, const std::string& name, double fallback) {
    const auto* a = attr(node, name);
    return a ? a->f() : fallback;
  }
  static std::vector<std::int64_t> attr_ints(const onnx::NodeProto& node, const std::string& name) {
    const auto* a = attr(node, name);
    return a ? std::vector<std::int64_t>(a->ints().begin(), a->ints().end()) : std::vector<std::int64_t>{};
  }

  // A readable layer name from an exporter's scope path: PyTorch names nodes "/layer1/layer1.0/conv1/Conv";
  // components that prefix the next are dropped ("layer1.0.conv1"), and functional operators without a
  // module of their own keep the operator ("layer1.0.add").
  std::string unique_name(const onnx::NodeProto& node, int index) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : node.name() + "/") {
      if (c == '/') {
        if (!part.empty()) parts.push_back(part);
        part.clear();
      } else {
        part += c == ' ' || c == ':' ? '_' : c;
      }
    }
    std::string op = node.op_type();
    bool functional = op == "Add" || op == "Concat" || op == "Flatten" || op == "Reshape";
    if (!parts.empty() && parts.back() == op) parts.pop_back();
    std::string base;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i + 1 < parts.size() && parts[i + 1].starts_with(parts[i] + ".")) continue;
      base += (base.empty() ? "" : ".") + parts[i];
    }
    if (functional || base.empty()) {
      std::string lower = op;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      base += (base.empty() ? "" : ".") + lower;
    }
    if (base == "input") base = fmt::format("{}_{}", op, index);
    std::string name = base;
    for (int k = 2; names.contains(name); ++k) name = fmt::format("{}_{}", base, k);
    names.insert(name);
    return name;
  }

  // Adds a layer for `node` producing output 0; `inputs` are producer layer names.
  void add(int index, const onnx::NodeProto& node, Json layer, const std::vector<std::string>& inputs) {
    std::string name = unique_name(node, index);
    layer["name"] = name;
    layer["inputs"] = inputs;
    layer["aliases"] = Json::array({node.output(0)});
    layers.push_back(std::move(layer));
    producer[node.output(0)] = name;
  }

  void window(int index, const onnx::NodeProto& node, Json& layer, std::vector<std::int64_t> kernel) {
    std::string auto_pad = attr(node, "auto_pad") ? attr(node, "auto_pad")->s() : "NOTSET";
    if (auto_pad != "NOTSET" && auto_pad != "VALID") fail(index, node, fmt::format("auto_pad {} is not supported", auto_pad));
    if (kernel.size() != 2) fail(index, node, "only 2-D windows are supported");
    layer["kernel"] = kernel;
    auto strides = attr_ints(node, "strides");
    if (!strides.empty()) layer["stride"] = strides;
    auto pads = attr_ints(node, "pads");  // ONNX: [top, left, bottom, right]
    if (!pads.empty()) layer["pad"] = pads;
    auto dilations = attr_ints(node, "dilations");
    if (!dilations.empty() && !(dilations == std::vector<std::int64_t>{1, 1})) {
      if (layer["type"] != "conv") fail(index, node, "dilated pooling is not supported");
      layer["dilation"] = dilations;
    }
  }

  void constant(int index, const onnx::NodeProto& n) {
    const auto* value = attr(n, "value");
    if (value == nullptr) fail(index, n, "a Constant without a tensor value is not supported");
    const auto& t = value->t();
    param_dims[n.output(0)] = {t.dims().begin(), t.dims().end()};
    std::vector<std::int64_t> ints(t.int64_data().begin(), t.int64_data().end());
    if (ints.empty() && t.data_type() == onnx::TensorProto::INT64 && !t.raw_data().empty()) {
      ints.resize(t.raw_data().size() / 8);
      if (!ints.empty()) std::memcpy(ints.data(), t.raw_data().data(), ints.size() * 8);
    }
    param_values[n.output(0)] = ints;
  }

  void identity(int index, const onnx::NodeProto& n) {
    if (n.input_size() < 1) fail(index, n, "missing input");
    if (is_param(n.input(0))) {  // a weight passed through
      param_dims[n.output(0)] = param_dims[n.input(0)];
      if (param_values.contains(n.input(0))) param_values[n.output(0)] = param_values[n.input(0)];
    } else {
      producer[n.output(0)] = activation(index, n, 0);  // no computation: the same tensor
    }
  }

  void conv(int index, const onnx::NodeProto& n) {
    const auto& w = param(index, n, 1);  // [M, C/group, kH, kW]
    if (w.size() != 4) fail(index, n, "only 2-D convolutions are supported");
    Json layer = {{"type", "conv"}, {"num_output", w[0]}};
    std::int64_t group = attr_int(n, "group", 1);
    if (group != 1) layer["groups"] = group;
    auto kernel = attr_ints(n, "kernel_shape");
    window(index, n, layer, kernel.empty() ? std::vector<std::int64_t>{w[2], w[3]} : kernel);
    add(index, n, layer, {activation(index, n, 0)});
  }

  void gemm(int index, const onnx::NodeProto& n) {
    const std::string& op = n.op_type();
    const auto& b = param(index, n, 1);
    if (b.size() != 2) fail(index, n, "the weight must be a matrix");
    if (op == "Gemm" && attr_int(n, "transA", 0) != 0) fail(index, n, "transA = 1 is not supported");
    bool trans_b = op == "Gemm" && attr_int(n, "transB", 0) != 0;
    add(index, n, {{"type", "fc"}, {"num_output", trans_b ? b[0] : b[1]}}, {activation(index, n, 0)});
  }

  void pool(int index, const onnx::NodeProto& n) {
    Json layer = {{"type", n.op_type() == "MaxPool" ? "maxpool" : "avgpool"}};
    if (attr_int(n, "ceil_mode", 0) != 0) layer["ceil_mode"] = true;
    if (n.output_size() > 1 && !n.output(1).empty()) fail(index, n, "MaxPool indices output is not supported");
    window(index, n, layer, attr_ints(n, "kernel_shape"));
    add(index, n, layer, {activation(index, n, 0)});
  }

  void lrn(int index, const onnx::NodeProto& n) {
    add(index, n,
        {{"type", "lrn"}, {"local_size", attr_int(n, "size", 5)}, {"alpha", attr_float(n, "alpha", 1e-4)},
         {"beta", attr_float(n, "beta", 0.75)}, {"k", attr_float(n, "bias", 1.0)}},
        {activation(index, n, 0)});
  }

  void add_op(int index, const onnx::NodeProto& n) {
    if (n.input_size() != 2) fail(index, n, "Add needs two inputs");
    bool p0 = is_param(n.input(0)), p1 = is_param(n.input(1));
    if (p0 && p1) {
      param_dims[n.output(0)] = param_dims[n.input(0)];
    } else if (p0 || p1) {  // a bias: folded into the layer that produced the other input
      producer[n.output(0)] = activation(index, n, p0 ? 1 : 0);
    } else {
      add(index, n, {{"type", "add"}}, {activation(index, n, 0), activation(index, n, 1)});
    }
  }

  void concat(int index, const onnx::NodeProto& n) {
    if (attr_int(n, "axis", 1) != 1) fail(index, n, "only concatenation along channels (axis 1) is supported");
    std::vector<std::string> inputs;
    for (int i = 0; i < n.input_size(); ++i) inputs.push_back(activation(index, n, i));
    add(index, n, {{"type", "concat"}}, inputs);
  }

  void flatten(int index, const onnx::NodeProto& n) {
    if (attr_int(n, "axis", 1) != 1) fail(index, n, "only Flatten with axis 1 is supported");
    add(index, n, {{"type", "flatten"}}, {activation(index, n, 0)});
  }

  void reshape(int index, const onnx::NodeProto& n) {
    if (n.input_size() < 2 || !param_values.contains(n.input(1))) fail(index, n, "Reshape needs a constant target shape");
    const auto& target = param_values.at(n.input(1));
    if (target.size() != 2) fail(index, n, fmt::format("Reshape to {} dimensions is not supported (only to [batch, -1])", target.size()));
    add(index, n, {{"type", "flatten"}}, {activation(index, n, 0)});
  }

  // An operator imported with no attributes, as the layer type whose traits list it (Relu, Sigmoid, ...).
  bool attributeless(int index, const onnx::NodeProto& n) {
    const char* type = layer_type(n.op_type().c_str());
    if (type == nullptr) return false;
    add(index, n, {{"type", std::string(type)}}, {activation(index, n, 0)});
    return true;
  }

  void node(int index, const onnx::NodeProto& n) {
    using Convert = void (Importer::*)(int, const onnx::NodeProto&);
    static const std::map<std::string, Convert, std::less<>> converters{
        {"Constant", &Importer::constant}, {"Identity", &Importer::identity}, {"Conv", &Importer::conv},
        {"Gemm", &Importer::gemm},         {"MatMul", &Importer::gemm},      {"MaxPool", &Importer::pool},
        {"AveragePool", &Importer::pool},  {"LRN", &Importer::lrn},          {"Add", &Importer::add_op},
        {"Concat", &Importer::concat},     {"Flatten", &Importer::flatten},  {"Reshape", &Importer::reshape},
    };
    const std::string& op = n.op_type();
    if (n.output_size() < 1) fail(index, n, "a node without outputs");
    if (op == "Dropout" && n.input_size() > 0 && is_param(n.input(0))) return identity(index, n);
    if (auto it = converters.find(op); it != converters.end()) return (this->*(it->second))(index, n);
    if (!attributeless(index, n)) fail(index, n, fmt::format("unsupported operator {}", op));
  }
};

Json convert(const std::string& path, SplitsimOnnxLayerType layer_type) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw BadModel{"", "cannot open file (missing or unreadable)"};
  std::ifstream in(path, std::ios::binary);
  onnx::ModelProto model;
  if (!in || !model.ParseFromIstream(&in)) throw BadModel{"", "not an ONNX model (the protobuf does not parse: truncated or another format)"};
  if (!model.has_graph() || model.graph().node_size() == 0) throw BadModel{"", "not an ONNX model (no graph or no nodes)"};
  Importer im;
  im.layer_type = layer_type;
  const auto& g = model.graph();
  for (const auto& t : g.initializer()) im.param_dims[t.name()] = {t.dims().begin(), t.dims().end()};
  // The data input: the first graph input that is not an initializer; the other inputs are weights
  // (a model exported without parameters declares them as inputs with their shapes).
  const onnx::ValueInfoProto* data = nullptr;
  std::vector<std::int64_t> data_dims;
  for (const auto& i : g.input()) {
    if (im.param_dims.contains(i.name())) continue;
    std::vector<std::int64_t> dims;
    for (const auto& d : i.type().tensor_type().shape().dim()) {
      if (!d.has_dim_value()) {
        throw BadModel{fmt::format("input \"{}\"", i.name()),
                       fmt::format("dynamic dimension \"{}\" without a value: export the model with a fixed input shape",
                                   d.dim_param())};
      }
      dims.push_back(d.dim_value());
    }
    if (data == nullptr) {
      data = &i;
      data_dims = dims;
    } else {
      im.param_dims[i.name()] = dims;
    }
  }
  if (data == nullptr) throw BadModel{"", "the graph has no data input"};
  if (data_dims.size() != 2 && data_dims.size() != 4) {
    throw BadModel{fmt::format("input \"{}\"", data->name()),
                   fmt::format("expected a [N, C, H, W] or [N, F] input, found {} dimensions", data_dims.size())};
  }
  im.producer[data->name()] = "input";
  Json doc{{"name", std::filesystem::path(path).stem().string()},
           {"description", fmt::format("Imported from {} by splitsim network import ({} nodes; producer {} {}).",
                                       std::filesystem::path(path).filename().string(), g.node_size(),
                                       model.producer_name(), model.producer_version())},
           {"batch", data_dims[0]},
           {"input", {{"shape", std::vector<std::int64_t>(data_dims.begin() + 1, data_dims.end())}, {"dtype", "float32"}}}};
  for (int k = 0; k < g.node_size(); ++k) im.node(k, g.node(k));
  if (im.layers.empty()) throw BadModel{"", "the graph has no computing layers"};
  doc["layers"] = im.layers;
  return doc;
}

void send(SplitsimOnnxSink sink, void* context, const std::string& text) { sink(context, text.data(), text.size()); }

}  // namespace

extern "C" __attribute__((visibility("default"))) int splitsim_onnx_abi_version() { return kSplitsimOnnxAbi; }

extern "C" __attribute__((visibility("default"))) int splitsim_onnx_to_network_json(const char* path,
                                                                                  SplitsimOnnxLayerType layer_type,
                                                                                  SplitsimOnnxSink sink,
                                                                                  void* context) {
  try {
    // CBOR, not JSON text: names are passed on byte for byte, as the model has them (dump() would refuse a name
    // that is not UTF-8, which a network file may carry).
    const std::vector<std::uint8_t> cbor = Json::to_cbor(convert(path, layer_type));
    sink(context, reinterpret_cast<const char*>(cbor.data()), cbor.size());
    return 0;
  } catch (const BadModel& e) {
    send(sink, context, e.place);
    send(sink, context, e.problem);
    return 1;
  } catch (const std::exception& e) {
    send(sink, context, e.what());
    return 2;
  } catch (...) {
    send(sink, context, "unknown error in the ONNX converter");
    return 2;
  }
}

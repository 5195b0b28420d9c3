#include "network/network_loader.hpp"

#include <algorithm>
#include <map>
#include <queue>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "network/layer_traits.hpp"
#include "network/shape_inference.hpp"

namespace splitsim {
namespace {

constexpr std::int64_t kMaxDim = std::int64_t{1} << 31;

DType read_dtype(JsonReader& r, std::string_view key, DType fallback) {
  const Json* v = r.find(key);
  if (v == nullptr) return fallback;
  std::string name = json_string(*v, r.file(), r.child(key));
  auto t = parse_dtype(name);
  if (!t) r.fail(key, fmt::format("unknown element type \"{}\" (expected one of {})", name, dtype_choices()));
  return *t;
}

struct ParsedLayer {
  Layer layer;
  std::vector<std::string> input_names;
  std::string pointer;
};

ParsedLayer parse_layer(const Json& v, const std::string& file, const std::string& pointer,
                        const std::string& previous, DType activation_dtype) {
  JsonReader r(v, file, pointer);
  r.ignore("comment");
  ParsedLayer out;
  out.pointer = pointer;
  Layer& layer = out.layer;
  layer.name = r.string("name");
  if (layer.name.empty()) r.fail("name", "a layer name must not be empty");
  if (layer.name == "input") r.fail("name", "\"input\" is reserved for the network's input tensor");
  std::string type_name = r.string("type");
  auto type = parse_layer_type(type_name);
  if (!type || *type == LayerType::input) {
    r.fail("type", fmt::format("unknown layer type \"{}\" (expected one of {})", type_name, layer_type_choices()));
  }
  layer.type = *type;
  if (const Json* inputs = r.find("inputs")) {
    if (!inputs->is_array() || inputs->empty()) {
      r.fail("inputs", "expected a non-empty array of layer names, found " + describe_json(*inputs));
    }
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      out.input_names.push_back(json_string((*inputs)[i], file, json_child(r.child("inputs"), i)));
    }
  } else {
    out.input_names.push_back(previous);
  }
  if (const Json* aliases = r.find("aliases")) {
    if (!aliases->is_array()) r.fail("aliases", "expected an array of names, found " + describe_json(*aliases));
    for (std::size_t i = 0; i < aliases->size(); ++i) {
      layer.aliases.push_back(json_string((*aliases)[i], file, json_child(r.child("aliases"), i)));
    }
  }
  layer.dtype = read_dtype(r, "dtype", activation_dtype);
  if (auto read = traits_of(layer.type).read_params) read(r, layer.params);
  r.finish();
  return out;
}

Layer parse_input(JsonReader& doc, std::optional<Network::RawInput>& raw) {
  JsonReader r = doc.object("input");
  r.ignore("comment");
  if (r.has("raw")) {
    JsonReader rr = r.object("raw");
    rr.ignore("comment");
    raw = Network::RawInput{rr.integer("bytes_per_item", 1, kMaxDim), rr.string("encoding")};
    rr.finish();
  }
  Layer input;
  input.name = "input";
  input.type = LayerType::input;
  const Json& shape = r.at("shape");
  if (!shape.is_array() || (shape.size() != 1 && shape.size() != 3)) {
    r.fail("shape", "expected [features] or [channels, height, width], found " + describe_json(shape) +
                        (shape.is_array() ? fmt::format(" of {} values", shape.size()) : ""));
  }
  std::vector<std::int64_t> dims;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    dims.push_back(json_int(shape[i], r.file(), json_child(r.child("shape"), i), 1, kMaxDim));
  }
  input.shape = dims.size() == 1 ? Shape::vector(dims[0]) : Shape::chw(dims[0], dims[1], dims[2]);
  input.dtype = read_dtype(r, "dtype", DType::float32);
  r.finish();
  return input;
}

// Orders layers so that producers come first, keeping the file order wherever it already is one.
// Returns the file indices in the new order, or throws naming a cycle.
std::vector<int> topological_order(const std::vector<std::vector<int>>& producers, const std::string& file,
                                   const std::vector<ParsedLayer>& parsed) {
  const int n = static_cast<int>(producers.size());
  std::vector<int> pending(static_cast<std::size_t>(n), 0);
  std::vector<std::vector<int>> consumers(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    for (int p : producers[static_cast<std::size_t>(i)]) {
      if (p >= 0) {
        ++pending[static_cast<std::size_t>(i)];
        consumers[static_cast<std::size_t>(p)].push_back(i);
      }
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<>> ready;
  for (int i = 0; i < n; ++i) {
    if (pending[static_cast<std::size_t>(i)] == 0) ready.push(i);
  }
  std::vector<int> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int c : consumers[static_cast<std::size_t>(i)]) {
      if (--pending[static_cast<std::size_t>(c)] == 0) ready.push(c);
    }
  }
  if (static_cast<int>(order.size()) == n) return order;
  // Walk producers from an unplaced layer until a layer repeats: that is a cycle.
  int start = 0;
  while (pending[static_cast<std::size_t>(start)] == 0) ++start;
  std::vector<int> path;
  std::vector<int> seen_at(static_cast<std::size_t>(n), -1);
  int cur = start;
  while (seen_at[static_cast<std::size_t>(cur)] < 0) {
    seen_at[static_cast<std::size_t>(cur)] = static_cast<int>(path.size());
    path.push_back(cur);
    for (int p : producers[static_cast<std::size_t>(cur)]) {
      if (p >= 0 && pending[static_cast<std::size_t>(p)] > 0) {
        cur = p;
        break;
      }
    }
  }
  // path[k] reads path[k+1]; print the cycle in data-flow order, starting and ending at `cur`.
  std::vector<std::string> names{parsed[static_cast<std::size_t>(cur)].layer.name};
  for (std::size_t k = path.size() - 1; k > static_cast<std::size_t>(seen_at[static_cast<std::size_t>(cur)]); --k) {
    names.push_back(parsed[static_cast<std::size_t>(path[k])].layer.name);
  }
  names.push_back(names.front());
  throw InputError(file, json_child(parsed[static_cast<std::size_t>(cur)].pointer, "inputs"),
                   fmt::format("cyclic input reference: {}", fmt::join(names, " -> ")));
}

// Each layer's producers as file indices (-1: the input), from the names its `inputs` give.
std::vector<std::vector<int>> resolve_producers(const std::vector<ParsedLayer>& parsed,
                                               const std::map<std::string, int, std::less<>>& index_by_name,
                                               const std::string& file) {
  std::vector<std::vector<int>> producers(parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& names = parsed[i].input_names;
    for (std::size_t j = 0; j < names.size(); ++j) {
      auto it = index_by_name.find(names[j]);
      std::string ptr = json_child(json_child(parsed[i].pointer, "inputs"), j);
      if (it == index_by_name.end()) {
        throw InputError(file, ptr, fmt::format("unknown input layer \"{}\"", names[j]));
      }
      if (it->second == static_cast<int>(i)) {
        throw InputError(file, ptr, fmt::format("cyclic input reference: layer \"{}\" reads itself", names[j]));
      }
      producers[i].push_back(it->second);
    }
  }
  return producers;
}

}  // namespace

Network parse_network(const Json& doc_json, const std::string& file) {
  JsonReader doc(doc_json, file, "");
  doc.ignore("comment");
  Network net;
  net.path = file;
  net.name = doc.string("name");
  net.abbrev = doc.string_or("abbrev", net.name);
  net.description = doc.string_or("description", "");
  net.batch = doc.integer_or("batch", 1, 1, kMaxDim);
  DType activation_dtype = read_dtype(doc, "activation_dtype", DType::float32);
  Layer input = parse_input(doc, net.raw_input);

  const Json& layers_json = doc.at("layers");
  if (!layers_json.is_array() || layers_json.empty()) {
    doc.fail("layers", "expected a non-empty array of layers, found " + describe_json(layers_json));
  }
  std::vector<ParsedLayer> parsed;
  std::map<std::string, int, std::less<>> index_by_name{{"input", -1}};
  std::string previous = "input";
  for (std::size_t i = 0; i < layers_json.size(); ++i) {
    std::string ptr = json_child("/layers", i);
    parsed.push_back(parse_layer(layers_json[i], file, ptr, previous, activation_dtype));
    const std::string& name = parsed.back().layer.name;
    if (!index_by_name.emplace(name, static_cast<int>(i)).second) {
      throw InputError(file, json_child(ptr, "name"), fmt::format("duplicate layer name \"{}\"", name));
    }
    previous = name;
  }
  doc.finish();

  std::vector<std::vector<int>> producers = resolve_producers(parsed, index_by_name, file);
  std::vector<int> order = topological_order(producers, file, parsed);

  std::vector<int> new_index(parsed.size());
  for (std::size_t k = 0; k < order.size(); ++k) new_index[static_cast<std::size_t>(order[k])] = static_cast<int>(k) + 1;
  net.layers.reserve(parsed.size() + 1);
  try {
    check_tensor_size(input.shape, net.batch);
  } catch (const ShapeError&) {
    throw InputError(file, "/input/shape", "the input (x batch) exceeds the limit of 2^40 elements (docs/limits.md)");
  }
  input.output_elements = input.shape.elements() * net.batch;
  input.output_bytes = input.output_elements * dtype_size_bytes(input.dtype);
  net.layers.push_back(std::move(input));
  for (int file_index : order) {
    ParsedLayer& pl = parsed[static_cast<std::size_t>(file_index)];
    Layer layer = std::move(pl.layer);
    for (int p : producers[static_cast<std::size_t>(file_index)]) {
      layer.inputs.push_back(p < 0 ? 0 : new_index[static_cast<std::size_t>(p)]);
    }
    try {
      infer_layer(layer, net.layers, net.batch);
    } catch (const ShapeError& e) {
      throw InputError(file, pl.pointer, fmt::format("layer \"{}\": {}", layer.name, e.what()));
    }
    net.layers.push_back(std::move(layer));
  }
  return net;
}

void set_batch(Network& net, std::int64_t batch) {
  check_tensor_size(net.layers.front().shape, batch);
  net.batch = batch;
  std::vector<Layer> inferred;
  inferred.reserve(net.layers.size());
  for (Layer& layer : net.layers) {
    if (layer.type == LayerType::input) {
      layer.output_elements = layer.shape.elements() * batch;
      layer.output_bytes = layer.output_elements * dtype_size_bytes(layer.dtype);
    } else {
      infer_layer(layer, inferred, batch);
    }
    inferred.push_back(layer);
  }
  net.layers = std::move(inferred);
}

Network load_network_file(const std::string& path) { return parse_network(read_json_file(path), path); }

}  // namespace splitsim

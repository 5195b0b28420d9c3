#include "calib/profile_io.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "calib/csv_table.hpp"
#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"
#include "network/shape_inference.hpp"
#include "network/layer_traits.hpp"

namespace splitsim {
namespace {

std::string where(const CsvTable& t, std::size_t row) { return fmt::format("{}:{}", t.path(), t.line(row)); }

/// Types whose `kernel` and `stride` columns describe a sliding window (for lrn, `kernel` is the local size).
bool has_window(LayerType t) { return traits_of(t).windowed; }

std::vector<LayerSample> read_neutral(const CsvTable& t) {
  t.require_columns({"layer_type", "in_c", "in_h", "in_w", "out_c", "out_h", "out_w", "kernel", "stride", "latency_ms"});
  std::vector<LayerSample> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    LayerSample s;
    const std::string& type = t.text(r, "layer_type");
    auto parsed = parse_layer_type(type);
    if (!parsed || *parsed == LayerType::input) {
      throw InputError(t.path(), fmt::format("line {}, column layer_type", t.line(r)),
                       fmt::format("unknown layer type \"{}\" (expected one of {})", type, layer_type_choices()));
    }
    s.type = *parsed;
    s.in_c = t.integer(r, "in_c"), s.in_h = t.integer(r, "in_h"), s.in_w = t.integer(r, "in_w");
    s.out_c = t.integer(r, "out_c"), s.out_h = t.integer(r, "out_h"), s.out_w = t.integer(r, "out_w");
    // Layers without a window (fc, activations, softmax, ...): profilers and spreadsheets write 0 or leave
    // the cell empty; the window types must give a real one.
    if (has_window(s.type)) {
      s.kernel = t.integer(r, "kernel"), s.stride = t.integer(r, "stride");
    } else {
      s.kernel = t.present(r, "kernel") ? std::max<std::int64_t>(1, t.integer(r, "kernel", 0)) : 1;
      s.stride = t.present(r, "stride") ? std::max<std::int64_t>(1, t.integer(r, "stride", 0)) : 1;
    }
    if (t.present(r, "groups")) s.groups = t.integer(r, "groups");
    if (t.present(r, "batch")) s.batch = t.integer(r, "batch");
    s.latency_ms = t.number(r, "latency_ms", 0);
    if (s.latency_ms == 0) {
      throw InputError(t.path(), fmt::format("line {}, column latency_ms", t.line(r)), "latency must be positive, found 0");
    }
    if (t.present(r, "power_w")) s.power_w = t.number(r, "power_w", 0);
    if (t.present(r, "network")) s.network = t.text(r, "network");
    if (t.present(r, "layer")) s.layer = t.text(r, "layer");
    s.source = where(t, r);
    if (s.batch > limits::kMaxBatch || !s.within_limits()) {
      throw InputError(t.path(), fmt::format("line {}", t.line(r)), "the layer's size (tensors, weights or FLOPs x batch) exceeds docs/limits.md");
    }
    out.push_back(std::move(s));
  }
  return out;
}

LayerType djinn_type(const std::string& name, const std::string& path) {
  if (name == "conv") return LayerType::conv;
  if (name == "local") return LayerType::local;
  if (name == "fc") return LayerType::fc;
  if (name == "pool") return LayerType::maxpool;  // every pooling layer of the benchmarks is MAX
  if (name == "norm") return LayerType::lrn;
  if (name == "relu") return LayerType::relu;
  if (name == "sig") return LayerType::sigmoid;
  if (name == "htanh") return LayerType::htanh;
  if (name == "softmax") return LayerType::softmax;
  if (name == "argmax") return LayerType::argmax;
  throw InputError(path, "", fmt::format("unknown djinn layer type \"{}\"", name));
}

// Single-layer Caffe nets: the configuration is the input blob and the layer's parameters; Caffe shape rules
// give the output (no padding in the sweeps).
std::vector<LayerSample> read_djinn_sweep(const CsvTable& t) {
  t.require_columns({"layer", "batch", "channel", "height", "width", "lat"});
  std::vector<LayerSample> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    LayerSample s;
    s.type = djinn_type(t.text(r, "layer"), t.path());
    s.batch = t.integer(r, "batch");
    s.in_c = t.integer(r, "channel"), s.in_h = t.integer(r, "height"), s.in_w = t.integer(r, "width");
    s.out_c = s.in_c, s.out_h = s.in_h, s.out_w = s.in_w;
    switch (s.type) {
      case LayerType::conv:
      case LayerType::local:
      case LayerType::maxpool: {
        bool pool = s.type == LayerType::maxpool;
        if (!pool) s.out_c = t.integer(r, "num_output");
        s.kernel = t.integer(r, "kernel_size");
        s.stride = t.integer(r, "stride");
        s.out_h = window_output_size(s.in_h, s.kernel, s.stride, 0, 0, 1, pool);
        s.out_w = window_output_size(s.in_w, s.kernel, s.stride, 0, 0, 1, pool);
        if (s.out_h < 1 || s.out_w < 1) throw InputError(t.path(), fmt::format("line {}", t.line(r)), "kernel larger than the input");
        break;
      }
      case LayerType::fc:
        s.in_c = s.in_c * s.in_h * s.in_w, s.in_h = s.in_w = 1;
        s.out_c = t.integer(r, "num_output"), s.out_h = s.out_w = 1;
        break;
      case LayerType::lrn:
        s.kernel = t.integer(r, "local_size");
        break;
      case LayerType::argmax:
        s.out_c = 1, s.out_h = s.out_w = 1;
        break;
      default:
        break;
    }
    s.latency_ms = t.number(r, "lat", 0);
    if (s.latency_ms == 0) throw InputError(t.path(), fmt::format("line {}, column lat", t.line(r)), "latency must be positive, found 0");
    s.source = where(t, r);
    out.push_back(std::move(s));
  }
  return out;
}

// model,layer,lat rows, matched by name or alias to the shipped networks ("dig-10" is DIG with 10 images).
std::vector<LayerSample> read_djinn_layers(const CsvTable& t, const std::string& path) {
  std::vector<LayerSample> out;
  std::map<std::string, Network> networks;
  auto add = [&](const std::string& model, const std::string& layer, const std::string& lat, const std::string& at) {
    auto it = networks.find(model);
    if (it == networks.end()) {
      std::string base = model == "dig-10" ? "dig" : model;
      bool shipped = false;
      for (const auto& n : shipped_network_names()) shipped = shipped || n == base;
      if (!shipped) throw InputError(path, at, fmt::format("unknown djinn network \"{}\"", model));
      Network net = load_network(base);
      if (model == "dig-10") set_batch(net, 10);  // the same network, ten images per query
      it = networks.emplace(model, std::move(net)).first;
    }
    const Network& net = it->second;
    int index = net.find(layer);
    if (index < 1) throw InputError(path, at, fmt::format("network {} has no layer \"{}\"", model, layer));
    LayerSample s = sample_of_layer(net, static_cast<std::size_t>(index));
    char* end = nullptr;
    s.latency_ms = std::strtod(lat.c_str(), &end);
    if (lat.empty() || *end != '\0' || !(s.latency_ms > 0)) {
      throw InputError(path, at, fmt::format("expected a positive latency, found \"{}\"", lat));
    }
    s.source = fmt::format("{}:{}", path, at.substr(5));
    out.push_back(std::move(s));
  };
  for (std::size_t r = 0; r < t.rows(); ++r) {
    add(t.text(r, "model"), t.text(r, "layer"), t.text(r, "lat"), fmt::format("line {}", t.line(r)));
  }
  return out;
}

}  // namespace

Importer parse_importer(std::string_view name) {
  if (name == "neutral") return Importer::neutral;
  if (name == "djinn-sweep") return Importer::djinn_sweep;
  if (name == "djinn-layers") return Importer::djinn_layers;
  throw UsageError(fmt::format("unknown importer \"{}\" (expected neutral, djinn-sweep or djinn-layers)", name));
}

std::string_view importer_name(Importer importer) {
  switch (importer) {
    case Importer::neutral: return "neutral";
    case Importer::djinn_sweep: return "djinn-sweep";
    case Importer::djinn_layers: return "djinn-layers";
  }
  return "?";
}

std::vector<LayerSample> read_profile(const std::string& spec, Importer importer, Importer* used) {
  std::string path = spec;
  for (Importer candidate : {Importer::neutral, Importer::djinn_sweep, Importer::djinn_layers}) {
    std::string prefix = std::string(importer_name(candidate)) + ":";
    if (spec.starts_with(prefix)) {
      importer = candidate;
      path = spec.substr(prefix.size());
    }
  }
  if (used != nullptr) *used = importer;
  CsvTable table = CsvTable::read(path);
  std::vector<LayerSample> samples;
  switch (importer) {
    case Importer::neutral: samples = read_neutral(table); break;
    case Importer::djinn_sweep: samples = read_djinn_sweep(table); break;
    case Importer::djinn_layers:
      // imc-gpu-layer.csv has no header: its first row is data.
      if (!table.has_column("model")) table = CsvTable::read(path, {"model", "layer", "lat"});
      table.require_columns({"model", "layer", "lat"});
      samples = read_djinn_layers(table, path);
      break;
  }
  if (samples.empty()) throw InputError(path, "", "empty profile: a header but no measured layers");
  return samples;
}

std::string profile_csv_header() {
  return "layer_type,in_c,in_h,in_w,out_c,out_h,out_w,kernel,stride,latency_ms,groups,batch,power_w,network,layer";
}

std::string profile_csv_row(const LayerSample& s) {
  return fmt::format("{},{},{},{},{},{},{},{},{},{:.6g},{},{},{},{},{}", layer_type_name(s.type), s.in_c, s.in_h, s.in_w,
                     s.out_c, s.out_h, s.out_w, s.kernel, s.stride, s.latency_ms, s.groups, s.batch,
                     s.has_power() ? fmt::format("{:.6g}", s.power_w) : "", s.network, s.layer);
}

}  // namespace splitsim

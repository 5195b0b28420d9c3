#include "network/network_report.hpp"

#include "core/json_reader.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace splitsim {
namespace {

std::string with_separators(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  if (v < 0) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

std::string mflops(std::int64_t flops) { return fmt::format("{:.2f}", static_cast<double>(flops) / 1e6); }

std::string inputs_of(const Network& net, const Layer& layer) {
  std::string out;
  for (int i : layer.inputs) {
    if (!out.empty()) out += "+";
    out += net.layers[static_cast<std::size_t>(i)].name;
  }
  return out;
}

}  // namespace

std::string network_table(const Network& net) {
  struct Row {
    std::string cells[8];
  };
  std::vector<Row> rows;
  rows.push_back({{"index", "name", "type", "output_shape", "output_elements", "output_bytes", "mflops", "inputs"}});
  bool chain = net.is_chain();
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    rows.push_back({{std::to_string(i), l.name, std::string(layer_type_name(l.type)), l.shape.to_string(net.batch),
                     with_separators(l.output_elements), with_separators(l.output_bytes), mflops(l.flops),
                     inputs_of(net, l)}});
  }
  const int columns = chain ? 7 : 8;  // producers are only worth a column when the graph is not a chain
  std::size_t width[8] = {};
  for (const auto& r : rows) {
    for (int c = 0; c < columns; ++c) width[c] = std::max(width[c], r.cells[c].size());
  }
  std::string out = fmt::format("{} ({}): {} layers, batch {}, input {} {}, {:.2f} GFLOPs per query\n", net.abbrev,
                                net.name, net.layers.size() - 1, net.batch, net.layers[0].shape.to_string(),
                                dtype_name(net.layers[0].dtype), static_cast<double>(net.total_flops()) / 1e9);
  for (const auto& r : rows) {
    std::string line;
    for (int c = 0; c < columns; ++c) {
      bool numeric = c == 0 || (c >= 4 && c <= 6);
      if (c > 0) line += "  ";
      line += numeric ? fmt::format("{:>{}}", r.cells[c], width[c]) : fmt::format("{:<{}}", r.cells[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string network_csv(const Network& net) {
  std::string out = "index,name,type,output_shape,output_elements,output_bytes,mflops\n";
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    out += fmt::format("{},{},{},{},{},{},{}\n", i, l.name, layer_type_name(l.type), l.shape.to_string(net.batch),
                       l.output_elements, l.output_bytes, mflops(l.flops));
  }
  return out;
}

std::string network_json(const Network& net) {
  nlohmann::ordered_json doc;
  doc["name"] = net.name;
  doc["abbrev"] = net.abbrev;
  doc["path"] = net.path;
  doc["batch"] = net.batch;
  doc["total_flops"] = net.total_flops();
  auto& layers = doc["layers"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    nlohmann::ordered_json row;
    row["index"] = i;
    row["name"] = l.name;
    row["type"] = layer_type_name(l.type);
    std::vector<std::string> inputs;
    for (int p : l.inputs) inputs.push_back(net.layers[static_cast<std::size_t>(p)].name);
    row["inputs"] = inputs;
    if (!l.aliases.empty()) row["aliases"] = l.aliases;
    std::vector<std::int64_t> shape{net.batch};
    for (int d = 0; d < l.shape.rank; ++d) shape.push_back(l.shape.dims[static_cast<std::size_t>(d)]);
    row["output_shape"] = shape;
    row["dtype"] = dtype_name(l.dtype);
    row["output_elements"] = l.output_elements;
    row["output_bytes"] = l.output_bytes;
    row["flops"] = l.flops;
    layers.push_back(std::move(row));
  }
  return dump_json(doc);
}

}  // namespace splitsim

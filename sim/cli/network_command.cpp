// `splitsim network show`: the per-layer shapes, sizes and FLOPs of a network.

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/output_target.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"
#include "network/onnx_import.hpp"
#include "network/network_report.hpp"

namespace splitsim::cli {

namespace {

struct ShowOptions {
  std::string network;
  std::string format = "table";
};

void run_show(const ShowOptions& o) {
  Network net = load_network(o.network);
  std::string text = o.format == "csv" ? network_csv(net) : o.format == "json" ? network_json(net) : network_table(net);
  std::fwrite(text.data(), 1, text.size(), stdout);
}

struct ImportOptions {
  std::string model;
  std::string out;
  bool force = false;
};

void run_import(const ImportOptions& o) {
  OutputTarget out(o.out, OutputTarget::Kind::file, o.force, {o.model});  // checked before any work
  Json doc = onnx_to_network_json(o.model);
  Network net = parse_imported_network(doc, o.model);  // the same checks a network file gets
  out.write_and_commit(dump_json(doc));
  fmt::print("imported {}: {} layers ({} layer graph), batch {}, {:.2f} GFLOPs per query; wrote {}\n", o.model,
             net.layers.size() - 1, net.is_chain() ? "chain" : "DAG", net.batch,
             static_cast<double>(net.total_flops()) / 1e9, o.out);
}

}  // namespace

void register_network_commands(CLI::App& app, Commands& commands) {
  CLI::App* network = app.add_subcommand("network", "Inspect layer graphs");
  network->require_subcommand(1);
  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = network->add_subcommand("show", "Per layer: shape, elements, bytes (whole batch) and MFLOPs");
  show_cmd->add_option("NET", show->network, "A network file (.json or .onnx) or a shipped name (imc, vgg, face, dig, ...)")
      ->required();
  show_cmd->add_option("--format", show->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  commands.add(show_cmd, [show] { run_show(*show); });

  auto import = std::make_shared<ImportOptions>();
  CLI::App* import_cmd = network->add_subcommand("import", "Convert an ONNX model's graph (no weights needed) to a network file");
  import_cmd->add_option("MODEL", import->model, "An .onnx file")->required();
  import_cmd->add_option("--out", import->out, "Network file (JSON) to write")->required();
  import_cmd->add_flag("--force", import->force, "Overwrite --out");
  commands.add(import_cmd, [import] { run_import(*import); });
}

}  // namespace splitsim::cli

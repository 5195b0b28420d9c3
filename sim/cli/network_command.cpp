// `splitsim network show`: the per-layer shapes, sizes and FLOPs of a network.

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "network/network_catalog.hpp"
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

}  // namespace

void register_network_commands(CLI::App& app, Commands& commands) {
  CLI::App* network = app.add_subcommand("network", "Inspect layer graphs");
  network->require_subcommand(1);
  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = network->add_subcommand("show", "Per layer: shape, elements, bytes (whole batch) and MFLOPs");
  show_cmd->add_option("NET", show->network, "A network file or a shipped name (imc, vgg, face, dig, asr, pos, ner, chk)")
      ->required();
  show_cmd->add_option("--format", show->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  commands.add(show_cmd, [show] { run_show(*show); });
}

}  // namespace splitsim::cli

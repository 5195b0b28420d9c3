// `splitsim describe WHAT`: the reference tables generated from the definitions in the code (the policy
// registry, the settings tables and the layer-type traits). docs/ embeds them and a test
// checks that the committed text is what the code prints (scripts/update-docs rewrites it).
#include <iostream>

#include "cli/commands.hpp"
#include "network/layer_traits.hpp"
#include "network/network_schema.hpp"
#include "sweep/sweep.hpp"
#include "partition/policy.hpp"
#include "scenario/scenario.hpp"

namespace splitsim::cli {

void register_describe_command(CLI::App& app, Commands& commands) {
  auto what = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("describe", "print a reference table generated from the code (for docs/)");
  cmd->add_option("what", *what, "partitioners, settings, schema (of a scenario), sweep-schema, network-schema or layer-types")
      ->required()
      ->check(CLI::IsMember({"partitioners", "settings", "schema", "sweep-schema", "network-schema", "layer-types"}));
  commands.add(cmd, [what] {
    if (*what == "partitioners") std::cout << policy_table_markdown();
    if (*what == "settings") std::cout << scenario_settings_markdown();
    if (*what == "schema") std::cout << scenario_schema().dump(2) << '\n';
    if (*what == "layer-types") std::cout << layer_types_markdown();
    if (*what == "sweep-schema") std::cout << sweep_schema().dump(2) << '\n';
    if (*what == "network-schema") std::cout << network_schema().dump(2) << '\n';
  });
}

}  // namespace splitsim::cli

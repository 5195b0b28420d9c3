#pragma once
// Networks by shipped name (imc, vgg, ...) or by path.

#include <string>
#include <vector>

#include "network/network.hpp"

namespace splitsim {

/// Shipped network names, in the paper's order.
const std::vector<std::string>& shipped_network_names();

/// The path of `name_or_path`: an existing file as given, else networks/<name>.json of the data directory.
/// Neither is a UsageError listing the shipped names.
std::string resolve_network_path(const std::string& name_or_path);

/// Resolves and loads.
Network load_network(const std::string& name_or_path);

}  // namespace splitsim

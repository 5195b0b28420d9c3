#pragma once
// Reading network files (docs/networks.md): strict JSON, producers by name, shapes inferred.

#include <string>

#include "core/json_reader.hpp"
#include "network/network.hpp"

namespace splitsim {

/// Reads and checks a network file; every problem is an InputError naming the JSON path.
Network load_network_file(const std::string& path);

/// Changes the items per query and re-infers every size and FLOP count.
void set_batch(Network& net, std::int64_t batch);

/// The same from parsed JSON; `file` names the source in errors.
Network parse_network(const Json& doc, const std::string& file);

}  // namespace splitsim

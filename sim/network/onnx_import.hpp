#pragma once
// Importing ONNX models (the graph only: models exported without weights import as well as full ones)
// into splitsim's network format, through Debian's libonnx protobuf classes in the converter module
// (sim/onnx_module/, loaded on first use). docs/networks.md lists the operators and how each maps.

#include <string>

#include "core/json_reader.hpp"
#include "network/network.hpp"

namespace splitsim {

/// The network file (JSON) equivalent of an ONNX model. Every layer keeps the name of the ONNX tensor it
/// produces as an alias. Problems (not ONNX, truncated, unsupported operator, dynamic shapes) are
/// InputErrors naming the file and the node.
Json onnx_to_network_json(const std::string& path);

/// Imports and infers, as load_network_file does for JSON.
/// parse_network on a converted document, with errors placed at the ONNX node they come from.
Network parse_imported_network(const Json& doc, const std::string& path);

Network load_onnx_network(const std::string& path);

}  // namespace splitsim

#pragma once
// `splitsim network show`: the per-layer table in text, CSV and JSON.

#include <string>

#include "network/network.hpp"

namespace splitsim {

/// Aligned text table with a heading line; numbers with thousands separators.
std::string network_table(const Network& net);
/// CSV with header index,name,type,output_shape,output_elements,output_bytes,mflops; the input is row 0.
std::string network_csv(const Network& net);
/// JSON object with the network's metadata and one entry per layer.
std::string network_json(const Network& net);

}  // namespace splitsim

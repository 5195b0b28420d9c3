#pragma once
// The JSON Schema of a network file, generated from the layer-type table.

#include "core/json_reader.hpp"

namespace splitsim {

Json network_schema();

}  // namespace splitsim

#pragma once
// Reading server-load traces (docs/links.md): one utilisation value per step, or `time_s load` pairs.

#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "server/load_trace.hpp"

namespace splitsim {

enum class LoadUnit { percent, fraction };
inline constexpr EnumName<LoadUnit> kLoadUnitNames[] = {{LoadUnit::percent, "percent"}, {LoadUnit::fraction, "fraction"}};
LoadUnit parse_load_unit(std::string_view name);

/// Reads a server-load trace: one value per line every `step_s` seconds, or `time_s load` pairs.
/// "constant:<load>" is a constant load in `unit`.
LoadTrace read_load_trace(const std::string& spec, double step_s = 300.0, LoadUnit unit = LoadUnit::percent);

}  // namespace splitsim

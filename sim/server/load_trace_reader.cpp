#include "server/load_trace_reader.hpp"

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "core/number_rows.hpp"

namespace splitsim {

LoadUnit parse_load_unit(std::string_view name) {
  if (auto u = enum_from_name<LoadUnit>(kLoadUnitNames, name)) return *u;
  throw UsageError(fmt::format("unknown load unit \"{}\" (expected {})", name, enum_alternatives<LoadUnit>(kLoadUnitNames)));
}

LoadTrace read_load_trace(const std::string& spec, double step_s, LoadUnit unit) {
  if (!(step_s >= limits::kMinPeriodSeconds && step_s <= limits::kMaxSeconds)) {
    throw UsageError(fmt::format("bad load trace step {} s: it must be between {:g} and {:g} s", step_s,
                                 limits::kMinPeriodSeconds, limits::kMaxSeconds));
  }
  double scale = unit == LoadUnit::percent ? 0.01 : 1.0;
  if (spec.starts_with("constant:")) {
    double v = parse_constant(spec, "constant load") * scale;
    if (v > 1) throw UsageError(fmt::format("bad constant load \"{}\": above 100 %", spec));
    return LoadTrace::constant(v);
  }
  std::vector<Row> rows = read_rows(spec);
  std::vector<std::int64_t> starts;
  std::vector<double> load;
  std::int64_t period = 0;
  bool pairs = rows.front().values.size() == 2;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    double v = rows[i].values[pairs ? 1 : 0] * scale;
    if (v > 1) {
      throw InputError(spec, fmt::format("line {}", rows[i].line),
                       fmt::format("load {} is above 100 % ({} trace)", rows[i].values[pairs ? 1 : 0],
                                   enum_name<LoadUnit>(kLoadUnitNames, unit)));
    }
    load.push_back(v);
    if (pairs && rows[i].values[0] > limits::kMaxSeconds) {
      throw InputError(spec, fmt::format("line {}", rows[i].line), fmt::format("time beyond the limit of {:g} s", limits::kMaxSeconds));
    }
    if (!pairs && static_cast<double>(i + 1) * step_s > limits::kMaxSeconds) {
      throw InputError(spec, fmt::format("line {}", rows[i].line), fmt::format("the trace runs past the limit of {:g} s", limits::kMaxSeconds));
    }
    if (pairs) {
      if (i > 0 && !(rows[i].values[0] > rows[i - 1].values[0])) {
        throw InputError(spec, fmt::format("line {}", rows[i].line), "time is not after the previous sample's");
      }
      starts.push_back(seconds_to_ns(rows[i].values[0] - rows[0].values[0]));
    } else {
      starts.push_back(static_cast<std::int64_t>(i) * seconds_to_ns(step_s));
    }
  }
  if (pairs) {
    if (rows.size() < 2) throw InputError(spec, "", "a two-column load trace needs at least two samples");
    period = starts.back() + (starts.back() - starts[starts.size() - 2]);
    check_segments(starts, period, rows, spec);
  } else {
    period = static_cast<std::int64_t>(rows.size()) * seconds_to_ns(step_s);
  }
  return LoadTrace::piecewise(std::move(starts), std::move(load), period);
}

}  // namespace splitsim

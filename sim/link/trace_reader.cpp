#include "link/trace_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "core/number_rows.hpp"

namespace splitsim {
namespace {

CapacityTrace mahimahi(const std::vector<Row>& rows, const std::string& path) {
  std::vector<std::int64_t> times;
  times.reserve(rows.size());
  for (const Row& r : rows) {
    double ms = r.values[0];
    if (ms > limits::kMaxSeconds * 1e3) {
      throw InputError(path, fmt::format("line {}", r.line), fmt::format("time {} ms is beyond the limit of {:g} ms", ms, limits::kMaxSeconds * 1e3));
    }
    if (ms != std::floor(ms)) {
      throw InputError(path, fmt::format("line {}", r.line), fmt::format("expected an integer millisecond, found {}", ms));
    }
    auto ns = static_cast<std::int64_t>(ms) * 1'000'000;
    if (!times.empty() && ns < times.back()) {
      throw InputError(path, fmt::format("line {}", r.line),
                       fmt::format("time {} ms is before the previous {} ms", ms, times.back() / 1'000'000));
    }
    times.push_back(ns);
  }
  if (times.back() == 0) throw InputError(path, "", "all packet opportunities are at time 0: the trace has no duration");
  std::int64_t period = times.back();  // Mahimahi loops the file with the last timestamp as its period
  return CapacityTrace::packets(std::move(times), period);
}

// A two-column trace's numbers in range: times within kMaxSeconds, rates 0 or within the rate limits.
void check_two_column(const std::vector<Row>& rows, const std::string& path) {
  for (const Row& r : rows) {
    std::string where = fmt::format("line {}", r.line);
    if (r.values[0] > limits::kMaxSeconds) {
      throw InputError(path, where, fmt::format("time {} s is beyond the limit of {:g} s", r.values[0], limits::kMaxSeconds));
    }
    double mbps = r.values[1];
    if (mbps > limits::kMaxMbps || (mbps > 0 && mbps < limits::kMinPositiveMbps)) {
      throw InputError(path, where, fmt::format("bandwidth {} Mbps is outside 0 or [{:g}, {:g}] Mbps", mbps,
                                                limits::kMinPositiveMbps, limits::kMaxMbps));
    }
  }
}

// Segment starts must stay distinct once rounded to nanoseconds, and the period must end after the last.
CapacityTrace two_column(const std::vector<Row>& rows, const std::string& path, SampleConvention convention) {
  if (rows.size() < 2) throw InputError(path, "", "a two-column trace needs at least two samples");
  check_two_column(rows, path);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (!(rows[i].values[0] > rows[i - 1].values[0])) {
      throw InputError(path, fmt::format("line {}", rows[i].line),
                       fmt::format("time {} s is not after the previous sample's {} s", rows[i].values[0],
                                   rows[i - 1].values[0]));
    }
  }
  double t0 = rows.front().values[0];
  std::vector<std::int64_t> starts;
  std::vector<double> rates;
  std::int64_t period = 0;
  if (convention == SampleConvention::start) {
    // The last sample holds for the median spacing of the trace.
    std::vector<double> gaps;
    for (std::size_t i = 1; i < rows.size(); ++i) gaps.push_back(rows[i].values[0] - rows[i - 1].values[0]);
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
    double last = gaps[gaps.size() / 2];
    for (const Row& r : rows) {
      starts.push_back(seconds_to_ns(r.values[0] - t0));
      rates.push_back(r.values[1] * 1e6);
    }
    period = seconds_to_ns(rows.back().values[0] - t0 + last);
  } else {
    // Sample i covers (t_i-1, t_i]; the first sample covers time before the trace and is not used.
    for (std::size_t i = 1; i < rows.size(); ++i) {
      starts.push_back(seconds_to_ns(rows[i - 1].values[0] - t0));
      rates.push_back(rows[i].values[1] * 1e6);
    }
    period = seconds_to_ns(rows.back().values[0] - t0);
  }
  if (std::all_of(rates.begin(), rates.end(), [](double r) { return r == 0; })) {
    throw InputError(path, "", "zero capacity throughout the trace");
  }
  check_segments(starts, period, rows, path);
  return CapacityTrace::piecewise(std::move(starts), std::move(rates), period);
}

// Timestamps on a clock's grid (at least 90 % of them within 5 % of the median spacing of a multiple of it,
// counted from the first) come from a sampler whose value covers the interval its stamp starts, as iperf
// logs do; timestamps that drift off any grid come from a log written as each measurement ends, as Pensieve's
// HSDPA files are (measured: 98-100 % on the grid for the Solis Wi-Fi traces, 8-10 % for the HSDPA logs).
SampleConvention detect_convention(const std::vector<Row>& rows, std::string& why) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < rows.size(); ++i) gaps.push_back(rows[i].values[0] - rows[i - 1].values[0]);
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2), gaps.end());
  double spacing = gaps[gaps.size() / 2];
  double t0 = rows.front().values[0];
  std::size_t on_grid = 0;
  for (const Row& r : rows) {
    double k = (r.values[0] - t0) / spacing;
    on_grid += std::abs(k - std::round(k)) < 0.05;
  }
  double share = static_cast<double>(on_grid) / static_cast<double>(rows.size());
  if (share >= 0.9) {
    why = fmt::format("{:.0f} % of the timestamps on a {:g} s grid, a sampler on a clock", share * 100, spacing);
    return SampleConvention::start;
  }
  why = fmt::format("only {:.0f} % of the timestamps on a {:g} s grid, a log stamped as each measurement ends",
                    share * 100, spacing);
  return SampleConvention::end;
}

}  // namespace

TraceFormat parse_trace_format(std::string_view name) {
  if (auto f = enum_from_name<TraceFormat>(kTraceFormatNames, name)) return *f;
  throw UsageError(fmt::format("unknown trace format \"{}\" (expected {})", name,
                               enum_alternatives<TraceFormat>(kTraceFormatNames)));
}

SampleConvention parse_sample_convention(std::string_view name) {
  if (auto c = enum_from_name<SampleConvention>(kSampleConventionNames, name)) return *c;
  throw UsageError(fmt::format("unknown sample convention \"{}\" (expected {})", name,
                               enum_alternatives<SampleConvention>(kSampleConventionNames)));
}

CapacityTrace read_bandwidth_trace(const std::string& spec, TraceFormat format, SampleConvention convention,
                                   TraceReading* how) {
  TraceReading reading{format, convention, {}};
  if (how != nullptr) *how = reading;
  if (spec.starts_with("constant:")) {
    double mbps = parse_constant(spec, "constant link");
    if (mbps == 0) throw UsageError(fmt::format("bad constant link \"{}\": zero capacity", spec));
    if (mbps < limits::kMinPositiveMbps || mbps > limits::kMaxMbps) {
      throw UsageError(fmt::format("bad constant link \"{}\": the rate must be between {:g} and {:g} Mbps", spec,
                                   limits::kMinPositiveMbps, limits::kMaxMbps));
    }
    return CapacityTrace::constant(mbps * 1e6);
  }
  std::vector<Row> rows = read_rows(spec);
  if (format == TraceFormat::auto_detect) {
    format = rows.front().values.size() == 1 ? TraceFormat::mahimahi : TraceFormat::two_column;
    reading.why = format == TraceFormat::mahimahi ? "one column" : "two columns";
  }
  reading.format = format;
  if (format == TraceFormat::mahimahi) {
    if (rows.front().values.size() != 1) {
      throw InputError(spec, fmt::format("line {}", rows.front().line), "a Mahimahi trace has one timestamp per line");
    }
    if (how != nullptr) *how = reading;
    return mahimahi(rows, spec);
  }
  if (rows.front().values.size() != 2) {
    throw InputError(spec, fmt::format("line {}", rows.front().line), "a two-column trace has `time_s bandwidth_Mbps` per line");
  }
  if (convention == SampleConvention::automatic && rows.size() >= 2) {
    std::string why;
    convention = detect_convention(rows, why);
    reading.why = reading.why.empty() ? why : reading.why + "; " + why;
  }
  reading.convention = convention;
  if (how != nullptr) *how = reading;
  return two_column(rows, spec, convention);
}

}  // namespace splitsim

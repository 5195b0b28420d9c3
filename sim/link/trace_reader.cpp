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

namespace splitsim {
namespace {

struct Row {
  int line = 0;
  std::vector<double> values;
};

double parse_number(const std::string& text, const std::string& file, int line) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(begin, &end);
  if (end == begin || *end != '\0' || errno == ERANGE) {
    throw InputError(file, fmt::format("line {}", line), fmt::format("expected a number, found \"{}\"", text));
  }
  if (!std::isfinite(v)) throw InputError(file, fmt::format("line {}", line), fmt::format("\"{}\" is not a finite number", text));
  if (v < 0) throw InputError(file, fmt::format("line {}", line), fmt::format("negative value {}", text));
  return v;
}

// Rows of numbers separated by tabs, spaces or commas; blank lines and '#' comments are skipped.
std::vector<Row> read_rows(const std::string& path) {
  require_regular_file(path, "trace file");
  std::ifstream in(path);
  if (!in) throw InputError(path, "", "cannot open file (missing or unreadable)");
  std::vector<Row> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    Row row{number, {}};
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != ',' && line[j] != '\r') ++j;
      if (j > i) row.values.push_back(parse_number(line.substr(i, j - i), path, number));
      i = j;
    }
    if (!row.values.empty()) rows.push_back(std::move(row));
  }
  if (in.bad()) throw InputError(path, "", "cannot read file");
  if (rows.empty()) throw InputError(path, "", "empty trace: no samples");
  std::size_t columns = rows.front().values.size();
  for (const Row& r : rows) {
    if (r.values.size() != columns || columns > 2) {
      throw InputError(path, fmt::format("line {}", r.line),
                       fmt::format("expected {} value(s) per line as on line {}, found {}", std::min<std::size_t>(columns, 2),
                                   rows.front().line, r.values.size()));
    }
  }
  return rows;
}

std::int64_t seconds_to_ns(double s) { return std::llround(s * 1e9); }

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
void check_segments(const std::vector<std::int64_t>& starts, std::int64_t period, const std::vector<Row>& rows,
                    const std::string& path) {
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] <= starts[i - 1]) {
      throw InputError(path, fmt::format("line {}", rows[std::min(i, rows.size() - 1)].line),
                       "samples closer than a nanosecond: the trace's time step is too fine");
    }
  }
  if (period <= starts.back()) throw InputError(path, "", "the trace's last sample has no duration (time step too fine)");
}

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

double parse_constant(const std::string& spec, std::string_view what) {
  std::string value = spec.substr(spec.find(':') + 1);
  char* end = nullptr;
  double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v) || v < 0) {
    throw UsageError(fmt::format("bad {} \"{}\": expected constant:<non-negative number>", what, spec));
  }
  return v;
}

}  // namespace

TraceFormat parse_trace_format(std::string_view name) {
  if (name == "auto") return TraceFormat::auto_detect;
  if (name == "mahimahi") return TraceFormat::mahimahi;
  if (name == "two-column") return TraceFormat::two_column;
  throw UsageError(fmt::format("unknown trace format \"{}\" (expected auto, mahimahi or two-column)", name));
}

SampleConvention parse_sample_convention(std::string_view name) {
  if (name == "start") return SampleConvention::start;
  if (name == "end") return SampleConvention::end;
  throw UsageError(fmt::format("unknown sample convention \"{}\" (expected start or end)", name));
}

LoadUnit parse_load_unit(std::string_view name) {
  if (name == "percent") return LoadUnit::percent;
  if (name == "fraction") return LoadUnit::fraction;
  throw UsageError(fmt::format("unknown load unit \"{}\" (expected percent or fraction)", name));
}

CapacityTrace read_bandwidth_trace(const std::string& spec, TraceFormat format, SampleConvention convention) {
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
  }
  if (format == TraceFormat::mahimahi) {
    if (rows.front().values.size() != 1) {
      throw InputError(spec, fmt::format("line {}", rows.front().line), "a Mahimahi trace has one timestamp per line");
    }
    return mahimahi(rows, spec);
  }
  if (rows.front().values.size() != 2) {
    throw InputError(spec, fmt::format("line {}", rows.front().line), "a two-column trace has `time_s bandwidth_Mbps` per line");
  }
  return two_column(rows, spec, convention);
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
                                   unit == LoadUnit::percent ? "percent" : "fraction"));
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

#include "core/number_rows.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "core/input_error.hpp"

namespace splitsim {

namespace {

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

}  // namespace

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

double parse_constant(const std::string& spec, std::string_view what) {
  std::string value = spec.substr(spec.find(':') + 1);
  char* end = nullptr;
  double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v) || v < 0) {
    throw UsageError(fmt::format("bad {} \"{}\": expected constant:<non-negative number>", what, spec));
  }
  return v;
}

}  // namespace splitsim

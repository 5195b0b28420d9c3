#pragma once
// Text files of numbers, one sample per line (bandwidth and load traces): the shared reading and checks.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace splitsim {

struct Row {
  int line = 0;
  std::vector<double> values;
};

/// Rows of non-negative numbers separated by tabs, spaces or commas; blank lines and '#' comments skipped;
/// every row has the first row's count of values (one or two). Problems are InputErrors naming the line.
std::vector<Row> read_rows(const std::string& path);

std::int64_t seconds_to_ns(double s);

/// Segment starts must grow by at least a nanosecond and the period must outlast the last start.
void check_segments(const std::vector<std::int64_t>& starts, std::int64_t period, const std::vector<Row>& rows,
                    const std::string& path);

/// The number of "constant:<number>" (non-negative; UsageError naming `what` otherwise).
double parse_constant(const std::string& spec, std::string_view what);

}  // namespace splitsim

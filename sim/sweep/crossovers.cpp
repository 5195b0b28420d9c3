#include "sweep/crossovers.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace splitsim {
namespace {

// Sweep cells are written without commas (sweep_spec checks the axis labels), so a split on ',' is exact.
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(fields(line));
  }
  return rows;
}

}  // namespace

std::string crossovers_csv(const std::string& results_csv) {
  std::string out = "axis,others,partitioner,from,to,split_before,split_after\n";
  auto rows = rows_of(results_csv);
  if (rows.size() < 2) return out;
  const auto& header = rows.front();
  auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t partitioner = column("partitioner"), top = column("top_split");
  if (partitioner >= header.size() || top >= header.size()) return out;
  // Axes are the columns between `point` and `partitioner`; their values in the order the sweep lists them,
  // which is the order they first appear in point order.
  for (std::size_t a = 1; a < partitioner; ++a) {
    std::vector<std::string> order;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (std::find(order.begin(), order.end(), rows[i][a]) == order.end()) order.push_back(rows[i][a]);
    }
    // (partitioner, the other axes' values) -> split at each value of this axis
    std::map<std::pair<std::string, std::string>, std::map<std::size_t, std::string>> lines;
    std::vector<std::pair<std::string, std::string>> first_seen;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      std::string others;
      for (std::size_t b = 1; b < partitioner; ++b) {
        if (b != a) others += fmt::format("{}{}={}", others.empty() ? "" : ";", header[b], r[b]);
      }
      std::pair<std::string, std::string> key{r[partitioner], others};
      if (!lines.contains(key)) first_seen.push_back(key);
      auto at = static_cast<std::size_t>(std::find(order.begin(), order.end(), r[a]) - order.begin());
      lines[key][at] = r[top];
    }
    for (const auto& key : first_seen) {
      const auto& splits = lines[key];
      for (auto it = splits.begin(), next = std::next(it); next != splits.end(); it = next++) {
        if (it->second == next->second) continue;
        out += fmt::format("{},{},{},{},{},{},{}\n", header[a], key.second, key.first, order[it->first], order[next->first],
                           it->second, next->second);
      }
    }
  }
  return out;
}

std::string crossovers_text(const std::string& crossovers, std::size_t max_lines) {
  auto rows = rows_of(crossovers);
  if (rows.size() <= 1) return "no partitioner changes its most chosen split along any axis\n";
  std::string out;
  for (std::size_t i = 1; i < rows.size() && i <= max_lines; ++i) {
    const auto& r = rows[i];
    out += fmt::format("  {}: {} {} -> {}: {} -> {}{}\n", r[2], r[0], r[3], r[4], r[5], r[6],
                       r[1].empty() ? "" : fmt::format(" ({})", r[1]));
  }
  if (rows.size() - 1 > max_lines) out += fmt::format("  ... and {} more in crossovers.csv\n", rows.size() - 1 - max_lines);
  return out;
}

}  // namespace splitsim

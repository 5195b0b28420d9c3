#include "calib/csv_table.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/input_error.hpp"

namespace splitsim {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  for (char c : line) {
    if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  out.push_back(field);
  for (auto& f : out) {
    while (!f.empty() && f.front() == ' ') f.erase(f.begin());
    while (!f.empty() && f.back() == ' ') f.pop_back();
  }
  return out;
}

}  // namespace

CsvTable CsvTable::read(const std::string& path, const std::vector<std::string>& columns) {
  require_regular_file(path, "CSV file");
  std::ifstream in(path);
  if (!in) throw InputError(path, "", "cannot open file (missing or unreadable)");
  CsvTable t;
  t.path_ = path;
  t.header_ = columns;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line == "\r") continue;
    auto fields = split(line);
    if (t.header_.empty()) {
      t.header_ = fields;
      continue;
    }
    if (fields.size() != t.header_.size()) {
      throw InputError(path, fmt::format("line {}", number),
                       fmt::format("expected {} fields as in the header, found {}", t.header_.size(), fields.size()));
    }
    t.rows_.push_back(std::move(fields));
    t.lines_.push_back(number);
  }
  if (t.header_.empty()) throw InputError(path, "", "empty file: no header row");
  return t;
}

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

void CsvTable::require_columns(const std::vector<std::string>& names) const {
  for (const auto& n : names) {
    if (!column(n)) throw InputError(path_, "line 1", fmt::format("missing column \"{}\"", n));
  }
}

const std::string& CsvTable::text(std::size_t row, const std::string& name) const {
  auto c = column(name);
  if (!c) throw InputError(path_, "line 1", fmt::format("missing column \"{}\"", name));
  return rows_[row][*c];
}

bool CsvTable::present(std::size_t row, const std::string& name) const {
  auto c = column(name);
  return c && !rows_[row][*c].empty() && rows_[row][*c] != "NA";
}

double CsvTable::number(std::size_t row, const std::string& name, double min_value) const {
  const std::string& f = text(row, name);
  std::string where = fmt::format("line {}, column {}", lines_[row], name);
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(f.c_str(), &end);
  if (f.empty() || *end != '\0' || errno == ERANGE) throw InputError(path_, where, fmt::format("expected a number, found \"{}\"", f));
  if (!std::isfinite(v)) throw InputError(path_, where, fmt::format("\"{}\" is not a finite number", f));
  if (v < min_value) {
    throw InputError(path_, where, min_value == 0 ? fmt::format("negative value {}", f)
                                                  : fmt::format("expected at least {}, found {}", min_value, f));
  }
  return v;
}

std::int64_t CsvTable::integer(std::size_t row, const std::string& name, std::int64_t min_value) const {
  double v = number(row, name);
  if (v != std::floor(v) || v < static_cast<double>(min_value) || v > 9e15) {
    throw InputError(path_, fmt::format("line {}, column {}", lines_[row], name),
                     fmt::format("expected an integer of at least {}, found {}", min_value, text(row, name)));
  }
  return static_cast<std::int64_t>(v);
}

}  // namespace splitsim

#pragma once
// An output table's columns declared once — name, format and getter — so that the header and every row come
// from the same list (no header kept apart from a row format, no reading by position).

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace splitsim {

template <class Row>
struct Column {
  std::string name;
  std::function<std::string(const Row&)> cell;
};

template <class Row>
using Columns = std::vector<Column<Row>>;

/// A column formatted with `format` (fmt syntax, e.g. "{:.6f}") from `get(row)`.
template <class Row, class Get>
Column<Row> column(std::string name, std::string_view format, Get get) {
  std::string f(format);
  return {std::move(name), [f, get](const Row& r) { return fmt::format(fmt::runtime(f), get(r)); }};
}

template <class Row>
std::string csv_header(const Columns<Row>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ',';
    out += c.name;
  }
  return out;
}

template <class Row>
std::string csv_row(const Columns<Row>& columns, const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ',';
    out += columns[i].cell(row);
  }
  return out;
}

/// The header line and one line per row.
template <class Row, class Rows>
std::string csv_table(const Columns<Row>& columns, const Rows& rows) {
  std::string out = csv_header(columns) + "\n";
  for (const Row& r : rows) out += csv_row(columns, r) + "\n";
  return out;
}

/// The position of the column named `name` (std::logic_error when absent: a programming error).
template <class Row>
std::size_t column_index(const Columns<Row>& columns, std::string_view name) {
  auto it = std::find_if(columns.begin(), columns.end(), [&](const Column<Row>& c) { return c.name == name; });
  if (it == columns.end()) throw std::logic_error(fmt::format("no column \"{}\"", name));
  return static_cast<std::size_t>(it - columns.begin());
}

}  // namespace splitsim

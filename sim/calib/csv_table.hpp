#pragma once
// A small strict CSV reader: a header row, comma-separated fields without quoting, columns looked up by
// name, every error naming the file, the line and the column.

#include <optional>
#include <string>
#include <vector>

namespace splitsim {

class CsvTable {
 public:
  /// Reads `path`; a missing file or a file without a header is an InputError. With `columns`, the file has
  /// no header row and every line is data.
  static CsvTable read(const std::string& path, const std::vector<std::string>& columns = {});

  const std::string& path() const { return path_; }
  std::size_t rows() const { return rows_.size(); }
  int line(std::size_t row) const { return lines_[row]; }
  bool has_column(const std::string& name) const { return column(name).has_value(); }
  /// Fails naming the first of `names` that is missing.
  void require_columns(const std::vector<std::string>& names) const;

  const std::string& text(std::size_t row, const std::string& column) const;
  /// A finite number; `min_value` bounds it from below.
  double number(std::size_t row, const std::string& column, double min_value = -1e308) const;
  /// A positive (>= min_value) integer.
  std::int64_t integer(std::size_t row, const std::string& column, std::int64_t min_value = 1) const;
  /// True when the column exists and the field is not empty.
  bool present(std::size_t row, const std::string& column) const;

 private:
  std::optional<std::size_t> column(const std::string& name) const;
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

}  // namespace splitsim

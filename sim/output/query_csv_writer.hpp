#pragma once
// Streams one CSV row per query (the columns of docs/scenarios.md) to a file: each row is formatted straight into
// a 1 MiB buffer written out whole when it fills. No per-query allocation or copy, memory independent of the
// number of queries. The file is created when the buffer first fills: rows that never fill it stay in memory
// (`held`), and a small run creates no part file at all.

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "core/checked_file.hpp"
#include "world/query_record.hpp"

namespace splitsim {

class QueryCsvWriter : public QueryObserver {
 public:
  /// Writes to `path` (errors name `shown`), starting with the header when asked; the partitioner name is
  /// written in every row.
  QueryCsvWriter(const std::filesystem::path& path, std::string shown, std::string partitioner, bool with_header);
  ~QueryCsvWriter() override;
  QueryCsvWriter(const QueryCsvWriter&) = delete;
  QueryCsvWriter& operator=(const QueryCsvWriter&) = delete;

  /// A column's last number and its text: consecutive rows often repeat a column (zeros, a split's compute time
  /// and energy), and copying the text back is cheaper than formatting the number again.
  struct RecentNumber {
    std::int64_t value = std::numeric_limits<std::int64_t>::min();
    std::uint32_t size = 0;
    std::array<char, 32> text{};
  };

  static std::string header();
  void on_query(const QueryRecord& r) override;
  /// Writes what is buffered if the file exists, closes it and frees the buffer (rows in memory are kept).
  void close();
  /// Whether rows went to the file (otherwise they are all in `held`).
  bool on_disk() const { return written_; }
  std::string_view held() const { return {buffer_.get(), used_}; }

 private:
  void flush();
  void append(const std::string& text);
  static constexpr std::size_t kBufferBytes = 1 << 20;
  static constexpr std::size_t kMaxRowBytes = 1024;  ///< a row's bound and its scratch (its two names are checked to fit)
  std::filesystem::path path_;
  std::string shown_;
  std::unique_ptr<CheckedFile> file_;
  bool written_ = false;
  std::string partitioner_;
  // Not zeroed: its pages are touched only as rows fill them.
  std::unique_ptr<char[]> buffer_ = std::make_unique_for_overwrite<char[]>(kBufferBytes);
  std::size_t used_ = 0;
  std::array<RecentNumber, 12> recent_;  ///< the columns from mobile_ms to total_energy_j
};

}  // namespace splitsim

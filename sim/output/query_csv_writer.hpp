#pragma once
// Streams one CSV row per query (the columns of docs/scenarios.md) to a file through a buffer: no per-query allocation, memory
// independent of the number of queries.

#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "world/query_record.hpp"

namespace splitsim {

class QueryCsvWriter : public QueryObserver {
 public:
  /// Opens `path` for writing (errors name `shown`), starting with the header when asked; the partitioner
  /// name is written in every row.
  QueryCsvWriter(const std::filesystem::path& path, std::string shown, std::string partitioner, bool with_header);
  ~QueryCsvWriter() override;
  QueryCsvWriter(const QueryCsvWriter&) = delete;
  QueryCsvWriter& operator=(const QueryCsvWriter&) = delete;

  static std::string header();
  void on_query(const QueryRecord& r) override;
  void close();

 private:
  void flush();
  std::unique_ptr<CheckedFile> file_;
  std::string partitioner_;
  fmt::memory_buffer buffer_;
};

}  // namespace splitsim

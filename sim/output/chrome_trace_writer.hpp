#pragma once
// A Chrome/Perfetto trace (chrome://tracing, ui.perfetto.dev) of the first queries: one row per client,
// a span per phase (mobile, upload, queue, server, download).

#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "world/query_record.hpp"

namespace splitsim {

class ChromeTraceWriter : public QueryObserver {
 public:
  /// Writes complete events with pid = `process` (one per partitioner) to `path` (errors name `shown`), up to
  /// `max_queries`.
  ChromeTraceWriter(const std::filesystem::path& path, std::string shown, int process, std::string process_name,
                    std::int64_t max_queries);
  ~ChromeTraceWriter() override;
  ChromeTraceWriter(const ChromeTraceWriter&) = delete;
  ChromeTraceWriter& operator=(const ChromeTraceWriter&) = delete;
  void on_query(const QueryRecord& r) override;
  void close();

 private:
  void span(const char* name, std::uint32_t client, SimTime from, SimTime to, std::uint64_t id);
  std::unique_ptr<CheckedFile> file_;
  int process_;
  std::int64_t remaining_;
  fmt::memory_buffer buffer_;
};

}  // namespace splitsim

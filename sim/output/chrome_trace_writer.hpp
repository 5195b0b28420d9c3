#pragma once
// A Chrome/Perfetto trace (chrome://tracing, ui.perfetto.dev) of the first queries, drawn as a Gantt chart
// (docs/scenarios.md, "Trace viewer"): per partitioner, a process for the phones — three named threads per
// client: its queries, its processor and its uplink — and a process for the server with one thread per
// worker; flow arrows link each query's phases across them.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_set>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "world/query_record.hpp"

namespace splitsim {

class ChromeTraceWriter : public QueryObserver {
 public:
  /// Writes partitioner number `process` (its name `process_name`) to `path` (errors name `shown`), up to
  /// `max_queries` queries; its processes are 2 x process (phones) and 2 x process + 1 (server).
  ChromeTraceWriter(const std::filesystem::path& path, std::string shown, int process, std::string process_name,
                    std::int64_t max_queries);
  ~ChromeTraceWriter() override;
  ChromeTraceWriter(const ChromeTraceWriter&) = delete;
  ChromeTraceWriter& operator=(const ChromeTraceWriter&) = delete;
  void on_query(const QueryRecord& r) override;
  void close();

 private:
  struct Track {
    int pid;
    std::uint64_t tid;
  };
  Track client_track(std::uint32_t client, int kind);  ///< kind 0: queries, 1: processor, 2: uplink
  Track worker_track(std::int32_t worker);
  void name_thread(Track t, const std::string& name);
  void span(const std::string& name, Track t, SimTime from, SimTime to, const QueryRecord& r);
  void flow(char phase, Track t, SimTime at, const QueryRecord& r);
  std::unique_ptr<CheckedFile> file_;
  int process_;
  std::int64_t remaining_;
  std::unordered_set<std::uint64_t> named_;  ///< tracks whose thread name is written (pid << 40 | tid)
  fmt::memory_buffer buffer_;
};

}  // namespace splitsim

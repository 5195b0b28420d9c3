#include "output/chrome_trace_writer.hpp"

namespace splitsim {
namespace {

double us(SimTime t) { return static_cast<double>(t.ns()) * 1e-3; }  // trace times are microseconds

constexpr const char* kClientTracks[] = {"queries", "processor", "uplink"};

}  // namespace

ChromeTraceWriter::ChromeTraceWriter(const std::filesystem::path& path, std::string shown, int process,
                                     std::string process_name, std::int64_t max_queries)
    : file_(std::make_unique<CheckedFile>(path, std::move(shown))), process_(process), remaining_(max_queries) {
  fmt::format_to(std::back_inserter(buffer_),
                 "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{},\"args\":{{\"name\":\"{}: phones\"}}}},\n"
                 "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{},\"args\":{{\"name\":\"{}: server\"}}}},\n"
                 "{{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":{},\"args\":{{\"sort_index\":{}}}}},\n"
                 "{{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":{},\"args\":{{\"sort_index\":{}}}}}",
                 2 * process_, process_name, 2 * process_ + 1, process_name, 2 * process_, 2 * process_,
                 2 * process_ + 1, 2 * process_ + 1);
}

ChromeTraceWriter::~ChromeTraceWriter() = default;  // an unclosed file is thrown away with the scratch

void ChromeTraceWriter::name_thread(Track t, const std::string& name) {
  if (!named_.insert((static_cast<std::uint64_t>(t.pid) << 40) | t.tid).second) return;
  fmt::format_to(std::back_inserter(buffer_),
                 ",\n{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":{},\"tid\":{},\"args\":{{\"name\":\"{}\"}}}}"
                 ",\n{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":{},\"tid\":{},\"args\":{{\"sort_index\":{}}}}}",
                 t.pid, t.tid, name, t.pid, t.tid, t.tid);
}

ChromeTraceWriter::Track ChromeTraceWriter::client_track(std::uint32_t client, int kind) {
  Track t{2 * process_, 3 * static_cast<std::uint64_t>(client) + static_cast<std::uint64_t>(kind)};
  name_thread(t, fmt::format("client {} {}", client, kClientTracks[kind]));
  return t;
}

ChromeTraceWriter::Track ChromeTraceWriter::worker_track(std::int32_t worker) {
  Track t{2 * process_ + 1, static_cast<std::uint64_t>(worker)};
  name_thread(t, fmt::format("worker {}", worker));
  return t;
}

void ChromeTraceWriter::span(const std::string& name, Track t, SimTime from, SimTime to, const QueryRecord& r) {
  if (to <= from) return;
  fmt::format_to(std::back_inserter(buffer_),
                 ",\n{{\"name\":\"{}\",\"ph\":\"X\",\"pid\":{},\"tid\":{},\"ts\":{:.3f},\"dur\":{:.3f},"
                 "\"args\":{{\"query\":{},\"client\":{},\"split\":\"{}\"}}}}",
                 name, t.pid, t.tid, us(from), us(to) - us(from), r.id, r.client, *r.split_after);
}

// One arrow per query, from its start through each phase that ran to its end; ids are unique per partitioner.
void ChromeTraceWriter::flow(char phase, Track t, SimTime at, const QueryRecord& r) {
  fmt::format_to(std::back_inserter(buffer_),
                 ",\n{{\"name\":\"query\",\"cat\":\"query\",\"ph\":\"{}\",\"id\":\"{}-{}\",\"pid\":{},\"tid\":{},"
                 "\"ts\":{:.3f}{}}}",
                 phase, process_, r.id, t.pid, t.tid, us(at), phase == 'f' ? ",\"bp\":\"e\"" : "");
}

void ChromeTraceWriter::on_query(const QueryRecord& r) {
  if (remaining_ <= 0) return;
  --remaining_;
  Track query = client_track(r.client, 0);
  span(fmt::format("query -> {}", *r.split_after), query, r.arrival, r.done, r);
  flow('s', query, r.arrival, r);
  if (r.mobile_end > r.mobile_start) {
    Track cpu = client_track(r.client, 1);
    span("mobile", cpu, r.mobile_start, r.mobile_end, r);
    flow('t', cpu, r.mobile_start, r);
  }
  if (!r.local) {
    Track link = client_track(r.client, 2);
    span("upload", link, r.mobile_end, r.upload_end, r);
    flow('t', link, r.mobile_end, r);
    span("queue", query, r.upload_end, r.server_start, r);
    if (r.worker >= 0) {
      Track worker = worker_track(r.worker);
      span(fmt::format("server (client {})", r.client), worker, r.server_start, r.server_end, r);
      flow('t', worker, r.server_start, r);
    }
    span("download", query, r.server_end, r.done, r);
  }
  flow('f', query, r.done, r);
  if (buffer_.size() > (1 << 16)) {
    file_->write({buffer_.data(), buffer_.size()});
    buffer_.clear();
  }
}

void ChromeTraceWriter::close() {
  if (file_ == nullptr) return;
  file_->write({buffer_.data(), buffer_.size()});
  buffer_.clear();
  file_->close();
  file_.reset();
}

}  // namespace splitsim

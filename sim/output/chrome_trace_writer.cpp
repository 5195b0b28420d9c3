#include "output/chrome_trace_writer.hpp"

#include <stdexcept>

namespace splitsim {

ChromeTraceWriter::ChromeTraceWriter(const std::filesystem::path& path, std::string shown, int process,
                                     std::string process_name, std::int64_t max_queries)
    : file_(std::make_unique<CheckedFile>(path, std::move(shown))), process_(process), remaining_(max_queries) {
  fmt::format_to(std::back_inserter(buffer_),
                 "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":{},\"args\":{{\"name\":\"{}\"}}}}", process_,
                 process_name);
}

ChromeTraceWriter::~ChromeTraceWriter() = default;  // an unclosed file is thrown away with the scratch

void ChromeTraceWriter::span(const char* name, std::uint32_t client, SimTime from, SimTime to, std::uint64_t id) {
  if (to <= from) return;
  // Trace times are microseconds.
  fmt::format_to(std::back_inserter(buffer_),
                 ",\n{{\"name\":\"{}\",\"ph\":\"X\",\"pid\":{},\"tid\":{},\"ts\":{:.3f},\"dur\":{:.3f},\"args\":{{\"query\":{}}}}}",
                 name, process_, client, static_cast<double>(from.ns()) * 1e-3,
                 static_cast<double>((to - from).ns()) * 1e-3, id);
}

void ChromeTraceWriter::on_query(const QueryRecord& r) {
  if (remaining_ <= 0) return;
  --remaining_;
  span("mobile", r.client, r.mobile_start, r.mobile_end, r.id);
  if (!r.local) {
    span("upload", r.client, r.mobile_end, r.upload_end, r.id);
    span("queue", r.client, r.upload_end, r.server_start, r.id);
    span("server", r.client, r.server_start, r.server_end, r.id);
    span("download", r.client, r.server_end, r.done, r.id);
  }
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

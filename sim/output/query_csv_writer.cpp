#include "output/query_csv_writer.hpp"

#include <cstring>
#include <stdexcept>

namespace splitsim {

QueryCsvWriter::QueryCsvWriter(const std::filesystem::path& path, std::string shown, std::string partitioner,
                               bool with_header)
    : path_(path), shown_(std::move(shown)), partitioner_(std::move(partitioner)) {
  if (with_header) append(header());
}

void QueryCsvWriter::append(const std::string& text) {
  if (kBufferBytes - used_ < text.size()) flush();
  std::memcpy(buffer_.get() + used_, text.data(), text.size());
  used_ += text.size();
}

QueryCsvWriter::~QueryCsvWriter() = default;  // an unclosed file is thrown away with the scratch

std::string QueryCsvWriter::header() {
  return "query,client,partitioner,t_arrival_s,split_after,split_index,mobile_ms,upload_ms,queue_ms,server_ms,"
         "download_ms,latency_ms,upload_bytes,compute_energy_j,radio_energy_j,tail_energy_j,promotion_energy_j,"
         "total_energy_j\n";
}

namespace {

// Rows are formatted in place at the end of the writer's buffer by hand-written integer formatting: every duration is whole
// nanoseconds, so fixed-point decimals are exact, and this is several times faster than formatting doubles.
class RowWriter {
 public:
  explicit RowWriter(char* at) : line_(at), p_(at) {}
  void text(const std::string& s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void ch(char c) { *p_++ = c; }
  void integer(std::uint64_t v) {
    char tmp[24];
    char* q = tmp + sizeof tmp;
    do {
      *--q = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    std::memcpy(p_, q, static_cast<std::size_t>(tmp + sizeof tmp - q));
    p_ += tmp + sizeof tmp - q;
  }
  /// `value` in units of 10^-decimals, printed with exactly `decimals` decimals.
  void fixed(std::int64_t value, int decimals) {
    if (value < 0) {
      ch('-');
      value = -value;
    }
    auto v = static_cast<std::uint64_t>(value);
    char tmp[32];
    char* q = tmp + sizeof tmp;
    for (int i = 0; i < decimals; ++i) {
      *--q = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    *--q = '.';
    do {
      *--q = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    std::memcpy(p_, q, static_cast<std::size_t>(tmp + sizeof tmp - q));
    p_ += tmp + sizeof tmp - q;
  }
  void ms(Duration d) {
    fixed(d.ns(), 6);  // ns are ms with six decimals
    ch(',');
  }
  std::size_t size() const { return static_cast<std::size_t>(p_ - line_); }

 private:
  char* line_;
  char* p_;
};

}  // namespace

void QueryCsvWriter::on_query(const QueryRecord& r) {
  if (partitioner_.size() + r.split_after->size() > 600) throw std::runtime_error("names too long for a CSV row");
  if (kBufferBytes - used_ < kMaxRowBytes) flush();
  RowWriter w(buffer_.get() + used_);
  w.integer(r.id);
  w.ch(',');
  w.integer(r.client);
  w.ch(',');
  w.text(partitioner_);
  w.ch(',');
  w.fixed(r.arrival.ns(), 9);
  w.ch(',');
  w.text(*r.split_after);
  w.ch(',');
  w.integer(static_cast<std::uint64_t>(r.split_index));
  w.ch(',');
  Duration zero = Duration::zero();
  w.ms(r.mobile_end - r.arrival);
  w.ms(r.local ? zero : r.upload_end - r.mobile_end);
  w.ms(r.local ? zero : r.server_start - r.upload_end);
  w.ms(r.local ? zero : r.server_end - r.server_start);
  w.ms(r.local ? zero : r.done - r.server_end);
  w.ms(r.done - r.arrival);
  w.integer(static_cast<std::uint64_t>(r.upload_bytes));
  std::int64_t total_nj = 0;  // the sum of the parts as written, so that the columns add up exactly
  for (double joules : {r.mobile_energy_j, r.radio_energy_j, r.tail_energy_j, r.promotion_energy_j}) {  // to the nJ
    std::int64_t nj = round_to_int64(joules * 1e9);
    total_nj += nj;
    w.ch(',');
    w.fixed(nj, 9);
  }
  w.ch(',');
  w.fixed(total_nj, 9);
  w.ch('\n');
  used_ += w.size();
}

void QueryCsvWriter::flush() {
  if (!written_) {
    file_ = std::make_unique<CheckedFile>(path_, shown_);
    written_ = true;
  }
  file_->write({buffer_.get(), used_});
  used_ = 0;
}

void QueryCsvWriter::close() {
  if (file_ == nullptr) return;
  flush();
  file_->close();
  file_.reset();
  buffer_.reset();  // the replica's rows are on disk; the other replicas' may be held until the join
}

}  // namespace splitsim

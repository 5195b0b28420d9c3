#include "output/query_csv_writer.hpp"

#include <cstring>
#include <stdexcept>

#include "output/decimal_digits.hpp"

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
// nanoseconds, so fixed-point decimals are exact, and this is several times faster than formatting doubles. The
// digits go where they belong, eight at a time (output/decimal_digits.hpp); the row bound leaves room for the
// scratch bytes after the last number.
class RowWriter {
 public:
  explicit RowWriter(char* at) : line_(at), p_(at) {}
  void text(const std::string& s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void ch(char c) { *p_++ = c; }
  void integer(std::uint64_t v) { p_ = decimal::write_digits(p_, v, decimal::digit_count(v)); }
  /// `value` in units of 10^-Decimals, printed with exactly `Decimals` decimals.
  template <int Decimals>
  void fixed(std::int64_t value) {
    if (value < 0) {
      ch('-');
      value = -value;
    }
    constexpr std::uint64_t kUnit = decimal::kPow10[Decimals];
    const auto v = static_cast<std::uint64_t>(value);
    integer(v / kUnit);
    ch('.');
    p_ = decimal::write_digits(p_, v % kUnit, Decimals);
  }
  /// `value` as `format` writes it, or the text `recent` kept of it when it is the column's last value again.
  template <class Format>
  void recalled(std::int64_t value, QueryCsvWriter::RecentNumber& recent, Format format) {
    if (value == recent.value) {
      std::memcpy(p_, recent.text.data(), recent.text.size());  // a constant size: no call; the rest is scratch
      p_ += recent.size;
      return;
    }
    char* start = p_;
    format(value);
    recent.value = value;
    recent.size = static_cast<std::uint32_t>(p_ - start);
    std::memcpy(recent.text.data(), start, recent.text.size());  // with scratch, written or not
  }
  void ms(Duration d, QueryCsvWriter::RecentNumber& recent) {
    recalled(d.ns(), recent, [this](std::int64_t ns) { fixed<6>(ns); });  // ns are ms with six decimals
    ch(',');
  }
  void joules(std::int64_t nj, QueryCsvWriter::RecentNumber& recent) {
    recalled(nj, recent, [this](std::int64_t v) { fixed<9>(v); });
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
  w.fixed<9>(r.arrival.ns());
  w.ch(',');
  w.text(*r.split_after);
  w.ch(',');
  w.integer(static_cast<std::uint64_t>(r.split_index));
  w.ch(',');
  Duration zero = Duration::zero();
  w.ms(r.mobile_end - r.arrival, recent_[0]);
  w.ms(r.local ? zero : r.upload_end - r.mobile_end, recent_[1]);
  w.ms(r.local ? zero : r.server_start - r.upload_end, recent_[2]);
  w.ms(r.local ? zero : r.server_end - r.server_start, recent_[3]);
  w.ms(r.local ? zero : r.done - r.server_end, recent_[4]);
  w.ms(r.done - r.arrival, recent_[5]);
  w.recalled(r.upload_bytes, recent_[6], [&w](std::int64_t v) { w.integer(static_cast<std::uint64_t>(v)); });
  std::int64_t total_nj = 0;  // the sum of the parts as written, so that the columns add up exactly
  std::size_t column = 7;
  for (double joules : {r.mobile_energy_j, r.radio_energy_j, r.tail_energy_j, r.promotion_energy_j}) {  // to the nJ
    std::int64_t nj = round_to_int64(joules * 1e9);
    total_nj += nj;
    w.ch(',');
    w.joules(nj, recent_[column++]);
  }
  w.ch(',');
  w.joules(total_nj, recent_[column]);
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

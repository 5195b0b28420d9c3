// Every trace kind: the first byte picks Mahimahi, two-column (start or end), auto or a load trace; the
// trace is then summarised and an upload replayed on it.
#include "fuzz_input.hpp"
#include "link/trace_reader.hpp"
#include "server/load_trace_reader.hpp"
#include "link/trace_stats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  if (size == 0) return 0;
  std::string path = fuzz::write_file("trace.txt", {reinterpret_cast<const char*>(data) + 1, size - 1});
  int kind = data[0] % 5;
  fuzz::expect_input_errors([&] {
    if (kind == 4) {
      load_stats(read_load_trace(path, 1.0 + data[0], data[0] & 0x80 ? LoadUnit::fraction : LoadUnit::percent));
      return;
    }
    TraceFormat format = kind == 0 ? TraceFormat::mahimahi : kind == 3 ? TraceFormat::auto_detect : TraceFormat::two_column;
    CapacityTrace t = read_bandwidth_trace(path, format, kind == 2 ? SampleConvention::end : SampleConvention::start);
    capacity_stats(t);
    t.completion_time(SimTime::from_seconds(data[0]), 8e6 * (1 + data[0]));
  });
  return 0;
}

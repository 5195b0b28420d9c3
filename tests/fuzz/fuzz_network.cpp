// Network JSON: parse, shape inference, a batch change and a prediction on a shipped platform.
#include "calib/network_prediction.hpp"
#include "core/json_reader.hpp"
#include "fuzz_input.hpp"
#include "network/network_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  static const Platform platform = load_platform("jetson-cpu");
  fuzz::expect_input_errors([&] {
    Network net = parse_network(parse_json_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"), "fuzz.json");
    predict_network(net, platform);
    set_batch(net, net.batch * 4);
    predict_network(net, platform);
  });
  return 0;
}

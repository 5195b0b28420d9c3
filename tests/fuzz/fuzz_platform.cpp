// Platform files: models, device limits, power, and predictions with them.
#include "calib/network_prediction.hpp"
#include "calib/platform.hpp"
#include "core/json_reader.hpp"
#include "fuzz_input.hpp"
#include "network/network_catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  static const Network net = load_network("imc");
  fuzz::expect_input_errors([&] {
    Platform p = parse_platform(parse_json_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"), "fuzz.json");
    predict_network(net, p);
  });
  return 0;
}

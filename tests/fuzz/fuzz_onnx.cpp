// ONNX models: protobuf parsing, conversion and the network checks.
#include "fuzz_input.hpp"
#include "network/onnx_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  std::string path = fuzz::write_file("model.onnx", {reinterpret_cast<const char*>(data), size});
  fuzz::expect_input_errors([&] { load_onnx_network(path); });
  return 0;
}

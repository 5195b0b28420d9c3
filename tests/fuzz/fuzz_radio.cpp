// Radio profiles (RRC state machines and power).
#include "core/json_reader.hpp"
#include "fuzz_input.hpp"
#include "radio/radio_profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  fuzz::expect_input_errors([&] {
    parse_radio_profile(parse_json_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"), "fuzz.json");
  });
  return 0;
}

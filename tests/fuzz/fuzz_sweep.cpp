// Sweep files over a valid base scenario: axes, formats, bundles, the grid and each point's settings.
#include "fuzz_input.hpp"
#include "scenario/scenario.hpp"
#include "sweep/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  fuzz::write_file("base.json", R"({"horizon_s": 2, "clients": [{"network": "dig", "uplink": {"trace": "constant:5.5"}}]})");
  std::string path = fuzz::write_file("sweep.json", {reinterpret_cast<const char*>(data), size});
  fuzz::expect_input_errors([&] {
    Sweep s = load_sweep(path);
    for (std::size_t p = 0; p < s.points() && p < 3; ++p) load_scenario(s.scenario, s.settings_of(p));
  });
  return 0;
}

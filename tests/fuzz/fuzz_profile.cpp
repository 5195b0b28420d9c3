// Profile CSV files through each importer (the first byte picks it), and a fit when they read.
#include "calib/calibration.hpp"
#include "calib/profile_io.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  if (size == 0) return 0;
  Importer importer = data[0] % 3 == 0 ? Importer::neutral : data[0] % 3 == 1 ? Importer::djinn_sweep : Importer::djinn_layers;
  std::string path = fuzz::write_file("profile.csv", {reinterpret_cast<const char*>(data) + 1, size - 1});
  fuzz::expect_input_errors([&] {
    auto rows = read_profile(path, importer);
    if (rows.size() <= 200) {
      CalibrationOptions options;
      options.lenient = true;
      calibrate(rows, options);
    }
  });
  return 0;
}

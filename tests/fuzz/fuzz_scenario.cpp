// Scenarios: the file (with an included second file), --set overrides, the setup, the work bounds, and a
// short run when the bounds allow it. Input: scenario JSON, then "\n--include--\n" and the included file's
// JSON, then "\n--set--\n" and one override per line.
#include "fuzz_input.hpp"
#include "run/experiment.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto parts = fuzz::split(in, "\n--set--\n");
  auto files = fuzz::split(parts[0], "\n--include--\n");
  std::string path = fuzz::write_file("scenario.json", files[0]);
  fuzz::write_file("included.json", files.size() > 1 ? files[1] : "{}");
  std::vector<std::string> sets;
  if (parts.size() > 1) {
    for (auto& line : fuzz::split(parts[1], "\n")) {
      if (!line.empty()) sets.push_back(line);
    }
  }
  fuzz::expect_input_errors([&] {
    ExperimentSetup setup = build_experiment(load_scenario(path, sets));
    check_work(setup, {500, 50});  // small runs only: the fuzzer must stay fast (min-cut on a DAG under ASan)
    RunOptions options;
    options.threads = 1;
    run_experiment(setup, options);
  });
  return 0;
}

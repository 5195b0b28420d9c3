// Shard folders for merge: two shards, each a sweep.json and a results.csv cut from the input at
// "\n--results--\n" and "\n--shard--\n"; merged into a scratch output.
#include "fuzz_input.hpp"
#include "sweep/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace splitsim;
  auto shards = fuzz::split({reinterpret_cast<const char*>(data), size}, "\n--shard--\n");
  std::vector<std::string> dirs;
  for (std::size_t i = 0; i < shards.size() && i < 3; ++i) {
    auto parts = fuzz::split(shards[i], "\n--results--\n");
    std::string dir = "shard" + std::to_string(i);
    std::filesystem::create_directories(fuzz::work_dir() / dir);
    fuzz::write_file(dir + "/sweep.json", parts[0]);
    fuzz::write_file(dir + "/results.csv", parts.size() > 1 ? parts[1] : "");
    dirs.push_back((fuzz::work_dir() / dir).string());
  }
  fuzz::expect_input_errors([&] { merge_sweep_shards(dirs, (fuzz::work_dir() / "merged").string(), true); });
  return 0;
}

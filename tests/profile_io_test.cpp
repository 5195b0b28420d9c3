#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "calib/profile_io.hpp"
#include "profile/host_profiler.hpp"
#include "test_paths.hpp"

using namespace splitsim;

TEST_CASE("profile_io: the importers read every djinn file", "[shared]") {
  namespace fs = std::filesystem;
  const std::string dir = test::shared_dir() + "/data/djinn-2015/";
  int files = 0;
  for (const char* device : {"jetson", "server"}) {
    for (const auto& entry : fs::directory_iterator(dir + "model-fit/" + device)) {
      INFO(entry.path());
      auto rows = read_profile("djinn-sweep:" + entry.path().string(), Importer::neutral);
      CHECK(rows.size() >= 7);
      for (const auto& r : rows) {
        CHECK(r.latency_ms > 0);
        CHECK(r.flops() > 0);
      }
      ++files;
    }
  }
  CHECK(files == 40);
  for (const char* file : {"gflops-cpu/mobile-cpu-layer.csv", "gflops-cpu/server-cpu-layer.csv",
                           "gflops-gpu/mobile-gpu-layer.csv", "gflops-gpu/server-gpu-layer.csv",
                           "gflops-gpu/imc-gpu-layer.csv"}) {
    INFO(file);
    auto rows = read_profile(dir + "gflops/" + file, Importer::djinn_layers);
    CHECK(rows.size() == (std::string(file).find("imc-") != std::string::npos ? 24u : 120u));
    for (const auto& r : rows) CHECK(!r.network.empty());
  }
}

TEST_CASE("profile_io: the authors' layer names join the shipped networks") {
  auto rows = read_profile("djinn-layers:" + test::source_dir() + "/tests/data/profiles/djinn_layers.csv", Importer::neutral);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].layer == "fc1");  // "inner1" is an alias of ASR's fc1
  CHECK(rows[0].batch == 548);
  CHECK(rows[1].batch == 10);     // dig-10: LeNet with ten images
  CHECK(rows[1].layer == "fc1");  // "ip1"
  CHECK(rows[2].type == LayerType::maxpool);
}

TEST_CASE("profile_io: a neutral profile round-trips through its CSV row") {
  auto grid = profile_grid(true);
  REQUIRE(grid.size() > 50);
  std::set<LayerType> types;
  for (const auto& s : grid) types.insert(s.type);
  CHECK(types.size() == static_cast<std::size_t>(kLayerTypeCount - 1));  // every type but the input
}

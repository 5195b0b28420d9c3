// Cost tables (prefix and suffix sums, bytes crossing each cut) and the summary statistics of a run.

#include <catch2/catch.hpp>

#include <numeric>

#include "calib/platform.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"
#include "output/summary_stats.hpp"
#include "partition/cost_table.hpp"
#include "partition/cut_book.hpp"

using namespace splitsim;

TEST_CASE("cost table: prefix sums on the mobile, suffix sums on the server, bytes at each cut") {
  Network net = load_network("imc");
  CostTable t = build_cost_table(net, load_platform("jetson-cpu"), load_platform("server-gpu"), 2, std::nullopt);
  const auto n = static_cast<std::size_t>(t.splits());
  REQUIRE(n == net.layers.size());
  CHECK(t.local_only() == static_cast<int>(n) - 1);
  CHECK(t.has_mobile_power);
  CHECK(t.mobile_prefix_ms[0] == 0.0);
  CHECK(t.server_suffix_ms[0][n - 1] == 0.0);
  for (std::size_t j = 1; j < n; ++j) {
    CHECK(t.mobile_prefix_ms[j] == Approx(t.mobile_prefix_ms[j - 1] + t.layer_mobile_ms[j]));
    CHECK(t.mobile_prefix_energy_j[j] >= t.mobile_prefix_energy_j[j - 1]);
    CHECK(t.server_suffix_ms[0][j - 1] == Approx(t.server_suffix_ms[0][j] + t.layer_server_ms[0][j]));
    // Two queries served together never take less than one, nor more than two served apart.
    CHECK(t.server_suffix_ms[1][j - 1] >= t.server_suffix_ms[0][j - 1]);
    CHECK(t.server_suffix_ms[1][j - 1] <= 2 * t.server_suffix_ms[0][j - 1] * (1 + 1e-9));
  }
  // A chain: the bytes crossing cut j are layer j's output; nothing is sent when everything runs locally.
  for (std::size_t j = 0; j + 1 < n; ++j) CHECK(t.upload_bytes[j] == net.layers[j].output_bytes);
  CHECK(t.upload_bytes[n - 1] == 0);
  CHECK(t.result_bytes == net.layers.back().output_bytes);
}

TEST_CASE("cost table: a tensor read by two later layers crosses every cut between, counted once") {
  Json doc = Json::parse(R"({"name": "fork", "input": {"shape": [4]}, "layers": [
    {"name": "a", "type": "fc", "num_output": 10},
    {"name": "b", "type": "fc", "num_output": 20, "inputs": ["a"]},
    {"name": "c", "type": "fc", "num_output": 30, "inputs": ["b"]},
    {"name": "d", "type": "add", "inputs": ["a", "e"]},
    {"name": "e", "type": "fc", "num_output": 10, "inputs": ["c"]}]})");
  Network net = parse_network(doc, "fork.json");
  std::vector<std::int64_t> bytes = crossing_bytes(net);
  // Topological order: input, a, b, c, e, d. After b, a's 40 bytes and b's 80 cross; after c, a's and c's.
  REQUIRE(net.layers[2].name == "b");
  CHECK(bytes[0] == 16);
  CHECK(bytes[1] == 40);
  CHECK(bytes[2] == 40 + 80);
  CHECK(bytes[3] == 40 + 120);
  CHECK(bytes[4] == 40 + 40);
  CHECK(bytes[5] == 0);
}

TEST_CASE("summary statistics: means, quantiles within 0.1 % and the most chosen split") {
  SummaryStats stats({0}, 3);
  std::vector<std::string> names{"input", "a", "b"};
  for (int i = 1; i <= 1000; ++i) {
    QueryRecord r;
    r.split_index = i % 10 == 0 ? 0 : 1;
    r.arrival = SimTime::zero();
    r.mobile_start = r.arrival;
    r.mobile_end = r.upload_end = r.server_start = r.server_end = r.done = SimTime::zero() + Duration::from_ms(i);
    r.mobile_energy_j = 0.001;
    r.tail_energy_j = 0.002;
    stats.on_query(r);
  }
  CHECK(stats.count() == 1000);
  CHECK(stats.mean_latency_ms() == Approx(500.5));
  CHECK(stats.quantile_ms(0.5) == Approx(500).epsilon(0.002));
  CHECK(stats.quantile_ms(0.99) == Approx(990).epsilon(0.002));
  CHECK(stats.mean_energy_j() == Approx(0.003));
  auto [top, count] = stats.top_split(names);
  CHECK(top == "a");
  CHECK(count == 900);
  Json j = stats.to_json(names, 0.25);
  CHECK(j["count"] == 1000);
}

TEST_CASE("cost table: phone work is paid by every cut, prefix or not") {
  Network net = load_network("googlenet");
  CostTable t = build_cost_table(net, load_platform("jetson-cpu"), load_platform("server-gpu"), 1, std::nullopt);
  const double before_local = t.mobile_prefix_ms.back();
  add_phone_work(t, 5.0, 2.0);
  CHECK(t.mobile_prefix_ms[0] == Approx(5.0));
  CHECK(t.mobile_prefix_ms.back() == Approx(before_local + 5.0));
  CHECK(t.mobile_prefix_energy_j[0] == Approx(0.01));
  CutBook book(net, t);
  // A cut that is not a prefix: the input and the last layer's first producer branch only.
  std::vector<char> on_mobile(net.layers.size(), 0);
  on_mobile[0] = 1;
  on_mobile[1] = 1;
  on_mobile[3] = 1;  // skips layer 2: not a prefix when 3 does not read 2
  if (net.layers[3].inputs == std::vector<int>{2}) on_mobile[3] = 0;
  int id = book.id_of(on_mobile);
  double layers_ms = 0;
  for (std::size_t v = 0; v < on_mobile.size(); ++v) layers_ms += on_mobile[v] ? t.layer_mobile_ms[v] : 0.0;
  CHECK(book.mobile_ms(id) == Approx(5.0 + layers_ms));
}

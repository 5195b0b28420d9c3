#include <catch2/catch.hpp>

#include "core/input_error.hpp"
#include "network/network_loader.hpp"

using namespace splitsim;

namespace {

Network parse(const std::string& text) { return parse_network(parse_json_text(text, "t.json"), "t.json"); }

const Layer& layer(const Network& net, const std::string& name) {
  int i = net.find(name);
  REQUIRE(i >= 0);
  return net.layers[static_cast<std::size_t>(i)];
}

}  // namespace

TEST_CASE("network_loader: chains default each layer's input to the previous one") {
  Network net = parse(R"({"name": "n", "batch": 2, "input": {"shape": [8]},
    "layers": [{"name": "a", "type": "fc", "num_output": 4}, {"name": "b", "type": "relu"}]})");
  REQUIRE(net.layers.size() == 3);
  CHECK(net.is_chain());
  CHECK(net.layers[0].name == "input");
  CHECK(net.layers[2].inputs == std::vector<int>{1});
  CHECK(net.layers[2].output_elements == 8);
  CHECK(net.abbrev == "n");
}

TEST_CASE("network_loader: a residual block adds equal shapes") {
  Network net = parse(R"({"name": "res", "input": {"shape": [64, 56, 56]}, "layers": [
    {"name": "c1", "type": "conv", "num_output": 64, "kernel": 3, "pad": 1},
    {"name": "r1", "type": "relu"},
    {"name": "c2", "type": "conv", "num_output": 64, "kernel": 3, "pad": 1},
    {"name": "sum", "type": "add", "inputs": ["c2", "input"]},
    {"name": "out", "type": "relu"}]})");
  const Layer& sum = layer(net, "sum");
  CHECK(sum.shape == Shape::chw(64, 56, 56));
  CHECK(sum.inputs == std::vector<int>{3, 0});
  CHECK(sum.flops == 64 * 56 * 56);
  CHECK_FALSE(net.is_chain());
  CHECK(layer(net, "out").shape == Shape::chw(64, 56, 56));
}

TEST_CASE("network_loader: an inception block concatenates channels") {
  Network net = parse(R"({"name": "inc", "input": {"shape": [192, 28, 28]}, "layers": [
    {"name": "b1", "type": "conv", "num_output": 64, "kernel": 1, "inputs": ["input"]},
    {"name": "b2r", "type": "conv", "num_output": 96, "kernel": 1, "inputs": ["input"]},
    {"name": "b2", "type": "conv", "num_output": 128, "kernel": 3, "pad": 1},
    {"name": "b3r", "type": "conv", "num_output": 16, "kernel": 1, "inputs": ["input"]},
    {"name": "b3", "type": "conv", "num_output": 32, "kernel": 5, "pad": 2},
    {"name": "b4p", "type": "maxpool", "kernel": 3, "stride": 1, "pad": 1, "inputs": ["input"]},
    {"name": "b4", "type": "conv", "num_output": 32, "kernel": 1},
    {"name": "cat", "type": "concat", "inputs": ["b1", "b2", "b3", "b4"]},
    {"name": "gap", "type": "global_avgpool"},
    {"name": "flat", "type": "flatten"}]})");
  CHECK(layer(net, "cat").shape == Shape::chw(256, 28, 28));
  CHECK(layer(net, "b4p").shape == Shape::chw(192, 28, 28));
  CHECK(layer(net, "gap").shape == Shape::chw(256, 1, 1));
  CHECK(layer(net, "flat").shape == Shape::vector(256));
  CHECK(layer(net, "cat").flops == 0);
}

TEST_CASE("network_loader: layers listed before their producers are reordered") {
  Network net = parse(R"({"name": "fwd", "input": {"shape": [4]}, "layers": [
    {"name": "late", "type": "relu", "inputs": ["early"]},
    {"name": "early", "type": "fc", "num_output": 3, "inputs": ["input"]}]})");
  CHECK(net.layers[1].name == "early");
  CHECK(net.layers[2].name == "late");
  CHECK(net.layers[2].inputs == std::vector<int>{1});
}

TEST_CASE("network_loader: bad graphs name the JSON path") {
  SECTION("a cycle lists its members") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [4]}, "layers": [
      {"name": "a", "type": "relu", "inputs": ["b"]},
      {"name": "b", "type": "relu", "inputs": ["a"]}]})"),
                      "t.json: /layers/0/inputs: cyclic input reference: a -> b -> a");
  }
  SECTION("a layer reading itself") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [4]}, "layers": [
      {"name": "a", "type": "relu", "inputs": ["a"]}]})"),
                      "t.json: /layers/0/inputs/0: cyclic input reference: layer \"a\" reads itself");
  }
  SECTION("a concat of unequal spatial sizes") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [3, 8, 8]}, "layers": [
      {"name": "p", "type": "maxpool", "kernel": 2, "stride": 2},
      {"name": "cat", "type": "concat", "inputs": ["p", "input"]}]})"),
                      Catch::StartsWith("t.json: /layers/1: layer \"cat\": concat inputs must agree"));
  }
  SECTION("a type that does not take a parameter") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [4]}, "layers": [
      {"name": "a", "type": "relu", "kernel": 3}]})"),
                      "t.json: /layers/0/kernel: unknown key \"kernel\"");
  }
  SECTION("duplicate names") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [4]}, "layers": [
      {"name": "a", "type": "relu"}, {"name": "a", "type": "relu"}]})"),
                      "t.json: /layers/1/name: duplicate layer name \"a\"");
  }
  SECTION("groups that do not divide the channels") {
    CHECK_THROWS_WITH(parse(R"({"name": "c", "input": {"shape": [3, 8, 8]}, "layers": [
      {"name": "a", "type": "conv", "num_output": 4, "kernel": 1, "groups": 2}]})"),
                      Catch::Contains("groups = 2 must divide"));
  }
}

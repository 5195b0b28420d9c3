#include <catch2/catch.hpp>

#include <cmath>

#include "calib/layer_sample.hpp"
#include "network/layer_traits.hpp"
#include "network/network_loader.hpp"
#include "network/shape_inference.hpp"
#include "profile/layer_kernels.hpp"

using namespace splitsim;

TEST_CASE("shape_inference: sliding windows") {
  SECTION("floor rounding, as ONNX and PyTorch") {
    CHECK(window_output_size(227, 11, 4, 0, 0, 1, false) == 55);
    CHECK(window_output_size(142, 3, 2, 0, 0, 1, false) == 70);
    CHECK(window_output_size(224, 3, 1, 1, 1, 1, false) == 224);
  }
  SECTION("ceil rounding, as Caffe pooling") {
    CHECK(window_output_size(142, 3, 2, 0, 0, 1, true) == 71);
    CHECK(window_output_size(55, 3, 2, 0, 0, 1, true) == 27);
    CHECK(window_output_size(13, 3, 2, 0, 0, 1, true) == 6);
  }
  SECTION("ceil rounding drops a window that starts in the end padding") {
    // 4 wide, kernel 2, stride 2, pad 1: windows start at -1, 1, 3; a fourth would start at 5 (padding only).
    CHECK(window_output_size(4, 2, 2, 1, 1, 1, true) == 3);
  }
  SECTION("dilation widens the kernel") { CHECK(window_output_size(10, 3, 1, 0, 0, 2, false) == 6); }
  SECTION("a kernel larger than the padded input gives no output") {
    CHECK(window_output_size(4, 5, 1, 0, 0, 1, false) == 0);
  }
}

TEST_CASE("shape_inference: FLOPs follow the documented convention") {
  std::vector<Layer> layers(1);
  layers[0].name = "input";
  layers[0].shape = Shape::chw(3, 227, 227);
  SECTION("conv counts two FLOPs per multiply-add, per group") {
    Layer conv;
    conv.type = LayerType::conv;
    conv.inputs = {0};
    conv.params.num_output = 96;
    conv.params.window.kernel_h = conv.params.window.kernel_w = 11;
    conv.params.window.stride_h = conv.params.window.stride_w = 4;
    infer_layer(conv, layers, 1);
    CHECK(conv.shape == Shape::chw(96, 55, 55));
    CHECK(conv.flops == 2LL * 3 * 11 * 11 * 96 * 55 * 55);
    CHECK(conv.output_bytes == 96 * 55 * 55 * 4);
  }
  SECTION("fc counts two FLOPs per weight and scales with the batch") {
    Layer fc;
    fc.type = LayerType::fc;
    fc.inputs = {0};
    fc.params.num_output = 10;
    infer_layer(fc, layers, 5);
    CHECK(fc.shape == Shape::vector(10));
    CHECK(fc.output_elements == 50);
    CHECK(fc.input_elements == 5 * 3 * 227 * 227);
    CHECK(fc.flops == 5LL * 2 * 3 * 227 * 227 * 10);
  }
  SECTION("elementwise layers count their arithmetic per element") {
    Layer sig;
    sig.type = LayerType::sigmoid;
    sig.inputs = {0};
    infer_layer(sig, layers, 1);
    CHECK(sig.flops == 3LL * 3 * 227 * 227);
    Layer drop;
    drop.type = LayerType::dropout;
    drop.inputs = {0};
    infer_layer(drop, layers, 1);
    CHECK(drop.flops == 0);
  }
  SECTION("a uint8 tensor is one byte per element") {
    Layer relu;
    relu.type = LayerType::relu;
    relu.inputs = {0};
    relu.dtype = DType::uint8;
    infer_layer(relu, layers, 2);
    CHECK(relu.output_bytes == 2 * 3 * 227 * 227);
  }
}

// The layer-type recipe (docs/architecture.md) followed once: leaky_relu, added by its enum value, its traits row
// and its host kernel, is read from network files, shaped, counted, profiled and named like every other type.
TEST_CASE("shape_inference: a type added by the recipe works everywhere (leaky_relu)") {
  Json doc = Json::parse(R"({"name": "leaky", "input": {"shape": [3, 8, 8]}, "layers": [
    {"name": "c", "type": "conv", "num_output": 4, "kernel": 3},
    {"name": "l", "type": "leaky_relu", "alpha": 0.2}]})");
  Network net = parse_network(doc, "leaky.json");
  const Layer& l = net.layers[2];
  CHECK(l.type == LayerType::leaky_relu);
  CHECK(layer_type_name(l.type) == "leaky_relu");
  CHECK(l.shape == Shape::chw(4, 6, 6));
  CHECK(l.flops == 2 * 4 * 6 * 6);
  CHECK(traits_of(LayerType::leaky_relu).onnx_ops == "LeakyRelu");
  CHECK_THROWS_WITH(parse_network(Json::parse(R"({"name": "x", "input": {"shape": [4]}, "layers": [
    {"name": "l", "type": "leaky_relu", "alpha": 3}]})"), "x.json"), Catch::Contains("/layers/0/alpha"));
  LayerSample s = sample_of_layer(net, 2);
  LayerKernel k = make_layer_kernel(s);
  k.run();
  CHECK(std::isfinite(k.checksum()));
}

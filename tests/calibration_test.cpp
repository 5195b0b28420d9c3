#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "calib/calibration.hpp"
#include "calib/latency_model.hpp"
#include "calib/network_prediction.hpp"
#include "calib/platform.hpp"
#include "core/input_error.hpp"
#include "network/network_catalog.hpp"

using namespace splitsim;

namespace {

LayerSample conv(std::int64_t c, std::int64_t hw, std::int64_t oc, std::int64_t k, std::int64_t s) {
  LayerSample x;
  x.type = LayerType::conv;
  x.in_c = c, x.in_h = x.in_w = hw;
  x.out_c = oc, x.out_h = x.out_w = (hw - k) / s + 1;
  x.kernel = k, x.stride = s;
  x.source = "synthetic:1";
  return x;
}

std::vector<LayerSample> conv_grid() {
  std::vector<LayerSample> out;
  for (std::int64_t c : {3, 16, 64})
    for (std::int64_t hw : {16, 32, 64})
      for (std::int64_t oc : {8, 32, 128})
        for (std::int64_t k : {1, 3, 5})
          for (std::int64_t s : {1, 2}) out.push_back(conv(c, hw, oc, k, s));
  return out;
}

std::vector<const LayerSample*> pointers(const std::vector<LayerSample>& v) {
  std::vector<const LayerSample*> out;
  for (const auto& s : v) out.push_back(&s);
  return out;
}

}  // namespace

TEST_CASE("calibration: fitting recovers known coefficients from synthetic data") {
  std::vector<LayerSample> samples = conv_grid();
  SECTION("gflops-log") {
    // GFLOPS = 2 + 1.5 ln((k/s)^2 filters)
    for (auto& s : samples) {
      double gflops = 2 + 1.5 * std::log(feature_value(Feature::kernel_stride_filters, s));
      s.latency_ms = static_cast<double>(s.flops()) / (gflops * 1e6);
    }
    auto m = fit_latency_model(pointers(samples), LayerType::conv, ModelForm::gflops_log);
    REQUIRE(m);
    CHECK(m->coefficients[0] == Approx(2.0).epsilon(1e-9));
    CHECK(m->coefficients[1] == Approx(1.5).epsilon(1e-9));
  }
  SECTION("flops-bytes") {
    for (auto& s : samples) s.latency_ms = 0.05 + 0.02 * static_cast<double>(s.flops()) * 1e-6 + 0.3 * s.bytes_moved() * 1e-6;
    auto m = fit_latency_model(pointers(samples), LayerType::conv, ModelForm::flops_bytes);
    REQUIRE(m);
    CHECK(m->coefficients[0] == Approx(0.05).epsilon(1e-9));
    CHECK(m->coefficients[1] == Approx(0.02).epsilon(1e-9));
    CHECK(m->coefficients[2] == Approx(0.3).epsilon(1e-9));
  }
  SECTION("gemm-log") {
    for (auto& s : samples) {
      double m = 0, n = 0, k = 0;
      REQUIRE(gemm_dimensions(s, m, n, k));
      double gflops = 1 + 0.5 * std::log(m) + 0.25 * std::log(n) + 0.75 * std::log(k);
      s.latency_ms = static_cast<double>(s.flops()) / (gflops * 1e6);
    }
    auto m = fit_latency_model(pointers(samples), LayerType::conv, ModelForm::gemm_log);
    REQUIRE(m);
    REQUIRE(m->coefficients.size() == 4);
    CHECK(m->coefficients[0] == Approx(1.0));
    CHECK(m->coefficients[1] == Approx(0.5));
    CHECK(m->coefficients[2] == Approx(0.25));
    CHECK(m->coefficients[3] == Approx(0.75));
  }
  SECTION("cross-validation picks the form that generated the data") {
    for (auto& s : samples) s.latency_ms = 0.05 + 0.02 * static_cast<double>(s.flops()) * 1e-6 + 0.3 * s.bytes_moved() * 1e-6;
    Calibration c = calibrate(samples, {});
    REQUIRE(c.types.contains(LayerType::conv));
    CHECK(c.types.at(LayerType::conv).model.form == ModelForm::flops_bytes);
    CHECK(c.types.at(LayerType::conv).median_ape < 1e-6);
  }
}

TEST_CASE("calibration: each form predicts what its formula says") {
  LayerSample s = conv(16, 32, 32, 3, 1);  // 30x30 output
  double mflops = static_cast<double>(s.flops()) * 1e-6;
  LatencyModel m;
  SECTION("gflops-constant") {
    m.form = ModelForm::gflops_constant;
    m.coefficients = {4.0};
    CHECK(m.predict_ms(s) == Approx(mflops / 4.0));
  }
  SECTION("gflops-linear") {
    m.form = ModelForm::gflops_linear;
    m.features = {Feature::kernel_stride_filters};
    m.coefficients = {1.0, 0.01};
    CHECK(m.predict_ms(s) == Approx(mflops / (1.0 + 0.01 * 9 * 32)));
  }
  SECTION("gflops-log") {
    m.form = ModelForm::gflops_log;
    m.features = {Feature::input_elements, Feature::output_elements};
    m.coefficients = {0.5, 0.2, 0.1};
    double g = 0.5 + 0.2 * std::log(16.0 * 32 * 32) + 0.1 * std::log(32.0 * 30 * 30);
    CHECK(m.predict_ms(s) == Approx(mflops / g));
  }
  SECTION("flops-bytes") {
    m.form = ModelForm::flops_bytes;
    m.features = {Feature::mflops, Feature::mbytes_moved};
    m.coefficients = {0.1, 0.01, 0.5};
    CHECK(m.predict_ms(s) == Approx(0.1 + 0.01 * mflops + 0.5 * s.bytes_moved() * 1e-6));
  }
  SECTION("predictions are bounded by the training range") {
    m.form = ModelForm::gflops_linear;
    m.features = {Feature::kernel_stride_filters};
    m.coefficients = {-100.0, 0.0};  // would be negative throughput
    m.target_min = 2.0;
    CHECK(m.predict_ms(s) == Approx(mflops / 2.0));
  }
}

TEST_CASE("calibration: too few samples for a type is an error that names it") {
  std::vector<LayerSample> samples = conv_grid();
  for (auto& s : samples) s.latency_ms = static_cast<double>(s.flops()) * 1e-8;
  LayerSample lrn;
  lrn.type = LayerType::lrn;
  lrn.in_c = lrn.out_c = 96, lrn.in_h = lrn.in_w = lrn.out_h = lrn.out_w = 27, lrn.kernel = 5;
  lrn.latency_ms = 1.0;
  lrn.source = "p.csv:7";
  samples.push_back(lrn);
  CHECK_THROWS_WITH(calibrate(samples, {}), Catch::StartsWith("p.csv: layer type lrn has only 1 sample(s)"));
  CalibrationOptions generic;
  generic.generic_types = {LayerType::lrn};
  Calibration c = calibrate(samples, generic);
  CHECK(c.model_for(LayerType::lrn) == "generic");
  CHECK(c.predict_ms(lrn) > 0);
}

TEST_CASE("calibration: leave-one-network-out never sees the network it predicts") {
  // Two networks whose conv layers run at different, constant speeds: predicting one from the other must
  // show the other's speed, which it could not if the held-out rows leaked into the fit.
  std::vector<LayerSample> samples;
  for (const char* net : {"A", "B"}) {
    for (auto s : conv_grid()) {
      s.network = net;
      double gflops = std::string(net) == "A" ? 10.0 : 20.0;
      s.latency_ms = static_cast<double>(s.flops()) / (gflops * 1e6);
      samples.push_back(s);
    }
  }
  CalibrationOptions options;
  options.force_form = ModelForm::gflops_constant;
  auto predicted = leave_one_network_out(samples, options);
  CHECK(predicted.front() == Approx(samples.front().latency_ms / 2));  // an A layer predicted at B's speed
  CHECK(predicted.back() == Approx(samples.back().latency_ms * 2));
}

TEST_CASE("calibration: redistributing totals keeps each network's total") {
  std::vector<LayerSample> samples = conv_grid();
  for (auto& s : samples) s.latency_ms = static_cast<double>(s.flops()) * 1e-7;
  Calibration c = calibrate(samples, {});
  std::vector<LayerSample> rows;
  for (auto [ch, hw, oc, k] : {std::array<std::int64_t, 4>{3, 32, 8, 3}, std::array<std::int64_t, 4>{16, 64, 128, 5}}) {
    rows.push_back(conv(ch, hw, oc, k, 1));
    rows.back().network = "N";
  }
  rows[0].latency_ms = 9.0;  // the split is wrong, the total (10 ms) is right
  rows[1].latency_ms = 1.0;
  redistribute_totals(rows, c);
  CHECK(rows[0].latency_ms + rows[1].latency_ms == Approx(10.0));
  CHECK(rows[0].latency_ms / rows[1].latency_ms == Approx(c.predict_ms(rows[0]) / c.predict_ms(rows[1])));
}

TEST_CASE("calibration: shipped platforms predict every shipped benchmark") {
  for (std::string p : {"jetson-cpu", "jetson-gpu", "server-cpu", "server-gpu"}) {
    Platform platform = load_platform(p);
    for (const auto& n : shipped_network_names()) {
      INFO(p << " " << n);
      NetworkPrediction pred = predict_network(load_network(n), platform);
      CHECK(pred.total_ms > 0);
      CHECK(std::isfinite(pred.total_ms));
    }
  }
  SECTION("mobile platforms carry the authors' per-network power") {
    Platform cpu = load_platform("jetson-cpu");
    NetworkPrediction pred = predict_network(load_network("imc"), cpu);
    CHECK(pred.layers[1].power_w == Approx(6.4));
    CHECK(pred.energy_j == Approx(pred.total_ms * 1e-3 * 6.4));
  }
}

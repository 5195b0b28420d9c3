#pragma once
// Per-layer-type latency models: a regression form over named features, its coefficients and the bounds
// of its training target. Forms (docs/calibration.md):
//   gflops-constant achieved GFLOPS = c0                      (the simplest: latency proportional to FLOPs)
//   gflops-linear  achieved GFLOPS = c0 + sum c_i x_i          latency = FLOPs / GFLOPS
//   gflops-log     achieved GFLOPS = c0 + sum c_i ln(x_i)      (the paper's "logarithmic regression")
//   flops-bytes    latency_ms = c0 + c1 MFLOP + c2 MB moved   (a roofline-like linear form)
//   gemm-log       achieved GFLOPS = c0 + c1 ln M + c2 ln N + c3 ln K, the dimensions of the matrix product
//                  Caffe runs for conv (im2col, per image and group), local (per output location) and fc;
//                  GFLOPS is held at least max(c1, c2, c3), which makes the time monotone in M, N and K
//   roofline       latency_ms = c0 + max(MFLOP / c1, MB moved / c2): a fixed cost plus the slower of compute
//                  at c1 GFLOPS and memory traffic at c2 GB/s, each at most the device's peak
// with x_i the paper's regression variables for the layer type.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calib/device_limits.hpp"
#include "calib/layer_sample.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

enum class ModelForm { gflops_constant, gflops_linear, gflops_log, flops_bytes, gemm_log, roofline };
inline constexpr ModelForm kAllForms[] = {ModelForm::gflops_constant, ModelForm::gflops_linear, ModelForm::gflops_log,
                                          ModelForm::flops_bytes, ModelForm::gemm_log, ModelForm::roofline};

std::string_view form_name(ModelForm form);
std::optional<ModelForm> parse_form(std::string_view name);

/// A regression variable, computed from a sample.
enum class Feature {
  kernel_stride_filters,  ///< (kernel / stride)^2 x num_output (conv)
  input_elements,         ///< whole batch
  output_elements,        ///< whole batch
  input_neurons,          ///< fc: inputs per item
  output_neurons,         ///< fc: outputs x batch
  mflops,
  mbytes_moved,           ///< inputs, outputs and weights at fp32, in MB (1e6 bytes)
  gemm_m,                 ///< rows of the layer's matrix product (see gemm_dimensions)
  gemm_n,                 ///< columns
  gemm_k,                 ///< inner dimension
};

/// The matrix product a Caffe-style implementation runs: conv: M = out_c/groups, N = out_h*out_w,
/// K = in_c/groups*k^2 (per image and group); local: M = out_c, N = batch, K = in_c*k^2 (per location);
/// fc: M = batch, N = out_c, K = inputs. False for other types.
bool gemm_dimensions(const LayerSample& s, double& m, double& n, double& k);
std::string_view feature_name(Feature f);
std::string_view feature_unit(Feature f);
std::optional<Feature> parse_feature(std::string_view name);
double feature_value(Feature f, const LayerSample& s);

/// The paper's regression variables for a layer type (Kang et al., ASPLOS 2017).
std::vector<Feature> paper_features(LayerType type);

struct LatencyModel {
  ModelForm form = ModelForm::flops_bytes;
  std::vector<Feature> features;      ///< not counting the constant
  std::vector<double> coefficients;   ///< constant first
  double target_min = 0;              ///< predictions are clamped to [target_min, target_max]
  double target_max = 1e300;

  /// Predicted latency in ms (> 0).
  double predict_ms(const LayerSample& s) const;
  Json to_json() const;
  static LatencyModel from_json(const Json& j, const std::string& file, const std::string& pointer);
};

/// Least-squares fit of `form` to the samples, minimizing relative error; nullopt when the form does not
/// apply (zero-FLOP layers for GFLOPS forms) or there are fewer samples than coefficients. The roofline
/// form is fitted by a search over efficiencies (rates up to `device`'s peaks when given) and c0 >= 0.
std::optional<LatencyModel> fit_latency_model(const std::vector<const LayerSample*>& samples, LayerType type,
                                              ModelForm form, const DeviceLimits* device = nullptr);

/// False when the model predicts less time for more work near any of the samples: each sample's batch,
/// channels and feature-map size are doubled in turn, and no prediction may fall (docs/calibration.md).
bool is_monotone(const LatencyModel& m, const std::vector<const LayerSample*>& samples);

}  // namespace splitsim

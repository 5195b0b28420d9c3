#include "calib/latency_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "core/input_error.hpp"
#include "network/layer_traits.hpp"

namespace splitsim {
namespace {

struct FeatureInfo {
  Feature feature;
  std::string_view name;
  std::string_view unit;
};

constexpr std::array kFeatures{
    FeatureInfo{Feature::kernel_stride_filters, "kernel_stride_filters", "(kernel/stride)^2 x filters"},
    FeatureInfo{Feature::input_elements, "input_elements", "elements"},
    FeatureInfo{Feature::output_elements, "output_elements", "elements"},
    FeatureInfo{Feature::input_neurons, "input_neurons", "neurons per item"},
    FeatureInfo{Feature::output_neurons, "output_neurons", "neurons x batch"},
    FeatureInfo{Feature::mflops, "mflops", "MFLOP"},
    FeatureInfo{Feature::mbytes_moved, "mbytes_moved", "MB"},
    FeatureInfo{Feature::gemm_m, "gemm_m", "matrix rows"},
    FeatureInfo{Feature::gemm_n, "gemm_n", "matrix columns"},
    FeatureInfo{Feature::gemm_k, "gemm_k", "inner dimension"},
};

bool gflops_form(ModelForm f) { return f != ModelForm::flops_bytes && f != ModelForm::roofline; }
bool log_form(ModelForm f) { return f == ModelForm::gflops_log || f == ModelForm::gemm_log; }

// The design-matrix row of a sample (constant first) for `form`.
std::vector<double> regressors(const LatencyModel& m, const LayerSample& s) {
  std::vector<double> row{1.0};
  for (Feature f : m.features) {
    double x = feature_value(f, s);
    row.push_back(log_form(m.form) ? std::log(std::max(x, 1e-9)) : x);
  }
  return row;
}

double target_of(ModelForm form, const LayerSample& s) {
  return gflops_form(form) ? static_cast<double>(s.flops()) / (s.latency_ms * 1e6) : s.latency_ms;
}

}  // namespace

std::string_view form_name(ModelForm form) {
  switch (form) {
    case ModelForm::gflops_constant: return "gflops-constant";
    case ModelForm::gflops_linear: return "gflops-linear";
    case ModelForm::gflops_log: return "gflops-log";
    case ModelForm::flops_bytes: return "flops-bytes";
    case ModelForm::gemm_log: return "gemm-log";
    case ModelForm::roofline: return "roofline";
  }
  return "?";
}

std::optional<ModelForm> parse_form(std::string_view name) {
  for (ModelForm f : kAllForms) {
    if (form_name(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view feature_name(Feature f) { return kFeatures[static_cast<std::size_t>(f)].name; }
std::string_view feature_unit(Feature f) { return kFeatures[static_cast<std::size_t>(f)].unit; }

std::optional<Feature> parse_feature(std::string_view name) {
  for (const auto& info : kFeatures) {
    if (info.name == name) return info.feature;
  }
  return std::nullopt;
}

double feature_value(Feature f, const LayerSample& s) {
  switch (f) {
    case Feature::kernel_stride_filters: {
      double ks = static_cast<double>(s.kernel) / static_cast<double>(s.stride);
      return ks * ks * static_cast<double>(s.out_c);
    }
    case Feature::input_elements: return static_cast<double>(s.input_elements());
    case Feature::output_elements: return static_cast<double>(s.output_elements());
    case Feature::input_neurons: return static_cast<double>(s.in_c * s.in_h * s.in_w);
    case Feature::output_neurons: return static_cast<double>(s.out_c * s.out_h * s.out_w * s.batch);
    case Feature::mflops: return static_cast<double>(s.flops()) * 1e-6;
    case Feature::mbytes_moved: return s.bytes_moved() * 1e-6;
    case Feature::gemm_m:
    case Feature::gemm_n:
    case Feature::gemm_k: {
      double m = 0, n = 0, k = 0;
      gemm_dimensions(s, m, n, k);
      return f == Feature::gemm_m ? m : f == Feature::gemm_n ? n : k;
    }
  }
  return 0;
}

bool gemm_dimensions(const LayerSample& s, double& m, double& n, double& k) {
  auto d = [](std::int64_t v) { return static_cast<double>(v); };
  switch (s.type) {
    case LayerType::conv:
      m = d(s.out_c / s.groups), n = d(s.out_h * s.out_w), k = d(s.in_c / s.groups * s.kernel * s.kernel);
      return true;
    case LayerType::local:
      m = d(s.out_c), n = d(s.batch), k = d(s.in_c * s.kernel * s.kernel);
      return true;
    case LayerType::fc:
      m = d(s.batch), n = d(s.out_c * s.out_h * s.out_w), k = d(s.in_c * s.in_h * s.in_w);
      return true;
    default:
      return false;
  }
}

std::vector<Feature> paper_features(LayerType type) {
  switch (traits_of(type).features) {
    case PaperFeatures::kernel_stride_filters: return {Feature::kernel_stride_filters};
    case PaperFeatures::input_output_neurons: return {Feature::input_neurons, Feature::output_neurons};
    case PaperFeatures::input_elements: return {Feature::input_elements};
    case PaperFeatures::input_output_elements: return {Feature::input_elements, Feature::output_elements};
  }
  return {};
}

double LatencyModel::predict_ms(const LayerSample& s) const {
  if (form == ModelForm::roofline) {
    double compute = static_cast<double>(s.flops()) * 1e-6 / coefficients[1];
    double memory = s.bytes_moved() * 1e-6 / coefficients[2];
    return std::max(coefficients[0] + std::max(compute, memory), target_min);
  }
  std::vector<double> row = regressors(*this, s);
  double y = 0;
  for (std::size_t i = 0; i < row.size(); ++i) y += coefficients[i] * row[i];
  y = std::clamp(y, target_min, target_max);
  if (form == ModelForm::gemm_log) {
    // FLOPs grow in proportion to each of M, N and K, and GFLOPS by c_i per e-fold of it: time falls with a
    // dimension wherever GFLOPS < c_i. Holding GFLOPS at least max(c_i) keeps more work from taking less time.
    y = std::max({y, coefficients[1], coefficients[2], coefficients[3]});
  }
  if (form == ModelForm::flops_bytes) return y;
  return static_cast<double>(s.flops()) / (y * 1e6);
}

namespace {

// The roofline form: for each pair of rates on a logarithmic grid (fractions 10^-4 .. 1 of the device's
// peaks, or 10^-3 .. 10^6 GFLOPS and GB/s without a device), c0 >= 0 in closed form; the pair with the
// least relative squared error wins, the lowest rates among ties (the data cannot tell a rate that never
// binds from a faster one, and the slowest one it allows is the cautious extrapolation).
std::optional<LatencyModel> fit_roofline(const std::vector<const LayerSample*>& samples, const DeviceLimits* device) {
  const std::size_t n = samples.size();
  if (n < 2) return std::nullopt;
  std::vector<double> mflop(n), mbyte(n), inv(n), t(n);
  double lo = 1e300;
  for (std::size_t i = 0; i < n; ++i) {
    mflop[i] = static_cast<double>(samples[i]->flops()) * 1e-6;
    mbyte[i] = samples[i]->bytes_moved() * 1e-6;
    inv[i] = 1.0 / samples[i]->latency_ms;
    lo = std::min(lo, samples[i]->latency_ms);
  }
  constexpr int kSteps = 41;  // 10 per decade
  auto rate = [&](int k, double peak) {
    return device != nullptr ? peak * std::pow(10.0, -4.0 + 0.1 * k) : std::pow(10.0, -3.0 + 0.225 * k);
  };
  double best_err = std::numeric_limits<double>::infinity(), best_c0 = 0, best_g = 0, best_b = 0;
  for (int gi = 0; gi < kSteps; ++gi) {
    double g = rate(gi, device != nullptr ? device->peak_gflops : 0);
    for (int bi = 0; bi < kSteps; ++bi) {
      double b = rate(bi, device != nullptr ? device->memory_gbps : 0);
      double num = 0, den = 0;
      for (std::size_t i = 0; i < n; ++i) {
        t[i] = std::max(mflop[i] / g, mbyte[i] / b);
        num += inv[i] * (1 - t[i] * inv[i]);
        den += inv[i] * inv[i];
      }
      double c0 = std::max(0.0, num / den);
      double err = 0;
      for (std::size_t i = 0; i < n; ++i) {
        double r = (c0 + t[i]) * inv[i] - 1;
        err += r * r;
      }
      if (err < best_err * (1 - 1e-9)) best_err = err, best_c0 = c0, best_g = g, best_b = b;
    }
  }
  LatencyModel m;
  m.form = ModelForm::roofline;
  m.features = {Feature::mflops, Feature::mbytes_moved};
  m.coefficients = {best_c0, best_g, best_b};
  m.target_min = 0.5 * lo;
  return m;
}

}  // namespace

bool is_monotone(const LatencyModel& m, const std::vector<const LayerSample*>& samples) {
  for (const LayerSample* base : samples) {
    LayerSample s = *base;
    s.known_flops = -1;  // the probes change the layer, so FLOPs follow the convention
    double t = m.predict_ms(s);
    bool same_shape = s.in_c == s.out_c;  // element-wise and pooling layers keep their channels
    std::vector<LayerSample> probes(4, s);
    probes[0].batch *= 2;
    probes[1].out_c *= 2;
    if (same_shape) probes[1].in_c *= 2;
    probes[2].in_c *= 2;
    if (same_shape) probes[2].out_c *= 2;
    for (auto* dim : {&probes[3].in_h, &probes[3].in_w, &probes[3].out_h, &probes[3].out_w}) *dim *= 2;
    if (s.type == LayerType::local || s.type == LayerType::fc) probes[3] = probes[0];  // weights grow with the map
    for (const LayerSample& p : probes) {
      if (p.groups > 1 && (p.in_c % p.groups != 0 || p.out_c % p.groups != 0)) continue;
      if (m.predict_ms(p) < t * (1 - 1e-9)) return false;
    }
  }
  return true;
}

std::optional<LatencyModel> fit_latency_model(const std::vector<const LayerSample*>& samples, LayerType type,
                                              ModelForm form, const DeviceLimits* device) {
  if (form == ModelForm::roofline) return fit_roofline(samples, device);
  LatencyModel m;
  m.form = form;
  if (form == ModelForm::flops_bytes) {
    m.features = {Feature::mflops, Feature::mbytes_moved};
  } else if (form == ModelForm::gemm_log) {
    double unused = 0;
    if (samples.empty() || !gemm_dimensions(*samples.front(), unused, unused, unused)) return std::nullopt;
    m.features = {Feature::gemm_m, Feature::gemm_n, Feature::gemm_k};
  } else if (form != ModelForm::gflops_constant) {
    m.features = paper_features(type);
  }
  const std::size_t n = samples.size();
  const std::size_t k = m.features.size() + 1;
  if (n < k || n == 0) return std::nullopt;
  if (gflops_form(form) && std::any_of(samples.begin(), samples.end(), [](const LayerSample* s) { return s->flops() == 0; })) {
    return std::nullopt;
  }
  // Weighted least squares: each row divided by its target, so residuals are relative errors.
  Eigen::MatrixXd a(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  Eigen::VectorXd b = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
  double lo = 1e300, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double y = target_of(form, *samples[i]);
    lo = std::min(lo, y);
    hi = std::max(hi, y);
    std::vector<double> row = regressors(m, *samples[i]);
    for (std::size_t j = 0; j < k; ++j) a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = row[j] / y;
  }
  Eigen::VectorXd c = a.colPivHouseholderQr().solve(b);
  if (!c.allFinite()) return std::nullopt;
  m.coefficients.assign(c.data(), c.data() + c.size());
  m.target_min = 0.5 * lo;
  m.target_max = gflops_form(form) ? 2.0 * hi : 1e300;
  return m;
}

Json LatencyModel::to_json() const {
  Json j;
  j["form"] = form_name(form);
  j["target"] = form == ModelForm::roofline ? "latency_ms = c0 + max(MFLOP / c1 GFLOPS, MB / c2 GB/s)"
                : gflops_form(form)        ? "achieved GFLOPS (latency_ms = MFLOP / GFLOPS)"
                                           : "latency_ms";
  Json feats = Json::array();
  for (Feature f : features) {
    feats.push_back({{"name", feature_name(f)}, {"unit", feature_unit(f)},
                     {"transform", log_form(form) ? "ln" : "identity"}});
  }
  j["features"] = feats;
  j["coefficients"] = coefficients;
  j["target_min"] = target_min;
  if (target_max < 1e300) j["target_max"] = target_max;
  return j;
}

LatencyModel LatencyModel::from_json(const Json& doc, const std::string& file, const std::string& pointer) {
  JsonReader r(doc, file, pointer);
  r.ignore("fit");
  r.ignore("target");
  LatencyModel m;
  std::string form = r.string("form");
  auto f = parse_form(form);
  if (!f) {
    r.fail("form", fmt::format("unknown model form \"{}\" (expected gflops-constant, gflops-linear, gflops-log, "
                               "flops-bytes, gemm-log or roofline)", form));
  }
  m.form = *f;
  const Json& feats = r.at("features");
  if (!feats.is_array()) r.fail("features", "expected an array, found " + describe_json(feats));
  for (std::size_t i = 0; i < feats.size(); ++i) {
    JsonReader fr(feats[i], file, json_child(r.child("features"), i));
    std::string name = fr.string("name");
    auto feature = parse_feature(name);
    if (!feature) fr.fail("name", fmt::format("unknown feature \"{}\"", name));
    fr.ignore("unit");
    fr.ignore("transform");
    fr.finish();
    m.features.push_back(*feature);
  }
  const Json& coef = r.at("coefficients");
  if (!coef.is_array() || coef.size() != m.features.size() + 1) {
    r.fail("coefficients", fmt::format("expected {} numbers (a constant and one per feature)", m.features.size() + 1));
  }
  for (std::size_t i = 0; i < coef.size(); ++i) {
    m.coefficients.push_back(json_number(coef[i], file, json_child(r.child("coefficients"), i)));
  }
  if (m.form == ModelForm::roofline &&
      (m.features.size() != 2 || m.coefficients[0] < 0 || !(m.coefficients[1] > 0) || !(m.coefficients[2] > 0))) {
    r.fail("coefficients", "a roofline model has features mflops and mbytes_moved, c0 >= 0 and positive rates");
  }
  m.target_min = r.number("target_min", 0.0);
  m.target_max = r.number_or("target_max", 1e300, 0.0);
  r.finish();
  return m;
}

}  // namespace splitsim

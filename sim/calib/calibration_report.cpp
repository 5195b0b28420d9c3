#include "calib/calibration_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/statistics.hpp"

namespace splitsim {
namespace {

std::string cv_cell(const TypeFit& f, ModelForm form) {
  auto it = f.cv_mape.find(form);
  if (it == f.cv_mape.end()) return "-";
  if (std::isnan(it->second)) return "n/a";
  return fmt::format("{:.1f}%", it->second);
}

std::string fit_row(const std::string& name, const TypeFit& f) {
  return fmt::format("| {} | {} | {} | {:.3f} | {:.1f}% | {:.1f}% | {} | {} | {} | {} | {} | {} |\n", name, f.samples,
                     form_name(f.model.form), f.r2, f.median_ape, f.p90_ape, cv_cell(f, ModelForm::gflops_constant),
                     cv_cell(f, ModelForm::gflops_linear), cv_cell(f, ModelForm::gflops_log),
                     cv_cell(f, ModelForm::flops_bytes), cv_cell(f, ModelForm::gemm_log), cv_cell(f, ModelForm::roofline));
}

}  // namespace

std::string fit_report(const Calibration& c) {
  std::string out =
      "| type | n | form | R² | median err | p90 err | CV gflops-constant | CV gflops-linear | CV gflops-log | CV flops-bytes "
      "| CV gemm-log | CV roofline |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& [type, fit] : c.types) out += fit_row(std::string(layer_type_name(type)), fit);
  if (c.generic) out += fit_row("generic", *c.generic);
  if (!c.types.empty()) {
    out += fmt::format("\nCross-validation: {}. Errors are absolute % errors of latency.\n",
                       c.types.begin()->second.cv_scheme);
  }
  return out;
}

std::string physics_report(const Calibration& c, const std::vector<LayerSample>& samples) {
  if (!c.device) return "No device limits: predictions are not bounded by a roofline (calibrate --device).\n";
  const DeviceLimits& d = *c.device;
  std::string out = fmt::format(
      "Device: {}: peak {:g} GFLOPS, memory {:g} GB/s, launch floor {:g} ms. No prediction is faster than "
      "max(FLOPs / peak, bytes moved / bandwidth, launch floor).\n\n"
      "| type | n | bound on its samples: compute / memory / launch | raw fit below the bound | rejected forms (less time for more work) "
      "| CV factor off: own form / generic | model used |\n|---|---|---|---|---|---|---|\n",
      d.device, d.peak_gflops, d.memory_gbps, d.launch_floor_ms);
  std::map<LayerType, std::vector<const LayerSample*>> by_type;
  for (const auto& s : samples) by_type[s.type].push_back(&s);
  for (const auto& [type, rows] : by_type) {
    int binds[3] = {0, 0, 0}, crossed = 0;
    for (const LayerSample* s : rows) {
      ++binds[static_cast<int>(d.binding(*s))];
      if (c.can_predict(type) && c.bound_binds(*s)) ++crossed;
    }
    auto fit = c.types.find(type);
    std::string rejected, generic = "-", used = c.model_for(type);
    if (fit != c.types.end()) {
      for (ModelForm f : fit->second.non_monotone) rejected += (rejected.empty() ? "" : ", ") + std::string(form_name(f));
      if (!std::isnan(fit->second.cv_generic)) {
        generic = fmt::format("x{:.2f} / x{:.2f}", std::exp(fit->second.cv_log), std::exp(fit->second.cv_generic));
      }
      used = std::string(form_name(fit->second.model.form));
      if (!fit->second.replaced.empty()) used = "generic: " + fit->second.replaced;
    }
    out += fmt::format("| {} | {} | {} / {} / {} | {} | {} | {} | {} |\n", layer_type_name(type), rows.size(), binds[0], binds[1],
                       binds[2], crossed, rejected.empty() ? "-" : rejected, generic, used);
  }
  return out;
}

std::string totals_report(const std::vector<LayerSample>& samples, const std::vector<double>& predicted, double tolerance) {
  struct Row {
    double measured = 0, predicted = 0;
    std::map<LayerType, std::pair<double, double>> by_type;  // measured, predicted
  };
  std::map<std::string, Row> nets;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples[i].network.empty() || std::isnan(predicted[i])) continue;
    Row& r = nets[samples[i].network];
    r.measured += samples[i].latency_ms;
    r.predicted += predicted[i];
    r.by_type[samples[i].type].first += samples[i].latency_ms;
    r.by_type[samples[i].type].second += predicted[i];
  }
  std::string out = fmt::format("| network | measured total ms | predicted total ms | error | within {:.0f} %? the type that misses most |\n"
                                "|---|---|---|---|---|\n", 100 * tolerance);
  for (const auto& [name, r] : nets) {
    double err = (r.predicted - r.measured) / r.measured;
    std::string why = "yes";
    if (std::abs(err) > tolerance) {
      auto worst = std::max_element(r.by_type.begin(), r.by_type.end(), [](const auto& a, const auto& b) {
        return std::abs(a.second.second - a.second.first) < std::abs(b.second.second - b.second.first);
      });
      why = fmt::format("no: {} layers {:.3g} ms predicted against {:.3g} ms measured ({:+.3g} ms of the {:+.3g} ms miss)",
                        layer_type_name(worst->first), worst->second.second, worst->second.first,
                        worst->second.second - worst->second.first, r.predicted - r.measured);
    }
    out += fmt::format("| {} | {:.3f} | {:.3f} | {:+.1f}% | {} |\n", name, r.measured, r.predicted, 100 * err, why);
  }
  return out;
}

AccuracySummary summarize_accuracy(const std::vector<LayerSample>& samples, const std::vector<double>& predicted,
                                   double min_share) {
  std::map<std::string, AccuracySummary::NetworkRow> nets;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples[i].network.empty()) continue;
    auto& row = nets[samples[i].network];
    row.network = samples[i].network;
    row.layers += 1;
    row.measured_ms += samples[i].latency_ms;
    if (std::isnan(predicted[i])) {
      row.unpredicted += 1;
    } else {
      row.predicted_ms += predicted[i];
    }
  }
  std::map<LayerType, std::vector<double>> errors;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isnan(predicted[i])) continue;
    const LayerSample& s = samples[i];
    if (!s.network.empty() && s.latency_ms < min_share * nets[s.network].measured_ms) continue;
    errors[s.type].push_back(ape(predicted[i], s.latency_ms));
  }
  AccuracySummary out;
  for (auto& [type, e] : errors) {
    out.types.push_back({type, static_cast<int>(e.size()), quantile(e, 0.5), quantile(e, 0.9)});
  }
  for (auto& [name, row] : nets) {
    row.error_percent = 100.0 * (row.predicted_ms - row.measured_ms) / row.measured_ms;
    out.networks.push_back(row);
  }
  return out;
}

std::string accuracy_report(const AccuracySummary& s, const std::string& title) {
  std::string out = fmt::format("{}\n\n| type | layers (>= 1 % of their network) | median abs err | p90 abs err |\n|---|---|---|---|\n", title);
  for (const auto& t : s.types) {
    out += fmt::format("| {} | {} | {:.1f}% | {:.1f}% |\n", layer_type_name(t.type), t.layers, t.median_ape, t.p90_ape);
  }
  if (!s.networks.empty()) {
    out += "\n| network | layers | measured total ms | predicted total ms | error |\n|---|---|---|---|---|\n";
    for (const auto& n : s.networks) {
      out += fmt::format("| {} | {}{} | {:.2f} | {:.2f} | {:+.1f}% |\n", n.network, n.layers,
                         n.unpredicted > 0 ? fmt::format(" ({} unpredicted)", n.unpredicted) : "", n.measured_ms,
                         n.predicted_ms, n.error_percent);
    }
  }
  return out;
}

}  // namespace splitsim

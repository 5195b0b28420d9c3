#include "calib/calibration_report.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "link/trace_stats.hpp"

namespace splitsim {
namespace {

std::string cv_cell(const TypeFit& f, ModelForm form) {
  auto it = f.cv_mape.find(form);
  if (it == f.cv_mape.end()) return "-";
  if (std::isnan(it->second)) return "n/a";
  return fmt::format("{:.1f}%", it->second);
}

std::string fit_row(const std::string& name, const TypeFit& f) {
  return fmt::format("| {} | {} | {} | {:.3f} | {:.1f}% | {:.1f}% | {} | {} | {} | {} | {} |\n", name, f.samples,
                     form_name(f.model.form), f.r2, f.median_ape, f.p90_ape, cv_cell(f, ModelForm::gflops_constant),
                     cv_cell(f, ModelForm::gflops_linear), cv_cell(f, ModelForm::gflops_log),
                     cv_cell(f, ModelForm::flops_bytes), cv_cell(f, ModelForm::gemm_log));
}

}  // namespace

std::string fit_report(const Calibration& c) {
  std::string out =
      "| type | n | form | R² | median err | p90 err | CV gflops-constant | CV gflops-linear | CV gflops-log | CV flops-bytes "
      "| CV gemm-log |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& [type, fit] : c.types) out += fit_row(std::string(layer_type_name(type)), fit);
  if (c.generic) out += fit_row("generic", *c.generic);
  if (!c.types.empty()) {
    out += fmt::format("\nCross-validation: {}. Errors are absolute % errors of latency.\n",
                       c.types.begin()->second.cv_scheme);
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

#include "calib/calibration_workflow.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "calib/calibration_report.hpp"
#include "core/input_error.hpp"

namespace splitsim {
namespace {

std::vector<LayerSample> read_into(const std::string& spec, Importer importer, const char* role, Json& inputs) {
  Importer used = importer;
  auto rows = read_profile(spec, importer, &used);
  inputs.push_back({{role, spec}, {"importer", importer_name(used)}, {"rows", rows.size()}});
  return rows;
}

// The profiles' samples; --totals profiles have their network totals spread over their layers in proportion to
// a roofline model fitted on the profiles (a fixed cost plus the slower of compute and memory traffic, at rates up
// to the device's peaks): spread by physics.
std::vector<LayerSample> read_samples(const CalibrationRequest& r, Json& inputs) {
  std::vector<LayerSample> samples;
  for (const std::string& spec : r.profiles) {
    auto rows = read_into(spec, r.importer, "profile", inputs);
    samples.insert(samples.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  if (r.totals.empty()) return samples;
  CalibrationOptions spread = r.options;
  spread.force_form = ModelForm::roofline;
  spread.physics = true;
  Calibration first = calibrate(samples, spread);
  for (const std::string& spec : r.totals) {
    auto rows = read_into(spec, r.importer, "totals", inputs);
    redistribute_totals(rows, first);
    samples.insert(samples.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  return samples;
}

Platform fit_platform(const CalibrationRequest& r, const std::vector<LayerSample>& samples) {
  Platform platform;
  platform.name = r.name;
  platform.description = r.description;
  platform.latency = calibrate(samples, r.options);
  if (!r.power.empty()) platform.power = PowerModel::from_json(read_json_file(r.power), r.power, "");
  auto fitted_power = fit_power_regressions(samples, r.options.min_samples);
  if (!fitted_power.empty()) {
    platform.power.per_layer = fitted_power;
    if (!platform.power.default_form) platform.power.default_form = PowerForm::per_layer;
    if (platform.power.source.empty()) platform.power.source = "fitted from the power_w column of the profiles";
  }
  return platform;
}

// In-sample network totals against the measured ones (for profiles of whole networks).
std::string totals_section(const Calibration& c, const std::vector<LayerSample>& samples) {
  if (std::none_of(samples.begin(), samples.end(), [](const LayerSample& s) { return !s.network.empty(); })) return {};
  std::vector<double> predicted;
  for (const auto& s : samples) predicted.push_back(c.predict_ms(s));
  return fmt::format("\n## Network totals in sample (what the shipped platform predicts)\n\n{}", totals_report(samples, predicted, 0.15));
}

// Leave-one-network-out accuracy, with and without the physics, when the profiles hold two networks or more.
void lono_section(const CalibrationOptions& options, const std::vector<LayerSample>& samples, CalibrationResult& out) {
  std::set<std::string> networks;
  for (const auto& s : samples) {
    if (!s.network.empty()) networks.insert(s.network);
  }
  if (networks.size() < 2) return;
  auto lono = leave_one_network_out(samples, options);
  out.platform.provenance["leave_one_network_out"] = "see the calibrate report";
  out.report += fmt::format("\n{}", accuracy_report(summarize_accuracy(samples, lono),
                                                    "## Leave-one-network-out (each network predicted by a fit without it)"));
  if (options.physics) {
    CalibrationOptions raw = options;
    raw.physics = false;
    out.report += fmt::format("\n{}", accuracy_report(summarize_accuracy(samples, leave_one_network_out(samples, raw)),
                                                      "## Leave-one-network-out without the physics (no roofline bound or form, no "
                                                      "monotonicity check, no generic check: the fits of earlier versions)"));
  }
  out.lono_csv = profile_csv_header() + ",predicted_ms\n";
  for (std::size_t i = 0; i < samples.size(); ++i) {
    out.lono_csv += fmt::format("{},{}\n", profile_csv_row(samples[i]), std::isnan(lono[i]) ? "" : fmt::format("{:.6g}", lono[i]));
  }
}

void validation_section(const CalibrationRequest& r, CalibrationResult& out) {
  const Platform& platform = out.platform;
  auto held_out = read_profile(r.validate, r.validate_importer.value_or(r.importer));
  std::vector<double> predicted;
  out.predictions_csv = profile_csv_header() + ",predicted_ms,model\n";
  for (const auto& s : held_out) {
    if (!platform.latency.can_predict(s.type)) {
      throw InputError(s.source, "", fmt::format("platform {} cannot predict layer type {}", platform.name, layer_type_name(s.type)));
    }
    double p = platform.latency.predict_ms(s);
    predicted.push_back(p);
    out.predictions_csv += fmt::format("{},{:.6g},{}\n", profile_csv_row(s), p, platform.latency.model_for(s.type));
  }
  out.report += fmt::format("\n{}", accuracy_report(summarize_accuracy(held_out, predicted),
                                                    fmt::format("## Validation on {} ({} rows)", r.validate, held_out.size())));
}

}  // namespace

CalibrationResult run_calibration(const CalibrationRequest& r) {
  Json inputs = Json::array();
  std::vector<LayerSample> samples = read_samples(r, inputs);
  CalibrationResult out;
  out.platform = fit_platform(r, samples);
  Json provenance = r.provenance;
  provenance["inputs"] = inputs;
  provenance["samples"] = samples.size();
  out.platform.provenance = provenance;
  const Calibration& latency = out.platform.latency;
  out.report = fmt::format("# Fit of {} ({} samples)\n\n{}", out.platform.name, samples.size(), fit_report(latency));
  out.report += fmt::format("\n## Physical limits\n\n{}", physics_report(latency, samples));
  out.report += totals_section(latency, samples);
  lono_section(r.options, samples, out);
  if (!r.validate.empty()) validation_section(r, out);
  return out;
}

}  // namespace splitsim

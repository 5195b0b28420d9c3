#pragma once
// Mobile power while computing: either a constant per network (the authors' whole-board measurements) or
// a per-layer regression P = c0 + c1 ln(input elements) + c2 ln(output elements) (the authors' log form,
// Kang et al., ASPLOS 2017), with a constant for the other types. Which one a run uses is selectable.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "calib/layer_sample.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

enum class PowerForm { per_network, per_layer };
inline constexpr EnumName<PowerForm> kPowerFormNames[] = {{PowerForm::per_network, "per-network"},
                                                         {PowerForm::per_layer, "per-layer"}};
std::optional<PowerForm> parse_power_form(std::string_view name);
std::string_view power_form_name(PowerForm form);

struct PowerModel {
  std::string source;
  std::optional<PowerForm> default_form;  ///< empty: the platform has no power model
  std::map<std::string, double> per_network_w;  ///< by network abbreviation (IMC, VGG, ...)
  std::optional<double> default_w;             ///< per-network form: networks not listed
  std::map<LayerType, std::array<double, 3>> per_layer;  ///< c0, c1, c2 of the log form
  std::optional<double> other_w;               ///< per-layer form: types without a regression

  bool has(PowerForm form) const;
  /// Power of `sample` on network `abbrev` under `form`; a missing entry is a UsageError naming `platform`.
  double power_w(PowerForm form, const LayerSample& sample, const std::string& abbrev, const std::string& platform) const;

  Json to_json() const;
  static PowerModel from_json(const Json& j, const std::string& file, const std::string& pointer);
};

/// Fits the per-layer log form to samples with power_w (types with at least `min_samples`).
std::map<LayerType, std::array<double, 3>> fit_power_regressions(const std::vector<LayerSample>& samples,
                                                                  int min_samples);

}  // namespace splitsim

#include "calib/power_model.hpp"

#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "core/input_error.hpp"

namespace splitsim {

std::optional<PowerForm> parse_power_form(std::string_view name) {
  return enum_from_name<PowerForm>(kPowerFormNames, name);
}

std::string_view power_form_name(PowerForm form) { return enum_name<PowerForm>(kPowerFormNames, form); }

bool PowerModel::has(PowerForm form) const {
  return form == PowerForm::per_network ? (!per_network_w.empty() || default_w.has_value())
                                        : (!per_layer.empty() || other_w.has_value());
}

double PowerModel::power_w(PowerForm form, const LayerSample& s, const std::string& abbrev,
                           const std::string& platform) const {
  if (form == PowerForm::per_network) {
    auto it = per_network_w.find(abbrev);
    if (it != per_network_w.end()) return it->second;
    if (default_w) return *default_w;
    throw UsageError(fmt::format("platform {} has no per-network power for {} and no default_w", platform, abbrev));
  }
  auto it = per_layer.find(s.type);
  if (it != per_layer.end()) {
    const auto& c = it->second;
    double x0 = std::max<double>(static_cast<double>(s.input_elements()), 1);
    double x1 = std::max<double>(static_cast<double>(s.output_elements()), 1);
    return std::max(0.0, c[0] + c[1] * std::log(x0) + c[2] * std::log(x1));
  }
  if (other_w) return *other_w;
  throw UsageError(fmt::format("platform {} has no per-layer power model for layer type {} and no other_w", platform,
                               layer_type_name(s.type)));
}

Json PowerModel::to_json() const {
  Json j;
  j["source"] = source;
  if (default_form) j["default_form"] = power_form_name(*default_form);
  if (!per_network_w.empty()) j["per_network_w"] = per_network_w;
  if (default_w) j["default_w"] = *default_w;
  if (!per_layer.empty()) {
    Json layers;
    for (const auto& [type, c] : per_layer) layers[std::string(layer_type_name(type))] = c;
    j["per_layer"] = {{"form", "c0 + c1 ln(input_elements) + c2 ln(output_elements)"}, {"coefficients", layers}};
  }
  if (other_w) j["other_w"] = *other_w;
  return j;
}

PowerModel PowerModel::from_json(const Json& doc, const std::string& file, const std::string& pointer) {
  JsonReader r(doc, file, pointer);
  r.ignore("comment");
  PowerModel p;
  p.source = r.string_or("source", "");
  if (const Json* f = r.find("default_form")) {
    std::string name = json_string(*f, file, r.child("default_form"));
    p.default_form = parse_power_form(name);
    if (!p.default_form) r.fail("default_form", fmt::format("unknown power form \"{}\" (expected {})", name,
                                         enum_alternatives<PowerForm>(kPowerFormNames)));
  }
  if (const Json* nets = r.find("per_network_w")) {
    JsonReader n(*nets, file, r.child("per_network_w"));
    for (const auto& [name, value] : nets->items()) p.per_network_w[name] = n.number(name, 0.0, 1000.0);
  }
  if (r.has("default_w")) p.default_w = r.number("default_w", 0.0, 1000.0);
  if (r.has("other_w")) p.other_w = r.number("other_w", 0.0, 1000.0);
  if (r.has("per_layer")) {
    JsonReader pl = r.object("per_layer");
    pl.ignore("form");
    pl.ignore("comment");
    JsonReader coef = pl.object("coefficients");
    const Json& all = *pl.find("coefficients");
    for (const auto& [name, value] : all.items()) {
      auto type = parse_layer_type(name);
      std::string ptr = json_child(coef.pointer(), name);
      if (!type) throw InputError(file, ptr, fmt::format("unknown layer type \"{}\"", name));
      if (!value.is_array() || value.size() != 3) throw InputError(file, ptr, "expected [c0, c1, c2]");
      std::array<double, 3> c{};
      for (std::size_t i = 0; i < 3; ++i) c[i] = json_number(value[i], file, json_child(ptr, i));
      p.per_layer[*type] = c;
      coef.ignore(name);
    }
    coef.finish();
    pl.finish();
  }
  r.finish();
  if (p.default_form && !p.has(*p.default_form)) {
    throw InputError(file, pointer.empty() ? "/" : pointer,
                     fmt::format("default_form {} has no values", power_form_name(*p.default_form)));
  }
  return p;
}

std::map<LayerType, std::array<double, 3>> fit_power_regressions(const std::vector<LayerSample>& samples,
                                                                  int min_samples) {
  std::map<LayerType, std::vector<const LayerSample*>> by_type;
  for (const LayerSample& s : samples) {
    if (s.has_power()) by_type[s.type].push_back(&s);
  }
  std::map<LayerType, std::array<double, 3>> out;
  for (const auto& [type, rows] : by_type) {
    if (static_cast<int>(rows.size()) < std::max(min_samples, 4)) continue;
    Eigen::MatrixXd a(static_cast<Eigen::Index>(rows.size()), 3);
    Eigen::VectorXd b(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto row = static_cast<Eigen::Index>(i);
      a(row, 0) = 1;
      a(row, 1) = std::log(std::max<double>(static_cast<double>(rows[i]->input_elements()), 1));
      a(row, 2) = std::log(std::max<double>(static_cast<double>(rows[i]->output_elements()), 1));
      b(row) = rows[i]->power_w;
    }
    Eigen::VectorXd c = a.colPivHouseholderQr().solve(b);
    out[type] = {c(0), c(1), c(2)};
  }
  return out;
}

}  // namespace splitsim

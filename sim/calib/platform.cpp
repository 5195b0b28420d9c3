#include "calib/platform.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/data_dir.hpp"
#include "core/input_error.hpp"

namespace splitsim {
namespace {

Json fit_json(const TypeFit& f) {
  Json j;
  j["samples"] = f.samples;
  j["r2"] = f.r2;
  j["median_ape_percent"] = f.median_ape;
  j["p90_ape_percent"] = f.p90_ape;
  j["cv_scheme"] = f.cv_scheme;
  Json cv;
  for (const auto& [form, err] : f.cv_mape) cv[std::string(form_name(form))] = std::isnan(err) ? Json(nullptr) : Json(err);
  j["cv_mape_percent"] = cv;
  if (!f.non_monotone.empty()) {
    Json forms = Json::array();
    for (ModelForm form : f.non_monotone) forms.push_back(form_name(form));
    j["rejected_non_monotone"] = forms;
  }
  if (!std::isnan(f.cv_log)) j["cv_mean_abs_log_ratio"] = f.cv_log;
  if (!std::isnan(f.cv_median_ape)) j["cv_median_ape_percent"] = f.cv_median_ape;
  if (!f.range.empty()) {
    const SampleRange& r = f.range;
    j["range"] = {{"mflops", {r.mflops_min, r.mflops_max}}, {"mbytes_moved", {r.mbytes_min, r.mbytes_max}},
                  {"batch", {r.batch_min, r.batch_max}}};
  }
  if (!std::isnan(f.cv_generic)) j["cv_generic_mean_abs_log_ratio"] = f.cv_generic;
  if (!f.replaced.empty()) j["replaced_by_generic"] = f.replaced;
  return j;
}

// What warnings need from a model's fit record: its cross-validated median error and its samples' range.
void read_fit_summary(const Json& fit, const std::string& file, const std::string& pointer, TypeFit& out) {
  if (!fit.is_object()) throw InputError(file, pointer, "expected an object, found " + describe_json(fit));
  if (fit.contains("cv_median_ape_percent")) out.cv_median_ape = json_number(fit["cv_median_ape_percent"], file, pointer + "/cv_median_ape_percent");
  if (!fit.contains("range")) return;
  const Json& r = fit["range"];
  auto pair = [&](const char* key, double& lo, double& hi) {
    std::string where = pointer + "/range/" + key;
    if (!r.is_object() || !r.contains(key) || !r[key].is_array() || r[key].size() != 2) {
      throw InputError(file, where, "expected [low, high]");
    }
    lo = json_number(r[key][0], file, where + "/0");
    hi = json_number(r[key][1], file, where + "/1");
  };
  pair("mflops", out.range.mflops_min, out.range.mflops_max);
  pair("mbytes_moved", out.range.mbytes_min, out.range.mbytes_max);
  pair("batch", out.range.batch_min, out.range.batch_max);
}

}  // namespace

Json platform_to_json(const Platform& p) {
  Json j;
  j["name"] = p.name;
  j["description"] = p.description;
  Json models = Json::object();
  for (const auto& [type, fit] : p.latency.types) {
    Json m = fit.model.to_json();
    m["fit"] = fit_json(fit);
    models[std::string(layer_type_name(type))] = m;
  }
  if (p.latency.device) j["device"] = p.latency.device->to_json();
  j["latency_models"] = models;
  if (p.latency.generic) {
    Json g = p.latency.generic->model.to_json();
    g["fit"] = fit_json(*p.latency.generic);
    g["comment"] = "predicts layer types that have no model of their own, from all samples";
    j["generic_model"] = g;
  }
  if (p.power.default_form || p.power.has(PowerForm::per_layer) || p.power.has(PowerForm::per_network)) {
    j["power"] = p.power.to_json();
  }
  j["provenance"] = p.provenance;
  return j;
}

Platform parse_platform(const Json& doc, const std::string& file) {
  JsonReader r(doc, file, "");
  r.ignore("comment");
  Platform p;
  p.path = file;
  p.name = r.string("name");
  p.description = r.string_or("description", "");
  if (const Json* d = r.find("device")) p.latency.device = DeviceLimits::from_json(*d, file, r.child("device"));
  JsonReader models = r.object("latency_models");
  for (const auto& [name, value] : doc.at("latency_models").items()) {
    auto type = parse_layer_type(name);
    if (!type || *type == LayerType::input) {
      throw InputError(file, models.child(name), fmt::format("unknown layer type \"{}\"", name));
    }
    TypeFit fit;
    fit.model = LatencyModel::from_json(value, file, models.child(name));
    if (value.contains("fit")) {
      p.fit_reports[*type] = value["fit"];
      read_fit_summary(value["fit"], file, models.child(name) + "/fit", fit);
    }
    p.latency.types.emplace(*type, std::move(fit));
    models.ignore(name);
  }
  models.finish();
  if (const Json* g = r.find("generic_model")) {
    TypeFit fit;
    Json copy = *g;
    copy.erase("comment");
    fit.model = LatencyModel::from_json(copy, file, r.child("generic_model"));
    if (copy.contains("fit")) read_fit_summary(copy["fit"], file, r.child("generic_model") + "/fit", fit);
    p.latency.generic = std::move(fit);
  }
  if (const Json* power = r.find("power")) p.power = PowerModel::from_json(*power, file, r.child("power"));
  if (const Json* prov = r.find("provenance")) p.provenance = *prov;
  r.finish();
  if (p.latency.types.empty() && !p.latency.generic) r.fail_here("a platform needs at least one latency model");
  return p;
}

Platform load_platform(const std::string& name_or_path) {
  std::string path = resolve_data_file(name_or_path, "calibration", ".json", "platform",
                                       "jetson-cpu, jetson-gpu, server-cpu, server-gpu, host, and the authors' regressions djinn-jetson-cpu, djinn-jetson-gpu, djinn-server-cpu, djinn-server-gpu");
  return parse_platform(read_json_file(path), path);
}

}  // namespace splitsim

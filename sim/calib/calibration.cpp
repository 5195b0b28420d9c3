#include "calib/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "link/trace_stats.hpp"

namespace splitsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Cross-validation groups: one per network; samples without a network are dealt into five folds.
std::vector<int> cv_groups(const std::vector<const LayerSample*>& samples, std::string& scheme) {
  std::map<std::string, int> ids;
  std::vector<int> groups;
  int unnamed = 0;
  for (const LayerSample* s : samples) {
    if (!s->network.empty()) {
      groups.push_back(ids.emplace(s->network, static_cast<int>(ids.size())).first->second);
    } else {
      groups.push_back(-1 - (unnamed++ % 5));
    }
  }
  scheme = ids.size() >= 2 ? (unnamed > 0 ? "leave-one-network-out (+5-fold for unnamed rows)" : "leave-one-network-out")
                           : "5-fold";
  if (ids.size() < 2) {  // one network: dealing all rows into folds is the only honest split
    for (std::size_t i = 0; i < groups.size(); ++i) groups[i] = -1 - static_cast<int>(i % 5);
  }
  return groups;
}

// Mean absolute % error over held-out predictions; rows whose fold could not be fitted count as failures.
std::pair<int, double> cross_validate(const std::vector<const LayerSample*>& samples, const std::vector<int>& groups,
                                      LayerType type, ModelForm form) {
  std::set<int> ids(groups.begin(), groups.end());
  int failed = 0;
  double sum = 0;
  int count = 0;
  for (int g : ids) {
    std::vector<const LayerSample*> train, test;
    for (std::size_t i = 0; i < samples.size(); ++i) (groups[i] == g ? test : train).push_back(samples[i]);
    auto m = fit_latency_model(train, type, form);
    if (!m) {
      failed += static_cast<int>(test.size());
      continue;
    }
    for (const LayerSample* s : test) {
      sum += ape(m->predict_ms(*s), s->latency_ms);
      ++count;
    }
  }
  return {failed, count > 0 ? sum / count : std::numeric_limits<double>::infinity()};
}

std::optional<TypeFit> fit_type(const std::vector<const LayerSample*>& samples, LayerType type,
                                const CalibrationOptions& options, bool generic) {
  TypeFit fit;
  fit.samples = static_cast<int>(samples.size());
  std::vector<int> groups = cv_groups(samples, fit.cv_scheme);
  std::vector<ModelForm> candidates;
  if (generic) {
    candidates = {ModelForm::flops_bytes};
  } else if (options.force_form) {
    candidates = {*options.force_form};
  } else {
    candidates.assign(std::begin(kAllForms), std::end(kAllForms));
  }
  std::optional<ModelForm> best;
  std::pair<int, double> best_score{INT32_MAX, 0};
  for (ModelForm form : candidates) {
    if (!fit_latency_model(samples, type, form)) continue;
    auto score = cross_validate(samples, groups, type, form);
    fit.cv_mape[form] = score.first > 0 ? kNaN : score.second;
    if (!best || score < best_score) {
      best = form;
      best_score = score;
    }
  }
  if (!best) return std::nullopt;
  fit.model = *fit_latency_model(samples, type, *best);
  std::vector<double> errors;
  double mean = 0, ss_res = 0, ss_tot = 0;
  for (const LayerSample* s : samples) mean += s->latency_ms / static_cast<double>(samples.size());
  for (const LayerSample* s : samples) {
    double p = fit.model.predict_ms(*s);
    errors.push_back(ape(p, s->latency_ms));
    ss_res += (p - s->latency_ms) * (p - s->latency_ms);
    ss_tot += (s->latency_ms - mean) * (s->latency_ms - mean);
  }
  fit.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : 1.0;
  fit.median_ape = quantile(errors, 0.5);
  fit.p90_ape = quantile(errors, 0.9);
  return fit;
}

}  // namespace

double Calibration::predict_ms(const LayerSample& s) const {
  auto it = types.find(s.type);
  if (it != types.end()) return it->second.model.predict_ms(s);
  if (generic) return generic->model.predict_ms(s);
  throw std::out_of_range(fmt::format("no latency model for layer type {}", layer_type_name(s.type)));
}

std::string Calibration::model_for(LayerType t) const {
  return types.contains(t) ? std::string(layer_type_name(t)) : generic ? "generic" : "none";
}

Calibration calibrate(const std::vector<LayerSample>& samples, const CalibrationOptions& options) {
  std::map<LayerType, std::vector<const LayerSample*>> by_type;
  std::vector<const LayerSample*> all;
  for (const LayerSample& s : samples) {
    by_type[s.type].push_back(&s);
    all.push_back(&s);
  }
  Calibration c;
  for (const auto& [type, rows] : by_type) {
    if (options.generic_types.contains(type)) continue;
    if (static_cast<int>(rows.size()) < options.min_samples) {
      if (options.lenient) continue;
      throw InputError(rows.front()->source.substr(0, rows.front()->source.rfind(':')), "",
                       fmt::format("layer type {} has only {} sample(s); at least {} are needed to fit and "
                                   "cross-validate a model (add measurements, or pass --generic {} to predict it "
                                   "with the generic model)",
                                   layer_type_name(type), rows.size(), options.min_samples, layer_type_name(type)));
    }
    auto fit = fit_type(rows, type, options, false);
    if (!fit) {
      if (options.lenient) continue;
      throw InputError(rows.front()->source.substr(0, rows.front()->source.rfind(':')), "",
                       fmt::format("no model form could be fitted to the {} samples of layer type {}", rows.size(),
                                   layer_type_name(type)));
    }
    c.types.emplace(type, std::move(*fit));
  }
  if (static_cast<int>(all.size()) >= options.min_samples) c.generic = fit_type(all, LayerType::conv, options, true);
  return c;
}

std::vector<double> leave_one_network_out(const std::vector<LayerSample>& samples, const CalibrationOptions& options) {
  std::set<std::string> networks;
  for (const LayerSample& s : samples) {
    if (!s.network.empty()) networks.insert(s.network);
  }
  std::vector<double> predicted(samples.size(), kNaN);
  CalibrationOptions lenient = options;
  lenient.lenient = true;
  for (const std::string& held_out : networks) {
    std::vector<LayerSample> train;
    for (const LayerSample& s : samples) {
      if (s.network != held_out) train.push_back(s);
    }
    Calibration c = calibrate(train, lenient);
    for (std::size_t i = 0; i < samples.size(); ++i) {
      if (samples[i].network == held_out && c.can_predict(samples[i].type)) predicted[i] = c.predict_ms(samples[i]);
    }
  }
  return predicted;
}

}  // namespace splitsim

namespace splitsim {

void redistribute_totals(std::vector<LayerSample>& rows, const Calibration& c) {
  std::map<std::string, std::pair<double, double>> totals;  // network -> (measured, predicted)
  std::vector<double> predicted(rows.size(), 0.0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].network.empty()) continue;
    if (!c.can_predict(rows[i].type)) {
      throw InputError(rows[i].source, "", fmt::format("cannot redistribute: no model for layer type {}",
                                                       layer_type_name(rows[i].type)));
    }
    predicted[i] = c.predict_ms(rows[i]);
    totals[rows[i].network].first += rows[i].latency_ms;
    totals[rows[i].network].second += predicted[i];
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].network.empty()) continue;
    const auto& [measured, model] = totals[rows[i].network];
    rows[i].latency_ms = measured * predicted[i] / model;
  }
}

}  // namespace splitsim

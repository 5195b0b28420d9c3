#include "calib/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/statistics.hpp"

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

// A model's prediction under the options: never below the device's roofline bound.
double bounded(const LatencyModel& m, const LayerSample& s, const CalibrationOptions& options) {
  double t = m.predict_ms(s);
  return options.physics && options.device ? std::max(t, options.device->bound_ms(s)) : t;
}

const DeviceLimits* device_of(const CalibrationOptions& options) {
  return options.physics && options.device ? &*options.device : nullptr;
}

struct CvScore {
  int failed = 0;     ///< rows whose fold could not be fitted
  double mape = 0;    ///< mean absolute % error
  double mlog = 0;    ///< mean |ln(predicted / measured)|: symmetric in over- and underprediction
  double median = 0;  ///< median absolute % error
};

// Held-out errors of `form` over the groups; rows whose fold could not be fitted count as failures.
CvScore cross_validate(const std::vector<const LayerSample*>& samples, const std::vector<int>& groups, LayerType type,
                       ModelForm form, const CalibrationOptions& options) {
  std::set<int> ids(groups.begin(), groups.end());
  int failed = 0;
  double sum = 0, sum_log = 0;
  int count = 0;
  std::vector<double> errors;
  for (int g : ids) {
    std::vector<const LayerSample*> train, test;
    for (std::size_t i = 0; i < samples.size(); ++i) (groups[i] == g ? test : train).push_back(samples[i]);
    auto m = fit_latency_model(train, type, form, device_of(options));
    if (!m) {
      failed += static_cast<int>(test.size());
      continue;
    }
    for (const LayerSample* s : test) {
      double p = bounded(*m, *s, options);
      errors.push_back(ape(p, s->latency_ms));
      sum += errors.back();
      sum_log += std::abs(std::log(p / s->latency_ms));
      ++count;
    }
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  return {failed, count > 0 ? sum / count : kInf, count > 0 ? sum_log / count : kInf,
          count > 0 ? quantile(errors, 0.5) : kInf};
}

void score_in_sample(TypeFit& fit, const std::vector<const LayerSample*>& samples, const CalibrationOptions& options) {
  std::vector<double> errors;
  double mean = 0, ss_res = 0, ss_tot = 0;
  for (const LayerSample* s : samples) mean += s->latency_ms / static_cast<double>(samples.size());
  for (const LayerSample* s : samples) {
    double p = bounded(fit.model, *s, options);
    errors.push_back(ape(p, s->latency_ms));
    ss_res += (p - s->latency_ms) * (p - s->latency_ms);
    ss_tot += (s->latency_ms - mean) * (s->latency_ms - mean);
  }
  fit.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : 1.0;
  fit.median_ape = quantile(errors, 0.5);
  fit.p90_ape = quantile(errors, 0.9);
}


std::optional<TypeFit> fit_type(const std::vector<const LayerSample*>& samples, LayerType type,
                                const CalibrationOptions& options, bool generic) {
  TypeFit fit;
  fit.samples = static_cast<int>(samples.size());
  std::vector<int> groups = cv_groups(samples, fit.cv_scheme);
  std::vector<ModelForm> candidates;
  if (generic) {
    candidates = {ModelForm::flops_bytes};
    if (options.physics) candidates.push_back(ModelForm::roofline);
  } else if (options.force_form) {
    candidates = {*options.force_form};
  } else {
    candidates.assign(std::begin(kAllForms), std::end(kAllForms));
  }
  std::optional<ModelForm> best;
  std::pair<int, double> best_score{INT32_MAX, 0};
  double best_log = kNaN, best_median = kNaN;
  const bool checked = options.physics && !options.force_form;
  for (ModelForm form : candidates) {
    if (!options.physics && form == ModelForm::roofline) continue;  // the earlier versions' candidates
    auto whole = fit_latency_model(samples, type, form, device_of(options));
    if (!whole) continue;
    if (checked && !is_monotone(*whole, samples)) {  // less time for more work: not a physical model
      fit.non_monotone.insert(form);
      continue;
    }
    CvScore cv = cross_validate(samples, groups, type, form, options);
    std::pair<int, double> score{cv.failed, cv.mape};
    fit.cv_mape[form] = cv.failed > 0 ? kNaN : cv.mape;
    if (!best || score < best_score) {
      best = form;
      best_score = score;
      best_log = cv.failed > 0 ? kNaN : cv.mlog;
      best_median = cv.failed > 0 ? kNaN : cv.median;
    }
  }
  if (!best) return std::nullopt;
  fit.model = *fit_latency_model(samples, type, *best, device_of(options));
  fit.cv_log = best_log;
  fit.cv_median_ape = best_median;
  for (const LayerSample* s : samples) fit.range.add(*s);
  score_in_sample(fit, samples, options);
  return fit;
}

// The generic model's cross-validated mean |ln(predicted / measured)| on one type's rows, over the same
// groups as the type's own forms: a held-out network leaves the generic model's training whole (every type
// of it); a fold of rows (a type measured in one network only) leaves it those rows.
double generic_cv(const std::vector<const LayerSample*>& rows, const std::vector<const LayerSample*>& all, ModelForm form,
                  const CalibrationOptions& options) {
  std::string scheme;
  std::vector<int> groups = cv_groups(rows, scheme);
  const bool by_network = scheme.rfind("leave-one-network-out", 0) == 0;
  double sum = 0;
  int count = 0;
  for (int g : std::set<int>(groups.begin(), groups.end())) {
    std::set<const LayerSample*> test;
    std::set<std::string> networks;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (groups[i] != g) continue;
      test.insert(rows[i]);
      if (by_network && !rows[i]->network.empty()) networks.insert(rows[i]->network);
    }
    std::vector<const LayerSample*> train;
    for (const LayerSample* s : all) {
      if (!test.contains(s) && !networks.contains(s->network)) train.push_back(s);
    }
    auto m = fit_latency_model(train, LayerType::conv, form, device_of(options));
    if (!m) return std::numeric_limits<double>::infinity();
    for (const LayerSample* s : test) {
      sum += std::abs(std::log(bounded(*m, *s, options) / s->latency_ms));
      ++count;
    }
  }
  return count > 0 ? sum / count : std::numeric_limits<double>::infinity();
}

}  // namespace


void SampleRange::add(const LayerSample& s) {
  double f = static_cast<double>(s.flops()) * 1e-6, b = s.bytes_moved() * 1e-6, n = static_cast<double>(s.batch);
  if (empty()) {
    mflops_min = mflops_max = f, mbytes_min = mbytes_max = b, batch_min = batch_max = n;
    return;
  }
  mflops_min = std::min(mflops_min, f), mflops_max = std::max(mflops_max, f);
  mbytes_min = std::min(mbytes_min, b), mbytes_max = std::max(mbytes_max, b);
  batch_min = std::min(batch_min, n), batch_max = std::max(batch_max, n);
}

double SampleRange::outside(const LayerSample& s, std::string* measure) const {
  if (empty()) return 1;
  double worst = 1;
  auto check = [&](double v, double lo, double hi, const char* name) {
    double r = v > hi && hi > 0 ? v / hi : v < lo && v > 0 ? lo / v : 1;
    if (r > worst) {
      worst = r;
      if (measure != nullptr) *measure = name;
    }
  };
  check(static_cast<double>(s.flops()) * 1e-6, mflops_min, mflops_max, "MFLOP");
  check(s.bytes_moved() * 1e-6, mbytes_min, mbytes_max, "MB moved");
  check(static_cast<double>(s.batch), batch_min, batch_max, "batch");
  return worst;
}

double Calibration::predict_ms(const LayerSample& s) const {
  double t = raw_predict_ms(s);
  return device ? std::max(t, device->bound_ms(s)) : t;
}

bool Calibration::bound_binds(const LayerSample& s) const { return device && device->bound_ms(s) > raw_predict_ms(s); }

double Calibration::raw_predict_ms(const LayerSample& s) const {
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
  if (options.physics) {
    c.device = options.device;
    if (c.generic && !options.force_form) {
      // A type's own fit that cross-validates worse than the generic model gives way to it (by more than 1 %: a tie
      // keeps the type's own).
      for (auto& [type, fit] : c.types) {
        // Compared on |ln(predicted / measured)|: absolute % error would favour a model that predicts nothing
        // (100 %) over one twice too slow (100 %) or three times (200 %).
        fit.cv_generic = generic_cv(by_type[type], all, c.generic->model.form, options);
        if (!(fit.cv_generic < fit.cv_log - 0.01) && !std::isnan(fit.cv_log)) continue;
        fit.replaced = fmt::format("its best own form ({}) is off by x{:.2f} in cross-validation, the generic model ({}) by x{:.2f}",
                                   form_name(fit.model.form), std::exp(fit.cv_log), form_name(c.generic->model.form),
                                   std::exp(fit.cv_generic));
        fit.model = c.generic->model;
        score_in_sample(fit, by_type[type], options);
      }
    }
  }
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

#pragma once
// Fitting a platform's latency models from measured layers: one model per layer type, its form chosen by
// cross-validated error; a generic model for types without measurements; leave-one-network-out
// evaluation of the whole procedure.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calib/latency_model.hpp"

namespace splitsim {

struct CalibrationOptions {
  std::set<LayerType> generic_types;    ///< their samples only feed the generic model
  std::optional<ModelForm> force_form;  ///< skip the selection
  int min_samples = 3;
  /// Evaluation mode: a type with too few samples falls back to the generic model instead of failing.
  bool lenient = false;
};

struct TypeFit {
  LatencyModel model;
  int samples = 0;
  double r2 = 0;          ///< of latency, in sample
  double median_ape = 0;  ///< absolute % error of latency, in sample
  double p90_ape = 0;
  std::map<ModelForm, double> cv_mape;  ///< cross-validated mean absolute % error per candidate form
  std::string cv_scheme;                ///< "leave-one-network-out" or "5-fold"
};

struct Calibration {
  std::map<LayerType, TypeFit> types;
  std::optional<TypeFit> generic;

  bool can_predict(LayerType t) const { return types.contains(t) || generic.has_value(); }
  /// Latency in ms from the type's model, else the generic model; throws std::out_of_range if neither.
  double predict_ms(const LayerSample& s) const;
  /// "conv" or "generic".
  std::string model_for(LayerType t) const;
};

/// Fits every type present in `samples`. A type with fewer than min_samples samples is an InputError
/// naming it (unless listed in generic_types or options.lenient).
Calibration calibrate(const std::vector<LayerSample>& samples, const CalibrationOptions& options);

/// For each sample of a named network, its latency predicted by a calibration fitted without that network
/// (NaN where nothing could be fitted). Samples without a network are only used for fitting.
std::vector<double> leave_one_network_out(const std::vector<LayerSample>& samples, const CalibrationOptions& options);

/// Keeps each network's measured total (the sum of its rows) but spreads it over the network's rows in
/// proportion to `c`'s predictions: for measurements whose per-layer split is unsound (asynchronous GPU
/// timing) while the totals are sound. Rows without a network are left alone.
void redistribute_totals(std::vector<LayerSample>& rows, const Calibration& c);

/// Absolute percentage error.
inline double ape(double predicted, double measured) { return 100.0 * std::abs(predicted - measured) / measured; }

}  // namespace splitsim

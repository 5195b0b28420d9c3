#pragma once
// Fitting a platform's latency models from measured layers: one model per layer type, its form chosen by
// cross-validated error; a generic model for types without measurements; leave-one-network-out
// evaluation of the whole procedure.

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calib/latency_model.hpp"

namespace splitsim {

struct CalibrationOptions {
  std::optional<DeviceLimits> device;   ///< the device's physical limits: bounds every prediction
  bool physics = true;                  ///< false: the raw fits of earlier versions (bounds, monotonicity, generic check off)
  std::set<LayerType> generic_types;    ///< their samples only feed the generic model
  std::optional<ModelForm> force_form;  ///< skip the selection
  int min_samples = 3;
  /// Evaluation mode: a type with too few samples falls back to the generic model instead of failing.
  bool lenient = false;
};

/// The extent of the samples a model was fitted on (whole-batch MFLOP and MB moved, batch).
struct SampleRange {
  double mflops_min = 0, mflops_max = 0, mbytes_min = 0, mbytes_max = 0, batch_min = 0, batch_max = 0;
  bool empty() const { return batch_max == 0; }
  void add(const LayerSample& s);
  /// How far `s` lies outside the range: the largest ratio beyond an end (1 inside), and which measure.
  double outside(const LayerSample& s, std::string* measure) const;
};

struct TypeFit {
  LatencyModel model;
  int samples = 0;
  double r2 = 0;          ///< of latency, in sample
  double median_ape = 0;  ///< absolute % error of latency, in sample
  double p90_ape = 0;
  std::map<ModelForm, double> cv_mape;  ///< cross-validated mean absolute % error per candidate form
  std::string cv_scheme;                ///< "leave-one-network-out" or "5-fold"
  std::set<ModelForm> non_monotone;     ///< candidate forms rejected: less time for more work
  double cv_log = std::numeric_limits<double>::quiet_NaN();      ///< the chosen form's CV mean |ln(pred / measured)|
  double cv_median_ape = std::numeric_limits<double>::quiet_NaN();  ///< the chosen form's CV median abs % error
  SampleRange range;                                              ///< of the samples it was fitted on
  double cv_generic = std::numeric_limits<double>::quiet_NaN();  ///< the generic model's, on this type's rows
  std::string replaced;                 ///< why the generic model replaced the type's own fit ("" if it did not)
};

struct Calibration {
  std::map<LayerType, TypeFit> types;
  std::optional<TypeFit> generic;
  std::optional<DeviceLimits> device;

  bool can_predict(LayerType t) const { return types.contains(t) || generic.has_value(); }
  /// Latency in ms: the type's model (else the generic model), never below the device's roofline bound;
  /// throws std::out_of_range if there is no model.
  double predict_ms(const LayerSample& s) const;
  /// The model's own prediction, before the roofline bound.
  double raw_predict_ms(const LayerSample& s) const;
  /// True when the roofline bound, not the model, gives predict_ms.
  bool bound_binds(const LayerSample& s) const;
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

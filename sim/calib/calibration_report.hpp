#pragma once
// Text reports of calibrate: the fit per type, and accuracy summaries of held-out predictions (per type on
// the layers that matter, per network on the total).

#include <string>
#include <vector>

#include "calib/calibration.hpp"

namespace splitsim {

/// One table row per type: samples, chosen form, R^2, in-sample median/p90 error, cross-validated error
/// of every candidate form.
std::string fit_report(const Calibration& c);

/// Per type: which roofline term bounds its samples, how often the model alone would beat the bound, the
/// forms rejected as non-monotone, the generic model's cross-validated error and the model used.
std::string physics_report(const Calibration& c, const std::vector<LayerSample>& samples);

/// Per network: measured and predicted totals, and when they differ by more than `tolerance` (a fraction),
/// the layer type whose predicted time misses most.
std::string totals_report(const std::vector<LayerSample>& samples, const std::vector<double>& predicted, double tolerance);

struct AccuracySummary {
  struct TypeRow {
    LayerType type;
    int layers = 0;        ///< predicted layers of at least min_share of their network's measured time
    double median_ape = 0, p90_ape = 0;
  };
  struct NetworkRow {
    std::string network;
    int layers = 0;
    int unpredicted = 0;
    double measured_ms = 0, predicted_ms = 0;
    double error_percent = 0;  ///< signed, predicted vs measured total
  };
  std::vector<TypeRow> types;
  std::vector<NetworkRow> networks;
};

/// `predicted[i]` is the prediction for `samples[i]` (NaN: none). Layers below `min_share` of their network's
/// measured total are left out of the per-type rows (they still count in the totals).
AccuracySummary summarize_accuracy(const std::vector<LayerSample>& samples, const std::vector<double>& predicted,
                                   double min_share = 0.01);
std::string accuracy_report(const AccuracySummary& s, const std::string& title);

}  // namespace splitsim

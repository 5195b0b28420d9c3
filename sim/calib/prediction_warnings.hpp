#pragma once
// Warnings about predictions a model is stretched to make: a layer far outside the data its model was fitted
// on, a model whose cross-validated error is large, a type predicted by the generic model. One line per
// (platform, layer type), however many layers and networks raise it (docs/calibration.md, "Warnings").

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "calib/layer_sample.hpp"
#include "calib/platform.hpp"

namespace splitsim {

/// A layer lies outside its model's data when a measure (MFLOP, MB moved, batch) is beyond the fitted range
/// by more than this factor.
inline constexpr double kStretchFactor = 10.0;
/// A model whose cross-validated median absolute error is above this (in %) is flagged.
inline constexpr double kLooseModelPercent = 25.0;

class PredictionWarnings {
 public:
  /// Checks the prediction of `s` (layer `layer` of network `network`) on `platform`.
  void check(const Platform& platform, const LayerSample& s, const std::string& network, const std::string& layer);
  void merge(const PredictionWarnings& other);
  bool empty() const { return notes_.empty(); }
  /// "platform P, TYPE: ..." lines, sorted.
  std::vector<std::string> lines() const;

 private:
  struct Note {
    std::string model;    ///< the model's own problem (loose, generic), once
    std::string stretch;  ///< the worst stretched layer seen
    double worst = 1;
  };
  std::map<std::pair<std::string, std::string>, Note> notes_;  ///< by (platform, type)
};

}  // namespace splitsim

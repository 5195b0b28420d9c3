#include "calib/prediction_warnings.hpp"

#include <cmath>

#include <fmt/format.h>

namespace splitsim {

void PredictionWarnings::check(const Platform& platform, const LayerSample& s, const std::string& network,
                               const std::string& layer) {
  const Calibration& c = platform.latency;
  auto own = c.types.find(s.type);
  const TypeFit* fit = own != c.types.end() ? &own->second : c.generic ? &*c.generic : nullptr;
  if (fit == nullptr) return;
  std::string model;
  if (own == c.types.end()) {
    model = fmt::format("no {} layer was measured; the generic model predicts them", layer_type_name(s.type));
  } else if (fit->cv_median_ape > kLooseModelPercent) {
    model = fmt::format("its model's cross-validated median error is {:.1f} % (above {:.0f} %)", fit->cv_median_ape,
                        kLooseModelPercent);
  }
  std::string measure;
  double outside = fit->range.outside(s, &measure);
  if (model.empty() && outside <= kStretchFactor) return;
  Note& note = notes_[{platform.name, std::string(layer_type_name(s.type))}];
  if (note.model.empty()) note.model = model;
  if (outside > kStretchFactor && outside > note.worst) {
    note.worst = outside;
    note.stretch = fmt::format("{} of {} lies {:.0f}x outside the {} range its model was fitted on", layer, network,
                               outside, measure);
  }
}

void PredictionWarnings::merge(const PredictionWarnings& other) {
  for (const auto& [key, theirs] : other.notes_) {
    Note& mine = notes_[key];
    if (mine.model.empty()) mine.model = theirs.model;
    if (theirs.worst > mine.worst) mine.worst = theirs.worst, mine.stretch = theirs.stretch;
  }
}

std::vector<std::string> PredictionWarnings::lines() const {
  std::vector<std::string> out;
  for (const auto& [key, note] : notes_) {
    std::string text = note.model;
    if (!note.stretch.empty()) text += (text.empty() ? "" : "; ") + note.stretch;
    out.push_back(fmt::format("platform {}, {} layers: {}", key.first, key.second, text));
  }
  return out;
}

}  // namespace splitsim

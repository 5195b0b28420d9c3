#pragma once
// The `splitsim calibrate` workflow, from profiles to a platform and its report: read the profiles (spreading
// the network totals of --totals profiles by a first roofline fit), fit latency and power, report the fit, the
// physical limits, the in-sample totals, leave-one-network-out accuracy and a held-out validation. The CLI
// only parses options and writes the outputs.

#include <optional>
#include <string>
#include <vector>

#include "calib/calibration.hpp"
#include "calib/platform.hpp"
#include "calib/profile_io.hpp"

namespace splitsim {

struct CalibrationRequest {
  std::vector<std::string> profiles;  ///< IMPORTER:PATH or PATH
  std::vector<std::string> totals;    ///< profiles whose network totals (not their per-layer split) are sound
  Importer importer = Importer::neutral;
  std::string name, description;
  CalibrationOptions options;
  std::string power;     ///< a power model file to store, or empty
  std::string validate;  ///< a held-out profile, or empty
  std::optional<Importer> validate_importer;
  Json provenance = Json::object();  ///< what the caller records (command, version); inputs are added
};

struct CalibrationResult {
  Platform platform;
  std::string report;           ///< Markdown, as printed
  std::string lono_csv;         ///< profile rows with their leave-one-network-out prediction (empty: < 2 networks)
  std::string predictions_csv;  ///< --validate rows with their prediction (empty without --validate)
};

CalibrationResult run_calibration(const CalibrationRequest& request);

}  // namespace splitsim

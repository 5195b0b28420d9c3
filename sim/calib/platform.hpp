#pragma once
// A platform file (calibration/*.json): fitted latency models per layer type, a generic model, an
// optional power model, and how it was all produced.

#include <string>

#include "calib/calibration.hpp"
#include "calib/power_model.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

struct Platform {
  std::string name;
  std::string description;
  std::string path;  ///< where it was read from
  Calibration latency;
  std::map<LayerType, Json> fit_reports;  ///< per type, as written by calibrate (for display)
  PowerModel power;
  Json provenance;  ///< command, inputs, version
};

Json platform_to_json(const Platform& p);
Platform parse_platform(const Json& doc, const std::string& file);
/// A file path, or a shipped name: calibration/<name>.json.
Platform load_platform(const std::string& name_or_path);

}  // namespace splitsim
